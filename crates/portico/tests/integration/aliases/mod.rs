//! Changing aliases over HTTP: primary, sign-in preference, removal, and their rules.

use portico::contact::{Destination, EmailAddress};
use regex::Regex;
use sqlx::PgPool;
use time::Duration;
use uuid::Uuid;

use portico::clock::Clock;

use crate::support::{PASSWORD, Site};

mod readable;
mod undo;

/// Jo, signed in, with a primary email and the given extra verified emails.
pub(super) async fn jo_with(site: &Site, extra: &[&str]) -> (Uuid, Vec<Uuid>) {
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

pub(super) async fn primary_of(site: &Site, account: Uuid) -> String {
    sqlx::query_scalar("select normalized from aliases where account_id = $1 and is_primary")
        .bind(account)
        .fetch_one(&site.app.db)
        .await
        .expect("primary")
}

pub(super) fn id_of(html: &str, address: &str) -> Uuid {
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

/// Starts adding `address` (`kind` email or phone) and answers the code page's path.
pub(super) async fn start_adding(site: &Site, fields: &[(&str, &str)]) -> reqwest::Response {
    site.post_account_form("/u/0/aliases/add?kind=email", "/u/0/aliases/add", fields)
        .await
}

pub(super) async fn enter_code(site: &Site, code_page: &str, code: &str) -> reqwest::Response {
    let c = code_page
        .split("c=")
        .nth(1)
        .expect("challenge id")
        .to_owned();
    site.post_account_form(
        code_page,
        "/u/0/aliases/verify",
        &[("c", &c), ("code", code)],
    )
    .await
}

pub(super) async fn verified(site: &Site, normalized: &str) -> Option<bool> {
    sqlx::query_scalar("select verified_at is not null from aliases where normalized = $1 and account_id = (select account_id from aliases where normalized = 'jo@example.com')")
        .bind(normalized)
        .fetch_optional(&site.app.db)
        .await
        .expect("alias")
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn adding_an_email_with_its_code(pool: PgPool) {
    let site = Site::new(pool).await;
    jo_with(&site, &[]).await;
    let (status, form) = site.get("/u/0/aliases/add?kind=email").await;
    assert_eq!(status, 200);
    assert!(form.contains("Add an email address"));
    let r = start_adding(&site, &[("kind", "email"), ("address", "New@Example.com")]).await;
    assert_eq!(r.status(), 303);
    let code_page = r.headers()["location"].to_str().expect("ascii").to_owned();
    assert!(
        code_page.starts_with("/u/0/aliases/verify?c="),
        "{code_page}"
    );
    let (_, page) = site.get(&code_page).await;
    assert!(page.contains("n•••@example.com"), "{page}");
    assert_eq!(
        verified(&site, "new@example.com").await,
        Some(false),
        "pending until its code"
    );
    let (status, _, _) = site.sign_in("new@example.com", PASSWORD).await;
    assert_eq!(status, 422, "a pending alias never signs in");
    site.sign_in("jo@example.com", PASSWORD).await;

    let code = crate::support::code_in(&site.last_message().await);
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let r = enter_code(&site, &code_page, wrong).await;
    assert_eq!(r.status(), 422);
    let r = enter_code(&site, &code_page, &code).await;
    assert_eq!(r.headers()["location"], "/u/0/info?done=added");
    assert_eq!(verified(&site, "new@example.com").await, Some(true));
    let notice: (String, serde_json::Value) =
        sqlx::query_as("select recipient, payload from outbox where template = 'alias_changed'")
            .fetch_one(&site.app.db)
            .await
            .expect("one notice");
    assert_eq!(
        notice.0, "jo@example.com",
        "the other verified alias is told"
    );
    assert_eq!(notice.1["change"], "added");
    let (status, _, _) = site.sign_in("new@example.com", PASSWORD).await;
    assert_eq!(status, 303, "the new alias signs in");
    let (_, activity) = site.get("/u/0/activity").await;
    assert!(activity.contains("Added n•••@example.com"), "{activity}");
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn a_phone_number_typed_without_its_country_code(pool: PgPool) {
    let site = Site::new(pool).await;
    jo_with(&site, &[]).await;
    let r = start_adding(
        &site,
        &[
            ("kind", "phone"),
            ("region", "GB"),
            ("address", "07911 123456"),
        ],
    )
    .await;
    assert_eq!(r.status(), 303);
    let code_page = r.headers()["location"].to_str().expect("ascii").to_owned();
    let code = crate::support::code_in(&site.last_message().await);
    let r = enter_code(&site, &code_page, &code).await;
    assert_eq!(r.status(), 303);
    assert_eq!(verified(&site, "+447911123456").await, Some(true));
    let (_, info) = site.get("/u/0/info").await;
    assert!(info.contains("+44 7911 123456"), "{info}");

    let r = start_adding(&site, &[("kind", "phone"), ("address", "12")]).await;
    assert_eq!(r.status(), 422, "nonsense gets the form back");
    assert!(r.text().await.expect("html").contains(r#"value="12""#));
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn another_accounts_address_is_refused_only_after_its_code(pool: PgPool) {
    let site = Site::new(pool).await;
    let al = site
        .account(
            "Al",
            Destination::Email(EmailAddress::parse("al@example.com").expect("email")),
            None,
        )
        .await;
    jo_with(&site, &[]).await;
    let mine = start_adding(&site, &[("kind", "email"), ("address", "free@example.com")]).await;
    let theirs = start_adding(&site, &[("kind", "email"), ("address", "al@example.com")]).await;
    assert_eq!(
        mine.status(),
        theirs.status(),
        "typing an address reveals nothing"
    );
    let code_page = theirs.headers()["location"]
        .to_str()
        .expect("ascii")
        .to_owned();
    let code = crate::support::code_in(&site.last_message_to("al@example.com").await);
    let r = enter_code(&site, &code_page, &code).await;
    assert_eq!(r.status(), 409);
    assert!(
        r.text()
            .await
            .expect("html")
            .contains("belongs to another account")
    );
    assert_eq!(
        verified(&site, "al@example.com").await,
        None,
        "nothing kept on Jo's account"
    );
    let owner: Uuid = sqlx::query_scalar("select account_id from aliases where normalized = 'al@example.com' and verified_at is not null")
        .fetch_one(&site.app.db)
        .await
        .expect("still Al's");
    assert_eq!(owner, al);
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn a_code_for_one_address_does_not_verify_another(pool: PgPool) {
    let site = Site::new(pool).await;
    jo_with(&site, &[]).await;
    start_adding(&site, &[("kind", "email"), ("address", "a@example.com")]).await;
    let code_a = crate::support::code_in(&site.last_message_to("a@example.com").await);
    site.clock.advance(Duration::seconds(1));
    let r = start_adding(&site, &[("kind", "email"), ("address", "b@example.com")]).await;
    let page_b = r.headers()["location"].to_str().expect("ascii").to_owned();
    let code_b = crate::support::code_in(&site.last_message_to("b@example.com").await);
    if code_a != code_b {
        let r = enter_code(&site, &page_b, &code_a).await;
        assert_eq!(r.status(), 422);
    }
    assert_eq!(verified(&site, "a@example.com").await, Some(false));
    assert_eq!(verified(&site, "b@example.com").await, Some(false));
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn limits_on_aliases_held_and_added(pool: PgPool) {
    let site = Site::new(pool).await;
    let extra: Vec<String> = (1..10).map(|n| format!("x{n}@example.com")).collect();
    let extra: Vec<&str> = extra.iter().map(String::as_str).collect();
    let (account, ids) = jo_with(&site, &extra).await;
    let r = start_adding(
        &site,
        &[("kind", "email"), ("address", "eleventh@example.com")],
    )
    .await;
    assert_eq!(r.status(), 409);
    assert!(r.text().await.expect("html").contains("already has 10"));

    // Room again, but ten additions this year already (removals do not give them back).
    let r = site
        .post_account_form("/u/0/info", &format!("/u/0/aliases/{}/remove", ids[0]), &[])
        .await;
    assert_eq!(r.status(), 303);
    for n in 0..10 {
        sqlx::query("insert into alias_changes (id, account_id, change, normalized, at) values ($1, $2, 'added', $3, now() - interval '100 days')")
            .bind(Uuid::now_v7())
            .bind(account)
            .bind(format!("old{n}@example.com"))
            .execute(&site.app.db)
            .await
            .expect("history");
    }
    let r = start_adding(
        &site,
        &[("kind", "email"), ("address", "eleventh@example.com")],
    )
    .await;
    assert_eq!(r.status(), 409);
    assert!(r.text().await.expect("html").contains("in the last year"));
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn a_removed_address_is_held_thirty_days_for_its_old_account(pool: PgPool) {
    let site = Site::new(pool).await;
    let al = site
        .account(
            "Al",
            Destination::Email(EmailAddress::parse("al@example.com").expect("email")),
            None,
        )
        .await;
    sqlx::query("insert into alias_changes (id, account_id, change, normalized, at) values ($1, $2, 'removed', 'gone@example.com', $3)")
        .bind(Uuid::now_v7())
        .bind(al)
        .bind(site.clock.now() - Duration::days(1))
        .execute(&site.app.db)
        .await
        .expect("history");
    jo_with(&site, &[]).await;
    let r = start_adding(&site, &[("kind", "email"), ("address", "gone@example.com")]).await;
    let code_page = r.headers()["location"].to_str().expect("ascii").to_owned();
    let code = crate::support::code_in(&site.last_message_to("gone@example.com").await);
    let r = enter_code(&site, &code_page, &code).await;
    assert_eq!(r.status(), 409);
    assert!(
        r.text()
            .await
            .expect("html")
            .contains("can be added again after")
    );
    assert_eq!(verified(&site, "gone@example.com").await, None);
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn a_pending_address_shows_its_time_left_and_is_forgotten_after_a_day(pool: PgPool) {
    let site = Site::new(pool).await;
    let (account, _) = jo_with(&site, &[]).await;
    let r = start_adding(
        &site,
        &[("kind", "email"), ("address", "later@example.com")],
    )
    .await;
    assert_eq!(r.status(), 303);
    site.clock.advance(Duration::hours(2));
    let (_, page) = site.get("/u/0/info").await;
    assert!(
        page.contains("Waiting for its code</span> (22 hours left)"),
        "{page}"
    );

    site.clock.advance(Duration::hours(23));
    let mut conn = site.app.db.acquire().await.expect("conn");
    let (_, held) = portico::aliases::store::of_account(&mut conn, account, site.clock.now())
        .await
        .expect("query")
        .expect("account");
    assert_eq!(held.len(), 1, "only the primary is left: {held:?}");
    let pruned = portico::aliases::store::prune_pending(&mut conn, site.clock.now())
        .await
        .expect("prune");
    assert_eq!(pruned, 1);
    assert_eq!(verified(&site, "later@example.com").await, None);
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn removing_asks_first(pool: PgPool) {
    let site = Site::new(pool).await;
    let (_, ids) = jo_with(&site, &["b@example.com"]).await;
    let (_, info) = site.get("/u/0/info").await;
    assert!(
        !info.contains(&format!(
            r#"<form method="post" action="/u/0/aliases/{}/remove""#,
            ids[0]
        )),
        "no one-click removal on Your Info"
    );
    let path = format!("/u/0/aliases/{}/remove", ids[0]);
    let (status, page) = site.get(&path).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("b@example.com")
            && page.contains("You won&#39;t be able to sign in with it")
            && page.contains("30 days"),
        "{page}"
    );
    let (_, info) = site.get("/u/0/info").await;
    assert!(info.contains("b@example.com"), "asking changed nothing");
    let r = site.post_account_form(&path, &path, &[]).await;
    assert_eq!(r.status(), 303);
    let (_, info) = site.get("/u/0/info").await;
    assert!(!info.contains("b@example.com"));
    let (status, _) = site
        .get(&format!("/u/0/aliases/{}/remove", Uuid::now_v7()))
        .await;
    assert_eq!(status, 404);
}
