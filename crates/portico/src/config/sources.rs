//! Where configuration values come from, and errors that name their origin.

use std::collections::HashMap;
use std::path::Path;

/// A raw configuration value and where it came from, for error messages.
#[derive(Debug, Clone)]
pub struct RawValue {
    pub value: String,
    pub origin: String,
}

impl RawValue {
    /// An error that names this value's origin.
    pub fn invalid(&self, why: &str) -> ConfigError {
        ConfigError(format!(
            "{}: invalid value {:?}: {why}",
            self.origin,
            self.shown()
        ))
    }

    fn shown(&self) -> String {
        let origin = self.origin.to_ascii_lowercase();
        if origin.contains("secret") || origin.contains("token") {
            "<redacted>".to_owned()
        } else if origin.contains("database_url") || origin.contains("smtp_url") {
            super::redact_url(&self.value)
        } else {
            self.value.clone()
        }
    }
}

/// A configuration problem, phrased for the operator, naming the variable at fault.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{0}")]
pub struct ConfigError(String);

impl ConfigError {
    pub fn missing(name: &str, why: &str) -> Self {
        Self(format!("{name} is not set: {why}"))
    }

    pub fn other(message: String) -> Self {
        Self(message)
    }
}

/// Environment variables (`PORTICO_*` and `DATABASE_URL`) over an optional TOML file.
#[derive(Debug, Default)]
pub struct Sources {
    env: HashMap<String, String>,
    /// Secrets read from the files `NAME_FILE` names (systemd credentials, Docker secrets).
    files: HashMap<String, RawValue>,
    file: HashMap<String, RawValue>,
    /// `[[oidc_providers]]` tables: only the file can hold them.
    pub(super) oidc_providers: Vec<crate::oidc::config::ProviderConfig>,
    /// `[[oidc_clients]]` tables: the apps that sign in with Portico.
    pub(super) oidc_clients: Vec<crate::idp::config::ClientConfig>,
}

/// The secrets that may be given as `NAME_FILE`, a file holding the value, instead.
pub(super) const FROM_FILES: &[&str] = &[
    "DATABASE_URL",
    "PORTICO_SECRET_KEY",
    "PORTICO_SECRET_KEY_PREVIOUS",
    "PORTICO_SMTP_URL",
    "PORTICO_TWILIO_AUTH_TOKEN",
];

/// Keys the TOML file may hold: the variable names, lowercased, without `PORTICO_`.
pub(super) const FILE_KEYS: &[&str] = &[
    "env",
    "bind",
    "public_url",
    "data_dir",
    "database_url",
    "pg_bin_dir",
    "database_max_connections",
    "database_acquire_timeout_ms",
    "secret_key",
    "secret_key_previous",
    "log",
    "request_timeout_secs",
    "shutdown_grace_secs",
    "shutdown_drain_secs",
    "header_timeout_secs",
    "max_connections",
    "max_connections_per_ip",
    "max_body_bytes",
    "hash_threads",
    "aliases_max",
    "close_grace_days",
    "alias_additions_per_year",
    "default_region",
    "smtp_url",
    "smtp_ca_file",
    "mail_from",
    "twilio_account_sid",
    "twilio_auth_token",
    "twilio_from",
    "twilio_messaging_service_sid",
    "twilio_base_url",
    "sms_countries",
    "sms_number_types",
    "send_limit_per_destination",
    "send_limit_per_account",
    "send_limit_per_ip",
    "sms_limit_per_prefix",
    "sms_daily_budget",
];

impl Sources {
    pub fn new(
        env: impl IntoIterator<Item = (String, String)>,
        file: Option<&Path>,
    ) -> Result<Self, ConfigError> {
        let env: HashMap<String, String> = env
            .into_iter()
            .filter(|(k, _)| k.starts_with("PORTICO_") || k.starts_with("DATABASE_URL"))
            .collect();
        let files = secrets_from_files(&env)?;
        let (file, oidc_providers, oidc_clients) = match file {
            Some(path) => read_file(path)?,
            None => (HashMap::new(), Vec::new(), Vec::new()),
        };
        Ok(Self {
            env,
            files,
            file,
            oidc_providers,
            oidc_clients,
        })
    }

