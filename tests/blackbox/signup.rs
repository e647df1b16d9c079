//! Sign-up in a real browser, with the code read from a real SMTP server.

use fantoccini::Locator;
use portico_blackbox::browser::Browser;
use portico_blackbox::database::fresh_database;
use portico_blackbox::forms::csrf_in;
use portico_blackbox::peers::Maildev;
use portico_blackbox::server::{Portico, PorticoBuilder};
use regex::Regex;

#[tokio::test]
async fn sign_up_by_email_with_the_code_from_the_mail_server() {
    let maildev = Maildev::start().await.expect("maildev");
    let db = fresh_database().await.expect("database");
    let dir = tempfile::tempdir().expect("dir");
    let smtp = format!("smtp://127.0.0.1:{}?tls=none", maildev.smtp_port);
    let portico = PorticoBuilder::new()
        .data_dir(dir.path())
        .database_url(&db)
        .env("PORTICO_SMTP_URL", smtp)
        .env("PORTICO_MAIL_FROM", "Portico <no-reply@portico.test>")
        .start()
        .await
        .expect("portico starts");
    let browser = Browser::start().await.expect("chromium");

    a_weak_password_comes_back_keeping_what_was_typed(&browser, &portico).await;
    the_code_from_the_mail_server_creates_the_account(&browser, &maildev).await;
    signing_out_from_the_menu_leads_home(&browser).await;
    signing_back_in_with_the_password(&browser).await;

    browser.close().await.expect("close");
    assert_eq!(portico.stop().await.expect("stops").code(), Some(0));
}

/// From the landing page to the sign-up form, with a password too easy to guess: the form
/// comes back with a message and keeps the name and address. (Clicks do not wait for the
/// next page: each step waits for an element only that page has.)
async fn a_weak_password_comes_back_keeping_what_was_typed(browser: &Browser, portico: &Portico) {
    let page = &browser.client;
    page.goto(&portico.url("/")).await.expect("landing");
    page.find(Locator::LinkText("Create an account"))
        .await
        .expect("link")
        .click()
        .await
        .expect("click");
    browser
        .wait_for("#display_name")
        .await
        .expect("the sign-up form");
    browser
        .fill("display_name", "Jo Marchetti")
        .await
        .expect("name");
    browser
        .fill("address", "jo@example.com")
        .await
        .expect("address");
    browser
        .fill("password", "password")
        .await
        .expect("password");
    browser.screenshot("signup-form").await.expect("screenshot");
    browser.click("button[type=submit]").await.expect("next");

    let error = browser
        .wait_for("#password-error")
        .await
        .expect("password message");
    assert!(
        error
            .text()
            .await
            .expect("text")
            .contains("too easy to guess")
    );
    let kept = page
        .find(Locator::Id("address"))
        .await
        .expect("address")
        .prop("value")
        .await
        .expect("value");
    assert_eq!(kept.as_deref(), Some("jo@example.com"));
    // Focus is on the summary of what to fix, which a screen reader reads first; the field
    // says it is wrong and which message explains why.
    let focused = page
        .execute("return document.activeElement.id", vec![])
        .await
        .expect("script");
    assert_eq!(focused, "error-summary");
    let summary = browser.text("#error-summary").await.expect("summary");
    assert!(summary.contains("too easy to guess"), "{summary}");
    let field = page.find(Locator::Id("password")).await.expect("field");
    assert_eq!(
        field.attr("aria-invalid").await.expect("attr").as_deref(),
        Some("true")
    );
    assert!(
        field
            .attr("aria-describedby")
            .await
            .expect("attr")
            .unwrap_or_default()
            .contains("password-error")
    );
    browser
        .screenshot("signup-form-error")
        .await
        .expect("screenshot");
}

/// A good password leads to the code page (where the code went, masked); the code read
/// from the mail's subject creates the account and signs Jo in at `/u/0/`.
async fn the_code_from_the_mail_server_creates_the_account(browser: &Browser, maildev: &Maildev) {
    browser
        .fill("password", "violet tundra kettle march")
        .await
        .expect("password");
    browser.click("button[type=submit]").await.expect("next");
    browser.wait_for("#code").await.expect("the code page");
    assert_eq!(
        browser.text("h1").await.expect("heading"),
        "Enter your code"
    );
    let body = browser.text("main").await.expect("text");
    assert!(body.contains("j•••@example.com"), "{body}");

    let mail = wait_for_mail(maildev).await;
    let subject = mail["subject"].as_str().expect("subject").to_owned();
    let code = Regex::new(r"^(\d{6}) is your Portico code$")
        .expect("regex")
        .captures(&subject)
        .expect("code in subject")[1]
        .to_owned();
    browser.fill("code", &code).await.expect("code");
    browser.screenshot("signup-code").await.expect("screenshot");
    browser
        .click("form[action='/signup/verify'] button")
        .await
        .expect("verify");
    browser
        .wait_for(".account-switcher")
        .await
        .expect("signed in");
    assert_eq!(
        browser.text("h1").await.expect("heading"),
        "Hello, Jo Marchetti"
    );
    let url = browser.client.current_url().await.expect("url");
    assert!(url.path().ends_with("/u/0/"), "{url}");
}

