//! The passkeys' pure rules: names, how many, the options' preference for discoverable
//! credentials, and the backup flags of a stored credential.

use webauthn_rs::prelude::Passkey;

/// The most passkeys an account holds.
pub const MAX_PASSKEYS: i64 = 10;

/// A passkey's name as typed: trimmed, 1 to 60 characters, no control characters.
pub fn name(typed: &str) -> Option<&str> {
    let name = typed.trim();
    (!name.is_empty() && name.chars().count() <= 60 && !name.chars().any(char::is_control))
        .then_some(name)
}

/// Why a name is refused, in the page's words (a key of `locales/`).
pub const NAME_HELP: &str = "passkey-name-help";

/// Asks the browser for a discoverable credential where it can make one (a passkey that
/// signs in without a typed alias), without refusing an authenticator that cannot: the
/// library's passkey options leave residence to the authenticator.
pub fn prefer_discoverable(options: &mut serde_json::Value) {
    let selection = &mut options["publicKey"]["authenticatorSelection"];
    if selection.is_object() {
        selection["residentKey"] = "preferred".into();
        selection["requireResidentKey"] = false.into();
    }
}

/// Whether the credential may be backed up (synced), and is: the library keeps them in its
/// serialised form only.
pub fn backup_flags(passkey: &Passkey) -> (bool, bool) {
    let value = serde_json::to_value(passkey).unwrap_or_default();
    let flag = |name: &str| value["cred"][name].as_bool().unwrap_or(false);
    (flag("backup_eligible"), flag("backup_state"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_short_visible_text() {
        assert_eq!(name("  Chrome on Windows "), Some("Chrome on Windows"));
        assert_eq!(name("   "), None);
        assert_eq!(name(&"x".repeat(61)), None);
        assert_eq!(name("a\u{7}b"), None);
    }

    #[test]
    fn discoverable_credentials_are_preferred_not_required() {
        let mut options = serde_json::json!({
            "publicKey": { "authenticatorSelection": { "residentKey": "discouraged", "requireResidentKey": false, "userVerification": "required" } }
        });
        prefer_discoverable(&mut options);
        let selection = &options["publicKey"]["authenticatorSelection"];
        assert_eq!(selection["residentKey"], "preferred");
        assert_eq!(selection["requireResidentKey"], false);
        assert_eq!(selection["userVerification"], "required");
    }
}
