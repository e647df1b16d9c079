//! An agent's report body, as the portal reads it: any bytes are refused with the field
//! named, or read and checked (the checks and the sharing choices never panic).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|body: &[u8]| {
    let de = &mut serde_json::Deserializer::from_slice(body);
    if let Ok(report) = serde_path_to_error::deserialize::<_, portico_wire::report::Report>(de) {
        let _ = portico::devices::rules::validate(&report);
        let _ = portico::devices::rules::within_choices(&report, false);
        let _ = portico::devices::rules::within_choices(&report, true);
    }
});
