//! What decides about a license, without a database: which reports it accepts, when a
//! license is tied to hardware, how it is known, and when it may move.

use portico_wire::report::{License, LicenseChannel, is_kms_channel};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::crypto::{Generation, KeyPurpose, Keys};
use crate::devices::FieldError;

pub fn channel_name(channel: LicenseChannel) -> &'static str {
    match channel {
        LicenseChannel::Retail => "Retail",
        LicenseChannel::Oem => "OEM",
        LicenseChannel::VolumeMak => "Volume:MAK",
        LicenseChannel::VolumeGvlk => "Volume:GVLK",
        LicenseChannel::Digital => "Digital",
    }
}

/// What kind of key a PC's Windows holds: a public one (a generic installation key, a KMS
/// client key) is never shown as the person's product key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    /// A key of the person's (or their organization's) own: Retail, OEM or MAK.
    Own,
    /// A generic installation key: a digital license activates Windows.
    Generic,
    /// A public KMS client key: the organization's activation service activates Windows.
    KmsClient,
}

impl KeyKind {
    /// The kind of the key a report's license names.
    pub fn of(license: &License) -> Self {
        match (license.channel, license.generic, &license.key_sha256) {
            (LicenseChannel::VolumeGvlk, _, _) => Self::KmsClient,
            (_, true, _) | (LicenseChannel::Digital, _, None) => Self::Generic,
            _ => Self::Own,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Own => "own",
            Self::Generic => "generic",
            Self::KmsClient => "kms_client",
        }
    }

    pub fn parse(stored: &str) -> Option<Self> {
        [Self::Own, Self::Generic, Self::KmsClient]
            .into_iter()
            .find(|k| k.as_str() == stored)
    }
}

/// How the Licenses page names a license, from how it was obtained, in the reader's language.
pub fn kind_label(kind: &str, channel: &str) -> String {
    crate::i18n::t(match channel {
        c if is_kms_channel(c) => "license-kind-kms",
        c if c.starts_with("Volume") => "license-kind-mak",
        _ if kind == "digital" => "license-kind-digital",
        "OEM" => "license-kind-oem",
        _ => "license-kind-key",
    })
}

/// Checks the license part of a report.
pub fn validate(license: &License) -> Result<(), FieldError> {
    let refuse = |field, why| Err(FieldError { field, why });
    if let Some(h) = &license.key_sha256
        && (h.len() != 64 || !h.bytes().all(|b| b.is_ascii_hexdigit()))
    {
        return refuse("license.key_sha256", "must be a SHA-256 in hex");
    }
    if let Some(k) = &license.last5
        && (k.len() != 5
            || !k
                .bytes()
                .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase()))
    {
        return refuse("license.last5", "must be the key's last five characters");
    }
    if license.key_sha256.is_some() != license.last5.is_some() {
        return refuse("license.last5", "comes with key_sha256, and only with it");
    }
    let bad = |s: &str, max: usize| s.chars().count() > max || s.chars().any(char::is_control);
    if license.product.trim().is_empty() || bad(&license.product, 100) {
        return refuse("license.product", "must be 1 to 100 characters");
    }
    if bad(&license.edition, 100) {
        return refuse("license.edition", "must be at most 100 characters");
    }
    if !matches!(
        license.source.as_str(),
        "registry" | "firmware" | "wmi" | "file"
    ) {
        return refuse("license.source", "must be registry, firmware, wmi or file");
    }
    Ok(())
}

/// Whether a license is tied to hardware rather than to a key of the person's own.
pub fn is_digital(license: &License) -> bool {
    license.key_sha256.is_none()
        || license.generic
        || matches!(
            license.channel,
            LicenseChannel::Digital | LicenseChannel::VolumeGvlk
        )
}

/// The fingerprint that identifies the license: the key's, or the first device's.
pub fn fingerprint(keys: &Keys, license: &License, device_id: Uuid) -> [u8; 32] {
    fingerprints(keys, license, device_id)[0].0
}

