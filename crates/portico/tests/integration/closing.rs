//! Closing an account over HTTP: the page and its box, everything ended and every address
//! told, the sign-in that offers "Reopen your account" and nothing else, reopening, and —
//! with the clock moved past the grace period — deletion for good: nothing of the account
//! left in any table but the anonymous record that it closed, its addresses held 30 days and
//! then free.

use sqlx::PgPool;
use time::Duration;

use crate::devices::{jo, linked_pc, report_body, send_report};
use crate::support::{PASSWORD, Site};

/// Every table's rows that mention any of `needles` (as their JSON text), by table.
async fn mentions(site: &Site, needles: &[String]) -> Vec<(String, i64)> {
    let tables: Vec<String> = sqlx::query_scalar(
        "select table_name::text from information_schema.tables
         where table_schema = 'public' and table_type = 'BASE TABLE' order by 1",
    )
    .fetch_all(&site.app.db)
    .await
    .expect("tables");
    let patterns: Vec<String> = needles.iter().map(|n| format!("%{n}%")).collect();
    let mut found = Vec::new();
    for table in tables {
        let n: i64 = sqlx::query_scalar(&format!(
            r#"select count(*) from "{table}" t where row_to_json(t)::text ilike any($1)"#
        ))
        .bind(&patterns)
        .fetch_one(&site.app.db)
        .await
        .expect("count");
        if n > 0 {
            found.push((table, n));
        }
    }
    found
}

async fn status(site: &Site) -> Option<String> {
    sqlx::query_scalar("select status from accounts")
        .fetch_optional(&site.app.db)
        .await
        .expect("status")
}

async fn close(site: &Site) -> String {
    let (status, page) = site.get("/u/0/close").await;
    assert_eq!(status, 200, "just signed in: no need to confirm it's you");
    assert!(
        page.contains("Close your account") && page.contains("60 days"),
        "{page}"
    );
    let r = site
        .post_account_form("/u/0/close", "/u/0/close", &[])
        .await;
    assert_eq!(r.status(), 422, "the box must be ticked");
    assert!(r.text().await.expect("html").contains("Tick the box"));
    let r = site
        .post_account_form("/u/0/close", "/u/0/close", &[("understand", "on")])
        .await;
    assert_eq!(r.status(), 200);
    r.text().await.expect("html")
}

