//! Version 2's specifications of the PC, as Settings › System › About shows them.

use serde::{Deserialize, Serialize};

/// The PC's specifications. Each part is optional: what could not be read this time is
/// left out, and the portal keeps what it knew.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Specs {
    /// e.g. "Intel(R) Core(TM) i7-1185G7 @ 3.00GHz".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub processor: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::integral::optional_whole"
    )]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 4096))]
    pub cores: Option<u32>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::integral::optional_whole"
    )]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 4096))]
    pub logical_processors: Option<u32>,
    /// The memory modules' capacity, in bytes ("Installed RAM").
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::integral::optional_whole"
    )]
    #[cfg_attr(
        feature = "openapi",
        schema(minimum = 0, maximum = 9_007_199_254_740_991_i64)
    )]
    pub memory_installed_bytes: Option<u64>,
    /// What the OS can use, in bytes.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::integral::optional_whole"
    )]
    #[cfg_attr(
        feature = "openapi",
        schema(minimum = 0, maximum = 9_007_199_254_740_991_i64)
    )]
    pub memory_usable_bytes: Option<u64>,
    /// e.g. "64-bit operating system, x64-based processor".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub system_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chassis: Option<Chassis>,
    /// Fixed drives.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "crate::shape::objects"
    )]
    #[cfg_attr(feature = "openapi", schema(max_items = 32))]
    pub drives: Vec<Drive>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::shape::optional_object"
    )]
    pub tpm: Option<Tpm>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secure_boot: Option<bool>,
    /// Device encryption / BitLocker (or LUKS on Linux), per volume.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "crate::shape::objects"
    )]
    #[cfg_attr(feature = "openapi", schema(max_items = 32))]
    pub encryption: Vec<VolumeEncryption>,
}

/// What kind of PC it is, from SMBIOS' chassis type (and the hypervisor, for a VM).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Chassis {
    Laptop,
    Desktop,
    Tablet,
    Server,
    VirtualMachine,
    /// Any other kind SMBIOS names.
    Other,
}

/// A fixed drive: `C:` on Windows, a mount point on Linux.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Drive {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub name: String,
    /// e.g. "NTFS", "ext4".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 40))]
    pub filesystem: Option<String>,
    #[serde(deserialize_with = "crate::integral::whole")]
    #[cfg_attr(
        feature = "openapi",
        schema(minimum = 0, maximum = 9_007_199_254_740_991_i64)
    )]
    pub size_bytes: u64,
    #[serde(deserialize_with = "crate::integral::whole")]
    #[cfg_attr(
        feature = "openapi",
        schema(minimum = 0, maximum = 9_007_199_254_740_991_i64)
    )]
    pub free_bytes: u64,
}

/// The Trusted Platform Module.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Tpm {
    pub present: bool,
    /// The specification version, e.g. "2.0".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 20))]
    pub version: Option<String>,
}

/// One volume's encryption.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VolumeEncryption {
    /// `C:` on Windows, a mount point on Linux.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub volume: String,
    pub status: EncryptionStatus,
    /// e.g. "XTS-AES 128".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 40))]
    pub method: Option<String>,
}

/// A volume's encryption as BitLocker names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EncryptionStatus {
    On,
    Off,
    /// Encrypted, protection suspended (the key is in the clear on the disk).
    Suspended,
    Encrypting,
    Decrypting,
    /// BitLocker could not tell (the volume is locked).
    Unknown,
}
