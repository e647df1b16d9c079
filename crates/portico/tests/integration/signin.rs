//! Password sign-in over HTTP: any alias format, one message for every failure, growing
//! delays, rehashing, several accounts in one browser.

use portico::auth::password::{HashParams, PasswordHasher};
use portico::clock::Clock;
use portico::contact::{Destination, EmailAddress, PhoneNumber};
use regex::Regex;
use sqlx::PgPool;
use time::Duration;

use crate::support::{PASSWORD, Site, code_in};

fn alert(html: &str) -> String {
    Regex::new(r#"<div class="alert alert--error" role="alert" id="form-error"[^>]*>([^<]*)</div>"#)
        .expect("regex")
        .captures(html)
        .map(|c| c[1].to_owned())
        .unwrap_or_default()
}

fn email(s: &str) -> Destination {
    Destination::Email(EmailAddress::parse(s).expect("email"))
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn any_verified_alias_in_any_format_signs_in(pool: PgPool) {
    let c = Site::new(pool).await;
    c.account(
        "Jo",
        Destination::Phone(PhoneNumber::parse("+447911123456", None).expect("phone")),
        None,
    )
    .await;
    let (status, _, location) = c.sign_in("+44 (0)7911-123456", PASSWORD).await;
    assert_eq!((status, location.as_deref()), (303, Some("/u/0/")));
    let home = c
        .http
        .get(c.server.url("/u/0/"))
        .send()
        .await
        .expect("home")
        .text()
        .await
        .expect("html");
    assert!(home.contains("Hello, Jo"));
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn every_failure_reads_the_same(pool: PgPool) {
    let c = Site::new(pool).await;
    c.account("Jo", email("jo@example.com"), None).await;
    c.account("Al", email("al@example.com"), None).await;
    sqlx::query("update aliases set sign_in_allowed = false where normalized = 'al@example.com'")
        .execute(&c.app.db)
        .await
        .expect("disable");
    let (s1, wrong, _) = c.sign_in("JO@example.com", "not the password at all").await;
    let (s2, unknown, _) = c.sign_in("nobody@example.com", PASSWORD).await;
    let (s3, disabled, _) = c.sign_in("al@example.com", PASSWORD).await;
    assert_eq!((s1, s2, s3), (422, 422, 422));
    assert!(!alert(&wrong).is_empty());
    assert_eq!(alert(&wrong), alert(&unknown));
    assert_eq!(alert(&wrong), alert(&disabled));
    assert!(
        !wrong.contains("not the password"),
        "the password is never echoed"
    );
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn wrong_passwords_bring_growing_delays_but_no_lockout(pool: PgPool) {
    let c = Site::new(pool).await;
    c.account("Jo", email("jo@example.com"), None).await;
    for _ in 0..3 {
        assert_eq!(
            c.sign_in("jo@example.com", "wrong password here").await.0,
            422
        );
    }
    let (status, html, _) = c.sign_in("jo@example.com", PASSWORD).await;
    assert_eq!(status, 429, "even the right password waits");
    assert!(
        alert(&html).contains("Try again in 1 second"),
        "{}",
        alert(&html)
    );
    c.clock.advance(Duration::seconds(2));
    assert_eq!(
        c.sign_in("jo@example.com", "wrong password here").await.0,
        422
    );
    let (status, html, _) = c.sign_in("jo@example.com", PASSWORD).await;
    assert_eq!(status, 429);
    assert!(
        alert(&html).contains("Try again in 3 seconds"),
        "{}",
        alert(&html)
    );
    c.clock.advance(Duration::minutes(16));
    assert_eq!(
        c.sign_in("jo@example.com", PASSWORD).await.0,
        303,
        "after a quiet spell, the count starts again"
    );
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn old_hashes_are_replaced_at_sign_in(pool: PgPool) {
    let c = Site::new(pool).await;
    let light = PasswordHasher::new(
        HashParams {
            memory_kib: 256,
            iterations: 1,
            parallelism: 1,
        },
        1,
    )
    .expect("hasher");
    let id = c.account("Jo", email("jo@example.com"), Some(&light)).await;
    assert_eq!(c.sign_in("jo@example.com", PASSWORD).await.0, 303);
    let hash: String = sqlx::query_scalar("select password_hash from accounts where id = $1")
        .bind(id)
        .fetch_one(&c.app.db)
        .await
        .expect("hash");
    assert!(
        hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "{hash}"
    );
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn two_accounts_in_one_browser_each_at_its_own_address(pool: PgPool) {
    let c = Site::new(pool).await;
    c.account("Jo", email("jo@example.com"), None).await;
    c.account("Al", email("al@example.com"), None).await;
    assert_eq!(
        c.sign_in("jo@example.com", PASSWORD).await.2.as_deref(),
        Some("/u/0/")
    );
    assert_eq!(
        c.sign_in("al@example.com", PASSWORD).await.2.as_deref(),
        Some("/u/1/")
    );
    let first = c
        .http
        .get(c.server.url("/u/0/"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("html");
    let second = c
        .http
        .get(c.server.url("/u/1/"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("html");
    assert!(
        first.contains("Hello, Jo")
            && first.contains(r#"href="/u/1/">"#)
            && first.contains(r#"<span class="account-switcher__name">Al</span>"#),
        "the menu lists the other account"
    );
    assert!(second.contains("Hello, Al"));
}

impl Site {
    /// Asks for a sign-in code and returns the challenge id from the redirect.
    async fn ask_for_code(&self, address: &str) -> String {
        let csrf = self.csrf("/signin").await;
        let r = self
            .post(
                "/signin/code",
                &[("authenticity_token", &csrf), ("address", address)],
            )
            .await;
        assert_eq!(r.status(), 303);
        let location = r.headers()["location"].to_str().expect("ascii").to_owned();
        location
            .strip_prefix("/signin/code?c=")
            .expect("the code page")
            .to_owned()
    }
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn a_code_signs_in_even_while_passwords_are_throttled(pool: PgPool) {
    let c = Site::new(pool).await;
    c.account("Jo", email("jo@example.com"), None).await;
    for _ in 0..6 {
        c.sign_in("jo@example.com", "wrong password here").await;
    }
    assert_eq!(c.sign_in("jo@example.com", PASSWORD).await.0, 429);

    let challenge = c.ask_for_code("Jo@Example.com").await;
    let (status, page) = {
        let r = c
            .http
            .get(c.server.url(&format!("/signin/code?c={challenge}")))
            .send()
            .await
            .expect("page");
        (r.status().as_u16(), r.text().await.expect("html"))
    };
    assert_eq!(status, 200);
    assert!(page.contains("j•••@example.com"));
    let code = code_in(&c.last_message().await);
    let csrf = c.csrf(&format!("/signin/code?c={challenge}")).await;
    let r = c
        .post(
            "/signin/code/verify",
            &[
                ("authenticity_token", &csrf),
                ("c", &challenge),
                ("code", &code),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/u/0/");
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn an_unknown_address_gets_the_same_page_and_no_message(pool: PgPool) {
    let c = Site::new(pool).await;
    let challenge = c.ask_for_code("nobody@example.com").await;
    let r = c
        .http
        .get(c.server.url(&format!("/signin/code?c={challenge}")))
        .send()
        .await
        .expect("page");
    assert_eq!(r.status(), 200);
    assert!(r.text().await.expect("html").contains("n•••@example.com"));
    let queued: i64 = sqlx::query_scalar("select count(*) from outbox")
        .fetch_one(&c.app.db)
        .await
        .expect("count");
    assert_eq!(
        queued, 0,
        "nothing is sent to an address without an account"
    );
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn a_sign_up_code_cannot_sign_anyone_in(pool: PgPool) {
    let c = Site::new(pool).await;
    c.account("Jo", email("jo@example.com"), None).await;
    // Someone starts a sign-up for Jo's address: the challenge exists, Jo gets a notice.
    let csrf = c.csrf("/signup").await;
    let r = c
        .post(
            "/signup",
            &[
                ("authenticity_token", &csrf),
                ("display_name", "M"),
                ("address", "jo@example.com"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let challenge: uuid::Uuid = sqlx::query_scalar("select challenge_id from pending_signups")
        .fetch_one(&c.app.db)
        .await
        .expect("pending");
    // Even a correct code for that challenge must not sign in through the sign-in form.
    let mut conn = c.app.db.acquire().await.expect("conn");
    let issued = portico::verification::challenges::resend(
        &mut conn,
        &c.app.keys,
        &portico::verification::CodePolicy {
            resend_base: Duration::ZERO,
            ..Default::default()
        },
        c.clock.now(),
        challenge,
    )
    .await
    .expect("a known code");
    drop(conn);
    let csrf = c.csrf("/signin").await;
    let r = c
        .post(
            "/signin/code/verify",
            &[
                ("authenticity_token", &csrf),
                ("c", &challenge.to_string()),
                ("code", issued.code.as_str()),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(r.headers().get("set-cookie").is_none_or(|v| {
        !v.to_str()
            .unwrap_or_default()
            .starts_with("portico_session")
    }));
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn password_reset_ends_every_session_and_tells_every_alias(pool: PgPool) {
    let c = Site::new(pool).await;
    let id = c.account("Jo", email("jo@example.com"), None).await;
    sqlx::query(
        "insert into aliases (id, account_id, kind, value, normalized, verified_at, created_at)
         values (gen_random_uuid(), $1, 'phone', '+447911123456', '+447911123456', now(), now())",
    )
    .bind(id)
    .execute(&c.app.db)
    .await
    .expect("second alias");
    assert_eq!(c.sign_in("jo@example.com", PASSWORD).await.0, 303);

    let csrf = c.csrf("/reset").await;
    let r = c
        .post(
            "/reset",
            &[
                ("authenticity_token", &csrf),
                ("address", "+44 7911 123456"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let challenge = r.headers()["location"]
        .to_str()
        .expect("ascii")
        .trim_start_matches("/reset/code?c=")
        .to_owned();
    let code = code_in(&c.last_message().await);
    let csrf = c.csrf(&format!("/reset/code?c={challenge}")).await;
    let r = c
        .post(
            "/reset/verify",
            &[
                ("authenticity_token", &csrf),
                ("c", &challenge),
                ("code", &code),
            ],
        )
        .await;
    assert_eq!(r.status(), 200);
    let html = r.text().await.expect("html");
    let grant = Regex::new(r#"name="grant" value="([^"]+)""#)
        .expect("regex")
        .captures(&html)
        .expect("grant")[1]
        .to_owned();

    let weak = c
        .post(
            "/reset/password",
            &[
                ("authenticity_token", &csrf),
                ("grant", &grant),
                ("password", "jo123456"),
            ],
        )
        .await;
    assert_eq!(weak.status(), 422, "the policy applies to new passwords");
    let new_password = "amber quartz lantern orbit";
    let r = c
        .post(
            "/reset/password",
            &[
                ("authenticity_token", &csrf),
                ("grant", &grant),
                ("password", new_password),
            ],
        )
        .await;
    assert_eq!(r.status(), 200);
    assert!(
        r.text()
            .await
            .expect("html")
            .contains("Your password was changed")
    );
    let again = c
        .post(
            "/reset/password",
            &[
                ("authenticity_token", &csrf),
                ("grant", &grant),
                ("password", new_password),
            ],
        )
        .await;
    assert!(
        again.text().await.expect("html").contains("already used"),
        "a reset works once"
    );

    assert_eq!(
        c.http
            .get(c.server.url("/u/0/"))
            .send()
            .await
            .expect("get")
            .status(),
        303,
        "signed out everywhere: the page leads to sign-in"
    );
    let events: Vec<String> = sqlx::query_scalar("select kind from audit_events order by at, id")
        .fetch_all(&c.app.db)
        .await
        .expect("events");
    assert!(events.contains(&"password_reset".to_owned()), "{events:?}");
    let notices: Vec<String> = sqlx::query_scalar(
        "select recipient from outbox where template = 'password_changed' order by recipient",
    )
    .fetch_all(&c.app.db)
    .await
    .expect("notices");
    assert_eq!(
        notices,
        vec!["+447911123456".to_owned(), "jo@example.com".to_owned()]
    );
    assert_eq!(
        c.sign_in("jo@example.com", PASSWORD).await.0,
        422,
        "the old password is gone"
    );
    assert_eq!(c.sign_in("jo@example.com", new_password).await.0, 303);
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn password_reset_reads_the_same_for_unknown_addresses(pool: PgPool) {
    let c = Site::new(pool).await;
    let csrf = c.csrf("/reset").await;
    let r = c
        .post(
            "/reset",
            &[
                ("authenticity_token", &csrf),
                ("address", "nobody@example.com"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let location = r.headers()["location"].to_str().expect("ascii").to_owned();
    assert!(location.starts_with("/reset/code?c="));
    let page = c
        .http
        .get(c.server.url(&location))
        .send()
        .await
        .expect("page");
    assert_eq!(page.status(), 200);
    let queued: i64 = sqlx::query_scalar("select count(*) from outbox")
        .fetch_one(&c.app.db)
        .await
        .expect("count");
    assert_eq!(queued, 0);
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn a_code_sign_in_goes_on_to_next(pool: PgPool) {
    let c = Site::new(pool).await;
    c.account("Jo", email("jo@example.com"), None).await;
    let csrf = c.csrf("/signin?next=/u/0/security").await;
    let r = c
        .post(
            "/signin/code",
            &[
                ("authenticity_token", csrf.as_str()),
                ("address", "jo@example.com"),
                ("next", "/u/3/security"),
            ],
        )
        .await;
    let page = r.headers()["location"].to_str().expect("ascii").to_owned();
    assert!(page.contains("next=%2Fu%2F3%2Fsecurity"), "{page}");
    let (_, html) = c.get(&page).await;
    let action = Regex::new(r#"action="(/signin/code/verify[^"]*)""#)
        .expect("regex")
        .captures(&html)
        .expect("the verify form")[1]
        .replace("&#38;", "&");
    let challenge = page
        .split("c=")
        .nth(1)
        .and_then(|rest| rest.split('&').next())
        .expect("challenge")
        .to_owned();
    let code = code_in(&c.last_message().await);
    let csrf = portico_blackbox::forms::csrf_in(&html);
    let r = c
        .post(
            &action,
            &[
                ("authenticity_token", csrf.as_str()),
                ("c", challenge.as_str()),
                ("code", code.as_str()),
            ],
        )
        .await;
    assert_eq!(
        r.headers()["location"],
        "/u/0/security",
        "the page asked for, for the account as it signed in"
    );
}
