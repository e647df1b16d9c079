//! The recovery keys' pure rules: what a report may carry, how a typed key ID finds a key,
//! and what sealing binds a password to.

use portico_wire::bitlocker;
use portico_wire::report::{MAX_RECOVERY_KEYS, RecoveryKey};
use uuid::Uuid;

use crate::devices::FieldError;
use crate::devices::rules::text;

fn refused(field: &'static str, why: &'static str) -> FieldError {
    FieldError { field, why }
}

/// Checks a report's recovery keys, exactly as the agent API's schema describes them. The
/// refusal names the field and never echoes a value: the agent logs it.
pub fn validate(keys: &[RecoveryKey]) -> Result<(), FieldError> {
    if keys.len() > MAX_RECOVERY_KEYS {
        return Err(refused("recovery_keys", "lists more than 32 keys"));
    }
    for key in keys {
        let volume = key.volume.trim();
        if volume.is_empty() {
            return Err(refused("recovery_keys.volume", "is empty"));
        }
        text("recovery_keys.volume", Some(volume), 100)?;
        if bitlocker::protector_id(&key.protector_id).is_none() {
            return Err(refused(
                "recovery_keys.protector_id",
                "must be a protector ID in braces, {8-4-4-4-12} hex digits",
            ));
        }
        if !bitlocker::is_recovery_password_shape(&key.recovery_password) {
            return Err(refused(
                "recovery_keys.recovery_password",
                "is not a BitLocker recovery password (eight groups of six digits joined by dashes)",
            ));
        }
    }
    Ok(())
}

/// The hex digits of a key ID as a person types it from the recovery screen: braces,
/// dashes and spaces dropped, upper case. At least the eight the screen shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypedKeyId(String);

/// Why a typed key ID finds nothing, in the page's words.
pub const KEY_ID_HELP: &str = "recovery-key-id-help";

impl TypedKeyId {
    pub fn parse(typed: &str) -> Option<Self> {
        let hex: String = typed
            .chars()
            .filter(|c| !matches!(c, '{' | '}' | '-') && !c.is_whitespace())
            .collect();
        (hex.len() >= 8 && hex.len() <= 32 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| Self(hex.to_ascii_uppercase()))
    }

    /// The first eight digits, which the store's index finds.
    pub fn first8(&self) -> &str {
        &self.0[..8]
    }

    /// Whether the stored protector ID (`{6F1C2D3E-…}`) starts with what was typed.
    pub fn matches(&self, protector_id: &str) -> bool {
        let stored: String = protector_id
            .chars()
            .filter(|c| c.is_ascii_hexdigit())
            .collect();
        stored.starts_with(&self.0)
    }
}

/// The eight characters the recovery screen shows of a protector ID.
pub fn screen_id(protector_id: &str) -> &str {
    protector_id
        .strip_prefix('{')
        .and_then(|rest| rest.get(..8))
        .unwrap_or(protector_id)
}

/// What a sealed password is bound to: a sealed value copied to another device's or
/// protector's row does not open.
pub fn seal_context<'a>(device_id: &'a Uuid, protector_id: &'a str) -> [&'a [u8]; 3] {
    [
        b"bitlocker-recovery-password",
        device_id.as_bytes(),
        protector_id.as_bytes(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    const PASSWORD: &str = "123453-234564-345675-456786-567897-679008-011011-000000";
    const ID: &str = "{6F1C2D3E-4B5A-4C6D-8E9F-0A1B2C3D4E5F}";

    fn key(volume: &str, id: &str, password: &str) -> RecoveryKey {
        RecoveryKey {
            volume: volume.to_owned(),
            protector_id: id.to_owned(),
            recovery_password: password.to_owned(),
        }
    }

    #[test]
    fn a_report_s_keys_are_checked_without_echoing_them() {
        assert_eq!(validate(&[key("C:", ID, PASSWORD)]), Ok(()));
        let bad_password = validate(&[key("C:", ID, &PASSWORD.replace("123453", "12345"))])
            .expect_err("five digits");
        assert_eq!(bad_password.field, "recovery_keys.recovery_password");
        assert!(!bad_password.why.contains("123"));
        assert_eq!(
            validate(&[key("C:", "6F1C2D3E", PASSWORD)])
                .expect_err("no braces")
                .field,
            "recovery_keys.protector_id"
        );
        assert_eq!(
            validate(&[key("C:", ID, PASSWORD), key("D:", ID, PASSWORD)]),
            Ok(()),
            "listed twice: the first one counts"
        );
        assert_eq!(
            validate(&[key(" ", ID, PASSWORD)])
                .expect_err("no volume")
                .field,
            "recovery_keys.volume"
        );
        let many: Vec<RecoveryKey> = (0..33)
            .map(|i| {
                key(
                    "C:",
                    &format!("{{{i:08X}-0000-0000-0000-000000000000}}"),
                    PASSWORD,
                )
            })
            .collect();
        assert_eq!(
            validate(&many).expect_err("too many").field,
            "recovery_keys"
        );
    }

    #[test]
    fn a_key_id_typed_from_the_recovery_screen_finds_its_key() {
        let typed = TypedKeyId::parse(" 6f1c2d3e ").expect("eight digits");
        assert_eq!(typed.first8(), "6F1C2D3E");
        assert!(typed.matches(ID));
        let longer = TypedKeyId::parse("{6F1C2D3E-4B5A-4C").expect("more");
        assert!(longer.matches(ID));
        assert!(
            !TypedKeyId::parse("6F1C2D3E-4B5B")
                .expect("more")
                .matches(ID)
        );
        assert_eq!(TypedKeyId::parse("6F1C2D3"), None, "fewer than eight");
        assert_eq!(TypedKeyId::parse("6F1C2D3G"), None, "not hex");
        assert_eq!(screen_id(ID), "6F1C2D3E");
    }
}
