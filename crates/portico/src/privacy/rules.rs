//! What Portico keeps about a person, for how long, and where it is managed: the privacy
//! page's table, from the constants the retention jobs use.

/// One kind of data the account holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    pub what: &'static str,
    pub how_long: String,
    /// The account page where it is managed (under `/u/N/`).
    pub managed_at: &'static str,
    pub managed_label: &'static str,
}

fn days(d: time::Duration) -> String {
    format!("{} days", d.whole_days())
}

/// Every kind, in the order the page lists them.
pub fn kept() -> Vec<Kept> {
    vec![
        Kept {
            what: "Your name, email addresses and phone numbers",
            how_long: "Until you remove them or close your account".to_owned(),
            managed_at: "info",
            managed_label: "Your info",
        },
        Kept {
            what: "Signed-in browsers (browser, IP address, times)",
            how_long: format!(
                "Until you sign out, at most {}",
                days(crate::sessions::SessionPolicy::default().absolute)
            ),
            managed_at: "security",
            managed_label: "Security",
        },
        Kept {
            what: "Browsers you signed in with (a random mark, to tell you about new ones)",
            how_long: format!(
                "{} after the last use",
                days(crate::alerts::rules::KNOWN_FOR)
            ),
            managed_at: "security",
            managed_label: "Security",
        },
        Kept {
            what: "Recent activity (sign-ins, changes, from where)",
            how_long: days(crate::audit::RETENTION),
            managed_at: "activity",
            managed_label: "Recent activity",
        },
        Kept {
            what: "Your PCs and what they report (Windows edition, activation, licenses)",
            how_long: format!(
                "Until you remove the PC; each report's record {}",
                days(crate::devices::REPORTS_KEPT)
            ),
            managed_at: "devices",
            managed_label: "Devices",
        },
        Kept {
            what: "Locations of your PCs (only with Find my device on)",
            how_long: days(crate::devices::LOCATIONS_KEPT),
            managed_at: "devices",
            managed_label: "Devices",
        },
        Kept {
            what: "BitLocker recovery keys (only when you turned backup on; encrypted)",
            how_long: "Until you delete them or remove the PC".to_owned(),
            managed_at: "recovery-keys",
            managed_label: "Recovery keys",
        },
        Kept {
            what: "Copies of your data you asked for (below)",
            how_long: days(crate::exports::rules::KEPT_FOR),
            managed_at: "privacy#export-title",
            managed_label: "Download your data",
        },
        Kept {
            what: "Apps you let use your account, and what they may see",
            how_long: "Until you remove their access".to_owned(),
            managed_at: "apps",
            managed_label: "Apps and services",
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_says_the_periods_the_jobs_use() {
        let kept = kept();
        let activity = kept
            .iter()
            .find(|k| k.managed_at == "activity")
            .expect("activity");
        assert_eq!(activity.how_long, "90 days");
        assert!(kept.iter().any(|k| k.how_long == "30 days"), "locations");
    }
}
