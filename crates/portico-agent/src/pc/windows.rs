//! This PC on Windows: the thin layer. Each function reads one thing and hands it, as it
//! came, to the shared parsers (`regfile::from_raw`, `licensing`, `msdm`, `signals`,
//! `location`). Nothing here decides anything.
//!
//! Built only on Windows (this repository's CI has no Windows target).

use anyhow::Context;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use winreg::RegKey;
use winreg::enums::{
    HKEY_LOCAL_MACHINE, KEY_READ, KEY_WOW64_64KEY, REG_BINARY, REG_DWORD, REG_EXPAND_SZ, REG_SZ,
};

use crate::collect::{
    Collectors, FirmwareSource, Hardware, HardwareSource, LicensingSource, LocationSource, Nothing,
    OsSource, RegValues,
};
use crate::licensing::LicensingProduct;
use crate::regfile::RawKind;
use crate::signals::HardwareId;

const CURRENT_VERSION: &str = r"SOFTWARE\Microsoft\Windows NT\CurrentVersion";
const CRYPTOGRAPHY: &str = r"SOFTWARE\Microsoft\Cryptography";

/// A key under HKLM through the 64-bit view: a 32-bit build would otherwise be redirected
/// to `WOW6432Node`.
fn open(path: &str) -> std::io::Result<RegKey> {
    RegKey::predef(HKEY_LOCAL_MACHINE).open_subkey_with_flags(path, KEY_READ | KEY_WOW64_64KEY)
}

/// `HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion`.
struct Registry;

impl OsSource for Registry {
    fn current_version(&self) -> anyhow::Result<RegValues> {
        let key = open(CURRENT_VERSION).context("cannot open the registry's CurrentVersion")?;
        let mut values = RegValues::new();
        for item in key.enum_values() {
            let Ok((name, value)) = item else { continue };
            let kind = match value.vtype {
                REG_SZ | REG_EXPAND_SZ => RawKind::String,
                REG_DWORD => RawKind::Dword,
                REG_BINARY => RawKind::Binary,
                _ => continue,
            };
            if let Some(value) = crate::regfile::from_raw(kind, &value.bytes) {
                values.insert(name, value);
            }
        }
        Ok(values)
    }
}

/// The firmware's tables through `GetSystemFirmwareTable`.
struct FirmwareTable;

impl FirmwareSource for FirmwareTable {
    fn msdm(&self) -> anyhow::Result<Option<Vec<u8>>> {
        use windows_sys::Win32::System::SystemInformation::ACPI;
        // An ACPI table's id is its signature's bytes read as a little-endian u32.
        Ok(firmware_table(ACPI, u32::from_le_bytes(*b"MSDM")))
    }
}

#[expect(unsafe_code, reason = "GetSystemFirmwareTable has no safe binding")]
fn firmware_table(provider: u32, id: u32) -> Option<Vec<u8>> {
    use windows_sys::Win32::System::SystemInformation::GetSystemFirmwareTable;
    // SAFETY: a null buffer with size 0 only asks for the table's size (0: no such table).
    let size = unsafe { GetSystemFirmwareTable(provider, id, std::ptr::null_mut(), 0) };
    let mut table = vec![0u8; usize::try_from(size).ok().filter(|s| *s > 0)?];
    // SAFETY: `table` is valid for writes of `size` bytes, the size passed.
    let written = unsafe { GetSystemFirmwareTable(provider, id, table.as_mut_ptr(), size) };
    if written == 0 || written > size {
        return None;
    }
    table.truncate(usize::try_from(written).ok()?);
    Some(table)
}

/// A WQL query on `ROOT\CIMV2`. The connection is per call: it belongs to the calling
/// thread (COM), and the agent queries a few times an hour.
fn query<T: DeserializeOwned>(wql: &str) -> anyhow::Result<Vec<T>> {
    query_in(r"ROOT\CIMV2", wql)
}

/// A WQL query on another namespace (the TPM's and BitLocker's are under `Security`).
fn query_in<T: DeserializeOwned>(namespace: &str, wql: &str) -> anyhow::Result<Vec<T>> {
    let wmi = wmi::WMIConnection::with_namespace_path(namespace)
        .with_context(|| format!("cannot connect to WMI's {namespace}"))?;
    wmi.raw_query(wql)
        .with_context(|| format!("WMI query failed: {wql}"))
}

/// `SoftwareLicensingService` and `SoftwareLicensingProduct` (the Software Protection
/// Platform, as `slmgr` reads it, without its localised text), and the SMBIOS
/// identifiers.
struct Wmi;

