//! Typed configuration, read once at start-up from `PORTICO_*` variables and an
//! optional TOML file. Environment variables win over the file.

pub mod delivery;
mod secret_key;
mod sources;
mod summary;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use url::Url;

pub use delivery::{DeliveryConfig, SendLimits, SmtpConfig, SmtpTls, TwilioConfig, TwilioSender};
pub use secret_key::{SecretKey, SecretKeyError};
pub use sources::{ConfigError, Sources};
pub use summary::redact_url;

/// Whether dev conveniences (embedded database, dev outbox, generated secret) are allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Environment {
    Development,
    Production,
}

impl Environment {
    pub fn is_development(self) -> bool {
        self == Self::Development
    }
}

/// Where the database lives.
#[derive(Clone)]
pub enum DatabaseConfig {
    /// `DATABASE_URL` was given.
    External(SecretString),
    /// A private cluster under `$PORTICO_DATA_DIR/pg`, from the machine's PostgreSQL binaries.
    Embedded { bin_dir: Option<PathBuf> },
}

impl std::fmt::Debug for DatabaseConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::External(url) => write!(f, "External({})", redact_url(url.expose_secret())),
            Self::Embedded { bin_dir } => f
                .debug_struct("Embedded")
                .field("bin_dir", bin_dir)
                .finish(),
        }
    }
}

/// The whole configuration, validated.
#[derive(Debug, Clone)]
pub struct Config {
    pub env: Environment,
    pub bind: SocketAddr,
    pub public_url: Url,
    pub data_dir: PathBuf,
    pub database: DatabaseConfig,
    pub database_max_connections: u32,
    /// How long a request waits for a database connection before it is answered 503.
    pub database_acquire_timeout: Duration,
    /// `None` in development means "generate one and keep it in the data directory".
    pub secret_key: Option<SecretKey>,
    /// The key being rotated out: what it made still verifies and opens, and is made again
    /// with `secret_key` (see `portico admin keys rotate`).
    pub secret_key_previous: Option<SecretKey>,
    pub log_filter: String,
    pub request_timeout: Duration,
    /// What the listener allows each connection (header deadline, connection bounds).
    pub connections: crate::server::ServeOptions,
    pub max_body_bytes: usize,
    /// Password hashes computed at once (each on a thread of its own).
    pub hash_threads: usize,
    pub alias_limits: AliasLimits,
    /// How long a closed account can be reopened before it is deleted for good.
    pub close_grace: time::Duration,
    /// The country phone numbers typed without `+` belong to, unless the person picks
    /// another (`GB`); `None`: the browser's language tag, if it names one.
    pub default_region: Option<String>,
    /// OpenID providers people may sign in with (the file's `[[oidc_providers]]`).
    pub oidc_providers: Vec<crate::oidc::config::ProviderConfig>,
    /// Apps that sign people in with Portico (the file's `[[oidc_clients]]`), checked.
    pub oidc_clients: Vec<crate::idp::config::Client>,
    pub delivery: DeliveryConfig,
}

impl Config {
    /// Reads the process environment and, if given, the TOML file.
    pub fn load(file: Option<&std::path::Path>) -> Result<Self, ConfigError> {
        let sources = Sources::new(std::env::vars(), file)?;
        Self::from_sources(&sources)
    }

