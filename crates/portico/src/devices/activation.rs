//! Windows' activation state in Windows' own words (Settings › System › Activation), from
//! `LicenseStatus`, its reason and the key's channel.

/// What the device page says about activation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub headline: String,
    /// What to do, when something needs doing.
    pub advice: Option<&'static str>,
    /// For the list's badge: `ok`, `warning` or `error`.
    pub tone: &'static str,
    /// One or two words for the list and the report history.
    pub label: &'static str,
}

/// How the key came, as the page names it.
fn by_channel(channel: Option<&str>) -> &'static str {
    match channel.unwrap_or_default() {
        c if c.starts_with("Volume") => "by your organisation's activation service",
        "OEM:DM" => "with a digital license",
        _ => "with a product key",
    }
}

fn days(grace_minutes: Option<i32>) -> String {
    match grace_minutes {
        Some(m) if m > 0 => {
            let d = (m + 1439) / 1440;
            format!(" ({d} day{} left)", if d == 1 { "" } else { "s" })
        }
        _ => String::new(),
    }
}

/// The message for a report's state; `None` status: nothing reported yet. With
/// `linked_digital`, the PC holds a digital license linked to the account.
pub fn message(
    status: Option<i16>,
    reason: Option<&str>,
    channel: Option<&str>,
    grace_minutes: Option<i32>,
    linked_digital: bool,
) -> Message {
    let say = |headline: String, advice: Option<&'static str>, tone, label| Message {
        headline,
        advice,
        tone,
        label,
    };
    let grace = days(grace_minutes);
    match status {
        None => say(
            "No activation state reported yet.".to_owned(),
            None,
            "warning",
            "Unknown",
        ),
        Some(1) if linked_digital => say(
            "Windows is activated with a digital license linked to your Portico account".to_owned(),
            None,
            "ok",
            "Activated",
        ),
        Some(1) => say(
            format!("Windows is activated {}", by_channel(channel)),
            None,
            "ok",
            "Activated",
        ),
        Some(0) => say(
            "Windows is not activated".to_owned(),
            Some(
                "Enter a product key in Settings › System › Activation, or run the Activation Troubleshooter there.",
            ),
            "error",
            "Not activated",
        ),
        Some(2) => say(
            format!("Windows isn't activated yet: it is in its first grace period{grace}"),
            Some(
                "Connect the PC to the internet so that Windows can activate, or enter a product key.",
            ),
            "warning",
            "Grace period",
        ),
        Some(3) => say(
            format!("Windows needs to activate again{grace}"),
            Some(
                "The hardware changed, or your organisation's activation service wasn't reached. If you changed hardware, use \"I changed hardware on this device recently\".",
            ),
            "warning",
            "Needs activation",
        ),
        Some(4) => say(
            format!("Windows is not activated: its key was reported as not genuine{grace}"),
            Some("Buy a genuine product key, or contact the seller of this PC."),
            "error",
            "Not genuine",
        ),
        Some(5) => say(
            format!("Windows is not activated: {}", why_unlicensed(reason)),
            Some(
                "Open Settings › System › Activation to enter a product key or run the Activation Troubleshooter.",
            ),
            "error",
            "Not activated",
        ),
        Some(6) => say(
            format!("Windows is in an extended grace period{grace}"),
            Some("Activate Windows before the period ends."),
            "warning",
            "Grace period",
        ),
        Some(_) => say(
            "Windows reported an activation state this portal doesn't know.".to_owned(),
            None,
            "warning",
            "Unknown",
        ),
    }
}

/// Why Windows is unlicensed, from the status reason it gave (an HRESULT).
fn why_unlicensed(reason: Option<&str>) -> &'static str {
    match reason.map(str::to_ascii_uppercase).as_deref() {
        Some("0XC004F009") => "its grace period has ended",
        Some("0XC004F200") => "this copy isn't genuine",
        Some("0XC004F034") => "the license could not be found or was invalid",
        _ => "it could not be activated",
    }
}

/// The key as the page shows it: `XXXXX-XXXXX-XXXXX-XXXXX-` and its last five.
pub fn masked_key(last5: &str) -> String {
    format!("XXXXX-XXXXX-XXXXX-XXXXX-{last5}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_license_status_has_its_words() {
        let cases = [
            (
                Some(1),
                None,
                Some("Retail"),
                "Windows is activated with a product key",
                "ok",
            ),
            (
                Some(1),
                None,
                Some("OEM:DM"),
                "Windows is activated with a digital license",
                "ok",
            ),
            (
                Some(1),
                None,
                Some("Volume:GVLK"),
                "Windows is activated by your organisation's activation service",
                "ok",
            ),
            (Some(0), None, None, "Windows is not activated", "error"),
            (
                Some(2),
                None,
                None,
                "first grace period (3 days left)",
                "warning",
            ),
            (
                Some(3),
                None,
                None,
                "needs to activate again (3 days left)",
                "warning",
            ),
            (Some(4), None, None, "not genuine", "error"),
            (
                Some(5),
                Some("0xC004F009"),
                None,
                "its grace period has ended",
                "error",
            ),
            (
                Some(5),
                Some("0xc004f200"),
                None,
                "this copy isn't genuine",
                "error",
            ),
            (Some(6), None, None, "extended grace period", "warning"),
            (
                None,
                None,
                None,
                "No activation state reported yet",
                "warning",
            ),
        ];
        for (status, reason, channel, words, tone) in cases {
            let m = message(status, reason, channel, Some(3 * 1440 - 10), false);
            assert!(m.headline.contains(words), "{status:?}: {}", m.headline);
            assert_eq!(m.tone, tone, "{status:?}");
        }
        assert!(message(Some(0), None, None, None, false).advice.is_some());
        assert_eq!(
            message(Some(1), None, Some("Retail"), None, true).headline,
            "Windows is activated with a digital license linked to your Portico account"
        );
        assert_eq!(masked_key("3V66T"), "XXXXX-XXXXX-XXXXX-XXXXX-3V66T");
    }
}
