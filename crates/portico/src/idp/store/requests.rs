//! Authorization requests waiting for the person, and what the chooser reads.

use sqlx::PgExecutor;
use time::OffsetDateTime;
use uuid::Uuid;

/// An authorization request waiting for the person.
#[derive(Debug, Clone)]
pub struct RequestRow {
    pub id: Uuid,
    pub client_id: String,
    pub redirect_uri: String,
    pub scopes: Vec<String>,
    pub state: Option<String>,
    pub nonce: Option<String>,
    pub code_challenge: Option<String>,
    pub prompt: Vec<String>,
    pub max_age: Option<i32>,
    pub login_hint: Option<String>,
    pub ui_locales: Option<String>,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
}

pub async fn insert_request(db: impl PgExecutor<'_>, r: &RequestRow) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into oidc_requests
            (id, client_id, redirect_uri, scopes, state, nonce, code_challenge, prompt, max_age,
             login_hint, ui_locales, created_at, expires_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        r.id,
        r.client_id,
        r.redirect_uri,
        &r.scopes,
        r.state,
        r.nonce,
        r.code_challenge,
        &r.prompt,
        r.max_age,
        r.login_hint,
        r.ui_locales,
        r.created_at,
        r.expires_at
    )
    .execute(db)
    .await?;
    Ok(())
}

pub async fn request(
    db: impl PgExecutor<'_>,
    id: Uuid,
    now: OffsetDateTime,
) -> sqlx::Result<Option<RequestRow>> {
    sqlx::query_as!(
        RequestRow,
        "select id, client_id, redirect_uri, scopes, state, nonce, code_challenge, prompt, max_age,
                login_hint, ui_locales, created_at, expires_at
         from oidc_requests where id = $1 and expires_at > $2",
        id,
        now
    )
    .fetch_optional(db)
    .await
}

/// Ends a request once answered (a code or an error), so that it is answered once.
pub async fn finish_request(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<bool> {
    let done = sqlx::query!("delete from oidc_requests where id = $1", id)
        .execute(db)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// When and how an account session was last proved.
pub async fn session_proof(
    db: impl PgExecutor<'_>,
    session_id: Uuid,
) -> sqlx::Result<Option<(OffsetDateTime, Option<String>)>> {
    let row = sqlx::query!(
        "select coalesce(authenticated_at, created_at) as \"at!\", auth_method
         from account_sessions where id = $1 and ended_at is null",
        session_id
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| (r.at, r.auth_method)))
}

pub async fn last_choice(
    db: impl PgExecutor<'_>,
    browser_session_id: Uuid,
    client_id: &str,
) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar!(
        "select account_id from oidc_choices where browser_session_id = $1 and client_id = $2",
        browser_session_id,
        client_id
    )
    .fetch_optional(db)
    .await
}

pub async fn remember_choice(
    db: impl PgExecutor<'_>,
    browser_session_id: Uuid,
    client_id: &str,
    account_id: Uuid,
    now: OffsetDateTime,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into oidc_choices (browser_session_id, client_id, account_id, chosen_at)
         values ($1, $2, $3, $4)
         on conflict (browser_session_id, client_id)
         do update set account_id = excluded.account_id, chosen_at = excluded.chosen_at",
        browser_session_id,
        client_id,
        account_id,
        now
    )
    .execute(db)
    .await?;
    Ok(())
}
