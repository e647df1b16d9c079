//! The privacy page and its own setting (where security notices go).

use crate::http::csrf::CsrfToken;
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;
use serde_json::json;

use super::{rules, store};
use crate::app::AppState;
use crate::audit::{self, Kind};
use crate::http::client::ClientInfo;
use crate::sessions::extract::{PageConn, SignedIn};
use crate::sessions::forms::AccountForm;
use crate::ui::{FormGuard, Layout, PageResult, render_html};

#[derive(Template)]
#[template(path = "pages/privacy/page.html")]
struct PrivacyPage<'a> {
    layout: Layout<'a>,
    position: i32,
    guard: FormGuard,
    kept: Vec<rules::Kept>,
    pcs: Vec<store::PcChoices>,
    notify_all: bool,
    done: Option<&'static str>,
    export: Option<ExportView>,
    /// No copy is being prepared: one can be asked for.
    can_export: bool,
}

/// The latest copy of the person's data, as the page shows it.
struct ExportView {
    id: uuid::Uuid,
    ready: bool,
    until: String,
    size: String,
    with_recovery_keys: bool,
}

#[derive(Debug, Default, Deserialize)]
pub struct PageQuery {
    #[serde(default)]
    done: String,
}

/// What a change just made says at the top of the page (a key of `locales/`).
fn done_message(done: &str) -> Option<&'static str> {
    Some(match done {
        "notices" => "privacy-done-notices",
        "export_requested" => "privacy-done-export-requested",
        "export_waiting" => "privacy-done-export-waiting",
        "location_on" => "privacy-done-location-on",
        "location_off" => "privacy-done-location-off",
        "hardware_on" => "privacy-done-hardware-on",
        "hardware_off" => "privacy-done-hardware-off",
        "recovery_on" => "privacy-done-recovery-on",
        "recovery_off" => "privacy-done-recovery-off",
        _ => return None,
    })
}

/// `GET /u/{n}/privacy`
pub async fn show(
    State(state): State<AppState>,
    csrf: CsrfToken,
    signed_in: SignedIn,
    mut conn: PageConn,
    axum::extract::Query(q): axum::extract::Query<PageQuery>,
) -> PageResult {
    let account_id = signed_in.account.account_id;
    let pcs = store::pc_choices(&mut conn, account_id).await?;
    let notify_all = store::notify_all(&mut conn, account_id).await?;
    let export = crate::exports::store::latest(&mut conn, account_id, state.clock.now())
        .await?
        .map(|e| ExportView {
            id: e.id,
            ready: e.state == "ready",
            until: e
                .expires_at
                .map(crate::text::format_time)
                .unwrap_or_default(),
            size: e
                .size
                .map(|b| format!("{:.1} KB", f64::from(b) / 1024.0))
                .unwrap_or_default(),
            with_recovery_keys: e.include_recovery_keys,
        });
    drop(conn);
    let can_export = export.as_ref().is_none_or(|e| e.ready);
    let page = PrivacyPage {
        layout: Layout::new(&state, crate::i18n::t("menu-privacy"))
            .with_account(signed_in.menu(&state, &csrf)),
        position: signed_in.account.position,
        guard: signed_in.guard(&state, &csrf),
        kept: rules::kept(),
        pcs,
        notify_all,
        done: done_message(&q.done),
        export,
        can_export,
    };
    Ok((csrf, render_html(&page)).into_response())
}

#[derive(Debug, Default, Deserialize)]
pub struct NoticeFields {
    /// `all` or `primary`.
    #[serde(default)]
    to: String,
}

/// `POST /u/{n}/privacy/notices`: security notices to the primary address or to every
/// verified one.
pub async fn notices(
    State(state): State<AppState>,
    client: ClientInfo,
    form: AccountForm<NoticeFields>,
) -> PageResult {
    let all = form.fields.to == "all";
    let account_id = form.signed_in.account.account_id;
    let mut tx = state.db.begin().await?;
    store::set_notify_all(&mut tx, account_id, all).await?;
    audit::record(
        &mut tx,
        state.clock.now(),
        account_id,
        Kind::NoticesChanged,
        &client,
        json!({ "to": if all { "all" } else { "primary" } }),
    )
    .await?;
    tx.commit().await?;
    let to = format!("{}?done=notices", form.signed_in.path("privacy"));
    Ok(Redirect::to(&to).into_response())
}
