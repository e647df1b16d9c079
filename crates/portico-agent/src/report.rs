//! The report body built from what was collected: the key only as its SHA-256 and last
//! five characters.

use portico_wire::report::{Agent, DeviceFacts, License, LicenseChannel, REPORT_VERSION, Report};

use crate::collect::{Facts, FoundKey};
use crate::generic::Generic;

/// The license's channel, from the key's blob and whether it is a public key.
fn channel(key: &FoundKey, generic: Option<Generic>) -> LicenseChannel {
    match (generic, key.license_type.as_deref().unwrap_or_default()) {
        (Some(Generic::VolumeClient), _) => LicenseChannel::VolumeGvlk,
        (Some(Generic::Install), _) => LicenseChannel::Digital,
        (None, t) if t.starts_with("OEM") => LicenseChannel::Oem,
        (None, t) if t.starts_with("Volume") => LicenseChannel::VolumeMak,
        _ => LicenseChannel::Retail,
    }
}

/// A version-1 report of `facts` from the agent install `install_id`.
pub fn build(facts: &Facts, install_id: &str) -> Report {
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
            channel: channel(found, generic),
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
        activation: None,
        license,
        hardware_signals: Vec::new(),
        location: None,
    }
}
