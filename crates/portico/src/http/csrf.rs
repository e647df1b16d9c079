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

use axum::extract::{FromRequestParts, Request, State};
use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, Method, request::Parts};
use axum::middleware::Next;
use axum::response::{IntoResponseParts, Response, ResponseParts};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use cookie::{Cookie, CookieJar, Key, SameSite};
use hmac::{Hmac, Mac};
use rand::Rng as _;
use rand::distr::Alphanumeric;
use sha2::Sha256;

use crate::app::AppState;
use crate::crypto::Keys;

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

/// Left on a request whose cookie [`reseal_cookie`] sealed again: its answer sets it.
#[derive(Debug, Clone, Copy)]
struct Resealed;

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

/// What the previous secret key made, while a rotation is under way.
#[derive(Clone)]
pub struct Previous {
    current: CsrfConfig,
    previous: CsrfConfig,
    /// The current cookie key with the previous salt: the forms of pages served before the
    /// rotation, once their cookie has been sealed again.
    previous_salt: CsrfConfig,
}

impl std::fmt::Debug for Previous {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("csrf::Previous(<redacted>)")
    }
}

impl Previous {
    pub fn new(keys: &Keys, https: bool) -> Option<Self> {
        let (previous_key, previous_salt) = keys.previous_csrf()?;
        Some(Self {
            current: config(keys, https),
            previous: CsrfConfig::new(previous_key, &previous_salt, https),
            previous_salt: CsrfConfig::new(keys.csrf_cookie_key(), &previous_salt, https),
        })
    }

    /// The request's cookies with the CSRF cookie sealed with the current key when the
    /// previous one sealed it; `None` when there is nothing to change.
    fn resealed(&self, cookies: &str) -> Option<String> {
        let name = self.current.0.cookie_name;
        let mut changed = false;
        let pieces: Vec<String> = cookies
            .split(';')
            .map(str::trim)
            .filter(|piece| !piece.is_empty())
            .map(|piece| {
                let ours = piece.strip_prefix(name).is_some_and(|r| r.starts_with('='));
                if !ours || self.current.open(piece).is_some() {
                    return piece.to_owned();
                }
                let Some(token) = self.previous.open(piece) else {
                    return piece.to_owned();
                };
                let mut jar = CookieJar::new();
                jar.private_mut(&self.current.0.key)
                    .add(Cookie::new(name, token));
                changed = true;
                jar.get(name)
                    .map_or_else(|| piece.to_owned(), |c| c.encoded().to_string())
            })
            .collect();
        changed.then(|| pieces.join("; "))
    }

    /// Whether `form_token` was made, before the rotation, for this browser's cookie.
    pub fn accepts(&self, parts: &Parts, form_token: &str) -> bool {
        self.previous_salt
            .read(&parts.headers)
            .is_some_and(|token| self.previous_salt.accepts(&token, form_token))
    }
}

