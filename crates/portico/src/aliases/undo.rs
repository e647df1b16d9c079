//! "This wasn't me": the link in an alias notice. For 7 days, once, it undoes the change
//! (removes an added alias, restores the previous primary), signs the account out
//! everywhere and leads to a new password. Only a hash of its token is stored; the link is
//! a query string, which is never logged, and a GET only shows a page (mail scanners fetch
//! links): the undo itself is a POST.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum_csrf::CsrfToken;
use serde::Deserialize;
use serde_json::json;
use sqlx::PgConnection;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::aliases::{self, Change};
use crate::app::AppState;
use crate::audit::{self, Kind};
use crate::http::client::ClientInfo;
use crate::sessions::SessionToken;
use crate::sessions::forms::CsrfForm;
use crate::sessions::store;
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
    sqlx::query!(
        "insert into alias_undo (token_hash, account_id, change, normalized, previous_primary, created_at, expires_at)
         values ($1, $2, $3, $4, $5, $6, $7)",
        token.hash().to_vec(),
        account_id,
        change.as_str(),
        normalized,
        previous_primary,
        now,
        now + VALID_FOR
    )
    .execute(conn)
    .await?;
    Ok(format!(
        "{}undo?t={}",
        state.config.public_url,
        token.as_str()
    ))
}

/// Forgets links that can no longer be used.
pub async fn prune(conn: &mut PgConnection, now: OffsetDateTime) -> sqlx::Result<u64> {
    let done = sqlx::query!("delete from alias_undo where expires_at <= $1", now)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

#[derive(Debug)]
struct Pending {
    account_id: Uuid,
    change: String,
    normalized: String,
    previous_primary: Option<String>,
}

async fn find(
    conn: &mut PgConnection,
    token: &SessionToken,
    now: OffsetDateTime,
) -> sqlx::Result<Option<Pending>> {
    sqlx::query_as!(
        Pending,
        "select account_id, change, normalized, previous_primary from alias_undo
         where token_hash = $1 and used_at is null and expires_at > $2",
        token.hash().to_vec(),
        now
    )
    .fetch_optional(conn)
    .await
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
        layout: Layout::new(state, "This wasn't me"),
        csrf: csrf.authenticity_token().unwrap_or_default(),
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
    let found = find(&mut conn, &token, state.clock.now()).await?;
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
    let Some(undo) = find(&mut tx, &token, now).await? else {
        return page(&state, csrf, "", "expired", StatusCode::NOT_FOUND);
    };
    let used = sqlx::query!(
        "update alias_undo set used_at = $2 where token_hash = $1 and used_at is null",
        token.hash().to_vec(),
        now
    )
    .execute(&mut *tx)
    .await?;
    if used.rows_affected() != 1 {
        return page(&state, csrf, "", "expired", StatusCode::NOT_FOUND);
    }
    let account_id = undo.account_id;
    aliases::store::lock_account(&mut tx, account_id).await?;
    match undo.change.as_str() {
        "added" => {
            sqlx::query!(
                "delete from aliases where account_id = $1 and normalized = $2 and not is_primary",
                account_id,
                &undo.normalized
            )
            .execute(&mut *tx)
            .await?;
        }
        "made_primary" => {
            if let Some(previous) = &undo.previous_primary {
                let restored: Option<Uuid> = sqlx::query_scalar!(
                    "select id from aliases where account_id = $1 and normalized = $2 and verified_at is not null",
                    account_id,
                    previous
                )
                .fetch_optional(&mut *tx)
                .await?;
                if let Some(id) = restored {
                    aliases::store::set_primary(&mut tx, account_id, id).await?;
                }
            }
        }
        // A removed address cannot come back without its code; ending every session and a
        // new password are what remain.
        _ => {}
    }
    let ended = store::end_all_for_account(&mut tx, account_id, now).await?;
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
