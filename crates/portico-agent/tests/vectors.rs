//! Every test vector in `fixtures/product-keys.json` (copied from the project's shared
//! fixtures), the sample registry export and the MSDM dump.

use portico_agent::generic::{Generic, classify};
use portico_agent::{dpid, key, msdm, regfile};

fn fixtures() -> serde_json::Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/product-keys.json"
    ))
    .expect("fixtures");
    serde_json::from_str(&text).expect("json")
}

fn bytes(hex_text: &str) -> Vec<u8> {
    hex::decode(hex_text).expect("hex")
}

#[test]
fn every_key_bytes_vector_decodes() {
    let f = fixtures();
    let vectors = f["key_bytes"].as_array().expect("vectors");
    assert_eq!(vectors.len(), 34);
    for v in vectors {
        let raw: [u8; 15] = bytes(v["hex"].as_str().expect("hex"))
            .try_into()
            .expect("15 bytes");
        let decoded = key::decode(&raw);
        assert_eq!(
            decoded.as_ref().map(key::ProductKey::reveal),
            v["expected_key"].as_str(),
            "{}",
            v["id"]
        );
        if let Some(k) = &decoded {
            let volume = v["generic"].as_str().is_some_and(|g| g.contains("GVLK"));
            assert_eq!(
                classify(k) == Some(Generic::VolumeClient),
                volume,
                "{}",
                v["id"]
            );
        }
    }
}

#[test]
fn digital_product_ids_decode_and_check_themselves() {
    let f = fixtures();
    for v in f["digital_product_id"].as_array().expect("v3") {
        let d = dpid::parse_v3(&bytes(v["hex"].as_str().expect("hex"))).expect("a blob");
        assert_eq!(
            d.key.as_ref().map(key::ProductKey::reveal),
            v["expected_key"].as_str(),
            "{}",
            v["id"]
        );
        assert_eq!(
            d.intact,
            v["crc_ok"].as_bool().expect("crc_ok"),
            "{}",
            v["id"]
        );
        if let Some(t) = v["license_type"].as_str() {
            assert_eq!(d.license_type.as_deref(), Some(t), "{}", v["id"]);
        }
    }
    for v in f["digital_product_id4"].as_array().expect("v4") {
        let d = dpid::parse_v4(&bytes(v["hex"].as_str().expect("hex"))).expect("a blob");
        assert_eq!(
            d.key.as_ref().map(key::ProductKey::reveal),
            v["expected_key"].as_str(),
            "{}",
            v["id"]
        );
        assert!(d.intact, "{}", v["id"]);
        assert_eq!(
            d.license_type.as_deref(),
            v["key_type"].as_str(),
            "{}",
            v["id"]
        );
    }
    assert!(dpid::parse_v3(&[0; 100]).is_err());
    assert!(dpid::parse_v4(&[0; 1000]).is_err());
}

#[test]
fn the_msdm_table_gives_the_firmware_key() {
    let f = fixtures();
    let v = &f["msdm"][0];
    let table = bytes(v["hex"].as_str().expect("hex"));
    assert_eq!(
        msdm::parse(&table).expect("a key").reveal(),
        "M4PMN-BQQRJ-QW4G2-RT333-CF8V6"
    );
    let dump = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/msdm-synthetic.bin"
    ))
    .expect("dump");
    assert_eq!(msdm::parse(&dump).expect("a key").last5(), "CF8V6");
    let mut damaged = table.clone();
    damaged[60] ^= 1;
    assert_eq!(msdm::parse(&damaged), Err(msdm::MsdmError::Checksum));
    assert!(matches!(
        msdm::parse(b"ACPI"),
        Err(msdm::MsdmError::NotMsdm(_))
    ));
}

#[test]
fn a_registry_export_in_utf16_gives_edition_build_and_key() {
    let raw = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/sample-currentversion.reg"
    ))
    .expect("export");
    let values = regfile::parse(&raw).expect("an export");
    assert_eq!(regfile::string(&values, "EditionID"), Some("Professional"));
    assert_eq!(regfile::string(&values, "CurrentBuild"), Some("26100"));
    assert_eq!(regfile::dword(&values, "UBR"), Some(2605));
    let blob = regfile::binary(&values, "DigitalProductId").expect("a blob");
    let d = dpid::parse_v3(blob).expect("decodes");
    assert_eq!(
        d.key.as_ref().map(key::ProductKey::reveal),
        Some("6J74B-TKCXD-NKFCQ-BTWKJ-XJ7KT")
    );
    // The same export saved as UTF-8 reads the same.
    let utf8 = regfile::decode_text(&raw).expect("text");
    assert_eq!(regfile::parse(utf8.as_bytes()).expect("an export"), values);
}
