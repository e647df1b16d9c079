//! The person's side of linking a PC: `/link` (the address the agent prints), the code,
//! what the PC will share, and "Approve" or "Deny" (after a recent sign-in).

use crate::http::csrf::CsrfToken;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::json;
use time::Duration;
use uuid::Uuid;

use super::store::{self, Found};
use super::user_code;
use crate::app::AppState;
use crate::audit::{self, Kind};
use crate::http::client::ClientInfo;
use crate::http::next::sign_in_link;
use crate::limits::{self, Limit, LimitError};
use crate::reauth::RecentForm;
use crate::sessions::extract::{Browser, SignedIn};
use crate::sessions::forms::AccountForm;
use crate::ui::FormGuard;
use crate::ui::PageResult;
use crate::ui::{Layout, render_html};

#[derive(Debug, Default, Deserialize)]
pub struct CodeQuery {
    #[serde(default)]
    code: String,
}

/// `GET /link?code=…`: on to the first signed-in account's link page, or to sign-in first.
pub async fn entry(browser: Browser, Query(q): Query<CodeQuery>) -> Response {
    let mut here = url::form_urlencoded::Serializer::new(String::new());
    if !q.code.is_empty() {
        here.append_pair("code", &q.code);
    }
    let query = here.finish();
    match browser.accounts.iter().find(|a| !a.expired) {
        Some(account) => {
            let to = format!("/u/{}/link?{query}", account.position);
            Redirect::to(to.trim_end_matches('?')).into_response()
        }
        None => {
            let next = format!("/link?{query}");
            Redirect::to(&sign_in_link(None, next.trim_end_matches('?'))).into_response()
        }
    }
}

#[derive(Template)]
#[template(path = "pages/devices/link.html")]
struct LinkPage<'a> {
    layout: Layout<'a>,
    position: i32,
    guard: FormGuard,
    code: &'a str,
    error: Option<String>,
    /// Once the code is found: what the PC told us about itself.
    found: Option<Found>,
    /// The PC runs Windows (or did not say): what it will share includes activation.
    windows: bool,
}

fn page(
    state: &AppState,
    signed_in: &SignedIn,
    csrf: CsrfToken,
    code: &str,
    error: Option<String>,
    found: Option<Found>,
    status: StatusCode,
) -> Response {
    let page = LinkPage {
        layout: Layout::new(state, crate::i18n::t("menu-link"))
            .with_account(signed_in.menu(state, &csrf)),
        position: signed_in.account.position,
        guard: signed_in.guard(state, &csrf),
        code,
        error,
        windows: found
            .as_ref()
            .and_then(|f| f.os.as_deref())
            .is_none_or(portico_wire::os::is_windows),
        found,
    };
    (status, csrf, render_html(&page)).into_response()
}

/// `GET /u/{n}/link?code=…`: the code, typed or carried from the agent's link.
pub async fn show(
    State(state): State<AppState>,
    csrf: CsrfToken,
    signed_in: SignedIn,
    Query(q): Query<CodeQuery>,
) -> PageResult {
    let code: String = q.code.chars().take(20).collect();
    Ok(page(
        &state,
        &signed_in,
        csrf,
        &code,
        None,
        None,
        StatusCode::OK,
    ))
}

#[derive(Debug, Default, Deserialize)]
pub struct LookupFields {
    #[serde(default)]
    code: String,
}

/// Why a typed code found nothing (a key of `locales/`).
const NOT_FOUND: &str = "link-not-found";

/// The pending request `typed` names, counting the guess against this account's and this
/// network's limits.
async fn lookup(
    state: &AppState,
    signed_in: &SignedIn,
    client: &ClientInfo,
    typed: &str,
) -> Result<Lookup, crate::ui::PageError> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let ip = client.ip.map(|ip| ip.to_string()).unwrap_or_default();
    let limits = [
        Limit {
            key: format!("link-code:account:{}", signed_in.account.account_id),
            max: 10,
            window: Duration::hours(1),
            reason: "Too many codes tried for this account",
            says: "limit-link-codes-account",
        },
        Limit {
            key: format!("link-code:ip:{ip}"),
            max: 20,
            window: Duration::hours(1),
            reason: "Too many codes tried from this network",
            says: "limit-link-codes-network",
        },
    ];
    match limits::take(&mut tx, now, &limits).await {
        Ok(()) => {}
        Err(LimitError::Refused(r)) => {
            return Ok(Lookup::Refused(r.message()));
        }
        Err(LimitError::Database(e)) => return Err(e.into()),
    }
    let found = match user_code::normalize(typed) {
        Some(code) => store::waiting(&mut tx, &code, now).await?,
        None => None,
    };
    tx.commit().await?;
    Ok(found.map_or_else(|| Lookup::Refused(crate::i18n::t(NOT_FOUND)), Lookup::Found))
}

