//! Your Info: the account's profile: its name, when it was created, and its sign-in aliases.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum_csrf::CsrfToken;
use serde::Deserialize;
use serde_json::json;

use crate::app::AppState;
use crate::audit::{self, Kind};
use crate::auth::accounts;
use crate::contact::Destination;
use crate::http::client::ClientInfo;
use crate::sessions::extract::SignedIn;
use crate::sessions::forms::AccountForm;
use crate::signup::form::parse_display_name;
use crate::text::human_wait;
use crate::text::{format_time, initials};
use crate::ui::FormGuard;
use crate::ui::PageResult;
use crate::ui::{Layout, render_html};

/// One alias as the page shows it.
struct AliasView {
    id: uuid::Uuid,
    kind: &'static str,
    value: String,
    verified: bool,
    is_primary: bool,
    sign_in_allowed: bool,
    added: String,
    /// For a pending alias, how long it waits for its code.
    pending_left: Option<String>,
}

#[derive(Template)]
#[template(path = "pages/profile/info.html")]
struct InfoPage<'a> {
    layout: Layout<'a>,
    position: i32,
    guard: FormGuard,
    initials: String,
    /// The saved name, which the card shows.
    saved_name: &'a str,
    /// The name field, holding what was typed when it was refused.
    name: &'a str,
    alias: String,
    created: String,
    aliases: Vec<AliasView>,
    error: Option<String>,
    alias_error: Option<String>,
    notice: Option<&'static str>,
}

/// What the page says besides the account itself.
#[derive(Debug, Default)]
struct Flash {
    /// The name form's message.
    name_error: Option<String>,
    /// Why an alias change was refused.
    alias_error: Option<String>,
    notice: Option<&'static str>,
}

/// Your Info: the account and its aliases (which the browser's session lookup brought: no
/// query of its own) and the name form, holding `name` as typed.
async fn page(
    state: &AppState,
    signed_in: &SignedIn,
    csrf: CsrfToken,
    name: &str,
    flash: Flash,
    status: StatusCode,
) -> PageResult {
    let now = state.clock.now();
    let created = signed_in.account.account_created_at;
    let aliases = signed_in
        .account
        .aliases(now)
        .into_iter()
        .map(|a| AliasView {
            id: a.id,
            kind: match a.destination {
                Destination::Email(_) => "Email",
                Destination::Phone(_) => "Phone",
            },
            value: a.destination.readable().to_owned(),
            verified: a.verified,
            is_primary: a.is_primary,
            sign_in_allowed: a.sign_in_allowed,
            added: format_time(a.created_at),
            pending_left: a.pending_left(now).map(human_wait),
        })
        .collect();
    let page = InfoPage {
        layout: Layout::new(state, "Your info").with_account(signed_in.menu(state, &csrf)),
        position: signed_in.account.position,
        guard: signed_in.guard(state, &csrf),
        initials: initials(&signed_in.account.display_name),
        saved_name: &signed_in.account.display_name,
        name,
        alias: signed_in.account.readable_alias(),
        created: format_time(created),
        aliases,
        error: flash.name_error,
        alias_error: flash.alias_error,
        notice: flash.notice,
    };
    Ok((status, csrf, render_html(&page)).into_response())
}

#[derive(Debug, Default, Deserialize)]
pub struct InfoQuery {
    #[serde(default)]
    saved: Option<String>,
    #[serde(default)]
    done: String,
}

fn notice_for(q: &InfoQuery) -> Option<&'static str> {
    if q.saved.is_some() {
        return Some("Your name was saved.");
    }
    match q.done.as_str() {
        "primary" => Some("Your primary address was changed."),
        "sign_in" => Some("Your sign-in choice was saved."),
        "removed" => Some("The address was removed."),
        "added" => Some("The address was verified and added to your account."),
        _ => None,
    }
}

/// Your Info again, saying why an alias change was refused.
pub(crate) async fn refused(
    state: &AppState,
    signed_in: &SignedIn,
    csrf: CsrfToken,
    refusal: impl std::fmt::Display,
    status: StatusCode,
) -> PageResult {
    let flash = Flash {
        alias_error: Some(refusal.to_string()),
        ..Flash::default()
    };
    let name = signed_in.account.display_name.clone();
    page(state, signed_in, csrf, &name, flash, status).await
}

/// `GET /u/{n}/info`
pub async fn show(
    State(state): State<AppState>,
    csrf: CsrfToken,
    signed_in: SignedIn,
    Query(q): Query<InfoQuery>,
) -> PageResult {
    let name = signed_in.account.display_name.clone();
    let flash = Flash {
        notice: notice_for(&q),
        ..Flash::default()
    };
    page(&state, &signed_in, csrf, &name, flash, StatusCode::OK).await
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
            let flash = Flash {
                name_error: Some(message),
                ..Flash::default()
            };
            return page(
                &state,
                signed_in,
                form.csrf,
                &form.fields.display_name,
                flash,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    accounts::rename(&mut tx, signed_in.account.account_id, &name).await?;
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

/// The routes of Your Info.
pub fn routes() -> axum::Router<AppState> {
    use axum::Router;
    use axum::routing::{get, post};
    Router::new()
        .route("/u/{n}/info", get(show))
        .route("/u/{n}/info/name", post(change_name))
}
