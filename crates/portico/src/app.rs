//! Shared state handed to every handler.

use std::ops::Deref;
use std::sync::Arc;

use sqlx::PgPool;

use crate::config::{Config, SecretKey};
use crate::http::assets::Assets;
use crate::http::metrics::Metrics;

/// Everything a request may need; cheap to clone.
#[derive(Debug, Clone)]
pub struct AppState(Arc<App>);

#[derive(Debug)]
pub struct App {
    pub config: Config,
    pub db: PgPool,
    pub secret_key: SecretKey,
    pub assets: Assets,
    pub metrics: Metrics,
}

impl AppState {
    pub fn new(config: Config, db: PgPool, secret_key: SecretKey) -> Self {
        Self(Arc::new(App {
            config,
            db,
            secret_key,
            assets: Assets::from_embedded(),
            metrics: Metrics::new(),
        }))
    }
}

impl Deref for AppState {
    type Target = App;

    fn deref(&self) -> &App {
        &self.0
    }
}
