//! Keys that name an edition rather than a purchase: the generic keys digital-license
//! installs carry, and Microsoft's public KMS client keys (GVLK). They are never the
//! person's own key.

use crate::key::ProductKey;

/// What kind of public key a key is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Generic {
    /// A generic install key: the PC is activated by a digital license, not by this key.
    Install,
    /// A volume client key: activation comes from the organisation's KMS.
    VolumeClient,
}

const INSTALL: &[&str] = &[
    "VK7JG-NPHTM-C97JM-9MPGT-3V66T", // Pro
    "YTMG3-N6DKC-DKB77-7M9GH-8HVX7", // Home
];

/// Microsoft's KMS client activation keys (a public table), those this agent knows.
const VOLUME_CLIENT: &[&str] = &[
    "6TP4R-GNPTD-KYYHQ-7B7DP-J447Y",
    "M7XTQ-FN8P6-TTKYV-9D4CC-J462D",
    "WC2BQ-8NRM3-FDDYY-2BFGV-KHKQY",
    "JCKRF-N37P4-C2D82-9YXRT-4M63B",
    "2F77B-TNFGY-69QQF-B8YKP-D69TJ",
    "KBN8V-HFGQ4-MGXVD-347P6-PDQGT",
    "33PXH-7Y6KF-2VJC9-XBBR8-HVTHH",
    "DPH2V-TTNVB-4X9Q3-TJR4H-KHJW4",
    "MH37W-N47XK-V7XM9-C7227-GCQG9",
    "N69G4-B89J2-4G8F4-WWYCC-J464C",
    "NPPR9-FWDCX-D2C8J-H872K-2YT43",
    "WVDHN-86M7X-466P6-VHXV7-YY726",
    "92NFX-8DJQP-P6BBQ-THF9C-7CG2H",
    "9FNHH-K3HBT-3W4TD-6383H-6XYWF",
    "NRG8B-VKK3Q-CXVCJ-9G2XF-6Q84J",
    "D764K-2NDRG-47T6Q-P8T8W-YP6DF",
    "W269N-WFGWX-YVC9B-4J6C9-T83GX",
    "NG4HW-VH26C-733KW-K6F98-J8CK4",
    "WX4NM-KYWYW-QJJR4-XV3QB-6VM33",
    "MHF9N-XY6XB-WVXMC-BTDCT-MKKG7",
    "NTBV8-9K7Q8-V27C6-M2BTV-KHMXV",
    "YVWGF-BXNMC-HTQYQ-CPQ99-66QFC",
    "44RPN-FTY23-9VTTB-MP9BX-T84FV",
    "YYVX9-NTFWV-6MDM3-9PT4T-4M68B",
    "GCRJD-8NW9H-F2CDX-CCM8D-9D6T9",
    "YC6KT-GKW9T-YTKYR-T4X34-R7VHC",
];

/// Whether `key` is a public key, and which kind.
pub fn classify(key: &ProductKey) -> Option<Generic> {
    let k = key.reveal();
    if INSTALL.contains(&k) {
        Some(Generic::Install)
    } else if VOLUME_CLIENT.contains(&k) {
        Some(Generic::VolumeClient)
    } else {
        None
    }
}
