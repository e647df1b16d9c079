//! `POST /u/N/devices/{id}/recovery-keys`: the person lets a PC back up its BitLocker
//! recovery keys, or stops it (which deletes the keys it backed up). Either way after a
//! recent sign-in: one exposes secrets to the account, the other destroys them.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;
use serde_json::json;
use uuid::Uuid;

use super::store;
use crate::app::AppState;
use crate::audit::{self, Kind};
use crate::devices;
use crate::http::client::ClientInfo;
use crate::reauth::RecentForm;
use crate::ui::{ErrorPage, PageResult};

#[derive(Debug, Default, Deserialize)]
pub struct ConsentFields {
    #[serde(default)]
    enabled: String,
    /// `privacy` when the switch was on the privacy page.
    #[serde(default)]
    back: String,
}

/// `POST /u/{n}/devices/{id}/recovery-keys`
pub async fn set(
    State(state): State<AppState>,
    client: ClientInfo,
    Path((_, id)): Path<(i32, Uuid)>,
    RecentForm(form): RecentForm<ConsentFields>,
) -> PageResult {
    let on = form.fields.enabled == "on";
    let signed_in = &form.signed_in;
    let account_id = signed_in.account.account_id;
    let Some(name) = devices::store::own_device_name(&state.db, account_id, id).await? else {
        return Ok(ErrorPage::not_found().into_response());
    };
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let Some(deleted) = store::set_backup(&mut tx, account_id, id, on).await? else {
        return Ok(ErrorPage::not_found().into_response());
    };
    let details = json!({ "device": name, "enabled": on, "keys_deleted": deleted });
    audit::record(
        &mut tx,
        now,
        account_id,
        Kind::RecoveryKeysBackup,
        &client,
        details,
    )
    .await?;
    tx.commit().await?;
    let done = if on { "recovery_on" } else { "recovery_off" };
    let to = devices::manage::after_switch(signed_in, id, &form.fields.back, done);
    Ok(Redirect::to(&to).into_response())
}