    /// The value for an environment variable name, from the environment or else the file.
    /// An empty environment variable counts as unset, as shells and compose files make them.
    pub fn get(&self, name: &str) -> Option<RawValue> {
        if let Some(v) = self.env.get(name).filter(|v| !v.is_empty()) {
            return Some(RawValue {
                value: v.clone(),
                origin: name.to_owned(),
            });
        }
        if let Some(v) = self.files.get(name) {
            return Some(v.clone());
        }
        self.file.get(&file_key(name)).cloned()
    }

    /// Parses a value with `parse`, or returns `default` when it is unset.
    pub fn parse_or<T>(
        &self,
        name: &str,
        default: Option<T>,
        parse: impl Fn(&str) -> Result<T, &'static str>,
    ) -> Result<T, ConfigError> {
        match self.get(name) {
            Some(v) => parse(&v.value).map_err(|why| v.invalid(why)),
            None => default.ok_or_else(|| ConfigError::missing(name, "it is required")),
        }
    }
}

/// The values of the `NAME_FILE` variables set, by `NAME`: the file's text without its
/// trailing newline. Setting both `NAME` and `NAME_FILE` is refused as ambiguous.
fn secrets_from_files(
    env: &HashMap<String, String>,
) -> Result<HashMap<String, RawValue>, ConfigError> {
    let mut values = HashMap::new();
    for name in FROM_FILES {
        let variable = format!("{name}_FILE");
        let Some(path) = env.get(&variable).filter(|p| !p.is_empty()) else {
            continue;
        };
        if env.get(*name).is_some_and(|v| !v.is_empty()) {
            return Err(ConfigError(format!(
                "{name} and {variable} are both set: keep one"
            )));
        }
        let text = std::fs::read_to_string(path)
            .map_err(|e| ConfigError(format!("{variable}: cannot read {path}: {e}")))?;
        let value = text.trim_end_matches(['\n', '\r']).to_owned();
        values.insert(
            (*name).to_owned(),
            RawValue {
                value,
                origin: format!("{variable} ({path})"),
            },
        );
    }
    Ok(values)
}

fn file_key(name: &str) -> String {
    name.strip_prefix("PORTICO_")
        .unwrap_or(name)
        .to_ascii_lowercase()
}

type FileValues = (
    HashMap<String, RawValue>,
    Vec<crate::oidc::config::ProviderConfig>,
    Vec<crate::idp::config::ClientConfig>,
);

fn read_file(path: &Path) -> Result<FileValues, ConfigError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| ConfigError(format!("--config {}: {e}", path.display())))?;
    let mut table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
        ConfigError(format!("{}: {}", path.display(), e.message()))
    })?;
    let providers = match table.remove("oidc_providers") {
        Some(value) => value.try_into().map_err(|e: toml::de::Error| {
            ConfigError(format!(
                "{}: oidc_providers: {}",
                path.display(),
                e.message()
            ))
        })?,
        None => Vec::new(),
    };
    let clients = match table.remove("oidc_clients") {
        Some(value) => value.try_into().map_err(|e: toml::de::Error| {
            ConfigError(format!("{}: oidc_clients: {}", path.display(), e.message()))
        })?,
        None => Vec::new(),
    };
    let mut values = HashMap::new();
    for (key, value) in table {
        if !FILE_KEYS.contains(&key.as_str()) {
            return Err(ConfigError(format!(
                "{}: unknown setting `{key}` (known: {})",
                path.display(),
                FILE_KEYS.join(", ")
            )));
        }
        let value = match value {
            toml::Value::String(s) => s,
            toml::Value::Integer(i) => i.to_string(),
            toml::Value::Boolean(b) => b.to_string(),
            other => {
                return Err(ConfigError(format!(
                    "{}: `{key}` must be a string or a number, not {}",
                    path.display(),
                    other.type_str()
                )));
            }
        };
        let origin = format!("`{key}` in {}", path.display());
        values.insert(key, RawValue { value, origin });
    }
    Ok((values, providers, clients))
}
