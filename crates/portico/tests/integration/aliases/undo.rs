//! "This wasn't me": the link in alias notices undoes the change and secures the account.

use regex::Regex;
use sqlx::PgPool;
use time::Duration;

use portico::clock::Clock;

use super::{enter_code, jo_with, primary_of, start_adding, verified};
use crate::support::Site;
/// The "This wasn't me" link in the newest notice to `recipient`.
async fn undo_link(site: &Site, recipient: &str) -> String {
    let body = site.last_message_to(recipient).await;
    let url = Regex::new(r"(http://\S+/undo\?t=[A-Za-z0-9_-]+)")
        .expect("regex")
        .captures(&body)
        .unwrap_or_else(|| panic!("an undo link in {body}"))[1]
        .to_owned();
    url.split_once("/undo")
        .map(|(_, rest)| format!("/undo{rest}"))
        .expect("path")
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn this_wasnt_me_undoes_an_addition_and_ends_every_session(pool: PgPool) {
    let site = Site::new(pool).await;
    let (account, _) = jo_with(&site, &[]).await;
    let r = start_adding(
        &site,
        &[("kind", "email"), ("address", "intruder@example.com")],
    )
    .await;
    let code_page = r.headers()["location"].to_str().expect("ascii").to_owned();
    let code = crate::support::code_in(&site.last_message_to("intruder@example.com").await);
    enter_code(&site, &code_page, &code).await;
    assert_eq!(verified(&site, "intruder@example.com").await, Some(true));

    let link = undo_link(&site, "jo@example.com").await;
    let wiped: i64 = sqlx::query_scalar(
        "select count(*) from outbox where template = 'alias_changed' and payload ? 'undo_url'",
    )
    .fetch_one(&site.app.db)
    .await
    .expect("count");
    assert_eq!(wiped, 0, "the link leaves the outbox once sent");

    // The victim, in another browser, follows the link: reading it changes nothing.
    let victim = site.another_browser();
    let (status, page) = victim.get(&link).await;
    assert_eq!(status, 200);
    assert!(page.contains("Undo the change"), "{page}");
    assert_eq!(verified(&site, "intruder@example.com").await, Some(true));
    let t = link.split("t=").nth(1).expect("token").to_owned();
    let csrf = portico_blackbox::forms::csrf_in(&page);
    let r = victim
        .post("/undo", &[("authenticity_token", &csrf), ("t", &t)])
        .await;
    assert_eq!(r.status(), 200);
    assert!(
        r.text()
            .await
            .expect("html")
            .contains("The change was undone")
    );
    assert_eq!(
        verified(&site, "intruder@example.com").await,
        None,
        "the added alias is gone"
    );
    let r = site
        .http
        .get(site.server.url("/u/0/"))
        .send()
        .await
        .expect("get");
    assert_eq!(r.status(), 303, "every session of the account ended");
    let undone: i64 = sqlx::query_scalar(
        "select count(*) from audit_events where kind = 'change_undone' and account_id = $1",
    )
    .bind(account)
    .fetch_one(&site.app.db)
    .await
    .expect("count");
    assert_eq!(undone, 1);

    let again = victim
        .post("/undo", &[("authenticity_token", &csrf), ("t", &t)])
        .await;
    assert_eq!(again.status(), 404, "the link works once");
    assert!(
        again
            .text()
            .await
            .expect("html")
            .contains("no longer works")
    );
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn this_wasnt_me_restores_the_previous_primary(pool: PgPool) {
    let site = Site::new(pool).await;
    let (account, ids) = jo_with(&site, &["b@example.com"]).await;
    site.post_account_form(
        "/u/0/info",
        &format!("/u/0/aliases/{}/primary", ids[0]),
        &[],
    )
    .await;
    assert_eq!(primary_of(&site, account).await, "b@example.com");
    let link = undo_link(&site, "jo@example.com").await;
    let (_, page) = site.get(&link).await;
    let t = link.split("t=").nth(1).expect("token").to_owned();
    let csrf = portico_blackbox::forms::csrf_in(&page);
    let r = site
        .post("/undo", &[("authenticity_token", &csrf), ("t", &t)])
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(primary_of(&site, account).await, "jo@example.com");

    site.clock.advance(Duration::days(8));
    let mut conn = site.app.db.acquire().await.expect("conn");
    let pruned = portico::aliases::store::prune_undo(&mut conn, site.clock.now())
        .await
        .expect("prune");
    assert_eq!(pruned, 1);
}
