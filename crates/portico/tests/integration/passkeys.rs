//! Passkey ceremonies over HTTP, where no authenticator is needed: the options a sign-in
//! starts with, and the refusals of a forged or stale ceremony (the browser flows run in
//! Chromium with a virtual authenticator, in the black-box tests).

use portico::contact::{Destination, EmailAddress};
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
