//! `/u/N/licenses`: the account's Windows licenses, the PC holding each, their history, and
//! the same license seen elsewhere (on another of the account's PCs, or on another account).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::response::Redirect;
use axum_csrf::CsrfToken;
use serde::Deserialize;
use serde_json::json;
use time::OffsetDateTime;
use uuid::Uuid;

use super::activation::masked_key;
use crate::app::AppState;
use crate::audit::{self, Kind};
use crate::http::client::ClientInfo;
use crate::reauth::RecentForm;
use crate::sessions::extract::SignedIn;
use crate::sessions::forms::AccountForm;
use crate::text::format_time;
use crate::ui::FormGuard;
use crate::ui::PageResult;
use crate::ui::{Layout, render_html};

/// One license as the page shows it.
struct LicenseView {
    id: Uuid,
    title: String,
    kind: &'static str,
    channel: String,
    key: Option<String>,
    holder: String,
    history: Vec<String>,
    /// Another of the account's PCs reports it (a hardware change, perhaps).
    elsewhere: Vec<String>,
    /// A PC of another account reports it.
    conflict: bool,
    /// The PC holding it reported new hardware.
    hardware_changed: bool,
    /// The account's other PCs, which it could move to: (id, name).
    targets: Vec<(Uuid, String)>,
}

/// A license of another account that one of this account's PCs reports.
struct ForeignView {
    title: String,
    device: String,
}

#[derive(Template)]
#[template(path = "pages/devices/licenses.html")]
struct LicensesPage<'a> {
    layout: Layout<'a>,
    position: i32,
    guard: FormGuard,
    notice: Option<&'static str>,
    error: Option<String>,
    licenses: Vec<LicenseView>,
    foreign: Vec<ForeignView>,
}

#[derive(Debug)]
struct Row {
    id: Uuid,
    kind: String,
    key_last5: Option<String>,
    product: String,
    edition: String,
    channel: String,
    holder: Option<String>,
    holder_id: Option<Uuid>,
    hardware_changed: bool,
}

#[derive(Debug, Default, Deserialize)]
pub struct LicensesQuery {
    #[serde(default)]
    done: String,
}

/// `GET /u/{n}/licenses`
pub async fn show(
    State(state): State<AppState>,
    csrf: CsrfToken,
    signed_in: SignedIn,
    Query(q): Query<LicensesQuery>,
) -> PageResult {
    let notice = (q.done == "moved").then_some("The license was moved to the PC you chose.");
    page(&state, &signed_in, csrf, notice, None, StatusCode::OK).await
}

/// The Licenses page, with a notice or an error.
pub(super) async fn page(
    state: &AppState,
    signed_in: &SignedIn,
    csrf: CsrfToken,
    notice: Option<&'static str>,
    error: Option<String>,
    status: StatusCode,
) -> PageResult {
    let account_id = signed_in.account.account_id;
    let mut conn = state.db.acquire().await?;
    let rows: Vec<Row> = sqlx::query_as!(
        Row,
        r#"select l.id, l.kind, l.key_last5, l.product, l.edition, l.channel,
                h.name as "holder?", h.id as "holder_id?",
                coalesce(h.hardware_changed_at is not null, false) as "hardware_changed!"
         from licenses l
         left join lateral (
             select d.id, coalesce(d.custom_name, d.name) as name, d.hardware_changed_at
             from license_assignments a join devices d on d.id = a.device_id
             where a.license_id = l.id and a.ended_at is null
         ) h on true
         where l.account_id = $1 order by l.linked_at"#,
        account_id
    )
    .fetch_all(&mut *conn)
    .await?;
    let history: Vec<(Uuid, String, OffsetDateTime, Option<OffsetDateTime>, String)> =
        sqlx::query!(
            r#"select a.license_id, coalesce(d.custom_name, d.name) as "device!", a.assigned_at,
                      a.ended_at, a.reason
             from license_assignments a join licenses l on l.id = a.license_id
             join devices d on d.id = a.device_id
             where l.account_id = $1 order by a.assigned_at"#,
            account_id
        )
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(|r| (r.license_id, r.device, r.assigned_at, r.ended_at, r.reason))
        .collect();
    let sightings: Vec<(Uuid, String, bool)> = sqlx::query!(
        r#"select s.license_id, coalesce(d.custom_name, d.name) as "device!", s.other_account
         from license_sightings s join licenses l on l.id = s.license_id
         join devices d on d.id = s.device_id
         where l.account_id = $1 and d.removed_at is null"#,
        account_id
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|r| (r.license_id, r.device, r.other_account))
    .collect();
    let foreign: Vec<(String, String, String)> = sqlx::query!(
        r#"select l.product, l.edition, coalesce(d.custom_name, d.name) as "device!"
         from license_sightings s join licenses l on l.id = s.license_id
         join devices d on d.id = s.device_id
         where d.account_id = $1 and d.removed_at is null and s.other_account"#,
        account_id
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|r| (r.product, r.edition, r.device))
    .collect();
    let devices: Vec<(Uuid, String)> = sqlx::query!(
        r#"select id, coalesce(custom_name, name) as "name!" from devices
         where account_id = $1 and removed_at is null order by linked_at"#,
        account_id
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|r| (r.id, r.name))
    .collect();
    drop(conn);
    let licenses = rows
        .into_iter()
        .map(|r| LicenseView {
            id: r.id,
            hardware_changed: r.hardware_changed,
            targets: devices
                .iter()
                .filter(|(id, _)| Some(*id) != r.holder_id)
                .cloned()
                .collect(),
            title: format!("{} ({})", r.product, r.edition),
            kind: if r.kind == "digital" {
                "Digital license"
            } else {
                "Product key"
            },
            key: r.key_last5.as_deref().map(masked_key),
            holder: r.holder.unwrap_or_else(|| "No PC".to_owned()),
            history: history
                .iter()
                .filter(|h| h.0 == r.id)
                .map(|(_, device, from, to, reason)| {
                    let how = if reason == "hardware_change" {
                        " after a hardware change"
                    } else {
                        ""
                    };
                    match to {
                        Some(to) => format!(
                            "{device}{how}, {} to {}",
                            format_time(*from),
                            format_time(*to)
                        ),
                        None => format!("{device}{how}, since {}", format_time(*from)),
                    }
                })
                .collect(),
            elsewhere: sightings
                .iter()
                .filter(|s| s.0 == r.id && !s.2)
                .map(|s| s.1.clone())
                .collect(),
            conflict: sightings.iter().any(|s| s.0 == r.id && s.2),
            channel: r.channel,
        })
        .collect();
    let foreign = foreign
        .into_iter()
        .map(|(product, edition, device)| ForeignView {
            title: format!("{product} ({edition})"),
            device,
        })
        .collect();
    let page = LicensesPage {
        layout: Layout::new(state, "Licenses").with_account(signed_in.menu(state, &csrf)),
        position: signed_in.account.position,
        guard: signed_in.guard(state, &csrf),
        notice,
        error,
        licenses,
        foreign,
    };
    Ok((status, csrf, render_html(&page)).into_response())
}

