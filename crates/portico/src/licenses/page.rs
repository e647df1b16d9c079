//! `/u/N/licenses`: the account's Windows licenses, the PC holding each, their history, and
//! the same license seen elsewhere (on another of the account's PCs, or on another account).

use crate::http::csrf::CsrfToken;
use crate::i18n::{t, t_with};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use serde::Deserialize;
use uuid::Uuid;

use super::{rules, store};
use crate::app::AppState;
use crate::devices::activation::masked_key;
use crate::sessions::extract::SignedIn;
use crate::text::format_time;
use crate::ui::PageResult;
use crate::ui::{Layout, render_html};

/// One license as the page shows it.
struct LicenseView {
    id: Uuid,
    title: String,
    kind: String,
    /// Why it cannot move (OEM, volume), shown instead of a Move button.
    fixed: Option<String>,
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
}

/// A license of another account that one of this account's PCs reports.
struct ForeignView {
    title: String,
    device: String,
}

#[derive(Template)]
#[template(path = "pages/licenses/list.html")]
struct LicensesPage<'a> {
    layout: Layout<'a>,
    position: i32,
    notice: Option<&'static str>,
    error: Option<String>,
    licenses: Vec<LicenseView>,
    foreign: Vec<ForeignView>,
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
    let notice = (q.done == "moved").then_some("license-done-moved");
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
    let rows = store::of_account(&mut conn, account_id).await?;
    let history = store::history(&mut conn, account_id).await?;
    let sightings = store::sightings(&mut conn, account_id).await?;
    let foreign = store::foreign(&mut conn, account_id).await?;
    drop(conn);
    let licenses = rows
        .into_iter()
        .map(|r| LicenseView {
            id: r.id,
            hardware_changed: r.hardware_changed,
            title: format!("{} ({})", r.product, r.edition),
            kind: rules::kind_label(&r.kind, &r.channel),
            fixed: rules::check_move(&r.channel, rules::Target::Other, &[])
                .err()
                .map(|why| why.to_string()),
            key: r.key_last5.as_deref().map(masked_key),
            holder: r.holder.unwrap_or_else(|| t("license-no-pc")),
            history: history
                .iter()
                .filter(|h| h.license_id == r.id)
                .map(|h| {
                    let (device, from, to) = (&h.device, &h.assigned_at, &h.ended_at);
                    let how = if h.reason == "hardware_change" {
                        "yes"
                    } else {
                        "no"
                    };
                    let mut args = vec![
                        ("device", device.clone().into()),
                        ("hardware", how.into()),
                        ("from", format_time(*from).into()),
                    ];
                    match to {
                        Some(to) => {
                            args.push(("to", format_time(*to).into()));
                            t_with("license-held-from-to", &args)
                        }
                        None => t_with("license-held-since", &args),
                    }
                })
                .collect(),
            elsewhere: sightings
                .iter()
                .filter(|s| s.license_id == r.id && !s.other_account)
                .map(|s| s.device.clone())
                .collect(),
            conflict: sightings
                .iter()
                .any(|s| s.license_id == r.id && s.other_account),
            channel: r.channel,
        })
        .collect();
    let foreign = foreign
        .into_iter()
        .map(|f| ForeignView {
            title: format!("{} ({})", f.product, f.edition),
            device: f.device,
        })
        .collect();
    let page = LicensesPage {
        layout: Layout::new(state, t("menu-licenses")).with_account(signed_in.menu(state, &csrf)),
        position: signed_in.account.position,
        notice,
        error,
        licenses,
        foreign,
    };
    Ok((status, csrf, render_html(&page)).into_response())
}
