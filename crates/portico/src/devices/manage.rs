//! What a person does with one of their PCs: rename it, turn Find my device on or off, and
//! remove it (its token stops working at once; its agent is told to stop).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum_csrf::CsrfToken;
use serde::Deserialize;
use serde_json::json;
use uuid::Uuid;

use super::pages::device_page;
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

/// The name of the account's live device `id`, or `None` (another account's, or removed).
async fn own_device(
    state: &AppState,
    signed_in: &SignedIn,
    id: Uuid,
) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar!(
        r#"select coalesce(custom_name, name) as "name!" from devices
         where id = $1 and account_id = $2 and removed_at is null"#,
        id,
        signed_in.account.account_id
    )
    .fetch_optional(&state.db)
    .await
}

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
    if own_device(&state, &signed_in, id).await?.is_none() {
        return Ok(ErrorPage::not_found().into_response());
    }
    let name = fields.name.trim();
    if name.is_empty() || name.chars().count() > 60 || name.chars().any(char::is_control) {
        let error = "Enter a name of 1 to 60 characters.";
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return device_page(&state, &signed_in, csrf, id, None, Some(error), status).await;
    }
    sqlx::query!(
        "update devices set custom_name = $2 where id = $1",
        id,
        name
    )
    .execute(&state.db)
    .await?;
    let to = format!("{}?done=renamed", signed_in.path(&format!("devices/{id}")));
    Ok(Redirect::to(&to).into_response())
}

#[derive(Debug, Default, Deserialize)]
pub struct LocationFields {
    #[serde(default)]
    enabled: String,
}

/// `POST /u/{n}/devices/{id}/location`: Find my device on (after a recent sign-in) or off
/// (which deletes every location kept for the PC).
pub async fn location(
    State(state): State<AppState>,
    client: ClientInfo,
    Path((_, id)): Path<(i32, Uuid)>,
    form: AccountForm<LocationFields>,
) -> PageResult {
    let on = form.fields.enabled == "on";
    let form = if on {
        reauth::require_for_form(&state, form).await?
    } else {
        form
    };
    let signed_in = &form.signed_in;
    let Some(name) = own_device(&state, signed_in, id).await? else {
        return Ok(ErrorPage::not_found().into_response());
    };
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    sqlx::query!(
        "update devices set location_enabled = $2 where id = $1",
        id,
        on
    )
    .execute(&mut *tx)
    .await?;
    if !on {
        forget_locations(&mut tx, id).await?;
    }
    audit::record(
        &mut tx,
        now,
        signed_in.account.account_id,
        Kind::DeviceLocation,
        &client,
        json!({ "device": name, "enabled": on }),
    )
    .await?;
    tx.commit().await?;
    let done = if on { "location_on" } else { "location_off" };
    let to = format!("{}?done={done}", signed_in.path(&format!("devices/{id}")));
    Ok(Redirect::to(&to).into_response())
}

#[derive(Template)]
#[template(path = "pages/devices/remove.html")]
struct RemovePage<'a> {
    layout: Layout<'a>,
    position: i32,
    guard: FormGuard,
    id: Uuid,
    name: &'a str,
}

/// `GET /u/{n}/devices/{id}/remove`: "Remove {name}?"
pub async fn confirm_remove(
    State(state): State<AppState>,
    csrf: CsrfToken,
    signed_in: SignedIn,
    Path((_, id)): Path<(i32, Uuid)>,
) -> PageResult {
    let Some(name) = own_device(&state, &signed_in, id).await? else {
        return Ok(ErrorPage::not_found().into_response());
    };
    let page = RemovePage {
        layout: Layout::new(&state, "Remove this PC").with_account(signed_in.menu(&state, &csrf)),
        position: signed_in.account.position,
        guard: signed_in.guard(&state, &csrf),
        id,
        name: &name,
    };
    Ok((csrf, render_html(&page)).into_response())
}

/// `POST /u/{n}/devices/{id}/remove` (after a recent sign-in): the device leaves the account,
/// its tokens are revoked, its locations deleted; its agent's next report gets 409.
pub async fn remove(
    State(state): State<AppState>,
    client: ClientInfo,
    Path((_, id)): Path<(i32, Uuid)>,
    RecentForm(form): RecentForm<NoFields>,
) -> PageResult {
    let signed_in = &form.signed_in;
    let Some(name) = own_device(&state, signed_in, id).await? else {
        return Ok(ErrorPage::not_found().into_response());
    };
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    sqlx::query!(
        "update devices set removed_at = $2, location_enabled = false where id = $1",
        id,
        now
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "update device_tokens set revoked_at = $2 where device_id = $1 and revoked_at is null",
        id,
        now
    )
    .execute(&mut *tx)
    .await?;
    forget_locations(&mut tx, id).await?;
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

/// Find my device turned off or the PC removed: no location of it is kept.
async fn forget_locations(conn: &mut sqlx::PgConnection, device: Uuid) -> sqlx::Result<()> {
    sqlx::query!("delete from device_locations where device_id = $1", device)
        .execute(conn)
        .await?;
    Ok(())
}
