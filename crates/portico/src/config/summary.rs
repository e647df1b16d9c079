//! The configuration as `portico admin check-config` prints it: each setting's effective
//! value, secrets redacted.

use secrecy::ExposeSecret;
use url::Url;

use super::{Config, DatabaseConfig, Environment, SecretKey, secret_key};

impl Config {
    /// A few lines that describe the effective configuration, with secrets redacted.
    pub fn summary(&self) -> Vec<(&'static str, String)> {
        let database = match &self.database {
            DatabaseConfig::External(url) => redact_url(url.expose_secret()),
            DatabaseConfig::Embedded { .. } => {
                format!(
                    "embedded PostgreSQL in {}",
                    self.data_dir.join("pg").display()
                )
            }
        };
        let key_id = |key: &SecretKey| crate::crypto::Keys::derive(key).ids().0;
        let secret = match &self.secret_key {
            Some(key) => format!("set (redacted; key id {})", key_id(key)),
            None => format!(
                "generated in {} (development only)",
                self.data_dir.join(secret_key::FILE_NAME).display()
            ),
        };
        vec![
            (
                "PORTICO_ENV",
                match self.env {
                    Environment::Development => "development".into(),
                    Environment::Production => "production".into(),
                },
            ),
            ("PORTICO_BIND", self.bind.to_string()),
            ("PORTICO_PUBLIC_URL", self.public_url.to_string()),
            ("PORTICO_DATA_DIR", self.data_dir.display().to_string()),
            ("DATABASE_URL", database),
            ("PORTICO_SECRET_KEY", secret),
            (
                "PORTICO_SECRET_KEY_PREVIOUS",
                match &self.secret_key_previous {
                    Some(key) => format!(
                        "set (redacted; key id {}): a key rotation is under way",
                        key_id(key)
                    ),
                    None => "not set".to_owned(),
                },
            ),
            (
                "PORTICO_SMTP_URL",
                match &self.delivery.smtp {
                    Some(smtp) => format!("{}:{} ({:?})", smtp.host, smtp.port, smtp.tls),
                    None => "dev outbox (/dev/outbox)".to_owned(),
                },
            ),
            (
                "PORTICO_TWILIO_ACCOUNT_SID",
                match &self.delivery.twilio {
                    Some(twilio) => format!("{} via {}", twilio.account_sid, twilio.base_url),
                    None if self.env.is_development() => "dev outbox (/dev/outbox)".to_owned(),
                    None => "not configured: SMS are refused".to_owned(),
                },
            ),
            (
                "oidc_providers",
                if self.oidc_providers.is_empty() {
                    "none".to_owned()
                } else {
                    self.oidc_providers
                        .iter()
                        .map(|p| format!("{} ({})", p.id, p.issuer))
                        .collect::<Vec<_>>()
                        .join(", ")
                },
            ),
            (
                "oidc_clients",
                if self.oidc_clients.is_empty() {
                    "none in the file".to_owned()
                } else {
                    self.oidc_clients
                        .iter()
                        .map(|c| c.id.clone())
                        .collect::<Vec<_>>()
                        .join(", ")
                },
            ),
        ]
    }
}

/// A database URL with its password replaced, safe for logs and error messages.
pub fn redact_url(raw: &str) -> String {
    match Url::parse(raw) {
        Ok(mut url) => {
            if url.password().is_some() {
                let _ = url.set_password(Some("***"));
            }
            url.to_string()
        }
        // libpq's several hosts: each host's URL, redacted.
        Err(_) => match crate::db::hosts::parse(raw) {
            Ok(hosts) => hosts
                .urls
                .iter()
                .map(|u| redact_url(u))
                .collect::<Vec<_>>()
                .join(" or "),
            Err(_) => "<unparseable URL>".to_owned(),
        },
    }
}
