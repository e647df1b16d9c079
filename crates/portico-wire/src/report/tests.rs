use super::*;

#[test]
fn unknown_fields_are_ignored_and_options_may_be_absent() {
    let json = serde_json::json!({
        "version": 1,
        "report_id": "0193a1a2-0000-7000-8000-000000000001",
        "agent": { "version": "0.1.0", "install_id": "abc", "future": true },
        "device": { "name": "JO-LAPTOP" },
        "something_new": [1, 2, 3],
    });
    let report: Report = serde_json::from_value(json).expect("a report");
    assert_eq!(report.device.name, "JO-LAPTOP");
    assert!(report.activation.is_none() && report.hardware_signals.is_empty());
    let back = serde_json::to_value(&report).expect("json");
    assert!(back.get("activation").is_none(), "absent stays absent");
}

#[test]
fn a_gvlk_channel_means_a_kms_client() {
    assert!(is_kms_channel("Volume:GVLK") && is_kms_channel(" volume:gvlk "));
    assert!(!is_kms_channel("Volume:MAK") && !is_kms_channel("Retail"));
}

#[test]
fn an_array_where_an_object_belongs_is_refused() {
    let report = |specs: serde_json::Value| {
        serde_json::from_value::<Report>(serde_json::json!({
            "version": 2,
            "report_id": "0193a1a2-0000-7000-8000-000000000001",
            "agent": { "version": "0.2.0", "install_id": "abc" },
            "device": { "name": "JO-LAPTOP" },
            "specs": specs,
        }))
    };
    assert!(report(serde_json::json!([null, null])).is_err());
    assert!(report(serde_json::json!({ "tpm": [true, "2.0"] })).is_err());
    assert!(report(serde_json::json!({ "drives": [["C:", null, 1, 1]] })).is_err());
    let ok = report(serde_json::json!({ "tpm": { "present": true }, "drives": [] }))
        .expect("objects are read");
    assert_eq!(ok.specs.and_then(|s| s.tpm).map(|t| t.present), Some(true));
    assert!(
        report(serde_json::Value::Null)
            .expect("null")
            .specs
            .is_none()
    );
}

#[test]
fn recovery_keys_never_print_and_an_empty_list_differs_from_none() {
    let json = serde_json::json!({
        "version": 2,
        "report_id": "0193a1a2-0000-7000-8000-000000000001",
        "agent": { "version": "0.1.0", "install_id": "abc" },
        "device": { "name": "JO-LAPTOP" },
        "recovery_keys": [{
            "volume": "C:",
            "protector_id": "{6F1C2D3E-4B5A-4C6D-8E9F-0A1B2C3D4E5F}",
            "recovery_password": "123453-234564-345675-456786-567897-679008-011011-000000",
        }],
    });
    let report: Report = serde_json::from_value(json.clone()).expect("a report");
    let printed = format!("{report:?}");
    assert!(
        printed.contains("6F1C2D3E") && !printed.contains("123453"),
        "{printed}"
    );
    let mut none = json.clone();
    none.as_object_mut()
        .expect("object")
        .remove("recovery_keys");
    let none: Report = serde_json::from_value(none).expect("a report");
    assert_eq!(none.recovery_keys, None, "not read this time");
    let mut empty = json;
    empty["recovery_keys"] = serde_json::json!([]);
    let empty: Report = serde_json::from_value(empty).expect("a report");
    assert_eq!(empty.recovery_keys, Some(Vec::new()), "none left on the PC");
}

#[test]
fn the_backup_header_is_a_structured_boolean() {
    for on in [true, false] {
        assert_eq!(
            parse_backup_recovery_keys(backup_recovery_keys_value(on)),
            Some(on)
        );
    }
    assert_eq!(parse_backup_recovery_keys("true"), None);
}
