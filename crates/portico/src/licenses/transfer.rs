//! "I changed hardware on this device recently": a Retail or digital license moves to the
//! PC the person uses now, after a recent sign-in, at most three times in 90 days; an OEM
//! license stays with its board and a volume license with its organization.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;
use serde_json::json;
use uuid::Uuid;

use super::rules::{self, MOVE_WINDOW, MoveRefusal, Target};
use super::{page, store};
use crate::app::AppState;
use crate::audit::{self, Kind};
use crate::http::client::ClientInfo;
use crate::reauth::RecentForm;
use crate::sessions::forms::AccountForm;
use crate::ui::{ErrorPage, PageResult};

#[derive(Debug, Default, Deserialize)]
pub struct MoveFields {
    device: Option<Uuid>,
}

/// What asking to move a license comes to.
#[derive(Debug)]
pub enum Transfer {
    Moved,
    /// The license or the PC is not the account's.
    NotFound,
    Refused(MoveRefusal),
}

/// Moves the account's license `license_id` to its PC `target`, if its rules allow.
pub async fn transfer(
    state: &AppState,
    client: &ClientInfo,
    account_id: Uuid,
    license_id: Uuid,
    target: Uuid,
) -> sqlx::Result<Transfer> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let license = store::lock_own(&mut tx, license_id, account_id).await?;
    let target_name = crate::devices::store::own_device_name(&mut *tx, account_id, target).await?;
    let (Some((channel, product, edition)), Some(target_name)) = (license, target_name) else {
        return Ok(Transfer::NotFound);
    };
    let holder = store::holder(&mut tx, license_id).await?;
    let to = if holder == Some(target) {
        Target::Holder {
            hardware_changed: store::hardware_changed(&mut tx, target).await?,
        }
    } else {
        Target::Other
    };
    let recent = store::moves_since(&mut tx, license_id, now - MOVE_WINDOW).await?;
    if let Err(refusal) = rules::check_move(&channel, to, &recent) {
        return Ok(Transfer::Refused(refusal));
    }
    store::move_to(&mut tx, license_id, target, now).await?;
    audit::record(
        &mut tx,
        now,
        account_id,
        Kind::LicenseMoved,
        client,
        json!({ "license": format!("{product} ({edition})"), "device": target_name }),
    )
    .await?;
    tx.commit().await?;
    Ok(Transfer::Moved)
}

/// `POST /u/{n}/licenses/{id}/move`
pub async fn move_license(
    State(state): State<AppState>,
    client: ClientInfo,
    Path((_, license_id)): Path<(i32, Uuid)>,
    RecentForm(form): RecentForm<MoveFields>,
) -> PageResult {
    let AccountForm {
        signed_in,
        csrf,
        fields,
        ..
    } = form;
    let Some(target) = fields.device else {
        return Ok(ErrorPage::not_found().into_response());
    };
    let account_id = signed_in.account.account_id;
    match transfer(&state, &client, account_id, license_id, target).await? {
        Transfer::Moved => {
            let to = format!("{}?done=moved", signed_in.path("licenses"));
            Ok(Redirect::to(&to).into_response())
        }
        Transfer::NotFound => Ok(ErrorPage::not_found().into_response()),
        Transfer::Refused(refusal) => {
            let error = Some(refusal.to_string());
            page::page(&state, &signed_in, csrf, None, error, StatusCode::CONFLICT).await
        }
    }
}
