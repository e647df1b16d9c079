//! The firmware key: the ACPI MSDM table (85 bytes) that OEM PCs carry.

use crate::key::ProductKey;

pub const LEN: usize = 85;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MsdmError {
    #[error("not an MSDM table (it is {0} bytes, or its signature is not MSDM)")]
    NotMsdm(usize),
    #[error("the table's checksum is wrong: it is damaged")]
    Checksum,
    #[error("the table holds no product key")]
    NoKey,
}

/// Reads the key at its fixed offset, after checking the signature, length and checksum.
pub fn parse(table: &[u8]) -> Result<ProductKey, MsdmError> {
    if table.len() < LEN || &table[..4] != b"MSDM" {
        return Err(MsdmError::NotMsdm(table.len()));
    }
    let declared = u32::from_le_bytes([table[4], table[5], table[6], table[7]]) as usize;
    if declared != LEN {
        return Err(MsdmError::NotMsdm(declared));
    }
    let table = &table[..LEN];
    let sum = table.iter().fold(0u8, |acc, b| acc.wrapping_add(*b));
    if sum != 0 {
        return Err(MsdmError::Checksum);
    }
    let data_len = u32::from_le_bytes([table[52], table[53], table[54], table[55]]) as usize;
    if data_len != 29 {
        return Err(MsdmError::NoKey);
    }
    let text = std::str::from_utf8(&table[56..85]).map_err(|_| MsdmError::NoKey)?;
    ProductKey::parse(text).ok_or(MsdmError::NoKey)
}
