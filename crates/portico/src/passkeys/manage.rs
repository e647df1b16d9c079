//! The Security page's passkeys: add one (after a recent sign-in: a page that runs the
//! browser's prompt), rename, remove (never the last way in). Each change is audited.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;
use serde_json::json;
use sqlx::PgConnection;
use time::OffsetDateTime;
use uuid::Uuid;

use super::ceremony::{self, CeremonyError, Refusal};
use super::rules::{self, MAX_PASSKEYS};
use super::store::{self, NewPasskey};
use crate::app::AppState;
use crate::audit::{self, Kind};
use crate::http::client::{ClientInfo, browser_label};
use crate::http::csrf::CsrfToken;
use crate::outbox::{self, Message};
use crate::reauth::{RecentForm, RecentPage};
use crate::sessions::extract::SignedIn;
use crate::sessions::forms::{AccountForm, NoFields};
use crate::text::{format_time, time_ago};
use crate::ui::{ErrorPage, FormGuard, Layout, PageResult, render_html};

/// One passkey as the Security page lists it.
#[derive(Debug)]
pub struct PasskeyView {
    pub id: Uuid,
    pub name: String,
    pub created: String,
    /// How long ago it last signed in; `None` before its first use.
    pub last_used: Option<String>,
    /// A synced passkey (in a password manager or a platform's keychain).
    pub synced: bool,
}

/// The account's passkeys as the Security page lists them.
pub fn views(rows: Vec<store::PasskeyRow>, now: OffsetDateTime) -> Vec<PasskeyView> {
    rows.into_iter()
        .map(|p| PasskeyView {
            id: p.id,
            name: p.name,
            created: format_time(p.created_at),
            last_used: p.last_used_at.map(|at| time_ago(at, now)),
            synced: p.backup_eligible,
        })
        .collect()
}

#[derive(Template)]
#[template(path = "pages/security/passkey_add.html")]
struct AddPage<'a> {
    layout: Layout<'a>,
    position: i32,
    guard: FormGuard,
    ceremony: Uuid,
    options: String,
    name: String,
}

/// `POST /u/{n}/security/passkeys/add` (after a recent sign-in): the page that asks the
/// browser for a new passkey.
pub async fn start_add(
    State(state): State<AppState>,
    client: ClientInfo,
    RecentForm(form): RecentForm<NoFields>,
) -> PageResult {
    add_page(&state, &form.signed_in, form.csrf, &client).await
}

/// `GET /u/{n}/security/passkeys/add` (after a recent sign-in): the same page, where a
/// sign-up that chose a passkey lands.
pub async fn show_add(
    State(state): State<AppState>,
    client: ClientInfo,
    csrf: CsrfToken,
    RecentPage(signed_in): RecentPage,
) -> PageResult {
    add_page(&state, &signed_in, csrf, &client).await
}

async fn add_page(
    state: &AppState,
    signed_in: &SignedIn,
    csrf: CsrfToken,
    client: &ClientInfo,
) -> PageResult {
    let account_id = signed_in.account.account_id;
    let Some(rp) = state.passkeys.as_ref() else {
        return Ok(ErrorPage::not_found().into_response());
    };
    let mut conn = state.db.acquire().await?;
    let held = store::count(&mut conn, account_id).await?;
    drop(conn);
    if held >= MAX_PASSKEYS {
        let message = too_many();
        return Ok(crate::security::refused(state, signed_in, csrf, &message).await);
    }
    let account = &signed_in.account;
    let user_name = account
        .primary_alias()
        .unwrap_or(account.display_name.as_str())
        .to_owned();
    let names = (user_name.as_str(), account.display_name.as_str());
    let started = ceremony::start_registration(state, rp, account_id, names).await?;
    let Some(started) = started else {
        let message = crate::i18n::t("passkey-not-started");
        return Ok(crate::security::refused(state, signed_in, csrf, &message).await);
    };
    let page = AddPage {
        layout: Layout::new(state, crate::i18n::t("sec-add-passkey"))
            .with_account(signed_in.menu(state, &csrf))
            .with_script("js/passkeys.js"),
        position: account.position,
        guard: signed_in.guard(state, &csrf),
        ceremony: started.ceremony,
        options: started.options.to_string(),
        name: browser_label(client.user_agent.as_deref()),
    };
    Ok((csrf, render_html(&page)).into_response())
}

#[derive(Debug, Default, Deserialize)]
pub struct FinishFields {
    #[serde(default)]
    ceremony: String,
    #[serde(default)]
    credential: String,
    #[serde(default)]
    name: String,
}

