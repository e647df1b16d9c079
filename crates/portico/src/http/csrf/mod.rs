//! The CSRF cookie and form tokens, and how they survive a secret key rotation.
//!
//! The cookie holds a random token, sealed (AES-256-GCM, the `cookie` crate's private jar)
//! with a key derived from the secret key; a form carries an HMAC-SHA256 of that token under
//! a salt derived from it too, checked in constant time. (The format is axum_csrf 0.12's,
//! which Portico used before: cookies and open forms from before an upgrade stay good.)
//!
//! The cookie is set when the browser had none this key opens, on the answer to any form
//! (so that it lasts 90 days from the last form sent; once it has expired, the next page
//! sets a new one and that page's forms carry it), and when it was sealed again after a key
//! rotation — not on every page: sealing it again cost a signed-in page a twentieth of its
//! time for a cookie the browser already held (`bench/profile.sh`).
//!
//! While `PORTICO_SECRET_KEY_PREVIOUS` is set, a cookie the previous key sealed is sealed
//! again with the current one before any handler reads it (same token, so every open tab's
//! forms stay good, and the answer sets it under the current key), and a form token made
//! with the previous salt is still accepted.

use std::convert::Infallible;
use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, Method, request::Parts};
use axum::response::{IntoResponseParts, ResponseParts};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use cookie::{Cookie, CookieJar, Key, SameSite};
use hmac::{Hmac, Mac};
use rand::Rng as _;
use rand::distr::Alphanumeric;
use sha2::Sha256;

use crate::app::AppState;
use crate::crypto::Keys;

mod rotation;
use rotation::Resealed;
pub use rotation::{Previous, reseal_cookie};

const COOKIE_NAME: &str = "portico_csrf";
/// Characters of a new token: 32 alphanumerics, about 190 bits.
const TOKEN_LEN: usize = 32;
/// As long as a session can last: a password or passkey sign-in (a form) starts it afresh,
/// so that such a session's browser keeps the token its header's forms carry.
const LIFETIME: time::Duration = time::Duration::days(90);

/// The CSRF settings made with one secret key.
#[derive(Clone)]
pub struct CsrfConfig(Arc<Sealing>);

struct Sealing {
    /// `__Host-portico_csrf` over HTTPS (bound to this host, `Secure`, path `/`).
    cookie_name: &'static str,
    https: bool,
    key: Key,
    /// The HMAC keyed with the salt, cloned for each token rather than keyed again.
    mac: Hmac<Sha256>,
}

impl std::fmt::Debug for CsrfConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CsrfConfig(<redacted>)")
    }
}

/// The CSRF settings made with the current secret key.
pub fn config(keys: &Keys, https: bool) -> CsrfConfig {
    CsrfConfig::new(keys.csrf_cookie_key(), &keys.csrf_salt(), https)
}

impl CsrfConfig {
    fn new(key: Key, salt: &str, https: bool) -> Self {
        let mac = <Hmac<Sha256> as Mac>::new_from_slice(salt.as_bytes())
            .unwrap_or_else(|_| unreachable!("HMAC takes a key of any length"));
        Self(Arc::new(Sealing {
            cookie_name: if https {
                "__Host-portico_csrf"
            } else {
                COOKIE_NAME
            },
            https,
            key,
            mac,
        }))
    }

    /// The token in the request's CSRF cookie, if this key sealed it.
    fn read(&self, headers: &HeaderMap) -> Option<String> {
        let name = self.0.cookie_name;
        headers
            .get_all(COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(';'))
            .map(str::trim)
            .filter(|piece| piece.strip_prefix(name).is_some_and(|r| r.starts_with('=')))
            .find_map(|piece| self.open(piece))
    }

    fn open(&self, piece: &str) -> Option<String> {
        let sealed = Cookie::parse_encoded(piece.to_owned()).ok()?;
        let opened = CookieJar::new().private(&self.0.key).decrypt(sealed)?;
        Some(opened.value().to_owned())
    }

    /// The `Set-Cookie` value carrying `token` sealed with this key.
    fn cookie(&self, token: &str, now: time::OffsetDateTime) -> Option<HeaderValue> {
        let name = self.0.cookie_name;
        let mut jar = CookieJar::new();
        jar.private_mut(&self.0.key)
            .add(Cookie::new(name, token.to_owned()));
        let mut cookie = jar.get(name)?.clone();
        cookie.set_path("/");
        cookie.set_secure(self.0.https);
        cookie.set_http_only(true);
        cookie.set_same_site(SameSite::Strict);
        cookie.set_expires(now + LIFETIME);
        HeaderValue::from_str(&cookie.encoded().to_string()).ok()
    }

    fn form_token(&self, token: &str) -> String {
        let mut mac = self.0.mac.clone();
        mac.update(token.as_bytes());
        STANDARD.encode(mac.finalize().into_bytes())
    }

    fn accepts(&self, token: &str, form_token: &str) -> bool {
        let Ok(tag) = STANDARD.decode(form_token) else {
            return false;
        };
        let mut mac = self.0.mac.clone();
        mac.update(token.as_bytes());
        mac.verify_slice(&tag).is_ok()
    }
}

/// This browser's CSRF token: the one its cookie holds, else a new one that the answer sets.
#[derive(Clone)]
pub struct CsrfToken {
    token: String,
    config: CsrfConfig,
    /// Whether the answer sets the cookie (see the module).
    set: bool,
    /// When the request came: the cookie lasts [`LIFETIME`] from then.
    at: time::OffsetDateTime,
}

impl std::fmt::Debug for CsrfToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CsrfToken")
            .field("set", &self.set)
            .finish_non_exhaustive()
    }
}

impl CsrfToken {
    fn of(parts: &Parts, config: &CsrfConfig, at: time::OffsetDateTime) -> Self {
        let (token, new) = match config.read(&parts.headers) {
            Some(token) => (token, false),
            None => (
                rand::rng()
                    .sample_iter(&Alphanumeric)
                    .take(TOKEN_LEN)
                    .map(char::from)
                    .collect(),
                true,
            ),
        };
        let form = !matches!(parts.method, Method::GET | Method::HEAD);
        Self {
            token,
            config: config.clone(),
            set: new || form || parts.extensions.get::<Resealed>().is_some(),
            at,
        }
    }

    /// The token a form carries (`authenticity_token`): an HMAC of this browser's.
    pub fn authenticity_token(&self) -> String {
        self.config.form_token(&self.token)
    }

    /// Whether `form_token` was made for this browser's token.
    pub fn verify(&self, form_token: &str) -> bool {
        self.config.accepts(&self.token, form_token)
    }
}

impl FromRequestParts<AppState> for CsrfToken {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Infallible> {
        Ok(Self::of(parts, &state.csrf, state.clock.now()))
    }
}

impl IntoResponseParts for CsrfToken {
    type Error = Infallible;

    fn into_response_parts(self, mut res: ResponseParts) -> Result<ResponseParts, Infallible> {
        if self.set
            && let Some(cookie) = self.config.cookie(&self.token, self.at)
        {
            res.headers_mut().append(SET_COOKIE, cookie);
        }
        Ok(res)
    }
}

#[cfg(test)]
mod tests;
