//! Asking for one's data (`POST /u/N/privacy/export`, after a recent sign-in) and
//! downloading it (`GET /u/N/privacy/export/{id}`, audited).

use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;
use serde_json::json;
use uuid::Uuid;

use super::store;
use crate::app::AppState;
use crate::audit::{self, Kind};
use crate::http::client::ClientInfo;
use crate::reauth::RecentForm;
use crate::sessions::extract::SignedIn;
use crate::ui::{ErrorPage, PageResult};

#[derive(Debug, Default, Deserialize)]
pub struct RequestFields {
    /// `on` to include the BitLocker recovery keys.
    #[serde(default)]
    recovery_keys: String,
}

/// `POST /u/{n}/privacy/export`
pub async fn request(
    State(state): State<AppState>,
    client: ClientInfo,
    RecentForm(form): RecentForm<RequestFields>,
) -> PageResult {
    let account_id = form.signed_in.account.account_id;
    let with_keys = form.fields.recovery_keys == "on";
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let done = match store::request(&mut tx, account_id, now, with_keys).await? {
        Some(id) => {
            let details = json!({ "export": id, "recovery_keys": with_keys });
            audit::record(
                &mut tx,
                now,
                account_id,
                Kind::ExportRequested,
                &client,
                details,
            )
            .await?;
            "export_requested"
        }
        None => "export_waiting",
    };
    tx.commit().await?;
    let to = format!(
        "{}?done={done}#export-title",
        form.signed_in.path("privacy")
    );
    Ok(Redirect::to(&to).into_response())
}

/// `GET /u/{n}/privacy/export/{id}`
pub async fn download(
    State(state): State<AppState>,
    client: ClientInfo,
    signed_in: SignedIn,
    Path((_, id)): Path<(i32, Uuid)>,
) -> PageResult {
    let account_id = signed_in.account.account_id;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let Some((file, ready_at)) = store::download(&mut tx, id, account_id, now).await? else {
        return Ok(ErrorPage::not_found().into_response());
    };
    let details = json!({ "export": id });
    audit::record(
        &mut tx,
        now,
        account_id,
        Kind::ExportDownloaded,
        &client,
        details,
    )
    .await?;
    tx.commit().await?;
    let name = format!(
        "attachment; filename=\"portico-data-{}.zip\"",
        ready_at.date()
    );
    Ok((
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "application/zip".to_owned()),
            (header::CONTENT_DISPOSITION, name),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        file,
    )
        .into_response())
}
