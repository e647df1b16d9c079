//! The devices' pure decisions: what a report may carry, whether its hardware is new, what
//! a poll of the token endpoint answers.

use std::borrow::Cow;

use portico_wire::link::TokenErrorCode;
use portico_wire::report::{
    Activation, DeviceFacts, Location, MAX_BYTES, OLDEST_REPORT_VERSION, REPORT_VERSION, Report,
    Specs,
};
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use super::FieldError;
use super::store::agent::Authorization;
use crate::licenses;

/// Whether two sets of hardware signals tell of new hardware: most of them differ. (A
/// clone would differ in its install id too; that is a new device, not a changed one.)
pub fn hardware_changed(before: &[String], now: &[String]) -> bool {
    if before.is_empty() || now.is_empty() {
        return false;
    }
    let kept = now
        .iter()
        .filter(|s| before.iter().any(|b| b.eq_ignore_ascii_case(s)))
        .count();
    kept * 2 < before.len().max(now.len())
}

pub(crate) fn text(field: &'static str, value: Option<&str>, max: usize) -> Result<(), FieldError> {
    match value {
        Some(v) if v.chars().count() > max => Err(FieldError {
            field,
            why: "is too long",
        }),
        Some(v) if v.chars().any(char::is_control) => Err(FieldError {
            field,
            why: "holds control characters",
        }),
        _ => Ok(()),
    }
}

/// Checks every field the portal reads; the first refusal names its field.
pub fn validate(report: &Report) -> Result<Uuid, FieldError> {
    if !(OLDEST_REPORT_VERSION..=REPORT_VERSION).contains(&report.version) {
        return Err(FieldError {
            field: "version",
            why: "is not a version this portal reads (1 or 2)",
        });
    }
    let id = Uuid::parse_str(&report.report_id).map_err(|_| FieldError {
        field: "report_id",
        why: "must be a UUID",
    })?;
    validate_device(&report.device)?;
    text("agent.version", Some(&report.agent.version), 40)?;
    text("agent.install_id", Some(&report.agent.install_id), 100)?;
    if let Some(a) = &report.activation {
        validate_activation(a)?;
    }
    validate_signals(&report.hardware_signals)?;
    if let Some(license) = &report.license {
        licenses::rules::validate(license)?;
    }
    if let Some(l) = &report.location {
        validate_location(l)?;
    }
    if let Some(specs) = &report.specs {
        validate_specs(specs)?;
    }
    if let Some(keys) = &report.recovery_keys {
        crate::recovery::rules::validate(keys)?;
    }
    Ok(id)
}

/// The most drives, and encrypted volumes, a report may list.
pub const MAX_VOLUMES: usize = 32;

fn validate_specs(specs: &Specs) -> Result<(), FieldError> {
    text("specs.processor", specs.processor.as_deref(), 200)?;
    text("specs.system_type", specs.system_type.as_deref(), 100)?;
    let counts = |n: Option<u32>| n.is_none_or(|n| (1..=4096).contains(&n));
    if !counts(specs.cores) || !counts(specs.logical_processors) {
        return Err(FieldError {
            field: "specs.cores",
            why: "must be 1 to 4096",
        });
    }
    let bytes = |n: Option<u64>| n.is_none_or(|n| n <= MAX_BYTES);
    let drives_fit = specs
        .drives
        .iter()
        .all(|d| bytes(Some(d.size_bytes)) && bytes(Some(d.free_bytes)));
    if !bytes(specs.memory_installed_bytes) || !bytes(specs.memory_usable_bytes) || !drives_fit {
        return Err(FieldError {
            field: "specs",
            why: "holds a size above 2^53 - 1 bytes",
        });
    }
    if specs.drives.len() > MAX_VOLUMES || specs.encryption.len() > MAX_VOLUMES {
        return Err(FieldError {
            field: "specs.drives",
            why: "may list at most 32 drives and 32 volumes",
        });
    }
    for d in &specs.drives {
        nonempty("specs.drives.name", &d.name, 100)?;
        text("specs.drives.filesystem", d.filesystem.as_deref(), 40)?;
    }
    for v in &specs.encryption {
        nonempty("specs.encryption.volume", &v.volume, 100)?;
        text("specs.encryption.method", v.method.as_deref(), 40)?;
    }
    if let Some(tpm) = &specs.tpm {
        text("specs.tpm.version", tpm.version.as_deref(), 20)?;
    }
    Ok(())
}