/// The account menu's "Sign out" leads back to the landing page.
async fn signing_out_from_the_menu_leads_home(browser: &Browser) {
    browser
        .click(".account-switcher summary")
        .await
        .expect("open the menu");
    browser
        .screenshot("account-menu")
        .await
        .expect("screenshot");
    browser
        .click(".account-switcher button")
        .await
        .expect("sign out");
    browser.wait_for(".hero").await.expect("the landing page");
    assert_eq!(
        browser.text("h1").await.expect("heading"),
        "Your account, in one place",
        "back on the landing page"
    );
}

/// And back in with the password, the address typed in another case.
async fn signing_back_in_with_the_password(browser: &Browser) {
    browser
        .click(".hero .button--primary")
        .await
        .expect("sign in");
    browser
        .wait_for("#password")
        .await
        .expect("the sign-in form");
    browser
        .fill("address", "JO@example.com")
        .await
        .expect("address");
    browser
        .fill("password", "violet tundra kettle march")
        .await
        .expect("password");
    browser.screenshot("signin").await.expect("screenshot");
    browser
        .click("form[action='/signin'] button.button--primary")
        .await
        .expect("sign in");
    browser
        .wait_for(".account-switcher")
        .await
        .expect("signed in");
    assert_eq!(
        browser.text("h1").await.expect("heading"),
        "Hello, Jo Marchetti"
    );
}

/// The worker delivers after the request: wait for the message (bounded), never sleep blind.
async fn wait_for_mail(maildev: &Maildev) -> serde_json::Value {
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        if let Some(first) = maildev.messages().await.expect("mail").into_iter().next() {
            return first;
        }
        assert!(tokio::time::Instant::now() < deadline, "no mail arrived");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// Production logs carry no code: sign up over HTTP, read the code from the mail server,
/// and look for it in everything Portico printed.
#[tokio::test]
async fn codes_never_reach_the_logs_in_production() {
    let maildev = Maildev::start().await.expect("maildev");
    let db = fresh_database().await.expect("database");
    let dir = tempfile::tempdir().expect("dir");
    let mut portico = PorticoBuilder::new()
        .data_dir(dir.path())
        .database_url(&db)
        .env("PORTICO_ENV", "production")
        .env("PORTICO_PUBLIC_URL", "http://portico.test/")
        .env(
            "PORTICO_SECRET_KEY",
            "production-secret-key-0123456789abcdef",
        )
        .env("PORTICO_LOG", "debug")
        .env(
            "PORTICO_SMTP_URL",
            format!("smtp://127.0.0.1:{}?tls=none", maildev.smtp_port),
        )
        .env("PORTICO_MAIL_FROM", "Portico <no-reply@portico.test>")
        .start()
        .await
        .expect("portico starts");
    let client = portico_blackbox::server::http_client();
    let form = client
        .get(portico.url("/signup"))
        .send()
        .await
        .expect("form")
        .text()
        .await
        .expect("html");
    let csrf = csrf_in(&form);
    let response = client
        .post(portico.url("/signup"))
        .header("origin", &portico.base_url)
        .form(&[
            ("authenticity_token", csrf.as_str()),
            ("display_name", "Jo"),
            ("address", "jo@example.com"),
            ("password", "violet tundra kettle march"),
        ])
        .send()
        .await
        .expect("sign up");
    assert_eq!(response.status(), 303);
    let mail = wait_for_mail(&maildev).await;
    let code = mail["subject"].as_str().expect("subject")[..6].to_owned();
    portico
        .process
        .wait_for_line("message sent", std::time::Duration::from_secs(10))
        .await
        .expect("the worker logs the delivery");
    let status = portico
        .process
        .stop(std::time::Duration::from_secs(30))
        .await
        .expect("stops");
    assert_eq!(status.code(), Some(0));
    let logs = portico.process.output();
    assert!(
        !logs.contains(&code),
        "the code {code} appeared in the logs"
    );
    assert!(
        !logs.contains("violet tundra"),
        "the password appeared in the logs"
    );
}
