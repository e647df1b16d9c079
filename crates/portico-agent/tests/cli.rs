//! The `portico-agent` binary on the fixtures: `reveal-key`, `inspect` and `--help`, and
//! the promise that no report body carries a key in any form.

use std::process::Command;

use portico_agent::collect::{Facts, FoundKey};
use portico_agent::key;

const BIN: &str = env!("CARGO_BIN_EXE_portico-agent");

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(BIN).args(args).output().expect("runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Every form a key could leak in: grouped, bare, lower case.
fn leaks(body: &str, key: &str) -> bool {
    let bare = key.replace('-', "");
    let body_upper = body.to_uppercase();
    body_upper.contains(key) || body_upper.contains(&bare)
}

#[test]
fn reveal_key_prints_the_key_of_a_file_and_nothing_else() {
    let (ok, out, _) = run(&[
        "reveal-key",
        "--registry-export",
        &fixture("sample-currentversion.reg"),
    ]);
    assert!(ok);
    assert_eq!(out, "6J74B-TKCXD-NKFCQ-BTWKJ-XJ7KT\n");
    let (ok, out, _) = run(&["reveal-key", "--msdm", &fixture("msdm-synthetic.bin")]);
    assert!(ok);
    assert_eq!(out, "M4PMN-BQQRJ-QW4G2-RT333-CF8V6\n");
}

#[test]
fn reveal_key_says_so_when_no_key_is_stored() {
    // The sample export with its key bytes zeroed, as after `slmgr /cpky`.
    let raw = std::fs::read(fixture("sample-currentversion.reg")).expect("export");
    let text = portico_agent::regfile::decode_text(&raw).expect("text");
    let values = portico_agent::regfile::parse(&raw).expect("export");
    let mut blob = portico_agent::regfile::binary(&values, "DigitalProductId")
        .expect("blob")
        .to_vec();
    blob[52..67].fill(0);
    let hex_list = blob
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(",");
    let mut lines: Vec<String> = Vec::new();
    let mut skipping = false;
    for line in text.lines() {
        if skipping {
            skipping = line.trim_end().ends_with('\\');
            continue;
        }
        if line.starts_with("\"DigitalProductId") {
            skipping = line.trim_end().ends_with('\\');
            continue;
        }
        lines.push(line.to_owned());
    }
    lines.insert(3, format!("\"DigitalProductId\"=hex:{hex_list}"));
    let dir = std::env::temp_dir().join(format!("portico-agent-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join("nokey.reg");
    std::fs::write(&path, lines.join("\r\n")).expect("write");
    let (ok, out, err) = run(&[
        "reveal-key",
        "--registry-export",
        path.to_str().expect("utf-8"),
    ]);
    assert!(!ok, "non-zero exit");
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("No product key is stored"), "{err}");
    assert!(!err.contains("BBBBB"), "never a fake key");
}

#[test]
fn inspect_json_is_the_report_body_and_never_holds_the_key() {
    for (args, key) in [
        (
            vec!["--registry-export", "sample-currentversion.reg"],
            "6J74B-TKCXD-NKFCQ-BTWKJ-XJ7KT",
        ),
        (
            vec!["--msdm", "msdm-synthetic.bin"],
            "M4PMN-BQQRJ-QW4G2-RT333-CF8V6",
        ),
    ] {
        let mut all = vec!["inspect".to_owned(), "--json".to_owned()];
        all.push(args[0].to_owned());
        all.push(fixture(args[1]));
        let refs: Vec<&str> = all.iter().map(String::as_str).collect();
        let (ok, out, err) = run(&refs);
        assert!(ok, "{err}");
        let report: portico_wire::report::Report =
            serde_json::from_str(&out).expect("a report body");
        let license = report.license.expect("a license");
        assert_eq!(license.last5.as_deref(), Some(&key[24..]));
        assert!(!leaks(&out, key), "the key leaked: {out}");
        let (ok, human, _) = run(&refs[..refs.len()]
            .iter()
            .filter(|a| **a != "--json")
            .copied()
            .collect::<Vec<_>>());
        assert!(ok);
        assert!(!leaks(&human, key) && human.contains(&key[24..]), "{human}");
    }
}

#[test]
fn no_report_from_any_key_vector_holds_the_key() {
    let fixtures: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(fixture("product-keys.json")).expect("fixtures"),
    )
    .expect("json");
    let mut checked = 0;
    for v in fixtures["key_bytes"].as_array().expect("vectors") {
        let raw: [u8; 15] = hex::decode(v["hex"].as_str().expect("hex"))
            .expect("hex")
            .try_into()
            .expect("15 bytes");
        let Some(k) = key::decode(&raw) else { continue };
        let facts = Facts {
            name: "PC".to_owned(),
            installed_key: Some(FoundKey {
                key: k.clone(),
                source: "registry",
                license_type: Some("Retail".to_owned()),
                damaged: false,
            }),
            ..Facts::default()
        };
        let body =
            serde_json::to_string(&portico_agent::report::build(&facts, "install", &[9; 32]))
                .expect("json");
        assert!(!leaks(&body, k.reveal()), "{}: {body}", v["id"]);
        checked += 1;
    }
    assert_eq!(checked, 33);
}

#[test]
fn no_report_holds_a_hardware_identifier() {
    let ids = [
        ("smbios-uuid", "4C4C4544-0042-3510-8052-B4C04F4B4E32"),
        ("board-serial", "PF3ZK8QW"),
        ("machine-guid", "5b3f2a9e-8c41-4d7a-9e2b-1f6c0d8a7e55"),
        ("machine-id", "3f1c6a0e9b2d4c7e8a5f0b1d2c3e4f50"),
    ];
    let facts = Facts {
        name: "PC".to_owned(),
        hardware_ids: ids
            .iter()
            .filter_map(|(kind, value)| portico_agent::signals::HardwareId::new(kind, value))
            .collect(),
        ..Facts::default()
    };
    let report = portico_agent::report::build(&facts, "install", &[9; 32]);
    assert_eq!(report.hardware_signals.len(), ids.len());
    let body = serde_json::to_string(&report).expect("json").to_lowercase();
    for (_, value) in ids {
        let value = value.to_lowercase();
        assert!(!body.contains(&value), "{value} leaked: {body}");
        assert!(
            !body.contains(&value.replace('-', "")),
            "{value} leaked: {body}"
        );
    }
}

#[test]
fn every_command_has_help() {
    for command in [
        "inspect",
        "reveal-key",
        "link",
        "report",
        "run",
        "status",
        "unlink",
        "location",
    ] {
        let (ok, out, _) = run(&[command, "--help"]);
        assert!(ok && out.contains("Usage"), "{command}: {out}");
    }
    let (ok, out, _) = run(&["--help"]);
    assert!(
        ok && out.contains("run") && out.contains("location"),
        "{out}"
    );
}

/// A `SoftwareLicensingProduct` export as PowerShell 5 writes it (`ConvertTo-Json > file`:
/// UTF-16LE with a BOM), for the sample export's key.
fn licensing_export(dir: &std::path::Path, status: u32, reason: Option<u32>) -> String {
    let json = serde_json::json!([{
        "Name": "Windows(R), Professional edition",
        "Description": "Windows(R) Operating System, RETAIL channel",
        "LicenseStatus": status,
        "LicenseStatusReason": reason.unwrap_or(0),
        "GracePeriodRemaining": 0,
        "PartialProductKey": "XJ7KT",
        "ProductKeyChannel": "Retail",
        "CimClass": "root/cimv2:SoftwareLicensingProduct",
    }])
    .to_string();
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(json.encode_utf16().flat_map(u16::to_le_bytes));
    let path = dir.join("licensing.json");
    std::fs::write(&path, bytes).expect("write");
    path.display().to_string()
}

#[test]
fn inspect_reads_the_activation_state_from_a_licensing_export() {
    let dir = tempfile::tempdir().expect("dir");
    let export = licensing_export(dir.path(), 5, Some(0xC004_F009));
    let reg = fixture("sample-currentversion.reg");
    let (ok, out, err) = run(&[
        "inspect",
        "--json",
        "--registry-export",
        &reg,
        "--licensing-export",
        &export,
    ]);
    assert!(ok, "{err}");
    let report: portico_wire::report::Report = serde_json::from_str(&out).expect("a report");
    let activation = report.activation.expect("activation");
    assert_eq!(activation.license_status, 5);
    assert_eq!(activation.status_reason.as_deref(), Some("0xC004F009"));
    assert!(
        report.hardware_signals.is_empty(),
        "files tell nothing of this PC's parts"
    );
    let (ok, human, _) = run(&[
        "inspect",
        "--registry-export",
        &reg,
        "--licensing-export",
        &export,
    ]);
    assert!(
        ok && human.contains("LicenseStatus 5, reason 0xC004F009, channel Retail"),
        "{human}"
    );

    std::fs::write(dir.path().join("bad.json"), "[1,2]").expect("write");
    let bad = dir.path().join("bad.json").display().to_string();
    let (ok, _, err) = run(&["inspect", "--licensing-export", &bad]);
    assert!(
        !ok && err.contains("not an export of SoftwareLicensingProduct"),
        "{err}"
    );
}

#[test]
fn unlinked_commands_say_so_with_their_own_exit_code() {
    let dir = tempfile::tempdir().expect("dir");
    let state = dir.path().join("agent.json").display().to_string();
    for args in [
        vec!["report", "--once", "--state", &state],
        vec!["run", "--state", &state],
        vec!["location", "on", "--state", &state],
    ] {
        let out = Command::new(BIN).args(&args).output().expect("runs");
        assert_eq!(out.status.code(), Some(3), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("Not linked"));
    }
    let (ok, out, _) = run(&["status", "--state", &state]);
    assert!(ok && out.contains("Not linked"), "{out}");
}

#[test]
fn status_tells_the_account_the_queue_the_location_and_the_last_log_line() {
    let dir = tempfile::tempdir().expect("dir");
    let state = dir.path().join("agent.json");
    std::fs::write(
        &state,
        r#"{"server":"https://portal.example","token":"t","device_id":"d-1","account":"Jo","install_id":"i"}"#,
    )
    .expect("state");
    let state_arg = state.display().to_string();
    let (ok, out, _) = run(&["status", "--state", &state_arg]);
    assert!(ok, "{out}");
    assert!(
        out.contains("Linked to Jo at https://portal.example (device d-1)"),
        "{out}"
    );
    assert!(out.contains("Reports waiting to be sent: 0"), "{out}");
    assert!(out.contains("Location for Find my device: off"), "{out}");
    assert!(!out.contains("Last logged"), "{out}");
    assert!(
        !dir.path().join("agent.queue").exists(),
        "status changes nothing"
    );
    let (ok, _, err) = run(&["location", "on", "--state", &state_arg]);
    assert!(ok, "{err}");
    portico_agent::logfile::LogFile::beside(&state).write("Report sent");
    let (_, out, _) = run(&["status", "--state", &state_arg]);
    assert!(out.contains("Location for Find my device: on"), "{out}");
    assert!(
        out.contains("Last logged: ") && out.ends_with("Report sent\n"),
        "{out}"
    );
}

#[test]
fn inspect_names_the_recovery_keys_it_would_send_only_when_backed_up_and_never_prints_one() {
    let dir = tempfile::tempdir().expect("dir");
    let state = dir.path().join("agent.json");
    let linked = |backup: bool| {
        format!(
            r#"{{"server":"https://portal.example","token":"t","device_id":"d-1","account":"Jo","install_id":"i","backup_recovery_keys":{backup}}}"#
        )
    };
    let state_arg = state.display().to_string();
    let export = fixture("manage-bde-protectors.txt");
    let args = [
        "inspect",
        "--registry-export",
        &fixture("sample-currentversion.reg"),
        "--bitlocker-export",
        &export,
        "--state",
        &state_arg,
    ];
    std::fs::write(&state, linked(false)).expect("state");
    let (ok, out, err) = run(&args);
    assert!(ok, "{err}");
    assert!(
        out.contains("BitLocker recovery keys not backed up"),
        "{out}"
    );
    assert!(!out.contains("6F1C2D3E"), "{out}");

    std::fs::write(&state, linked(true)).expect("state");
    let (ok, out, err) = run(&args);
    assert!(ok, "{err}");
    assert!(
        out.contains("2 BitLocker recovery key(s) sent with each report")
            && out.contains("C: {6F1C2D3E-4B5A-4C6D-8E9F-0A1B2C3D4E5F}")
            && out.contains("D: {0D9E8F7A-1B2C-4D3E-9F8A-7B6C5D4E3F2A}"),
        "{out}"
    );
    for secret in ["123453-234564", "111111-222222"] {
        assert!(!out.contains(secret), "{out}");
    }
    // The JSON body is what the queue keeps: the keys join it only as it leaves.
    let mut json = args.to_vec();
    json.insert(1, "--json");
    let (ok, body, err) = run(&json);
    assert!(ok, "{err}");
    assert!(
        !body.contains("recovery") && !body.contains("123453"),
        "{body}"
    );
    let (_, status, _) = run(&["status", "--state", &state_arg]);
    assert!(
        status.contains("BitLocker recovery key backup: on"),
        "{status}"
    );
}
