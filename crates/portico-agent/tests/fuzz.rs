//! No input makes a parser panic.

use proptest::prelude::*;

proptest! {
    #[test]
    fn decoding_any_key_bytes_is_total(bytes in proptest::array::uniform15(any::<u8>())) {
        if let Some(k) = portico_agent::key::decode(&bytes) {
            prop_assert_eq!(k.reveal().len(), 29);
            prop_assert!(portico_agent::key::ProductKey::parse(k.reveal()).is_some());
        }
    }

    #[test]
    fn blobs_of_any_shape_never_panic(blob in proptest::collection::vec(any::<u8>(), 0..1400)) {
        let _ = portico_agent::dpid::parse_v3(&blob);
        let _ = portico_agent::dpid::parse_v4(&blob);
        let _ = portico_agent::msdm::parse(&blob);
        let _ = portico_agent::regfile::parse(&blob);
    }

    #[test]
    fn registry_text_of_any_shape_never_panics(text in "\\PC{0,400}") {
        let export = format!("Windows Registry Editor Version 5.00\n[HKEY]\n{text}");
        let _ = portico_agent::regfile::parse(export.as_bytes());
    }
}