fn nonempty(field: &'static str, value: &str, max: usize) -> Result<(), FieldError> {
    if value.trim().is_empty() {
        return Err(FieldError {
            field,
            why: "is empty",
        });
    }
    text(field, Some(value), max)
}

fn validate_device(d: &DeviceFacts) -> Result<(), FieldError> {
    if d.name.trim().is_empty() {
        return Err(FieldError {
            field: "device.name",
            why: "is empty",
        });
    }
    text("device.name", Some(&d.name), 100)?;
    for (field, value) in [
        ("device.manufacturer", &d.manufacturer),
        ("device.model", &d.model),
        ("device.os_name", &d.os_name),
        ("device.os_edition", &d.os_edition),
        ("device.os_version", &d.os_version),
        ("device.os_build", &d.os_build),
        ("device.architecture", &d.architecture),
    ] {
        text(field, value.as_deref(), 100)?;
    }
    Ok(())
}

fn validate_activation(a: &Activation) -> Result<(), FieldError> {
    if a.license_status > 6 {
        return Err(FieldError {
            field: "activation.license_status",
            why: "must be 0 to 6",
        });
    }
    if a.grace_minutes.is_some_and(|m| i32::try_from(m).is_err()) {
        return Err(FieldError {
            field: "activation.grace_minutes",
            why: "must be at most 2147483647",
        });
    }
    text("activation.status_reason", a.status_reason.as_deref(), 20)?;
    text("activation.channel", a.channel.as_deref(), 40)?;
    let last_five = |k: &str| {
        k.len() == 5
            && k.bytes()
                .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase())
    };
    if a.partial_key.as_deref().is_some_and(|k| !last_five(k)) {
        return Err(FieldError {
            field: "activation.partial_key",
            why: "must be the key's last five characters",
        });
    }
    Ok(())
}

fn validate_signals(signals: &[String]) -> Result<(), FieldError> {
    let hmac_hex = |s: &String| s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit());
    if signals.len() > 32 || !signals.iter().all(hmac_hex) {
        return Err(FieldError {
            field: "hardware_signals",
            why: "must be at most 32 HMAC-SHA256 values in hex",
        });
    }
    Ok(())
}

fn validate_location(l: &Location) -> Result<(), FieldError> {
    let ok = (-90.0..=90.0).contains(&l.latitude)
        && (-180.0..=180.0).contains(&l.longitude)
        && l.accuracy_m.is_finite()
        && l.accuracy_m >= 0.0
        && OffsetDateTime::parse(&l.observed_at, &Rfc3339).is_ok();
    if ok {
        Ok(())
    } else {
        Err(FieldError {
            field: "location",
            why: "must hold a latitude, a longitude, an accuracy and an RFC 3339 time",
        })
    }
}

