//! OpenID providers as the configuration file lists them (`[[oidc_providers]]`).

use secrecy::SecretString;
use serde::Deserialize;
use url::Url;

/// One provider people may sign in with.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProviderConfig {
    /// Short and stable: it is part of URLs and of the audit trail (`entra`, `google`).
    pub id: String,
    /// What the buttons say: "Sign in with {name}".
    pub name: String,
    /// The issuer; discovery is read from `{issuer}/.well-known/openid-configuration`.
    pub issuer: String,
    pub client_id: String,
    /// Absent for a public client (PKCE alone).
    #[serde(default)]
    pub client_secret: Option<SecretString>,
    #[serde(default = "default_scopes")]
    pub scopes: Vec<String>,
    /// An image URL for the button.
    #[serde(default)]
    pub icon: Option<String>,
    /// Whether an email this provider marks `email_verified` needs no code of ours.
    #[serde(default)]
    pub trust_email: bool,
}

fn default_scopes() -> Vec<String> {
    ["openid", "email", "profile"].map(str::to_owned).to_vec()
}

/// Checks every provider; answers the first problem, phrased for the operator.
pub fn validate(providers: &mut [ProviderConfig]) -> Result<(), String> {
    let mut seen = std::collections::HashSet::new();
    for p in providers.iter_mut() {
        let good_id = !p.id.is_empty()
            && p.id.len() <= 32
            && p.id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !good_id {
            return Err(format!(
                "oidc_providers: id {:?} must be 1 to 32 lowercase letters, digits or dashes",
                p.id
            ));
        }
        if !seen.insert(p.id.clone()) {
            return Err(format!("oidc_providers: id {:?} is listed twice", p.id));
        }
        if p.name.trim().is_empty() || p.client_id.trim().is_empty() {
            return Err(format!(
                "oidc_providers.{}: name and client_id are required",
                p.id
            ));
        }
        let issuer = Url::parse(&p.issuer)
            .map_err(|e| format!("oidc_providers.{}: issuer {:?}: {e}", p.id, p.issuer))?;
        let loopback = matches!(issuer.host_str(), Some("127.0.0.1" | "localhost" | "[::1]"));
        if issuer.scheme() != "https" && !(issuer.scheme() == "http" && loopback) {
            return Err(format!(
                "oidc_providers.{}: issuer must be an https URL (http only on loopback, for tests)",
                p.id
            ));
        }
        if !p.scopes.iter().any(|s| s == "openid") {
            p.scopes.insert(0, "openid".to_owned());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn provider(id: &str, issuer: &str) -> ProviderConfig {
        ProviderConfig {
            id: id.to_owned(),
            name: "Example".to_owned(),
            issuer: issuer.to_owned(),
            client_id: "portico".to_owned(),
            client_secret: None,
            scopes: vec!["email".to_owned()],
            icon: None,
            trust_email: false,
        }
    }

    #[test]
    fn providers_are_checked() {
        let mut good = vec![provider("entra", "https://login.example.com/tenant/v2.0")];
        validate(&mut good).expect("valid");
        assert_eq!(
            good[0].scopes,
            ["openid", "email"],
            "openid is always asked"
        );
        let mut local = vec![provider("test", "http://127.0.0.1:9000")];
        validate(&mut local).expect("http on loopback");
        for (bad, why) in [
            (vec![provider("Bad Id", "https://a.example")], "lowercase"),
            (vec![provider("a", "http://a.example")], "https"),
            (vec![provider("a", "not a url")], "issuer"),
            (
                vec![
                    provider("a", "https://a.example"),
                    provider("a", "https://b.example"),
                ],
                "twice",
            ),
        ] {
            let mut bad = bad;
            let e = validate(&mut bad).expect_err("refused");
            assert!(e.contains(why), "{e}");
        }
    }
}
