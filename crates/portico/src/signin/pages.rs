//! The sign-in page. One message for every failure (unknown alias, wrong password, alias not
//! allowed for sign-in) and the same work for each: a password hash is always verified.

use std::net::SocketAddr;

use askama::Template;
use axum::Form;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum_csrf::CsrfToken;
use serde::Deserialize;

use crate::app::AppState;
use crate::auth::accounts;
use crate::auth::password::{Password, Verification};
use crate::auth::throttle::{self, ThrottleKey};
use crate::http::error_pages::{ErrorPage, internal_error};
use crate::pages::code_entry::human_wait;
use crate::pages::{Layout, render_html};
use crate::sessions::complete;
use crate::sessions::store::SignInError;
use crate::signup::form::parse_address;

const NO_MATCH: &str =
    "That email or phone number and password don't match an account. Check them and try again.";

#[derive(Template)]
#[template(path = "pages/signin/form.html")]
struct SignInPage<'a> {
    layout: Layout<'a>,
    csrf: String,
    address: &'a str,
    error: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct SignInQuery {
    #[serde(default)]
    alias: String,
}

/// `GET /signin` (`?alias=` prefills the address).
pub async fn show_form(
    State(state): State<AppState>,
    token: CsrfToken,
    Query(q): Query<SignInQuery>,
) -> Response {
    let page = SignInPage {
        layout: Layout::new(&state, "Sign in"),
        csrf: token.authenticity_token().unwrap_or_default(),
        address: &q.alias,
        error: None,
    };
    (token, render_html(&page)).into_response()
}

pub(crate) fn form_again(
    state: &AppState,
    token: CsrfToken,
    address: &str,
    error: String,
    status: StatusCode,
) -> Response {
    let page = SignInPage {
        layout: Layout::new(state, "Sign in"),
        csrf: token.authenticity_token().unwrap_or_default(),
        address,
        error: Some(error),
    };
    (status, token, render_html(&page)).into_response()
}

#[derive(Debug, Default, Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    address: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    keep_signed_in: Option<String>,
    #[serde(default)]
    authenticity_token: String,
}

/// `POST /signin`
pub async fn submit(
    State(state): State<AppState>,
    token: CsrfToken,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(form): Form<SignInForm>,
) -> Response {
    if token.verify(&form.authenticity_token).is_err() {
        return ErrorPage::for_status(StatusCode::FORBIDDEN).into_response();
    }
    let alias = match parse_address(&form.address) {
        Ok(alias) => alias,
        Err(message) => {
            return form_again(
                &state,
                token,
                &form.address,
                message,
                StatusCode::UNPROCESSABLE_ENTITY,
            );
        }
    };
    let Some(password) = Password::typed(&form.password) else {
        return form_again(
            &state,
            token,
            &form.address,
            NO_MATCH.to_owned(),
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    };
    let now = state.clock.now();
    let mut conn = match state.db.acquire().await {
        Ok(conn) => conn,
        Err(e) => return internal_error(e),
    };
    let candidate = match accounts::find_for_sign_in(&mut conn, &alias).await {
        Ok(candidate) => candidate,
        Err(e) => return internal_error(e),
    };
    // An unknown alias is throttled under its own name, like an account.
    let subject = candidate
        .as_ref()
        .map_or_else(|| alias.normalized(), |c| c.account_id.to_string());
    let keys = [
        ThrottleKey::account(&subject),
        ThrottleKey::ip(&addr.ip().to_string()),
    ];
    match throttle::wait(&mut conn, &keys, now).await {
        Ok(wait) if wait.is_positive() => {
            let message = format!(
                "Too many wrong passwords. Try again in {}, or sign in with a code instead.",
                human_wait(wait)
            );
            return form_again(
                &state,
                token,
                &form.address,
                message,
                StatusCode::TOO_MANY_REQUESTS,
            );
        }
        Ok(_) => {}
        Err(e) => return internal_error(e),
    }
    let stored = candidate
        .as_ref()
        .filter(|c| c.usable)
        .and_then(|c| c.password_hash.as_deref());
    let verification = match state.passwords.verify(stored, &password).await {
        Ok(v) => v,
        Err(e) => return internal_error(e),
    };
    let (Some(candidate), Verification::Match | Verification::MatchNeedsRehash) = (
        candidate.as_ref().filter(|_| stored.is_some()),
        verification,
    ) else {
        if let Err(e) = throttle::record_failure(&mut conn, &keys, now).await {
            return internal_error(e);
        }
        tracing::info!("sign-in refused: no matching account and password");
        return form_again(
            &state,
            token,
            &form.address,
            NO_MATCH.to_owned(),
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    };
    drop(conn);
    if verification == Verification::MatchNeedsRehash {
        match state.passwords.hash(&password).await {
            Ok(hash) => {
                let mut conn = match state.db.acquire().await {
                    Ok(conn) => conn,
                    Err(e) => return internal_error(e),
                };
                if let Err(e) =
                    accounts::update_password_hash(&mut conn, candidate.account_id, &hash).await
                {
                    return internal_error(e);
                }
            }
            Err(e) => return internal_error(e),
        }
    }
    if let Err(e) = clear_account_throttle(&state, &keys[0]).await {
        return internal_error(e);
    }
    let who = complete::who(
        candidate.account_id,
        form.keep_signed_in.is_some(),
        addr,
        &headers,
    );
    let result = complete::sign_in(&state, &headers, &who).await;
    match result {
        Ok(response) => response,
        Err(SignInError::TooManyAccounts) => form_again(
            &state,
            token,
            &form.address,
            "This browser already has 10 accounts signed in. Sign out of one first.".to_owned(),
            StatusCode::CONFLICT,
        ),
        Err(SignInError::Database(e)) => internal_error(e),
    }
}

async fn clear_account_throttle(state: &AppState, key: &ThrottleKey) -> sqlx::Result<()> {
    let mut conn = state.db.acquire().await?;
    throttle::clear(&mut conn, key).await
}
