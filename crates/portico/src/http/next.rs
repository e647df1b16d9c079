//! `?next=`: where to go after signing in or confirming a password. Only paths of this site
//! are accepted, so a link can never send someone elsewhere (no open redirect).

use url::Url;

const MAX_LEN: usize = 1024;

/// `/signin?alias=…&next=…`: the sign-in page, its address field filled with `alias`, going
/// on to `next` afterwards.
pub fn sign_in_link(alias: Option<&str>, next: &str) -> String {
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    if let Some(alias) = alias {
        query.append_pair("alias", alias);
    }
    query.append_pair("next", next);
    format!("/signin?{}", query.finish())
}

/// `path` with `?next=` (or `&next=`) added when there is somewhere to go afterwards.
pub fn with_next(path: &str, next: Option<&LocalPath>) -> String {
    let Some(next) = next else {
        return path.to_owned();
    };
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    query.append_pair("next", next.as_str());
    let join = if path.contains('?') { '&' } else { '?' };
    format!("{path}{join}{}", query.finish())
}

/// A path on this site (`/u/0/security?tab=sessions`), never a URL to another one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalPath(String);

impl LocalPath {
    /// `None` for anything but a plain local path: absolute URLs, `//host`, `/\host`,
    /// backslashes, control characters, over-long values.
    pub fn parse(input: &str) -> Option<Self> {
        let ok_shape = input.starts_with('/')
            && !input.starts_with("//")
            && input.len() <= MAX_LEN
            && !input.contains('\\')
            && !input.chars().any(|c| c.is_control() || c.is_whitespace());
        if !ok_shape {
            return None;
        }
        // Belt and braces: resolved against our origin, it must stay on our origin.
        let base = Url::parse("http://portico.invalid/").ok()?;
        let joined = base.join(input).ok()?;
        (joined.origin() == base.origin()).then(|| Self(input.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The same page for the account now at `position`: `/u/3/security` → `/u/1/security`
    /// when the account signed in again at position 1.
    #[must_use]
    pub fn for_position(&self, position: i32) -> Self {
        let Some(rest) = self.0.strip_prefix("/u/") else {
            return self.clone();
        };
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        if digits == 0 || !rest[digits..].starts_with('/') {
            return self.clone();
        }
        Self(format!("/u/{position}{}", &rest[digits..]))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sign_in_links_and_next_are_one_shape() {
        assert_eq!(
            sign_in_link(Some("jo@example.com"), "/u/1/"),
            "/signin?alias=jo%40example.com&next=%2Fu%2F1%2F"
        );
        assert_eq!(sign_in_link(None, "/link"), "/signin?next=%2Flink");
        let next = LocalPath::parse("/u/0/security");
        assert_eq!(
            with_next("/signin/code?c=1", next.as_ref()),
            "/signin/code?c=1&next=%2Fu%2F0%2Fsecurity"
        );
        assert_eq!(
            with_next("/signin", next.as_ref()),
            "/signin?next=%2Fu%2F0%2Fsecurity"
        );
        assert_eq!(with_next("/signin", None), "/signin");
    }

    use super::{LocalPath, sign_in_link, with_next};

    #[test]
    fn only_our_own_paths_are_accepted() {
        for good in ["/", "/u/0/", "/u/1/security?x=1", "/signin#top"] {
            assert!(LocalPath::parse(good).is_some(), "{good}");
        }
        for bad in [
            "https://evil.example",
            "//evil.example/",
            "/\\evil.example",
            "\\\\evil.example",
            "javascript:alert(1)",
            "evil.example",
            "/u/0/\nLocation: x",
            "",
            " /u/0/",
        ] {
            assert!(LocalPath::parse(bad).is_none(), "{bad:?}");
        }
        assert!(LocalPath::parse(&format!("/{}", "a".repeat(2000))).is_none());
    }

    #[test]
    fn account_pages_follow_the_account_to_its_new_position() {
        let p = LocalPath::parse("/u/3/security?x=1").expect("valid");
        assert_eq!(p.for_position(1).as_str(), "/u/1/security?x=1");
        let other = LocalPath::parse("/reset").expect("valid");
        assert_eq!(other.for_position(1).as_str(), "/reset");
        let odd = LocalPath::parse("/u/x/").expect("valid");
        assert_eq!(odd.for_position(1).as_str(), "/u/x/");
    }
}
