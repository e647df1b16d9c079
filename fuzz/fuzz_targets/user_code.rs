//! The code a person types to link a PC (RFC 8628's user code): an accepted one reads back
//! as shown.
#![no_main]

use libfuzzer_sys::fuzz_target;
use portico::devices::user_code;

fuzz_target!(|input: &[u8]| {
    let typed = String::from_utf8_lossy(input);
    if let Some(code) = user_code::normalize(&typed) {
        assert_eq!(user_code::normalize(&user_code::display(&code)), Some(code));
    }
});
