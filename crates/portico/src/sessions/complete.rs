//! The end of every successful sign-in: a session for the account in this browser (with a
//! new token), its cookie, and a redirect to the account's `/u/N/` page.

use std::net::SocketAddr;

use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use uuid::Uuid;

use crate::app::AppState;
use crate::sessions::SessionPolicy;
use crate::sessions::cookie::SessionCookie;
use crate::sessions::store::{self, SignIn, SignInError, SignedInAt};

/// Who is signing in, from where.
pub fn who(
    account_id: Uuid,
    keep_signed_in: bool,
    addr: SocketAddr,
    headers: &HeaderMap,
) -> SignIn {
    SignIn {
        account_id,
        keep_signed_in,
        ip: Some(addr.ip()),
        user_agent: headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
    }
}

/// The cookie and redirect that finish a sign-in.
pub fn response(state: &AppState, signed_in: &SignedInAt) -> Response {
    let cookie = SessionCookie::new(state.config.is_https());
    let keep_for = signed_in
        .keep_signed_in
        .then_some(SessionPolicy::default().idle_kept);
    (
        [(header::SET_COOKIE, cookie.set(&signed_in.token, keep_for))],
        Redirect::to(&format!("/u/{}/", signed_in.position)),
    )
        .into_response()
}

/// Signs `who` in within this browser and answers with the cookie and redirect.
pub async fn sign_in(
    state: &AppState,
    headers: &HeaderMap,
    who: &SignIn,
) -> Result<Response, SignInError> {
    let current = SessionCookie::new(state.config.is_https()).read(headers);
    let mut tx = state.db.begin().await?;
    let signed_in = store::sign_in(
        &mut tx,
        &SessionPolicy::default(),
        state.clock.now(),
        current.as_ref(),
        who,
    )
    .await?;
    tx.commit().await?;
    Ok(response(state, &signed_in))
}
