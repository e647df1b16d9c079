//! Refuses cross-site form posts: an unsafe request whose `Origin` is not ours is answered
//! 403 before any handler runs. (Form CSRF tokens are the second line; callbacks under
//! `/hooks/`, the token-authenticated agent API under `/api/` and the OpenID Provider's
//! endpoints for apps are exempt.)

use axum::extract::{Request, State};
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::app::AppState;
use crate::ui::ErrorPage;

pub async fn check(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    let path = request.uri().path();
    // The provider's endpoints for apps: their callers authenticate themselves (client
    // secrets, PKCE, bearer tokens) or, for `authorize`, start a sign-in that asks the
    // person before anything happens.
    let exempt = path.starts_with("/hooks/")
        || path.starts_with("/api/")
        || matches!(
            path,
            "/oauth2/token" | "/oauth2/revoke" | "/oauth2/userinfo" | "/oauth2/authorize"
        );
    if !safe && !exempt {
        let origin = request
            .headers()
            .get(header::ORIGIN)
            .and_then(|v| v.to_str().ok());
        let ours = state.config.public_url.origin().ascii_serialization();
        let own_host = request
            .headers()
            .get(header::HOST)
            .and_then(|v| v.to_str().ok())
            .map(|host| format!("{}://{host}", state.config.public_url.scheme()));
        if let Some(origin) = origin
            && origin != ours
            && Some(origin) != own_host.as_deref()
        {
            tracing::warn!(%origin, "refused a cross-origin request");
            return ErrorPage::for_status(StatusCode::FORBIDDEN).into_response();
        }
    }
    next.run(request).await
}
