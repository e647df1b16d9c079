//! `DigitalProductId` (version 3, 164 bytes) and `DigitalProductId4` (1272 bytes) from the
//! registry's `CurrentVersion` key, read at their fixed offsets with their checks.

use sha2::{Digest, Sha256};

use crate::key::{self, ProductKey};

/// What a blob says, and whether its own check held (a damaged blob may still decode).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// `None`: no key stored (all-zero key bytes).
    pub key: Option<ProductKey>,
    /// The blob's check (CRC-32 trailer, or SHA-256 of the key bytes) matched.
    pub intact: bool,
    /// `Retail`, `OEM`, `Volume`, … when the blob says.
    pub license_type: Option<String>,
    /// `EditionID` as `DigitalProductId4` records it.
    pub edition: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DpidError {
    #[error("the blob is {0} bytes, too short for its kind")]
    TooShort(usize),
}

fn key_bytes(blob: &[u8], at: usize) -> [u8; 15] {
    let mut k = [0u8; 15];
    k.copy_from_slice(&blob[at..at + 15]);
    k
}

fn u32_le(blob: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([blob[at], blob[at + 1], blob[at + 2], blob[at + 3]])
}

/// `DigitalProductId`: key bytes at 52, license type at 80, and at 160 the bitwise NOT of
/// the CRC-32 of bytes 0..160.
pub fn parse_v3(blob: &[u8]) -> Result<Decoded, DpidError> {
    if blob.len() < 164 {
        return Err(DpidError::TooShort(blob.len()));
    }
    let crc = !crc32fast::hash(&blob[..160]);
    let license_type = match u32_le(blob, 80) {
        0 => Some("Retail"),
        1 => Some("Upgrade"),
        2 => Some("OEM"),
        3 => Some("Volume"),
        _ => None,
    };
    Ok(Decoded {
        key: key::decode(&key_bytes(blob, 52)),
        intact: crc == u32_le(blob, 160),
        license_type: license_type.map(str::to_owned),
        edition: None,
    })
}

/// A NUL-terminated UTF-16LE string at `at`, at most `max` bytes long.
fn utf16_at(blob: &[u8], at: usize, max: usize) -> Option<String> {
    let end = (at + max).min(blob.len());
    let units: Vec<u16> = blob
        .get(at..end)?
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .take_while(|u| *u != 0)
        .collect();
    let text = String::from_utf16(&units).ok()?;
    (!text.is_empty()).then_some(text)
}

/// `DigitalProductId4`: key bytes at 808 (16), their SHA-256 at 824, edition at 280, key
/// type at 1016.
pub fn parse_v4(blob: &[u8]) -> Result<Decoded, DpidError> {
    if blob.len() < 1272 {
        return Err(DpidError::TooShort(blob.len()));
    }
    let digest = Sha256::digest(&blob[808..824]);
    Ok(Decoded {
        key: key::decode(&key_bytes(blob, 808)),
        intact: digest.as_slice() == &blob[824..856],
        license_type: utf16_at(blob, 1016, 128),
        edition: utf16_at(blob, 280, 520),
    })
}
