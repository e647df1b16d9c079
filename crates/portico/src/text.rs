//! Words and numbers as people read them: times, waits, initials, in the reader's language
//! ([`crate::i18n`]). It knows nothing of pages or features.

use crate::i18n::{self, t_with};

/// "23 Nov 2026, 20:31 UTC", "23. Nov 2026, 21:31 CET": a moment as pages and messages show
/// it, in the reader's language and time zone (UTC until they choose one), naming the zone.
pub fn format_time(at: time::OffsetDateTime) -> String {
    localized(at, "time-at")
}

/// "5 Feb 2027", "5. Februar 2027": a day, as notices name the day something will happen.
pub fn format_date(at: time::OffsetDateTime) -> String {
    localized(at, "time-day")
}

/// A moment as messages carry it (RFC 3339, UTC): its reader's language and zone are known
/// only when it is sent.
pub fn stamp(at: time::OffsetDateTime) -> String {
    at.to_offset(time::UtcOffset::UTC)
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// A [`stamp`] as its reader reads it; anything else (a message queued before stamps) as is.
pub fn format_stamp(stamp: &str) -> String {
    parse_stamp(stamp).map_or_else(|| stamp.to_owned(), format_time)
}

/// A [`stamp`]'s day as its reader reads it.
pub fn format_stamp_date(stamp: &str) -> String {
    parse_stamp(stamp).map_or_else(|| stamp.to_owned(), format_date)
}

fn parse_stamp(stamp: &str) -> Option<time::OffsetDateTime> {
    time::OffsetDateTime::parse(stamp, &time::format_description::well_known::Rfc3339).ok()
}

/// `key` (a pattern of the reader's language) filled with `at` as the reader's clock shows it.
fn localized(at: time::OffsetDateTime, key: &str) -> String {
    let (local, zone) = i18n::zone().unwrap_or(i18n::Zone::UTC).local(at);
    let time = format!("{:02}:{:02}", local.hour(), local.minute());
    t_with(
        key,
        &[
            // Day and year as text: Fluent would write numbers through floating point.
            ("day", local.day().to_string().into()),
            ("month", u8::from(local.month()).into()),
            ("year", local.year().to_string().into()),
            ("time", time.into()),
            ("zone", zone.into()),
        ],
    )
}

/// "just now", "5 minutes ago", "vor 3 Tagen".
pub fn time_ago(at: time::OffsetDateTime, now: time::OffsetDateTime) -> String {
    let secs = (now - at).whole_seconds();
    let (n, key) = match secs {
        ..60 => return i18n::t("time-just-now"),
        60..3600 => (secs / 60, "time-minutes-ago"),
        3600..86_400 => (secs / 3600, "time-hours-ago"),
        _ => (secs / 86_400, "time-days-ago"),
    };
    t_with(key, &[("n", n.into())])
}

/// "Jo Marchetti" → "JM"; "jo" → "J".
pub fn initials(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let picked = match words.as_slice() {
        [] => vec![],
        [one] => vec![*one],
        [first, .., last] => vec![*first, *last],
    };
    picked
        .iter()
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .collect()
}

/// "1 minute", "45 seconds", "2 Stunden".
pub fn human_wait(wait: time::Duration) -> String {
    let secs = wait.whole_seconds().max(1);
    let (n, key) = if secs < 60 {
        (secs, "wait-seconds")
    } else if secs < 3600 {
        ((secs + 59) / 60, "wait-minutes")
    } else {
        ((secs + 3599) / 3600, "wait-hours")
    };
    t_with(key, &[("n", n.into())])
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn times_read_plainly() {
        let at = datetime!(2026-11-23 20:31:05 UTC);
        assert_eq!(format_time(at), "23 Nov 2026, 20:31 UTC");
        assert_eq!(time_ago(at, at + time::Duration::seconds(30)), "just now");
        assert_eq!(
            time_ago(at, at + time::Duration::minutes(1)),
            "1 minute ago"
        );
        assert_eq!(time_ago(at, at + time::Duration::hours(5)), "5 hours ago");
        assert_eq!(time_ago(at, at + time::Duration::days(3)), "3 days ago");
    }

    #[test]
    fn initials_take_first_and_last_words() {
        assert_eq!(initials("Jo Marchetti"), "JM");
        assert_eq!(initials("ana maria de souza"), "AS");
        assert_eq!(initials("jo"), "J");
        assert_eq!(initials("  "), "");
    }
}
