//! `DigitalProductId` (version 3) and `DigitalProductId4` blobs from the registry: any bytes
//! are decoded or refused, and a decoded key is classified as the agent classifies it.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|blob: &[u8]| {
    let _ = portico_agent::dpid::parse_v3(blob);
    let _ = portico_agent::dpid::parse_v4(blob);
    if let Ok(bytes) = <[u8; 15]>::try_from(blob.get(..15).unwrap_or_default()) {
        if let Some(key) = portico_agent::key::decode(&bytes) {
            assert_eq!(key.reveal().len(), 29);
            let _ = portico_agent::generic::classify(&key);
        }
    }
});
