//! Your Info: the account's profile. For now its display name; the aliases join it.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_csrf::CsrfToken;
use serde::Deserialize;
use serde_json::json;

use crate::app::AppState;
use crate::audit::{self, Kind};
use crate::http::client::ClientInfo;
use crate::http::error_pages::PageResult;
use crate::pages::{AccountMenu, Layout, initials, render_html};
use crate::sessions::extract::{AccountForm, FormGuard, SignedIn};
use crate::signup::form::parse_display_name;

#[derive(Template)]
#[template(path = "pages/profile/info.html")]
struct InfoPage<'a> {
    layout: Layout<'a>,
    position: i32,
    guard: FormGuard,
    initials: String,
    name: &'a str,
    alias: String,
    error: Option<String>,
    saved: bool,
}

fn page(
    state: &AppState,
    signed_in: &SignedIn,
    csrf: CsrfToken,
    name: &str,
    error: Option<String>,
    saved: bool,
) -> Response {
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = InfoPage {
        layout: Layout::new(state, "Your info")
            .with_account(AccountMenu::new(state, signed_in, &csrf)),
        position: signed_in.account.position,
        guard: signed_in.guard(state, &csrf),
        initials: initials(&signed_in.account.display_name),
        name,
        alias: signed_in.account.masked_alias(),
        error,
        saved,
    };
    (status, csrf, render_html(&page)).into_response()
}

#[derive(Debug, Default, Deserialize)]
pub struct InfoQuery {
    #[serde(default)]
    saved: Option<String>,
}

/// `GET /u/{n}/info`
pub async fn show(
    State(state): State<AppState>,
    csrf: CsrfToken,
    signed_in: SignedIn,
    axum::extract::Query(q): axum::extract::Query<InfoQuery>,
) -> Response {
    let name = signed_in.account.display_name.clone();
    page(&state, &signed_in, csrf, &name, None, q.saved.is_some())
}

#[derive(Debug, Default, Deserialize)]
pub struct NameFields {
    #[serde(default)]
    display_name: String,
}

/// `POST /u/{n}/info/name`
pub async fn change_name(
    State(state): State<AppState>,
    client: ClientInfo,
    form: AccountForm<NameFields>,
) -> PageResult {
    let signed_in = &form.signed_in;
    let name = match parse_display_name(&form.fields.display_name) {
        Ok(name) => name,
        Err(message) => {
            return Ok(page(
                &state,
                signed_in,
                form.csrf,
                &form.fields.display_name,
                Some(message),
                false,
            ));
        }
    };
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    sqlx::query("update accounts set display_name = $2 where id = $1")
        .bind(signed_in.account.account_id)
        .bind(&name)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        now,
        signed_in.account.account_id,
        Kind::NameChanged,
        &client,
        json!({}),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("{}?saved=1", signed_in.path("info"))).into_response())
}