/// `POST /u/{n}/security/passkeys/finish`: the passkey the browser made. Its name falls back
/// to the browser's when the one typed cannot be used: the authenticator already holds it.
pub async fn finish_add(
    State(state): State<AppState>,
    client: ClientInfo,
    form: AccountForm<FinishFields>,
) -> PageResult {
    let AccountForm {
        signed_in,
        csrf,
        fields,
        ..
    } = form;
    let account_id = signed_in.account.account_id;
    let Some(rp) = state.passkeys.as_ref() else {
        return Ok(ErrorPage::not_found().into_response());
    };
    let made =
        ceremony::finish_registration(&state, rp, account_id, &fields.ceremony, &fields.credential)
            .await;
    let passkey = match made {
        Ok(passkey) => passkey,
        Err(CeremonyError::Database(e)) => return Err(e.into()),
        Err(CeremonyError::Refused(refusal)) => {
            let message = not_added(&refusal);
            return Ok(crate::security::refused(&state, &signed_in, csrf, &message).await);
        }
    };
    let label = browser_label(client.user_agent.as_deref());
    let name = rules::name(&fields.name).unwrap_or(&label);
    let (backup_eligible, backup_state) = rules::backup_flags(&passkey);
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    crate::aliases::store::lock_account(&mut tx, account_id).await?;
    if store::count(&mut tx, account_id).await? >= MAX_PASSKEYS {
        drop(tx);
        let message = too_many();
        return Ok(crate::security::refused(&state, &signed_in, csrf, &message).await);
    }
    let new = NewPasskey {
        account_id,
        passkey: &passkey,
        name,
        backup_eligible,
        backup_state,
    };
    if store::insert(&mut tx, now, &new).await?.is_none() {
        drop(tx);
        let message = not_added(&Refusal::AlreadyRegistered);
        return Ok(crate::security::refused(&state, &signed_in, csrf, &message).await);
    }
    let details = json!({ "name": name });
    audit::record(
        &mut tx,
        now,
        account_id,
        Kind::PasskeyAdded,
        &client,
        details,
    )
    .await?;
    tell_aliases(&mut tx, &state, account_id, ("added", name), &client).await?;
    tx.commit().await?;
    let to = format!("{}?done=passkey_added", signed_in.path("security"));
    Ok(Redirect::to(&to).into_response())
}

#[derive(Debug, Default, Deserialize)]
pub struct RenameFields {
    #[serde(default)]
    name: String,
}

/// `POST /u/{n}/security/passkeys/{id}/rename`
pub async fn rename(
    State(state): State<AppState>,
    Path((_, id)): Path<(i32, Uuid)>,
    form: AccountForm<RenameFields>,
) -> PageResult {
    let AccountForm {
        signed_in,
        csrf,
        fields,
        ..
    } = form;
    let Some(name) = rules::name(&fields.name) else {
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        let mut response =
            crate::security::refused(&state, &signed_in, csrf, &crate::i18n::t(rules::NAME_HELP))
                .await;
        *response.status_mut() = status;
        return Ok(response);
    };
    let mut conn = state.db.acquire().await?;
    if !store::rename(&mut conn, signed_in.account.account_id, id, name).await? {
        return Ok(ErrorPage::not_found().into_response());
    }
    let to = format!("{}?done=passkey_renamed", signed_in.path("security"));
    Ok(Redirect::to(&to).into_response())
}

/// `POST /u/{n}/security/passkeys/{id}/remove` (after a recent sign-in): refused when it is
/// the account's last way in.
pub async fn remove(
    State(state): State<AppState>,
    client: ClientInfo,
    Path((_, id)): Path<(i32, Uuid)>,
    RecentForm(form): RecentForm<NoFields>,
) -> PageResult {
    let signed_in = &form.signed_in;
    let account_id = signed_in.account.account_id;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    crate::aliases::store::lock_account(&mut tx, account_id).await?;
    let ways =
        crate::oidc::other_ways_in(&mut tx, account_id, crate::oidc::Except::Passkey(id)).await?;
    if !ways.any() {
        drop(tx);
        let message = crate::i18n::t("passkey-only-way-in");
        return Ok(crate::security::refused(&state, signed_in, form.csrf, &message).await);
    }
    let Some(name) = store::remove(&mut tx, account_id, id).await? else {
        return Ok(ErrorPage::not_found().into_response());
    };
    let details = json!({ "name": name });
    audit::record(
        &mut tx,
        now,
        account_id,
        Kind::PasskeyRemoved,
        &client,
        details,
    )
    .await?;
    tell_aliases(&mut tx, &state, account_id, ("removed", &name), &client).await?;
    tx.commit().await?;
    let to = format!("{}?done=passkey_removed", signed_in.path("security"));
    Ok(Redirect::to(&to).into_response())
}

/// Tells every verified alias that a passkey was added or removed, with what to do if it
/// wasn't them.
async fn tell_aliases(
    conn: &mut PgConnection,
    state: &AppState,
    account_id: Uuid,
    (change, name): (&str, &str),
    client: &ClientInfo,
) -> sqlx::Result<()> {
    let now = state.clock.now();
    let message = Message::PasskeyChanged {
        change: change.to_owned(),
        name: name.to_owned(),
        at: crate::text::stamp(now),
        from: client.described(),
    };
    outbox::to_verified_aliases(conn, now, account_id, &message).await
}

fn too_many() -> String {
    crate::i18n::t_with("passkey-too-many", &[("n", MAX_PASSKEYS.into())])
}

fn not_added(refusal: &Refusal) -> String {
    crate::i18n::t_with("passkey-not-added", &[("why", refusal.to_string().into())])
}
