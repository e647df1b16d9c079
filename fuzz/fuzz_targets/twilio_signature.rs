//! Twilio's callback signature: a signature checks only for the request it was made for,
//! and any signature given is checked without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use portico::outbox::twilio::{signature, signature_is_valid};

fuzz_target!(|input: &[u8]| {
    let text = String::from_utf8_lossy(input);
    // token, URL, given signature, then name=value lines.
    let mut lines = text.split('\n');
    let token = lines.next().unwrap_or_default();
    let url = lines.next().unwrap_or_default();
    let given = lines.next().unwrap_or_default();
    let params: Vec<(String, String)> = lines
        .map(|l| {
            let (k, v) = l.split_once('=').unwrap_or((l, ""));
            (k.to_owned(), v.to_owned())
        })
        .collect();
    let made = signature(token, url, &params);
    assert!(signature_is_valid(token, url, &params, &made));
    let _ = signature_is_valid(token, url, &params, given);
    assert!(!signature_is_valid(
        token,
        &format!("{url}x"),
        &params,
        &made
    ));
});