async fn sign_in_offer(site: &Site) -> String {
    let (status, page, location) = site.sign_in("jo@example.com", PASSWORD).await;
    assert_eq!((status, location), (200, None), "no session: {page}");
    assert!(page.contains("Reopen your account?"), "{page}");
    regex::Regex::new(r#"name="offer" value="([^"]+)""#)
        .expect("regex")
        .captures(&page)
        .expect("the offer")[1]
        .to_owned()
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn a_closed_account_can_be_reopened_then_is_deleted_for_good(pool: PgPool) {
    let site = Site::new(pool).await;
    jo(&site).await;
    let account: uuid::Uuid = sqlx::query_scalar("select id from accounts")
        .fetch_one(&site.app.db)
        .await
        .expect("account");
    sqlx::query(
        "insert into aliases (id, account_id, kind, value, normalized, verified_at, created_at)
         values (gen_random_uuid(), $1, 'email', 'jo.work@example.com', 'jo.work@example.com', now(), now())",
    )
    .bind(account)
    .execute(&site.app.db)
    .await
    .expect("a second address");
    let pc = linked_pc(&site, "JO-LAPTOP").await;
    let mut report = report_body(
        &uuid::Uuid::now_v7().to_string(),
        serde_json::json!({ "license_status": 1 }),
    );
    report["license"] = serde_json::json!({
        "key_sha256": "ab".repeat(32), "last5": "3V66T", "product": "Windows 11 Pro",
        "edition": "Professional", "channel": "Retail", "source": "registry"
    });
    assert_eq!(
        send_report(&site, &pc.access_token, &report).await.status(),
        204
    );

    let closed = close(&site).await;
    assert!(closed.contains("Your account is closing"), "{closed}");
    assert_eq!(status(&site).await.as_deref(), Some("closing"));
    let (status_code, _) = site.get("/u/0/").await;
    assert_eq!(status_code, 303, "signed out everywhere");
    let r = send_report(&site, &pc.access_token, &report).await;
    assert_eq!(r.status(), 401, "its PCs' tokens ended");
    let told: Vec<String> = sqlx::query_scalar(
        "select recipient from outbox where template = 'account_closing' order by recipient",
    )
    .fetch_all(&site.app.db)
    .await
    .expect("notices");
    assert_eq!(told, ["jo.work@example.com", "jo@example.com"]);
    assert!(
        site.last_message().await.contains("was closed"),
        "delivered"
    );
    // An operator cannot disable (or enable) it meanwhile: it is its owner's to reopen.
    let disable = portico::admin::accounts::AccountsCommand::Disable {
        id: account,
        change: portico::admin::Change {
            reason: "ticket".to_owned(),
            yes: true,
        },
        json: true,
    };
    let now = portico::clock::Clock::now(&site.clock);
    let refused = portico::admin::accounts::run(&site.app, &disable, now)
        .await
        .expect_err("refused");
    assert!(refused.to_string().contains("is closing"), "{refused}");
    assert_eq!(status(&site).await.as_deref(), Some("closing"));

    // Signing in offers to reopen it, and nothing else; keeping it closed changes nothing.
    let offer = sign_in_offer(&site).await;
    let r = site
        .post(
            "/reopen",
            &[("offer", offer.as_str()), ("decision", "keep_closed")],
        )
        .await;
    assert!(
        r.text()
            .await
            .expect("html")
            .contains("Your account stays closed")
    );
    assert_eq!(status(&site).await.as_deref(), Some("closing"));
    let forged = offer.replace(&account.to_string(), &uuid::Uuid::now_v7().to_string());
    let r = site
        .post(
            "/reopen",
            &[("offer", forged.as_str()), ("decision", "reopen")],
        )
        .await;
    assert!(r.text().await.expect("html").contains("Sign in again"));

    let offer = sign_in_offer(&site).await;
    let r = site
        .post(
            "/reopen",
            &[("offer", offer.as_str()), ("decision", "reopen")],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/u/0/");
    assert_eq!(status(&site).await.as_deref(), Some("active"));
    let (status_code, _) = site.get("/u/0/").await;
    assert_eq!(status_code, 200, "signed in");
    let (_, activity) = site.get("/u/0/activity").await;
    assert!(
        activity.contains("Account reopened") && activity.contains("Account closed"),
        "{activity}"
    );

    // Closed again, and left past the grace period.
    close(&site).await;
    site.clock.advance(Duration::days(59));
    let mut conn = site.app.db.acquire().await.expect("conn");
    let now = || portico::clock::Clock::now(&site.clock);
    portico::worker::purge_once(&mut conn, now()).await;
    assert_eq!(status(&site).await.as_deref(), Some("closing"), "not yet");
    site.clock.advance(Duration::days(2));
    let done = portico::worker::purge_once(&mut conn, now()).await;
    assert!(
        done.iter()
            .any(|(job, n)| job.starts_with("closed accounts") && n.as_ref().ok() == Some(&1)),
        "{done:?}"
    );
    let id = account.to_string();
    let addresses = [
        "jo@example.com".to_owned(),
        "jo.work@example.com".to_owned(),
    ];
    assert_eq!(
        mentions(&site, std::slice::from_ref(&id)).await,
        [("closed_accounts".to_owned(), 1)],
        "nothing but the anonymous record names the account"
    );
    assert_eq!(
        mentions(&site, &addresses).await,
        [("alias_holds".to_owned(), 2)],
        "its addresses are held"
    );
    // Someone else signs up with Jo's old address: how many codes were sent, then.
    let sign_up = async || {
        let csrf = site.csrf("/signup").await;
        let signup = [
            ("authenticity_token", csrf.as_str()),
            ("display_name", "Someone Else"),
            ("address", "jo@example.com"),
            ("password", "another long pass phrase"),
        ];
        assert_eq!(site.post("/signup", &signup).await.status(), 303);
        let codes: i64 = sqlx::query_scalar("select count(*) from outbox where template = 'code'")
            .fetch_one(&site.app.db)
            .await
            .expect("codes");
        codes
    };
    assert_eq!(sign_up().await, 0, "a held address gets no code");

    site.clock.advance(Duration::days(31));
    portico::worker::purge_once(&mut conn, now()).await;
    drop(conn);
    assert_eq!(
        mentions(&site, &addresses).await,
        Vec::<(String, i64)>::new(),
        "the hold is over"
    );
    assert_eq!(sign_up().await, 1, "the address is free again");
}
