//! The SQL of the operator's commands: reading an account whole, changing its standing,
//! and the outbox's state. Payloads (where codes live) are never selected.

use serde::Serialize;
use sqlx::PgConnection;
use time::OffsetDateTime;
use uuid::Uuid;

#[derive(Debug, Clone, Serialize)]
pub struct AccountRow {
    pub id: Uuid,
    pub display_name: String,
    pub status: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    pub has_password: bool,
}

pub async fn account(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<AccountRow>> {
    sqlx::query_as!(
        AccountRow,
        "select id, display_name, status, created_at, password_hash is not null as \"has_password!\"
         from accounts where id = $1",
        id
    )
    .fetch_optional(conn)
    .await
}

/// Accounts with an alias (verified or pending) whose normalised form is `normalized`.
pub async fn accounts_with_alias(
    conn: &mut PgConnection,
    normalized: &str,
) -> sqlx::Result<Vec<AccountRow>> {
    sqlx::query_as!(
        AccountRow,
        "select a.id, a.display_name, a.status, a.created_at,
                a.password_hash is not null as \"has_password!\"
         from accounts a where a.id in (select account_id from aliases where normalized = $1)
         order by a.created_at",
        normalized
    )
    .fetch_all(conn)
    .await
}

#[derive(Debug, Clone, Serialize)]
pub struct AliasRow {
    pub kind: String,
    pub value: String,
    pub verified: bool,
    pub primary: bool,
    pub sign_in: bool,
}

pub async fn aliases(conn: &mut PgConnection, account: Uuid) -> sqlx::Result<Vec<AliasRow>> {
    sqlx::query_as!(
        AliasRow,
        "select kind, value, verified_at is not null as \"verified!\", is_primary as \"primary\",
                sign_in_allowed as sign_in
         from aliases where account_id = $1 order by is_primary desc, created_at",
        account
    )
    .fetch_all(conn)
    .await
}

#[derive(Debug, Clone, Serialize)]
pub struct SessionRow {
    pub id: Uuid,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub last_seen_at: OffsetDateTime,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

pub async fn live_sessions(
    conn: &mut PgConnection,
    account: Uuid,
    now: OffsetDateTime,
) -> sqlx::Result<Vec<SessionRow>> {
    sqlx::query_as!(
        SessionRow,
        "select id, created_at, last_seen_at, host(ip) as ip, user_agent from account_sessions
         where account_id = $1 and ended_at is null
           and idle_expires_at > $2 and absolute_expires_at > $2
         order by last_seen_at desc",
        account,
        now
    )
    .fetch_all(conn)
    .await
}

#[derive(Debug, Clone, Serialize)]
pub struct DeviceRow {
    pub id: Uuid,
    pub name: String,
    pub last_seen_at: Option<String>,
}

pub async fn devices(conn: &mut PgConnection, account: Uuid) -> sqlx::Result<Vec<DeviceRow>> {
    sqlx::query_as!(
        DeviceRow,
        "select id, name, to_char(last_seen_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')
                as last_seen_at
         from devices where account_id = $1 and removed_at is null order by name",
        account
    )
    .fetch_all(conn)
    .await
}

#[derive(Debug, Clone, Serialize)]
pub struct IdentityRow {
    pub provider: String,
    #[serde(with = "time::serde::rfc3339")]
    pub linked_at: OffsetDateTime,
}

pub async fn identities(conn: &mut PgConnection, account: Uuid) -> sqlx::Result<Vec<IdentityRow>> {
    sqlx::query_as!(
        IdentityRow,
        "select provider_id as provider, linked_at from external_identities
         where account_id = $1 order by linked_at",
        account
    )
    .fetch_all(conn)
    .await
}

/// An outbox message as operators see it: never its payload.
#[derive(Debug, Clone, Serialize)]
pub struct MessageRow {
    pub id: Uuid,
    pub channel: String,
    pub recipient: String,
    pub template: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    pub attempts: i32,
    pub state: String,
    pub last_error: Option<String>,
    pub delivery_status: Option<String>,
}

/// Messages of the past day to the account's aliases.
pub async fn recent_messages(
    conn: &mut PgConnection,
    account: Uuid,
    since: OffsetDateTime,
) -> sqlx::Result<Vec<MessageRow>> {
    sqlx::query_as!(
        MessageRow,
        "select o.id, o.channel, o.recipient, o.template, o.created_at, o.attempts,
                case when o.sent_at is not null then 'sent' when o.dead_at is not null then 'dead'
                     when o.attempts > 0 then 'retrying' else 'queued' end as \"state!\",
                o.last_error, o.delivery_status
         from outbox o
         where o.created_at > $2
           and o.recipient in (select value from aliases where account_id = $1)
         order by o.created_at desc limit 50",
        account,
        since
    )
    .fetch_all(conn)
    .await
}

/// Dead or retrying messages, oldest first.
pub async fn messages_in_state(
    conn: &mut PgConnection,
    dead: bool,
) -> sqlx::Result<Vec<MessageRow>> {
    sqlx::query_as!(
        MessageRow,
        "select id, channel, recipient, template, created_at, attempts,
                case when dead_at is not null then 'dead' else 'retrying' end as \"state!\",
                last_error, delivery_status
         from outbox
         where sent_at is null
           and (($1 and dead_at is not null) or (not $1 and dead_at is null and attempts > 0))
         order by created_at limit 200",
        dead
    )
    .fetch_all(conn)
    .await
}

/// Sets the account's standing; false if it was already so (or is gone).
pub async fn set_status(
    conn: &mut PgConnection,
    account: Uuid,
    status: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update accounts set status = $2 where id = $1 and status <> $2",
        account,
        status
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Dead messages back in the queue (one, or all): due now, attempts from zero. A code's
/// message is never retried: its code was wiped when it died (a new one must be asked for).
pub async fn retry(
    conn: &mut PgConnection,
    id: Option<Uuid>,
    now: OffsetDateTime,
) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "update outbox set dead_at = null, attempts = 0, next_attempt_at = $2
         where dead_at is not null and template <> 'code' and ($1::uuid is null or id = $1)",
        id,
        now
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// Gives up on an unsent message: dead now, what it carried wiped.
pub async fn discard(
    conn: &mut PgConnection,
    id: Uuid,
    why: &str,
    now: OffsetDateTime,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update outbox set dead_at = $2, last_error = $3, payload = payload - 'code' - 'undo_url'
         where id = $1 and sent_at is null and dead_at is null",
        id,
        now,
        why
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

#[derive(Debug, Clone, Serialize)]
pub struct DeviceDetail {
    pub id: Uuid,
    pub account_id: Uuid,
    pub name: String,
    pub model: Option<String>,
    pub os: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub linked_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub last_seen_at: Option<OffsetDateTime>,
    pub removed: bool,
    pub live_tokens: i64,
}

pub async fn device(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<DeviceDetail>> {
    sqlx::query_as!(
        DeviceDetail,
        "select d.id, d.account_id, d.name, d.model, d.os, d.linked_at, d.last_seen_at,
                d.removed_at is not null as \"removed!\",
                (select count(*) from device_tokens t
                  where t.device_id = d.id and t.revoked_at is null) as \"live_tokens!\"
         from devices d where d.id = $1",
        id
    )
    .fetch_optional(conn)
    .await
}

pub async fn revoke_device(
    conn: &mut PgConnection,
    id: Uuid,
    now: OffsetDateTime,
) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "update device_tokens set revoked_at = $2 where device_id = $1 and revoked_at is null",
        id,
        now
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}
