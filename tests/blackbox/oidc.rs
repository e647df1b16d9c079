//! Sign-in with an OpenID provider in a real browser: the real binary configured with the
//! real provider (oidc-provider) in its config file, its login pages typed into.

use fantoccini::Locator;
use portico_blackbox::browser::Browser;
use portico_blackbox::database::fresh_database;
use portico_blackbox::oidc::{ALICE, BOB, CLIENT_ID, CLIENT_SECRET, OidcProvider};
use portico_blackbox::peers::Maildev;
use portico_blackbox::server::{Portico, PorticoBuilder};

use crate::stage::{JO_PASSWORD, enter_code, nth_message, sign_out_of_all, sign_up, six_digits};

async fn portico_with(
    maildev: &Maildev,
    provider: &OidcProvider,
    db: &str,
    dir: &std::path::Path,
) -> Portico {
    let config = dir.join("portico.toml");
    std::fs::write(
        &config,
        format!(
            r#"
[[oidc_providers]]
id = "test"
name = "Test ID"
issuer = "{}"
client_id = "{CLIENT_ID}"
client_secret = "{CLIENT_SECRET}"
"#,
            provider.issuer
        ),
    )
    .expect("config file");
    PorticoBuilder::new()
        .data_dir(dir)
        .database_url(db)
        .env("PORTICO_CONFIG", config.display().to_string())
        .env(
            "PORTICO_SMTP_URL",
            format!("smtp://127.0.0.1:{}?tls=none", maildev.smtp_port),
        )
        .env("PORTICO_MAIL_FROM", "Portico <no-reply@portico.test>")
        .start()
        .await
        .expect("portico starts")
}

/// Types `user` into the provider's login page, then allows Portico on its consent page
/// (shown the first time only).
async fn provider_sign_in(browser: &Browser, user: (&str, &str)) {
    if browser.wait_for("input[name=login]").await.is_err() {
        let url = browser.client.current_url().await.expect("url");
        let page = browser.client.source().await.unwrap_or_default();
        panic!("no login page at {url}: {page}");
    }
    for (name, value) in [("login", user.0), ("password", user.1)] {
        browser
            .client
            .find(Locator::Css(&format!("input[name={name}]")))
            .await
            .expect("field")
            .send_keys(value)
            .await
            .expect("typed");
    }
    browser.click(".login-submit").await.expect("sign in");
}

