//! The apps that sign people in with Portico, as the configuration file lists them
//! (`[[oidc_clients]]`), and the checks every client passes wherever it comes from.

use serde::Deserialize;
use sha2::{Digest, Sha256};
use url::Url;

use super::rules::SUPPORTED_SCOPES;

/// Pairwise (one subject per account and app, the default) or public (one per account).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SubjectType {
    #[default]
    Pairwise,
    Public,
}

impl SubjectType {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pairwise => "pairwise",
            Self::Public => "public",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "pairwise" => Some(Self::Pairwise),
            "public" => Some(Self::Public),
            _ => None,
        }
    }
}

/// The ID token signature a client gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
pub enum Alg {
    #[default]
    #[serde(rename = "ES256")]
    Es256,
    #[serde(rename = "RS256")]
    Rs256,
}

impl Alg {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Es256 => "ES256",
            Self::Rs256 => "RS256",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "ES256" => Some(Self::Es256),
            "RS256" => Some(Self::Rs256),
            _ => None,
        }
    }
}

/// One app, as written in the configuration file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientConfig {
    /// The `client_id` the app sends.
    pub id: String,
    /// What people read: "Sign in to {name}", "Apps and services".
    pub name: String,
    /// `sha256:<64 hex>`, as `portico admin clients add` prints it; absent for a public client.
    #[serde(default)]
    pub secret_hash: Option<String>,
    /// A public client (a browser or native app) has no secret and must use PKCE.
    #[serde(default)]
    pub public: bool,
    pub redirect_uris: Vec<String>,
    #[serde(default)]
    pub post_logout_redirect_uris: Vec<String>,
    #[serde(default = "default_scopes")]
    pub scopes: Vec<String>,
    /// The organisation's own app: people are not asked to consent.
    #[serde(default)]
    pub first_party: bool,
    #[serde(default)]
    pub subject_type: SubjectType,
    /// `ES256` (the default) or `RS256`.
    #[serde(default)]
    pub signing_alg: Alg,
}

fn default_scopes() -> Vec<String> {
    SUPPORTED_SCOPES.map(str::to_owned).to_vec()
}

/// A client as Portico keeps it, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Client {
    pub id: String,
    pub name: String,
    /// SHA-256 of the secret; `None` for a public client.
    pub secret_hash: Option<[u8; 32]>,
    pub redirect_uris: Vec<String>,
    pub post_logout_redirect_uris: Vec<String>,
    pub scopes: Vec<String>,
    pub first_party: bool,
    pub subject_type: SubjectType,
    pub signing_alg: Alg,
}

impl Client {
    pub fn is_public(&self) -> bool {
        self.secret_hash.is_none()
    }

    /// Whether `secret` is this client's, in time independent of where they differ.
    pub fn accepts_secret(&self, secret: &str) -> bool {
        use subtle::ConstantTimeEq;
        self.secret_hash.is_some_and(|hash| {
            let given: [u8; 32] = Sha256::digest(secret.as_bytes()).into();
            bool::from(given.ct_eq(&hash))
        })
    }
}

/// `sha256:<hex>` for a secret, as the configuration file and the database keep it.
pub fn secret_hash_text(secret: &str) -> String {
    format!("sha256:{}", hex::encode(Sha256::digest(secret.as_bytes())))
}

fn parse_secret_hash(text: &str) -> Option<[u8; 32]> {
    let hex_part = text.strip_prefix("sha256:")?;
    hex::decode(hex_part).ok()?.try_into().ok()
}

/// Checks every configured client; answers the first problem, phrased for the operator.
pub fn validate(clients: &[ClientConfig]) -> Result<Vec<Client>, String> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(clients.len());
    for c in clients {
        if !seen.insert(c.id.as_str()) {
            return Err(format!("oidc_clients: id {:?} is listed twice", c.id));
        }
        let secret_hash = match (&c.secret_hash, c.public) {
            (Some(_), true) => {
                return Err(format!(
                    "oidc_clients.{}: a public client has no secret_hash",
                    c.id
                ));
            }
            (None, false) => {
                return Err(format!(
                    "oidc_clients.{}: give secret_hash (from `portico admin clients add`) or public = true",
                    c.id
                ));
            }
            (Some(text), false) => Some(parse_secret_hash(text).ok_or_else(|| {
                format!(
                    "oidc_clients.{}: secret_hash must be \"sha256:\" and 64 hex digits",
                    c.id
                )
            })?),
            (None, true) => None,
        };
        let client = Client {
            id: c.id.clone(),
            name: c.name.trim().to_owned(),
            secret_hash,
            redirect_uris: c.redirect_uris.clone(),
            post_logout_redirect_uris: c.post_logout_redirect_uris.clone(),
            scopes: with_openid(&c.scopes),
            first_party: c.first_party,
            subject_type: c.subject_type,
            signing_alg: c.signing_alg,
        };
        check(&client).map_err(|e| format!("oidc_clients.{}: {e}", c.id))?;
        out.push(client);
    }
    Ok(out)
}

