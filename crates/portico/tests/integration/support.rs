//! Builds an app on a test database and serves it on a loopback port.

use axum::Router;
use portico::app::AppState;
use portico::auth::accounts;
use portico::auth::password::{Password, PasswordHasher};
use portico::clock::Clock;
use portico::config::{Config, SecretKey, Sources};
use portico::contact::Destination;
use regex::Regex;
use sqlx::PgPool;
use tokio_util::sync::CancellationToken;

/// The secret key of a [`Site`].
pub const SITE_SECRET: &str = "site-test-secret-0123456789abcdef";

/// The password of every test account.
pub const PASSWORD: &str = "violet tundra kettle march";

/// A configuration as the binary would read it from these variables.
pub fn config(vars: &[(&str, &str)]) -> Config {
    let env = vars.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned()));
    let sources = Sources::new(env, None).expect("sources");
    Config::from_sources(&sources).expect("a valid test configuration")
}

pub fn state(pool: PgPool, config: Config) -> AppState {
    let key = SecretKey::parse("integration-test-secret-key-0123456789").expect("key");
    AppState::new(config, pool, &key)
}

/// A server on 127.0.0.1:0; stopped when dropped.
pub struct TestServer {
    pub base_url: String,
    shutdown: CancellationToken,
}

impl TestServer {
    pub async fn start(app: Router) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let base_url = format!("http://{}", listener.local_addr().expect("addr"));
        let shutdown = CancellationToken::new();
        tokio::spawn(portico::server::serve(
            listener,
            app,
            shutdown.clone(),
            portico::server::ServeOptions {
                grace: std::time::Duration::from_secs(5),
                ..Default::default()
            },
        ));
        Self { base_url, shutdown }
    }

    pub async fn with_default_app(pool: PgPool) -> Self {
        let state = state(pool, config(&[]));
        Self::start(portico::http::router(state)).await
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.shutdown.cancel();
    }
}