/// Clicks "Continue" on the provider's consent page when it shows, once the browser has
/// left `from` (the Portico page whose button sent it to the provider).
async fn consent_if_asked(browser: &Browser, portico: &Portico, from: &str) {
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let url = browser.client.current_url().await.expect("url");
        if url.as_str().starts_with(&portico.base_url) && url.path() != from {
            return;
        }
        let source = browser.client.source().await.unwrap_or_default();
        if source.contains("name=\"prompt\" value=\"consent\"") {
            browser.click(".login-submit").await.expect("continue");
            return;
        }
        assert!(tokio::time::Instant::now() < deadline, "stuck at {url}");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn provider_accounts_second_visits_linking_and_the_last_way_in() {
    let (maildev, provider) = tokio::join!(Maildev::start(), OidcProvider::start());
    let (maildev, provider) = (maildev.expect("maildev"), provider.expect("oidc-provider"));
    let db = fresh_database().await.expect("database");
    let dir = tempfile::tempdir().expect("dir");
    let portico = portico_with(&maildev, &provider, &db, dir.path()).await;
    let browser = Browser::start().await.expect("chromium");

    // Bob signs in with the provider for the first time: Portico offers a new account,
    // his name filled in; his email is not verified there, so it is not added.
    browser
        .client
        .goto(&portico.url("/signin"))
        .await
        .expect("sign-in page");
    browser
        .click("form[action='/oidc/test/start'] button")
        .await
        .expect("Sign in with Test ID");
    provider_sign_in(&browser, BOB).await;
    consent_if_asked(&browser, &portico, "/signin").await;
    browser
        .wait_for("#new-title")
        .await
        .expect("the welcome page");
    let name = browser
        .client
        .find(Locator::Id("display_name"))
        .await
        .expect("name")
        .prop("value")
        .await
        .expect("value");
    assert_eq!(name.as_deref(), Some("Bob Example"));
    browser
        .screenshot("oidc-new-account")
        .await
        .expect("screenshot");
    browser
        .click("form[action='/oidc/new'] button")
        .await
        .expect("create");
    browser
        .wait_for_url(&portico.url("/u/0/"))
        .await
        .expect("Bob's home");
    assert_eq!(browser.text("h1").await.expect("h1"), "Hello, Bob Example");

    // The provider is his only way in: unlinking it is refused with what to do first.
    browser
        .client
        .goto(&portico.url("/u/0/security"))
        .await
        .expect("security");
    browser
        .click(".identity-list form button")
        .await
        .expect("unlink");
    let refusal = browser.wait_for(".alert--error").await.expect("refused");
    assert!(
        refusal
            .text()
            .await
            .expect("text")
            .contains("only way into your account"),
        "a clear reason"
    );

    // Signed out, he signs in with the provider again: back to his account, no new one.
    sign_out_of_all(&browser).await;
    browser
        .client
        .goto(&portico.url("/signin"))
        .await
        .expect("sign-in page");
    browser
        .click("form[action='/oidc/test/start'] button")
        .await
        .expect("Sign in with Test ID");
    // The provider remembers him (no password typed); it may ask to confirm the consent.
    consent_if_asked(&browser, &portico, "/signin").await;
    if browser.wait_for_url(&portico.url("/u/0/")).await.is_err() {
        let url = browser.client.current_url().await.expect("url");
        let page = browser.text("body").await.unwrap_or_default();
        panic!("not signed in at once: at {url}: {page}");
    }
    assert_eq!(browser.text("h1").await.expect("h1"), "Hello, Bob Example");

    // Jo, a password account in the same browser, links Alice's identity from Security:
    // the provider asks to sign in anew, then Portico asks for Jo's own password.
    sign_up(
        &browser,
        &portico,
        "Jo Marchetti",
        "jo@example.com",
        JO_PASSWORD,
    )
    .await;
    let mail = nth_message(0, || async { maildev.messages().await.expect("mail") }).await;
    enter_code(
        &browser,
        &six_digits(mail["subject"].as_str().expect("subject")),
    )
    .await;
    browser
        .wait_for_url(&portico.url("/u/1/"))
        .await
        .expect("Jo's home");
    browser
        .client
        .goto(&portico.url("/u/1/security"))
        .await
        .expect("security");
    browser
        .click("form[action='/u/1/identities/link'] button")
        .await
        .expect("Sign in with Test ID instead");
    provider_sign_in(&browser, ALICE).await;
    consent_if_asked(&browser, &portico, "/u/1/security").await;
    browser
        .wait_for("#confirm_password")
        .await
        .expect("Jo's password is asked");
    browser
        .screenshot("oidc-link-confirm")
        .await
        .expect("screenshot");
    browser
        .fill("confirm_password", JO_PASSWORD)
        .await
        .expect("password");
    browser
        .click("form[action='/u/1/identities/confirm'] button")
        .await
        .expect("link");
    browser.wait_for("#skip").await.expect("the passkey offer");
    browser.click("#skip").await.expect("skip for now");
    browser
        .wait_for_url(&portico.url("/u/1/security"))
        .await
        .expect("back on Security");
    let linked = browser.text(".identity-list").await.expect("linked");
    assert!(
        linked.contains("Test ID") && linked.contains("alice@example.com"),
        "{linked}"
    );
    browser
        .screenshot("security-linked")
        .await
        .expect("screenshot");

    browser.close().await.expect("close");
    assert_eq!(portico.stop().await.expect("stops").code(), Some(0));
}

#[tokio::test]
async fn an_unreachable_provider_is_logged_and_the_portal_still_starts() {
    let dir = tempfile::tempdir().expect("dir");
    let db = fresh_database().await.expect("database");
    let config = dir.path().join("portico.toml");
    std::fs::write(
        &config,
        r#"
[[oidc_providers]]
id = "down"
name = "Down ID"
issuer = "http://127.0.0.1:9"
client_id = "portico"
"#,
    )
    .expect("config file");
    let mut portico = PorticoBuilder::new()
        .data_dir(dir.path())
        .database_url(&db)
        .env("PORTICO_CONFIG", config.display().to_string())
        .start()
        .await
        .expect("portico starts");
    let line = portico
        .process
        .wait_for_line(
            r"(OpenID provider unreachable.*)",
            std::time::Duration::from_secs(30),
        )
        .await
        .expect("a clear log line");
    assert!(
        line.contains("down") && line.contains("127.0.0.1:9"),
        "{line}"
    );
    let ready = portico_blackbox::server::http_client()
        .get(portico.url("/readyz"))
        .send()
        .await
        .expect("readyz");
    assert_eq!(ready.status(), 200, "the portal serves");
    assert_eq!(portico.stop().await.expect("stops").code(), Some(0));
}
