//! The outbox table: enqueue in the caller's transaction, claim with `SKIP LOCKED`, record
//! how each attempt went.

use sqlx::{PgConnection, PgPool};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::contact::Channel;
use crate::outbox::message::Message;

/// The `LISTEN/NOTIFY` channel that wakes workers when a message is queued.
pub const NOTIFY_CHANNEL: &str = "portico_outbox";

/// Queues a message. Call it in the transaction of the change that causes it: the message
/// exists if and only if the change commits, and workers are woken at commit.
///
/// It is written in the language and time zone of the account the address belongs to (its
/// verified owner); an address no account has proved yet (a sign-up's, one being added)
/// gets the request's, which is its owner-to-be's.
pub async fn enqueue(
    conn: &mut PgConnection,
    now: OffsetDateTime,
    channel: Channel,
    recipient: &str,
    message: &Message,
) -> sqlx::Result<Uuid> {
    let id = Uuid::now_v7();
    let payload = serde_json::to_value(message).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    sqlx::query!(
        "insert into outbox (id, channel, recipient, template, payload, created_at, next_attempt_at,
                             language, time_zone)
         select $1, $2, $3, $4, $5, $6, $6,
                coalesce(owner.language, $7),
                case when owner.found then owner.time_zone else $8 end
         from (select 1) one
         left join lateral (
             select true as found, a.language, a.time_zone
             from aliases l join accounts a on a.id = l.account_id
             where l.normalized = lower($3) and l.verified_at is not null
         ) owner on true",
        id,
        channel.as_str(),
        recipient,
        message.template(),
        payload,
        now,
        crate::i18n::current().tag(),
        crate::i18n::zone().map(|z| z.name())
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!("select pg_notify($1, $2)", NOTIFY_CHANNEL, id.to_string())
        .execute(conn)
        .await?;
    crate::http::metrics::count_message(channel.as_str(), message.template());
    Ok(id)
}

/// A message a worker holds for one delivery attempt.
#[derive(Debug, Clone)]
pub struct Claimed {
    pub id: Uuid,
    pub channel: String,
    pub recipient: String,
    pub payload: serde_json::Value,
    /// Attempts so far, this one included.
    pub attempts: i32,
    /// What the recipient reads: a language tag and an IANA time zone (`None`: UTC).
    pub language: String,
    pub time_zone: Option<String>,
}

/// Claims up to `limit` due messages. Each row's due time moves `lease` ahead, so that no
/// other worker takes it while this one sends; if this worker dies, the row comes due again
/// when the lease runs out.
pub async fn claim(
    pool: &PgPool,
    now: OffsetDateTime,
    limit: i64,
    lease: Duration,
) -> sqlx::Result<Vec<Claimed>> {
    sqlx::query_as!(
        Claimed,
        "update outbox set attempts = attempts + 1, next_attempt_at = $2
         where id in (
             select id from outbox
             where sent_at is null and dead_at is null and next_attempt_at <= $1
             order by next_attempt_at
             limit $3
             for update skip locked)
         returning id, channel, recipient, payload, attempts, language, time_zone",
        now,
        now + lease,
        limit
    )
    .fetch_all(pool)
    .await
}

/// Delivered to the provider. The code, no longer needed, is wiped from the payload.
pub async fn mark_sent(
    pool: &PgPool,
    id: Uuid,
    now: OffsetDateTime,
    provider: &str,
    provider_message_id: Option<&str>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update outbox set sent_at = $2, provider = $3, provider_message_id = $4, last_error = null,
                           payload = payload - 'code' - 'undo_url'
         where id = $1",
        id,
        now,
        provider,
        provider_message_id
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// Failed; try again at `retry_at`.
pub async fn mark_retry(
    pool: &PgPool,
    id: Uuid,
    retry_at: OffsetDateTime,
    error: &str,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update outbox set next_attempt_at = $2, last_error = $3 where id = $1",
        id,
        retry_at,
        error
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// Failed for good: kept with its last error, without its code.
pub async fn mark_dead(
    pool: &PgPool,
    id: Uuid,
    now: OffsetDateTime,
    error: &str,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update outbox set dead_at = $2, last_error = $3, payload = payload - 'code' - 'undo_url' where id = $1",
        id,
        now,
        error
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// The earliest time a queued message comes due, if any.
pub async fn next_due(pool: &PgPool) -> sqlx::Result<Option<OffsetDateTime>> {
    sqlx::query_scalar!(
        "select min(next_attempt_at) from outbox where sent_at is null and dead_at is null"
    )
    .fetch_one(pool)
    .await
}

/// A provider's report on a message it accepted (Twilio's status callback).
pub async fn record_delivery_status(
    pool: &PgPool,
    provider: &str,
    provider_message_id: &str,
    status: &str,
    error_code: Option<i32>,
    now: OffsetDateTime,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update outbox set delivery_status = $3, delivery_error_code = $4, delivery_updated_at = $5
         where provider = $1 and provider_message_id = $2",
        provider,
        provider_message_id,
        status,
        error_code,
        now
    )
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The queue by channel, for operators (`portico admin outbox stats`) and `/metrics`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ChannelStats {
    pub channel: String,
    pub queued: i64,
    pub retrying: i64,
    pub dead: i64,
    /// Seconds the oldest unsent, living message has waited.
    pub oldest_waiting_secs: Option<i64>,
}

pub async fn stats(
    conn: &mut PgConnection,
    now: OffsetDateTime,
) -> sqlx::Result<Vec<ChannelStats>> {
    sqlx::query_as!(
        ChannelStats,
        "select c.channel as \"channel!\",
            count(o.id) filter (where o.sent_at is null and o.dead_at is null and o.attempts = 0) as \"queued!\",
            count(o.id) filter (where o.sent_at is null and o.dead_at is null and o.attempts > 0) as \"retrying!\",
            count(o.id) filter (where o.dead_at is not null) as \"dead!\",
            extract(epoch from $1 - min(o.created_at) filter (where o.sent_at is null and o.dead_at is null))::int8 as oldest_waiting_secs
         from (values ('email'), ('sms')) as c(channel)
         left join outbox o on o.channel = c.channel
         group by c.channel order by c.channel",
        now
    )
    .fetch_all(conn)
    .await
}

/// The addresses security notices go to: the primary verified one, or every verified one
/// when the person chose so.
pub async fn notice_recipients(
    conn: &mut PgConnection,
    account_id: Uuid,
) -> sqlx::Result<Vec<(String, String)>> {
    Ok(sqlx::query!(
        "select l.kind, l.value from aliases l join accounts a on a.id = l.account_id
         where l.account_id = $1 and l.verified_at is not null
           and (l.is_primary or a.notify_all_aliases)
         order by l.is_primary desc, l.created_at",
        account_id
    )
    .fetch_all(conn)
    .await?
    .into_iter()
    .map(|r| (r.kind, r.value))
    .collect())
}

/// How long a sent or dead message is kept (for `portico admin` and the support calls it
/// answers).
pub const KEPT_FOR: Duration = Duration::days(30);

/// Forgets messages sent or given up on more than [`KEPT_FOR`] ago.
pub async fn prune(conn: &mut PgConnection, now: OffsetDateTime) -> sqlx::Result<u64> {
    Ok(sqlx::query!(
        "delete from outbox where sent_at < $1 or dead_at < $1",
        now - KEPT_FOR
    )
    .execute(conn)
    .await?
    .rows_affected())
}
