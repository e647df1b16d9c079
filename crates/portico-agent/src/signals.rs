//! Hardware signals: identifiers of the PC's parts (SMBIOS UUID, board and system serials,
//! `MachineGuid`, `/etc/machine-id`), each sent only as an HMAC keyed by a random key this
//! install made. The portal compares them as a set from one report to the next ("same PC,
//! new motherboard"); it never sees a serial, and two installs' signals cannot be matched.

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The most signals a report carries (the portal's limit).
pub const MAX_SIGNALS: usize = 32;

/// One identifier as read, before it is keyed. Never logged, never sent.
#[derive(Clone, PartialEq, Eq)]
pub struct HardwareId {
    /// What it identifies, e.g. `smbios-uuid`, `board-serial`, `machine-guid`.
    pub kind: &'static str,
    pub value: String,
}

impl std::fmt::Debug for HardwareId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "HardwareId({}, …)", self.kind)
    }
}

/// Placeholders firmware vendors leave in fields they did not fill: they identify nothing,
/// and would make every such PC look alike.
const PLACEHOLDERS: &[&str] = &[
    "to be filled by o.e.m.",
    "default string",
    "system serial number",
    "system product name",
    "base board serial number",
    "chassis serial number",
    "not specified",
    "not applicable",
    "none",
    "n/a",
    "na",
    "123456789",
    "0123456789",
    "invalid",
    // An SMBIOS UUID some boards ship with.
    "03000200-0400-0500-0006-000700080009",
];

impl HardwareId {
    /// The identifier, when it identifies something: trimmed, not a placeholder, not one
    /// character repeated (`00000000-0000-…`, `FFFF…`).
    pub fn new(kind: &'static str, value: &str) -> Option<Self> {
        let value = value.trim().trim_matches('\0').trim();
        let lower = value.to_ascii_lowercase();
        let mut significant = value.chars().filter(|c| c.is_ascii_alphanumeric());
        let first = significant.next()?;
        if significant.all(|c| c.eq_ignore_ascii_case(&first)) {
            return None;
        }
        if value.chars().count() < 4 || PLACEHOLDERS.contains(&lower.as_str()) {
            return None;
        }
        Some(Self {
            kind,
            value: value.to_owned(),
        })
    }
}

/// The signals of `ids`, keyed by this install's `key`: HMAC-SHA256 over `kind:value`
/// (case-folded, so a tool that upper-cases a UUID does not change it), hex, without
/// repeats, at most [`MAX_SIGNALS`].
pub fn keyed(key: &[u8], ids: &[HardwareId]) -> Vec<String> {
    let mut signals: Vec<String> = Vec::new();
    for id in ids {
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key) else {
            return Vec::new();
        };
        mac.update(id.kind.as_bytes());
        mac.update(b":");
        mac.update(id.value.to_lowercase().as_bytes());
        let signal = hex::encode(mac.finalize().into_bytes());
        if !signals.contains(&signal) {
            signals.push(signal);
        }
        if signals.len() == MAX_SIGNALS {
            break;
        }
    }
    signals
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(kind: &'static str, value: &str) -> HardwareId {
        HardwareId::new(kind, value).expect("a real identifier")
    }

    #[test]
    fn placeholders_and_repeated_characters_identify_nothing() {
        for junk in [
            "To be filled by O.E.M.",
            "Default string",
            "  ",
            "0",
            "00000000-0000-0000-0000-000000000000",
            "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF",
            "03000200-0400-0500-0006-000700080009",
            "None",
            "abc",
            "\0\0\0",
        ] {
            assert!(HardwareId::new("board-serial", junk).is_none(), "{junk:?}");
        }
        let kept = id("board-serial", " PF3ZK8QW \0");
        assert_eq!(kept.value, "PF3ZK8QW");
        assert!(!format!("{kept:?}").contains("PF3ZK8QW"), "Debug hides it");
    }

    #[test]
    fn signals_are_keyed_per_install_and_hide_the_identifier() {
        let ids = [
            id("smbios-uuid", "4C4C4544-0042-3510-8052-B4C04F4B4E32"),
            id("board-serial", "PF3ZK8QW"),
        ];
        let a = keyed(&[1; 32], &ids);
        let b = keyed(&[2; 32], &ids);
        assert_eq!(a.len(), 2);
        assert!(a.iter().all(|s| s.len() == 64));
        assert!(
            a.iter().all(|s| !b.contains(s)),
            "another install, other signals"
        );
        assert_eq!(
            a,
            keyed(&[1; 32], &ids),
            "the same install, the same signals"
        );
        let upper_lower = [id("smbios-uuid", "4c4c4544-0042-3510-8052-b4c04f4b4e32")];
        assert_eq!(
            keyed(&[1; 32], &upper_lower)[0],
            a[0],
            "case does not matter"
        );
        let same_value_other_kind = [id("machine-guid", "PF3ZK8QW")];
        assert_ne!(keyed(&[1; 32], &same_value_other_kind)[0], a[1]);
    }

    #[test]
    fn repeats_are_dropped_and_the_count_is_bounded() {
        let many: Vec<HardwareId> = (0..50)
            .map(|i| id("disk-serial", &format!("WD-WX{i:04}AB")))
            .chain([id("disk-serial", "WD-WX0001AB")])
            .collect();
        let signals = keyed(&[7; 32], &many);
        assert_eq!(signals.len(), MAX_SIGNALS);
        let twice = [
            id("board-serial", "PF3ZK8QW"),
            id("board-serial", "pf3zk8qw"),
        ];
        assert_eq!(keyed(&[7; 32], &twice).len(), 1);
    }
}
