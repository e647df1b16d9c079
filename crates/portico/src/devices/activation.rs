//! Windows' activation state in Windows' own words (Settings › System › Activation), from
//! `LicenseStatus`, its reason and the key's channel.

use portico_wire::report::is_kms_channel;

use crate::i18n::{t, t_with};
use crate::licenses::rules::KeyKind;

/// What the device page says about activation, in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub headline: String,
    /// What to do, when something needs doing.
    pub advice: Option<String>,
    /// For the list's badge: `ok`, `warning` or `error`.
    pub tone: &'static str,
    /// One or two words for the list and the report history.
    pub label: String,
}

/// What a PC reported of its activation, and what the portal knows of its key.
#[derive(Debug, Clone, Copy, Default)]
pub struct Reported<'a> {
    /// `LicenseStatus`; `None`: nothing reported yet.
    pub status: Option<i16>,
    pub reason: Option<&'a str>,
    /// `ProductKeyChannel`.
    pub channel: Option<&'a str>,
    pub grace_minutes: Option<i32>,
    /// The kind of key its Windows holds, when a report said.
    pub key_kind: Option<KeyKind>,
    /// It holds a digital license linked to the account.
    pub linked_digital: bool,
}

impl Reported<'_> {
    /// Activated by the organization's KMS: Windows says so by the channel, the portal by
    /// the key.
    pub fn kms(&self) -> bool {
        self.channel.is_some_and(is_kms_channel) || self.key_kind == Some(KeyKind::KmsClient)
    }

    /// Whether the key Windows reports is the person's own (and may be shown as theirs).
    pub fn own_key(&self) -> bool {
        !self.kms() && self.key_kind != Some(KeyKind::Generic)
    }

    /// What the page says of a public key in place of a product key.
    pub fn public_key(&self) -> Option<String> {
        if self.kms() {
            Some(t("activation-kms-key"))
        } else if self.key_kind == Some(KeyKind::Generic) {
            Some(t("activation-generic-key"))
        } else {
            None
        }
    }

    /// How Windows says it is activated, as Settings › System › Activation words it.
    fn activated(&self) -> String {
        let channel = self.channel.unwrap_or_default();
        t(if self.kms() {
            "activation-by-kms"
        } else if self.linked_digital {
            "activation-by-linked-digital"
        } else if self.key_kind == Some(KeyKind::Generic) || channel == "OEM:DM" {
            "activation-by-digital"
        } else if channel.starts_with("Volume") {
            "activation-by-volume-key"
        } else {
            "activation-by-key"
        })
    }
}

/// " (3 days left)", or nothing when Windows gave no time.
fn days(grace_minutes: Option<i32>) -> String {
    match grace_minutes {
        Some(m) if m > 0 => {
            let d = (m + 1439) / 1440;
            format!(" ({})", t_with("activation-days-left", &[("n", d.into())]))
        }
        _ => String::new(),
    }
}

/// The message for what a PC reported.
pub fn message(r: &Reported<'_>) -> Message {
    let say = |headline: String, advice: Option<&str>, tone, label: &str| Message {
        headline,
        advice: advice.map(t),
        tone,
        label: t(label),
    };
    let with_grace = |key: &str, grace: &str| t_with(key, &[("grace", grace.to_owned().into())]);
    let grace = days(r.grace_minutes);
    match r.status {
        None => say(
            t("activation-none"),
            None,
            "warning",
            "activation-label-unknown",
        ),
        Some(1) => say(r.activated(), None, "ok", "activation-label-activated"),
        Some(0) => say(
            t("activation-not-activated"),
            Some("activation-advice-enter-key"),
            "error",
            "activation-label-not-activated",
        ),
        Some(2) => say(
            with_grace("activation-initial-grace", &grace),
            Some("activation-advice-connect"),
            "warning",
            "activation-label-grace",
        ),
        Some(3) => say(
            with_grace("activation-again", &grace),
            Some("activation-advice-hardware"),
            "warning",
            "activation-label-needs",
        ),
        Some(4) => say(
            with_grace("activation-not-genuine", &grace),
            Some("activation-advice-genuine"),
            "error",
            "activation-label-not-genuine",
        ),
        Some(5) => say(
            t_with(
                "activation-unlicensed",
                &[("why", t(why_unlicensed(r.reason)).into())],
            ),
            Some("activation-advice-settings"),
            "error",
            "activation-label-not-activated",
        ),
        Some(6) => say(
            with_grace("activation-extended-grace", &grace),
            Some("activation-advice-before-end"),
            "warning",
            "activation-label-grace",
        ),
        Some(_) => say(
            t("activation-unknown"),
            None,
            "warning",
            "activation-label-unknown",
        ),
    }
}

/// Why Windows is unlicensed, from the status reason it gave (an HRESULT): a key.
fn why_unlicensed(reason: Option<&str>) -> &'static str {
    match reason.map(str::to_ascii_uppercase).as_deref() {
        Some("0XC004F009") => "activation-why-grace-ended",
        Some("0XC004F200") => "activation-why-not-genuine",
        Some("0XC004F034") => "activation-why-no-license",
        _ => "activation-why-other",
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
                "Windows is activated using your organization's activation service",
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
            let m = message(&Reported {
                status,
                reason,
                channel,
                grace_minutes: Some(3 * 1440 - 10),
                ..Reported::default()
            });
            assert!(m.headline.contains(words), "{status:?}: {}", m.headline);
            assert_eq!(m.tone, tone, "{status:?}");
        }
        let not = Reported {
            status: Some(0),
            ..Reported::default()
        };
        assert!(message(&not).advice.is_some());
        let linked = Reported {
            status: Some(1),
            channel: Some("Retail"),
            linked_digital: true,
            ..Reported::default()
        };
        assert_eq!(
            message(&linked).headline,
            "Windows is activated with a digital license linked to your Portico account"
        );
        assert_eq!(masked_key("3V66T"), "XXXXX-XXXXX-XXXXX-XXXXX-3V66T");
    }

    #[test]
    fn a_public_key_is_never_the_persons_product_key() {
        // The generic Pro key reports the Retail channel; after its digital license moved
        // away, the PC still holds a digital license as far as Windows says, not a key.
        let generic = Reported {
            status: Some(1),
            channel: Some("Retail"),
            key_kind: Some(KeyKind::Generic),
            ..Reported::default()
        };
        assert_eq!(
            message(&generic).headline,
            "Windows is activated with a digital license"
        );
        assert!(!generic.own_key());
        // A KMS client says what Windows says, even when the licensing service's channel
        // did not come with the report.
        let kms = Reported {
            status: Some(1),
            key_kind: Some(KeyKind::KmsClient),
            linked_digital: true,
            ..Reported::default()
        };
        assert_eq!(
            message(&kms).headline,
            "Windows is activated using your organization's activation service"
        );
        assert!(!kms.own_key());
        let own = Reported {
            status: Some(1),
            channel: Some("Retail"),
            key_kind: Some(KeyKind::Own),
            ..Reported::default()
        };
        assert!(own.own_key());
        assert!(
            Reported::default().own_key(),
            "an older agent's key is shown as before"
        );
    }
}
