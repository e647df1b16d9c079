//! Keys that name an edition rather than a purchase: the generic keys digital-license
//! installs carry, and Microsoft's public KMS client keys (GVLK). They are never the
//! person's own key.

use crate::key::ProductKey;

/// What kind of public key a key is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Generic {
    /// A generic install key: the PC is activated by a digital license, not by this key.
    Install,
    /// A volume client key: activation comes from the organization's KMS.
    VolumeClient,
}

/// Generic install keys of digital-license installs: (key, edition).
const INSTALL: &[(&str, &str)] = &[
    ("VK7JG-NPHTM-C97JM-9MPGT-3V66T", "Pro"),
    ("YTMG3-N6DKC-DKB77-7M9GH-8HVX7", "Home"),
];

/// Microsoft's published table "Key Management Services (KMS) client activation and
/// product keys", whole: (key, edition).
pub const KMS_CLIENT_KEYS: &[(&str, &str)] = &[
    // Windows Server LTSC
    (
        "TVRH6-WHNXV-R9WG3-9XRFY-MY832",
        "Windows Server 2025 Standard",
    ),
    (
        "D764K-2NDRG-47T6Q-P8T8W-YP6DF",
        "Windows Server 2025 Datacenter",
    ),
    (
        "XGN3F-F394H-FD2MY-PP6FD-8MCRC",
        "Windows Server 2025 Datacenter: Azure Edition",
    ),
    (
        "VDYBN-27WPP-V4HQT-9VMD4-VMK7H",
        "Windows Server 2022 Standard",
    ),
    (
        "WX4NM-KYWYW-QJJR4-XV3QB-6VM33",
        "Windows Server 2022 Datacenter",
    ),
    (
        "NTBV8-9K7Q8-V27C6-M2BTV-KHMXV",
        "Windows Server 2022 Datacenter: Azure Edition",
    ),
    (
        "N69G4-B89J2-4G8F4-WWYCC-J464C",
        "Windows Server 2019 Standard",
    ),
    (
        "WMDGN-G9PQG-XVVXX-R3X43-63DFG",
        "Windows Server 2019 Datacenter",
    ),
    (
        "WVDHN-86M7X-466P6-VHXV7-YY726",
        "Windows Server 2019 Essentials",
    ),
    (
        "WC2BQ-8NRM3-FDDYY-2BFGV-KHKQY",
        "Windows Server 2016 Standard",
    ),
    (
        "CB7KF-BWN84-R7R2Y-793K2-8XDDG",
        "Windows Server 2016 Datacenter",
    ),
    (
        "JCKRF-N37P4-C2D82-9YXRT-4M63B",
        "Windows Server 2016 Essentials",
    ),
    // Windows Server Semi-Annual Channel
    (
        "N2KJX-J94YW-TQVFB-DG9YT-724CC",
        "Windows Server Standard (20H2 to 1809)",
    ),
    (
        "6NMRW-2C8FM-D24W7-TQWMY-CWH2D",
        "Windows Server Datacenter (20H2 to 1809)",
    ),
    (
        "PTXN8-JFHJM-4WC78-MPCBR-9W4KR",
        "Windows Server Standard, version 1803",
    ),
    (
        "2HXDN-KRXHB-GPYC7-YCKFJ-7FVDG",
        "Windows Server Datacenter, version 1803",
    ),
    (
        "DPCNP-XQFKJ-BJF7R-FRC8D-GF6G4",
        "Windows Server Standard, version 1709",
    ),
    (
        "6Y6KB-N82V8-D8CQV-23MJW-BWTG6",
        "Windows Server Datacenter, version 1709",
    ),
    // Windows 11 and Windows 10
    ("W269N-WFGWX-YVC9B-4J6C9-T83GX", "Windows 11/10 Pro"),
    ("MH37W-N47XK-V7XM9-C7227-GCQG9", "Windows 11/10 Pro N"),
    (
        "NRG8B-VKK3Q-CXVCJ-9G2XF-6Q84J",
        "Windows 11/10 Pro for Workstations",
    ),
    (
        "9FNHH-K3HBT-3W4TD-6383H-6XYWF",
        "Windows 11/10 Pro for Workstations N",
    ),
    (
        "6TP4R-GNPTD-KYYHQ-7B7DP-J447Y",
        "Windows 11/10 Pro Education",
    ),
    (
        "YVWGF-BXNMC-HTQYQ-CPQ99-66QFC",
        "Windows 11/10 Pro Education N",
    ),
    ("NW6C2-QMPVW-D7KKK-3GKT6-VCFB2", "Windows 11/10 Education"),
    ("2WH4N-8QGBV-H22JP-CT43Q-MDWWJ", "Windows 11/10 Education N"),
    ("NPPR9-FWDCX-D2C8J-H872K-2YT43", "Windows 11/10 Enterprise"),
    (
        "DPH2V-TTNVB-4X9Q3-TJR4H-KHJW4",
        "Windows 11/10 Enterprise N",
    ),
    (
        "YYVX9-NTFWV-6MDM3-9PT4T-4M68B",
        "Windows 11/10 Enterprise G",
    ),
    (
        "44RPN-FTY23-9VTTB-MP9BX-T84FV",
        "Windows 11/10 Enterprise G N",
    ),
    // Windows Enterprise LTSC and LTSB
    (
        "M7XTQ-FN8P6-TTKYV-9D4CC-J462D",
        "Windows 11 Enterprise LTSC 2024, Windows 10 Enterprise LTSC 2021 and 2019",
    ),
    (
        "92NFX-8DJQP-P6BBQ-THF9C-7CG2H",
        "Windows 11 Enterprise N LTSC 2024, Windows 10 Enterprise N LTSC 2021 and 2019",
    ),
    (
        "KBN8V-HFGQ4-MGXVD-347P6-PDQGT",
        "Windows IoT Enterprise LTSC 2024 and 2021",
    ),
    (
        "DCPHK-NFMTC-H88MJ-PFHPY-QJ4BJ",
        "Windows 10 Enterprise LTSB 2016",
    ),
    (
        "QFFDN-GRT3P-VKWWX-X7T3R-8B639",
        "Windows 10 Enterprise N LTSB 2016",
    ),
    (
        "WNMTR-4C88C-JK8YV-HQ7T2-76DF9",
        "Windows 10 Enterprise LTSB 2015",
    ),
    (
        "2F77B-TNFGY-69QQF-B8YKP-D69TJ",
        "Windows 10 Enterprise N LTSB 2015",
    ),
    // Earlier Windows Server
    (
        "D2N9P-3P6X9-2R39C-7RTCD-MDVJX",
        "Windows Server 2012 R2 Standard",
    ),
    (
        "W3GGN-FT8W3-Y4M27-J84CP-Q3VJ9",
        "Windows Server 2012 R2 Datacenter",
    ),
    (
        "KNC87-3J2TX-XB4WP-VCPJV-M4FWM",
        "Windows Server 2012 R2 Essentials",
    ),
    (
        "XC9B7-NBPP2-83J2H-RHMBY-92BT4",
        "Windows Server 2012 Standard",
    ),
    (
        "HM7DN-YVMH3-46JC3-XYTG7-CYQJJ",
        "Windows Server 2012 MultiPoint Standard",
    ),
    (
        "XNH6W-2V9GX-RGJ4K-Y8X6F-QGJ2G",
        "Windows Server 2012 MultiPoint Premium",
    ),
    (
        "48HP8-DN98B-MYWDG-T2DCC-8W83P",
        "Windows Server 2012 Datacenter",
    ),
    (
        "HTDQM-NBMMG-KGYDT-2DTKT-J2MPV",
        "Windows Server 2012 Essentials",
    ),
    (
        "6TPJF-RBVHG-WBW2R-86QPH-6RTM4",
        "Windows Server 2008 R2 Web",
    ),
    (
        "TT8MH-CG224-D3D7Q-498W2-9QCTX",
        "Windows Server 2008 R2 HPC edition",
    ),
    (
        "YC6KT-GKW9T-YTKYR-T4X34-R7VHC",
        "Windows Server 2008 R2 Standard",
    ),
    (
        "489J6-VHDMP-X63PK-3K798-CPX3Y",
        "Windows Server 2008 R2 Enterprise",
    ),
    (
        "74YFP-3QFB3-KQT8W-PMXWJ-7M648",
        "Windows Server 2008 R2 Datacenter",
    ),
    (
        "GT63C-RJFQ3-4GMB6-BRFB9-CB83V",
        "Windows Server 2008 R2 for Itanium-based Systems",
    ),
    ("WYR28-R7TFJ-3X2YQ-YCY4H-M249D", "Windows Web Server 2008"),
    (
        "TM24T-X9RMF-VWXK6-X8JC9-BFGM2",
        "Windows Server 2008 Standard",
    ),
    (
        "W7VD6-7JFBR-RX26B-YKQ3Y-6FFFJ",
        "Windows Server 2008 Standard without Hyper-V",
    ),
    (
        "YQGMW-MPWTJ-34KDK-48M3W-X4Q6V",
        "Windows Server 2008 Enterprise",
    ),
    (
        "39BXF-X8Q23-P2WWT-38T2F-G3FPG",
        "Windows Server 2008 Enterprise without Hyper-V",
    ),
    ("RCTX3-KWVHP-BR6TB-RB6DM-6X7HP", "Windows Server 2008 HPC"),
    (
        "7M67G-PC374-GR742-YH8V4-TCBY3",
        "Windows Server 2008 Datacenter",
    ),
    (
        "22XQ2-VRXRG-P8D42-K34TD-G3QQC",
        "Windows Server 2008 Datacenter without Hyper-V",
    ),
    (
        "4DWFP-JF3DJ-B7DTH-78FJB-PDRHK",
        "Windows Server 2008 for Itanium-Based Systems",
    ),
    // Earlier Windows client
    ("GCRJD-8NW9H-F2CDX-CCM8D-9D6T9", "Windows 8.1 Pro"),
    ("HMCNV-VVBFX-7HMBH-CTY9B-B4FXY", "Windows 8.1 Pro N"),
    ("MHF9N-XY6XB-WVXMC-BTDCT-MKKG7", "Windows 8.1 Enterprise"),
    ("TT4HM-HN7YT-62K67-RGRQJ-JFFXW", "Windows 8.1 Enterprise N"),
    ("NG4HW-VH26C-733KW-K6F98-J8CK4", "Windows 8 Pro"),
    ("XCVCF-2NXM9-723PB-MHCB7-2RYQQ", "Windows 8 Pro N"),
    ("32JNW-9KQ84-P47T8-D8GGY-CWCK7", "Windows 8 Enterprise"),
    ("JMNMF-RHW7P-DMY6X-RF3DR-X2BQT", "Windows 8 Enterprise N"),
    ("FJ82H-XT6CR-J8D7P-XQJJ2-GPDD4", "Windows 7 Professional"),
    ("MRPKT-YTG23-K7D7T-X2JMM-QY7MG", "Windows 7 Professional N"),
    ("W82YF-2Q76Y-63HXB-FGJG9-GF7QX", "Windows 7 Professional E"),
    ("33PXH-7Y6KF-2VJC9-XBBR8-HVTHH", "Windows 7 Enterprise"),
    ("YDRBP-3D83W-TY26F-D46B2-XCKRJ", "Windows 7 Enterprise N"),
    ("C29WB-22CC8-VJ326-GHFJW-H9DH4", "Windows 7 Enterprise E"),
    ("YFKBB-PQJJV-G996G-VWGXY-2V3X8", "Windows Vista Business"),
    ("HMBQG-8H2RH-C77VX-27R82-VMQBT", "Windows Vista Business N"),
    ("VKK3X-68KWM-X2YGT-QR4M6-4BWMV", "Windows Vista Enterprise"),
    (
        "VTC42-BM838-43QHV-84HX6-XJXKV",
        "Windows Vista Enterprise N",
    ),
];

