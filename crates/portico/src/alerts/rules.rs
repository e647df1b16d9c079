//! When a sign-in is unusual, without a database.

use time::{Duration, OffsetDateTime};

/// A browser an account used within this long is known to it.
pub const KNOWN_FOR: Duration = Duration::days(90);

/// How long an alert's link can be answered.
pub const ANSWER_WITHIN: Duration = Duration::days(30);

/// What the account knew of the browser before this sign-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seen {
    /// When the account last used this browser, if ever.
    pub last: Option<OffsetDateTime>,
    /// Whether the account knows any other browser at all.
    pub others: bool,
}

/// Whether a sign-in with `method` from a browser the account has `seen` so is one to tell
/// the person about: a browser it has not used in [`KNOWN_FOR`]. Not the sign-up itself,
/// and not an account's first browser on record (an account from before browsers were
/// recorded would otherwise be alerted at its owner's next sign-in).
pub fn is_unusual(method: &str, seen: Seen, now: OffsetDateTime) -> bool {
    if method == "sign_up" {
        return false;
    }
    match seen.last {
        Some(last) if now - last <= KNOWN_FOR => false,
        _ => seen.others,
    }
}

/// How the sign-in was made, as the notice says it (a key of `locales/`; empty: unsaid).
pub fn method_phrase(method: &str) -> &'static str {
    match method {
        "password" => "mail-how-password",
        "code" => "mail-how-code",
        "provider" => "mail-how-provider",
        "passkey" => "mail-how-passkey",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_browser_unused_for_90_days_is_new_again() {
        let now = time::macros::datetime!(2026-12-07 12:00 UTC);
        let known = |days: i64| Seen {
            last: Some(now - Duration::days(days)),
            others: true,
        };
        assert!(!is_unusual("password", known(3), now));
        assert!(!is_unusual("password", known(90), now));
        assert!(is_unusual("password", known(91), now));
        let never = Seen {
            last: None,
            others: true,
        };
        for method in ["password", "code", "provider", "passkey"] {
            assert!(is_unusual(method, never, now), "{method}");
        }
        assert!(!is_unusual("sign_up", never, now));
        let first = Seen {
            last: None,
            others: false,
        };
        assert!(
            !is_unusual("password", first, now),
            "an account's first browser"
        );
    }
}
