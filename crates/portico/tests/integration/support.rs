//! Builds an app on a test database and serves it on a loopback port.

use std::time::Duration;

use axum::Router;
use portico::app::AppState;
use portico::config::{Config, SecretKey, Sources};
use sqlx::PgPool;
use tokio_util::sync::CancellationToken;

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
            Duration::from_secs(5),
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
