//! Sign-up in a real browser, with the code read from a real SMTP server.

use fantoccini::Locator;
use portico_blackbox::browser::Browser;
use portico_blackbox::database::fresh_database;
use portico_blackbox::forms::csrf_in;
use portico_blackbox::peers::Maildev;
use portico_blackbox::server::PorticoBuilder;
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
    let page = &browser.client;

    page.goto(&portico.url("/")).await.expect("landing");
    page.find(Locator::LinkText("Create an account"))
        .await
        .expect("link")
        .click()
        .await
        .expect("click");
    page.wait()
        .for_element(Locator::Id("display_name"))
        .await
        .expect("the sign-up form");
    page.find(Locator::Id("display_name"))
        .await
        .expect("name")
        .send_keys("Jo Marchetti")
        .await
        .expect("type");
    page.find(Locator::Id("address"))
        .await
        .expect("address")
        .send_keys("jo@example.com")
        .await
        .expect("type");
    page.find(Locator::Id("password"))
        .await
        .expect("password")
        .send_keys("password")
        .await
        .expect("type");
    browser.screenshot("signup-form").await.expect("screenshot");
    page.find(Locator::Css("button[type=submit]"))
        .await
        .expect("next")
        .click()
        .await
        .expect("click");

    // A weak password: the form comes back with a message and keeps the name and address.
    // Clicks do not wait for the next page: wait for an element only that page has.
    let error = page
        .wait()
        .for_element(Locator::Id("password-error"))
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
    browser
        .screenshot("signup-form-error")
        .await
        .expect("screenshot");
    page.find(Locator::Id("password"))
        .await
        .expect("password")
        .send_keys("violet tundra kettle march")
        .await
        .expect("type");
    page.find(Locator::Css("button[type=submit]"))
        .await
        .expect("next")
        .click()
        .await
        .expect("click");

    page.wait()
        .for_element(Locator::Id("code"))
        .await
        .expect("the next page");
    let heading = page
        .find(Locator::Css("h1"))
        .await
        .expect("heading")
        .text()
        .await
        .expect("text");
    assert_eq!(heading, "Enter your code");
    let body = page
        .find(Locator::Css("main"))
        .await
        .expect("main")
        .text()
        .await
        .expect("text");
    assert!(body.contains("j•••@example.com"), "{body}");

    let mail = wait_for_mail(&maildev).await;
    let subject = mail["subject"].as_str().expect("subject").to_owned();
    let code = Regex::new(r"^(\d{6}) is your Portico code$")
        .expect("regex")
        .captures(&subject)
        .expect("code in subject")[1]
        .to_owned();
    page.find(Locator::Id("code"))
        .await
        .expect("code field")
        .send_keys(&code)
        .await
        .expect("type");
    browser.screenshot("signup-code").await.expect("screenshot");
    page.find(Locator::Css("form[action='/signup/verify'] button"))
        .await
        .expect("button")
        .click()
        .await
        .expect("click");

    page.wait()
        .for_element(Locator::Css(".account-switcher"))
        .await
        .expect("the next page");
    let heading = page
        .find(Locator::Css("h1"))
        .await
        .expect("heading")
        .text()
        .await
        .expect("text");
    assert_eq!(heading, "Hello, Jo Marchetti");
    assert!(
        page.current_url()
            .await
            .expect("url")
            .path()
            .ends_with("/u/0/")
    );
    page.find(Locator::Css(".account-switcher summary"))
        .await
        .expect("menu")
        .click()
        .await
        .expect("open");
    browser
        .screenshot("account-menu")
        .await
        .expect("screenshot");
    page.find(Locator::Css(".account-switcher button"))
        .await
        .expect("sign out")
        .click()
        .await
        .expect("click");
    page.wait()
        .for_element(Locator::Css(".hero"))
        .await
        .expect("the next page");
    let heading = page
        .find(Locator::Css("h1"))
        .await
        .expect("heading")
        .text()
        .await
        .expect("text");
    assert_eq!(
        heading, "Your account, in one place",
        "back on the landing page"
    );

    // And back in with the password.
    page.find(Locator::Css(".hero .button--primary"))
        .await
        .expect("sign in")
        .click()
        .await
        .expect("click");
    page.wait()
        .for_element(Locator::Id("password"))
        .await
        .expect("the sign-in form");
    page.find(Locator::Id("address"))
        .await
        .expect("address")
        .send_keys("JO@example.com")
        .await
        .expect("type");
    page.find(Locator::Id("password"))
        .await
        .expect("password")
        .send_keys("violet tundra kettle march")
        .await
        .expect("type");
    browser.screenshot("signin").await.expect("screenshot");
    page.find(Locator::Css(
        "form[action='/signin'] button.button--primary",
    ))
    .await
    .expect("button")
    .click()
    .await
    .expect("click");
    page.wait()
        .for_element(Locator::Css(".account-switcher"))
        .await
        .expect("signed in");
    let heading = page
        .find(Locator::Css("h1"))
        .await
        .expect("heading")
        .text()
        .await
        .expect("text");
    assert_eq!(heading, "Hello, Jo Marchetti");

    browser.close().await.expect("close");
    assert_eq!(portico.stop().await.expect("stops").code(), Some(0));
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