#[derive(Debug, Default, Deserialize)]
pub struct MoveFields {
    device: Option<Uuid>,
}

/// `POST /u/{n}/licenses/{id}/move`: "I changed hardware on this device recently": the
/// license goes to the PC the person is using now (after a recent sign-in), under the rules
/// of its channel and at most three times in 90 days.
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
    let account_id = signed_in.account.account_id;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let license = sqlx::query!(
        "select channel, product, edition from licenses where id = $1 and account_id = $2 for update",
        license_id,
        account_id
    )
    .fetch_optional(&mut *tx)
    .await?
    .map(|r| (r.channel, r.product, r.edition));
    let target = match fields.device {
        Some(device) => sqlx::query!(
            r#"select id, coalesce(custom_name, name) as "name!" from devices
             where id = $1 and account_id = $2 and removed_at is null"#,
            device,
            account_id
        )
        .fetch_optional(&mut *tx)
        .await?
        .map(|r| (r.id, r.name)),
        None => None,
    };
    let (Some((channel, product, edition)), Some((target, target_name))) = (license, target) else {
        drop(tx);
        return Ok(crate::ui::ErrorPage::not_found().into_response());
    };
    let holder: Option<Uuid> = sqlx::query_scalar!(
        "select device_id from license_assignments where license_id = $1 and ended_at is null",
        license_id
    )
    .fetch_optional(&mut *tx)
    .await?;
    let recent: Vec<OffsetDateTime> = sqlx::query_scalar!(
        "select assigned_at from license_assignments
         where license_id = $1 and reason = 'hardware_change' and assigned_at > $2
         order by assigned_at",
        license_id,
        now - super::licenses::MOVE_WINDOW
    )
    .fetch_all(&mut *tx)
    .await?;
    let checked = if holder == Some(target) {
        Err(super::licenses::MoveRefusal::SameDevice)
    } else {
        super::licenses::check_move(&channel, &recent)
    };
    if let Err(refusal) = checked {
        drop(tx);
        let status = StatusCode::CONFLICT;
        return page(
            &state,
            &signed_in,
            csrf,
            None,
            Some(refusal.to_string()),
            status,
        )
        .await;
    }
    sqlx::query!(
        "update license_assignments set ended_at = $2, end_reason = 'hardware_change'
         where license_id = $1 and ended_at is null",
        license_id,
        now
    )
    .execute(&mut *tx)
    .await?;
    super::licenses::assign(&mut tx, license_id, target, now, "hardware_change").await?;
    sqlx::query!(
        "delete from license_sightings where license_id = $1 and device_id = $2",
        license_id,
        target
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "update devices set hardware_changed_at = null where id = $1",
        target
    )
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        now,
        account_id,
        Kind::LicenseMoved,
        &client,
        json!({ "license": format!("{product} ({edition})"), "device": target_name }),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("{}?done=moved", signed_in.path("licenses"))).into_response())
}
