//! `/u/N/`: the home of a signed-in account, and signing it out.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum_csrf::CsrfToken;
use serde::Deserialize;

use crate::app::AppState;
use crate::http::error_pages::{ErrorPage, internal_error};
use crate::pages::{AccountMenu, Layout, render_html};
use crate::sessions::cookie::SessionCookie;
use crate::sessions::extract::SignedIn;
use crate::sessions::store;

#[derive(Template)]
#[template(path = "pages/account/home.html")]
struct Home<'a> {
    layout: Layout<'a>,
    name: &'a str,
    alias: &'a str,
}

/// `GET /u/{n}/`
pub async fn home(
    State(state): State<AppState>,
    token: CsrfToken,
    signed_in: SignedIn,
) -> Response {
    let csrf = token.authenticity_token().unwrap_or_default();
    let page = Home {
        layout: Layout::new(&state, "Your account")
            .with_account(AccountMenu::new(&signed_in, csrf)),
        name: &signed_in.account.display_name,
        alias: signed_in
            .account
            .primary_alias
            .as_deref()
            .unwrap_or_default(),
    };
    (token, render_html(&page)).into_response()
}

#[derive(Debug, Deserialize)]
pub struct SignOutForm {
    #[serde(default)]
    authenticity_token: String,
}

/// `POST /u/{n}/signout`: ends this account's session in this browser only.
pub async fn sign_out(
    State(state): State<AppState>,
    token: CsrfToken,
    signed_in: SignedIn,
    Form(form): Form<SignOutForm>,
) -> Response {
    if token.verify(&form.authenticity_token).is_err() {
        return ErrorPage::for_status(StatusCode::FORBIDDEN).into_response();
    }
    let Some(session_token) = &signed_in.browser.token else {
        return Redirect::to("/").into_response();
    };
    if let Err(e) = store::sign_out(
        &state.db,
        state.clock.now(),
        session_token,
        signed_in.account.position,
    )
    .await
    {
        return internal_error(e);
    }
    let remaining = signed_in
        .browser
        .accounts
        .iter()
        .find(|a| a.position != signed_in.account.position && !a.expired);
    match remaining {
        Some(other) => Redirect::to(&format!("/u/{}/", other.position)).into_response(),
        None => {
            let cookie = SessionCookie::new(state.config.is_https());
            ([(header::SET_COOKIE, cookie.clear())], Redirect::to("/")).into_response()
        }
    }
}
