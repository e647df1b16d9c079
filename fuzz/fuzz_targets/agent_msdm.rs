//! The firmware's MSDM table (the OEM product key): any bytes are a key or a refusal, and a
//! key found is one of 29 characters that parses again.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|table: &[u8]| {
    if let Ok(key) = portico_agent::msdm::parse(table) {
        assert!(portico_agent::key::ProductKey::parse(key.reveal()).is_some());
    }
});