#[derive(Deserialize)]
struct LicensingService {
    #[serde(rename = "OA3xOriginalProductKey")]
    oa3x_original_product_key: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ComputerSystemProduct {
    #[serde(rename = "UUID")]
    uuid: Option<String>,
    identifying_number: Option<String>,
    vendor: Option<String>,
    name: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Serial {
    serial_number: Option<String>,
}

impl LicensingSource for Wmi {
    fn products(&self) -> anyhow::Result<Vec<LicensingProduct>> {
        query(&crate::licensing::wql())
    }

    fn firmware_key(&self) -> anyhow::Result<Option<String>> {
        let services: Vec<LicensingService> =
            query("SELECT OA3xOriginalProductKey FROM SoftwareLicensingService")?;
        Ok(services
            .into_iter()
            .find_map(|s| s.oa3x_original_product_key))
    }
}

impl HardwareSource for Wmi {
    fn hardware(&self) -> anyhow::Result<Hardware> {
        let product: Option<ComputerSystemProduct> =
            query("SELECT UUID, IdentifyingNumber, Vendor, Name FROM Win32_ComputerSystemProduct")?
                .into_iter()
                .next();
        let boards: Vec<Serial> = query("SELECT SerialNumber FROM Win32_BaseBoard")?;
        let disks: Vec<Serial> = query("SELECT SerialNumber FROM Win32_DiskDrive WHERE Index = 0")?;
        let machine_guid: Option<String> = open(CRYPTOGRAPHY)
            .and_then(|key| key.get_value("MachineGuid"))
            .ok();

        let mut ids = Vec::new();
        let mut add = |kind: &'static str, value: Option<&str>| {
            ids.extend(value.and_then(|v| HardwareId::new(kind, v)));
        };
        add(
            "smbios-uuid",
            product.as_ref().and_then(|p| p.uuid.as_deref()),
        );
        add(
            "system-serial",
            product
                .as_ref()
                .and_then(|p| p.identifying_number.as_deref()),
        );
        for board in &boards {
            add("board-serial", board.serial_number.as_deref());
        }
        for disk in &disks {
            add("disk-serial", disk.serial_number.as_deref());
        }
        add("machine-guid", machine_guid.as_deref());
        Ok(Hardware {
            manufacturer: product.as_ref().and_then(|p| p.vendor.clone()),
            model: product.and_then(|p| p.name),
            ids,
        })
    }
}

/// Windows' location service (`Windows.Devices.Geolocation`), which honours the PC's
/// privacy settings.
struct WindowsLocation;

impl LocationSource for WindowsLocation {
    fn locate(&self) -> anyhow::Result<Option<portico_wire::report::Location>> {
        use windows::Devices::Geolocation::{GeolocationAccessStatus, Geolocator};
        let access = Geolocator::RequestAccessAsync()?.join()?;
        if access != GeolocationAccessStatus::Allowed {
            anyhow::bail!("Windows' location service is off for this app: no location is sent.");
        }
        let coordinate = Geolocator::new()?
            .GetGeopositionAsync()?
            .join()?
            .Coordinate()?;
        let point = coordinate.Point()?.Position()?;
        Ok(crate::location::fix(
            point.Latitude,
            point.Longitude,
            coordinate.Accuracy()?,
            coordinate.Timestamp()?.UniversalTime,
        ))
    }
}

/// The specifications' WMI classes, queried into the types an export reads into
/// ([`crate::specs::cim`]). The TPM's and BitLocker's classes need the service's rights: a
/// class that cannot be read is left out, not an error.
struct WmiSpecs;

impl crate::collect::SpecsSource for WmiSpecs {
    fn specs(&self) -> anyhow::Result<Option<portico_wire::report::Specs>> {
        use crate::specs::cim::{self, Cim};
        let first = |wql: &str| query(wql).ok().and_then(|v: Vec<_>| v.into_iter().next());
        let secure_boot = open(r"SYSTEM\CurrentControlSet\Control\SecureBoot\State")
            .and_then(|key| key.get_value::<u32, _>("UEFISecureBootEnabled"))
            .ok()
            .map(|on| cim::SecureBootState {
                enabled: Some(u64::from(on)),
            });
        let cim = Cim {
            processors: query(
                "SELECT Name, NumberOfCores, NumberOfLogicalProcessors FROM Win32_Processor",
            )?,
            computer_system: first(
                "SELECT Manufacturer, Model, SystemType, TotalPhysicalMemory FROM Win32_ComputerSystem",
            ),
            operating_system: first("SELECT OSArchitecture FROM Win32_OperatingSystem"),
            memory: query("SELECT Capacity FROM Win32_PhysicalMemory").unwrap_or_default(),
            enclosures: query("SELECT ChassisTypes FROM Win32_SystemEnclosure").unwrap_or_default(),
            disks: query(
                "SELECT DeviceID, FileSystem, Size, FreeSpace, DriveType FROM Win32_LogicalDisk WHERE DriveType = 3",
            )
            .unwrap_or_default(),
            tpm: query_in(
                r"ROOT\CIMV2\Security\MicrosoftTpm",
                "SELECT IsEnabled_InitialValue, SpecVersion FROM Win32_Tpm",
            )
            .unwrap_or_default(),
            secure_boot,
            volumes: query_in(
                VOLUME_ENCRYPTION,
                "SELECT DriveLetter, ProtectionStatus, ConversionStatus, EncryptionMethod FROM Win32_EncryptableVolume",
            )
            .unwrap_or_default(),
        };
        Ok(Some(cim.specs()))
    }
}

/// BitLocker's recovery-password protectors through `Win32_EncryptableVolume`'s methods
/// (`GetKeyProtectors` of type 3, then `GetKeyProtectorNumericalPassword` of each), which
/// need the service's rights. The passwords pass the shared check
/// ([`crate::bitlocker::RecoveryPassword`]).
struct WmiRecovery;

const VOLUME_ENCRYPTION: &str = r"ROOT\CIMV2\Security\MicrosoftVolumeEncryption";

/// The class the methods are called on (its name is the WMI class's).
#[derive(Deserialize)]
#[allow(non_camel_case_types, non_snake_case)]
struct Win32_EncryptableVolume {
    __Path: String,
    DriveLetter: Option<String>,
}

#[derive(serde::Serialize)]
#[allow(non_snake_case)]
struct ProtectorsOfType {
    KeyProtectorType: u32,
}

#[derive(Deserialize)]
#[allow(non_snake_case)]
struct ProtectorIds {
    ReturnValue: u32,
    VolumeKeyProtectorID: Option<Vec<String>>,
}

#[derive(serde::Serialize)]
#[allow(non_snake_case)]
struct OneProtector {
    VolumeKeyProtectorID: String,
}

#[derive(Deserialize)]
#[allow(non_snake_case)]
struct NumericalPassword {
    ReturnValue: u32,
    NumericalPassword: Option<String>,
}

/// `KeyProtectorType` of a recovery password ("Numerical password").
const NUMERICAL_PASSWORD: u32 = 3;

impl crate::collect::RecoverySource for WmiRecovery {
    fn recovery_passwords(&self) -> anyhow::Result<Option<Vec<crate::bitlocker::Protector>>> {
        use crate::bitlocker::{Protector, RecoveryPassword};
        let wmi = wmi::WMIConnection::with_namespace_path(VOLUME_ENCRYPTION)
            .context("cannot connect to BitLocker's WMI namespace")?;
        let volumes: Vec<Win32_EncryptableVolume> = wmi
            .raw_query("SELECT * FROM Win32_EncryptableVolume")
            .context("cannot list BitLocker's volumes")?;
        let mut found = Vec::new();
        for volume in volumes {
            let Some(letter) = volume.DriveLetter.filter(|l| !l.is_empty()) else {
                continue;
            };
            let ids: ProtectorIds = wmi
                .exec_instance_method::<Win32_EncryptableVolume, _>(
                    &volume.__Path,
                    "GetKeyProtectors",
                    ProtectorsOfType {
                        KeyProtectorType: NUMERICAL_PASSWORD,
                    },
                )
                .with_context(|| format!("cannot list {letter}'s key protectors"))?;
            anyhow::ensure!(
                ids.ReturnValue == 0,
                "{letter}'s key protectors: error {:#010X}",
                ids.ReturnValue
            );
            for id in ids.VolumeKeyProtectorID.unwrap_or_default() {
                let answer: NumericalPassword = wmi
                    .exec_instance_method::<Win32_EncryptableVolume, _>(
                        &volume.__Path,
                        "GetKeyProtectorNumericalPassword",
                        OneProtector {
                            VolumeKeyProtectorID: id.clone(),
                        },
                    )
                    .with_context(|| format!("cannot read {letter}'s recovery password"))?;
                anyhow::ensure!(
                    answer.ReturnValue == 0,
                    "{letter}'s recovery password: error {:#010X}",
                    answer.ReturnValue
                );
                let password = answer
                    .NumericalPassword
                    .as_deref()
                    .and_then(RecoveryPassword::parse);
                let id = portico_wire::bitlocker::protector_id(&id);
                if let (Some(id), Some(password)) = (id, password) {
                    found.push(Protector {
                        volume: letter.to_ascii_uppercase(),
                        id,
                        password,
                    });
                }
            }
        }
        Ok(Some(found))
    }
}

/// Where this Windows PC's recovery keys are read.
pub fn recovery() -> std::sync::Arc<dyn crate::collect::RecoverySource + Send + Sync> {
    std::sync::Arc::new(WmiRecovery)
}

/// This Windows PC; its location only when the person turned it on for this PC.
pub fn collectors(location: bool) -> Collectors {
    Collectors {
        os: Box::new(Registry),
        firmware: Box::new(FirmwareTable),
        licensing: Box::new(Wmi),
        hardware: Box::new(Wmi),
        location: if location {
            Box::new(WindowsLocation)
        } else {
            Box::new(Nothing)
        },
        specs: Box::new(WmiSpecs),
        strict: false,
    }
}
