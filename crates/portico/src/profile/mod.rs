//! Your Info: the account's profile: its name, when it was created, its sign-in aliases,
//! and the time zone its pages show times in.

pub mod store;
mod zones;

use crate::http::csrf::CsrfToken;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;
use serde_json::json;

use crate::app::AppState;
use crate::audit::{self, Kind};
use crate::auth::accounts;
use crate::contact::Destination;
use crate::http::client::ClientInfo;
use crate::i18n::t;
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
    is_phone: bool,
    /// "Email", "Phone", in the page's language.
    kind: String,
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
    /// The zone times are shown in ("Europe / Berlin"), or `None`: not chosen, UTC.
    zone: Option<String>,
    notice: Option<String>,
}

/// The time zone's own page: a long list, kept off Your Info.
#[derive(Template)]
#[template(path = "pages/profile/time_zone.html")]
struct ZonePage<'a> {
    layout: Layout<'a>,
    position: i32,
    guard: FormGuard,
    zones: Vec<zones::ZoneChoice>,
    /// Whether the person has chosen a zone (else the browser's is offered).
    zone_chosen: bool,
    error: Option<String>,
}

/// What the page says besides the account itself.
#[derive(Debug, Default)]
struct Flash {
    /// The name form's message.
    name_error: Option<String>,
    /// Why an alias change was refused.
    alias_error: Option<String>,
    notice: Option<String>,
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
            is_phone: matches!(a.destination, Destination::Phone(_)),
            kind: t(match a.destination {
                Destination::Email(_) => "info-kind-email",
                Destination::Phone(_) => "info-kind-phone",
            }),
            value: a.destination.readable().to_owned(),
            verified: a.verified,
            is_primary: a.is_primary,
            sign_in_allowed: a.sign_in_allowed,
            added: format_time(a.created_at),
            pending_left: a.pending_left(now).map(human_wait),
        })
        .collect();
    let page = InfoPage {
        layout: Layout::new(state, t("info-title")).with_account(signed_in.menu(state, &csrf)),
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
        zone: crate::i18n::zone().map(zones::label),
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

fn notice_for(q: &InfoQuery) -> Option<String> {
    if q.saved.is_some() {
        return Some(t("info-name-saved"));
    }
    let key = match q.done.as_str() {
        "primary" => "info-primary-changed",
        "sign_in" => "info-sign-in-saved",
        "removed" => "info-alias-removed",
        "added" => "info-alias-added",
        "time_zone" => "info-zone-saved",
        _ => return None,
    };
    Some(t(key))
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

#[derive(Debug, Default, Deserialize)]
pub struct ZoneFields {
    #[serde(default)]
    time_zone: String,
}

fn zone_page(
    state: &AppState,
    signed_in: &SignedIn,
    csrf: CsrfToken,
    error: Option<String>,
) -> axum::response::Response {
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = ZonePage {
        layout: Layout::new(state, t("info-zone-title"))
            .with_account(signed_in.menu(state, &csrf))
            .with_script("js/time-zone.js"),
        position: signed_in.account.position,
        guard: signed_in.guard(state, &csrf),
        zones: zones::choices(crate::i18n::zone()),
        zone_chosen: signed_in.account.time_zone.is_some(),
        error,
    };
    (status, csrf, render_html(&page)).into_response()
}

/// `GET /u/{n}/info/time-zone`: the zone, chosen from the list (the browser's offered when
/// none was chosen).
pub async fn show_time_zone(
    State(state): State<AppState>,
    csrf: CsrfToken,
    signed_in: SignedIn,
) -> axum::response::Response {
    zone_page(&state, &signed_in, csrf, None)
}

/// `POST /u/{n}/info/time-zone`: the zone this account's times are shown in (empty: UTC).
pub async fn change_time_zone(
    State(state): State<AppState>,
    form: AccountForm<ZoneFields>,
) -> PageResult {
    let signed_in = &form.signed_in;
    let Ok(zone) = zones::parse(&form.fields.time_zone) else {
        let error = Some(t("info-zone-unknown"));
        return Ok(zone_page(&state, signed_in, form.csrf, error));
    };
    store::set_time_zone(&state.db, signed_in.account.account_id, zone).await?;
    Ok(Redirect::to(&format!("{}?done=time_zone", signed_in.path("info"))).into_response())
}

/// The routes of Your Info.
pub fn routes() -> axum::Router<AppState> {
    use axum::Router;
    use axum::routing::{get, post};
    Router::new()
        .route("/u/{n}/info", get(show))
        .route("/u/{n}/info/name", post(change_name))
        .route(
            "/u/{n}/info/time-zone",
            get(show_time_zone).post(change_time_zone),
        )
}
