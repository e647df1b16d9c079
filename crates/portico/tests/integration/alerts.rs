//! New sign-in alerts over HTTP: a browser new to the account raises one (a notice with a
//! link), a known one does not, "This wasn't me" signs that browser out, and Recent activity
//! marks the sign-in until it is answered.

use sqlx::PgPool;
use time::Duration;

use crate::support::{PASSWORD, Site};

async fn alerts_sent(site: &Site) -> i64 {
    sqlx::query_scalar("select count(*) from outbox where template = 'new_sign_in'")
        .fetch_one(&site.app.db)
        .await
        .expect("count")
}

/// The link in the newest alert to `jo@example.com`.
async fn alert_link(site: &Site) -> String {
    let body = site.last_message_to("jo@example.com").await;
    let link = regex::Regex::new(r"(/sign-in-alert\?t=[A-Za-z0-9_-]{43})")
        .expect("regex")
        .captures(&body)
        .unwrap_or_else(|| panic!("a link in {body}"))[1]
        .to_owned();
    assert!(body.contains("a browser it hasn't used before"), "{body}");
    link
}

async fn answer(site: &Site, link: &str, answer: &str) -> (u16, String) {
    let (status, page) = site.get(link).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Was this you?"), "{page}");
    let token = link.split("t=").nth(1).expect("token");
    let csrf = site.csrf(link).await;
    let r = site
        .post(
            "/sign-in-alert",
            &[
                ("authenticity_token", &csrf),
                ("t", token),
                ("answer", answer),
            ],
        )
        .await;
    (r.status().as_u16(), r.text().await.expect("html"))
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn a_new_browser_is_told_and_this_wasnt_me_signs_it_out(pool: PgPool) {
    let laptop = Site::new(pool).await;
    laptop
        .account("Jo", crate::idp::email("jo@example.com"), None)
        .await;
    assert_eq!(laptop.sign_in("jo@example.com", PASSWORD).await.0, 303);
    assert_eq!(alerts_sent(&laptop).await, 0, "the account's first browser");

    // Somebody else's browser.
    let stranger = laptop.another_browser();
    assert_eq!(stranger.sign_in("jo@example.com", PASSWORD).await.0, 303);
    assert_eq!(alerts_sent(&laptop).await, 1);
    let link = alert_link(&laptop).await;
    let (_, activity) = laptop.get("/u/0/activity").await;
    assert!(
        activity.contains("Sign-in from a browser new to this account")
            && activity.contains("Unusual: was this you?"),
        "{activity}"
    );

    // The laptop again: known, no alert.
    assert_eq!(laptop.sign_in("jo@example.com", PASSWORD).await.0, 303);
    assert_eq!(alerts_sent(&laptop).await, 1);

    let (status, done) = answer(&laptop, &link, "not_me").await;
    assert_eq!(status, 200);
    assert!(done.contains("That browser was signed out"), "{done}");
    assert!(done.contains(r#"href="/reset""#));
    let (status, _) = stranger.get("/u/0/").await;
    assert_eq!(status, 303, "the stranger's session ended");
    let (status, _) = laptop.get("/u/0/").await;
    assert_eq!(status, 200, "the laptop stays signed in");
    let (_, activity) = laptop.get("/u/0/activity").await;
    assert!(
        activity.contains("Not you: signed out") && !activity.contains("Unusual: was this you?"),
        "{activity}"
    );
    let (status, gone) = laptop.get(&link).await;
    assert_eq!(status, 404);
    assert!(gone.contains("This link no longer works"));
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn a_browser_unused_for_90_days_is_new_again_and_it_was_me_closes_the_question(pool: PgPool) {
    let laptop = Site::new(pool).await;
    laptop
        .account("Jo", crate::idp::email("jo@example.com"), None)
        .await;
    assert_eq!(laptop.sign_in("jo@example.com", PASSWORD).await.0, 303);
    let phone = laptop.another_browser();
    assert_eq!(phone.sign_in("jo@example.com", PASSWORD).await.0, 303);
    assert_eq!(alerts_sent(&laptop).await, 1);
    let first = alert_link(&laptop).await;

    laptop.clock.advance(Duration::days(60));
    assert_eq!(laptop.sign_in("jo@example.com", PASSWORD).await.0, 303);
    assert_eq!(alerts_sent(&laptop).await, 1, "used 60 days ago: known");
    laptop.clock.advance(Duration::days(91));
    assert_eq!(phone.sign_in("jo@example.com", PASSWORD).await.0, 303);
    assert_eq!(
        alerts_sent(&laptop).await,
        2,
        "unused for 151 days: new again"
    );

    let link = alert_link(&laptop).await;
    assert_ne!(link, first);
    let (status, _) = phone.get(&first).await;
    assert_eq!(status, 404, "the first alert's link is past its 30 days");
    let (status, done) = answer(&phone, &link, "me").await;
    assert_eq!(status, 200);
    assert!(done.contains("Thanks for checking"), "{done}");
    let (status, _) = phone.get("/u/0/").await;
    assert_eq!(status, 200, "still signed in");
    let (_, activity) = phone.get("/u/0/activity").await;
    assert!(activity.contains("You said it was you"), "{activity}");

    // Forgotten after 90 days unused, then pruned.
    laptop.clock.advance(Duration::days(91));
    let mut conn = laptop.app.db.acquire().await.expect("conn");
    let pruned =
        portico::alerts::store::prune(&mut conn, portico::clock::Clock::now(&laptop.clock))
            .await
            .expect("prune");
    assert!(pruned >= 2, "{pruned}");
    let left: i64 = sqlx::query_scalar("select count(*) from known_browsers")
        .fetch_one(&mut *conn)
        .await
        .expect("count");
    assert_eq!(left, 0);
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn the_browser_mark_is_a_long_lived_http_only_cookie(pool: PgPool) {
    let site = Site::new(pool).await;
    site.account("Jo", crate::idp::email("jo@example.com"), None)
        .await;
    let r = site
        .sign_in_with(&[("address", "jo@example.com"), ("password", PASSWORD)])
        .await;
    let marks: Vec<&str> = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter(|c| c.starts_with("portico_browser="))
        .collect();
    assert_eq!(marks.len(), 1, "{:?}", r.headers());
    assert!(
        marks[0].contains("HttpOnly")
            && marks[0].contains("SameSite=Lax")
            && marks[0].contains("Max-Age=34560000"),
        "{}",
        marks[0]
    );
    // Kept: the next sign-in does not give a new one.
    let again = site
        .sign_in_with(&[("address", "jo@example.com"), ("password", PASSWORD)])
        .await;
    assert!(
        !again
            .headers()
            .get_all("set-cookie")
            .iter()
            .any(|v| v.to_str().unwrap_or("").starts_with("portico_browser=")),
    );
}
