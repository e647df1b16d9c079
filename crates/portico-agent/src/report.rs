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
        (None, None) if blob.eq_ignore_ascii_case("Volume:GVLK") => LicenseChannel::VolumeGvlk,
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
        specs: facts.specs.clone(),
        // Added as the report leaves, never queued on disk (see `run::Portal`).
        recovery_keys: None,
    }
}

#[cfg(test)]
mod tests {
    use portico_wire::report::Activation;

    use super::*;
    use crate::key::ProductKey;

    fn with_key(key: &str, license_type: Option<&str>) -> Facts {
        Facts {
            name: "PC".to_owned(),
            product_name: Some("Windows 10 Education".to_owned()),
            edition: Some("Education".to_owned()),
            build: Some("26100.2605".to_owned()),
            installed_key: Some(FoundKey {
                key: ProductKey::parse(key).expect("key"),
                source: "registry",
                license_type: license_type.map(str::to_owned),
                damaged: false,
            }),
            ..Facts::default()
        }
    }

    fn license(facts: &Facts) -> License {
        build(facts, "install", b"signal key")
            .license
            .expect("a license")
    }

    #[test]
    fn any_published_kms_client_key_is_a_volume_client_license() {
        // Windows 11/10 Education's KMS client key, from Microsoft's table.
        let l = license(&with_key("NW6C2-QMPVW-D7KKK-3GKT6-VCFB2", Some("Volume")));
        assert_eq!((l.channel, l.generic), (LicenseChannel::VolumeGvlk, true));
        assert_eq!(l.product, "Windows 11 Education");
    }

    #[test]
    fn windows_calling_a_key_gvlk_makes_it_a_kms_client_without_the_table() {
        let unlisted = "M4PMN-BQQRJ-QW4G2-RT333-CF8V6";
        let l = license(&with_key(unlisted, Some("Volume:GVLK")));
        assert_eq!((l.channel, l.generic), (LicenseChannel::VolumeGvlk, true));

        let mut facts = with_key(unlisted, Some("Volume"));
        facts.activation = Some(Activation {
            license_status: 1,
            status_reason: None,
            grace_minutes: Some(259_200),
            channel: Some("Volume:GVLK".to_owned()),
            partial_key: Some("CF8V6".to_owned()),
        });
        let l = license(&facts);
        assert_eq!((l.channel, l.generic), (LicenseChannel::VolumeGvlk, true));

        let mak = license(&with_key(unlisted, Some("Volume:MAK")));
        assert_eq!(
            (mak.channel, mak.generic),
            (LicenseChannel::VolumeMak, false)
        );
    }
}
