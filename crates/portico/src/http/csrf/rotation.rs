//! A secret key rotation: while `PORTICO_SECRET_KEY_PREVIOUS` is set, the CSRF cookie the
//! previous key sealed is sealed again with the current one before any handler reads it, and
//! form tokens made with the previous salt are still accepted.

use axum::extract::{Request, State};
use axum::http::HeaderValue;
use axum::http::header::COOKIE;
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;
use cookie::{Cookie, CookieJar};

use super::{CsrfConfig, config};
use crate::app::AppState;
use crate::crypto::Keys;

/// Left on a request whose cookie [`reseal_cookie`] sealed again: its answer sets it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Resealed;

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
    pub(super) fn resealed(&self, cookies: &str) -> Option<String> {
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