/// Whether `key` is a public key, and which kind.
pub fn classify(key: &ProductKey) -> Option<Generic> {
    let k = key.reveal();
    let listed = |table: &[(&str, &str)]| table.iter().any(|(listed, _)| *listed == k);
    if listed(INSTALL) {
        Some(Generic::Install)
    } else if listed(KMS_CLIENT_KEYS) {
        Some(Generic::VolumeClient)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_published_kms_client_key_is_a_volume_client_key() {
        let mut seen = std::collections::BTreeSet::new();
        for (text, edition) in KMS_CLIENT_KEYS {
            let key = ProductKey::parse(text).unwrap_or_else(|| panic!("{edition}: {text}"));
            assert_eq!(classify(&key), Some(Generic::VolumeClient), "{edition}");
            assert!(seen.insert(*text), "{text} listed twice");
        }
        // Every client edition the table publishes, and every Windows Server since 2016.
        for edition in [
            "Windows 11/10 Education",
            "Windows 11/10 Education N",
            "Windows 11/10 Enterprise N",
            "Windows 11 Enterprise LTSC 2024",
            "Windows 10 Enterprise LTSB 2016",
            "Windows IoT Enterprise LTSC 2024",
            "Windows 11/10 Pro for Workstations N",
            "Windows 11/10 Pro Education N",
            "Windows Server 2016 Datacenter",
            "Windows Server 2019 Essentials",
            "Windows Server 2022 Standard",
            "Windows Server 2025 Datacenter",
        ] {
            assert!(
                KMS_CLIENT_KEYS.iter().any(|(_, e)| e.starts_with(edition)),
                "{edition} missing"
            );
        }
        let generic_pro = ProductKey::parse("VK7JG-NPHTM-C97JM-9MPGT-3V66T").expect("key");
        assert_eq!(classify(&generic_pro), Some(Generic::Install));
        let own = ProductKey::parse("M4PMN-BQQRJ-QW4G2-RT333-CF8V6").expect("key");
        assert_eq!(classify(&own), None);
    }
}
