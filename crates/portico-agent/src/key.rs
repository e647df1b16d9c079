//! Product keys: decoding the 15 key bytes Windows stores (base 24, with the Windows 8+ `N`
//! flag), and the key's form `XXXXX-XXXXX-XXXXX-XXXXX-XXXXX`.

use sha2::{Digest, Sha256};

/// The 24 characters a key is written with (no vowels but `N`, which is special).
const DIGITS: &[u8; 24] = b"BCDFGHJKMPQRTVWXY2346789";

/// A 25-character product key, grouped by five. Its `Debug` hides all but the last five:
/// the whole key is a secret of its owner.
#[derive(Clone, PartialEq, Eq)]
pub struct ProductKey(String);

impl std::fmt::Debug for ProductKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ProductKey(XXXXX-XXXXX-XXXXX-XXXXX-{})", self.last5())
    }
}

impl ProductKey {
    /// A key as people write it, in any case, with or without dashes.
    pub fn parse(text: &str) -> Option<Self> {
        let chars: Vec<u8> = text
            .bytes()
            .filter(|b| *b != b'-')
            .map(|b| b.to_ascii_uppercase())
            .collect();
        if chars.len() != 25 || !chars.iter().all(|b| DIGITS.contains(b) || *b == b'N') {
            return None;
        }
        if chars.iter().filter(|b| **b == b'N').count() > 1 {
            return None;
        }
        Some(Self::grouped(&chars))
    }

    fn grouped(chars: &[u8]) -> Self {
        let text = chars
            .chunks(5)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect::<Vec<_>>()
            .join("-");
        Self(text)
    }

    /// The whole key: for `reveal-key` only, never for a report.
    pub fn reveal(&self) -> &str {
        &self.0
    }

    /// The last five characters (what Windows calls the partial product key).
    pub fn last5(&self) -> &str {
        &self.0[self.0.len() - 5..]
    }

    /// SHA-256 (hex) of the key in its grouped form: what a report carries.
    pub fn sha256_hex(&self) -> String {
        hex::encode(Sha256::digest(self.0.as_bytes()))
    }
}

/// Decodes the 15 key bytes; `None` when they are all zero (no key stored, e.g. after
/// `slmgr /cpky`), never `BBBBB-BBBBB-…`.
pub fn decode(key_bytes: &[u8; 15]) -> Option<ProductKey> {
    if key_bytes.iter().all(|b| *b == 0) {
        return None;
    }
    let mut k = *key_bytes;
    let has_n = k[14] & 0x08 != 0;
    k[14] &= 0xF7;
    let mut digits = [0usize; 25];
    for digit in digits.iter_mut().rev() {
        let mut rem: u32 = 0;
        for byte in k.iter_mut().rev() {
            let acc = (rem << 8) | u32::from(*byte);
            *byte = u8::try_from(acc / 24).unwrap_or(u8::MAX);
            rem = acc % 24;
        }
        *digit = rem as usize;
    }
    let mut chars: Vec<u8> = digits.iter().map(|d| DIGITS[*d]).collect();
    if has_n {
        // The first digit says where the N goes among the other 24 characters.
        let at = digits[0];
        chars.remove(0);
        chars.insert(at.min(chars.len()), b'N');
    }
    Some(ProductKey::grouped(&chars))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_written_in_any_case_and_shown_grouped() {
        let key = ProductKey::parse("vk7jg-npHTM-C97JM-9MPGT-3V66T").expect("a key");
        assert_eq!(key.reveal(), "VK7JG-NPHTM-C97JM-9MPGT-3V66T");
        assert_eq!(key.last5(), "3V66T");
        assert!(!format!("{key:?}").contains("VK7JG"), "Debug hides the key");
        assert!(ProductKey::parse("VK7JG-NPHTM-C97JM-9MPGT-3V66").is_none());
        assert!(
            ProductKey::parse("AAAAA-BBBBB-CCCCC-DDDDD-EEEEE").is_none(),
            "no vowels"
        );
        assert_eq!(decode(&[0; 15]), None, "no key stored");
    }
}
