//! `/u/N/licenses`: the account's Windows licenses, the PC holding each, their history, and
//! the same license seen elsewhere (on another of the account's PCs, or on another account).

use askama::Template;
use axum::extract::State;
use axum::response::IntoResponse;
use axum_csrf::CsrfToken;
use time::OffsetDateTime;
use uuid::Uuid;

use super::activation::masked_key;
use crate::app::AppState;
use crate::http::error_pages::PageResult;
use crate::pages::{AccountMenu, Layout, format_time, render_html};
use crate::sessions::extract::SignedIn;

/// One license as the page shows it.
struct LicenseView {
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
    licenses: Vec<LicenseView>,
    foreign: Vec<ForeignView>,
}

#[derive(Debug, sqlx::FromRow)]
struct Row {
    id: Uuid,
    kind: String,
    key_last5: Option<String>,
    product: String,
    edition: String,
    channel: String,
    holder: Option<String>,
}

/// `GET /u/{n}/licenses`
pub async fn show(
    State(state): State<AppState>,
    csrf: CsrfToken,
    signed_in: SignedIn,
) -> PageResult {
    let account_id = signed_in.account.account_id;
    let mut conn = state.db.acquire().await?;
    let rows: Vec<Row> = sqlx::query_as(
        "select l.id, l.kind, l.key_last5, l.product, l.edition, l.channel,
                (select coalesce(d.custom_name, d.name) from license_assignments a
                   join devices d on d.id = a.device_id
                  where a.license_id = l.id and a.ended_at is null) as holder
         from licenses l where l.account_id = $1 order by l.linked_at",
    )
    .bind(account_id)
    .fetch_all(&mut *conn)
    .await?;
    let history: Vec<(Uuid, String, OffsetDateTime, Option<OffsetDateTime>, String)> =
        sqlx::query_as(
            "select a.license_id, coalesce(d.custom_name, d.name), a.assigned_at, a.ended_at, a.reason
             from license_assignments a join licenses l on l.id = a.license_id
             join devices d on d.id = a.device_id
             where l.account_id = $1 order by a.assigned_at",
        )
        .bind(account_id)
        .fetch_all(&mut *conn)
        .await?;
    let sightings: Vec<(Uuid, String, bool)> = sqlx::query_as(
        "select s.license_id, coalesce(d.custom_name, d.name), s.other_account
         from license_sightings s join licenses l on l.id = s.license_id
         join devices d on d.id = s.device_id
         where l.account_id = $1 and d.removed_at is null",
    )
    .bind(account_id)
    .fetch_all(&mut *conn)
    .await?;
    let foreign: Vec<(String, String, String)> = sqlx::query_as(
        "select l.product, l.edition, coalesce(d.custom_name, d.name)
         from license_sightings s join licenses l on l.id = s.license_id
         join devices d on d.id = s.device_id
         where d.account_id = $1 and d.removed_at is null and s.other_account",
    )
    .bind(account_id)
    .fetch_all(&mut *conn)
    .await?;
    drop(conn);
    let licenses = rows
        .into_iter()
        .map(|r| LicenseView {
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
        layout: Layout::new(&state, "Licenses")
            .with_account(AccountMenu::new(&state, &signed_in, &csrf)),
        licenses,
        foreign,
    };
    Ok((csrf, render_html(&page)).into_response())
}
