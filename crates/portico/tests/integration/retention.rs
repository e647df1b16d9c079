//! Retention, with the clock moved: what each job keeps and forgets (activity 90 days,
//! locations 30 days, reports' records 90 days, ended sessions and spent codes a day, sent
//! and dead messages 30 days).

use sqlx::PgPool;
use time::Duration;

use crate::devices::{jo, linked_pc, report_body, send_report};
use crate::support::Site;

async fn count(site: &Site, table: &str) -> i64 {
    sqlx::query_scalar(&format!("select count(*) from {table}"))
        .fetch_one(&site.app.db)
        .await
        .expect("count")
}

async fn purge(site: &Site) {
    let mut conn = site.app.db.acquire().await.expect("conn");
    let done =
        portico::worker::purge_once(&mut conn, portico::clock::Clock::now(&site.clock)).await;
    assert!(done.iter().all(|(_, outcome)| outcome.is_ok()), "{done:?}");
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn each_kind_of_data_is_forgotten_when_its_time_is_up(pool: PgPool) {
    let site = Site::new(pool).await;
    jo(&site).await;
    let pc = linked_pc(&site, "JO-LAPTOP").await;
    let body = report_body(
        &uuid::Uuid::now_v7().to_string(),
        serde_json::json!({ "license_status": 1 }),
    );
    send_report(&site, &pc.access_token, &body).await;
    sqlx::query(
        "insert into device_locations (device_id, latitude, longitude, accuracy_m, observed_at, received_at)
         select id, 48.85, 2.29, 40, now(), now() from devices",
    )
    .execute(&site.app.db)
    .await
    .expect("a location");
    sqlx::query(
        "insert into outbox (id, channel, recipient, template, payload, created_at, next_attempt_at, dead_at)
         values (gen_random_uuid(), 'email', 'jo@example.com', 'password_changed', '{}', now(), now(), now())",
    )
    .execute(&site.app.db)
    .await
    .expect("a dead letter");
    // A code asked for and never used.
    let csrf = site.csrf("/signin").await;
    site.post(
        "/signin/code",
        &[("authenticity_token", &csrf), ("address", "jo@example.com")],
    )
    .await;
    assert!(count(&site, "challenges").await >= 1);
    assert!(site.last_message().await.contains("code"), "sent");
    // Signed out: the session ends.
    let (_, page) = site.get("/u/0/").await;
    let form = crate::support::guard_in(&page);
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    site.post("/u/0/signout", &fields).await;

    let before = (
        count(&site, "audit_events").await,
        count(&site, "device_reports").await,
        count(&site, "device_locations").await,
        count(&site, "outbox").await,
        count(&site, "account_sessions").await,
    );
    site.clock.advance(Duration::days(2));
    purge(&site).await;
    assert_eq!(
        count(&site, "challenges").await,
        0,
        "spent codes go after a day"
    );
    assert_eq!(
        count(&site, "account_sessions").await,
        0,
        "the ended session went"
    );
    assert_eq!(
        count(&site, "device_locations").await,
        before.2,
        "locations stay 30 days"
    );

    site.clock.advance(Duration::days(29));
    purge(&site).await;
    assert_eq!(
        count(&site, "device_locations").await,
        0,
        "locations: 30 days"
    );
    assert!(
        count(&site, "outbox").await < before.3,
        "the dead letter went after 30 days"
    );
    assert_eq!(
        count(&site, "device_reports").await,
        before.1,
        "reports stay 90 days"
    );
    assert_eq!(
        count(&site, "audit_events").await,
        before.0,
        "activity stays 90 days"
    );

    site.clock.advance(Duration::days(60));
    purge(&site).await;
    assert_eq!(
        count(&site, "device_reports").await,
        0,
        "reports' records: 90 days"
    );
    assert_eq!(count(&site, "audit_events").await, 0, "activity: 90 days");
    assert_eq!(
        count(&site, "outbox").await,
        0,
        "every message sent or dead went"
    );
    assert_eq!(count(&site, "devices").await, 1, "the PC itself stays");
    assert!(before.4 >= 1);
}
