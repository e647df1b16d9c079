//! "This wasn't me": the link in an alias notice. For 7 days, once, it undoes the change
//! (removes an added alias, restores the previous primary), signs the account out
//! everywhere and leads to a new password. Only a hash of its token is stored; the link is
//! a query string, which is never logged, and a GET only shows a page (mail scanners fetch
//! links): the undo itself is a POST.

use crate::http::csrf::CsrfToken;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use serde::Deserialize;
use serde_json::json;
use sqlx::PgConnection;
use time::Duration;
use uuid::Uuid;

use crate::aliases::Change;
use crate::aliases::store;
use crate::app::AppState;
use crate::audit::{self, Kind};
use crate::http::client::ClientInfo;
use crate::sessions::SessionToken;
use crate::sessions::forms::CsrfForm;
use crate::sessions::store as sessions;
use crate::ui::PageResult;
use crate::ui::{Layout, render_html};

/// How long a "This wasn't me" link works.
pub const VALID_FOR: Duration = Duration::days(7);

/// Stores an undo link for a change and answers its URL.
pub async fn create(
    conn: &mut PgConnection,
    state: &AppState,
    account_id: Uuid,
    change: Change,
    normalized: &str,
    previous_primary: Option<&str>,
) -> sqlx::Result<String> {
    let token = SessionToken::generate();
    let now = state.clock.now();
    let undo = store::NewUndo {
        account_id,
        change,
        normalized,
        previous_primary,
        expires_at: now + VALID_FOR,
    };
    store::insert_undo(conn, now, &token, &undo).await?;
    Ok(format!(
        "{}undo?t={}",
        state.config.public_url,
        token.as_str()
    ))
}

#[derive(Template)]
#[template(path = "pages/aliases/undo.html")]
struct UndoPage<'a> {
    layout: Layout<'a>,
    csrf: String,
    token: &'a str,
    /// `ask`, `done` or `expired`.
    state: &'a str,
}

fn page(
    state: &AppState,
    csrf: CsrfToken,
    token: &str,
    which: &str,
    status: StatusCode,
) -> PageResult {
    let page = UndoPage {
        layout: Layout::new(state, crate::i18n::t("undo-title")),
        csrf: csrf.authenticity_token(),
        token,
        state: which,
    };
    Ok((status, csrf, render_html(&page)).into_response())
}

#[derive(Debug, Default, Deserialize)]
pub struct UndoQuery {
    #[serde(default)]
    t: String,
}

/// `GET /undo?t=…`: asks to confirm; changes nothing.
pub async fn show(
    State(state): State<AppState>,
    csrf: CsrfToken,
    Query(q): Query<UndoQuery>,
) -> PageResult {
    let Some(token) = SessionToken::from_cookie(&q.t) else {
        return page(&state, csrf, "", "expired", StatusCode::NOT_FOUND);
    };
    let mut conn = state.db.acquire().await?;
    let found = store::find_undo(&mut conn, &token, state.clock.now()).await?;
    match found {
        Some(_) => page(&state, csrf, &q.t, "ask", StatusCode::OK),
        None => page(&state, csrf, "", "expired", StatusCode::NOT_FOUND),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct UndoForm {
    #[serde(default)]
    t: String,
}

/// `POST /undo`: undoes the change, once, and signs the account out everywhere.
pub async fn apply(
    State(state): State<AppState>,
    client: ClientInfo,
    CsrfForm { csrf, fields: form }: CsrfForm<UndoForm>,
) -> PageResult {
    let Some(token) = SessionToken::from_cookie(&form.t) else {
        return page(&state, csrf, "", "expired", StatusCode::NOT_FOUND);
    };
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let Some(undo) = store::find_undo(&mut tx, &token, now).await? else {
        return page(&state, csrf, "", "expired", StatusCode::NOT_FOUND);
    };
    if !store::use_undo(&mut tx, &token, now).await? {
        return page(&state, csrf, "", "expired", StatusCode::NOT_FOUND);
    }
    let account_id = undo.account_id;
    store::lock_account(&mut tx, account_id).await?;
    match undo.change.as_str() {
        "added" => store::remove_added(&mut tx, account_id, &undo.normalized).await?,
        "made_primary" => {
            if let Some(previous) = &undo.previous_primary
                && let Some(id) = store::verified_id(&mut tx, account_id, previous).await?
            {
                store::set_primary(&mut tx, account_id, id).await?;
            }
        }
        // A removed address cannot come back without its code; ending every session and a
        // new password are what remain.
        _ => {}
    }
    let ended = sessions::end_all_for_account(&mut tx, account_id, now).await?;
    audit::record(
        &mut tx,
        now,
        account_id,
        Kind::ChangeUndone,
        &client,
        json!({ "change": undo.change, "sessions_ended": ended }),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(%account_id, change = %undo.change, "alias change undone from a notice");
    page(&state, csrf, "", "done", StatusCode::OK)
}
