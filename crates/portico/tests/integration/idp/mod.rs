//! Portico as an OpenID Provider, over HTTP: the code flow with PKCE, the chooser, consent,
//! tokens, refusals, key rotation and "Remove access". (Real relying-party libraries drive
//! it in the black-box suite.)

mod flow;
mod refusals;

use std::collections::HashMap;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use portico::clock::Clock;
use portico::contact::{Destination, EmailAddress};
use portico::idp::config::Client;
use portico::idp::config::{Alg, SubjectType};
use sha2::{Digest, Sha256};
use url::Url;

use crate::support::Site;

pub const REDIRECT: &str = "https://app.example/callback";
pub const VERIFIER: &str = "a-verifier-of-the-right-length-0123456789-abcdefghij";

pub fn challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

pub fn email(s: &str) -> Destination {
    Destination::Email(EmailAddress::parse(s).expect("email"))
}

/// Registers an app; answers its secret (none for a public one).
pub async fn register(site: &Site, id: &str, public: bool, first_party: bool) -> Option<String> {
    register_signed_with(site, id, public, first_party, Alg::Es256).await
}

pub async fn register_signed_with(
    site: &Site,
    id: &str,
    public: bool,
    first_party: bool,
    signing_alg: Alg,
) -> Option<String> {
    let secret = (!public).then(|| format!("secret-of-{id}-0123456789abcdef"));
    let client = Client {
        id: id.to_owned(),
        name: format!("App {id}"),
        secret_hash: secret.as_ref().map(|s| Sha256::digest(s.as_bytes()).into()),
        redirect_uris: vec![REDIRECT.to_owned()],
        post_logout_redirect_uris: vec!["https://app.example/bye".to_owned()],
        scopes: ["openid", "profile", "email", "phone", "offline_access"]
            .map(str::to_owned)
            .to_vec(),
        first_party,
        subject_type: SubjectType::Pairwise,
        signing_alg,
    };
    let mut conn = site.app.db.acquire().await.expect("conn");
    portico::idp::store::put_client(&mut conn, &client, false, site.clock.now())
        .await
        .expect("client");
    secret
}

/// `/oauth2/authorize?…` for `client` with PKCE; `extra` adds parameters or replaces them.
pub fn authorize_path(client: &str, extra: &[(&str, &str)]) -> String {
    let challenge = challenge(VERIFIER);
    let mut pairs: Vec<(&str, &str)> = vec![
        ("client_id", client),
        ("redirect_uri", REDIRECT),
        ("response_type", "code"),
        ("scope", "openid profile email offline_access"),
        ("state", "st-1"),
        ("nonce", "n-1"),
        ("code_challenge", &challenge),
        ("code_challenge_method", "S256"),
    ];
    for (k, v) in extra {
        match pairs.iter_mut().find(|(key, _)| key == k) {
            Some(pair) => pair.1 = v,
            None => pairs.push((k, v)),
        }
    }
    let query = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish();
    format!("/oauth2/authorize?{query}")
}

