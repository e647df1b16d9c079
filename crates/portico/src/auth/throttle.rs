//! Growing delays after failed password sign-ins: no permanent lockout an attacker could
//! trigger, and nothing here stops a sign-in by code.

use sqlx::PgConnection;
use time::{Duration, OffsetDateTime};

/// After this long without a failure, a key starts afresh.
pub const FORGET_AFTER: Duration = Duration::minutes(15);

/// Who a throttle counts: an account (or the alias typed, when it matches none) forgives a
/// couple of typos; a client address, shared by many people behind one NAT, more.
#[derive(Debug, Clone)]
pub struct ThrottleKey {
    pub key: String,
    pub free_failures: i32,
}

impl ThrottleKey {
    pub fn account(id: &str) -> Self {
        Self {
            key: format!("account:{id}"),
            free_failures: 2,
        }
    }

    pub fn ip(ip: &str) -> Self {
        Self {
            key: format!("ip:{ip}"),
            free_failures: 10,
        }
    }
}

/// The wait after `failures` failures beyond the free ones: 1 s, 3 s, 10 s, then a minute.
pub fn delay_after(failures: i32, free: i32) -> Duration {
    match failures - free {
        ..=0 => Duration::ZERO,
        1 => Duration::seconds(1),
        2 => Duration::seconds(3),
        3 => Duration::seconds(10),
        _ => Duration::minutes(1),
    }
}

/// What the throttle holds against some keys.
#[derive(Debug, Clone)]
pub struct Standing {
    /// How long until these keys may try a password again (zero if now).
    pub wait: Duration,
    /// The keys with recent failures on record.
    counted: Vec<String>,
}

impl Standing {
    /// Whether `key` has failures on record (only then is there anything to clear).
    pub fn has_failures(&self, key: &ThrottleKey) -> bool {
        self.counted.contains(&key.key)
    }
}

/// One key's failures on record.
struct Failures {
    key: String,
    failures: i32,
    last_failure_at: OffsetDateTime,
}

/// Looks every key up in one query.
pub async fn standing(
    conn: &mut PgConnection,
    keys: &[ThrottleKey],
    now: OffsetDateTime,
) -> sqlx::Result<Standing> {
    let names: Vec<String> = keys.iter().map(|k| k.key.clone()).collect();
    let rows = sqlx::query_as!(
        Failures,
        "select key, failures, last_failure_at from signin_throttle where key = any($1)",
        &names
    )
    .fetch_all(conn)
    .await?;
    let mut wait = Duration::ZERO;
    let mut counted = Vec::new();
    for row in rows {
        let Some(key) = keys.iter().find(|k| k.key == row.key) else {
            continue;
        };
        if now - row.last_failure_at < FORGET_AFTER {
            let until = row.last_failure_at + delay_after(row.failures, key.free_failures);
            wait = wait.max(until - now);
        }
        counted.push(row.key);
    }
    let wait = wait.max(Duration::ZERO);
    if wait > Duration::ZERO {
        // Every attempt that meets a wait is refused: the throttled attempts.
        crate::http::metrics::count_refusal("Sign-in delayed after wrong passwords");
    }
    Ok(Standing { wait, counted })
}

/// Counts a failure against every key.
pub async fn record_failure(
    conn: &mut PgConnection,
    keys: &[ThrottleKey],
    now: OffsetDateTime,
) -> sqlx::Result<()> {
    for key in keys {
        sqlx::query!(
            "insert into signin_throttle (key, failures, last_failure_at) values ($1, 1, $2)
             on conflict (key) do update set
                 failures = case when signin_throttle.last_failure_at < $3 then 1
                                 else signin_throttle.failures + 1 end,
                 last_failure_at = $2",
            &key.key,
            now,
            now - FORGET_AFTER
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// A successful sign-in clears its account's count (not the address's).
pub async fn clear(conn: &mut PgConnection, key: &ThrottleKey) -> sqlx::Result<()> {
    sqlx::query!("delete from signin_throttle where key = $1", &key.key)
        .execute(conn)
        .await?;
    Ok(())
}

/// Forgets failures old enough to count no more.
pub async fn prune(conn: &mut PgConnection, now: OffsetDateTime) -> sqlx::Result<u64> {
    Ok(sqlx::query!(
        "delete from signin_throttle where last_failure_at < $1",
        now - FORGET_AFTER
    )
    .execute(conn)
    .await?
    .rows_affected())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_then_stay_at_a_minute() {
        let delays: Vec<i64> = (1..=8).map(|n| delay_after(n, 2).whole_seconds()).collect();
        assert_eq!(delays, vec![0, 0, 1, 3, 10, 60, 60, 60]);
    }
}
