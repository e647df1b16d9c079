//! What the agent knows about a PC. Each kind of fact comes from a small source trait —
//! the OS description (`CurrentVersion`), the firmware table, the licensing service, the
//! hardware, the location — so that files (any OS), this Linux PC and this Windows PC are
//! interchangeable, and every decision below is shared code tested on any OS.

use std::path::PathBuf;

use portico_wire::report::{Activation, LicenseChannel, Location, Specs};

mod sources;

use crate::generic::{self, Generic};
use crate::key::ProductKey;
use crate::licensing;
use crate::signals::HardwareId;
use crate::{dpid, msdm, regfile};

pub use sources::*;

/// Files standing for a PC, from the command line.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    pub registry_export: Option<PathBuf>,
    pub msdm: Option<PathBuf>,
    pub licensing_export: Option<PathBuf>,
    pub specs_export: Option<PathBuf>,
    pub bitlocker_export: Option<PathBuf>,
}

impl Sources {
    /// Files describe some PC, maybe not this one: nothing of this PC is mixed in.
    pub fn offline(&self) -> bool {
        self.registry_export.is_some()
            || self.msdm.is_some()
            || self.licensing_export.is_some()
            || self.specs_export.is_some()
            || self.bitlocker_export.is_some()
    }

    /// Where BitLocker's recovery keys are read: the given file, or this PC.
    pub fn recovery(&self) -> std::sync::Arc<dyn RecoverySource + Send + Sync> {
        match &self.bitlocker_export {
            Some(path) => std::sync::Arc::new(crate::files::BitLockerExport(path.clone())),
            None if self.offline() => std::sync::Arc::new(Nothing),
            None => crate::pc::recovery(),
        }
    }
}

/// Where each kind of fact comes from.
pub struct Collectors {
    pub os: Box<dyn OsSource + Send + Sync>,
    pub firmware: Box<dyn FirmwareSource + Send + Sync>,
    pub licensing: Box<dyn LicensingSource + Send + Sync>,
    pub hardware: Box<dyn HardwareSource + Send + Sync>,
    pub location: Box<dyn LocationSource + Send + Sync>,
    pub specs: Box<dyn SpecsSource + Send + Sync>,
    /// A source that fails is an error (a file the person named), not a note.
    pub strict: bool,
}

impl std::fmt::Debug for Collectors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Collectors")
            .field("strict", &self.strict)
            .finish_non_exhaustive()
    }
}

impl Collectors {
    /// A source that failed: an error when it is a named file, else a note in `facts`.
    fn note_or_fail(&self, result: anyhow::Result<()>, facts: &mut Facts) -> anyhow::Result<()> {
        match result {
            Err(e) if self.strict => Err(e),
            Err(e) => {
                facts.notes.push(format!("{e:#}"));
                Ok(())
            }
            Ok(()) => Ok(()),
        }
    }

    /// The given files, or this PC, reading only what `sharing` allows.
    pub fn new(sources: &Sources, sharing: Sharing) -> Self {
        let mut collectors = Self::all(sources, sharing.location);
        if !sharing.hardware {
            collectors.hardware = Box::new(Nothing);
            collectors.specs = Box::new(Nothing);
        }
        collectors
    }

    fn all(sources: &Sources, location: bool) -> Self {
        if !sources.offline() {
            return crate::pc::collectors(location);
        }
        use crate::files::{LicensingExport, MsdmDump, RegistryExport, SpecsExport};
        Self {
            os: match &sources.registry_export {
                Some(path) => Box::new(RegistryExport(path.clone())),
                None => Box::new(Nothing),
            },
            firmware: match &sources.msdm {
                Some(path) => Box::new(MsdmDump(path.clone())),
                None => Box::new(Nothing),
            },
            licensing: match &sources.licensing_export {
                Some(path) => Box::new(LicensingExport(path.clone())),
                None => Box::new(Nothing),
            },
            hardware: Box::new(Nothing),
            location: Box::new(Nothing),
            specs: match &sources.specs_export {
                Some(path) => Box::new(SpecsExport(path.clone())),
                None => Box::new(Nothing),
            },
            strict: true,
        }
    }
}

