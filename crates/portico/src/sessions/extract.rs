//! Extractors that make "which account is this request for" impossible to forget: the
//! account is the `N` in `/u/N/…`, looked up in this browser's session.

use axum::extract::{FromRequestParts, Path};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};

use crate::app::AppState;
use crate::http::error_pages::{ErrorPage, internal_error};
use crate::sessions::cookie::SessionCookie;
use crate::sessions::store::{self, AccountInBrowser};
use crate::sessions::token::SessionToken;

/// This browser's session: its token and every account signed in within it.
#[derive(Debug, Clone, Default)]
pub struct Browser {
    pub token: Option<SessionToken>,
    pub accounts: Vec<AccountInBrowser>,
}

impl FromRequestParts<AppState> for Browser {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let Some(token) = SessionCookie::new(state.config.is_https()).read(&parts.headers) else {
            return Ok(Self::default());
        };
        let accounts = store::accounts(&state.db, state.clock.now(), &token)
            .await
            .map_err(internal_error)?;
        Ok(Self {
            token: Some(token),
            accounts,
        })
    }
}

/// The account at `/u/N/`, signed in and not expired.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub browser: Browser,
    pub account: AccountInBrowser,
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let Path(position) = Path::<i32>::from_request_parts(parts, state)
            .await
            .map_err(|_| ErrorPage::not_found().into_response())?;
        let browser = Browser::from_request_parts(parts, state).await?;
        let account = browser
            .accounts
            .iter()
            .find(|a| a.position == position && !a.expired)
            .cloned()
            .ok_or_else(|| ErrorPage::for_status(StatusCode::UNAUTHORIZED).into_response())?;
        let policy = crate::sessions::SessionPolicy::default();
        store::touch(&state.db, &policy, state.clock.now(), account.session_id)
            .await
            .map_err(internal_error)?;
        Ok(Self { browser, account })
    }
}
