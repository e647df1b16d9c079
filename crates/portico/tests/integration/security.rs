//! Re-authentication, the Security page, password change, "Secure my account" and Recent
//! activity, over HTTP.

use portico::clock::Clock;
use portico::contact::{Destination, EmailAddress};
use regex::Regex;
use sqlx::PgPool;
use time::Duration;

use crate::support::{PASSWORD, Site, guard_in};

const NEW_PASSWORD: &str = "crimson otter lantern spiral";

fn email(s: &str) -> Destination {
    Destination::Email(EmailAddress::parse(s).expect("email"))
}

fn hidden(html: &str, name: &str) -> Option<String> {
    Regex::new(&format!(r#"name="{name}" value="([^"]*)""#))
        .expect("regex")
        .captures(html)
        .map(|c| c[1].to_owned())
}

async fn jo_signed_in(site: &Site) {
    let (status, _, location) = site.sign_in("jo@example.com", PASSWORD).await;
    assert_eq!((status, location.as_deref()), (303, Some("/u/0/")));
}

async fn is_signed_in(site: &Site) -> bool {
    let r = site
        .http
        .get(site.server.url("/u/0/"))
        .send()
        .await
        .expect("get");
    r.status() == 200
}

async fn events(site: &Site) -> Vec<String> {
    sqlx::query_scalar("select kind from audit_events order by at, id")
        .fetch_all(&site.app.db)
        .await
        .expect("events")
}

async fn payloads(site: &Site, template: &str) -> Vec<(String, serde_json::Value)> {
    sqlx::query_as("select recipient, payload from outbox where template = $1 order by recipient")
        .bind(template)
        .fetch_all(&site.app.db)
        .await
        .expect("outbox")
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn a_sensitive_form_after_the_window_asks_for_the_password_then_goes_through(pool: PgPool) {
    let a = Site::new(pool).await;
    a.account("Jo", email("jo@example.com"), None).await;
    jo_signed_in(&a).await;
    let b = a.another_browser();
    jo_signed_in(&b).await;

    let (_, home) = a.get("/u/0/").await;
    assert!(
        home.contains("sensitive changes need no password for 10 more minutes"),
        "the banner shows while the window is open"
    );
    a.clock.advance(Duration::minutes(11));
    let (_, home) = a.get("/u/0/").await;
    assert!(
        !home.contains("sensitive changes need no password"),
        "and goes when it closes"
    );

    // "Sign out everywhere else" now needs the password first.
    let r = a
        .post_account_form("/u/0/security", "/u/0/security/sessions/end-others", &[])
        .await;
    assert_eq!(r.status(), 200);
    let confirm = r.text().await.expect("html");
    assert!(confirm.contains("Confirm it&#39;s you"), "{confirm}");
    assert_eq!(
        hidden(&confirm, "resume").as_deref(),
        Some("/u/0/security/sessions/end-others")
    );
    assert!(is_signed_in(&b).await, "nothing happened yet");

    let mut form = guard_in(&confirm);
    form.push(("resume".into(), "/u/0/security/sessions/end-others".into()));
    let mut wrong = form.clone();
    wrong.push(("confirm_password".into(), "not my password".into()));
    let r = a
        .http
        .post(a.server.url("/u/0/confirm"))
        .header("origin", &a.server.base_url)
        .form(&wrong)
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 422);
    assert!(
        r.text()
            .await
            .expect("html")
            .contains("That password isn&#39;t right")
    );

    form.push(("confirm_password".into(), PASSWORD.into()));
    let r = a
        .http
        .post(a.server.url("/u/0/confirm"))
        .header("origin", &a.server.base_url)
        .form(&form)
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 307, "the browser sends the form on, unchanged");
    assert_eq!(r.headers()["location"], "/u/0/security/sessions/end-others");
    let cookie = r.headers()["set-cookie"]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert!(
        cookie.starts_with("portico_session="),
        "a new token at privilege change: {cookie}"
    );
    // What the browser does with a 307: the same body to the new place.
    let r = a
        .http
        .post(a.server.url("/u/0/security/sessions/end-others"))
        .header("origin", &a.server.base_url)
        .form(&form)
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/u/0/security?done=others");
    assert!(!is_signed_in(&b).await, "the other browser was signed out");
    assert!(is_signed_in(&a).await);
    let (_, home) = a.get("/u/0/").await;
    assert!(home.contains("sensitive changes need no password for 10 more minutes"));
    let kinds = events(&a).await;
    assert!(
        kinds.ends_with(&[
            "sign_in_failed".into(),
            "reauthenticated".into(),
            "other_sessions_ended".into()
        ]),
        "{kinds:?}"
    );
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn the_confirm_page_returns_only_to_our_own_pages(pool: PgPool) {
    let site = Site::new(pool).await;
    site.account("Jo", email("jo@example.com"), None).await;
    jo_signed_in(&site).await;
    site.clock.advance(Duration::minutes(11));
    let (_, page) = site.get("/u/0/confirm?next=https://evil.example/").await;
    assert!(!page.contains("evil.example"));
    let mut form = guard_in(&page);
    form.push(("confirm_password".into(), PASSWORD.into()));
    form.push(("resume".into(), "/u/1/security/secure".into()));
    let r = site
        .http
        .post(site.server.url("/u/0/confirm"))
        .header("origin", &site.server.base_url)
        .form(&form)
        .send()
        .await
        .expect("post");
    assert_eq!(
        r.status(),
        303,
        "never replayed to another account's action"
    );
    assert_eq!(r.headers()["location"], "/u/0/");
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn changing_the_password(pool: PgPool) {
    let a = Site::new(pool).await;
    a.account("Jo", email("jo@example.com"), None).await;
    jo_signed_in(&a).await;
    let b = a.another_browser();
    jo_signed_in(&b).await;
    a.clock.advance(Duration::minutes(11));

    let (_, page) = a.get("/u/0/password").await;
    assert!(
        page.contains(r#"name="current_password""#),
        "asked for after the window"
    );
    let change = |fields: Vec<(&'static str, &'static str)>| {
        let a = &a;
        async move {
            let r = a
                .post_account_form("/u/0/password", "/u/0/password", &fields)
                .await;
            let status = r.status().as_u16();
            let location = r
                .headers()
                .get("location")
                .map(|l| l.to_str().expect("ascii").to_owned());
            (status, location, r.text().await.expect("body"))
        }
    };
    let (status, _, html) = change(vec![
        ("current_password", "wrong one"),
        ("new_password", NEW_PASSWORD),
        ("sign_out_others", "on"),
    ])
    .await;
    assert_eq!(status, 422);
    assert!(
        html.contains("Current password: That password isn&#39;t right")
            || html.contains("Current password: That password isn't right"),
        "{html}"
    );
    let (status, _, html) = change(vec![
        ("current_password", PASSWORD),
        ("new_password", "password1"),
        ("sign_out_others", "on"),
    ])
    .await;
    assert_eq!(status, 422);
    assert!(html.contains("New password:"), "{html}");
    assert!(
        html.contains(r#"name="sign_out_others" type="checkbox" value="on" checked"#),
        "the choice is kept"
    );
    assert!(is_signed_in(&b).await);

    let (status, location, _) = change(vec![
        ("current_password", PASSWORD),
        ("new_password", NEW_PASSWORD),
        ("sign_out_others", "on"),
    ])
    .await;
    assert_eq!(
        (status, location.as_deref()),
        (303, Some("/u/0/security?done=password"))
    );
    assert!(!is_signed_in(&b).await, "other sessions ended");
    assert!(is_signed_in(&a).await, "this one stays");
    let notices = payloads(&a, "password_changed").await;
    assert_eq!(notices.len(), 1);
    assert_eq!(notices[0].0, "jo@example.com");
    assert_eq!(notices[0].1["sessions_ended"], true);
    let (status, _, _) = b.sign_in("jo@example.com", PASSWORD).await;
    assert_eq!(status, 422, "the old password no longer works");
    let (status, _, _) = b.sign_in("jo@example.com", NEW_PASSWORD).await;
    assert_eq!(status, 303);

    // Right after a change the window is open: no current password, and unticked keeps B.
    let (_, page) = a.get("/u/0/password").await;
    assert!(!page.contains(r#"name="current_password""#));
    let (status, _, _) = change(vec![("new_password", "amber falcon quarry drift")]).await;
    assert_eq!(status, 303);
    assert!(is_signed_in(&b).await, "unticked: other sessions stay");
    let notices = payloads(&a, "password_changed").await;
    assert_eq!(notices.len(), 2);
    assert!(notices.iter().any(|(_, p)| p["sessions_ended"] == false));
    let kinds = events(&a).await;
    assert_eq!(
        kinds.iter().filter(|k| *k == "password_changed").count(),
        2,
        "{kinds:?}"
    );
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn the_security_page_lists_sessions_and_ends_one(pool: PgPool) {
    let a = Site::new(pool).await;
    a.account("Jo", email("jo@example.com"), None).await;
    jo_signed_in(&a).await;
    a.clock.advance(Duration::seconds(5));
    let b = a.another_browser();
    jo_signed_in(&b).await;
    let (status, page) = a.get("/u/0/security").await;
    assert_eq!(status, 200);
    let ids: Vec<String> = Regex::new(r#"name="session" value="([^"]+)""#)
        .expect("regex")
        .captures_iter(&page)
        .map(|c| c[1].to_owned())
        .collect();
    assert_eq!(ids.len(), 2, "{page}");
    assert_eq!(page.matches("This browser</span>").count(), 1);
    assert!(page.contains("127.0.0.1"));
    let b_session: uuid::Uuid =
        sqlx::query_scalar("select id from account_sessions order by created_at desc limit 1")
            .fetch_one(&a.app.db)
            .await
            .expect("b");
    let r = a
        .post_account_form(
            "/u/0/security",
            "/u/0/security/sessions/end",
            &[("session", &b_session.to_string())],
        )
        .await;
    assert_eq!(r.headers()["location"], "/u/0/security?done=session");
    assert!(!is_signed_in(&b).await);
    assert!(is_signed_in(&a).await);
    let (_, page) = a.get("/u/0/security?done=session").await;
    assert!(page.contains("That session was signed out."));
    assert_eq!(page.matches(r#"name="session""#).count(), 1);
    assert!(
        !page.contains("Sign out everywhere else"),
        "nothing else to sign out"
    );

    // Ending this browser's own session signs it out here.
    let a_session = hidden(&page, "session").expect("own session");
    let r = a
        .post_account_form(
            "/u/0/security",
            "/u/0/security/sessions/end",
            &[("session", &a_session)],
        )
        .await;
    assert_eq!(r.headers()["location"], "/");
    assert!(!is_signed_in(&a).await);
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn secure_my_account_ends_everything_and_tells_every_alias(pool: PgPool) {
    let a = Site::new(pool).await;
    let account = a.account("Jo", email("jo@example.com"), None).await;
    sqlx::query(
        "insert into aliases (id, account_id, kind, value, normalized, verified_at, created_at)
         values ($1, $2, 'phone', '+447911123456', '+447911123456', now(), now()),
                ($3, $2, 'email', 'pending@example.com', 'pending@example.com', null, now())",
    )
    .bind(uuid::Uuid::now_v7())
    .bind(account)
    .bind(uuid::Uuid::now_v7())
    .execute(&a.app.db)
    .await
    .expect("aliases");
    jo_signed_in(&a).await;
    let b = a.another_browser();
    jo_signed_in(&b).await;
    let r = a
        .post_account_form("/u/0/security", "/u/0/security/secure", &[])
        .await;
    assert_eq!(r.status(), 200);
    assert!(
        r.headers()["set-cookie"]
            .to_str()
            .expect("ascii")
            .contains("Max-Age=0")
    );
    assert!(
        r.text()
            .await
            .expect("html")
            .contains("Your account is secured")
    );
    assert!(!is_signed_in(&a).await);
    assert!(!is_signed_in(&b).await);
    let notices: Vec<String> = payloads(&a, "account_secured")
        .await
        .into_iter()
        .map(|(to, _)| to)
        .collect();
    assert_eq!(
        notices,
        vec!["+447911123456".to_owned(), "jo@example.com".to_owned()],
        "verified aliases only"
    );
    assert!(events(&a).await.contains(&"account_secured".to_owned()));
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn recent_activity_lists_events_newest_first_for_ninety_days(pool: PgPool) {
    let site = Site::new(pool).await;
    let account = site.account("Jo", email("jo@example.com"), None).await;
    let (status, _, _) = site.sign_in("jo@example.com", "not the password").await;
    assert_eq!(status, 422);
    site.clock.advance(Duration::seconds(1));
    jo_signed_in(&site).await;
    site.clock.advance(Duration::seconds(1));
    let r = site
        .post_account_form("/u/0/info", "/u/0/info/name", &[("display_name", "Joanna")])
        .await;
    assert_eq!(r.status(), 303);
    let (_, page) = site.get("/u/0/activity").await;
    let order: Vec<usize> = [
        "Name changed",
        "Signed in with your password",
        "Sign-in attempt with a wrong password",
    ]
    .iter()
    .map(|t| page.find(t).unwrap_or_else(|| panic!("{t} in {page}")))
    .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "newest first: {order:?}"
    );
    assert!(page.contains("127.0.0.1"));

    sqlx::query(
        "insert into audit_events (id, account_id, kind, at) values ($1, $2, 'password_changed', $3)",
    )
    .bind(uuid::Uuid::now_v7())
    .bind(account)
    .bind(site.clock.now() - Duration::days(91))
    .execute(&site.app.db)
    .await
    .expect("old event");
    let (_, page) = site.get("/u/0/activity").await;
    assert!(
        !page.contains("Password changed"),
        "older than 90 days is not shown"
    );
    let mut conn = site.app.db.acquire().await.expect("conn");
    let pruned = portico::audit::prune(&mut conn, site.clock.now())
        .await
        .expect("prune");
    assert_eq!(pruned, 1);
}
