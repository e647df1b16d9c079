//! Shared state handed to every handler.

use std::ops::Deref;
use std::sync::Arc;

use crate::http::csrf::CsrfConfig;
use sqlx::PgPool;

use crate::auth::password::{HashParams, PasswordHasher};
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
    /// The same pool for pages: a connection one page gave back goes to the next unchecked.
    pub reuse: crate::db::reuse::Reuse,
    pub keys: Keys,
    pub clock: Arc<dyn Clock>,
    pub assets: Assets,
    pub metrics: Metrics,
    pub passwords: PasswordHasher,
    pub csrf: CsrfConfig,
    /// While a secret key rotation is under way: the previous key's CSRF cookie and salt.
    pub csrf_previous: Option<crate::http::csrf::Previous>,
    /// How long codes live, their tries and resend waits.
    pub codes: crate::verification::CodePolicy,
    /// How long sessions and the re-authentication window last.
    pub sessions: crate::sessions::SessionPolicy,
    /// The OpenID providers people may sign in with.
    pub oidc: crate::oidc::Providers,
    /// This instance's copy of the ID token signing keys.
    pub idp_keys: crate::idp::keys::KeyCache,
    /// Passkeys' relying party; `None` when the public URL cannot have passkeys.
    pub passkeys: Option<crate::passkeys::RelyingParty>,
    /// Cancelled when the instance has been told to stop: `/readyz` then says so, for the
    /// balancer to stop sending requests before the listener closes.
    pub stopping: tokio_util::sync::CancellationToken,
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
        let keys = Keys::derive(secret_key).with_previous(config.secret_key_previous.as_ref());
        let csrf = crate::http::csrf::config(&keys, config.is_https());
        let csrf_previous = crate::http::csrf::Previous::new(&keys, config.is_https());
        let passwords = PasswordHasher::new(HashParams::default(), config.hash_threads)
            .expect("the default argon2 parameters are valid");
        let oidc = crate::oidc::Providers::new(&config.oidc_providers);
        let passkeys = crate::passkeys::RelyingParty::for_public_url(&config.public_url);
        Self(Arc::new(App {
            oidc,
            idp_keys: crate::idp::keys::KeyCache::default(),
            passkeys,
            config,
            reuse: crate::db::reuse::Reuse::new(db.clone()),
            db,
            keys,
            clock,
            assets: Assets::from_embedded(),
            metrics: Metrics::new(),
            passwords,
            csrf,
            csrf_previous,
            codes: crate::verification::CodePolicy::default(),
            sessions: crate::sessions::SessionPolicy::default(),
            stopping: tokio_util::sync::CancellationToken::new(),
        }))
    }
}

impl Deref for AppState {
    type Target = App;

    fn deref(&self) -> &App {
        &self.0
    }
}
