//! Strangers asking for codes for someone else's address: the address is not flooded, and
//! its owner is never locked out of signing in by code or resetting the password.

use portico::clock::Clock;
use portico::contact::{Destination, EmailAddress};
use regex::Regex;
use sqlx::PgPool;
use time::Duration;

use crate::support::{Site, code_in};

const JO: &str = "jo@example.com";

/// Asks for a code at `start` (`/signin/code` or `/reset`) for `address` from this browser,
/// and returns the challenge on the code page it leads to.
async fn ask(site: &Site, form_page: &str, start: &str, address: &str) -> String {
    let csrf = site.csrf(form_page).await;
    let r = site
        .post(
            start,
            &[("authenticity_token", &csrf), ("address", address)],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    let location = r.headers()["location"].to_str().expect("ascii").to_owned();
    Regex::new(r"[?&]c=([0-9a-f-]+)")
        .expect("regex")
        .captures(&location)
        .expect("a challenge in the code page's address")[1]
        .to_owned()
}

async fn messages_to(site: &Site, address: &str) -> i64 {
    sqlx::query_scalar("select count(*) from outbox where recipient = $1")
        .bind(address)
        .fetch_one(&site.app.db)
        .await
        .expect("count")
}

/// The owner enters the newest code in their inbox on the code page of `challenge`.
async fn owner_signs_in_with_inbox_code(owner: &Site, challenge: &str) {
    let page = format!("/signin/code?c={challenge}");
    let code = code_in(&owner.last_message_to(JO).await);
    let csrf = owner.csrf(&page).await;
    let r = owner
        .post(
            "/signin/code/verify",
            &[
                ("authenticity_token", &csrf),
                ("c", challenge),
                ("code", &code),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    assert_eq!(r.headers()["location"], "/u/0/");
}

async fn owner_resets_with_inbox_code(owner: &Site, challenge: &str) {
    let page = format!("/reset/code?c={challenge}");
    let code = code_in(&owner.last_message_to(JO).await);
    let csrf = owner.csrf(&page).await;
    let r = owner
        .post(
            "/reset/verify",
            &[
                ("authenticity_token", &csrf),
                ("c", challenge),
                ("code", &code),
            ],
        )
        .await;
    assert_eq!(r.status(), 200);
    let html = r.text().await.expect("html");
    assert!(html.contains(r#"name="grant""#), "the new-password form");
}

async fn site_with_jo(pool: PgPool) -> Site {
    let site = Site::new(pool).await;
    let jo = Destination::Email(EmailAddress::parse(JO).expect("email"));
    site.account("Jo", jo, None).await;
    site
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn asking_again_re_uses_the_code_so_the_owner_still_signs_in_and_resets(pool: PgPool) {
    let owner = site_with_jo(pool).await;
    // Four requests from four other browsers: one message, the same challenge for all.
    let mut seen = Vec::new();
    for _ in 0..4 {
        let stranger = owner.another_browser();
        seen.push(ask(&stranger, "/signin", "/signin/code", JO).await);
        owner.clock.advance(Duration::minutes(1));
    }
    assert!(seen.windows(2).all(|w| w[0] == w[1]), "{seen:?}");
    assert_eq!(messages_to(&owner, JO).await, 1, "no flood");

    // Within the hour, from the owner's own browser: sign in by code, and reset.
    let challenge = ask(&owner, "/signin", "/signin/code", JO).await;
    let (_, page) = owner.get(&format!("/signin/code?c={challenge}")).await;
    assert!(
        page.contains("the same code is still the one to enter"),
        "{page}"
    );
    owner_signs_in_with_inbox_code(&owner, &challenge).await;
    let challenge = ask(&owner, "/reset", "/reset", JO).await;
    owner_resets_with_inbox_code(&owner, &challenge).await;
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn once_a_stranger_has_spent_the_limit_the_last_code_stays_usable(pool: PgPool) {
    let owner = site_with_jo(pool).await;
    // At the start of an hour, so that every send below falls in one window of the limit.
    let now = owner.clock.now();
    owner.clock.advance(
        Duration::hours(1)
            - Duration::seconds(i64::from(now.minute()) * 60 + i64::from(now.second())),
    );
    let stranger = owner.another_browser();
    // The address's 5 codes an hour, spent by a stranger: a first code, then "send a new
    // code" each time its wait is over.
    let challenge = ask(&stranger, "/signin", "/signin/code", JO).await;
    // Each message reaches the inbox before the next is asked for, as in life.
    owner.last_message_to(JO).await;
    let page = format!("/signin/code?c={challenge}");
    for wait_minutes in [1, 2, 4, 8] {
        owner
            .clock
            .advance(Duration::minutes(wait_minutes) + Duration::seconds(1));
        let csrf = stranger.csrf(&page).await;
        let r = stranger
            .post(
                "/signin/code/resend",
                &[("authenticity_token", &csrf), ("c", &challenge)],
            )
            .await;
        let html = r.text().await.expect("html");
        assert!(html.contains("We sent a new code"), "{html}");
        owner.last_message_to(JO).await;
    }
    assert_eq!(messages_to(&owner, JO).await, 5);
    // The last code expires; the owner comes later in the hour.
    owner.clock.advance(Duration::minutes(20));
    let again = ask(&owner, "/signin", "/signin/code", JO).await;
    assert_eq!(again, challenge, "the last code sent, valid again");
    assert_eq!(
        messages_to(&owner, JO).await,
        5,
        "the limit holds: no sixth message"
    );
    let (_, html) = owner.get(&format!("/signin/code?c={again}")).await;
    assert!(html.contains("It works once, until"), "{html}");
    owner_signs_in_with_inbox_code(&owner, &again).await;
}
