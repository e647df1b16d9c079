//! Closing an account, without a database: when it is deleted, and how long a sign-in's
//! offer to reopen it lasts.

use time::{Duration, OffsetDateTime};

/// How long the "Reopen your account" button of a sign-in works.
pub const REOPEN_WITHIN: Duration = Duration::minutes(15);

/// When an account closed at `now` is deleted for good.
pub fn delete_after(now: OffsetDateTime, grace: Duration) -> OffsetDateTime {
    now + grace
}

/// Whether the form's box "I understand" was ticked.
pub fn understood(ticked: &str) -> bool {
    ticked == "on"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_account_is_deleted_after_its_grace_and_only_a_tick_closes_it() {
        let now = time::macros::datetime!(2026-12-07 12:00 UTC);
        assert_eq!(
            delete_after(now, Duration::days(60)),
            time::macros::datetime!(2027-02-05 12:00 UTC)
        );
        assert!(understood("on"));
        assert!(!understood(""));
        assert!(!understood("yes"));
    }
}
