//! `/u/N/`: the home of a signed-in account, and signing out of one or all accounts.

use crate::http::csrf::CsrfToken;
use askama::Template;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::json;

use crate::app::AppState;
use crate::audit::{self, Kind};
use crate::http::client::ClientInfo;
use crate::sessions::cookie::SessionCookie;
use crate::sessions::extract::{Browser, SignedIn};
use crate::sessions::forms::{AccountForm, CsrfForm, NoFields};
use crate::sessions::store;
use crate::ui::PageResult;
use crate::ui::{Layout, render_html};

#[derive(Template)]
#[template(path = "pages/account/home.html")]
struct Home<'a> {
    layout: Layout<'a>,
    name: &'a str,
    alias: String,
    position: i32,
}

/// `GET /u/{n}/`
pub async fn home(
    State(state): State<AppState>,
    token: CsrfToken,
    signed_in: SignedIn,
) -> Response {
    let page = Home {
        layout: Layout::new(&state, crate::i18n::t("menu-account"))
            .with_account(signed_in.menu(&state, &token)),
        name: &signed_in.account.display_name,
        alias: signed_in.account.readable_alias(),
        position: signed_in.account.position,
    };
    (token, render_html(&page)).into_response()
}

/// `POST /u/{n}/signout`: ends this account's session in this browser only.
pub async fn sign_out(
    State(state): State<AppState>,
    client: ClientInfo,
    form: AccountForm<NoFields>,
) -> PageResult {
    let signed_in = &form.signed_in;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let ended = store::end_session(
        &mut tx,
        signed_in.account.account_id,
        signed_in.account.session_id,
        now,
    )
    .await?;
    if ended {
        audit::record(
            &mut tx,
            now,
            signed_in.account.account_id,
            Kind::SignedOut,
            &client,
            json!({}),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(crate::security::after_leaving(&state, signed_in))
}

#[derive(Debug, Deserialize)]
pub struct SignOutAllForm {}

/// `POST /signout`: signs every account out of this browser and forgets its session.
pub async fn sign_out_all(
    State(state): State<AppState>,
    client: ClientInfo,
    browser: Browser,
    CsrfForm {
        csrf: _token,
        fields: _form,
    }: CsrfForm<SignOutAllForm>,
) -> PageResult {
    if let Some(session_token) = &browser.token {
        let now = state.clock.now();
        let mut tx = state.db.begin().await?;
        let accounts = store::sign_out_all(&mut tx, session_token).await?;
        for account_id in accounts {
            audit::record(
                &mut tx,
                now,
                account_id,
                Kind::SignedOut,
                &client,
                json!({"all": true}),
            )
            .await?;
        }
        tx.commit().await?;
    }
    let cookie = SessionCookie::new(state.config.is_https());
    Ok(([(header::SET_COOKIE, cookie.clear())], Redirect::to("/")).into_response())
}
