//! Windows' activation state, from WMI's `SoftwareLicensingProduct` (on Windows) or from a
//! JSON export of it (any OS):
//!
//! ```powershell
//! Get-CimInstance SoftwareLicensingProduct -Filter "ApplicationID='55c92734-d682-4d71-983e-d6ec3f16059f' AND PartialProductKey IS NOT NULL" | ConvertTo-Json
//! ```
//!
//! The WMI query and the export name their fields alike, so one type reads both.

use portico_wire::report::{Activation, LicenseChannel};
use serde::Deserialize;

/// Windows' own application id in the Software Licensing service.
pub const WINDOWS_APPLICATION_ID: &str = "55c92734-d682-4d71-983e-d6ec3f16059f";

/// The WQL query for Windows' licensing products that hold a key.
pub fn wql() -> String {
    format!(
        "SELECT Name, Description, LicenseStatus, LicenseStatusReason, GracePeriodRemaining, \
         PartialProductKey, ProductKeyChannel FROM SoftwareLicensingProduct \
         WHERE ApplicationID = '{WINDOWS_APPLICATION_ID}' AND PartialProductKey IS NOT NULL"
    )
}

/// One `SoftwareLicensingProduct` instance. WMI hands `uint32` values over as signed
/// 32-bit integers (an HRESULT such as `0xC004F009` arrives negative), PowerShell's export
/// as unsigned: `i64` holds both.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct LicensingProduct {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub license_status: Option<i64>,
    #[serde(default)]
    pub license_status_reason: Option<i64>,
    #[serde(default)]
    pub grace_period_remaining: Option<i64>,
    #[serde(default)]
    pub partial_product_key: Option<String>,
    #[serde(default)]
    pub product_key_channel: Option<String>,
}

#[derive(Debug, thiserror::Error)]
#[error("not an export of SoftwareLicensingProduct: {0}")]
pub struct ExportError(String);

/// A `ConvertTo-Json` export: one object, or an array of them (UTF-8 or UTF-16 with BOM,
/// as PowerShell 5 writes with `>`).
pub fn parse_export(bytes: &[u8]) -> Result<Vec<LicensingProduct>, ExportError> {
    let text = crate::regfile::decode_text(bytes).map_err(|e| ExportError(e.to_string()))?;
    let value: serde_json::Value =
        serde_json::from_str(text.trim()).map_err(|e| ExportError(e.to_string()))?;
    let items = match value {
        serde_json::Value::Array(items) => items,
        object @ serde_json::Value::Object(_) => vec![object],
        _ => return Err(ExportError("expected an object or an array".to_owned())),
    };
    items
        .into_iter()
        .map(|item| serde_json::from_value(item).map_err(|e| ExportError(e.to_string())))
        .collect()
}

/// An HRESULT as Windows prints it, `0xC004F009`, from either signedness.
pub fn hresult(value: i64) -> String {
    format!("0x{:08X}", value & 0xFFFF_FFFF)
}

fn partial_key(text: &str) -> Option<String> {
    let text = text.trim().to_ascii_uppercase();
    (text.len() == 5 && text.bytes().all(|b| b.is_ascii_alphanumeric())).then_some(text)
}

/// The product that speaks for Windows: the activated one if any (a PC may hold an old
/// key's product beside the active one), else the first with a partial key.
pub fn windows_product(products: &[LicensingProduct]) -> Option<&LicensingProduct> {
    let with_key = || {
        products.iter().filter(|p| {
            p.partial_product_key
                .as_deref()
                .and_then(partial_key)
                .is_some()
        })
    };
    with_key()
        .find(|p| p.license_status == Some(1))
        .or_else(|| with_key().next())
}

/// The report's activation state from a product. A status outside 0..=6 is not one
/// Windows documents: the state is left out rather than guessed.
pub fn activation(product: &LicensingProduct) -> Option<Activation> {
    let status = u8::try_from(product.license_status?)
        .ok()
        .filter(|s| *s <= 6)?;
    Some(Activation {
        license_status: status,
        status_reason: product
            .license_status_reason
            .filter(|r| *r != 0)
            .map(hresult),
        grace_minutes: product
            .grace_period_remaining
            .and_then(|m| u32::try_from(m).ok()),
        channel: product
            .product_key_channel
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty() && c.len() <= 40)
            .map(str::to_owned),
        partial_key: product.partial_product_key.as_deref().and_then(partial_key),
    })
}

