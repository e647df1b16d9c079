//! What Portico keeps about a person, for how long, and where it is managed: the privacy
//! page's table, from the constants the retention jobs use.

use crate::i18n::{t, t_with};

/// One kind of data the account holds: what and where as keys of `locales/`, how long in
/// the reader's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    pub what: &'static str,
    pub how_long: String,
    /// The account page where it is managed (under `/u/N/`).
    pub managed_at: &'static str,
    pub managed_label: &'static str,
}

fn days(d: time::Duration) -> String {
    t_with("privacy-days", &[("n", d.whole_days().into())])
}

/// Every kind, in the order the page lists them.
pub fn kept() -> Vec<Kept> {
    vec![
        Kept {
            what: "privacy-kept-profile",
            how_long: t("privacy-until-removed-or-closed"),
            managed_at: "info",
            managed_label: "info-title",
        },
        Kept {
            what: "privacy-kept-sessions",
            how_long: t_with(
                "privacy-until-sign-out",
                &[(
                    "days",
                    days(crate::sessions::SessionPolicy::default().absolute).into(),
                )],
            ),
            managed_at: "security",
            managed_label: "menu-security",
        },
        Kept {
            what: "privacy-kept-browsers",
            how_long: t_with(
                "privacy-after-last-use",
                &[("days", days(crate::alerts::rules::KNOWN_FOR).into())],
            ),
            managed_at: "security",
            managed_label: "menu-security",
        },
        Kept {
            what: "privacy-kept-activity",
            how_long: days(crate::audit::RETENTION),
            managed_at: "activity",
            managed_label: "menu-activity",
        },
        Kept {
            what: "privacy-kept-pcs",
            how_long: t_with(
                "privacy-until-pc-removed",
                &[("days", days(crate::devices::REPORTS_KEPT).into())],
            ),
            managed_at: "devices",
            managed_label: "menu-devices",
        },
        Kept {
            what: "privacy-kept-locations",
            how_long: days(crate::devices::LOCATIONS_KEPT),
            managed_at: "devices",
            managed_label: "menu-devices",
        },
        Kept {
            what: "privacy-kept-recovery",
            how_long: t("privacy-until-deleted"),
            managed_at: "recovery-keys",
            managed_label: "recovery-title",
        },
        Kept {
            what: "privacy-kept-exports",
            how_long: days(crate::exports::rules::KEPT_FOR),
            managed_at: "privacy#export-title",
            managed_label: "privacy-download",
        },
        Kept {
            what: "privacy-kept-apps",
            how_long: t("privacy-until-access-removed"),
            managed_at: "apps",
            managed_label: "menu-apps",
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
