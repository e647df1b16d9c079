//! Shared rate limits against a real database.

use portico::clock::{Clock, ManualClock};
use portico::limits::{self, Limit, LimitError};
use sqlx::PgPool;
use time::Duration;

fn per_hour(key: &str, max: i32) -> Limit {
    Limit {
        key: key.to_owned(),
        max,
        window: Duration::hours(1),
        reason: "too many codes",
        says: "limit-codes-address",
    }
}

/// A clock at the start of an hour, so window arithmetic is easy to follow.
fn clock_at_hour_start() -> ManualClock {
    let now = ManualClock::starting_now().now();
    let start = now
        .replace_minute(0)
        .and_then(|t| t.replace_second(0))
        .and_then(|t| t.replace_nanosecond(0));
    ManualClock::new(start.expect("a valid time"))
}

async fn take(pool: &PgPool, clock: &ManualClock, limits: &[Limit]) -> Result<(), LimitError> {
    let mut tx = pool.begin().await.expect("tx");
    let result = limits::take(&mut tx, clock.now(), limits).await;
    tx.commit().await.expect("commit");
    result
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn the_sixth_in_an_hour_is_refused_with_a_wait(pool: PgPool) {
    let clock = clock_at_hour_start();
    let limit = [per_hour("dest:jo@example.com", 5)];
    for _ in 0..5 {
        take(&pool, &clock, &limit).await.expect("allowed");
        clock.advance(Duration::minutes(1));
    }
    let refused = take(&pool, &clock, &limit).await;
    let Err(LimitError::Refused(refusal)) = refused else {
        panic!("refused expected: {refused:?}")
    };
    assert_eq!(refusal.reason, "too many codes");
    // 5 minutes into a full window: wait for it to end (55 min) and its weight to fall to 4/5.
    assert_eq!(
        refusal.retry_after,
        Duration::minutes(55) + Duration::minutes(12)
    );

    clock.advance(refusal.retry_after);
    take(&pool, &clock, &limit)
        .await
        .expect("allowed once the wait is over");
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn refusals_do_not_count_and_limits_are_all_or_nothing(pool: PgPool) {
    let clock = clock_at_hour_start();
    let tight = per_hour("ip:192.0.2.1", 1);
    let loose = per_hour("dest:jo@example.com", 100);
    take(&pool, &clock, &[loose.clone(), tight.clone()])
        .await
        .expect("first allowed");
    for _ in 0..3 {
        assert!(
            take(&pool, &clock, &[loose.clone(), tight.clone()])
                .await
                .is_err()
        );
    }
    let counts: Vec<(String, i32)> =
        sqlx::query_as("select key, count from rate_limits order by key")
            .fetch_all(&pool)
            .await
            .expect("counts");
    assert_eq!(
        counts,
        vec![
            ("dest:jo@example.com".to_owned(), 1),
            ("ip:192.0.2.1".to_owned(), 1)
        ],
        "refused attempts counted nowhere"
    );
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn limits_hold_across_concurrent_requests(pool: PgPool) {
    let clock = clock_at_hour_start();
    let tasks = (0..12).map(|_| {
        let (pool, clock) = (pool.clone(), clock.clone());
        tokio::spawn(async move {
            take(&pool, &clock, &[per_hour("account:a", 5)])
                .await
                .is_ok()
        })
    });
    let mut allowed = 0;
    for task in tasks {
        if task.await.expect("task") {
            allowed += 1;
        }
    }
    assert_eq!(allowed, 5);
}