/// The query of a URL, as a map.
pub fn query(url: &str) -> HashMap<String, String> {
    Url::parse(url)
        .expect("absolute url")
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// Follows our own redirects (and the continue page's refresh) until the browser is sent to
/// the app or stops on one of our pages: (final status, location or page body).
pub async fn browse(site: &Site, path: &str) -> Browsed {
    let mut next = site.server.url(path);
    for _ in 0..10 {
        let r = site.http.get(&next).send().await.expect("get");
        let status = r.status().as_u16();
        let location = r
            .headers()
            .get("location")
            .map(|l| l.to_str().expect("ascii").to_owned());
        match location {
            Some(to) if to.starts_with(REDIRECT) || to.starts_with("https://") => {
                return Browsed::App(to);
            }
            Some(to) => next = site.server.url(&to),
            None => return page_or_app(status, r.text().await.expect("body")),
        }
    }
    panic!("too many redirects from {path}");
}

/// What a browser ends on.
#[derive(Debug)]
pub enum Browsed {
    /// Sent back to the app with this URL.
    App(String),
    /// One of our pages: status and HTML.
    Page(u16, String),
}

impl Browsed {
    pub fn app(self) -> String {
        match self {
            Self::App(url) => url,
            Self::Page(status, html) => panic!("stayed on a page ({status}): {html}"),
        }
    }

    pub fn page(self) -> (u16, String) {
        match self {
            Self::Page(status, html) => (status, html),
            Self::App(url) => panic!("went to the app: {url}"),
        }
    }
}

/// A page that moves on by itself (the continue page) counts as going to the app.
pub fn page_or_app(status: u16, html: String) -> Browsed {
    let refresh = regex::Regex::new(r#"http-equiv="refresh" content="0;url=([^"]+)""#).expect("re");
    match refresh.captures(&html) {
        Some(c) => Browsed::App(c[1].replace("&#38;", "&").replace("&amp;", "&")),
        None => Browsed::Page(status, html),
    }
}

/// Posts a form of one of our pages (no CSRF cookie needed: the chooser's and consent's
/// forms carry their own tag).
pub async fn post_form(site: &Site, action: &str, fields: &[(String, String)]) -> Browsed {
    let r = site
        .http
        .post(site.server.url(action))
        .header("origin", &site.server.base_url)
        .form(fields)
        .send()
        .await
        .expect("post");
    let status = r.status().as_u16();
    if let Some(to) = r.headers().get("location") {
        let to = to.to_str().expect("ascii").to_owned();
        if to.starts_with("https://") {
            return Browsed::App(to);
        }
        return browse(site, &to).await;
    }
    page_or_app(status, r.text().await.expect("body"))
}

/// The hidden fields and action of the form on a page whose button says `button`.
pub fn form_with_button(html: &str, button: &str) -> (String, Vec<(String, String)>) {
    let forms =
        regex::Regex::new(r#"(?s)<form method="post" action="([^"]+)">(.*?)</form>"#).expect("re");
    let input =
        regex::Regex::new(r#"<input type="hidden" name="([^"]+)" value="([^"]*)">"#).expect("re");
    for f in forms.captures_iter(html) {
        if f[2].contains(button) {
            let fields = input
                .captures_iter(&f[2])
                .map(|c| (c[1].to_owned(), c[2].to_owned()))
                .collect();
            return (f[1].to_owned(), fields);
        }
    }
    panic!("no form with {button:?} in {html}");
}

/// Exchanges a code at the token endpoint as `client` (secret in HTTP Basic when it has one).
pub async fn token(
    site: &Site,
    client: &str,
    secret: Option<&str>,
    form: &[(&str, &str)],
) -> (u16, serde_json::Value) {
    let mut request = site.http.post(site.server.url("/oauth2/token"));
    let mut fields: Vec<(&str, &str)> = form.to_vec();
    match secret {
        Some(secret) => request = request.basic_auth(client, Some(secret)),
        None => fields.push(("client_id", client)),
    }
    let r = request.form(&fields).send().await.expect("token");
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(serde_json::Value::Null))
}

pub async fn exchange(
    site: &Site,
    client: &str,
    secret: Option<&str>,
    code: &str,
) -> (u16, serde_json::Value) {
    token(
        site,
        client,
        secret,
        &[
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", REDIRECT),
            ("code_verifier", VERIFIER),
        ],
    )
    .await
}

pub async fn refresh(
    site: &Site,
    client: &str,
    secret: Option<&str>,
    token_: &str,
) -> (u16, serde_json::Value) {
    token(
        site,
        client,
        secret,
        &[("grant_type", "refresh_token"), ("refresh_token", token_)],
    )
    .await
}

pub async fn userinfo(site: &Site, access_token: &str) -> (u16, serde_json::Value) {
    let r = site
        .http
        .get(site.server.url("/oauth2/userinfo"))
        .bearer_auth(access_token)
        .send()
        .await
        .expect("userinfo");
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(serde_json::Value::Null))
}