/// What a typed link code comes to: the PC waiting under it, or what the page says.
#[derive(Debug)]
enum Lookup {
    Found(Found),
    Refused(String),
}

/// `POST /u/{n}/link`: finds the PC the code names and shows what it will share.
pub async fn find(
    State(state): State<AppState>,
    client: ClientInfo,
    RecentForm(form): RecentForm<LookupFields>,
) -> PageResult {
    let AccountForm {
        signed_in,
        csrf,
        fields,
        ..
    } = form;
    match lookup(&state, &signed_in, &client, &fields.code).await? {
        Lookup::Found(found) => {
            let code = user_code::normalize(&fields.code)
                .map(|c| user_code::display(&c))
                .unwrap_or_default();
            Ok(page(
                &state,
                &signed_in,
                csrf,
                &code,
                None,
                Some(found),
                StatusCode::OK,
            ))
        }
        Lookup::Refused(message) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(page(
                &state,
                &signed_in,
                csrf,
                &fields.code,
                Some(message),
                None,
                status,
            ))
        }
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct DecideFields {
    #[serde(default)]
    code: String,
    #[serde(default)]
    decision: String,
    #[serde(default)]
    location: Option<String>,
    #[serde(default)]
    recovery_keys: Option<String>,
}

#[derive(Template)]
#[template(path = "pages/devices/linked.html")]
struct DecidedPage<'a> {
    layout: Layout<'a>,
    position: i32,
    approved: bool,
    name: &'a str,
}

/// `POST /u/{n}/link/decide`: "Approve" links the PC to this account; "Deny" refuses it.
pub async fn decide(
    State(state): State<AppState>,
    client: ClientInfo,
    RecentForm(form): RecentForm<DecideFields>,
) -> PageResult {
    let AccountForm {
        signed_in,
        csrf,
        fields,
        ..
    } = form;
    let now = state.clock.now();
    let account_id = signed_in.account.account_id;
    let Some(code) = user_code::normalize(&fields.code) else {
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return Ok(page(
            &state,
            &signed_in,
            csrf,
            &fields.code,
            Some(crate::i18n::t(NOT_FOUND)),
            None,
            status,
        ));
    };
    let mut tx = state.db.begin().await?;
    let found = store::waiting(&mut tx, &code, now).await?;
    let Some(found) = found else {
        drop(tx);
        let status = StatusCode::CONFLICT;
        return Ok(page(
            &state,
            &signed_in,
            csrf,
            &fields.code,
            Some(crate::i18n::t(NOT_FOUND)),
            None,
            status,
        ));
    };
    let name = found.hostname.clone().unwrap_or_else(|| "PC".to_owned());
    let approved = fields.decision == "approve";
    if approved {
        let device_id = Uuid::now_v7();
        let new = store::NewDevice {
            id: device_id,
            account_id,
            name: &name,
            model: found.model.as_deref(),
            os: found.os.as_deref(),
            location_enabled: fields.location.is_some(),
            backup_recovery_keys: fields.recovery_keys.is_some(),
        };
        store::approve(&mut tx, found.id, &new, now).await?;
        audit::record(
            &mut tx,
            now,
            account_id,
            Kind::DeviceLinked,
            &client,
            json!({ "device": name, "recovery_keys": fields.recovery_keys.is_some() }),
        )
        .await?;
    } else {
        store::deny(&mut tx, found.id, now).await?;
    }
    tx.commit().await?;
    let page = DecidedPage {
        layout: Layout::new(
            &state,
            crate::i18n::t(if approved {
                "link-linked-title"
            } else {
                "link-not-linked-title"
            }),
        )
        .with_account(signed_in.menu(&state, &csrf)),
        position: signed_in.account.position,
        approved,
        name: &name,
    };
    Ok((csrf, render_html(&page)).into_response())
}
