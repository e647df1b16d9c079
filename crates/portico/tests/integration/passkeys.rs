//! Passkey ceremonies over HTTP, where no authenticator is needed: the options a sign-in
//! starts with, and the refusals of a forged or stale ceremony (the browser flows run in
//! Chromium with a virtual authenticator, in the black-box tests).

use portico::contact::{Destination, EmailAddress};
use portico_blackbox::forms::{attribute, field};
use portico_blackbox::passkey::SoftPasskey;
use sqlx::PgPool;
use time::Duration;

use crate::support::{PASSWORD, Site, config};

/// A site whose public URL can have passkeys (`localhost`, as browsers require).
async fn site(pool: PgPool) -> Site {
    Site::with_config(
        pool,
        config(&[("PORTICO_PUBLIC_URL", "http://localhost:8080/")]),
    )
    .await
}

async fn options(site: &Site) -> serde_json::Value {
    let csrf = site.csrf("/signin").await;
    let r = site
        .post("/signin/passkey/options", &[("authenticity_token", &csrf)])
        .await;
    assert_eq!(r.status(), 200);
    r.json().await.expect("json")
}

async fn finish(site: &Site, ceremony: &str, credential: &str) -> (u16, String) {
    let csrf = site.csrf("/signin").await;
    let fields = [
        ("authenticity_token", csrf.as_str()),
        ("ceremony", ceremony),
        ("credential", credential),
    ];
    let r = site.post("/signin/passkey", &fields).await;
    (r.status().as_u16(), r.text().await.expect("page"))
}

