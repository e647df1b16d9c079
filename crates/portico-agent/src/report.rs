//! The report body built from what was collected: the key only as its SHA-256 and last
//! five characters, the hardware only as signals keyed by this install's key.

use portico_wire::report::{Agent, DeviceFacts, License, LicenseChannel, REPORT_VERSION, Report};

use crate::collect::{Facts, FoundKey};
use crate::generic::Generic;

/// The license's channel: a public key says it all; else what Windows' licensing service
/// says of this key; else the key's blob.
fn channel(
    key: &FoundKey,
    generic: Option<Generic>,
    licensing: Option<LicenseChannel>,
) -> LicenseChannel {
    let blob = key.license_type.as_deref().unwrap_or_default();
    match (generic, licensing) {
        (Some(Generic::VolumeClient), _) => LicenseChannel::VolumeGvlk,
        (Some(Generic::Install), _) => LicenseChannel::Digital,
        (None, Some(channel)) => channel,
        (None, None) if blob.starts_with("OEM") => LicenseChannel::Oem,
        (None, None) if blob.starts_with("Volume") => LicenseChannel::VolumeMak,
        (None, None) => LicenseChannel::Retail,
    }
}

/// A version-1 report of `facts` from the agent install `install_id`, whose hardware
/// signals are keyed by `signal_key`.
pub fn build(facts: &Facts, install_id: &str, signal_key: &[u8]) -> Report {
    let license = facts.key().map(|found| {
        let generic = facts.generic();
        License {
            key_sha256: Some(found.key.sha256_hex()),
            last5: Some(found.key.last5().to_owned()),
            product: facts
                .windows_name()
                .or_else(|| facts.product_name.clone())
                .unwrap_or_else(|| "Windows".to_owned()),
            edition: facts.edition.clone().unwrap_or_default(),
            channel: channel(found, generic, facts.licensing_channel()),
            source: found.source.to_owned(),
            generic: generic.is_some(),
        }
    });
    Report {
        version: REPORT_VERSION,
        report_id: uuid::Uuid::new_v4().to_string(),
        agent: Agent {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            install_id: install_id.to_owned(),
        },
        device: DeviceFacts {
            name: facts.name.clone(),
            manufacturer: facts.manufacturer.clone(),
            model: facts.model.clone(),
            os_name: facts.windows_name().or_else(|| facts.product_name.clone()),
            os_edition: facts.edition.clone(),
            os_version: facts.display_version.clone(),
            os_build: facts.build.clone(),
            architecture: Some(std::env::consts::ARCH.to_owned()),
        },
        activation: facts.activation.clone(),
        license,
        hardware_signals: crate::signals::keyed(signal_key, &facts.hardware_ids),
        location: facts.location.clone(),
    }
}
