//! Every query about aliases. Functions take a connection, so the caller owns the
//! transaction (and, for a change, the account's row lock: [`lock_account`]).

use sqlx::PgConnection;
use time::OffsetDateTime;
use uuid::Uuid;

use super::{Alias, Change, PENDING_FOR, rules};
use crate::contact::Destination;
use crate::sessions::SessionToken;

/// The account's creation time and its aliases (primary first, then by age; pending ones
/// only while they wait for their code), in one query.
pub async fn of_account(
    conn: &mut PgConnection,
    account_id: Uuid,
    now: OffsetDateTime,
) -> sqlx::Result<Option<(OffsetDateTime, Vec<Alias>)>> {
    let rows = sqlx::query!(
        r#"select a.created_at, l.id as "id?", l.kind as "kind?", l.value as "value?",
                l.verified_at, l.is_primary as "is_primary?",
                l.sign_in_allowed as "sign_in_allowed?", l.created_at as "added_at?"
         from accounts a left join aliases l
              on l.account_id = a.id and (l.verified_at is not null or l.created_at > $2)
         where a.id = $1
         order by l.is_primary desc, l.created_at, l.id"#,
        account_id,
        now - PENDING_FOR
    )
    .fetch_all(conn)
    .await?;
    let Some(created) = rows.first().map(|r| r.created_at) else {
        return Ok(None);
    };
    let aliases = rows
        .into_iter()
        .filter_map(|r| {
            Some(Alias {
                id: r.id?,
                destination: Destination::from_stored(r.kind.as_deref()?, r.value.as_deref()?)?,
                verified: r.verified_at.is_some(),
                is_primary: r.is_primary?,
                sign_in_allowed: r.sign_in_allowed?,
                created_at: r.added_at?,
            })
        })
        .collect();
    Ok(Some((created, aliases)))
}

/// Forgets addresses whose code never came back.
pub async fn prune_pending(conn: &mut PgConnection, now: OffsetDateTime) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "delete from aliases where verified_at is null and created_at <= $1",
        now - PENDING_FOR
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// Takes the account's row lock, so that concurrent changes to its aliases queue and each
/// checks the rules against what the one before left.
pub async fn lock_account(conn: &mut PgConnection, account_id: Uuid) -> sqlx::Result<bool> {
    let found: Option<Uuid> = sqlx::query_scalar!(
        "select id from accounts where id = $1 for update",
        account_id
    )
    .fetch_optional(conn)
    .await?;
    Ok(found.is_some())
}

/// When the account made `change` since `since`, oldest first.
pub async fn changes_since(
    conn: &mut PgConnection,
    account_id: Uuid,
    change: Change,
    since: OffsetDateTime,
) -> sqlx::Result<Vec<OffsetDateTime>> {
    sqlx::query_scalar!(
        "select at from alias_changes where account_id = $1 and change = $2 and at > $3 order by at",
        account_id,
        change.as_str(),
        since
    )
    .fetch_all(conn)
    .await
}

