//! Downloading one's data, without a database: how long a file is kept, how long a worker
//! may take to build one, and what the archive holds.

use time::Duration;

/// How long a ready file can be downloaded.
pub const KEPT_FOR: Duration = Duration::days(7);

/// How long a worker holds a request it builds; past it, another may take it over.
pub const LEASE: Duration = Duration::minutes(5);

/// The archive's README: what each file holds, and what is never in it.
pub fn readme(product: &str, with_recovery_keys: bool) -> String {
    let recovery = if with_recovery_keys {
        "recovery_keys.json   BitLocker recovery keys backed up from your PCs (you asked for them:\n                     keep this file somewhere safe)\n"
    } else {
        ""
    };
    format!(
        "Your {product} data\n\n\
         account.json         your account: name, when it was created, its settings\n\
         aliases.json         your email addresses and phone numbers\n\
         sessions.json        the browsers signed in to your account\n\
         activity.json        recent activity (90 days), as the Recent activity page shows it\n\
         devices.json         your PCs, what they last reported and what they share\n\
         reports.json         the reports your PCs sent (90 days)\n\
         licenses.json        your Windows licenses and which PC held them when\n\
         locations.json       your PCs' locations (30 days, only with Find my device on)\n\
         identities.json      sign-in providers linked to your account\n\
         app_access.json      apps you let use your account, and what they may see\n\
         {recovery}\n\
         Never in this archive: your password (only a hash of it is kept), codes, tokens,\n\
         whole product keys (never kept).\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_readme_names_recovery_keys_only_when_asked() {
        assert!(readme("Portico", true).contains("recovery_keys.json"));
        assert!(!readme("Portico", false).contains("recovery_keys.json"));
        assert!(readme("Portico", false).contains("Never in this archive"));
    }
}
