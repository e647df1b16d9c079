//! Consent, subjects, and "Apps and services".

use sqlx::{PgConnection, PgExecutor};
use time::OffsetDateTime;
use uuid::Uuid;

pub async fn granted_scopes(
    db: impl PgExecutor<'_>,
    account_id: Uuid,
    client_id: &str,
) -> sqlx::Result<Option<Vec<String>>> {
    sqlx::query_scalar!(
        "select scopes from oidc_grants where account_id = $1 and client_id = $2",
        account_id,
        client_id
    )
    .fetch_optional(db)
    .await
}

/// Records consent to `scopes` (added to what was given before).
pub async fn grant(
    db: impl PgExecutor<'_>,
    account_id: Uuid,
    client_id: &str,
    scopes: &[String],
    now: OffsetDateTime,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into oidc_grants (account_id, client_id, scopes, consented_at, last_used_at)
         values ($1, $2, $3, $4, $4)
         on conflict (account_id, client_id) do update set
            scopes = array(select distinct unnest(oidc_grants.scopes || excluded.scopes)),
            consented_at = excluded.consented_at",
        account_id,
        client_id,
        scopes,
        now
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Marks the app as used now (a grant is made for first-party apps too, so that "Apps and
/// services" lists them).
pub async fn used(
    db: impl PgExecutor<'_>,
    account_id: Uuid,
    client_id: &str,
    scopes: &[String],
    now: OffsetDateTime,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into oidc_grants (account_id, client_id, scopes, consented_at, last_used_at)
         values ($1, $2, $3, $4, $4)
         on conflict (account_id, client_id) do update set last_used_at = excluded.last_used_at",
        account_id,
        client_id,
        scopes,
        now
    )
    .execute(db)
    .await?;
    Ok(())
}

/// The account's subject for `sector`, made on first use.
pub async fn subject(
    conn: &mut PgConnection,
    account_id: Uuid,
    sector: &str,
    fresh: &str,
) -> sqlx::Result<String> {
    sqlx::query_scalar!(
        "with made as (
            insert into oidc_subjects (account_id, sector, subject) values ($1, $2, $3)
            on conflict (account_id, sector) do nothing returning subject)
         select subject as \"subject!\" from made
         union all
         select subject from oidc_subjects where account_id = $1 and sector = $2",
        account_id,
        sector,
        fresh
    )
    .fetch_one(conn)
    .await
}

/// An app the account has let in, as "Apps and services" lists it.
#[derive(Debug, Clone)]
pub struct AppRow {
    pub client_id: String,
    pub name: String,
    pub scopes: Vec<String>,
    pub consented_at: OffsetDateTime,
    pub last_used_at: OffsetDateTime,
}

pub async fn apps(db: impl PgExecutor<'_>, account_id: Uuid) -> sqlx::Result<Vec<AppRow>> {
    sqlx::query_as!(
        AppRow,
        "select g.client_id, c.name, g.scopes, g.consented_at, g.last_used_at
         from oidc_grants g join oidc_clients c on c.id = g.client_id
         where g.account_id = $1 order by g.last_used_at desc",
        account_id
    )
    .fetch_all(db)
    .await
}

/// Ends every app's tokens for the account (an operator disabled it).
pub async fn revoke_all_for_account(
    conn: &mut PgConnection,
    account_id: Uuid,
    now: OffsetDateTime,
) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "update oidc_token_families set revoked_at = $2 where account_id = $1 and revoked_at is null",
        account_id,
        now
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// Removes the app's access: its grant, and every token family it holds for the account.
/// Answers the app's name, or `None` if it had no access.
pub async fn remove_access(
    conn: &mut PgConnection,
    account_id: Uuid,
    client_id: &str,
    now: OffsetDateTime,
) -> sqlx::Result<Option<String>> {
    let name = sqlx::query_scalar!(
        "with gone as (
            delete from oidc_grants where account_id = $1 and client_id = $2 returning client_id)
         select c.name from oidc_clients c join gone on gone.client_id = c.id",
        account_id,
        client_id
    )
    .fetch_optional(&mut *conn)
    .await?;
    sqlx::query!(
        "update oidc_token_families set revoked_at = $3
         where account_id = $1 and client_id = $2 and revoked_at is null",
        account_id,
        client_id,
        now
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "delete from oidc_choices where account_id = $1 and client_id = $2",
        account_id,
        client_id
    )
    .execute(&mut *conn)
    .await?;
    Ok(name)
}