/// A key and where it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundKey {
    pub key: ProductKey,
    /// `registry`, `firmware` or `file`.
    pub source: &'static str,
    /// `Retail`, `OEM`, `Volume`, `Volume:MAK`, … when the blob says.
    pub license_type: Option<String>,
    /// The blob's own check failed: shown, flagged.
    pub damaged: bool,
}

/// What the PC's Windows says about itself.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub name: String,
    pub product_name: Option<String>,
    pub edition: Option<String>,
    pub display_version: Option<String>,
    pub build: Option<String>,
    pub manufacturer: Option<String>,
    pub model: Option<String>,
    /// The installed key (registry), if one is stored.
    pub installed_key: Option<FoundKey>,
    /// The firmware key (MSDM), if the PC has one.
    pub firmware_key: Option<FoundKey>,
    /// Windows' activation state, from its licensing service.
    pub activation: Option<Activation>,
    /// Identifiers of the PC's parts: keyed into signals, never sent as they are.
    pub hardware_ids: Vec<HardwareId>,
    pub location: Option<Location>,
    pub specs: Option<Specs>,
    /// What could not be read, and why: e.g. all-zero key bytes.
    pub notes: Vec<String>,
}

impl Facts {
    /// Windows' product name, corrected for Windows 11 (whose `ProductName` still says
    /// "Windows 10"); on another OS, its own name.
    pub fn windows_name(&self) -> Option<String> {
        match self.product_name.as_deref() {
            Some(name) if !portico_wire::os::is_windows(name) => Some(name.to_owned()),
            name => {
                portico_wire::os::windows_name(name, self.edition.as_deref(), self.build.as_deref())
            }
        }
    }

    /// The OS as the person reads it: "Windows 11 Pro, version 24H2 (OS build 26100.2605)".
    pub fn os_label(&self) -> Option<String> {
        portico_wire::os::label(
            self.windows_name().as_deref(),
            self.display_version.as_deref(),
            self.build.as_deref(),
        )
    }

    /// The key that decides the license: the installed one, else the firmware's.
    pub fn key(&self) -> Option<&FoundKey> {
        self.installed_key.as_ref().or(self.firmware_key.as_ref())
    }

    /// Whether the deciding key is a public one (generic install or volume client key). A
    /// key Windows itself calls a KMS client key (`DigitalProductId4`'s key type, or the
    /// licensing service's channel for this key) is one even when the table lacks it.
    pub fn generic(&self) -> Option<Generic> {
        let key = self.key()?;
        let said_kms = key
            .license_type
            .as_deref()
            .is_some_and(portico_wire::report::is_kms_channel)
            || self.licensing_channel() == Some(LicenseChannel::VolumeGvlk);
        generic::classify(&key.key).or(said_kms.then_some(Generic::VolumeClient))
    }

    /// The channel Windows' licensing service gives for the deciding key (its partial key
    /// must be that key's last five characters).
    pub fn licensing_channel(&self) -> Option<LicenseChannel> {
        let activation = self.activation.as_ref()?;
        let key = self.key()?;
        (activation.partial_key.as_deref() == Some(key.key.last5()))
            .then_some(())
            .and(activation.channel.as_deref())
            .and_then(licensing::channel)
    }

    /// What `run` watches between reports: a change sends one at once.
    pub fn activation_state(&self) -> Option<(u8, Option<String>)> {
        self.activation
            .as_ref()
            .map(|a| (a.license_status, a.status_reason.clone()))
    }
}

