//! BitLocker's recovery-password protectors as both sides read them: the agent when it
//! parses what Windows says, the portal when it checks a report. One rule each for the
//! protector ID and the 48-digit recovery password.

/// A protector ID as BitLocker writes it: `{8-4-4-4-12}` hex, returned in upper case (the
/// recovery screen shows its first eight characters).
pub fn protector_id(text: &str) -> Option<String> {
    let inner = text.strip_prefix('{')?.strip_suffix('}')?;
    let parts: Vec<&str> = inner.split('-').collect();
    let shape = [8, 4, 4, 4, 12];
    (parts.len() == 5
        && parts
            .iter()
            .zip(shape)
            .all(|(p, n)| p.len() == n && p.bytes().all(|b| b.is_ascii_hexdigit())))
    .then(|| format!("{{{}}}", inner.to_ascii_uppercase()))
}

/// Whether `text` is written as a report carries a recovery password: eight groups of six
/// digits joined by dashes. What the portal checks (the agent has already applied
/// [`recovery_password`]'s check to what Windows gave it; a schema cannot say it).
pub fn is_recovery_password_shape(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.len() == 8
        && groups
            .iter()
            .all(|g| g.len() == 6 && g.bytes().all(|b| b.is_ascii_digit()))
}

/// A recovery password, as eight dash-separated groups of six digits (dashes optional in
/// `text`). Each group is a multiple of 11 below 720,896 (eleven times a 16-bit word):
/// BitLocker's own check of a typed password, so a mistyped or made-up one is refused.
pub fn recovery_password(text: &str) -> Option<String> {
    let digits: String = text.trim().chars().filter(|c| *c != '-').collect();
    if digits.len() != 48 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let groups: Vec<&str> = (0..8).map(|i| &digits[i * 6..i * 6 + 6]).collect();
    let valid = groups.iter().all(|g| {
        g.parse::<u32>()
            .is_ok_and(|n| n % 11 == 0 && n / 11 <= u32::from(u16::MAX))
    });
    valid.then(|| groups.join("-"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A made-up password that passes BitLocker's check (every group a multiple of 11).
    const PASSWORD: &str = "123453-234564-345675-456786-567897-679008-011011-000000";

    #[test]
    fn a_recovery_password_passes_bitlockers_own_check() {
        assert_eq!(recovery_password(PASSWORD).as_deref(), Some(PASSWORD));
        assert_eq!(
            recovery_password(&PASSWORD.replace('-', "")).as_deref(),
            Some(PASSWORD)
        );
        let no_multiple = "123456-234564-345675-456786-567897-679008-011011-000000";
        assert_eq!(
            recovery_password(no_multiple),
            None,
            "123456 is no multiple of 11"
        );
        let too_big = "720907-234564-345675-456786-567897-679008-011011-000000";
        assert_eq!(recovery_password(too_big), None, "above 11 × 65535");
        assert_eq!(recovery_password("12345-6"), None);
        assert_eq!(recovery_password(&PASSWORD.replace('1', "a")), None);
        assert!(is_recovery_password_shape(PASSWORD));
        assert!(is_recovery_password_shape(no_multiple), "the shape only");
        for bad in [
            &PASSWORD.replace('-', ""),
            &format!(" {PASSWORD}"),
            "123453-2345",
        ] {
            assert!(!is_recovery_password_shape(bad), "{bad}");
        }
    }

    #[test]
    fn a_protector_id_is_a_braced_guid_in_upper_case() {
        assert_eq!(
            protector_id("{6f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f}").as_deref(),
            Some("{6F1C2D3E-4B5A-4C6D-8E9F-0A1B2C3D4E5F}")
        );
        for bad in [
            " {6F1C2D3E-4B5A-4C6D-8E9F-0A1B2C3D4E5F}",
            "6F1C2D3E-4B5A-4C6D-8E9F-0A1B2C3D4E5F",
            "{6F1C2D3E-4B5A-4C6D-8E9F-0A1B2C3D4E5}",
            "{6F1C2D3E-4B5A-4C6D-8E9F-0A1B2C3D4E5G}",
            "{6F1C2D3E4B5A-4C6D-8E9F-0A1B2C3D4E5F0}",
        ] {
            assert_eq!(protector_id(bad), None, "{bad}");
        }
    }
}
