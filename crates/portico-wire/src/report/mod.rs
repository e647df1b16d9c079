//! What the agent reports: `PUT /api/agent/v1/report` with its device token. Version 2
//! adds the PC's specifications ([`Specs`]) and, with the person's consent, its BitLocker
//! recovery keys ([`RecoveryKey`]); version 1 reports (older agents) are still accepted. Every field after version 1's is optional. Unknown fields are ignored (newer
//! agents may send more); the server checks every field it reads and answers a problem
//! document naming the first one it refuses.

use serde::{Deserialize, Serialize};

/// Path of the report endpoint, under [`crate::API_PREFIX`].
pub const REPORT_PATH: &str = "/report";

/// The largest report body the server reads, in bytes.
pub const MAX_REPORT_BYTES: usize = 64 * 1024;

/// The report format this crate writes.
pub const REPORT_VERSION: u32 = 2;

/// The largest size in bytes a report carries: JSON's exact integers (2^53 - 1, 8 PiB).
pub const MAX_BYTES: u64 = (1 << 53) - 1;

/// The oldest report format the server still reads.
pub const OLDEST_REPORT_VERSION: u32 = 1;

/// One report: the PC's facts and activation state at one moment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Report {
    /// [`OLDEST_REPORT_VERSION`] to [`REPORT_VERSION`].
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 2))]
    #[serde(deserialize_with = "crate::integral::whole")]
    pub version: u32,
    /// A UUID the agent makes for this report; sending it again (after a lost answer)
    /// applies it once.
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
        )
    )]
    pub report_id: String,
    #[serde(deserialize_with = "crate::shape::object")]
    pub agent: Agent,
    #[serde(deserialize_with = "crate::shape::object")]
    pub device: DeviceFacts,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::shape::optional_object"
    )]
    pub activation: Option<Activation>,
    /// The Windows license this PC holds, as the agent found it (never the whole key).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::shape::optional_object"
    )]
    pub license: Option<License>,
    /// HMACs (hex) of hardware identifiers, keyed by the agent's install secret: the
    /// portal compares them as a set, never sees a serial number.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "openapi", schema(max_items = 32, inline, value_type = Vec<HardwareSignal>))]
    pub hardware_signals: Vec<String>,
    /// Only when the person turned on Find my device on the PC too.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::shape::optional_object"
    )]
    pub location: Option<Location>,
    /// Version 2: the PC's specifications, as Settings › System › About shows them.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::shape::optional_object"
    )]
    pub specs: Option<Specs>,
    /// Version 2, only while the person lets this PC back up its BitLocker recovery keys
    /// (the portal says so in every answer, [`BACKUP_RECOVERY_KEYS_HEADER`]): every
    /// recovery-password protector on the PC now. A key missing from the list is no longer
    /// on the PC; absent means "not read this time" and changes nothing.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::shape::optional_objects"
    )]
    #[cfg_attr(feature = "openapi", schema(max_items = 32))]
    pub recovery_keys: Option<Vec<RecoveryKey>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Agent {
    #[cfg_attr(feature = "openapi", schema(max_length = 40))]
    pub version: String,
    /// A random id the agent made when it was installed.
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub install_id: String,
}

/// The PC as Windows describes it (the registry's `CurrentVersion` and SMBIOS).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeviceFacts {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub manufacturer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub model: Option<String>,
    /// `ProductName`, e.g. "Windows 11 Pro".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub os_name: Option<String>,
    /// `EditionID`, e.g. "Professional".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub os_edition: Option<String>,
    /// `DisplayVersion`, e.g. "23H2".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub os_version: Option<String>,
    /// `CurrentBuild.UBR`, e.g. "22631.4460".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub os_build: Option<String>,
    /// e.g. "x86_64", "aarch64".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub architecture: Option<String>,
}

/// Windows' activation state (WMI `SoftwareLicensingProduct`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Activation {
    /// `LicenseStatus`, 0 to 6.
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 6))]
    #[serde(deserialize_with = "crate::integral::whole")]
    pub license_status: u8,
    /// `LicenseStatusReason`, an HRESULT such as `0xC004F009`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 20))]
    pub status_reason: Option<String>,
    /// `GracePeriodRemaining`, in minutes.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::integral::optional_whole"
    )]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 2147483647))]
    pub grace_minutes: Option<u32>,
    /// `ProductKeyChannel`: `Retail`, `OEM:DM`, `OEM:NONSLP`, `Volume:GVLK`, `Volume:MAK`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 40))]
    pub channel: Option<String>,
    /// `PartialProductKey`: the key's last five characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(pattern = "^[0-9A-Z]{5}$"))]
    pub partial_key: Option<String>,
}

/// A Windows license as the agent found it: the key's SHA-256 and last five characters,
/// never the key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct License {
    /// SHA-256 (hex) of the 25-character key as `XXXXX-XXXXX-XXXXX-XXXXX-XXXXX`; absent when
    /// no key is stored (a digital license).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(pattern = "^[0-9a-fA-F]{64}$"))]
    pub key_sha256: Option<String>,
    /// The key's last five characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(pattern = "^[0-9A-Z]{5}$"))]
    pub last5: Option<String>,
    /// e.g. "Windows 11 Pro".
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub product: String,
    /// `EditionID`, e.g. "Professional".
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub edition: String,
    /// `Retail`, `OEM`, `Volume:MAK`, `Volume:GVLK` or `Digital`.
    pub channel: LicenseChannel,
    /// Where the key was read: `registry`, `firmware`, `wmi` or `file`.
    #[cfg_attr(feature = "openapi", schema(value_type = KeySource))]
    pub source: String,
    /// The key is a generic install key or a volume client key (public keys that identify
    /// an edition, not a purchase).
    #[serde(default)]
    pub generic: bool,
}

/// Whether what Windows says of a key's channel (`DigitalProductId4`'s key type, WMI's
/// `ProductKeyChannel`, or a license's channel) makes it a KMS client key: both sides read
/// `Volume:GVLK` through this one rule.
pub fn is_kms_channel(channel: &str) -> bool {
    channel.trim().eq_ignore_ascii_case("Volume:GVLK")
}

/// How a license was obtained, which decides whether it may move to another PC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum LicenseChannel {
    Retail,
    #[serde(rename = "OEM")]
    Oem,
    #[serde(rename = "Volume:MAK")]
    VolumeMak,
    #[serde(rename = "Volume:GVLK")]
    VolumeGvlk,
    Digital,
}

/// Where the PC was, as Windows' location service said.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Location {
    #[cfg_attr(feature = "openapi", schema(minimum = -90, maximum = 90))]
    pub latitude: f64,
    #[cfg_attr(feature = "openapi", schema(minimum = -180, maximum = 180))]
    pub longitude: f64,
    #[cfg_attr(feature = "openapi", schema(minimum = 0))]
    pub accuracy_m: f64,
    /// RFC 3339.
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub observed_at: String,
}

/// Where a key was read (the OpenAPI shape of [`License::source`]).
#[cfg(feature = "openapi")]
#[derive(Debug, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum KeySource {
    Registry,
    Firmware,
    Wmi,
    File,
}

/// An HMAC-SHA256 of one hardware identifier, in hex (the OpenAPI shape of each entry of
/// [`Report::hardware_signals`]).
#[cfg(feature = "openapi")]
#[derive(Debug, utoipa::ToSchema)]
#[schema(pattern = "^[0-9a-fA-F]{64}$")]
pub struct HardwareSignal(pub String);

mod recovery;
mod sharing;
mod specs;
pub use recovery::*;
pub use sharing::*;
pub use specs::*;

#[cfg(test)]
mod tests;
