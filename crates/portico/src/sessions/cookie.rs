//! The session cookie: `HttpOnly`, `SameSite=Lax`, and `Secure` with the `__Host-` prefix
//! whenever the portal is served over https.

use axum::http::{HeaderMap, HeaderValue, header};
use cookie::{Cookie, SameSite};
use time::Duration;

use crate::sessions::token::SessionToken;

/// How the session cookie is named and flagged for this installation.
#[derive(Debug, Clone, Copy)]
pub struct SessionCookie {
    secure: bool,
}

impl SessionCookie {
    pub fn new(https: bool) -> Self {
        Self { secure: https }
    }

    pub fn name(self) -> &'static str {
        if self.secure {
            "__Host-portico"
        } else {
            "portico_session"
        }
    }

    /// A persistent cookie with "keep me signed in", a browser-session cookie otherwise.
    pub fn set(self, token: &SessionToken, keep_for: Option<Duration>) -> HeaderValue {
        let mut cookie = Cookie::build((self.name(), token.as_str().to_owned()))
            .path("/")
            .http_only(true)
            .same_site(SameSite::Lax)
            .secure(self.secure);
        if let Some(age) = keep_for {
            cookie = cookie.max_age(age);
        }
        header_value(&cookie.build())
    }

    pub fn clear(self) -> HeaderValue {
        let cookie = Cookie::build((self.name(), ""))
            .path("/")
            .http_only(true)
            .same_site(SameSite::Lax)
            .secure(self.secure)
            .max_age(Duration::ZERO);
        header_value(&cookie.build())
    }

    /// The token the browser sent, if it is well formed.
    pub fn read(self, headers: &HeaderMap) -> Option<SessionToken> {
        read_token(headers, self.name())
    }
}

/// The token in the cookie called `name`, if the browser sent one that is well formed.
pub fn read_token(headers: &HeaderMap, name: &str) -> Option<SessionToken> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .and_then(|c| SessionToken::from_cookie(c.value()))
}

fn header_value(cookie: &Cookie<'_>) -> HeaderValue {
    // A token is base64url and names are fixed, so the value is always a valid header.
    HeaderValue::from_str(&cookie.to_string()).unwrap_or_else(|_| HeaderValue::from_static(""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_cookies_are_host_prefixed_and_secure() {
        let token = SessionToken::generate();
        let set = SessionCookie::new(true).set(&token, Some(Duration::days(14)));
        let text = set.to_str().expect("ascii");
        assert!(text.starts_with("__Host-portico="), "{text}");
        for attr in [
            "HttpOnly",
            "SameSite=Lax",
            "Secure",
            "Path=/",
            "Max-Age=1209600",
        ] {
            assert!(text.contains(attr), "{attr} missing in {text}");
        }
        assert!(!text.contains("Domain"), "__Host- cookies carry no Domain");
        let plain = SessionCookie::new(false).set(&token, None);
        let text = plain.to_str().expect("ascii");
        assert!(
            text.starts_with("portico_session=")
                && !text.contains("Secure")
                && !text.contains("Max-Age")
        );
    }

    #[test]
    fn the_token_is_read_back_from_a_cookie_header() {
        let token = SessionToken::generate();
        let mut headers = HeaderMap::new();
        let value = format!("other=1; portico_session={}", token.as_str());
        headers.insert(
            header::COOKIE,
            HeaderValue::from_str(&value).expect("header"),
        );
        assert_eq!(SessionCookie::new(false).read(&headers), Some(token));
        assert_eq!(
            SessionCookie::new(true).read(&headers),
            None,
            "the https name differs"
        );
    }
}
