//! Email addresses and phone numbers as people type them, with the country chosen beside
//! them: an accepted address normalizes to a form that reads back as itself.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &[u8]| {
    let text = String::from_utf8_lossy(input);
    // The first line is the country, the rest what was typed.
    let (region, typed) = text.split_once('\n').unwrap_or(("", &text));
    if let Ok(address) = portico::signup::form::parse_address(typed, region) {
        let normalized = address.normalized();
        let again = portico::signup::form::parse_address(&normalized, region)
            .expect("a normalized address parses");
        assert_eq!(again.normalized(), normalized);
    }
});