/// Middleware: during a rotation, the CSRF cookie the previous key sealed is sealed again
/// with the current one before any handler reads it, and the answer sets it.
pub async fn reseal_cookie(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    if let Some(previous) = &state.csrf_previous {
        let cookies: Vec<&str> = request
            .headers()
            .get_all(COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        if let Some(header) = previous.resealed(&cookies.join("; "))
            && let Ok(value) = HeaderValue::from_str(&header)
        {
            request.headers_mut().insert(COOKIE, value);
            request.extensions_mut().insert(Resealed);
        }
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::SecretKey;
    use axum::response::IntoResponse as _;

    fn keys(secret: &str, previous: Option<&str>) -> Keys {
        let previous = previous.map(|p| SecretKey::parse(p).expect("key"));
        Keys::derive(&SecretKey::parse(secret).expect("key")).with_previous(previous.as_ref())
    }

    fn sealed(key: &Key, name: &str, token: &str) -> String {
        let mut jar = CookieJar::new();
        jar.private_mut(key)
            .add(Cookie::new(name.to_owned(), token.to_owned()));
        jar.get(name).expect("added").encoded().to_string()
    }

    const NOW: time::OffsetDateTime = time::macros::datetime!(2026-12-07 12:00 UTC);

    fn request(method: Method, cookie: Option<&HeaderValue>) -> Parts {
        let mut builder = axum::http::Request::builder().method(method).uri("/u/0/");
        if let Some(cookie) = cookie {
            builder = builder.header(COOKIE, cookie);
        }
        builder.body(()).expect("request").into_parts().0
    }

    /// The `Set-Cookie` the answer carrying `token` has, as a `Cookie` header would send it.
    fn set_by(token: CsrfToken) -> Option<HeaderValue> {
        let response = (token, ()).into_response();
        let set = response.headers().get(SET_COOKIE)?.to_str().expect("ascii");
        let pair = set.split(';').next().expect("name=value");
        Some(HeaderValue::from_str(pair).expect("value"))
    }

    #[test]
    fn the_cookie_is_set_when_the_browser_lacks_it_sends_a_form_or_holds_a_strangers() {
        let config = config(&keys("a-secret-0123456789abcdef0123456789ab", None), false);
        let first = CsrfToken::of(&request(Method::GET, None), &config, NOW);
        let form_token = first.authenticity_token();
        let cookie = set_by(first).expect("a new token is set");

        // A page to a browser that holds it: the same token, nothing set.
        let again = CsrfToken::of(&request(Method::GET, Some(&cookie)), &config, NOW);
        assert!(again.verify(&form_token));
        assert_eq!(again.authenticity_token(), form_token);
        assert_eq!(set_by(again), None);
        // A form's answer: the same token, set again (its 90 days start over).
        let posted = CsrfToken::of(&request(Method::POST, Some(&cookie)), &config, NOW);
        assert!(posted.verify(&form_token));
        let renewed = set_by(posted).expect("set on a form's answer");
        let read = CsrfToken::of(&request(Method::GET, Some(&renewed)), &config, NOW);
        assert!(read.verify(&form_token));

        // Sealed with another key, or tampered with: a new token, set.
        let other = super::config(&keys("another-secret-0123456789abcdef012345", None), false);
        let stranger = CsrfToken::of(&request(Method::GET, Some(&cookie)), &other, NOW);
        assert!(!stranger.verify(&form_token));
        assert!(set_by(stranger).is_some());
        let text = cookie.to_str().expect("ascii");
        let flipped = format!("{}A", &text[..text.len() - 1]);
        let flipped = if flipped == text {
            format!("{}B", &text[..text.len() - 1])
        } else {
            flipped
        };
        let tampered = HeaderValue::from_str(&flipped).expect("value");
        let tampered = CsrfToken::of(&request(Method::GET, Some(&tampered)), &config, NOW);
        assert!(!tampered.verify(&form_token));
        assert!(set_by(tampered).is_some());
        // Form tokens that are not this browser's.
        let token = CsrfToken::of(&request(Method::POST, Some(&cookie)), &config, NOW);
        assert!(!token.verify(""));
        assert!(!token.verify("not base64!"));
        assert!(!token.verify(&STANDARD.encode([0u8; 32])));
    }

    fn block_on<F: Future>(f: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("runtime")
            .block_on(f)
    }

    #[test]
    fn the_cookie_is_host_only_http_only_strict_and_lasts_90_days() {
        let keys = keys("a-secret-0123456789abcdef0123456789ab", None);
        for (https, name, secure) in [
            (true, "__Host-portico_csrf=", true),
            (false, "portico_csrf=", false),
        ] {
            let token = CsrfToken::of(&request(Method::GET, None), &config(&keys, https), NOW);
            let response = (token, ()).into_response();
            let set = response.headers()[SET_COOKIE].to_str().expect("ascii");
            let cookie = Cookie::parse(set).expect("a cookie");
            assert!(set.starts_with(name), "{set}");
            assert_eq!(cookie.path(), Some("/"));
            assert_eq!(cookie.domain(), None);
            assert_eq!(cookie.http_only(), Some(true));
            assert_eq!(cookie.secure().unwrap_or(false), secure, "{set}");
            assert_eq!(cookie.same_site(), Some(SameSite::Strict));
            assert_eq!(
                cookie.expires_datetime(),
                Some(NOW + time::Duration::days(90))
            );
        }
    }

    #[test]
    fn cookies_and_form_tokens_are_axum_csrfs_both_ways() {
        let keys = keys("a-secret-0123456789abcdef0123456789ab", None);
        let ours = config(&keys, false);
        let theirs = axum_csrf::CsrfConfig::default()
            .with_cookie_name(COOKIE_NAME)
            .with_salt(keys.csrf_salt())
            .with_key(Some(keys.csrf_cookie_key()));
        // Theirs set, ours read.
        let mut parts = request(Method::GET, None);
        let before: axum_csrf::CsrfToken =
            block_on(async { axum_csrf::CsrfToken::from_request_parts(&mut parts, &theirs).await })
                .expect("token");
        let their_form = before.authenticity_token().expect("form token");
        let set = (before, ()).into_response();
        let pair = set.headers()[SET_COOKIE].to_str().expect("ascii");
        let cookie = HeaderValue::from_str(pair.split(';').next().expect("pair")).expect("value");
        let token = CsrfToken::of(&request(Method::GET, Some(&cookie)), &ours, NOW);
        assert!(token.verify(&their_form));
        assert!(!token.set, "the browser's cookie is read, not replaced");
        // Ours set, theirs read.
        let mine = CsrfToken::of(&request(Method::GET, None), &ours, NOW);
        let my_form = mine.authenticity_token();
        let cookie = set_by(mine).expect("set");
        let mut parts = request(Method::POST, Some(&cookie));
        let after: axum_csrf::CsrfToken =
            block_on(async { axum_csrf::CsrfToken::from_request_parts(&mut parts, &theirs).await })
                .expect("token");
        assert!(after.verify(&my_form).is_ok());
    }

    #[test]
    fn a_cookie_the_previous_key_sealed_is_sealed_again_with_the_same_token() {
        let old = "old-secret-0123456789abcdef0123456789";
        let new = "new-secret-0123456789abcdef0123456789";
        let rotating = keys(new, Some(old));
        let previous = Previous::new(&rotating, false).expect("a rotation");
        let header = format!(
            "theme=dark; {}; other=1",
            sealed(&keys(old, None).csrf_cookie_key(), COOKIE_NAME, "the-token")
        );
        let resealed = previous.resealed(&header).expect("changed");
        assert!(resealed.starts_with("theme=dark; ") && resealed.ends_with("; other=1"));
        let cookie = Cookie::parse_encoded(
            resealed
                .split("; ")
                .find(|p| p.starts_with(COOKIE_NAME))
                .expect("the cookie")
                .to_owned(),
        )
        .expect("a cookie");
        let opened = CookieJar::new()
            .private(&rotating.csrf_cookie_key())
            .decrypt(cookie)
            .expect("the current key opens it");
        assert_eq!(opened.value(), "the-token");
        // Already current, or sealed by neither key: left as it is.
        assert_eq!(previous.resealed(&resealed), None);
        let stranger = sealed(
            &keys("some-other-secret-0123456789abcdef0", None).csrf_cookie_key(),
            COOKIE_NAME,
            "x",
        );
        assert_eq!(previous.resealed(&stranger), None);
        assert!(Previous::new(&keys(new, None), false).is_none());
    }
}
