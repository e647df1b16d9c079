//! Files standing for a PC, on any OS: a registry export of `CurrentVersion`, a raw dump
//! of the MSDM table, a JSON export of `SoftwareLicensingProduct`, a JSON export of the
//! specifications' WMI classes, BitLocker's protectors (`manage-bde` or
//! `Get-BitLockerVolume`).

use std::path::{Path, PathBuf};

use anyhow::Context;

use portico_wire::report::Specs;

use crate::bitlocker::Protector;
use crate::collect::{
    FirmwareSource, LicensingSource, OsSource, RecoverySource, RegValues, SpecsSource,
};
use crate::licensing::{self, LicensingProduct};

fn read(path: &Path) -> anyhow::Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
}

/// `reg export "HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion" cv.reg`.
#[derive(Debug, Clone)]
pub struct RegistryExport(pub PathBuf);

impl OsSource for RegistryExport {
    fn current_version(&self) -> anyhow::Result<RegValues> {
        crate::regfile::parse(&read(&self.0)?)
            .with_context(|| format!("{} is not a registry export", self.0.display()))
    }
    fn key_source(&self) -> &'static str {
        "file"
    }
}

/// A raw MSDM table (e.g. `/sys/firmware/acpi/tables/MSDM` copied by root).
#[derive(Debug, Clone)]
pub struct MsdmDump(pub PathBuf);

impl FirmwareSource for MsdmDump {
    fn msdm(&self) -> anyhow::Result<Option<Vec<u8>>> {
        read(&self.0).map(Some)
    }
}

/// `Get-CimInstance SoftwareLicensingProduct … | ConvertTo-Json` (see [`licensing`]).
#[derive(Debug, Clone)]
pub struct LicensingExport(pub PathBuf);

impl LicensingSource for LicensingExport {
    fn products(&self) -> anyhow::Result<Vec<LicensingProduct>> {
        licensing::parse_export(&read(&self.0)?).with_context(|| self.0.display().to_string())
    }
}

/// `scripts/export-specs.ps1`'s export of the specifications' WMI classes (see
/// [`crate::specs::cim`]).
#[derive(Debug, Clone)]
pub struct SpecsExport(pub PathBuf);

impl SpecsSource for SpecsExport {
    fn specs(&self) -> anyhow::Result<Option<Specs>> {
        let cim = crate::specs::cim::parse_export(&read(&self.0)?)
            .with_context(|| self.0.display().to_string())?;
        Ok(Some(cim.specs()))
    }
}

/// `manage-bde -protectors -get C: > file` (any language), or `Get-BitLockerVolume |
/// Select-Object MountPoint, KeyProtector | ConvertTo-Json -Depth 4` (see
/// [`crate::bitlocker`]).
#[derive(Debug, Clone)]
pub struct BitLockerExport(pub PathBuf);

impl RecoverySource for BitLockerExport {
    fn recovery_passwords(&self) -> anyhow::Result<Option<Vec<Protector>>> {
        let found = crate::bitlocker::parse_file(&read(&self.0)?)
            .with_context(|| self.0.display().to_string())?;
        Ok(Some(found))
    }
}
