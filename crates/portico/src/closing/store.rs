//! Every query about closing, reopening and deleting accounts. Functions take a
//! connection, so the caller owns the transaction.

use sqlx::PgConnection;
use time::OffsetDateTime;
use uuid::Uuid;

/// Whether the account is closing, and until when it can be reopened.
pub async fn closing_until(
    conn: &mut PgConnection,
    account_id: Uuid,
) -> sqlx::Result<Option<OffsetDateTime>> {
    Ok(sqlx::query_scalar!(
        "select delete_after from accounts where id = $1 and status = 'closing'",
        account_id
    )
    .fetch_optional(conn)
    .await?
    .flatten())
}

/// Marks an active account closing; false when it was not active.
pub async fn mark_closing(
    conn: &mut PgConnection,
    account_id: Uuid,
    now: OffsetDateTime,
    delete_after: OffsetDateTime,
) -> sqlx::Result<bool> {
    Ok(sqlx::query!(
        "update accounts set status = 'closing', closing_since = $2, delete_after = $3
         where id = $1 and status = 'active'",
        account_id,
        now,
        delete_after
    )
    .execute(conn)
    .await?
    .rows_affected()
        == 1)
}

/// Makes a closing account active again; false when it was not closing.
pub async fn reopen(conn: &mut PgConnection, account_id: Uuid) -> sqlx::Result<bool> {
    Ok(sqlx::query!(
        "update accounts set status = 'active', closing_since = null, delete_after = null
         where id = $1 and status = 'closing'",
        account_id
    )
    .execute(conn)
    .await?
    .rows_affected()
        == 1)
}

/// A closing account past its grace period.
#[derive(Debug)]
pub struct Due {
    pub id: Uuid,
    pub closing_since: OffsetDateTime,
}

/// Closing accounts whose grace ended, oldest first, locked so that one worker deletes each.
pub async fn due(conn: &mut PgConnection, now: OffsetDateTime) -> sqlx::Result<Vec<Due>> {
    sqlx::query_as!(
        Due,
        r#"select id, closing_since as "closing_since!" from accounts
           where status = 'closing' and delete_after <= $1
           order by delete_after limit 100 for update skip locked"#,
        now
    )
    .fetch_all(conn)
    .await
}

/// Deletes an account and everything that refers to it, keeping only the anonymous record
/// that it was closed, and holding its addresses back until `held_until`.
pub async fn delete_for_good(
    conn: &mut PgConnection,
    due: &Due,
    now: OffsetDateTime,
    held_until: OffsetDateTime,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into alias_holds (normalized, held_until)
         select normalized, $2 from aliases where account_id = $1 and verified_at is not null
         on conflict (normalized) do update set held_until = greatest(alias_holds.held_until, excluded.held_until)",
        due.id,
        held_until
    )
    .execute(&mut *conn)
    .await?;
    // Messages to its addresses (sent, dead or waiting) name them: they go too.
    sqlx::query!(
        "delete from outbox where recipient in (select value from aliases where account_id = $1)",
        due.id
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "delete from dev_mailbox where recipient in (select value from aliases where account_id = $1)",
        due.id
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "insert into closed_accounts (account_id, closing_since, deleted_at) values ($1, $2, $3)
         on conflict (account_id) do nothing",
        due.id,
        due.closing_since,
        now
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!("delete from accounts where id = $1", due.id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Whether a deleted account's address is still held back from others.
pub async fn held(
    conn: &mut PgConnection,
    normalized: &str,
    now: OffsetDateTime,
) -> sqlx::Result<Option<OffsetDateTime>> {
    sqlx::query_scalar!(
        "select held_until from alias_holds where normalized = $1 and held_until > $2",
        normalized,
        now
    )
    .fetch_optional(conn)
    .await
}

/// Forgets holds that ended.
pub async fn prune_holds(conn: &mut PgConnection, now: OffsetDateTime) -> sqlx::Result<u64> {
    Ok(
        sqlx::query!("delete from alias_holds where held_until <= $1", now)
            .execute(conn)
            .await?
            .rows_affected(),
    )
}
