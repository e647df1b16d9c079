//! Two instances on one database (two routers, one PostgreSQL): what an attacker spreads
//! over both gets no more than against one — the send limits per address, the day's SMS
//! budget and the growing waits after wrong passwords live in PostgreSQL, not in a process.

use portico::contact::{Destination, PhoneNumber};
use sqlx::PgPool;
use time::Duration;

use crate::support::{PASSWORD, SITE_SECRET, Site, config};

async fn ask_reset(site: &Site, address: &str) {
    let csrf = site.csrf("/reset").await;
    site.post(
        "/reset",
        &[("authenticity_token", &csrf), ("address", address)],
    )
    .await;
}

async fn messages_to(site: &Site, address: &str) -> i64 {
    sqlx::query_scalar("select count(*) from outbox where recipient = $1")
        .bind(address)
        .fetch_one(&site.app.db)
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
    // The same asks at the same moments (the limits' windows are the same for both): for
    // one address always to the first instance, for the other to each in turn; a code's
    // lifetime apart, so that each ask is a new code.
    let asks = 8;
    for i in 0..asks {
        ask_reset(&a, "one@example.com").await;
        ask_reset(if i % 2 == 0 { &a } else { &b }, "two@example.com").await;
        a.clock.advance(Duration::minutes(11));
    }
    let against_one = messages_to(&a, "one@example.com").await;
    let spread = messages_to(&a, "two@example.com").await;
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

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn the_sms_budget_holds_across_instances(pool: PgPool) {
    let settings = [
        ("PORTICO_SMS_DAILY_BUDGET", "3"),
        ("PORTICO_SMS_LIMIT_PER_PREFIX", "1000"),
    ];
    let a = Site::with_config(pool, config(&settings)).await;
    let b = a.another_instance(SITE_SECRET, &settings).await;
    // Six people who forgot their password, asking through each instance in turn.
    for i in 0..6 {
        let number = format!("+4479111234{i:02}");
        let phone = PhoneNumber::parse(&number, None).expect("phone");
        a.account(&format!("Person {i}"), Destination::Phone(phone), None)
            .await;
        ask_reset(if i % 2 == 0 { &a } else { &b }, &number).await;
    }
    let sms: i64 = sqlx::query_scalar("select count(*) from outbox where channel = 'sms'")
        .fetch_one(&a.app.db)
        .await
        .expect("count");
    assert_eq!(sms, 3, "the day's budget, however the asks were spread");
}
