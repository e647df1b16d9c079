//! Forms, checked before a handler sees them. `CsrfForm` for public pages: the browser's
//! CSRF token. `AccountForm` for an account's pages: that too, and the binding to the one
//! account session the form was made for. A handler that takes one cannot forget either.

use crate::http::csrf::CsrfToken;
use axum::body::{Body, Bytes, to_bytes};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::app::AppState;
use crate::sessions::extract::{SignedIn, sign_in_link, signed_out_page};
use crate::ui::ErrorPage;

#[derive(Debug, Default, Deserialize)]
struct GuardFields {
    #[serde(default)]
    authenticity_token: String,
    #[serde(default)]
    account_token: String,
}

/// The body of a form whose CSRF token is this browser's, and its guard fields.
async fn checked_body(
    parts: &mut Parts,
    body: Body,
    state: &AppState,
) -> Result<(CsrfToken, Bytes, GuardFields), Response> {
    let Ok(csrf) = CsrfToken::from_request_parts(parts, state).await;
    let bytes = to_bytes(body, state.config.max_body_bytes)
        .await
        .map_err(|_| ErrorPage::for_status(StatusCode::PAYLOAD_TOO_LARGE).into_response())?;
    let guard: GuardFields = serde_urlencoded::from_bytes(&bytes).unwrap_or_default();
    if !csrf.verify(&guard.authenticity_token)
        && !previously_made(parts, state, &guard.authenticity_token)
    {
        return Err(ErrorPage::for_status(StatusCode::FORBIDDEN).into_response());
    }
    Ok((csrf, bytes, guard))
}

/// Whether the form token was made with the previous secret key (a rotation under way).
fn previously_made(parts: &Parts, state: &AppState, token: &str) -> bool {
    state
        .csrf_previous
        .as_ref()
        .is_some_and(|previous| previous.accepts(parts, token))
}

fn fields<T: DeserializeOwned>(bytes: &Bytes) -> Result<T, ErrorPage> {
    serde_urlencoded::from_bytes(bytes)
        .map_err(|_| ErrorPage::for_status(StatusCode::UNPROCESSABLE_ENTITY))
}

/// A form with nothing but its guard fields.
#[derive(Debug, Default, Deserialize)]
pub struct NoFields {}

/// A form posted to a public page (sign-in, sign-up, reset…), its CSRF token checked.
/// `csrf` is the token to render the page again with.
pub struct CsrfForm<T> {
    pub csrf: CsrfToken,
    pub fields: T,
}

impl<T: std::fmt::Debug> std::fmt::Debug for CsrfForm<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CsrfForm")
            .field("fields", &self.fields)
            .finish_non_exhaustive()
    }
}

impl<T: DeserializeOwned + Send> FromRequest<AppState> for CsrfForm<T> {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Response> {
        let (mut parts, body) = request.into_parts();
        let (csrf, bytes, _) = checked_body(&mut parts, body, state).await?;
        Ok(Self {
            csrf,
            fields: fields(&bytes).map_err(IntoResponse::into_response)?,
        })
    }
}

/// A form posted to an account page, checked before the handler sees it: the browser's
/// CSRF token, the account at `/u/N/` signed in, and the form made for that very account
/// session. `fields` is the form itself; `raw` its fields as sent (re-authentication
/// carries them over).
pub struct AccountForm<T> {
    pub signed_in: SignedIn,
    pub csrf: CsrfToken,
    pub fields: T,
    pub raw: Vec<(String, String)>,
    /// The page of this site the form was sent from (its `Referer`), to return to when the
    /// form itself cannot be replayed.
    pub back: Option<crate::http::next::LocalPath>,
    /// Where the form was posted (path and query): where it is sent again after a
    /// re-authentication.
    pub action: String,
}

impl<T: std::fmt::Debug> std::fmt::Debug for AccountForm<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AccountForm")
            .field("position", &self.signed_in.account.position)
            .field("fields", &self.fields)
            .finish_non_exhaustive()
    }
}

impl<T: DeserializeOwned + Send> FromRequest<AppState> for AccountForm<T> {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Response> {
        let (mut parts, body) = request.into_parts();
        let (csrf, bytes, guard) = checked_body(&mut parts, body, state).await?;
        let signed_in = SignedIn::from_request_parts(&mut parts, state).await?;
        if !signed_in.accepts_account_token(state, &guard.account_token) {
            // The position now holds another account (or another session of it).
            let sign_in = sign_in_link(None, &parts.uri);
            return Err(signed_out_page(state, None, &sign_in));
        }
        let fields = fields(&bytes).map_err(IntoResponse::into_response)?;
        let raw = serde_urlencoded::from_bytes(&bytes).unwrap_or_default();
        let back = parts
            .headers
            .get(axum::http::header::REFERER)
            .and_then(|v| v.to_str().ok())
            .and_then(|r| url::Url::parse(r).ok())
            .filter(|r| r.origin() == state.config.public_url.origin())
            .and_then(|r| {
                let path = match r.query() {
                    Some(q) => format!("{}?{q}", r.path()),
                    None => r.path().to_owned(),
                };
                crate::http::next::LocalPath::parse(&path)
            });
        Ok(Self {
            signed_in,
            csrf,
            fields,
            raw,
            back,
            action: parts
                .uri
                .path_and_query()
                .map_or_else(|| parts.uri.path().to_owned(), |p| p.as_str().to_owned()),
        })
    }
}
