//! `/u/N/recovery-keys`: the account's BitLocker recovery keys by PC and volume (key IDs
//! only), a key found by the ID its PC's recovery screen shows, a key shown (after a recent
//! sign-in) and a key deleted.

use crate::http::csrf::CsrfToken;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::json;
use uuid::Uuid;

use super::rules::{KEY_ID_HELP, TypedKeyId, screen_id};
use super::store::{self, Which};
use super::{Shown, reveal};
use crate::app::AppState;
use crate::audit::{self, Kind};
use crate::http::client::ClientInfo;
use crate::reauth::RecentForm;
use crate::sessions::extract::SignedIn;
use crate::sessions::forms::{AccountForm, NoFields};
use crate::text::format_time;
use crate::ui::{ErrorPage, FormGuard, Layout, PageResult, render_html};

/// One key as the list shows it.
struct KeyView {
    id: Uuid,
    device: String,
    volume: String,
    protector_id: String,
    screen_id: String,
    backed_up: String,
    /// "No longer on this PC since …".
    gone: Option<String>,
}

#[derive(Template)]
#[template(path = "pages/recovery/list.html")]
struct ListPage<'a> {
    layout: Layout<'a>,
    position: i32,
    guard: FormGuard,
    notice: Option<&'static str>,
    error: Option<String>,
    typed: &'a str,
    keys: Vec<KeyView>,
}

#[derive(Template)]
#[template(path = "pages/recovery/shown.html")]
struct ShownPage<'a> {
    layout: Layout<'a>,
    position: i32,
    shown: Vec<Shown>,
}

#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    done: String,
}

/// `GET /u/{n}/recovery-keys`
pub async fn list(
    State(state): State<AppState>,
    csrf: CsrfToken,
    signed_in: SignedIn,
    Query(q): Query<ListQuery>,
) -> PageResult {
    let notice = (q.done == "deleted").then_some("recovery-done-deleted");
    let page = ListView {
        notice,
        ..ListView::default()
    };
    list_page(&state, &signed_in, csrf, page, StatusCode::OK).await
}

/// What the list page says besides the keys.
#[derive(Debug, Default)]
struct ListView<'a> {
    notice: Option<&'static str>,
    error: Option<String>,
    typed: &'a str,
}

async fn list_page(
    state: &AppState,
    signed_in: &SignedIn,
    csrf: CsrfToken,
    view: ListView<'_>,
    status: StatusCode,
) -> PageResult {
    let mut conn = state.db.acquire().await?;
    let rows = store::list(&mut conn, signed_in.account.account_id).await?;
    drop(conn);
    let keys = rows
        .into_iter()
        .map(|r| KeyView {
            id: r.id,
            screen_id: screen_id(&r.protector_id).to_owned(),
            backed_up: format_time(r.first_seen_at),
            gone: r.removed_from_pc_at.map(format_time),
            device: r.device,
            volume: r.volume,
            protector_id: r.protector_id,
        })
        .collect();
    let page = ListPage {
        layout: Layout::new(state, crate::i18n::t("recovery-title"))
            .with_account(signed_in.menu(state, &csrf)),
        position: signed_in.account.position,
        guard: signed_in.guard(state, &csrf),
        notice: view.notice,
        error: view.error,
        typed: view.typed,
        keys,
    };
    Ok((status, csrf, render_html(&page)).into_response())
}

fn shown_page(state: &AppState, form: &AccountForm<impl Sized>, shown: Vec<Shown>) -> Response {
    let signed_in = &form.signed_in;
    let page = ShownPage {
        layout: Layout::new(state, crate::i18n::t("recovery-shown-title"))
            .with_account(signed_in.menu(state, &form.csrf)),
        position: signed_in.account.position,
        shown,
    };
    (form.csrf.clone(), render_html(&page)).into_response()
}

#[derive(Debug, Default, Deserialize)]
pub struct FindFields {
    #[serde(default)]
    key_id: String,
}

/// `POST /u/{n}/recovery-keys/find` (after a recent sign-in): the key whose ID starts with
/// what was typed from the recovery screen.
pub async fn find(
    State(state): State<AppState>,
    client: ClientInfo,
    RecentForm(form): RecentForm<FindFields>,
) -> PageResult {
    let typed: String = form.fields.key_id.trim().chars().take(60).collect();
    let Some(id) = TypedKeyId::parse(&typed) else {
        let view = ListView {
            error: Some(crate::i18n::t(KEY_ID_HELP)),
            typed: &typed,
            ..ListView::default()
        };
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return list_page(&state, &form.signed_in, form.csrf, view, status).await;
    };
    let account_id = form.signed_in.account.account_id;
    let mut conn = state.db.acquire().await?;
    let found = store::sealed(&mut conn, account_id, Which::ScreenId(id.first8())).await?;
    drop(conn);
    let found: Vec<_> = found
        .into_iter()
        .filter(|k| id.matches(&k.protector_id))
        .collect();
    if found.is_empty() {
        let view = ListView {
            error: Some(crate::i18n::t_with(
                "recovery-not-found",
                &[("id", typed.clone().into())],
            )),
            typed: &typed,
            ..ListView::default()
        };
        let status = StatusCode::NOT_FOUND;
        return list_page(&state, &form.signed_in, form.csrf, view, status).await;
    }
    let shown = reveal(&state, account_id, &client, found).await?;
    Ok(shown_page(&state, &form, shown))
}

/// `POST /u/{n}/recovery-keys/{id}/show` (after a recent sign-in).
pub async fn show(
    State(state): State<AppState>,
    client: ClientInfo,
    Path((_, id)): Path<(i32, Uuid)>,
    RecentForm(form): RecentForm<NoFields>,
) -> PageResult {
    let account_id = form.signed_in.account.account_id;
    let mut conn = state.db.acquire().await?;
    let found = store::sealed(&mut conn, account_id, Which::Row(id)).await?;
    drop(conn);
    if found.is_empty() {
        return Ok(ErrorPage::not_found().into_response());
    }
    let shown = reveal(&state, account_id, &client, found).await?;
    Ok(shown_page(&state, &form, shown))
}

/// `POST /u/{n}/recovery-keys/{id}/delete` (after a recent sign-in).
pub async fn delete(
    State(state): State<AppState>,
    client: ClientInfo,
    Path((_, id)): Path<(i32, Uuid)>,
    RecentForm(form): RecentForm<NoFields>,
) -> PageResult {
    let signed_in = &form.signed_in;
    let account_id = signed_in.account.account_id;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let Some((device, protector_id)) = store::delete(&mut tx, account_id, id).await? else {
        return Ok(ErrorPage::not_found().into_response());
    };
    let details = json!({ "device": device, "key_id": screen_id(&protector_id) });
    audit::record(
        &mut tx,
        now,
        account_id,
        Kind::RecoveryKeyDeleted,
        &client,
        details,
    )
    .await?;
    tx.commit().await?;
    let to = format!("{}?done=deleted", signed_in.path("recovery-keys"));
    Ok(Redirect::to(&to).into_response())
}
