//! Sign-up over HTTP against the in-process server: forms, CSRF, codes, the session.

use regex::Regex;
use sqlx::PgPool;
use time::Duration;

use crate::support::{Site, code_in};

const PASSWORD: &str = "violet tundra kettle march";

impl Site {
    async fn start(&self, name: &str, address: &str) -> String {
        let csrf = self.csrf("/signup").await;
        let r = self
            .post(
                "/signup",
                &[
                    ("authenticity_token", &csrf),
                    ("display_name", name),
                    ("address", address),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
        r.headers()["location"].to_str().expect("ascii").to_owned()
    }
}

fn pending_of(location: &str) -> String {
    location.trim_start_matches("/signup/verify?p=").to_owned()
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn sign_up_by_email_then_sign_out(pool: PgPool) {
    let b = Site::new(pool).await;
    let location = b.start("Jo Marchetti", "Jo@Example.com").await;
    assert!(location.starts_with("/signup/verify?p="), "{location}");
    let (status, page) = b.get(&location).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("j•••@example.com"),
        "the destination is shown masked"
    );
    assert!(
        page.contains("available in 60 s"),
        "the resend wait is shown"
    );
    let code = code_in(&b.last_message().await);
    let p = pending_of(&location);

    let csrf = b.csrf(&location).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let r = b
        .post(
            "/signup/verify",
            &[("authenticity_token", &csrf), ("p", &p), ("code", wrong)],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.expect("body").contains("4 tries left"));

    let r = b
        .post(
            "/signup/verify",
            &[("authenticity_token", &csrf), ("p", &p), ("code", &code)],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/u/0/");
    let cookie = r.headers()["set-cookie"]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert!(
        cookie.starts_with("portico_session=")
            && cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let (status, home) = b.get("/u/0/").await;
    assert_eq!(status, 200);
    assert!(
        home.contains("Hello, Jo Marchetti") && home.contains("J•••@example.com"),
        "{home}"
    );

    let (owner, hash): (String, String) = sqlx::query_as(
        "select a.display_name, a.password_hash from accounts a join aliases l on l.account_id = a.id
         where l.normalized = 'jo@example.com' and l.is_primary and l.verified_at is not null",
    )
    .fetch_one(&b.app.db)
    .await
    .expect("the account exists with a verified primary alias");
    assert_eq!(owner, "Jo Marchetti");
    assert!(
        hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "{hash}"
    );

    let r = b.post_account_form("/u/0/", "/u/0/signout", &[]).await;
    assert_eq!(r.status(), 303);
    let r = b.http.get(b.server.url("/u/0/")).send().await.expect("get");
    assert_eq!(
        r.status(),
        303,
        "signed out: reading the page leads to sign-in"
    );
    assert_eq!(r.headers()["location"], "/signin?next=%2Fu%2F0%2F");
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn bad_input_re_renders_the_form_with_messages_and_keeps_what_was_typed(pool: PgPool) {
    let b = Site::new(pool).await;
    let csrf = b.csrf("/signup").await;
    let r = b
        .post(
            "/signup",
            &[
                ("authenticity_token", &csrf),
                ("display_name", "Jo <b>"),
                ("address", "07911 123456"),
                ("password", "password1"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.expect("body");
    assert!(html.contains("country code"), "address message");
    assert!(html.contains("too easy to guess"), "password message");
    assert!(
        html.contains(r#"value="Jo &#60;b&#62;""#) || html.contains(r#"value="Jo &lt;b&gt;""#),
        "name kept and escaped: {html}"
    );
    assert!(html.contains(r#"value="07911 123456""#));
    assert!(!html.contains("password1"), "the password is never echoed");
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn forms_need_the_csrf_token_and_our_origin(pool: PgPool) {
    let b = Site::new(pool).await;
    let csrf = b.csrf("/signup").await;
    let fields = [
        ("display_name", "Jo"),
        ("address", "jo@example.com"),
        ("password", PASSWORD),
    ];
    let r = b.post("/signup", &fields).await;
    assert_eq!(r.status(), 403, "no token");
    let mut with_wrong = fields.to_vec();
    with_wrong.push(("authenticity_token", "AAAA"));
    assert_eq!(
        b.post("/signup", &with_wrong).await.status(),
        403,
        "wrong token"
    );
    let mut with_token = fields.to_vec();
    with_token.push(("authenticity_token", &csrf));
    let foreign = b
        .http
        .post(b.server.url("/signup"))
        .header("origin", "https://evil.example")
        .form(&with_token)
        .send()
        .await
        .expect("post");
    assert_eq!(foreign.status(), 403, "foreign origin");
    let queued: i64 = sqlx::query_scalar("select count(*) from outbox")
        .fetch_one(&b.app.db)
        .await
        .expect("count");
    assert_eq!(queued, 0, "refused requests send nothing");
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn resend_waits_are_shown_and_a_new_code_replaces_the_old(pool: PgPool) {
    let b = Site::new(pool).await;
    let location = b.start("Jo", "+44 7911 123456").await;
    let first = code_in(&b.last_message().await);
    let p = pending_of(&location);
    let csrf = b.csrf(&location).await;
    let r = b
        .post(
            "/signup/resend",
            &[("authenticity_token", &csrf), ("p", &p)],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("You can ask for a new code in 1 minute")
    );

    b.clock.advance(Duration::seconds(61));
    let r = b
        .post(
            "/signup/resend",
            &[("authenticity_token", &csrf), ("p", &p)],
        )
        .await;
    assert_eq!(r.status(), 200);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("We sent a new code to +44 ••• 56")
    );
    let second = code_in(&b.last_message().await);
    if first != second {
        let r = b
            .post(
                "/signup/verify",
                &[("authenticity_token", &csrf), ("p", &p), ("code", &first)],
            )
            .await;
        assert_eq!(r.status(), 422, "the old code is gone");
    }
    let r = b
        .post(
            "/signup/verify",
            &[("authenticity_token", &csrf), ("p", &p), ("code", &second)],
        )
        .await;
    assert_eq!(r.status(), 303);
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn an_address_with_an_account_gets_a_notice_and_the_page_looks_the_same(pool: PgPool) {
    let b = Site::new(pool).await;
    let location = b.start("Jo", "jo@example.com").await;
    let code = code_in(&b.last_message().await);
    let csrf = b.csrf(&location).await;
    let r = b
        .post(
            "/signup/verify",
            &[
                ("authenticity_token", &csrf),
                ("p", &pending_of(&location)),
                ("code", &code),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);

    let other = Site::new(b.app.db.clone()).await;
    let location = other.start("Mallory", "JO@example.com").await;
    assert!(
        location.starts_with("/signup/verify?p="),
        "same answer as for a free address"
    );
    let (status, page) = other.get(&location).await;
    assert_eq!(status, 200);
    assert!(page.contains("Enter your code"));
    let notice = other.last_message().await;
    assert!(notice.contains("already belongs to an account"), "{notice}");
    assert!(
        Regex::new(r"\b\d{6}\b")
            .expect("regex")
            .find(&notice)
            .is_none(),
        "no code is sent"
    );
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn premium_rate_numbers_get_no_text_message(pool: PgPool) {
    let b = Site::new(pool).await;
    let csrf = b.csrf("/signup").await;
    let r = b
        .post(
            "/signup",
            &[
                ("authenticity_token", &csrf),
                ("display_name", "Jo"),
                ("address", "+1 900 555 1234"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.expect("body");
    assert!(
        html.contains("We can&#39;t send text messages to premium-rate numbers."),
        "{html}"
    );
    assert!(
        html.contains(r#"value="+1 900 555 1234""#),
        "the number is kept"
    );
    let queued: i64 = sqlx::query_scalar("select count(*) from outbox")
        .fetch_one(&b.app.db)
        .await
        .expect("count");
    assert_eq!(queued, 0);
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn allowed_number_types_are_configurable(pool: PgPool) {
    let config = crate::support::config(&[("PORTICO_SMS_NUMBER_TYPES", "mobile")]);
    let b = Site::with_config(pool, config).await;
    // A US number can be either kind: with only `mobile` allowed, it gets nothing.
    let csrf = b.csrf("/signup").await;
    let r = b
        .post(
            "/signup",
            &[
                ("authenticity_token", &csrf),
                ("display_name", "Jo"),
                ("address", "+1 201 555 0123"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    let location = b.start("Jo", "+44 7911 123456").await;
    assert!(location.starts_with("/signup/verify"));
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn national_numbers_sign_up_and_sign_in_with_their_country(pool: PgPool) {
    let b = Site::new(pool).await;
    let csrf = b.csrf("/signup").await;
    let r = b
        .post(
            "/signup",
            &[
                ("authenticity_token", &csrf),
                ("display_name", "Jo"),
                ("address", "07911 123456"),
                ("region", "GB"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    let location = r.headers()["location"].to_str().expect("ascii").to_owned();
    let code = code_in(&b.last_message_to("+447911123456").await);
    let csrf = b.csrf(&location).await;
    let r = b
        .post(
            "/signup/verify",
            &[
                ("authenticity_token", &csrf),
                ("p", &pending_of(&location)),
                ("code", &code),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);

    // Another browser signs in with the number as the person writes it at home.
    let other = b.another_browser();
    let r = other
        .sign_in_with(&[
            ("address", "07911 123456"),
            ("region", "GB"),
            ("password", PASSWORD),
        ])
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    // Without a country, the message says what to do.
    let r = other
        .sign_in_with(&[("address", "07911 123456"), ("password", PASSWORD)])
        .await;
    assert_eq!(r.status(), 422);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("or choose its country")
    );
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn forms_start_with_the_configured_country_else_the_browsers(pool: PgPool) {
    let selected = |html: &str| {
        Regex::new(r#"<option value="([A-Z]{2})" selected>"#)
            .expect("regex")
            .captures(html)
            .map(|c| c[1].to_owned())
    };
    let plain = Site::new(pool.clone()).await;
    let page = |site: &Site, path: &'static str, language: Option<&'static str>| {
        let mut request = site.http.get(site.server.url(path));
        if let Some(language) = language {
            request = request.header("accept-language", language);
        }
        async move {
            request
                .send()
                .await
                .expect("get")
                .text()
                .await
                .expect("body")
        }
    };
    for path in ["/signup", "/signin", "/reset"] {
        assert_eq!(selected(&page(&plain, path, None).await), None, "{path}");
        assert_eq!(
            selected(&page(&plain, path, Some("en-GB,en;q=0.8")).await).as_deref(),
            Some("GB"),
            "{path}"
        );
        assert_eq!(
            selected(&page(&plain, path, Some("de")).await),
            None,
            "{path}"
        );
    }
    let configured = crate::support::config(&[("PORTICO_DEFAULT_REGION", "de")]);
    let site = Site::with_config(pool, configured).await;
    assert_eq!(
        selected(&page(&site, "/signup", Some("en-GB")).await).as_deref(),
        Some("DE"),
        "the configuration wins over the browser"
    );
}
