//! What a person does with one of their PCs: rename it, turn Find my device on or off, and
//! remove it (its token stops working at once; its agent is told to stop).

use crate::http::csrf::CsrfToken;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;
use serde_json::json;
use uuid::Uuid;

use super::pages::device_page;
use super::store;
use crate::app::AppState;
use crate::audit::{self, Kind};
use crate::http::client::ClientInfo;
use crate::reauth;
use crate::reauth::RecentForm;
use crate::sessions::extract::SignedIn;
use crate::sessions::forms::AccountForm;
use crate::sessions::forms::NoFields;
use crate::ui::FormGuard;
use crate::ui::{ErrorPage, PageResult};
use crate::ui::{Layout, render_html};

#[derive(Debug, Default, Deserialize)]
pub struct RenameFields {
    #[serde(default)]
    name: String,
}

/// `POST /u/{n}/devices/{id}/rename`
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
    if store::own_device_name(&state.db, signed_in.account.account_id, id)
        .await?
        .is_none()
    {
        return Ok(ErrorPage::not_found().into_response());
    }
    let name = fields.name.trim();
    if name.is_empty() || name.chars().count() > 60 || name.chars().any(char::is_control) {
        let error = crate::i18n::t("device-name-help");
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return device_page(&state, &signed_in, csrf, id, None, Some(&error), status).await;
    }
    store::rename(&state.db, id, name).await?;
    let to = format!("{}?done=renamed", signed_in.path(&format!("devices/{id}")));
    Ok(Redirect::to(&to).into_response())
}

#[derive(Debug, Default, Deserialize)]
pub struct SwitchFields {
    #[serde(default)]
    enabled: String,
    /// `privacy` when the switch was on the privacy page.
    #[serde(default)]
    back: String,
}

/// Where a PC's switch leads back to: the privacy page when it was changed there, else the
/// PC's own page.
pub fn after_switch(signed_in: &SignedIn, id: Uuid, back: &str, done: &str) -> String {
    if back == "privacy" {
        format!("{}?done={done}#pc-{id}", signed_in.path("privacy"))
    } else {
        format!("{}?done={done}", signed_in.path(&format!("devices/{id}")))
    }
}

/// A PC's switches kept in its own row.
#[derive(Debug, Clone, Copy)]
enum Switch {
    /// Find my device; off deletes every location kept for the PC.
    Location,
    /// Hardware details and specifications; off deletes what was kept of them.
    Hardware,
}

/// Turns `switch` of the account's PC `id` on or off, records it, and leads back to where
/// it was changed.
async fn set_switch(
    state: &AppState,
    client: &ClientInfo,
    form: &AccountForm<SwitchFields>,
    id: Uuid,
    switch: Switch,
) -> PageResult {
    let on = form.fields.enabled == "on";
    let signed_in = &form.signed_in;
    let Some(name) = store::own_device_name(&state.db, signed_in.account.account_id, id).await?
    else {
        return Ok(ErrorPage::not_found().into_response());
    };
    let mut tx = state.db.begin().await?;
    let (kind, done) = match switch {
        Switch::Location => {
            store::set_location(&mut tx, id, on).await?;
            (Kind::DeviceLocation, ["location_off", "location_on"])
        }
        Switch::Hardware => {
            store::set_hardware(&mut tx, id, on).await?;
            (Kind::DeviceHardwareSharing, ["hardware_off", "hardware_on"])
        }
    };
    let details = json!({ "device": name, "enabled": on });
    let account_id = signed_in.account.account_id;
    audit::record(
        &mut tx,
        state.clock.now(),
        account_id,
        kind,
        client,
        details,
    )
    .await?;
    tx.commit().await?;
    let to = after_switch(signed_in, id, &form.fields.back, done[usize::from(on)]);
    Ok(Redirect::to(&to).into_response())
}

/// `POST /u/{n}/devices/{id}/hardware`: hardware details and specifications shared or not
/// (off deletes what was kept of them and drops them from the next reports).
pub async fn hardware(
    State(state): State<AppState>,
    client: ClientInfo,
    Path((_, id)): Path<(i32, Uuid)>,
    form: AccountForm<SwitchFields>,
) -> PageResult {
    set_switch(&state, &client, &form, id, Switch::Hardware).await
}

/// `POST /u/{n}/devices/{id}/location`: Find my device on (after a recent sign-in) or off
/// (which deletes every location kept for the PC).
pub async fn location(
    State(state): State<AppState>,
    client: ClientInfo,
    Path((_, id)): Path<(i32, Uuid)>,
    form: AccountForm<SwitchFields>,
) -> PageResult {
    let form = if form.fields.enabled == "on" {
        reauth::require_for_form(&state, form).await?
    } else {
        form
    };
    set_switch(&state, &client, &form, id, Switch::Location).await
}

#[derive(Template)]
#[template(path = "pages/devices/remove.html")]
struct RemovePage<'a> {
    layout: Layout<'a>,
    position: i32,
    guard: FormGuard,
    id: Uuid,
    name: &'a str,
    /// The BitLocker recovery keys removing it deletes.
    recovery_keys: i64,
}

/// `GET /u/{n}/devices/{id}/remove`: "Remove {name}?"
pub async fn confirm_remove(
    State(state): State<AppState>,
    csrf: CsrfToken,
    signed_in: SignedIn,
    Path((_, id)): Path<(i32, Uuid)>,
) -> PageResult {
    let Some(name) = store::own_device_name(&state.db, signed_in.account.account_id, id).await?
    else {
        return Ok(ErrorPage::not_found().into_response());
    };
    let mut conn = state.db.acquire().await?;
    let recovery_keys = crate::recovery::store::count_for_device(&mut conn, id).await?;
    drop(conn);
    let page = RemovePage {
        layout: Layout::new(&state, crate::i18n::t("device-remove-title"))
            .with_account(signed_in.menu(&state, &csrf)),
        position: signed_in.account.position,
        guard: signed_in.guard(&state, &csrf),
        id,
        name: &name,
        recovery_keys,
    };
    Ok((csrf, render_html(&page)).into_response())
}

/// `POST /u/{n}/devices/{id}/remove` (after a recent sign-in): the device leaves the account,
/// its tokens are revoked, its locations and recovery keys deleted; its agent's next report
/// gets 409.
pub async fn remove(
    State(state): State<AppState>,
    client: ClientInfo,
    Path((_, id)): Path<(i32, Uuid)>,
    RecentForm(form): RecentForm<NoFields>,
) -> PageResult {
    let signed_in = &form.signed_in;
    let Some(name) = store::own_device_name(&state.db, signed_in.account.account_id, id).await?
    else {
        return Ok(ErrorPage::not_found().into_response());
    };
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    store::remove(&mut tx, id, now).await?;
    crate::recovery::store::forget_device(&mut tx, id).await?;
    audit::record(
        &mut tx,
        now,
        signed_in.account.account_id,
        Kind::DeviceRemoved,
        &client,
        json!({ "device": name }),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("{}?done=removed", signed_in.path("devices"))).into_response())
}