/// The license's fingerprint under each configured secret key, current first: a license
/// stored before a key rotation is still found (and then keyed again).
pub fn fingerprints(
    keys: &Keys,
    license: &License,
    device_id: Uuid,
) -> Vec<([u8; 32], Generation)> {
    match (&license.key_sha256, is_digital(license)) {
        (Some(hash), false) => keys.macs(
            KeyPurpose::LicenseKey,
            &[b"key", hash.to_ascii_lowercase().as_bytes()],
        ),
        _ => device_fingerprints(keys, device_id, &license.product, &license.edition),
    }
}

/// The fingerprints of a license tied to the device it was first seen on.
pub fn device_fingerprints(
    keys: &Keys,
    device_id: Uuid,
    product: &str,
    edition: &str,
) -> Vec<([u8; 32], Generation)> {
    keys.macs(
        KeyPurpose::LicenseKey,
        &[
            b"device",
            device_id.as_bytes(),
            product.as_bytes(),
            edition.as_bytes(),
        ],
    )
}

/// How many times a license may move in [`MOVE_WINDOW`].
pub const MOVES_PER_WINDOW: usize = 3;
pub const MOVE_WINDOW: time::Duration = time::Duration::days(90);

/// Why a license cannot move.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoveRefusal {
    #[error("{}", crate::i18n::t("license-oem-fixed"))]
    Oem,
    #[error("{}", crate::i18n::t("license-volume-fixed"))]
    Volume,
    #[error("{}", crate::i18n::t_with("license-too-many-moves", &[("n", MOVES_PER_WINDOW.into()), ("at", crate::text::format_time(*.0).into())]))]
    TooManyMoves(OffsetDateTime),
    #[error("{}", crate::i18n::t("license-same-device"))]
    SameDevice,
}

/// Where a license would go: to another PC, or back to its holder, whose hardware may
/// have changed (the license then moves to the holder's new hardware).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Other,
    Holder { hardware_changed: bool },
}

