//! What the browser tests share: the peers, Portico configured for them, a browser, and the
//! steps of signing up.

use portico_blackbox::browser::Browser;
use portico_blackbox::database::fresh_database;
use portico_blackbox::peers::{Maildev, Twilio};
use portico_blackbox::server::{Portico, PorticoBuilder};
use regex::Regex;

pub const JO_PASSWORD: &str = "violet tundra kettle march";

async fn portico_with(
    maildev: &Maildev,
    twilio: &Twilio,
    db: &str,
    dir: &std::path::Path,
    extra: &[(&str, &str)],
) -> Portico {
    let mut builder = PorticoBuilder::new();
    for (key, value) in extra {
        builder = builder.env(key, *value);
    }
    builder
        .data_dir(dir)
        .database_url(db)
        .env(
            "PORTICO_SMTP_URL",
            format!("smtp://127.0.0.1:{}?tls=none", maildev.smtp_port),
        )
        .env("PORTICO_MAIL_FROM", "Portico <no-reply@portico.test>")
        .env(
            "PORTICO_TWILIO_ACCOUNT_SID",
            format!("AC{}", "0".repeat(32)),
        )
        .env("PORTICO_TWILIO_AUTH_TOKEN", "test-auth-token")
        .env("PORTICO_TWILIO_FROM", "+15005550006")
        .env("PORTICO_TWILIO_BASE_URL", &twilio.base_url)
        .start()
        .await
        .expect("portico starts")
}

/// Bounded wait for the `n`-th message to arrive (the worker sends after the request).
pub async fn nth_message<F, Fut>(n: usize, fetch: F) -> serde_json::Value
where
    F: Fn() -> Fut,
    Fut: Future<Output = Vec<serde_json::Value>>,
{
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        if let Some(message) = fetch().await.into_iter().nth(n) {
            return message;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "message {n} never arrived"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// Bounded wait for the first message that `wanted` accepts, oldest first.
pub async fn message_where<F, Fut>(
    fetch: F,
    wanted: impl Fn(&serde_json::Value) -> bool,
) -> serde_json::Value
where
    F: Fn() -> Fut,
    Fut: Future<Output = Vec<serde_json::Value>>,
{
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let messages = fetch().await;
        if let Some(message) = messages.iter().find(|m| wanted(m)) {
            return message.clone();
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the message never arrived; got {messages:#?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// Whether maildev's message `m` is addressed to `address`.
pub fn to(m: &serde_json::Value, address: &str) -> bool {
    m["to"]
        .as_array()
        .is_some_and(|to| to.iter().any(|t| t["address"] == address))
}

/// The code of the first message to `address` whose subject gives one, once it has arrived.
pub async fn code_mailed_to(maildev: &Maildev, address: &str) -> String {
    let mail = message_where(
        || async { maildev.messages().await.unwrap_or_default() },
        |m| to(m, address) && m["subject"].as_str().is_some_and(|s| s.contains("code")),
    )
    .await;
    six_digits(mail["subject"].as_str().expect("subject"))
}

pub fn six_digits(text: &str) -> String {
    Regex::new(r"\b(\d{6})\b")
        .expect("regex")
        .captures(text)
        .expect("a code")[1]
        .to_owned()
}

/// Fills and sends the sign-up form, then waits for the code page.
pub async fn sign_up(
    browser: &Browser,
    portico: &Portico,
    name: &str,
    address: &str,
    password: &str,
) {
    browser
        .client
        .goto(&portico.url("/signup"))
        .await
        .expect("sign-up page");
    browser.fill("display_name", name).await.expect("name");
    browser.fill("address", address).await.expect("address");
    browser.fill("password", password).await.expect("password");
    browser
        .click("form[action='/signup'] button[type=submit]")
        .await
        .expect("next");
    browser.wait_for("#code").await.expect("the code page");
}

pub async fn enter_code(browser: &Browser, code: &str) {
    browser.fill("code", code).await.expect("code");
    browser
        .click("form button.button--primary")
        .await
        .expect("verify");
}

/// "Sign out of all accounts" from the account menu, then the landing page.
/// Opens the sign-in page and signs in with `address` and Jo's password (the caller waits
/// for whatever page that leads to).
pub async fn submit_sign_in(browser: &Browser, portico: &Portico, address: &str) {
    browser
        .client
        .goto(&portico.url("/signin"))
        .await
        .expect("sign-in page");
    browser.fill("address", address).await.expect("address");
    browser
        .fill("password", JO_PASSWORD)
        .await
        .expect("password");
    browser
        .click("form[action='/signin'] button.button--primary")
        .await
        .expect("sign in");
}

pub async fn sign_out_of_all(browser: &Browser) {
    browser
        .click(".account-switcher summary")
        .await
        .expect("menu");
    browser
        .click("form[action='/signout'] button")
        .await
        .expect("sign out of all");
    browser.wait_for(".hero").await.expect("the landing page");
}

/// The peers, Portico configured for them, and a browser.
pub struct Stage {
    pub maildev: Maildev,
    pub twilio: Twilio,
    pub portico: Portico,
    pub browser: Browser,
    /// Portico's database, for what no page shows.
    pub db: String,
    _dir: tempfile::TempDir,
}

impl Stage {
    pub async fn start() -> Self {
        Self::start_with(&[]).await
    }

    /// [`Stage::start`], with more of Portico's environment.
    pub async fn start_with(extra: &[(&str, &str)]) -> Self {
        let (maildev, twilio) = tokio::join!(Maildev::start(), Twilio::start());
        let (maildev, twilio) = (maildev.expect("maildev"), twilio.expect("twilio"));
        let db = fresh_database().await.expect("database");
        let dir = tempfile::tempdir().expect("dir");
        let portico = portico_with(&maildev, &twilio, &db, dir.path(), extra).await;
        let browser = Browser::start().await.expect("chromium");
        Self {
            maildev,
            twilio,
            portico,
            browser,
            db,
            _dir: dir,
        }
    }

    /// Closes the browser and stops Portico, which must exit cleanly.
    pub async fn finish(self) {
        self.browser.close().await.expect("close");
        assert_eq!(self.portico.stop().await.expect("stops").code(), Some(0));
    }

    /// Jo signs up by email with the code from the mail server, and lands on `/u/0/`.
    pub async fn sign_up_jo(&self) {
        sign_up(
            &self.browser,
            &self.portico,
            "Jo Marchetti",
            "jo@example.com",
            JO_PASSWORD,
        )
        .await;
        let mail = nth_message(0, || async { self.maildev.messages().await.expect("mail") }).await;
        enter_code(
            &self.browser,
            &six_digits(mail["subject"].as_str().expect("subject")),
        )
        .await;
        self.browser
            .wait_for_url(&self.portico.url("/u/0/"))
            .await
            .expect("Jo's home");
    }
}
