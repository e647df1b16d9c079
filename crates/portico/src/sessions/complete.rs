//! The end of every successful sign-in: a session for the account in this browser (with a
//! new token), an audit event, its cookie, and a redirect to the account's `/u/N/` page (or
//! to the local page it was heading for).

use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde_json::json;
use sqlx::PgConnection;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::app::AppState;
use crate::audit::{self, Kind};
use crate::http::client::ClientInfo;
use crate::http::next::LocalPath;
use crate::sessions::cookie::SessionCookie;
use crate::sessions::store::{self, SignIn, SignInError, SignedInAt};
use crate::sessions::token::SessionToken;

/// How someone proved who they are, as the audit trail records it.
#[derive(Debug, Clone, Copy)]
pub enum Method {
    Password,
    Code,
    SignUp,
    /// An OpenID provider.
    Provider,
    Passkey,
}

impl Method {
    /// The method `as_str` names (a password for anything else).
    pub fn from_name(name: &str) -> Self {
        match name {
            "code" => Self::Code,
            "sign_up" => Self::SignUp,
            "provider" => Self::Provider,
            "passkey" => Self::Passkey,
            _ => Self::Password,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Password => "password",
            Self::Code => "code",
            Self::SignUp => "sign_up",
            Self::Provider => "provider",
            Self::Passkey => "passkey",
        }
    }
}

/// Who is signing in, from where.
pub fn who(account_id: Uuid, keep_signed_in: bool, client: &ClientInfo, method: Method) -> SignIn {
    SignIn {
        account_id,
        keep_signed_in,
        method: method.as_str(),
        ip: client.ip,
        user_agent: client.user_agent.clone(),
        browser: client.browser.clone(),
    }
}

/// Opens a session for `who` in the browser that holds `current` (if any), in the caller's
/// transaction, and tells the person when the browser is new to the account. Every sign-in
/// passes here.
pub async fn open(
    conn: &mut PgConnection,
    state: &AppState,
    current: Option<&SessionToken>,
    who: &SignIn,
) -> Result<SignedInAt, SignInError> {
    let now = state.clock.now();
    if let Some(delete_after) = crate::closing::store::closing_until(conn, who.account_id).await? {
        let offer = crate::closing::ReopenOffer::new(state, who, delete_after);
        return Err(SignInError::Closing(Box::new(offer)));
    }
    let mut signed_in = store::sign_in(conn, &state.sessions, now, current, who).await?;
    signed_in.new_mark =
        crate::alerts::after_sign_in(conn, state, now, who, signed_in.session_id).await?;
    Ok(signed_in)
}

/// Writes the sign-in to the account's audit trail.
pub async fn record(
    conn: &mut PgConnection,
    now: OffsetDateTime,
    who: &SignIn,
    method: Method,
) -> sqlx::Result<()> {
    let client = ClientInfo {
        ip: who.ip,
        user_agent: who.user_agent.clone(),
        browser: None,
    };
    audit::record(
        conn,
        now,
        who.account_id,
        Kind::SignIn,
        &client,
        json!({ "method": method.as_str() }),
    )
    .await
}

/// The session cookie for `token`; persistent when the account chose "keep me signed in".
pub fn cookie_header(
    state: &AppState,
    token: &SessionToken,
    keep_signed_in: bool,
) -> (header::HeaderName, axum::http::HeaderValue) {
    let cookie = SessionCookie::new(state.config.is_https());
    let keep_for = keep_signed_in.then_some(state.sessions.idle_kept);
    (header::SET_COOKIE, cookie.set(token, keep_for))
}

/// The cookie and redirect that finish a sign-in.
pub fn response(state: &AppState, signed_in: &SignedInAt, next: Option<&LocalPath>) -> Response {
    let target = next.map_or_else(
        || format!("/u/{}/", signed_in.position),
        |n| n.for_position(signed_in.position).as_str().to_owned(),
    );
    let mut response = (
        [cookie_header(
            state,
            &signed_in.token,
            signed_in.keep_signed_in,
        )],
        Redirect::to(&target),
    )
        .into_response();
    if let Some(mark) = &signed_in.new_mark {
        response
            .headers_mut()
            .append(header::SET_COOKIE, mark.cookie(state.config.is_https()));
    }
    response
}

/// Signs `who` in within this browser, records it, and answers with the cookie and redirect.
pub async fn sign_in(
    state: &AppState,
    headers: &HeaderMap,
    who: &SignIn,
    method: Method,
    next: Option<&LocalPath>,
) -> Result<Response, SignInError> {
    let current = SessionCookie::new(state.config.is_https()).read(headers);
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let signed_in = match open(&mut tx, state, current.as_ref(), who).await {
        Ok(signed_in) => signed_in,
        Err(SignInError::Closing(offer)) => {
            return Ok(crate::closing::page::offer_page(state, &offer));
        }
        Err(e) => return Err(e),
    };
    record(&mut tx, now, who, method).await?;
    tx.commit().await?;
    Ok(response(state, &signed_in, next))
}
