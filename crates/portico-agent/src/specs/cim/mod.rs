//! Windows' specifications from its WMI classes. On Windows the agent queries each class
//! into these types; on any OS a PowerShell export of the same classes reads into them too
//! (`scripts/export-specs.ps1` writes one):
//!
//! ```powershell
//! @{ Win32_Processor = @(Get-CimInstance Win32_Processor | Select-Object Name, NumberOfCores, NumberOfLogicalProcessors)
//!    Win32_ComputerSystem = Get-CimInstance Win32_ComputerSystem | Select-Object Manufacturer, Model, SystemType, TotalPhysicalMemory
//!    … } | ConvertTo-Json -Depth 4
//! ```
//!
//! `ConvertTo-Json` writes a one-element array as its element, and WMI hands `uint64`
//! values over as strings: both are read.

use portico_wire::report::{Drive, EncryptionStatus, Specs, Tpm, VolumeEncryption};
use serde::{Deserialize, Deserializer};

/// One object, an array of them, or `null`.
pub(crate) fn one_or_many<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Vec<T>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany<T> {
        Many(Vec<T>),
        One(T),
    }
    Ok(match Option::<OneOrMany<T>>::deserialize(d)? {
        None => Vec::new(),
        Some(OneOrMany::Many(items)) => items,
        Some(OneOrMany::One(item)) => vec![item],
    })
}

/// A whole number as WMI (a string, for `uint64`) or PowerShell (a number) writes it.
fn number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Number {
        Int(u64),
        Float(f64),
        Text(String),
        Flag(bool),
    }
    Ok(match Option::<Number>::deserialize(d)? {
        Some(Number::Int(n)) => Some(n),
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "a whole, non-negative number below 2^64, checked"
        )]
        Some(Number::Float(f)) if f.fract() == 0.0 && (0.0..1.8e19).contains(&f) => Some(f as u64),
        Some(Number::Text(t)) => t.trim().parse().ok(),
        Some(Number::Flag(b)) => Some(u64::from(b)),
        _ => None,
    })
}

fn small<T: TryFrom<u64>>(n: Option<u64>) -> Option<T> {
    n.and_then(|n| T::try_from(n).ok())
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Processor {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "number")]
    pub number_of_cores: Option<u64>,
    #[serde(default, deserialize_with = "number")]
    pub number_of_logical_processors: Option<u64>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ComputerSystem {
    #[serde(default)]
    pub manufacturer: Option<String>,
    #[serde(default)]
    pub model: Option<String>,
    /// e.g. "x64-based PC".
    #[serde(default)]
    pub system_type: Option<String>,
    #[serde(default, deserialize_with = "number")]
    pub total_physical_memory: Option<u64>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct OperatingSystem {
    /// e.g. "64-bit".
    #[serde(rename = "OSArchitecture", default)]
    pub os_architecture: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PhysicalMemory {
    #[serde(default, deserialize_with = "number")]
    pub capacity: Option<u64>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SystemEnclosure {
    #[serde(default, deserialize_with = "one_or_many")]
    pub chassis_types: Vec<u16>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct LogicalDisk {
    #[serde(rename = "DeviceID", default)]
    pub device_id: Option<String>,
    #[serde(default)]
    pub file_system: Option<String>,
    #[serde(default, deserialize_with = "number")]
    pub size: Option<u64>,
    #[serde(default, deserialize_with = "number")]
    pub free_space: Option<u64>,
    /// 3: a fixed drive. A query filtered on it leaves it out.
    #[serde(default, deserialize_with = "number")]
    pub drive_type: Option<u64>,
}

/// `root\cimv2\Security\MicrosoftTpm`'s `Win32_Tpm`: absent when the PC has no TPM.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct TpmInstance {
    #[serde(rename = "IsEnabled_InitialValue", default)]
    pub is_enabled: Option<bool>,
    /// e.g. "2.0, 0, 1.38": the specification version comes first.
    #[serde(rename = "SpecVersion", default)]
    pub spec_version: Option<String>,
}

/// `HKLM\SYSTEM\CurrentControlSet\Control\SecureBoot\State`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct SecureBootState {
    #[serde(rename = "UEFISecureBootEnabled", default, deserialize_with = "number")]
    pub enabled: Option<u64>,
}

/// `root\cimv2\Security\MicrosoftVolumeEncryption`'s `Win32_EncryptableVolume`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct EncryptableVolume {
    #[serde(default)]
    pub drive_letter: Option<String>,
    /// 0 off, 1 on, 2 unknown (the volume is locked).
    #[serde(default, deserialize_with = "number")]
    pub protection_status: Option<u64>,
    /// 0 fully decrypted, 1 fully encrypted, 2 encrypting, 3 decrypting, 4 encryption
    /// paused, 5 decryption paused.
    #[serde(default, deserialize_with = "number")]
    pub conversion_status: Option<u64>,
    #[serde(default, deserialize_with = "number")]
    pub encryption_method: Option<u64>,
}

/// Every class the specifications come from, as an export holds them.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Cim {
    #[serde(rename = "Win32_Processor", default, deserialize_with = "one_or_many")]
    pub processors: Vec<Processor>,
    #[serde(rename = "Win32_ComputerSystem", default)]
    pub computer_system: Option<ComputerSystem>,
    #[serde(rename = "Win32_OperatingSystem", default)]
    pub operating_system: Option<OperatingSystem>,
    #[serde(
        rename = "Win32_PhysicalMemory",
        default,
        deserialize_with = "one_or_many"
    )]
    pub memory: Vec<PhysicalMemory>,
    #[serde(
        rename = "Win32_SystemEnclosure",
        default,
        deserialize_with = "one_or_many"
    )]
    pub enclosures: Vec<SystemEnclosure>,
    #[serde(
        rename = "Win32_LogicalDisk",
        default,
        deserialize_with = "one_or_many"
    )]
    pub disks: Vec<LogicalDisk>,
    #[serde(rename = "Win32_Tpm", default, deserialize_with = "one_or_many")]
    pub tpm: Vec<TpmInstance>,
    /// `None`: the PC has no UEFI Secure Boot state (legacy BIOS), or it was not read.
    #[serde(rename = "SecureBoot", default)]
    pub secure_boot: Option<SecureBootState>,
    #[serde(
        rename = "Win32_EncryptableVolume",
        default,
        deserialize_with = "one_or_many"
    )]
    pub volumes: Vec<EncryptableVolume>,
}

