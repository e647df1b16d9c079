//! `/metrics` after a scripted run: security events by kind and method, rate-limit refusals,
//! hashing and pool waits, agents' reports by outcome, the outbox read from the database,
//! the SMS budget.

use sqlx::PgPool;

use crate::support::{PASSWORD, Site};

/// The value of the sample whose line starts with `series` (0 when absent).
fn sample(text: &str, series: &str) -> f64 {
    text.lines()
        .find(|l| l.starts_with(series) && l[series.len()..].starts_with(' '))
        .and_then(|l| l.rsplit(' ').next()?.parse().ok())
        .unwrap_or(0.0)
}

async fn scrape(site: &Site) -> String {
    site.get("/metrics").await.1
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn a_scripted_run_shows_in_the_metrics(pool: PgPool) {
    let site = Site::new(pool).await;
    site.account("Jo", crate::idp::email("jo@example.com"), None)
        .await;
    let sign_in = r#"portico_security_events_total{kind="sign_in",method="password"}"#;
    let failed = r#"portico_security_events_total{kind="sign_in_failed",method="password"}"#;
    let delayed = r#"portico_rate_limited_total{limit="Sign-in delayed after wrong passwords"}"#;
    let before = scrape(&site).await;

    assert_eq!(site.sign_in("jo@example.com", PASSWORD).await.0, 303);
    let mut refused = 0;
    for _ in 0..8 {
        let (status, _, _) = site
            .sign_in("jo@example.com", "not the password at all")
            .await;
        if status == 429 {
            refused += 1;
        }
    }
    assert!(refused > 0, "wrong passwords are throttled");
    let after = scrape(&site).await;
    assert_eq!(
        sample(&after, sign_in) - sample(&before, sign_in),
        1.0,
        "{after}"
    );
    assert_eq!(
        sample(&after, failed) - sample(&before, failed),
        f64::from(8 - refused),
        "each wrong password that was checked"
    );
    assert_eq!(
        sample(&after, delayed) - sample(&before, delayed),
        f64::from(refused)
    );

    let hashed = "portico_password_hash_queue_wait_seconds_count";
    assert_eq!(
        sample(&after, hashed) - sample(&before, hashed),
        f64::from(1 + 8 - refused),
        "every password checked waited for a hashing thread once"
    );
    let acquired = "portico_db_pool_acquire_seconds_count";
    assert!(sample(&after, acquired) > sample(&before, acquired));
    assert_eq!(sample(&after, "portico_database_up"), 1.0);
    let codes = r#"portico_messages_queued_total{channel="email",template="code"}"#;
    let csrf = site.csrf("/signin").await;
    let r = site
        .post(
            "/signin/code",
            &[("authenticity_token", &csrf), ("address", "jo@example.com")],
        )
        .await;
    assert_eq!(r.status(), 303, "a sign-in code is sent");
    let with_code = scrape(&site).await;
    assert_eq!(
        sample(&with_code, codes) - sample(&after, codes),
        1.0,
        "{with_code}"
    );
    assert_eq!(sample(&after, "portico_sms_daily_budget"), 1000.0);
    let csrf = site.csrf("/signup").await;
    let r = site
        .post(
            "/signup",
            &[
                ("authenticity_token", csrf.as_str()),
                ("display_name", "Jean"),
                ("address", "+33 6 12 34 56 78"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status(), 422, "no text messages to France by default");
    let refused_sms = r#"portico_sms_refused_total{reason="country"}"#;
    assert_eq!(sample(&scrape(&site).await, refused_sms), 1.0);
    sqlx::query(
        "insert into outbox (id, channel, recipient, template, created_at, next_attempt_at, dead_at)
         values (gen_random_uuid(), 'email', 'jo@example.com', 'password_changed', now(), now(), now())",
    )
    .execute(&site.app.db)
    .await
    .expect("a dead letter");
    let later = scrape(&site).await;
    assert_eq!(
        sample(
            &later,
            r#"portico_outbox_messages{channel="email",state="dead"}"#
        ),
        1.0,
        "{later}"
    );
}

/// Every series the shipped alerts and dashboard use exists in a scrape after a scripted run,
/// so that a renamed metric cannot leave them silently empty.
#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn the_alerts_and_the_dashboard_use_series_that_exist(pool: PgPool) {
    let site = Site::new(pool).await;
    site.account("Jo", crate::idp::email("jo@example.com"), None)
        .await;
    assert_eq!(site.sign_in("jo@example.com", PASSWORD).await.0, 303);
    let pc = crate::devices::linked_pc(&site, "JO-LAPTOP").await;
    let body = crate::devices::report_body(
        &uuid::Uuid::now_v7().to_string(),
        serde_json::json!({ "license_status": 1 }),
    );
    crate::devices::send_report(&site, &pc.access_token, &body).await;
    for _ in 0..8 {
        site.sign_in("jo@example.com", "not the password at all")
            .await;
    }
    scrape(&site).await;
    let scraped = scrape(&site).await;
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../deploy");
    let names = regex::Regex::new(r"portico_[a-z_]+").expect("re");
    for file in ["prometheus/alerts.yml", "grafana/portico.json"] {
        let text = std::fs::read_to_string(format!("{root}/{file}")).expect("file");
        for name in names.find_iter(&text).map(|m| m.as_str()) {
            let present = scraped
                .lines()
                .any(|l| l.starts_with(name) && l[name.len()..].starts_with(['{', ' ']));
            assert!(
                present,
                "{file} uses {name}, which /metrics does not have:\n{scraped}"
            );
        }
    }
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn agent_reports_are_counted_by_outcome(pool: PgPool) {
    let site = Site::new(pool).await;
    crate::devices::jo(&site).await;
    let pc = crate::devices::linked_pc(&site, "JO-LAPTOP").await;
    let before = scrape(&site).await;
    let body = crate::devices::report_body(
        &uuid::Uuid::now_v7().to_string(),
        serde_json::json!({ "license_status": 1 }),
    );
    for _ in 0..2 {
        let r = crate::devices::send_report(&site, &pc.access_token, &body).await;
        assert_eq!(r.status(), 204);
    }
    let mut bad = body.clone();
    bad["report_id"] = serde_json::json!("not a uuid");
    let r = crate::devices::send_report(&site, &pc.access_token, &bad).await;
    assert_eq!(r.status(), 422);
    let after = scrape(&site).await;
    for (outcome, count) in [
        ("applied", 1.0),
        ("duplicate", 1.0),
        ("refused", 1.0),
        ("failed", 0.0),
    ] {
        let series = format!(r#"portico_agent_reports_total{{outcome="{outcome}"}}"#);
        assert_eq!(
            sample(&after, &series) - sample(&before, &series),
            count,
            "{outcome}: {after}"
        );
    }
}
