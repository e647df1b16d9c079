//! Two instances on one database (two routers, one PostgreSQL): what an attacker spreads
//! over both gets no more than against one — the send limits per address and the growing
//! waits after wrong passwords live in PostgreSQL, not in a process.

use sqlx::PgPool;
use time::Duration;

use crate::support::{PASSWORD, SITE_SECRET, Site};

/// Asks for a reset code for `address` `times` times, a code's lifetime apart, each from
/// the next of `sites` in turn; answers how many messages went to the address.
async fn reset_codes(sites: &[&Site], address: &str, times: usize) -> i64 {
    for i in 0..times {
        let site = sites[i % sites.len()];
        let csrf = site.csrf("/reset").await;
        site.post(
            "/reset",
            &[("authenticity_token", &csrf), ("address", address)],
        )
        .await;
        // Past the code's lifetime, so that the next ask is a new code, not the same one.
        site.clock.advance(Duration::minutes(11));
    }
    sqlx::query_scalar("select count(*) from outbox where recipient = $1")
        .bind(address)
        .fetch_one(&sites[0].app.db)
        .await
        .expect("count")
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn send_limits_hold_across_instances(pool: PgPool) {
    let a = Site::new(pool).await;
    let b = a.restarted(SITE_SECRET, None).await;
    a.account("One", crate::idp::email("one@example.com"), None)
        .await;
    a.account("Two", crate::idp::email("two@example.com"), None)
        .await;
    let asks = 8;
    let against_one = reset_codes(&[&a], "one@example.com", asks).await;
    let spread = reset_codes(&[&a, &b], "two@example.com", asks).await;
    assert!(
        against_one < asks as i64,
        "the limit was reached: {against_one}"
    );
    assert_eq!(spread, against_one, "two instances send no more than one");
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn wrong_password_waits_hold_across_instances(pool: PgPool) {
    let a = Site::new(pool).await;
    let b = a.restarted(SITE_SECRET, None).await;
    a.account("Jo", crate::idp::email("jo@example.com"), None)
        .await;
    for site in [&a, &b, &a] {
        assert_eq!(
            site.sign_in("jo@example.com", "wrong password here")
                .await
                .0,
            422
        );
    }
    assert_eq!(
        b.sign_in("jo@example.com", PASSWORD).await.0,
        429,
        "the other instance makes the right password wait too"
    );
}