/// Reads `CurrentVersion`'s values into `facts`.
fn from_current_version(values: &RegValues, source: &'static str, facts: &mut Facts) {
    facts.product_name = regfile::string(values, "ProductName").map(str::to_owned);
    facts.edition = regfile::string(values, "EditionID").map(str::to_owned);
    facts.display_version = regfile::string(values, "DisplayVersion").map(str::to_owned);
    let build = regfile::string(values, "CurrentBuild").map(str::to_owned);
    facts.build = build.map(|b| match regfile::dword(values, "UBR") {
        Some(ubr) => format!("{b}.{ubr}"),
        None => b,
    });
    // Linux's description names the OS only: there is no key to look for.
    if source == "os-release" {
        return;
    }
    // DigitalProductId4 first (its check is a SHA-256), then the older blob.
    let decoded = regfile::binary(values, "DigitalProductId4")
        .and_then(|b| dpid::parse_v4(b).ok())
        .filter(|d| d.key.is_some())
        .or_else(|| {
            regfile::binary(values, "DigitalProductId").and_then(|b| dpid::parse_v3(b).ok())
        });
    match decoded {
        Some(d) => match d.key {
            Some(key) => {
                facts.installed_key = Some(FoundKey {
                    key,
                    source,
                    license_type: d.license_type,
                    damaged: !d.intact,
                });
            }
            None => facts.notes.push(
                "No product key is stored in the registry (its key bytes are all zero).".to_owned(),
            ),
        },
        None => facts
            .notes
            .push("The registry has no readable DigitalProductId.".to_owned()),
    }
}

/// Gathers the facts. A named file that cannot be read is an error; a part of this PC
/// that cannot be read (no WMI, a root-only table) becomes a note.
pub fn collect(collectors: &Collectors) -> anyhow::Result<Facts> {
    let mut facts = Facts {
        name: hostname(),
        ..Facts::default()
    };
    let soft = |result, facts: &mut Facts| collectors.note_or_fail(result, facts);

    let os = collectors.os.current_version().map(|values| {
        if !values.is_empty() {
            from_current_version(&values, collectors.os.key_source(), &mut facts);
        }
    });
    soft(os, &mut facts)?;

    let firmware = collectors.firmware.msdm().and_then(|table| {
        if let Some(table) = table {
            facts.firmware_key = Some(FoundKey {
                key: msdm::parse(&table).map_err(|e| anyhow::anyhow!("the MSDM table: {e}"))?,
                source: if collectors.strict {
                    "file"
                } else {
                    "firmware"
                },
                license_type: Some("OEM".to_owned()),
                damaged: false,
            });
        }
        Ok(())
    });
    soft(firmware, &mut facts)?;

    let licensing = activation(collectors).map(|a| facts.activation = a);
    soft(licensing, &mut facts)?;
    if facts.firmware_key.is_none() {
        let oa3x = collectors.licensing.firmware_key().map(|key| {
            facts.firmware_key = key
                .as_deref()
                .and_then(ProductKey::parse)
                .map(|key| FoundKey {
                    key,
                    source: "firmware",
                    license_type: Some("OEM".to_owned()),
                    damaged: false,
                });
        });
        soft(oa3x, &mut facts)?;
    }

    let hardware = collectors.hardware.hardware().map(|hw| {
        facts.manufacturer = hw.manufacturer;
        facts.model = hw.model;
        facts.hardware_ids = hw.ids;
    });
    soft(hardware, &mut facts)?;

    let location = collectors.location.locate().map(|l| facts.location = l);
    soft(location, &mut facts)?;

    let specs = collectors.specs.specs().map(|s| facts.specs = s);
    soft(specs, &mut facts)?;
    Ok(facts)
}

/// What the person lets this PC collect and send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sharing {
    /// Its location (Find my device).
    pub location: bool,
    /// Hardware details and specifications, and the hardware signals.
    pub hardware: bool,
}

impl Sharing {
    /// A PC not linked to any account: nothing leaves it, so everything may be read for the
    /// person at the keyboard, but its location.
    pub fn unlinked() -> Self {
        Self {
            location: false,
            hardware: true,
        }
    }
}

/// Only the activation state (the check `run` makes between reports).
pub fn collect_activation(collectors: &Collectors) -> anyhow::Result<Facts> {
    let mut facts = Facts {
        name: hostname(),
        ..Facts::default()
    };
    let read = activation(collectors).map(|a| facts.activation = a);
    collectors.note_or_fail(read, &mut facts)?;
    Ok(facts)
}

/// Windows' activation state, from the product that speaks for it.
fn activation(collectors: &Collectors) -> anyhow::Result<Option<Activation>> {
    let products = collectors.licensing.products()?;
    Ok(licensing::windows_product(&products).and_then(licensing::activation))
}

fn hostname() -> String {
    std::env::var("COMPUTERNAME")
        .ok()
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok())
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "PC".to_owned())
}

#[cfg(test)]
mod tests;