fn with_openid(scopes: &[String]) -> Vec<String> {
    let mut out: Vec<String> = vec!["openid".to_owned()];
    for s in scopes {
        if !out.contains(s) {
            out.push(s.clone());
        }
    }
    out
}

/// The rules for any client, from the file or from `portico admin clients add`.
pub fn check(client: &Client) -> Result<(), String> {
    let good_id = !client.id.is_empty()
        && client.id.len() <= 64
        && client
            .id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if !good_id {
        return Err("id must be 1 to 64 letters, digits, dots, dashes or underscores".into());
    }
    if client.name.is_empty() || client.name.chars().count() > 80 {
        return Err("name must be 1 to 80 characters".into());
    }
    if client.redirect_uris.is_empty() || client.redirect_uris.len() > 20 {
        return Err("redirect_uris must list 1 to 20 addresses".into());
    }
    for uri in client
        .redirect_uris
        .iter()
        .chain(&client.post_logout_redirect_uris)
    {
        check_redirect_uri(uri)?;
    }
    if let Some(bad) = client
        .scopes
        .iter()
        .find(|s| !SUPPORTED_SCOPES.contains(&s.as_str()))
    {
        return Err(format!(
            "scope {bad:?} is not one Portico grants (known: {})",
            SUPPORTED_SCOPES.join(" ")
        ));
    }
    Ok(())
}

/// An absolute https URL without a fragment; http only on loopback (development and native
/// apps, RFC 8252).
pub fn check_redirect_uri(uri: &str) -> Result<(), String> {
    let url = Url::parse(uri).map_err(|e| format!("redirect URI {uri:?}: {e}"))?;
    if url.fragment().is_some() {
        return Err(format!("redirect URI {uri:?} must not have a #fragment"));
    }
    let loopback = matches!(url.host_str(), Some("127.0.0.1" | "localhost" | "[::1]"));
    match url.scheme() {
        "https" => Ok(()),
        "http" if loopback => Ok(()),
        _ => Err(format!(
            "redirect URI {uri:?} must be https (http only on 127.0.0.1, [::1] or localhost)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(id: &str) -> ClientConfig {
        ClientConfig {
            id: id.to_owned(),
            name: "Wiki".to_owned(),
            secret_hash: Some(secret_hash_text("s3cret")),
            public: false,
            redirect_uris: vec!["https://wiki.example/callback".to_owned()],
            post_logout_redirect_uris: Vec::new(),
            scopes: vec!["email".to_owned()],
            first_party: false,
            subject_type: SubjectType::Pairwise,
            signing_alg: Alg::Es256,
        }
    }

    #[test]
    fn a_good_client_is_kept_with_openid_and_its_secret_checks() {
        let clients = validate(&[config("wiki")]).expect("valid");
        assert_eq!(clients[0].scopes, ["openid", "email"]);
        assert!(clients[0].accepts_secret("s3cret"));
        assert!(!clients[0].accepts_secret("s3cret "));
        assert!(!clients[0].is_public());
    }

    #[test]
    fn bad_clients_are_refused_with_the_reason() {
        let mut public_with_secret = config("a");
        public_with_secret.public = true;
        let mut no_secret = config("a");
        no_secret.secret_hash = None;
        let mut bad_hash = config("a");
        bad_hash.secret_hash = Some("md5:abc".to_owned());
        let mut http = config("a");
        http.redirect_uris = vec!["http://wiki.example/cb".to_owned()];
        let mut fragment = config("a");
        fragment.redirect_uris = vec!["https://wiki.example/cb#x".to_owned()];
        let mut scope = config("a");
        scope.scopes = vec!["admin".to_owned()];
        let mut id = config("a b");
        id.name = "x".to_owned();
        for (clients, why) in [
            (vec![public_with_secret], "public client has no secret"),
            (vec![no_secret], "public = true"),
            (vec![bad_hash], "64 hex"),
            (vec![http], "must be https"),
            (vec![fragment], "fragment"),
            (vec![scope], "not one Portico grants"),
            (vec![id], "letters, digits"),
            (vec![config("a"), config("a")], "twice"),
        ] {
            let e = validate(&clients).expect_err("refused");
            assert!(e.contains(why), "{e}");
        }
        let mut loopback = config("native");
        loopback.public = true;
        loopback.secret_hash = None;
        loopback.redirect_uris = vec!["http://127.0.0.1:8765/cb".to_owned()];
        assert!(validate(&[loopback]).expect("loopback http")[0].is_public());
    }
}
