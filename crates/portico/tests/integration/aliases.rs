//! Changing aliases over HTTP: primary, sign-in preference, removal, and their rules.

use portico::contact::{Destination, EmailAddress};
use regex::Regex;
use sqlx::PgPool;
use time::Duration;
use uuid::Uuid;

use crate::support::{PASSWORD, Site};

/// Jo, signed in, with a primary email and the given extra verified emails.
async fn jo_with(site: &Site, extra: &[&str]) -> (Uuid, Vec<Uuid>) {
    let account = site
        .account(
            "Jo",
            Destination::Email(EmailAddress::parse("jo@example.com").expect("email")),
            None,
        )
        .await;
    let mut ids = Vec::new();
    for address in extra {
        let id = Uuid::now_v7();
        sqlx::query(
            "insert into aliases (id, account_id, kind, value, normalized, verified_at, created_at)
             values ($1, $2, 'email', $3, $3, now(), now())",
        )
        .bind(id)
        .bind(account)
        .bind(address)
        .execute(&site.app.db)
        .await
        .expect("alias");
        ids.push(id);
    }
    let (status, _, _) = site.sign_in("jo@example.com", PASSWORD).await;
    assert_eq!(status, 303);
    (account, ids)
}

async fn primary_of(site: &Site, account: Uuid) -> String {
    sqlx::query_scalar("select normalized from aliases where account_id = $1 and is_primary")
        .bind(account)
        .fetch_one(&site.app.db)
        .await
        .expect("primary")
}

fn id_of(html: &str, address: &str) -> Uuid {
    let re = Regex::new(r#"/aliases/([0-9a-f-]{36})/remove"[\s\S]*?aria-label="Remove ([^"]+)""#)
        .expect("regex");
    re.captures_iter(html)
        .find(|c| &c[2] == address)
        .map(|c| c[1].parse().expect("uuid"))
        .unwrap_or_else(|| panic!("{address} in {html}"))
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn the_primary_changes_at_most_twice_a_week_and_tells_the_others(pool: PgPool) {
    let site = Site::new(pool).await;
    let (account, ids) = jo_with(&site, &["b@example.com", "c@example.com"]).await;
    let (_, page) = site.get("/u/0/info").await;
    assert_eq!(
        id_of(&page, "b@example.com"),
        ids[0],
        "the page offers each alias"
    );

    for (id, expected) in [(ids[0], "b@example.com"), (ids[1], "c@example.com")] {
        let r = site
            .post_account_form("/u/0/info", &format!("/u/0/aliases/{id}/primary"), &[])
            .await;
        assert_eq!(r.headers()["location"], "/u/0/info?done=primary");
        assert_eq!(primary_of(&site, account).await, expected);
        site.clock.advance(Duration::seconds(1));
    }
    let third = site
        .post_account_form(
            "/u/0/info",
            "/u/0/aliases/{id}/primary"
                .replace("{id}", &ids[0].to_string())
                .as_str(),
            &[],
        )
        .await;
    assert_eq!(third.status(), 409);
    let html = third.text().await.expect("html");
    assert!(html.contains("changed twice this week"), "{html}");
    assert_eq!(primary_of(&site, account).await, "c@example.com");

    site.clock.advance(Duration::days(8));
    site.sign_in("jo@example.com", PASSWORD).await;
    let r = site
        .post_account_form(
            "/u/0/info",
            &format!("/u/0/aliases/{}/primary", ids[0]),
            &[],
        )
        .await;
    assert_eq!(r.status(), 303, "a week later it may change again");

    let notices: Vec<(String, serde_json::Value)> = sqlx::query_as(
        "select recipient, payload from outbox where template = 'alias_changed' order by created_at, recipient",
    )
    .fetch_all(&site.app.db)
    .await
    .expect("notices");
    // First change: b became primary, so jo@ and c@ were told (never b@ itself).
    assert_eq!(notices[0].0, "c@example.com");
    assert_eq!(notices[1].0, "jo@example.com");
    assert_eq!(notices[0].1["change"], "made_primary");
    assert_eq!(notices[0].1["alias"], "b•••@example.com");
    let events: Vec<String> =
        sqlx::query_scalar("select kind from audit_events where kind = 'alias_made_primary'")
            .fetch_all(&site.app.db)
            .await
            .expect("events");
    assert_eq!(events.len(), 3);
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn the_primary_and_the_last_way_in_cannot_go(pool: PgPool) {
    let site = Site::new(pool).await;
    let (account, ids) = jo_with(&site, &["b@example.com"]).await;
    let primary: Uuid =
        sqlx::query_scalar("select id from aliases where account_id = $1 and is_primary")
            .bind(account)
            .fetch_one(&site.app.db)
            .await
            .expect("primary");

    let r = site
        .post_account_form("/u/0/info", &format!("/u/0/aliases/{primary}/remove"), &[])
        .await;
    assert_eq!(r.status(), 409);
    assert!(
        r.text()
            .await
            .expect("html")
            .contains("This is your primary address")
    );

    // b@ stops being a way in; then the primary is the last one and must stay on.
    let r = site
        .post_account_form(
            "/u/0/info",
            &format!("/u/0/aliases/{}/sign-in", ids[0]),
            &[("allowed", "no")],
        )
        .await;
    assert_eq!(r.headers()["location"], "/u/0/info?done=sign_in");
    let r = site
        .post_account_form(
            "/u/0/info",
            &format!("/u/0/aliases/{primary}/sign-in"),
            &[("allowed", "no")],
        )
        .await;
    assert_eq!(r.status(), 409);
    assert!(
        r.text()
            .await
            .expect("html")
            .contains("last address you can sign in with")
    );
    let (status, _, _) = site.sign_in("b@example.com", PASSWORD).await;
    assert_eq!(status, 422, "an alias not used to sign in does not sign in");

    // b@ may go; the primary, now alone, may not.
    let r = site
        .post_account_form("/u/0/info", &format!("/u/0/aliases/{}/remove", ids[0]), &[])
        .await;
    assert_eq!(r.headers()["location"], "/u/0/info?done=removed");
    let left: i64 = sqlx::query_scalar("select count(*) from aliases where account_id = $1")
        .bind(account)
        .fetch_one(&site.app.db)
        .await
        .expect("count");
    assert_eq!(left, 1);
    let removed: Vec<String> =
        sqlx::query_scalar("select normalized from alias_changes where change = 'removed'")
            .fetch_all(&site.app.db)
            .await
            .expect("changes");
    assert_eq!(
        removed,
        vec!["b@example.com".to_owned()],
        "held for 30 days from other accounts"
    );
    let r = site
        .post_account_form("/u/0/info", &format!("/u/0/aliases/{}/remove", ids[0]), &[])
        .await;
    assert_eq!(r.status(), 404, "already gone");
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn changing_an_alias_needs_a_recent_sign_in(pool: PgPool) {
    let site = Site::new(pool).await;
    let (account, ids) = jo_with(&site, &["b@example.com"]).await;
    site.clock.advance(Duration::minutes(11));
    let r = site
        .post_account_form(
            "/u/0/info",
            &format!("/u/0/aliases/{}/primary", ids[0]),
            &[],
        )
        .await;
    assert_eq!(r.status(), 200);
    let html = r.text().await.expect("html");
    assert!(html.contains("Confirm it&#39;s you"), "{html}");
    assert!(html.contains(&format!(
        r#"name="resume" value="/u/0/aliases/{}/primary""#,
        ids[0]
    )));
    assert_eq!(
        primary_of(&site, account).await,
        "jo@example.com",
        "nothing changed yet"
    );
}