/// What a poll of the token endpoint comes to, from the request's state (RFC 8628 §3.5).
#[derive(Debug, PartialEq, Eq)]
pub enum PollStep {
    /// A refusal that ends polling: the code, and why.
    Refuse(TokenErrorCode, &'static str),
    /// Still waiting for the person; the agent polls again after `interval` seconds.
    Pending { interval: i32 },
    /// Still waiting, and the agent polled too soon: it waits 5 s longer from now on.
    SlowDown { interval: i32 },
    /// Approved: exchange it for a device token.
    Approved { device_id: Uuid, account_id: Uuid },
}

/// Decides a poll of `auth` at `now`.
pub fn poll_step(auth: &Authorization, now: OffsetDateTime) -> PollStep {
    match auth.status.as_str() {
        "used" => {
            return PollStep::Refuse(
                TokenErrorCode::InvalidGrant,
                "this device_code was already exchanged",
            );
        }
        "denied" => {
            return PollStep::Refuse(TokenErrorCode::AccessDenied, "the person denied the link");
        }
        _ => {}
    }
    if now >= auth.expires_at {
        return PollStep::Refuse(
            TokenErrorCode::ExpiredToken,
            "the code expired: start again",
        );
    }
    if auth.status == "pending" {
        let wait = Duration::seconds(auth.interval_secs.into());
        return if auth.last_polled_at.is_some_and(|at| now < at + wait) {
            PollStep::SlowDown {
                interval: auth.interval_secs + 5,
            }
        } else {
            PollStep::Pending {
                interval: auth.interval_secs,
            }
        };
    }
    match (auth.device_id, auth.account_id) {
        (Some(device_id), Some(account_id)) => PollStep::Approved {
            device_id,
            account_id,
        },
        _ => PollStep::Refuse(TokenErrorCode::InvalidGrant, "unknown device_code"),
    }
}

/// `report` as the person's choices allow it: without hardware details and specifications
/// when they are not shared (manufacturer, model, specifications, hardware signals).
pub fn within_choices(report: &Report, share_hardware: bool) -> Cow<'_, Report> {
    if share_hardware {
        return Cow::Borrowed(report);
    }
    let mut kept = report.clone();
    kept.device.manufacturer = None;
    kept.device.model = None;
    kept.specs = None;
    kept.hardware_signals.clear();
    Cow::Owned(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn most_signals_differing_is_a_hardware_change() {
        let s = |xs: &[&str]| xs.iter().map(|x| (*x).to_owned()).collect::<Vec<_>>();
        let before = s(&["a", "b", "c", "d"]);
        assert!(
            !hardware_changed(&before, &s(&["a", "b", "c", "e"])),
            "one disk swapped"
        );
        assert!(
            hardware_changed(&before, &s(&["a", "x", "y", "z"])),
            "a new motherboard"
        );
        assert!(!hardware_changed(&[], &before), "nothing to compare with");
        assert!(
            !hardware_changed(&before, &s(&["A", "B", "C", "D"])),
            "case does not matter"
        );
    }

    fn waiting(status: &str, last_polled_secs_ago: Option<i64>) -> (Authorization, OffsetDateTime) {
        let now = time::macros::datetime!(2026-12-02 12:00 UTC);
        let auth = Authorization {
            id: Uuid::nil(),
            status: status.to_owned(),
            expires_at: now + Duration::minutes(10),
            interval_secs: 5,
            last_polled_at: last_polled_secs_ago.map(|s| now - Duration::seconds(s)),
            device_id: (status == "approved").then(Uuid::nil),
            account_id: (status == "approved").then(Uuid::nil),
        };
        (auth, now)
    }

    #[test]
    fn polling_sooner_than_the_interval_slows_the_agent_down() {
        let (auth, now) = waiting("pending", Some(2));
        assert_eq!(poll_step(&auth, now), PollStep::SlowDown { interval: 10 });
        let (auth, now) = waiting("pending", Some(6));
        assert_eq!(poll_step(&auth, now), PollStep::Pending { interval: 5 });
        let (auth, now) = waiting("pending", None);
        assert_eq!(poll_step(&auth, now), PollStep::Pending { interval: 5 });
    }

    #[test]
    fn ended_requests_are_refused_with_their_rfc_8628_code() {
        let (auth, now) = waiting("used", None);
        assert!(matches!(
            poll_step(&auth, now),
            PollStep::Refuse(TokenErrorCode::InvalidGrant, _)
        ));
        let (auth, now) = waiting("denied", None);
        assert!(matches!(
            poll_step(&auth, now),
            PollStep::Refuse(TokenErrorCode::AccessDenied, _)
        ));
        let (auth, now) = waiting("approved", None);
        let later = now + Duration::minutes(11);
        assert!(matches!(
            poll_step(&auth, later),
            PollStep::Refuse(TokenErrorCode::ExpiredToken, _)
        ));
        assert!(matches!(poll_step(&auth, now), PollStep::Approved { .. }));
    }
}