/// The license channel WMI names (`Retail`, `OEM:DM`, `OEM:NONSLP`, `Volume:GVLK`,
/// `Volume:MAK`), when it is one of them.
pub fn channel(product_key_channel: &str) -> Option<LicenseChannel> {
    let channel = product_key_channel.trim();
    if channel.eq_ignore_ascii_case("Retail") {
        Some(LicenseChannel::Retail)
    } else if channel.to_ascii_uppercase().starts_with("OEM") {
        Some(LicenseChannel::Oem)
    } else if portico_wire::report::is_kms_channel(channel) {
        Some(LicenseChannel::VolumeGvlk)
    } else if channel.eq_ignore_ascii_case("Volume:MAK") {
        Some(LicenseChannel::VolumeMak)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn product(status: i64, key: &str) -> LicensingProduct {
        LicensingProduct {
            license_status: Some(status),
            partial_product_key: Some(key.to_owned()),
            ..LicensingProduct::default()
        }
    }

    #[test]
    fn an_hresult_reads_the_same_from_wmi_and_from_powershell() {
        assert_eq!(hresult(-1_073_418_231), "0xC004F009");
        assert_eq!(hresult(0xC004_F009), "0xC004F009");
        assert_eq!(hresult(0), "0x00000000");
    }

    #[test]
    fn the_activated_product_speaks_for_windows() {
        let products = [
            product(5, "AAAAA"),
            product(1, "3V66T"),
            LicensingProduct::default(),
        ];
        assert_eq!(
            windows_product(&products).and_then(|p| p.partial_product_key.as_deref()),
            Some("3V66T")
        );
        let none_activated = [LicensingProduct::default(), product(2, "xj7kt")];
        let picked = windows_product(&none_activated).expect("one with a key");
        assert_eq!(
            activation(picked).and_then(|a| a.partial_key).as_deref(),
            Some("XJ7KT")
        );
        assert!(windows_product(&[LicensingProduct::default()]).is_none());
    }

    #[test]
    fn activation_keeps_what_windows_documents_and_nothing_else() {
        let mut p = product(5, "3V66T");
        p.license_status_reason = Some(-1_073_418_231);
        p.grace_period_remaining = Some(43_200);
        p.product_key_channel = Some("OEM:DM".to_owned());
        let a = activation(&p).expect("state");
        assert_eq!(a.license_status, 5);
        assert_eq!(a.status_reason.as_deref(), Some("0xC004F009"));
        assert_eq!(a.grace_minutes, Some(43_200));
        assert_eq!(a.channel.as_deref(), Some("OEM:DM"));
        assert!(activation(&product(7, "3V66T")).is_none(), "no status 7");
        assert!(activation(&product(-1, "3V66T")).is_none());
        let mut odd = product(1, "3V6-T");
        odd.grace_period_remaining = Some(-5);
        let a = activation(&odd).expect("state");
        assert_eq!((a.partial_key, a.grace_minutes), (None, None));
        assert_eq!(a.status_reason, None, "no reason given");
    }

    #[test]
    fn an_export_is_one_object_or_an_array_in_utf8_or_utf16() {
        let one = br#"{"Name":"Windows(R), Professional edition","LicenseStatus":1,"PartialProductKey":"3V66T","ProductKeyChannel":"Retail","CimClass":"root/cimv2:SoftwareLicensingProduct"}"#;
        let parsed = parse_export(one).expect("one");
        assert_eq!(parsed.len(), 1);
        assert_eq!(parsed[0].license_status, Some(1));
        let many = "[{\"LicenseStatus\":5,\"LicenseStatusReason\":3221549065,\"PartialProductKey\":\"XJ7KT\"},{\"LicenseStatus\":0,\"PartialProductKey\":null}]";
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(many.encode_utf16().flat_map(u16::to_le_bytes));
        let parsed = parse_export(&utf16).expect("array");
        assert_eq!(parsed.len(), 2);
        assert_eq!(
            activation(&parsed[0]).and_then(|a| a.status_reason),
            Some("0xC004F009".to_owned())
        );
        assert!(parse_export(b"42").is_err());
        assert!(parse_export(b"{\"LicenseStatus\":\"one\"}").is_err());
        assert!(parse_export(b"not json").is_err());
    }

    #[test]
    fn wmi_channels_map_to_license_channels() {
        assert_eq!(channel("Retail"), Some(LicenseChannel::Retail));
        assert_eq!(channel("OEM:DM"), Some(LicenseChannel::Oem));
        assert_eq!(channel("OEM:NONSLP"), Some(LicenseChannel::Oem));
        assert_eq!(channel("Volume:GVLK"), Some(LicenseChannel::VolumeGvlk));
        assert_eq!(channel("Volume:MAK"), Some(LicenseChannel::VolumeMak));
        assert_eq!(channel("Something"), None);
    }

    #[test]
    fn the_query_asks_for_windows_products_with_a_key() {
        let q = wql();
        assert!(q.contains(WINDOWS_APPLICATION_ID) && q.contains("PartialProductKey IS NOT NULL"));
    }
}
