//! Licenses from reports. A product key is known by a keyed fingerprint of the agent's hash
//! of it; a digital license, or an install with a generic or volume client key (public keys
//! that name an edition, not a purchase), by the device it was first seen on. The first
//! device to report a license links it to its account; the same license from a device of
//! another account is a conflict shown on both sides, never a move.

use portico_wire::report::{License, LicenseChannel};
use sqlx::PgConnection;
use time::OffsetDateTime;
use uuid::Uuid;

use super::FieldError;
use crate::crypto::{KeyPurpose, Keys};

pub fn channel_name(channel: LicenseChannel) -> &'static str {
    match channel {
        LicenseChannel::Retail => "Retail",
        LicenseChannel::Oem => "OEM",
        LicenseChannel::VolumeMak => "Volume:MAK",
        LicenseChannel::VolumeGvlk => "Volume:GVLK",
        LicenseChannel::Digital => "Digital",
    }
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
    match (&license.key_sha256, is_digital(license)) {
        (Some(hash), false) => keys.mac(
            KeyPurpose::LicenseKey,
            &[b"key", hash.to_ascii_lowercase().as_bytes()],
        ),
        _ => keys.mac(
            KeyPurpose::LicenseKey,
            &[
                b"device",
                device_id.as_bytes(),
                license.product.as_bytes(),
                license.edition.as_bytes(),
            ],
        ),
    }
}

/// Gives the license to the device from `now` on (the caller ended any current assignment).
pub async fn assign(
    conn: &mut PgConnection,
    license_id: Uuid,
    device_id: Uuid,
    now: OffsetDateTime,
    reason: &str,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into license_assignments (id, license_id, device_id, assigned_at, reason)
         values ($1, $2, $3, $4, $5)",
        Uuid::now_v7(),
        license_id,
        device_id,
        now,
        reason
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Records what a device's report says about its license, in the report's transaction.
pub async fn apply(
    conn: &mut PgConnection,
    keys: &Keys,
    now: OffsetDateTime,
    device_id: Uuid,
    account_id: Uuid,
    license: &License,
) -> sqlx::Result<()> {
    let fingerprint = fingerprint(keys, license, device_id);
    let known = sqlx::query!(
        "select id, account_id from licenses where fingerprint = $1 for update",
        fingerprint.as_slice()
    )
    .fetch_optional(&mut *conn)
    .await?
    .map(|r| (r.id, r.account_id));
    let Some((license_id, owner)) = known else {
        let license_id = Uuid::now_v7();
        sqlx::query!(
            "insert into licenses (id, account_id, fingerprint, kind, key_last5, product, edition,
                                   channel, source, linked_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            license_id,
            account_id,
            fingerprint.as_slice(),
            if is_digital(license) {
                "digital"
            } else {
                "key"
            },
            license.last5.as_deref().filter(|_| !is_digital(license)),
            license.product.trim(),
            license.edition.trim(),
            channel_name(license.channel),
            &license.source,
            now
        )
        .execute(&mut *conn)
        .await?;
        assign(conn, license_id, device_id, now, "first_report").await?;
        return Ok(());
    };
    let holder: Option<Uuid> = sqlx::query_scalar!(
        "select device_id from license_assignments where license_id = $1 and ended_at is null",
        license_id
    )
    .fetch_optional(&mut *conn)
    .await?;
    if holder == Some(device_id) {
        return Ok(());
    }
    sqlx::query!(
        "insert into license_sightings (license_id, device_id, first_seen_at, last_seen_at, other_account)
         values ($1, $2, $3, $3, $4)
         on conflict (license_id, device_id) do update set last_seen_at = excluded.last_seen_at",
        license_id,
        device_id,
        now,
        owner != account_id
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// How many times a license may move in [`MOVE_WINDOW`].
pub const MOVES_PER_WINDOW: usize = 3;
pub const MOVE_WINDOW: time::Duration = time::Duration::days(90);

/// Why a license cannot move.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoveRefusal {
    #[error(
        "An OEM license belongs to the PC it came with, on its original motherboard, so it can't move to another device. If the motherboard was replaced under warranty, the manufacturer's repair keeps it activated; otherwise the new hardware needs a license of its own."
    )]
    Oem,
    #[error(
        "This license is managed by your organisation: its activation service decides where it is used. Ask your IT department."
    )]
    Volume,
    #[error(
        "This license has moved {MOVES_PER_WINDOW} times in the last 90 days, the most allowed. Try again after {}.",
        crate::text::format_time(*.0)
    )]
    TooManyMoves(OffsetDateTime),
    #[error("That PC already holds this license.")]
    SameDevice,
}

/// Whether a license of `channel` may move now, having moved at these times (oldest first)
/// in the last [`MOVE_WINDOW`].
pub fn check_move(channel: &str, recent_moves: &[OffsetDateTime]) -> Result<(), MoveRefusal> {
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
        assert_eq!(check_move("OEM", &[]), Err(MoveRefusal::Oem));
        assert_eq!(check_move("Volume:MAK", &[]), Err(MoveRefusal::Volume));
        assert_eq!(check_move("Volume:GVLK", &[]), Err(MoveRefusal::Volume));
        assert_eq!(check_move("Retail", &[now, now]), Ok(()));
        assert_eq!(check_move("Digital", &[]), Ok(()));
        assert!(matches!(
            check_move("Retail", &[now, now, now]),
            Err(MoveRefusal::TooManyMoves(_))
        ));
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