pub async fn record_change(
    conn: &mut PgConnection,
    account_id: Uuid,
    change: Change,
    normalized: &str,
    now: OffsetDateTime,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into alias_changes (id, account_id, change, normalized, at) values ($1, $2, $3, $4, $5)",
        Uuid::now_v7(),
        account_id,
        change.as_str(),
        normalized,
        now
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Until when another account's removal (or its deletion) holds `normalized` back from
/// `account_id`, if it does.
pub async fn held_until(
    conn: &mut PgConnection,
    normalized: &str,
    account_id: Uuid,
    now: OffsetDateTime,
) -> sqlx::Result<Option<OffsetDateTime>> {
    let removed: Option<OffsetDateTime> = sqlx::query_scalar!(
        "select max(at) from alias_changes
         where normalized = $1 and change = 'removed' and account_id <> $2 and at > $3",
        normalized,
        account_id,
        now - rules::HOLD_AFTER_REMOVAL
    )
    .fetch_one(&mut *conn)
    .await?;
    let removed = removed.map(|at| at + rules::HOLD_AFTER_REMOVAL);
    let deleted = crate::closing::store::held(conn, normalized, now).await?;
    Ok(removed.max(deleted))
}

/// Makes alias `id` the account's primary (the old one first stops being primary).
pub async fn set_primary(conn: &mut PgConnection, account_id: Uuid, id: Uuid) -> sqlx::Result<()> {
    sqlx::query!(
        "update aliases set is_primary = false where account_id = $1 and is_primary",
        account_id
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "update aliases set is_primary = true where account_id = $1 and id = $2",
        account_id,
        id
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn set_sign_in(
    conn: &mut PgConnection,
    account_id: Uuid,
    id: Uuid,
    allowed: bool,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update aliases set sign_in_allowed = $3 where account_id = $1 and id = $2",
        account_id,
        id,
        allowed
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn remove(conn: &mut PgConnection, account_id: Uuid, id: Uuid) -> sqlx::Result<()> {
    sqlx::query!(
        "delete from aliases where account_id = $1 and id = $2",
        account_id,
        id
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Keeps `destination` on the account as waiting for its code (again, if it was).
pub async fn insert_pending(
    conn: &mut PgConnection,
    account_id: Uuid,
    destination: &Destination,
    now: OffsetDateTime,
) -> sqlx::Result<()> {
    let kind = destination.kind();
    sqlx::query!(
        "insert into aliases (id, account_id, kind, value, normalized, readable, created_at)
         values ($1, $2, $3, $4, $5, $6, $7)
         on conflict (account_id, normalized) do update set created_at = excluded.created_at
         where aliases.verified_at is null",
        Uuid::now_v7(),
        account_id,
        kind,
        destination.address(),
        destination.normalized(),
        destination.readable(),
        now
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Forgets the account's pending `normalized` (it turned out to be someone else's).
pub async fn drop_pending(
    conn: &mut PgConnection,
    account_id: Uuid,
    normalized: &str,
) -> sqlx::Result<()> {
    sqlx::query!(
        "delete from aliases where account_id = $1 and normalized = $2 and verified_at is null",
        account_id,
        normalized
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Verifies the account's pending `normalized`, still waiting for its code; false if it no
/// longer waits. An account's first verified address (one made through a provider) becomes
/// its primary.
pub async fn verify_pending(
    conn: &mut PgConnection,
    account_id: Uuid,
    normalized: &str,
    now: OffsetDateTime,
) -> sqlx::Result<bool> {
    let updated = sqlx::query!(
        "update aliases set verified_at = $3,
             is_primary = not exists (select 1 from aliases p where p.account_id = $1 and p.is_primary)
         where account_id = $1 and normalized = $2 and verified_at is null and created_at > $4",
        account_id,
        normalized,
        now,
        now - PENDING_FOR
    )
    .execute(conn)
    .await?;
    Ok(updated.rows_affected() == 1)
}

/// A "This wasn't me" link about to be sent.
#[derive(Debug)]
pub struct NewUndo<'a> {
    pub account_id: Uuid,
    pub change: Change,
    pub normalized: &'a str,
    pub previous_primary: Option<&'a str>,
    pub expires_at: OffsetDateTime,
}

pub async fn insert_undo(
    conn: &mut PgConnection,
    now: OffsetDateTime,
    token: &SessionToken,
    undo: &NewUndo<'_>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into alias_undo (token_hash, account_id, change, normalized, previous_primary, created_at, expires_at)
         values ($1, $2, $3, $4, $5, $6, $7)",
        token.hash().to_vec(),
        undo.account_id,
        undo.change.as_str(),
        undo.normalized,
        undo.previous_primary,
        now,
        undo.expires_at
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// A "This wasn't me" link that can still be used.
#[derive(Debug)]
pub struct Undo {
    pub account_id: Uuid,
    pub change: String,
    pub normalized: String,
    pub previous_primary: Option<String>,
}

pub async fn find_undo(
    conn: &mut PgConnection,
    token: &SessionToken,
    now: OffsetDateTime,
) -> sqlx::Result<Option<Undo>> {
    sqlx::query_as!(
        Undo,
        "select account_id, change, normalized, previous_primary from alias_undo
         where token_hash = $1 and used_at is null and expires_at > $2",
        token.hash().to_vec(),
        now
    )
    .fetch_optional(conn)
    .await
}

/// Uses the link up; false when another request did first.
pub async fn use_undo(
    conn: &mut PgConnection,
    token: &SessionToken,
    now: OffsetDateTime,
) -> sqlx::Result<bool> {
    let used = sqlx::query!(
        "update alias_undo set used_at = $2 where token_hash = $1 and used_at is null",
        token.hash().to_vec(),
        now
    )
    .execute(conn)
    .await?;
    Ok(used.rows_affected() == 1)
}

/// Forgets links that can no longer be used.
pub async fn prune_undo(conn: &mut PgConnection, now: OffsetDateTime) -> sqlx::Result<u64> {
    let done = sqlx::query!("delete from alias_undo where expires_at <= $1", now)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

/// Removes an added alias again (never the primary one).
pub async fn remove_added(
    conn: &mut PgConnection,
    account_id: Uuid,
    normalized: &str,
) -> sqlx::Result<()> {
    sqlx::query!(
        "delete from aliases where account_id = $1 and normalized = $2 and not is_primary",
        account_id,
        normalized
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The account's verified alias `normalized`, if it still has it.
pub async fn verified_id(
    conn: &mut PgConnection,
    account_id: Uuid,
    normalized: &str,
) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar!(
        "select id from aliases where account_id = $1 and normalized = $2 and verified_at is not null",
        account_id,
        normalized
    )
    .fetch_optional(conn)
    .await
}
