//! The OpenID provider peer (`tests/peers/oidc-provider.mjs`, panva's oidc-provider) and a
//! driver for its development login pages, so tests can sign in there without a browser.

use std::time::Duration;

use anyhow::{Context, bail};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use regex::Regex;
use sha2::Digest;
use tokio::process::Command;

use crate::process::Process;

/// The provider's test users: (login, password).
pub const ALICE: (&str, &str) = ("alice", "alice-password");
pub const BOB: (&str, &str) = ("bob", "bob-password");
/// Portico's client at the provider.
pub const CLIENT_ID: &str = "portico";
pub const CLIENT_SECRET: &str = "portico-test-secret";

#[derive(Debug)]
pub struct OidcProvider {
    /// `http://127.0.0.1:PORT`: the issuer, and the base of every endpoint.
    pub issuer: String,
    _process: Process,
}

impl OidcProvider {
    pub async fn start() -> anyhow::Result<Self> {
        let port = crate::free_port();
        let mut command = Command::new("node");
        command
            .arg(crate::repo_root().join("tests/peers/oidc-provider.mjs"))
            .arg(port.to_string());
        let mut process = Process::spawn("oidc-provider", command)?;
        process
            .wait_for_line("oidc-provider listening", Duration::from_secs(30))
            .await?;
        Ok(Self {
            issuer: format!("http://127.0.0.1:{port}"),
            _process: process,
        })
    }

    /// Makes the next token response carry an ID token signed by this provider but issued
    /// to another client (`audience`) or with another nonce (`nonce`).
    pub async fn tamper_next_id_token(&self, mode: &str) -> anyhow::Result<()> {
        crate::install_crypto_provider();
        reqwest::Client::new()
            .post(format!("{}/__control/tamper?mode={mode}", self.issuer))
            .send()
            .await?
            .error_for_status()?;
        Ok(())
    }

    /// Signs `user` in at the provider for the authorization request `auth_url`, and
    /// answers where the provider then sends the browser (the relying party's callback
    /// with `code` and `state`). A wrong password ends with an error naming the status.
    pub async fn authorize(&self, auth_url: &str, user: (&str, &str)) -> anyhow::Result<String> {
        crate::install_crypto_provider();
        // The provider's own cookies (its interaction and session), as a browser keeps them.
        let http = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        let prompt_field = Regex::new(r#"name="prompt" value="(\w+)""#)?;
        let form_action = Regex::new(r#"action="([^"]+)""#)?;
        let mut url = auth_url.to_owned();
        for _ in 0..10 {
            if !url.starts_with(&self.issuer) {
                return Ok(url);
            }
            let r = http.get(&url).send().await?;
            if r.status().is_redirection() {
                url = location(&r, &url)?;
                continue;
            }
            let status = r.status();
            let html = r.text().await?;
            if status != 200 {
                bail!("the provider answered {status}: {html}");
            }
            let prompt = prompt_field
                .captures(&html)
                .map(|c| c[1].to_owned())
                .with_context(|| format!("an interaction form in {html}"))?;
            let action = form_action
                .captures(&html)
                .map(|c| c[1].to_owned())
                .context("the form's action")?;
            let mut form = vec![("prompt", prompt.clone())];
            if prompt == "login" {
                form.push(("login", user.0.to_owned()));
                form.push(("password", user.1.to_owned()));
            }
            let submit = url::Url::parse(&url)?.join(&action)?;
            let r = http.post(submit.as_str()).form(&form).send().await?;
            if !r.status().is_redirection() {
                bail!("the provider answered {}: {}", r.status(), r.text().await?);
            }
            url = location(&r, submit.as_str())?;
        }
        bail!("the provider never sent the browser back")
    }

    /// An ID token issued to `client` (id, secret) for `user`, with `nonce`: the whole
    /// authorization-code flow with PKCE, as any relying party would run it.
    pub async fn id_token(
        &self,
        client: (&str, &str),
        user: (&str, &str),
        nonce: &str,
    ) -> anyhow::Result<String> {
        let verifier = URL_SAFE_NO_PAD.encode(rand_bytes());
        let challenge = URL_SAFE_NO_PAD.encode(sha2::Sha256::digest(verifier.as_bytes()));
        let redirect = "http://127.0.0.1:9/oidc/callback";
        let mut auth = url::Url::parse(&format!("{}/auth", self.issuer))?;
        auth.query_pairs_mut()
            .append_pair("client_id", client.0)
            .append_pair("response_type", "code")
            .append_pair("scope", "openid email profile")
            .append_pair("redirect_uri", redirect)
            .append_pair("state", "test-state")
            .append_pair("nonce", nonce)
            .append_pair("code_challenge", &challenge)
            .append_pair("code_challenge_method", "S256");
        let back = url::Url::parse(&self.authorize(auth.as_str(), user).await?)?;
        let code = back
            .query_pairs()
            .find(|(k, _)| k == "code")
            .map(|(_, v)| v.into_owned())
            .with_context(|| format!("a code in {back}"))?;
        let r = reqwest::Client::new()
            .post(format!("{}/token", self.issuer))
            .basic_auth(client.0, Some(client.1))
            .form(&[
                ("grant_type", "authorization_code"),
                ("code", code.as_str()),
                ("redirect_uri", redirect),
                ("code_verifier", verifier.as_str()),
            ])
            .send()
            .await?;
        let body: serde_json::Value = r.error_for_status()?.json().await?;
        body["id_token"]
            .as_str()
            .map(str::to_owned)
            .context("an id_token in the token response")
    }
}

fn location(r: &reqwest::Response, base: &str) -> anyhow::Result<String> {
    let to = r
        .headers()
        .get("location")
        .context("a redirect without Location")?
        .to_str()?;
    Ok(url::Url::parse(base)?.join(to)?.to_string())
}

fn rand_bytes() -> [u8; 32] {
    let mut bytes = [0u8; 32];
    for (i, b) in uuid::Uuid::new_v4()
        .as_bytes()
        .iter()
        .chain(uuid::Uuid::new_v4().as_bytes())
        .enumerate()
    {
        bytes[i] = *b;
    }
    bytes
}
