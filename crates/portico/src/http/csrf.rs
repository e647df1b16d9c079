//! The CSRF cookie and form tokens (axum_csrf's), and how they survive a secret key
//! rotation.
//!
//! The cookie holds a random token, encrypted with a key derived from the secret key; a
//! form carries an HMAC of that token under a salt derived from it too. While
//! `PORTICO_SECRET_KEY_PREVIOUS` is set, a cookie the previous key encrypted is encrypted
//! again with the current one before any handler reads it (same token, so every open tab's
//! forms stay good, and the next page sets it under the current key), and a form token made
//! with the previous salt is still accepted.

use axum::extract::{FromRequestParts, Request, State};
use axum::http::header::COOKIE;
use axum::http::{HeaderValue, request::Parts};
use axum::middleware::Next;
use axum::response::Response;
use axum_csrf::{CsrfConfig, CsrfToken};
use cookie::{Cookie, CookieJar, Key};

use crate::app::AppState;
use crate::crypto::Keys;

const COOKIE_NAME: &str = "portico_csrf";

/// The CSRF settings made with the current secret key.
pub fn config(keys: &Keys, https: bool) -> CsrfConfig {
    with_key_and_salt(keys.csrf_cookie_key(), keys.csrf_salt(), https)
}

fn with_key_and_salt(key: Key, salt: String, https: bool) -> CsrfConfig {
    CsrfConfig::default()
        .with_cookie_name(COOKIE_NAME)
        .with_prefix_with_host(https)
        .with_secure(https)
        .with_http_only(true)
        .with_cookie_same_site(axum_csrf::SameSite::Strict)
        .with_salt(salt)
        .with_key(Some(key))
        // As long as a session can last, so that a browser with a session always has
        // the token its header's forms carry.
        .with_lifetime(time::Duration::days(90))
}

/// What the previous secret key made, while a rotation is under way.
#[derive(Clone)]
pub struct Previous {
    cookie_name: &'static str,
    current_key: Key,
    previous_key: Key,
    /// The current cookie key with the previous salt: the forms of pages served before the
    /// rotation, once their cookie has been encrypted again.
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
            cookie_name: if https {
                "__Host-portico_csrf"
            } else {
                COOKIE_NAME
            },
            current_key: keys.csrf_cookie_key(),
            previous_key,
            previous_salt: with_key_and_salt(keys.csrf_cookie_key(), previous_salt, https),
        })
    }

    /// The request's CSRF cookie encrypted with the current key when the previous one
    /// encrypted it; `None` when there is nothing to change.
    fn resealed(&self, cookies: &str) -> Option<String> {
        let mut changed = false;
        let pieces: Vec<String> = cookies
            .split(';')
            .map(str::trim)
            .filter(|piece| !piece.is_empty())
            .map(|piece| {
                let Some(sealed) = Cookie::parse_encoded(piece.to_owned())
                    .ok()
                    .filter(|c| c.name() == self.cookie_name)
                else {
                    return piece.to_owned();
                };
                let jar = CookieJar::new();
                if jar
                    .private(&self.current_key)
                    .decrypt(sealed.clone())
                    .is_some()
                {
                    return piece.to_owned();
                }
                let Some(token) = jar.private(&self.previous_key).decrypt(sealed) else {
                    return piece.to_owned();
                };
                let mut jar = CookieJar::new();
                jar.private_mut(&self.current_key)
                    .add(Cookie::new(self.cookie_name, token.value().to_owned()));
                changed = true;
                jar.get(self.cookie_name)
                    .map_or_else(|| piece.to_owned(), |c| c.encoded().to_string())
            })
            .collect();
        changed.then(|| pieces.join("; "))
    }

    /// Whether `form_token` was made, before the rotation, for this browser's cookie.
    pub async fn accepts(&self, parts: &mut Parts, form_token: &str) -> bool {
        match CsrfToken::from_request_parts(parts, &self.previous_salt).await {
            Ok(token) => token.verify(form_token).is_ok(),
            Err(_) => false,
        }
    }
}

/// Middleware: during a rotation, the CSRF cookie the previous key encrypted is encrypted
/// again with the current one before any handler reads it.
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
        }
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::SecretKey;

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
