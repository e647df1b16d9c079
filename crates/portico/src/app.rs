//! Shared state handed to every handler.

use std::ops::Deref;
use std::sync::Arc;

use sqlx::PgPool;

use crate::clock::{Clock, SystemClock};
use crate::config::{Config, SecretKey};
use crate::crypto::Keys;
use crate::http::assets::Assets;
use crate::http::metrics::Metrics;

/// Everything a request may need; cheap to clone.
#[derive(Debug, Clone)]
pub struct AppState(Arc<App>);

#[derive(Debug)]
pub struct App {
    pub config: Config,
    pub db: PgPool,
    pub keys: Keys,
    pub clock: Arc<dyn Clock>,
    pub assets: Assets,
    pub metrics: Metrics,
}

impl AppState {
    pub fn new(config: Config, db: PgPool, secret_key: &SecretKey) -> Self {
        Self::with_clock(config, db, secret_key, Arc::new(SystemClock))
    }

    /// As [`AppState::new`], with the time taken from `clock` (tests move it by hand).
    pub fn with_clock(
        config: Config,
        db: PgPool,
        secret_key: &SecretKey,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self(Arc::new(App {
            config,
            db,
            keys: Keys::derive(secret_key),
            clock,
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