    /// Builds a configuration from already collected sources (tests use this directly).
    pub fn from_sources(s: &Sources) -> Result<Self, ConfigError> {
        let env = environment(s)?;
        let bind: SocketAddr = s.parse_or("PORTICO_BIND", "127.0.0.1:8080".parse().ok(), |v| {
            v.parse()
                .map_err(|_| "expected an address such as 127.0.0.1:8080 or [::]:8080")
        })?;
        let public_url = public_url(s, env, bind)?;
        let data_dir = s
            .get("PORTICO_DATA_DIR")
            .map(|v| PathBuf::from(&v.value))
            .unwrap_or_else(|| PathBuf::from("./.portico"));
        let database = database(s, env)?;
        let secret_key = secret_key(s, env)?;
        let secret_key_previous = s
            .get("PORTICO_SECRET_KEY_PREVIOUS")
            .map(|v| SecretKey::parse(&v.value).map_err(|e| v.invalid(&e.to_string())))
            .transpose()?;
        let database_max_connections =
            s.parse_or("PORTICO_DATABASE_MAX_CONNECTIONS", Some(10), |v| {
                match v.parse() {
                    Ok(n) if n >= 2 => Ok(n),
                    _ => Err("expected a whole number of at least 2"),
                }
            })?;
        let database_acquire_timeout = s.parse_or(
            "PORTICO_DATABASE_ACQUIRE_TIMEOUT_MS",
            Some(2000),
            |v| match v.parse() {
                Ok(n) if (100..=60_000).contains(&n) => Ok(n),
                _ => Err("expected a number of milliseconds from 100 to 60000"),
            },
        )?;
        let log_filter = s
            .get("PORTICO_LOG")
            .map(|v| v.value.clone())
            .unwrap_or_else(|| "info".to_owned());
        let request_timeout = s.parse_or("PORTICO_REQUEST_TIMEOUT_SECS", Some(30), seconds)?;
        let connections = serve_options(s)?;
        let max_body_bytes =
            s.parse_or("PORTICO_MAX_BODY_BYTES", Some(1024 * 1024), |v| {
                match v.parse() {
                    Ok(n) if n >= 1024 => Ok(n),
                    _ => Err("expected a number of bytes, at least 1024"),
                }
            })?;
        let cpus = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        let hash_threads = s.parse_or("PORTICO_HASH_THREADS", Some(cpus), |v| match v.parse() {
            Ok(n) if (1..=256).contains(&n) => Ok(n),
            _ => Err("expected a number of threads from 1 to 256"),
        })?;
        let alias_limits = AliasLimits {
            max_aliases: s.parse_or("PORTICO_ALIASES_MAX", Some(10), small_count)?,
            additions_per_year: s.parse_or(
                "PORTICO_ALIAS_ADDITIONS_PER_YEAR",
                Some(10),
                small_count,
            )?,
        };
        let close_grace = s.parse_or(
            "PORTICO_CLOSE_GRACE_DAYS",
            Some(time::Duration::days(60)),
            |v| match v.parse::<i64>() {
                Ok(n) if (1..=3650).contains(&n) => Ok(time::Duration::days(n)),
                _ => Err("expected a number of days from 1 to 3650"),
            },
        )?;
        let default_region = match s.get("PORTICO_DEFAULT_REGION") {
            Some(v) => Some(crate::contact::regions::parse(&v.value).ok_or_else(|| {
                v.invalid("expected a two-letter country code with phone numbers, e.g. GB or US")
            })?),
            None => None,
        };
        let delivery = delivery::load(s, env == Environment::Production)?;
        let mut oidc_providers = s.oidc_providers.clone();
        crate::oidc::config::validate(&mut oidc_providers).map_err(ConfigError::other)?;
        let oidc_clients =
            crate::idp::config::validate(&s.oidc_clients).map_err(ConfigError::other)?;
        Ok(Self {
            env,
            bind,
            public_url,
            data_dir,
            database,
            database_max_connections,
            database_acquire_timeout: Duration::from_millis(database_acquire_timeout),
            secret_key,
            secret_key_previous,
            log_filter,
            request_timeout: Duration::from_secs(request_timeout),
            connections,
            max_body_bytes,
            hash_threads,
            alias_limits,
            close_grace,
            default_region,
            oidc_providers,
            oidc_clients,
            delivery,
        })
    }

    /// Once bound to `port`: a public URL derived from a bind address of port 0 ("any free
    /// port") takes the port the system chose, so that links in messages lead back here.
    pub fn bound_to_port(&mut self, port: u16) {
        if self.bind.port() == 0 && self.public_url.port() == Some(0) {
            // Setting a port cannot fail on an http(s) URL with a host.
            let _ = self.public_url.set_port(Some(port));
        }
    }

    /// Whether responses should carry HSTS and cookies the `Secure` flag.
    pub fn is_https(&self) -> bool {
        self.public_url.scheme() == "https"
    }
}

fn seconds(v: &str) -> Result<u64, &'static str> {
    match v.parse() {
        Ok(n) if n > 0 && n <= 3600 => Ok(n),
        _ => Err("expected a number of seconds between 1 and 3600"),
    }
}

/// 0.0.0.0 and :: are not addresses a browser can open; show loopback instead.
fn local_display_addr(bind: SocketAddr) -> String {
    if bind.ip().is_unspecified() {
        format!("localhost:{}", bind.port())
    } else {
        bind.to_string()
    }
}

fn environment(s: &Sources) -> Result<Environment, ConfigError> {
    Ok(match s.get("PORTICO_ENV") {
        None => Environment::Development,
        Some(v) => match v.value.as_str() {
            "development" | "dev" => Environment::Development,
            "production" | "prod" => Environment::Production,
            _ => return Err(v.invalid("expected `development` or `production`")),
        },
    })
}