pub fn client() -> reqwest::Client {
    portico::tls::install_crypto_provider();
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

/// A browser-like client (cookies kept, redirects not followed) on an app whose clock the
/// test moves by hand.
pub struct Site {
    pub http: reqwest::Client,
    pub server: std::sync::Arc<TestServer>,
    pub app: AppState,
    pub clock: portico::clock::ManualClock,
}

impl Site {
    pub async fn new(pool: PgPool) -> Self {
        Self::with_config(pool, config(&[])).await
    }

    pub async fn with_config(pool: PgPool, config: Config) -> Self {
        let clock = portico::clock::ManualClock::starting_now();
        let key = SecretKey::parse(SITE_SECRET).expect("key");
        let app = AppState::with_clock(config, pool, &key, std::sync::Arc::new(clock.clone()));
        let server = TestServer::start(portico::http::router(app.clone())).await;
        let server = std::sync::Arc::new(server);
        let http = browser_client();
        Self {
            http,
            server,
            app,
            clock,
        }
    }

    /// The same browser and database on a new instance whose secret key is `secret`, with
    /// `previous` as `PORTICO_SECRET_KEY_PREVIOUS` (a rotation under way).
    pub async fn restarted(&self, secret: &str, previous: Option<&str>) -> Self {
        let vars: Vec<(&str, &str)> = previous
            .map(|p| ("PORTICO_SECRET_KEY_PREVIOUS", p))
            .into_iter()
            .collect();
        self.another_instance(secret, &vars).await
    }

    /// Another instance on the same database, with its secret key and settings.
    pub async fn another_instance(&self, secret: &str, vars: &[(&str, &str)]) -> Self {
        let key = SecretKey::parse(secret).expect("key");
        let app = AppState::with_clock(
            config(vars),
            self.app.db.clone(),
            &key,
            std::sync::Arc::new(self.clock.clone()),
        );
        let server = TestServer::start(portico::http::router(app.clone())).await;
        Self {
            http: self.http.clone(),
            server: std::sync::Arc::new(server),
            app,
            clock: self.clock.clone(),
        }
    }

    /// Posts fields to `action` as they are (a form kept from an earlier page).
    pub async fn post_fields(
        &self,
        action: &str,
        fields: &[(String, String)],
    ) -> reqwest::Response {
        self.http
            .post(self.server.url(action))
            .header("origin", &self.server.base_url)
            .form(fields)
            .send()
            .await
            .expect("post")
    }

    /// Another browser (its own cookies) on the same site.
    pub fn another_browser(&self) -> Self {
        Self {
            http: browser_client(),
            server: self.server.clone(),
            app: self.app.clone(),
            clock: self.clock.clone(),
        }
    }

    pub async fn get(&self, path: &str) -> (u16, String) {
        let r = self
            .http
            .get(self.server.url(path))
            .send()
            .await
            .expect("get");
        (r.status().as_u16(), r.text().await.expect("body"))
    }

    /// The CSRF token of the form on `path`.
    pub async fn csrf(&self, path: &str) -> String {
        let (_, html) = self.get(path).await;
        Regex::new(r#"name="authenticity_token" value="([^"]+)""#)
            .expect("regex")
            .captures(&html)
            .expect("a CSRF field")[1]
            .to_owned()
    }

    /// The guard fields (CSRF and account token) of the account forms on `path`.
    pub async fn guard(&self, path: &str) -> Vec<(String, String)> {
        let (_, html) = self.get(path).await;
        guard_in(&html)
    }

    /// Posts an account form: the guard fields of the page at `page`, then `fields`.
    pub async fn post_account_form(
        &self,
        page: &str,
        action: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let mut form = self.guard(page).await;
        form.extend(
            fields
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
        );
        self.http
            .post(self.server.url(action))
            .header("origin", &self.server.base_url)
            .form(&form)
            .send()
            .await
            .expect("post")
    }

    /// A form post from our own origin.
    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.http
            .post(self.server.url(path))
            .header("origin", &self.server.base_url)
            .form(form)
            .send()
            .await
            .expect("post")
    }

    /// Delivers queued messages to the dev outbox and returns the newest body sent to
    /// `recipient`.
    pub async fn last_message_to(&self, recipient: &str) -> String {
        self.last_message().await;
        sqlx::query_scalar(
            "select body from dev_mailbox where recipient = $1 order by id desc limit 1",
        )
        .bind(recipient)
        .fetch_one(&self.app.db)
        .await
        .expect("a message to the recipient")
    }

    /// Delivers queued messages to the dev outbox and returns the newest body.
    pub async fn last_message(&self) -> String {
        portico::outbox::Deliverer::from_config(
            &self.app.config,
            self.app.db.clone(),
            self.app.clock.clone(),
        )
        .expect("deliverer")
        .deliver_due()
        .await
        .expect("deliver");
        sqlx::query_scalar("select body from dev_mailbox order by id desc limit 1")
            .fetch_one(&self.app.db)
            .await
            .expect("a message")
    }
}

fn browser_client() -> reqwest::Client {
    portico::tls::install_crypto_provider();
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

/// Accounts and sign-in, as the sign-in and security tests need them.
impl Site {
    pub async fn account(
        &self,
        name: &str,
        alias: Destination,
        hash_with: Option<&PasswordHasher>,
    ) -> uuid::Uuid {
        let password = Password::new(PASSWORD, &[]).expect("valid");
        let hash = hash_with
            .unwrap_or(&self.app.passwords)
            .hash(&password)
            .await
            .expect("hash");
        let mut conn = self.app.db.acquire().await.expect("conn");
        accounts::create(&mut conn, self.clock.now(), name, Some(&hash), &alias)
            .await
            .expect("account")
    }

    pub async fn sign_in(&self, address: &str, password: &str) -> (u16, String, Option<String>) {
        let r = self
            .sign_in_with(&[("address", address), ("password", password)])
            .await;
        let status = r.status().as_u16();
        let location = r
            .headers()
            .get("location")
            .map(|l| l.to_str().expect("ascii").to_owned());
        (status, r.text().await.expect("body"), location)
    }

    /// Posts the sign-in form with these fields (and the page's CSRF token).
    pub async fn sign_in_with(&self, fields: &[(&str, &str)]) -> reqwest::Response {
        let csrf = self.csrf("/signin").await;
        let mut form = vec![("authenticity_token", csrf.as_str())];
        form.extend_from_slice(fields);
        self.post("/signin", &form).await
    }
}

/// The six-digit code in a message body.
pub fn code_in(body: &str) -> String {
    Regex::new(r"\b(\d{6})\b")
        .expect("regex")
        .captures(body)
        .expect("a code")[1]
        .to_owned()
}

/// The first CSRF token and account token in a page.
pub fn guard_in(html: &str) -> Vec<(String, String)> {
    ["authenticity_token", "account_token"]
        .iter()
        .map(|name| {
            let re = Regex::new(&format!(r#"name="{name}" value="([^"]+)""#)).expect("regex");
            let value = re
                .captures(html)
                .unwrap_or_else(|| panic!("a {name} field in {html}"))[1]
                .to_owned();
            ((*name).to_owned(), value)
        })
        .collect()
}
