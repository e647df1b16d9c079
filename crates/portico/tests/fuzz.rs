//! No outside input makes a server-side parser panic, and what the parsers accept reads
//! back the same: report bodies and their checks, email and phone addresses, the agent's
//! user codes, the configuration file, Twilio's callback signature. Random inputs
//! (proptest), a few hundred per property on every test run.

use proptest::prelude::*;

/// A valid version-2 report, whose fields the properties below replace with anything.
fn report() -> serde_json::Value {
    serde_json::json!({
        "version": 2,
        "report_id": "0193a6f2-7c4e-7b1a-9d2e-3f4a5b6c7d8e",
        "agent": { "version": "0.2.0", "install_id": "install-1" },
        "device": { "name": "JO-LAPTOP", "os_name": "Windows 11 Pro" },
        "activation": { "license_status": 1, "channel": "Retail", "partial_key": "3V66T" },
        "license": {
            "key_sha256": "ab".repeat(32), "last5": "3V66T", "product": "Windows 11 Pro",
            "edition": "Professional", "channel": "Retail", "source": "registry"
        },
        "hardware_signals": ["a".repeat(64)],
        "location": { "latitude": 48.85, "longitude": 2.29, "accuracy_m": 40.0,
                      "observed_at": "2026-12-07T12:00:00Z" },
        "specs": { "processor": "Intel", "cores": 4, "drives": [] },
        "recovery_keys": []
    })
}

/// Any JSON value, a few levels deep.
fn any_json() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>().prop_map(serde_json::Value::from),
        "\\PC{0,80}".prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::from),
            proptest::collection::hash_map("[a-z_]{1,12}", inner, 0..6)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

fn check_report(body: &[u8]) {
    let de = &mut serde_json::Deserializer::from_slice(body);
    if let Ok(report) = serde_path_to_error::deserialize::<_, portico_wire::report::Report>(de) {
        let _ = portico::devices::rules::validate(&report);
        let _ = portico::devices::rules::within_choices(&report, false);
    }
}

proptest! {
    // A thousand inputs per property on every run; more with `PROPTEST_CASES=…`.
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn report_bodies_of_any_bytes_are_refused_not_panicked_on(body in proptest::collection::vec(any::<u8>(), 0..600)) {
        check_report(&body);
    }

    #[test]
    fn a_report_with_any_field_replaced_is_checked_without_panicking(
        path in proptest::sample::select(vec![
            "/version", "/report_id", "/agent/version", "/agent/install_id", "/device/name",
            "/activation/license_status", "/activation/partial_key", "/license/key_sha256",
            "/license/last5", "/license/channel", "/hardware_signals", "/location/latitude",
            "/location/observed_at", "/specs/cores", "/specs/drives", "/recovery_keys",
        ]),
        value in any_json(),
    ) {
        let mut body = report();
        if let Some(field) = body.pointer_mut(path) {
            *field = value;
        }
        check_report(&serde_json::to_vec(&body).expect("json"));
    }

    #[test]
    fn an_accepted_address_reads_back_as_itself(
        typed in "\\PC{0,40}|[+0-9 ()-]{0,20}|\\+[1-9][0-9 ]{6,14}|0[0-9 ]{8,12}|[a-zA-Z0-9._%+-]{1,12}@[a-zA-Z0-9.-]{1,12}",
        region in "[A-Za-z]{0,3}|GB|US|DE|FR|IN",
    ) {
        if let Ok(address) = portico::signup::form::parse_address(&typed, &region) {
            let again = portico::signup::form::parse_address(&address.normalized(), &region)
                .expect("a normalized address parses");
            prop_assert_eq!(again.normalized(), address.normalized());
        }
    }

    #[test]
    fn a_user_code_reads_back_as_shown(typed in "\\PC{0,20}|[bcdfghjklmnpqrstvwxzBCDFG -]{0,12}") {
        if let Some(code) = portico::devices::user_code::normalize(&typed) {
            let shown = portico::devices::user_code::display(&code);
            prop_assert_eq!(portico::devices::user_code::normalize(&shown), Some(code));
        }
    }

    #[test]
    fn a_configuration_file_of_any_text_is_refused_or_read(text in "\\PC{0,300}|[a-z_]{1,20} = \"[^\"]{0,30}\"") {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("portico.toml");
        std::fs::write(&path, &text).expect("write");
        if let Ok(sources) = portico::config::Sources::new(Vec::<(String, String)>::new(), Some(&path)) {
            let _ = portico::config::Config::from_sources(&sources);
        }
    }

    #[test]
    fn twilio_signatures_verify_only_when_made_for_the_request(
        token in "\\PC{0,40}",
        url in "\\PC{0,60}",
        params in proptest::collection::vec(("\\PC{0,12}", "\\PC{0,20}"), 0..6),
        given in "\\PC{0,40}",
    ) {
        let made = portico::outbox::twilio::signature(&token, &url, &params);
        prop_assert!(portico::outbox::twilio::signature_is_valid(&token, &url, &params, &made));
        let _ = portico::outbox::twilio::signature_is_valid(&token, &url, &params, &given);
        let other = format!("{url}x");
        prop_assert!(!portico::outbox::twilio::signature_is_valid(&token, &other, &params, &made));
    }
}