/// `PORTICO_PUBLIC_URL`; in development, derived from the bind address when unset.
fn public_url(s: &Sources, env: Environment, bind: SocketAddr) -> Result<Url, ConfigError> {
    Ok(match s.get("PORTICO_PUBLIC_URL") {
        Some(v) => {
            let url = Url::parse(&v.value).map_err(|e| v.invalid(&e.to_string()))?;
            if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
                return Err(v.invalid("expected an http:// or https:// URL"));
            }
            url
        }
        None if env == Environment::Production => {
            return Err(ConfigError::missing(
                "PORTICO_PUBLIC_URL",
                "production needs the address people use to reach the portal",
            ));
        }
        None => Url::parse(&format!("http://{}/", local_display_addr(bind)))
            .map_err(|e| ConfigError::other(format!("PORTICO_BIND: {e}")))?,
    })
}

/// `DATABASE_URL`; in development, the embedded PostgreSQL when unset.
fn database(s: &Sources, env: Environment) -> Result<DatabaseConfig, ConfigError> {
    Ok(match s.get("DATABASE_URL") {
        Some(v) => {
            // Several hosts (libpq's `h1:p1,h2:p2`) are no URL to `Url`: each is checked alone.
            crate::db::hosts::parse(&v.value).map_err(|why| v.invalid(&why))?;
            DatabaseConfig::External(SecretString::from(v.value.clone()))
        }
        None if env == Environment::Production => {
            return Err(ConfigError::missing(
                "DATABASE_URL",
                "production needs a database of its own; the embedded PostgreSQL is a development convenience",
            ));
        }
        None => DatabaseConfig::Embedded {
            bin_dir: s.get("PORTICO_PG_BIN_DIR").map(|v| PathBuf::from(&v.value)),
        },
    })
}

/// `PORTICO_SECRET_KEY`; in development, a key kept in the data directory when unset.
fn secret_key(s: &Sources, env: Environment) -> Result<Option<SecretKey>, ConfigError> {
    Ok(match s.get("PORTICO_SECRET_KEY") {
        Some(v) => Some(SecretKey::parse(&v.value).map_err(|e| v.invalid(&e.to_string()))?),
        None if env == Environment::Production => {
            return Err(ConfigError::missing(
                "PORTICO_SECRET_KEY",
                "production needs a secret key of at least 32 bytes (e.g. `openssl rand -hex 32`)",
            ));
        }
        None => None,
    })
}

/// How connections are accepted, timed and counted.
fn serve_options(s: &Sources) -> Result<crate::server::ServeOptions, ConfigError> {
    let shutdown_grace = s.parse_or("PORTICO_SHUTDOWN_GRACE_SECS", Some(20), seconds)?;
    let shutdown_drain = s.parse_or("PORTICO_SHUTDOWN_DRAIN_SECS", Some(0), |v| {
        match v.parse() {
            Ok(n) if n <= 300 => Ok(n),
            _ => Err("expected a number of seconds from 0 to 300"),
        }
    })?;
    let header_timeout = s.parse_or("PORTICO_HEADER_TIMEOUT_SECS", Some(10), seconds)?;
    let connection_count = |v: &str| match v.parse() {
        Ok(n) if (1..=1_000_000).contains(&n) => Ok(n),
        _ => Err("expected a number of connections from 1 to 1000000"),
    };
    let max_connections = s.parse_or("PORTICO_MAX_CONNECTIONS", Some(4096), connection_count)?;
    let max_connections_per_ip = s.parse_or(
        "PORTICO_MAX_CONNECTIONS_PER_IP",
        Some(256),
        connection_count,
    )?;
    Ok(crate::server::ServeOptions {
        grace: Duration::from_secs(shutdown_grace),
        drain: Duration::from_secs(shutdown_drain),
        header_timeout: Duration::from_secs(header_timeout),
        max_connections,
        max_connections_per_ip,
    })
}

#[cfg(test)]
mod tests;

/// How many aliases an account may hold and add.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AliasLimits {
    /// Aliases (verified or waiting for their code) at once.
    pub max_aliases: i64,
    /// Additions in any 365 days; removals do not give them back.
    pub additions_per_year: i64,
}

fn small_count(v: &str) -> Result<i64, &'static str> {
    match v.parse() {
        Ok(n) if (1..=1000).contains(&n) => Ok(n),
        _ => Err("expected a whole number from 1 to 1000"),
    }
}
