//! Rate limits shared by every instance: sliding-window counters in PostgreSQL.
//!
//! Each limit keeps one counter per fixed window; the estimate for "the last window-long
//! stretch of time" weighs the previous window's count by how much of it still overlaps.
//! In-process limiters (governor and the like) cannot be used: an instance may serve any
//! request, so the counts must live where every instance sees them.

mod window;

use sqlx::{Acquire, PgConnection};
use time::{Duration, OffsetDateTime};

pub use window::retry_after;

/// At most `max` events per `window` for `key`.
#[derive(Debug, Clone)]
pub struct Limit {
    pub key: String,
    pub max: i32,
    pub window: Duration,
    /// Logged and counted (in English) when this limit refuses.
    pub reason: &'static str,
    /// What people are told: a key of `locales/`.
    pub says: &'static str,
}

/// A refusal: which limit, and when to try again.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{reason}: try again in {retry_after}")]
pub struct LimitReached {
    pub reason: &'static str,
    pub says: &'static str,
    pub retry_after: Duration,
}

impl LimitReached {
    /// "Too many codes were sent to this address. Try again in 5 minutes.", in the reader's
    /// language.
    pub fn message(&self) -> String {
        crate::i18n::t_with(
            "limit-try-again",
            &[
                ("reason", crate::i18n::t(self.says).into()),
                ("wait", crate::text::human_wait(self.retry_after).into()),
            ],
        )
    }
}

#[derive(Debug, thiserror::Error)]
pub enum LimitError {
    #[error(transparent)]
    Refused(#[from] LimitReached),
    #[error("{0}")]
    Database(#[from] sqlx::Error),
}

/// Counts one event against every limit, or none if any limit is exhausted. Runs in a
/// savepoint of the caller's transaction; concurrent callers for one key queue on its row.
pub async fn take(
    conn: &mut PgConnection,
    now: OffsetDateTime,
    limits: &[Limit],
) -> Result<(), LimitError> {
    let mut savepoint = conn.begin().await?;
    for limit in limits {
        if let Err(refused) = take_one(&mut savepoint, now, limit).await {
            savepoint.rollback().await?;
            return Err(refused);
        }
    }
    savepoint.commit().await?;
    Ok(())
}

async fn take_one(
    conn: &mut PgConnection,
    now: OffsetDateTime,
    limit: &Limit,
) -> Result<(), LimitError> {
    let window_secs = limit.window.whole_seconds().max(1);
    let start_secs = now.unix_timestamp().div_euclid(window_secs) * window_secs;
    let start = OffsetDateTime::from_unix_timestamp(start_secs).unwrap_or(now);
    let previous = start - Duration::seconds(window_secs);
    let current: i32 = sqlx::query_scalar!(
        "insert into rate_limits (key, window_start, count) values ($1, $2, 1)
         on conflict (key, window_start) do update set count = rate_limits.count + 1
         returning count",
        &limit.key,
        start
    )
    .fetch_one(&mut *conn)
    .await?;
    let before: i32 = sqlx::query_scalar!(
        "select count from rate_limits where key = $1 and window_start = $2",
        &limit.key,
        previous
    )
    .fetch_optional(&mut *conn)
    .await?
    .unwrap_or(0);
    let elapsed = now - start;
    let estimate = window::estimate(before, current, elapsed, limit.window);
    if estimate > f64::from(limit.max) {
        tracing::info!(limit = limit.reason, "rate limit refused a request");
        crate::http::metrics::count_refusal(limit.reason);
        return Err(LimitError::Refused(LimitReached {
            reason: limit.reason,
            says: limit.says,
            retry_after: retry_after(before, current - 1, limit.max, elapsed, limit.window),
        }));
    }
    Ok(())
}

/// Whether `limit` is exhausted now, without counting an event: for limits on failures,
/// checked before the attempt and taken only when it fails. `Some(wait)` when exhausted.
pub async fn exhausted(
    conn: &mut PgConnection,
    now: OffsetDateTime,
    limit: &Limit,
) -> sqlx::Result<Option<Duration>> {
    let (estimate, before, current, elapsed) = counted(conn, now, limit).await?;
    Ok((estimate >= f64::from(limit.max))
        .then(|| retry_after(before, current, limit.max, elapsed, limit.window)))
}

/// How much of `limit` the last window-long stretch used, as the limit itself estimates it.
pub async fn used(
    conn: &mut PgConnection,
    now: OffsetDateTime,
    limit: &Limit,
) -> sqlx::Result<f64> {
    Ok(counted(conn, now, limit).await?.0)
}

/// The estimate, the previous and current windows' counts, and the time into the current.
async fn counted(
    conn: &mut PgConnection,
    now: OffsetDateTime,
    limit: &Limit,
) -> sqlx::Result<(f64, i32, i32, Duration)> {
    let window_secs = limit.window.whole_seconds().max(1);
    let start_secs = now.unix_timestamp().div_euclid(window_secs) * window_secs;
    let start = OffsetDateTime::from_unix_timestamp(start_secs).unwrap_or(now);
    let previous = start - Duration::seconds(window_secs);
    let counts = sqlx::query!(
        "select coalesce(sum(count) filter (where window_start = $2), 0)::int4 as \"current!\",
                coalesce(sum(count) filter (where window_start = $3), 0)::int4 as \"before!\"
         from rate_limits where key = $1 and window_start in ($2, $3)",
        &limit.key,
        start,
        previous
    )
    .fetch_one(conn)
    .await?;
    let elapsed = now - start;
    let estimate = window::estimate(counts.before, counts.current, elapsed, limit.window);
    Ok((estimate, counts.before, counts.current, elapsed))
}

/// Forgets counters whose windows can no longer matter.
pub async fn prune(conn: &mut PgConnection, before: OffsetDateTime) -> sqlx::Result<u64> {
    let done = sqlx::query!("delete from rate_limits where window_start < $1", before)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}
