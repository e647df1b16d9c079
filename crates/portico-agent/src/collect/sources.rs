//! The source traits each kind of fact comes through, and [`Nothing`], the source with
//! nothing to say.

use std::collections::BTreeMap;

use portico_wire::report::{Location, Specs};

use crate::bitlocker::Protector;
use crate::licensing::LicensingProduct;
use crate::regfile;
use crate::signals::HardwareId;

/// The values of `HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion`, by name.
pub type RegValues = BTreeMap<String, regfile::Value>;

/// The OS's description, as Windows keeps it under `CurrentVersion`.
pub trait OsSource {
    fn current_version(&self) -> anyhow::Result<RegValues>;
    /// What a key found there is reported as coming from.
    fn key_source(&self) -> &'static str {
        "registry"
    }
}

/// The firmware's ACPI MSDM table, where an OEM PC keeps its key.
pub trait FirmwareSource {
    fn msdm(&self) -> anyhow::Result<Option<Vec<u8>>>;
}

/// Windows' Software Licensing service.
pub trait LicensingSource {
    /// `SoftwareLicensingProduct` instances of Windows that hold a key.
    fn products(&self) -> anyhow::Result<Vec<LicensingProduct>>;
    /// `SoftwareLicensingService.OA3xOriginalProductKey`: the firmware's key as Windows
    /// reads it.
    fn firmware_key(&self) -> anyhow::Result<Option<String>> {
        Ok(None)
    }
}

/// The PC's maker and model, and identifiers of its parts (keyed before they leave).
#[derive(Debug, Clone, Default)]
pub struct Hardware {
    pub manufacturer: Option<String>,
    pub model: Option<String>,
    pub ids: Vec<HardwareId>,
}

pub trait HardwareSource {
    fn hardware(&self) -> anyhow::Result<Hardware>;
}

pub trait LocationSource {
    fn locate(&self) -> anyhow::Result<Option<Location>>;
}

/// The PC's specifications (processor, memory, drives, TPM, Secure Boot, encryption).
pub trait SpecsSource {
    fn specs(&self) -> anyhow::Result<Option<Specs>>;
}

/// BitLocker's recovery-password protectors: read only while the person lets the PC back
/// them up, at the moment a report is sent (they never wait in the queue on disk).
pub trait RecoverySource {
    /// Every recovery-password protector of every volume; `None` where there is no
    /// BitLocker to ask. An error, rather than a partial list, when a volume cannot be
    /// read: a partial list would say its keys were gone from the PC.
    fn recovery_passwords(&self) -> anyhow::Result<Option<Vec<Protector>>>;
}

/// A source with nothing to say (no such file given, or no such thing on this OS).
#[derive(Debug, Clone, Copy, Default)]
pub struct Nothing;

impl OsSource for Nothing {
    fn current_version(&self) -> anyhow::Result<RegValues> {
        Ok(RegValues::new())
    }
}
impl FirmwareSource for Nothing {
    fn msdm(&self) -> anyhow::Result<Option<Vec<u8>>> {
        Ok(None)
    }
}
impl LicensingSource for Nothing {
    fn products(&self) -> anyhow::Result<Vec<LicensingProduct>> {
        Ok(Vec::new())
    }
}
impl HardwareSource for Nothing {
    fn hardware(&self) -> anyhow::Result<Hardware> {
        Ok(Hardware::default())
    }
}
impl LocationSource for Nothing {
    fn locate(&self) -> anyhow::Result<Option<Location>> {
        Ok(None)
    }
}
impl SpecsSource for Nothing {
    fn specs(&self) -> anyhow::Result<Option<Specs>> {
        Ok(None)
    }
}
impl RecoverySource for Nothing {
    fn recovery_passwords(&self) -> anyhow::Result<Option<Vec<Protector>>> {
        Ok(None)
    }
}
