//! The JSON and text exports the agent reads on a PC (SoftwareLicensingProduct, the CIM
//! classes of the specifications, BitLocker's protectors as `manage-bde` or PowerShell
//! print them): any bytes are read or refused.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(products) = portico_agent::licensing::parse_export(bytes) {
        if let Some(product) = portico_agent::licensing::windows_product(&products) {
            let _ = portico_agent::licensing::activation(product);
        }
    }
    let _ = portico_agent::specs::cim::parse_export(bytes);
    let _ = portico_agent::bitlocker::parse_file(bytes);
    let _ = portico_agent::bitlocker::parse_export(bytes);
});