#[derive(Debug, thiserror::Error)]
#[error("not an export of the specifications' WMI classes: {0}")]
pub struct ExportError(String);

/// An export, in UTF-8 or in UTF-16 with BOM (as PowerShell 5 writes with `>`).
pub fn parse_export(bytes: &[u8]) -> Result<Cim, ExportError> {
    let text = crate::regfile::decode_text(bytes).map_err(|e| ExportError(e.to_string()))?;
    serde_json::from_str(text.trim()).map_err(|e| ExportError(e.to_string()))
}

/// BitLocker's state of a volume, as `manage-bde -status` names it.
pub fn encryption_status(protection: Option<u64>, conversion: Option<u64>) -> EncryptionStatus {
    match (conversion, protection) {
        (Some(0), _) => EncryptionStatus::Off,
        (Some(1), Some(1)) => EncryptionStatus::On,
        (Some(1), Some(0)) => EncryptionStatus::Suspended,
        (Some(2 | 4), _) => EncryptionStatus::Encrypting,
        (Some(3 | 5), _) => EncryptionStatus::Decrypting,
        _ => EncryptionStatus::Unknown,
    }
}

/// `Win32_EncryptableVolume.EncryptionMethod` by name.
pub fn encryption_method(method: Option<u64>) -> Option<&'static str> {
    match method? {
        1 => Some("AES 128 with Diffuser"),
        2 => Some("AES 256 with Diffuser"),
        3 => Some("AES 128"),
        4 => Some("AES 256"),
        5 => Some("Hardware encryption"),
        6 => Some("XTS-AES 128"),
        7 => Some("XTS-AES 256"),
        _ => None,
    }
}

fn text(value: Option<&String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

impl Cim {
    /// The specifications these classes describe.
    pub fn specs(&self) -> Specs {
        let cpu = self.processors.first();
        let system = self.computer_system.as_ref();
        let installed: u64 = self.memory.iter().filter_map(|m| m.capacity).sum();
        let manufacturer = system.and_then(|s| s.manufacturer.as_deref());
        let model = system.and_then(|s| s.model.as_deref());
        let chassis_types: Vec<u16> = self
            .enclosures
            .iter()
            .flat_map(|e| e.chassis_types.iter().copied())
            .collect();
        Specs {
            processor: text(cpu.and_then(|c| c.name.as_ref())),
            cores: small(
                self.processors
                    .iter()
                    .filter_map(|c| c.number_of_cores)
                    .reduce(|a, b| a + b),
            ),
            logical_processors: small(
                self.processors
                    .iter()
                    .filter_map(|c| c.number_of_logical_processors)
                    .reduce(|a, b| a + b),
            ),
            memory_installed_bytes: (installed > 0).then_some(installed),
            memory_usable_bytes: system.and_then(|s| s.total_physical_memory),
            system_type: super::system_type(
                self.operating_system
                    .as_ref()
                    .and_then(|o| o.os_architecture.as_deref()),
                system.and_then(|s| s.system_type.as_deref()),
            ),
            chassis: super::chassis(
                &chassis_types,
                super::is_virtual_machine(manufacturer, model),
            ),
            drives: self
                .disks
                .iter()
                .filter(|d| d.drive_type.is_none_or(|t| t == 3))
                .filter_map(|d| {
                    Some(Drive {
                        name: text(d.device_id.as_ref())?,
                        filesystem: text(d.file_system.as_ref()),
                        size_bytes: d.size?,
                        free_bytes: d.free_space.unwrap_or(0),
                    })
                })
                .collect(),
            tpm: Some(match self.tpm.first() {
                None => Tpm {
                    present: false,
                    version: None,
                },
                Some(t) => Tpm {
                    present: t.is_enabled.unwrap_or(true),
                    version: t
                        .spec_version
                        .as_deref()
                        .and_then(|v| v.split(',').next())
                        .map(|v| v.trim().to_owned())
                        .filter(|v| !v.is_empty()),
                },
            }),
            secure_boot: self
                .secure_boot
                .as_ref()
                .and_then(|s| s.enabled)
                .map(|on| on == 1),
            encryption: self
                .volumes
                .iter()
                .filter_map(|v| {
                    Some(VolumeEncryption {
                        volume: text(v.drive_letter.as_ref())?,
                        status: encryption_status(v.protection_status, v.conversion_status),
                        method: encryption_method(v.encryption_method)
                            .filter(|_| v.conversion_status != Some(0))
                            .map(str::to_owned),
                    })
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests;
