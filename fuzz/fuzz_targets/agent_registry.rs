//! The agent's registry exports (`reg export`, UTF-16 or UTF-8): any bytes are read or
//! refused, and the values a read one yields are looked up as the agent looks them up.
#![no_main]

use libfuzzer_sys::fuzz_target;
use portico_agent::regfile;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(values) = regfile::parse(bytes) {
        for name in [
            "ProductName",
            "DigitalProductId",
            "DigitalProductId4",
            "EditionID",
        ] {
            let _ = regfile::string(&values, name);
            let _ = regfile::binary(&values, name);
            let _ = regfile::dword(&values, name);
        }
    }
});
