//! The account switcher over HTTP: forms bound to the account they were made for, stale
//! forms, expired sessions, `next=`, the eleventh account, signing out of all.

use portico::contact::{Destination, EmailAddress};
use portico_blackbox::forms::{cookies_set_by, csrf_in};
use sqlx::PgPool;
use time::Duration;

use crate::support::{PASSWORD, Site, guard_in};

fn email(s: &str) -> Destination {
    Destination::Email(EmailAddress::parse(s).expect("email"))
}

async fn name_of(site: &Site, alias: &str) -> String {
    sqlx::query_scalar(
        "select a.display_name from accounts a join aliases l on l.account_id = a.id
         where l.normalized = $1",
    )
    .bind(alias)
    .fetch_one(&site.app.db)
    .await
    .expect("account")
}

/// Signs in and checks where it lands.
async fn signed_in_at(site: &Site, alias: &str) -> String {
    let (status, _, location) = site.sign_in(alias, PASSWORD).await;
    assert_eq!(status, 303, "sign-in of {alias}");
    location.expect("a redirect")
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn two_accounts_each_change_only_themselves(pool: PgPool) {
    let site = Site::new(pool).await;
    site.account("Jo", email("jo@example.com"), None).await;
    site.account("Al", email("al@example.com"), None).await;
    assert_eq!(signed_in_at(&site, "jo@example.com").await, "/u/0/");
    assert_eq!(signed_in_at(&site, "al@example.com").await, "/u/1/");

    // Two tabs: each form carries the account of its own page.
    let jo_form = site.guard("/u/0/info").await;
    let al_form = site.guard("/u/1/info").await;
    assert_ne!(jo_form[1], al_form[1], "account tokens differ per account");
    let mut form = al_form.clone();
    form.push(("display_name".into(), "Alice".into()));
    let r = site
        .http
        .post(site.server.url("/u/1/info/name"))
        .header("origin", &site.server.base_url)
        .form(&form)
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 303);
    assert_eq!(name_of(&site, "al@example.com").await, "Alice");
    assert_eq!(
        name_of(&site, "jo@example.com").await,
        "Jo",
        "the other tab's account is untouched"
    );

    // A form made for one account, posted to the other's address, acts on nothing.
    let mut crossed = al_form;
    crossed.push(("display_name".into(), "Mallory".into()));
    let r = site
        .http
        .post(site.server.url("/u/0/info/name"))
        .header("origin", &site.server.base_url)
        .form(&crossed)
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 409);
    assert!(
        r.text()
            .await
            .expect("html")
            .contains("Nothing was changed")
    );
    assert_eq!(name_of(&site, "jo@example.com").await, "Jo");
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn a_stale_form_after_its_account_left_acts_on_nothing(pool: PgPool) {
    let site = Site::new(pool).await;
    for (name, alias) in [
        ("Jo", "jo@example.com"),
        ("Al", "al@example.com"),
        ("Cy", "cy@example.com"),
    ] {
        site.account(name, email(alias), None).await;
    }
    signed_in_at(&site, "jo@example.com").await;
    signed_in_at(&site, "al@example.com").await;
    // A tab still shows Al's page at /u/1/ …
    let stale = site.guard("/u/1/info").await;
    // … while another tab signs Al out, and Cy signs in at the freed position.
    let r = site.post_account_form("/u/1/", "/u/1/signout", &[]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(signed_in_at(&site, "cy@example.com").await, "/u/1/");

    let mut form = stale;
    form.push(("display_name".into(), "Renamed".into()));
    let r = site
        .http
        .post(site.server.url("/u/1/info/name"))
        .header("origin", &site.server.base_url)
        .form(&form)
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 409);
    let html = r.text().await.expect("html");
    assert!(html.contains("no longer signed in"), "{html}");
    assert_eq!(
        name_of(&site, "cy@example.com").await,
        "Cy",
        "never the account now at /u/1/"
    );
    assert_eq!(name_of(&site, "al@example.com").await, "Al");
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn account_forms_need_the_csrf_token_the_account_token_and_our_origin(pool: PgPool) {
    let site = Site::new(pool).await;
    site.account("Jo", email("jo@example.com"), None).await;
    signed_in_at(&site, "jo@example.com").await;
    let guard = site.guard("/u/0/info").await;
    let post = |form: Vec<(String, String)>, origin: &'static str| {
        let site = &site;
        async move {
            let origin = if origin.is_empty() {
                site.server.base_url.clone()
            } else {
                origin.to_owned()
            };
            site.http
                .post(site.server.url("/u/0/info/name"))
                .header("origin", origin)
                .form(&form)
                .send()
                .await
                .expect("post")
                .status()
                .as_u16()
        }
    };
    let with = |pairs: &[(&str, &str)]| {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect::<Vec<_>>()
    };
    let (csrf, account) = (guard[0].1.as_str(), guard[1].1.as_str());
    assert_eq!(
        post(
            with(&[("account_token", account), ("display_name", "X")]),
            ""
        )
        .await,
        403,
        "no CSRF token"
    );
    assert_eq!(
        post(
            with(&[
                ("authenticity_token", "forged"),
                ("account_token", account),
                ("display_name", "X")
            ]),
            ""
        )
        .await,
        403,
        "a wrong CSRF token"
    );
    assert_eq!(
        post(
            with(&[("authenticity_token", csrf), ("display_name", "X")]),
            ""
        )
        .await,
        409,
        "no account token"
    );
    assert_eq!(
        post(
            with(&[
                ("authenticity_token", csrf),
                ("account_token", "AAAA"),
                ("display_name", "X")
            ]),
            ""
        )
        .await,
        409,
        "a wrong account token"
    );
    assert_eq!(
        post(
            with(&[
                ("authenticity_token", csrf),
                ("account_token", account),
                ("display_name", "X")
            ]),
            "https://evil.example"
        )
        .await,
        403,
        "a foreign origin"
    );
    assert_eq!(
        name_of(&site, "jo@example.com").await,
        "Jo",
        "nothing refused changed anything"
    );
    assert_eq!(
        post(
            with(&[
                ("authenticity_token", csrf),
                ("account_token", account),
                ("display_name", "Joanna")
            ]),
            ""
        )
        .await,
        303
    );
    assert_eq!(name_of(&site, "jo@example.com").await, "Joanna");
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn next_goes_only_to_our_own_pages(pool: PgPool) {
    let site = Site::new(pool).await;
    site.account("Jo", email("jo@example.com"), None).await;
    let (_, page) = site.get("/signin?next=https://evil.example/").await;
    assert!(
        !page.contains("evil.example"),
        "a foreign next is dropped from the form"
    );
    for (next, expected) in [
        ("https://evil.example/", "/u/0/"),
        ("//evil.example/", "/u/0/"),
        ("/\\evil.example", "/u/0/"),
        ("/u/4/security", "/u/0/security"),
    ] {
        let r = site
            .sign_in_with(&[
                ("address", "jo@example.com"),
                ("password", PASSWORD),
                ("next", next),
            ])
            .await;
        assert_eq!(r.status(), 303, "{next}");
        assert_eq!(r.headers()["location"], expected, "{next}");
    }
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn an_expired_session_asks_for_sign_in_with_the_alias_prefilled(pool: PgPool) {
    let site = Site::new(pool).await;
    site.account("Jo", email("jo@example.com"), None).await;
    site.account("Al", email("al@example.com"), None).await;
    signed_in_at(&site, "jo@example.com").await;
    let stale = site.guard("/u/0/info").await;
    // Al keeps signed in; Jo's browser-session sign-in expires after 12 idle hours.
    let r = site
        .sign_in_with(&[
            ("address", "al@example.com"),
            ("password", PASSWORD),
            ("keep_signed_in", "on"),
        ])
        .await;
    assert_eq!(r.headers()["location"], "/u/1/");
    site.clock.advance(Duration::hours(13));

    let r = site
        .http
        .get(site.server.url("/u/0/security"))
        .send()
        .await
        .expect("get");
    assert_eq!(r.status(), 303);
    assert_eq!(
        r.headers()["location"],
        "/signin?alias=jo%40example.com&next=%2Fu%2F0%2Fsecurity"
    );
    let (_, signin) = site
        .get("/signin?alias=jo%40example.com&next=%2Fu%2F0%2Fsecurity")
        .await;
    assert!(
        signin.contains(r#"value="jo@example.com""#),
        "the alias is prefilled"
    );
    assert!(signin.contains(r#"name="next" value="/u/0/security""#));

    // The switcher on Al's page offers Jo again, through sign-in.
    let (_, al_home) = site.get("/u/1/").await;
    assert!(al_home.contains("Signed out: sign in again"), "{al_home}");
    assert!(
        al_home.contains("/signin?alias=jo%40example.com&#38;next=%2Fu%2F0%2F"),
        "{al_home}"
    );

    // A form left open from before the expiry acts on nothing.
    let mut form = stale;
    form.push(("display_name".into(), "Late".into()));
    let r = site
        .http
        .post(site.server.url("/u/0/info/name"))
        .header("origin", &site.server.base_url)
        .form(&form)
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 409);
    let html = r.text().await.expect("html");
    assert!(html.contains("Jo is no longer signed in"), "{html}");
    assert_eq!(name_of(&site, "jo@example.com").await, "Jo");

    // Signing in again puts Jo back where the page asked to go.
    let r = site
        .sign_in_with(&[
            ("address", "jo@example.com"),
            ("password", PASSWORD),
            ("next", "/u/0/security"),
        ])
        .await;
    assert_eq!(r.headers()["location"], "/u/0/security");
    assert_eq!(site.get("/u/0/security").await.0, 200);
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn an_eleventh_account_is_refused_with_a_message(pool: PgPool) {
    let site = Site::new(pool).await;
    let hasher = &site.app.passwords;
    for n in 0..11 {
        site.account(
            &format!("User {n}"),
            email(&format!("u{n}@example.com")),
            Some(hasher),
        )
        .await;
    }
    for n in 0..10 {
        assert_eq!(
            signed_in_at(&site, &format!("u{n}@example.com")).await,
            format!("/u/{n}/")
        );
    }
    let (status, html, _) = site.sign_in("u10@example.com", PASSWORD).await;
    assert_eq!(status, 409);
    assert!(html.contains("already has 10 accounts signed in"), "{html}");
    let (_, home) = site.get("/u/9/").await;
    assert!(home.contains("Hello, User 9"), "the ten stay signed in");
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn sign_in_replaces_a_planted_session_token(pool: PgPool) {
    let site = Site::new(pool).await;
    site.account("Jo", email("jo@example.com"), None).await;
    // An attacker plants a cookie of their own choosing before the victim signs in.
    let planted = "A".repeat(43);
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let page = client
        .get(site.server.url("/signin"))
        .send()
        .await
        .expect("get");
    let csrf_cookie = cookies_set_by(page.headers());
    let csrf = csrf_in(&page.text().await.expect("html"));
    let r = client
        .post(site.server.url("/signin"))
        .header("origin", &site.server.base_url)
        .header(
            "cookie",
            format!("{csrf_cookie}; portico_session={planted}"),
        )
        .form(&[
            ("authenticity_token", csrf.as_str()),
            ("address", "jo@example.com"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 303);
    let issued = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().expect("ascii").to_owned())
        .find(|c| c.starts_with("portico_session="))
        .expect("a session cookie");
    assert!(
        !issued.contains(&planted),
        "a new token, never the planted one"
    );
    let with_planted = client
        .get(site.server.url("/u/0/"))
        .header("cookie", format!("portico_session={planted}"))
        .send()
        .await
        .expect("get");
    assert_eq!(
        with_planted.status(),
        303,
        "the planted token signs nobody in"
    );
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn sign_out_of_all_accounts(pool: PgPool) {
    let site = Site::new(pool).await;
    site.account("Jo", email("jo@example.com"), None).await;
    site.account("Al", email("al@example.com"), None).await;
    signed_in_at(&site, "jo@example.com").await;
    signed_in_at(&site, "al@example.com").await;
    let (_, home) = site.get("/u/1/").await;
    let csrf = guard_in(&home)[0].1.clone();
    assert!(home.contains("Sign out of all accounts"));
    let r = site
        .post("/signout", &[("authenticity_token", &csrf)])
        .await;
    assert_eq!(r.status(), 303);
    let cleared = r.headers()["set-cookie"]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert!(cleared.contains("Max-Age=0"), "{cleared}");
    for n in 0..2 {
        let r = site
            .http
            .get(site.server.url(&format!("/u/{n}/")))
            .send()
            .await
            .expect("get");
        assert_eq!(r.status(), 303, "account {n} signed out");
    }
    let signed_out: i64 =
        sqlx::query_scalar("select count(*) from audit_events where kind = 'signed_out'")
            .fetch_one(&site.app.db)
            .await
            .expect("count");
    assert_eq!(signed_out, 2);
    let live: i64 =
        sqlx::query_scalar("select count(*) from account_sessions where ended_at is null")
            .fetch_one(&site.app.db)
            .await
            .expect("count");
    assert_eq!(live, 0);
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn every_page_shows_the_account_menu_while_an_account_is_signed_in(pool: PgPool) {
    let site = Site::new(pool).await;
    site.account("Jo Marchetti", email("jo@example.com"), None)
        .await;
    let header_signed_out = r#"<a class="button button--quiet" href="/signin">Sign in</a>"#;
    let (_, landing) = site.get("/").await;
    assert!(landing.contains(header_signed_out), "signed out: {landing}");
    assert_eq!(signed_in_at(&site, "jo@example.com").await, "/u/0/");
    for path in [
        "/",
        "/signin",
        "/signup",
        "/reset",
        "/no/such/page",
        "/oidc/callback?code=x",
        "/u/7/no-such-page",
    ] {
        let (_, page) = site.get(path).await;
        assert!(
            page.contains(r#"<details class="account-switcher">"#)
                && page.contains("Jo Marchetti")
                && !page.contains(header_signed_out),
            "{path}: {page}"
        );
    }
    let (_, landing) = site.get("/").await;
    assert!(landing.contains(r#"href="/u/0/">Go to your account</a>"#));
    // The menu's own forms work from a public page: sign out of all accounts.
    let (_, signin) = site.get("/signin").await;
    let csrf = regex::Regex::new(
        r#"action="/signout">\s*<input type="hidden" name="authenticity_token" value="([^"]+)""#,
    )
    .expect("regex")
    .captures(&signin)
    .expect("the menu's sign-out form")[1]
        .to_owned();
    let r = site
        .post("/signout", &[("authenticity_token", &csrf)])
        .await;
    assert_eq!(r.status(), 303);
    let (_, landing) = site.get("/").await;
    assert!(landing.contains(header_signed_out));
}