/// Whether a license of `channel` may move now to `target`, having moved at these times
/// (oldest first) in the last [`MOVE_WINDOW`].
pub fn check_move(
    channel: &str,
    target: Target,
    recent_moves: &[OffsetDateTime],
) -> Result<(), MoveRefusal> {
    if target
        == (Target::Holder {
            hardware_changed: false,
        })
    {
        return Err(MoveRefusal::SameDevice);
    }
    match channel {
        "OEM" => return Err(MoveRefusal::Oem),
        c if c.starts_with("Volume") => return Err(MoveRefusal::Volume),
        _ => {}
    }
    if recent_moves.len() >= MOVES_PER_WINDOW {
        let next = recent_moves[recent_moves.len() - MOVES_PER_WINDOW] + MOVE_WINDOW;
        return Err(MoveRefusal::TooManyMoves(next));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::SecretKey;

    fn license(hash: Option<&str>, channel: LicenseChannel, generic: bool) -> License {
        License {
            key_sha256: hash.map(str::to_owned),
            last5: hash.map(|_| "3V66T".to_owned()),
            product: "Windows 11 Pro".to_owned(),
            edition: "Professional".to_owned(),
            channel,
            source: "registry".to_owned(),
            generic,
        }
    }

    #[test]
    fn keys_are_known_by_their_hash_and_generic_installs_by_their_device() {
        let keys =
            Keys::derive(&SecretKey::parse("unit-test-secret-key-0123456789abcdef").expect("key"));
        let hash = "ab".repeat(32);
        let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
        let retail = license(Some(&hash), LicenseChannel::Retail, false);
        assert_eq!(
            fingerprint(&keys, &retail, a),
            fingerprint(&keys, &retail, b),
            "one key, one license"
        );
        assert!(!is_digital(&retail));
        let gvlk = license(Some(&hash), LicenseChannel::VolumeGvlk, true);
        assert!(
            is_digital(&gvlk),
            "a volume client key is not the person's own"
        );
        assert_ne!(fingerprint(&keys, &gvlk, a), fingerprint(&keys, &gvlk, b));
        let generic = license(Some(&hash), LicenseChannel::Retail, true);
        assert!(
            is_digital(&generic),
            "a generic install key is not the person's own"
        );
        let digital = license(None, LicenseChannel::Digital, false);
        assert!(is_digital(&digital));
        assert_ne!(
            fingerprint(&keys, &digital, a),
            fingerprint(&keys, &digital, b)
        );
    }

    #[test]
    fn retail_and_digital_move_three_times_in_ninety_days() {
        let now = time::macros::datetime!(2026-11-23 12:00 UTC);
        assert_eq!(check_move("OEM", Target::Other, &[]), Err(MoveRefusal::Oem));
        assert_eq!(
            check_move("Volume:MAK", Target::Other, &[]),
            Err(MoveRefusal::Volume)
        );
        assert_eq!(
            check_move("Volume:GVLK", Target::Other, &[]),
            Err(MoveRefusal::Volume)
        );
        assert_eq!(check_move("Retail", Target::Other, &[now, now]), Ok(()));
        assert_eq!(check_move("Digital", Target::Other, &[]), Ok(()));
        assert!(matches!(
            check_move("Retail", Target::Other, &[now, now, now]),
            Err(MoveRefusal::TooManyMoves(_))
        ));
        let holder = |hardware_changed| Target::Holder { hardware_changed };
        assert_eq!(
            check_move("Retail", holder(false), &[]),
            Err(MoveRefusal::SameDevice)
        );
        assert_eq!(
            check_move("Digital", holder(true), &[]),
            Ok(()),
            "to the holder's new hardware"
        );
    }

    #[test]
    fn public_keys_are_told_from_the_persons_own() {
        let hash = "ab".repeat(32);
        let kind = |channel, generic| KeyKind::of(&license(Some(&hash), channel, generic));
        assert_eq!(kind(LicenseChannel::VolumeGvlk, false), KeyKind::KmsClient);
        assert_eq!(kind(LicenseChannel::VolumeGvlk, true), KeyKind::KmsClient);
        assert_eq!(kind(LicenseChannel::Digital, true), KeyKind::Generic);
        assert_eq!(kind(LicenseChannel::Retail, false), KeyKind::Own);
        assert_eq!(kind(LicenseChannel::VolumeMak, false), KeyKind::Own);
        for k in [KeyKind::Own, KeyKind::Generic, KeyKind::KmsClient] {
            assert_eq!(KeyKind::parse(k.as_str()), Some(k));
        }
    }

    #[test]
    fn a_kms_license_is_never_called_digital() {
        assert_eq!(
            kind_label("digital", "Volume:GVLK"),
            "Volume license from your organization (KMS)"
        );
        assert_eq!(kind_label("digital", "Digital"), "Digital license");
        assert_eq!(kind_label("key", "Retail"), "Product key");
        assert!(kind_label("key", "Volume:MAK").contains("MAK"));
        assert!(kind_label("key", "OEM").contains("OEM"));
    }

    #[test]
    fn licenses_are_checked() {
        let hash = "ab".repeat(32);
        assert!(validate(&license(Some(&hash), LicenseChannel::Retail, false)).is_ok());
        let mut bad = license(Some("xyz"), LicenseChannel::Retail, false);
        assert_eq!(
            validate(&bad).map_err(|e| e.field),
            Err("license.key_sha256")
        );
        bad.key_sha256 = Some(hash);
        bad.last5 = None;
        assert_eq!(validate(&bad).map_err(|e| e.field), Err("license.last5"));
        let mut source = license(None, LicenseChannel::Digital, false);
        source.source = "guess".to_owned();
        assert_eq!(
            validate(&source).map_err(|e| e.field),
            Err("license.source")
        );
    }
}