/// An assertion of the right shape for no registered passkey.
fn forged(user_handle: &str) -> String {
    serde_json::json!({
        "id": "AAAA", "rawId": "AAAA", "type": "public-key",
        "response": {
            "clientDataJSON": "e30", "authenticatorData": "AAAA", "signature": "AAAA",
            "userHandle": user_handle,
        },
        "clientExtensionResults": {},
    })
    .to_string()
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn a_sign_in_ceremony_starts_with_a_challenge_for_this_site(pool: PgPool) {
    let site = site(pool).await;
    let (_, page) = site.get("/signin").await;
    assert!(page.contains("Sign in with a passkey") && page.contains("username webauthn"));
    let started = options(&site).await;
    let public_key = &started["options"]["publicKey"];
    assert_eq!(public_key["rpId"], "localhost");
    assert_eq!(public_key["userVerification"], "required");
    assert!(
        public_key["challenge"]
            .as_str()
            .is_some_and(|c| c.len() >= 43)
    );
    let kept: i64 = sqlx::query_scalar("select count(*) from passkey_ceremonies")
        .fetch_one(&site.app.db)
        .await
        .expect("count");
    assert_eq!(kept, 1, "its state is kept server-side");
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn forged_stale_and_reused_ceremonies_are_refused(pool: PgPool) {
    let site = site(pool).await;
    site.account(
        "Jo",
        Destination::Email(EmailAddress::parse("jo@example.com").expect("email")),
        None,
    )
    .await;
    // An unknown ceremony, then an unreadable answer, then a credential nobody registered.
    let (status, page) = finish(&site, &uuid::Uuid::new_v4().to_string(), &forged("AAAA")).await;
    assert_eq!(status, 409);
    assert!(page.contains("That took too long"), "{page}");
    let ceremony = options(&site).await["ceremony"]
        .as_str()
        .expect("id")
        .to_owned();
    let (status, page) = finish(&site, &ceremony, "not json").await;
    assert_eq!(status, 422);
    assert!(
        page.contains("didn&#39;t send a passkey") || page.contains("didn't send a passkey"),
        "{page}"
    );
    let handle = base64::Engine::encode(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD,
        uuid::Uuid::new_v4().as_bytes(),
    );
    let ceremony = options(&site).await["ceremony"]
        .as_str()
        .expect("id")
        .to_owned();
    let (status, page) = finish(&site, &ceremony, &forged(&handle)).await;
    assert_eq!(status, 422);
    assert!(
        page.contains("isn&#39;t registered") || page.contains("isn't registered"),
        "{page}"
    );
    // Used once: the same ceremony again is stale.
    let (status, _) = finish(&site, &ceremony, &forged(&handle)).await;
    assert_eq!(status, 409);
    // And one that outlived its five minutes.
    let ceremony = options(&site).await["ceremony"]
        .as_str()
        .expect("id")
        .to_owned();
    site.clock.advance(Duration::minutes(6));
    let (status, _) = finish(&site, &ceremony, &forged(&handle)).await;
    assert_eq!(status, 409);
    let (status, _, _) = site.sign_in("jo@example.com", PASSWORD).await;
    assert_eq!(
        status, 303,
        "no session came of any of it, and the password still works"
    );
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn without_a_host_name_passkeys_are_off_and_the_page_says_why(pool: PgPool) {
    let site = Site::with_config(
        pool,
        config(&[("PORTICO_PUBLIC_URL", "http://127.0.0.1:8080/")]),
    )
    .await;
    let (_, page) = site.get("/signin").await;
    assert!(!page.contains("Sign in with a passkey"));
    let csrf = site.csrf("/signin").await;
    let r = site
        .post("/signin/passkey/options", &[("authenticity_token", &csrf)])
        .await;
    assert_eq!(r.status(), 404);
    assert_eq!(r.headers()["content-type"], "application/problem+json");
}

const ORIGIN: &str = "http://localhost:8080";

/// `site`'s account at /u/0/ adds a software passkey.
async fn add_passkey(site: &Site, name: &str) -> SoftPasskey {
    let r = site
        .post_account_form("/u/0/security", "/u/0/security/passkeys/add", &[])
        .await;
    assert_eq!(r.status(), 200);
    let page = r.text().await.expect("page");
    let options: serde_json::Value =
        serde_json::from_str(&attribute(&page, "data-options")).expect("options");
    let (passkey, credential) = SoftPasskey::register(&options, ORIGIN);
    let fields = [
        ("ceremony", field(&page, "ceremony")),
        ("credential", credential),
        ("name", name.to_owned()),
    ];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = site
        .post_account_form("/u/0/security", "/u/0/security/passkeys/finish", &fields)
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    passkey
}

/// Signs in with the passkey: the answer, and what was sent (ceremony and assertion).
async fn sign_in_with(
    site: &Site,
    passkey: &mut SoftPasskey,
) -> ((u16, String, Option<String>), (String, String)) {
    let started = options(site).await;
    let ceremony = started["ceremony"].as_str().expect("id").to_owned();
    let assertion = passkey.assert(&started["options"]);
    let csrf = site.csrf("/signin").await;
    let fields = [
        ("authenticity_token", csrf.as_str()),
        ("ceremony", ceremony.as_str()),
        ("credential", assertion.as_str()),
    ];
    let r = site.post("/signin/passkey", &fields).await;
    let location = r
        .headers()
        .get("location")
        .map(|l| l.to_str().expect("ascii").to_owned());
    let answer = (r.status().as_u16(), r.text().await.expect("page"), location);
    (answer, (ceremony, assertion))
}

async fn jo_and_al(site: &Site) {
    for (name, address) in [("Jo", "jo@example.com"), ("Al", "al@example.com")] {
        let alias = Destination::Email(EmailAddress::parse(address).expect("email"));
        site.account(name, alias, None).await;
    }
}

async fn audited(site: &Site, kind: &str) -> i64 {
    sqlx::query_scalar("select count(*) from audit_events where kind = $1")
        .bind(kind)
        .fetch_one(&site.app.db)
        .await
        .expect("count")
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn a_passkey_signs_in_once_per_challenge_only_to_its_own_account(pool: PgPool) {
    let site = site(pool).await;
    jo_and_al(&site).await;
    let (status, _, _) = site.sign_in("jo@example.com", PASSWORD).await;
    assert_eq!(status, 303);
    let mut jo = add_passkey(&site, "Jo's laptop").await;
    let (_, page) = site.get("/u/0/security").await;
    assert!(
        page.contains("Jo&#39;s laptop") || page.contains("Jo's laptop"),
        "{page}"
    );
    assert_eq!(audited(&site, "passkey_added").await, 1);

    // A browser where Al is signed in: Jo's passkey adds Jo as the second account.
    let browser = site.another_browser();
    let (status, _, _) = browser.sign_in("al@example.com", PASSWORD).await;
    assert_eq!(status, 303);
    let mut al = add_passkey(&browser, "Al's phone").await;
    let ((status, _, to), (used, assertion)) = sign_in_with(&browser, &mut jo).await;
    assert_eq!((status, to.as_deref()), (303, Some("/u/1/")));
    let (_, home) = browser.get("/u/1/").await;
    assert!(home.contains("Jo"), "{home}");
    let by_passkey: i64 = sqlx::query_scalar(
        "select count(*) from audit_events where kind = 'sign_in' and details->>'method' = 'passkey'",
    )
    .fetch_one(&site.app.db)
    .await
    .expect("the sign-in");
    assert_eq!(by_passkey, 1);

    // The same assertion again: its ceremony is used up; under a new one, it signed
    // another challenge.
    let (status, _) = finish(&browser, &used, &assertion).await;
    assert_eq!(status, 409);
    let other = options(&browser).await["ceremony"]
        .as_str()
        .expect("id")
        .to_owned();
    let (status, page) = finish(&browser, &other, &assertion).await;
    assert_eq!(status, 422, "{page}");
    assert_eq!(
        audited(&site, "sign_in_failed").await,
        1,
        "written to Jo's activity"
    );

    // Jo's passkey presented to Al's "Confirm it's you": not Al's.
    browser.clock.advance(Duration::minutes(11));
    let (_, confirm) = browser.get("/u/0/confirm?next=/u/0/security").await;
    let options: serde_json::Value =
        serde_json::from_str(&attribute(&confirm, "data-options")).expect("options");
    let ceremony = field(&confirm, "ceremony");
    let wrong = jo.assert(&options);
    let r = browser
        .post_account_form(
            "/u/0/confirm",
            "/u/0/confirm",
            &[
                ("ceremony", &ceremony),
                ("credential", &wrong),
                ("next", "/u/0/security"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    // Al's own passkey confirms.
    let (_, confirm) = browser.get("/u/0/confirm?next=/u/0/security").await;
    let options: serde_json::Value =
        serde_json::from_str(&attribute(&confirm, "data-options")).expect("options");
    let ceremony = field(&confirm, "ceremony");
    let right = al.assert(&options);
    let r = browser
        .post_account_form(
            "/u/0/confirm",
            "/u/0/confirm",
            &[
                ("ceremony", &ceremony),
                ("credential", &right),
                ("next", "/u/0/security"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/u/0/security");

    // A copy of Jo's authenticator (its counter behind): refused and written down.
    jo.counter = 0;
    let ((status, page, _), _) = sign_in_with(&site.another_browser(), &mut jo).await;
    assert_eq!(status, 422);
    assert!(page.contains("looks like a copy"), "{page}");
    assert_eq!(audited(&site, "passkey_cloned").await, 1);
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn a_sign_up_may_choose_a_passkey_instead_of_a_password(pool: PgPool) {
    let site = site(pool).await;
    let csrf = site.csrf("/signup").await;
    let r = site
        .post(
            "/signup",
            &[
                ("authenticity_token", &csrf),
                ("display_name", "Jo"),
                ("address", "jo@example.com"),
                ("use_passkey", "on"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "no password needed");
    let location = r.headers()["location"].to_str().expect("ascii").to_owned();
    let p = location.trim_start_matches("/signup/verify?p=").to_owned();
    let code = crate::support::code_in(&site.last_message().await);
    let csrf = site.csrf(&location).await;
    let r = site
        .post(
            "/signup/verify",
            &[("authenticity_token", &csrf), ("p", &p), ("code", &code)],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/u/0/security/passkeys/add");
    let (status, page) = site.get("/u/0/security/passkeys/add").await;
    assert_eq!(status, 200);
    let options: serde_json::Value =
        serde_json::from_str(&attribute(&page, "data-options")).expect("options");
    let (mut passkey, credential) = SoftPasskey::register(&options, ORIGIN);
    let fields = [
        ("ceremony", field(&page, "ceremony")),
        ("credential", credential),
        ("name", "Phone".to_owned()),
    ];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = site
        .post_account_form(
            "/u/0/security/passkeys/add",
            "/u/0/security/passkeys/finish",
            &fields,
        )
        .await;
    assert_eq!(r.status(), 303);
    let hash: Option<String> = sqlx::query_scalar("select password_hash from accounts")
        .fetch_one(&site.app.db)
        .await
        .expect("the account");
    assert_eq!(hash, None, "no password was ever set");
    let ((status, _, to), _) = sign_in_with(&site.another_browser(), &mut passkey).await;
    assert_eq!((status, to.as_deref()), (303, Some("/u/0/")));
    // Without the box, the password is still required.
    let csrf = site.csrf("/signup").await;
    let r = site
        .post(
            "/signup",
            &[
                ("authenticity_token", &csrf),
                ("display_name", "Al"),
                ("address", "al@example.com"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn an_account_holds_ten_passkeys_and_each_is_registered_once(pool: PgPool) {
    let site = site(pool).await;
    jo_and_al(&site).await;
    let (status, _, _) = site.sign_in("jo@example.com", PASSWORD).await;
    assert_eq!(status, 303);
    let first = add_passkey(&site, "Key 0").await;
    for n in 1..10 {
        add_passkey(&site, &format!("Key {n}")).await;
    }
    let r = site
        .post_account_form("/u/0/security", "/u/0/security/passkeys/add", &[])
        .await;
    assert_eq!(r.status(), 409);
    assert!(
        r.text()
            .await
            .expect("page")
            .contains("can have 10 passkeys")
    );
    // A credential already registered (to any account) is refused at its second registration.
    sqlx::query("delete from passkeys where name = 'Key 9'")
        .execute(&site.app.db)
        .await
        .expect("room for one more");
    let r = site
        .post_account_form("/u/0/security", "/u/0/security/passkeys/add", &[])
        .await;
    let page = r.text().await.expect("page");
    let options: serde_json::Value =
        serde_json::from_str(&attribute(&page, "data-options")).expect("options");
    let reused = first.registration(&options);
    let fields = [
        ("ceremony", field(&page, "ceremony")),
        ("credential", reused),
        ("name", "Again".to_owned()),
    ];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = site
        .post_account_form("/u/0/security", "/u/0/security/passkeys/finish", &fields)
        .await;
    assert_eq!(r.status(), 409);
    let count: i64 = sqlx::query_scalar("select count(*) from passkeys")
        .fetch_one(&site.app.db)
        .await
        .expect("count");
    assert_eq!(count, 9, "nothing was added");
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn one_network_starts_a_bounded_number_of_sign_in_ceremonies(pool: PgPool) {
    let site = site(pool).await;
    let csrf = site.csrf("/signin").await;
    for _ in 0..portico::passkeys::signin::OPTIONS_PER_NETWORK {
        let r = site
            .post("/signin/passkey/options", &[("authenticity_token", &csrf)])
            .await;
        assert_eq!(r.status(), 200);
    }
    let r = site
        .post("/signin/passkey/options", &[("authenticity_token", &csrf)])
        .await;
    assert_eq!(r.status(), 429);
    assert!(r.headers().contains_key("retry-after"));
    assert_eq!(r.headers()["content-type"], "application/problem+json");
    site.clock
        .advance(portico::passkeys::signin::OPTIONS_WINDOW * 2);
    let r = site
        .post("/signin/passkey/options", &[("authenticity_token", &csrf)])
        .await;
    assert_eq!(r.status(), 200, "a later window has room again");
}

#[sqlx::test(migrator = "portico::db::MIGRATOR")]
async fn a_passkey_is_renamed_removed_with_a_notice_and_failures_are_throttled(pool: PgPool) {
    let site = site(pool).await;
    jo_and_al(&site).await;
    let (status, _, _) = site.sign_in("jo@example.com", PASSWORD).await;
    assert_eq!(status, 303);
    add_passkey(&site, "Laptop").await;
    let id: uuid::Uuid = sqlx::query_scalar("select id from passkeys")
        .fetch_one(&site.app.db)
        .await
        .expect("the passkey");
    let rename = format!("/u/0/security/passkeys/{id}/rename");
    let r = site
        .post_account_form("/u/0/security", &rename, &[("name", "  Work laptop ")])
        .await;
    assert_eq!(r.status(), 303);
    let (_, page) = site.get("/u/0/security").await;
    assert!(
        page.contains(">Work laptop<") && !page.contains(">Laptop<"),
        "{page}"
    );
    let r = site
        .post_account_form("/u/0/security", &rename, &[("name", "   ")])
        .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.expect("page").contains("1 to 60 characters"));

    let remove = format!("/u/0/security/passkeys/{id}/remove");
    let r = site.post_account_form("/u/0/security", &remove, &[]).await;
    assert_eq!(r.status(), 303, "her address is another way in");
    site.last_message_to("jo@example.com").await;
    let told: Vec<String> =
        sqlx::query_scalar("select body from dev_mailbox where recipient = 'jo@example.com'")
            .fetch_all(&site.app.db)
            .await
            .expect("mail");
    assert!(
        told.iter()
            .any(|b| b.contains("\"Work laptop\" was removed")),
        "{told:?}"
    );
    assert_eq!(audited(&site, "passkey_removed").await, 1);

    // Failed passkey sign-ins from one network slow it down, as wrong passwords do.
    let stranger = site.another_browser();
    let handle = base64::Engine::encode(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD,
        uuid::Uuid::new_v4().as_bytes(),
    );
    let mut statuses = Vec::new();
    for _ in 0..12 {
        let ceremony = options(&stranger).await["ceremony"]
            .as_str()
            .expect("id")
            .to_owned();
        statuses.push(finish(&stranger, &ceremony, &forged(&handle)).await.0);
    }
    assert_eq!(statuses[0], 422);
    assert!(statuses.contains(&429), "{statuses:?}");
}
