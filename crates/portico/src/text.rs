//! Words and numbers as people read them: times, waits, initials. Below every other
//! module: it knows nothing of pages or features.

/// "23 Nov 2026, 20:31 UTC": times as pages show them (the server does not know the
/// reader's time zone, so it says which one it uses).
pub fn format_time(at: time::OffsetDateTime) -> String {
    let format = time::macros::format_description!(
        "[day padding:none] [month repr:short] [year], [hour]:[minute] UTC"
    );
    at.to_offset(time::UtcOffset::UTC)
        .format(&format)
        .unwrap_or_else(|_| at.to_string())
}

/// "5 Feb 2027": a day, as notices name the day something will happen.
pub fn format_date(at: time::OffsetDateTime) -> String {
    let format = time::macros::format_description!("[day padding:none] [month repr:short] [year]");
    at.to_offset(time::UtcOffset::UTC)
        .format(&format)
        .unwrap_or_else(|_| at.to_string())
}

/// "just now", "5 minutes ago", "3 days ago".
pub fn time_ago(at: time::OffsetDateTime, now: time::OffsetDateTime) -> String {
    let secs = (now - at).whole_seconds();
    let (n, unit) = match secs {
        ..60 => return "just now".to_owned(),
        60..3600 => (secs / 60, "minute"),
        3600..86_400 => (secs / 3600, "hour"),
        _ => (secs / 86_400, "day"),
    };
    format!("{n} {unit}{} ago", if n == 1 { "" } else { "s" })
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

/// "1 minute", "45 seconds", "2 hours".
pub fn human_wait(wait: time::Duration) -> String {
    let secs = wait.whole_seconds().max(1);
    let (n, unit) = if secs < 60 {
        (secs, "second")
    } else if secs < 3600 {
        ((secs + 59) / 60, "minute")
    } else {
        ((secs + 3599) / 3600, "hour")
    };
    format!("{n} {unit}{}", if n == 1 { "" } else { "s" })
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
