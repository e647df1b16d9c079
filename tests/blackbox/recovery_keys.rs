//! BitLocker recovery keys end to end: a PC linked in Chromium with "back up its recovery
//! keys" ticked, `portico-agent report` reading a `manage-bde` export, the keys listed by
//! ID, one found by the recovery screen's eight characters and shown, the notice in the
//! mail server; the password in no log of the portal, no report history and no list.

use crate::agent::{agent, agent_fixture, link_ticking, sample_export};
use crate::stage::{Stage, message_where};

const C_PASSWORD: &str = "123453-234564-345675-456786-567897-679008-011011-000000";
const D_PASSWORD: &str = "111111-222222-333333-444444-555555-666666-099990-700007";

fn protectors_export() -> String {
    agent_fixture("manage-bde-protectors.txt")
}

#[tokio::test]
async fn a_recovery_key_backed_up_by_the_agent_is_found_by_its_id_and_shown() {
    let stage = Stage::start().await;
    let Stage {
        portico, browser, ..
    } = &stage;
    stage.sign_up_jo().await;
    let dir = tempfile::tempdir().expect("dir");
    let state = dir.path().join("agent.json");
    let state_arg = state.display().to_string();
    let output = link_ticking(&stage, &portico.base_url, &state, &["recovery_keys"]).await;
    assert!(
        output.contains("Its BitLocker recovery keys are backed up to the account"),
        "{output}"
    );

    let report = || {
        agent()
            .args(["report", "--once", "--registry-export", &sample_export()])
            .args([
                "--bitlocker-export",
                &protectors_export(),
                "--state",
                &state_arg,
            ])
            .output()
    };
    let out = report().await.expect("report");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A report the portal cannot take waits on disk without the keys: they join a report
    // only as it leaves. (The same link, pointed at a closed port.)
    let offline = dir.path().join("offline.json");
    let mut linked: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&state).expect("state")).expect("json");
    assert_eq!(
        linked["backup_recovery_keys"], true,
        "consent came with the token"
    );
    linked["server"] = "http://127.0.0.1:9".into();
    std::fs::write(&offline, linked.to_string()).expect("offline state");
    let out = agent()
        .args(["report", "--once", "--registry-export", &sample_export()])
        .args(["--bitlocker-export", &protectors_export(), "--state"])
        .arg(&offline)
        .output()
        .await
        .expect("report");
    assert!(!out.status.success(), "the portal is out of reach");
    let waiting: Vec<String> = std::fs::read_dir(dir.path().join("offline.queue"))
        .expect("the queue")
        .map(|f| std::fs::read_to_string(f.expect("entry").path()).expect("a report"))
        .collect();
    assert_eq!(waiting.len(), 1, "the report is kept");
    assert!(waiting[0].contains("\"report_id\""), "{}", waiting[0]);
    assert!(
        !waiting[0].contains("recovery") && !waiting[0].contains("123453"),
        "no key waited on disk"
    );

    browser
        .client
        .goto(&portico.url("/u/0/recovery-keys"))
        .await
        .expect("recovery keys");
    let list = browser.text(".recovery-list").await.expect("the keys");
    assert!(
        list.contains("{6F1C2D3E-4B5A-4C6D-8E9F-0A1B2C3D4E5F}")
            && list.contains("{0D9E8F7A-1B2C-4D3E-9F8A-7B6C5D4E3F2A}"),
        "{list}"
    );
    assert!(!list.contains(C_PASSWORD) && !list.contains(D_PASSWORD));
    browser
        .screenshot("recovery-keys")
        .await
        .expect("screenshot");

    // The recovery screen of drive D: shows "0D9E8F7A".
    browser.fill("key_id", "0d9e8f7a").await.expect("type");
    browser
        .click("form[action='/u/0/recovery-keys/find'] button")
        .await
        .expect("show");
    let key = browser
        .wait_for(".recovery-password")
        .await
        .expect("the key")
        .text()
        .await
        .expect("text");
    assert_eq!(key, D_PASSWORD);
    browser
        .screenshot("recovery-key")
        .await
        .expect("screenshot");
    let notice = message_where(
        || async { stage.maildev.messages().await.expect("mail") },
        |m| {
            m["subject"]
                .as_str()
                .is_some_and(|s| s.contains("BitLocker recovery key"))
        },
    )
    .await;
    let text = notice["text"].as_str().unwrap_or_default();
    assert!(
        text.contains("0D9E8F7A") && !text.contains("111111"),
        "{text}"
    );

    let mut db = <sqlx::PgConnection as sqlx::Connection>::connect(&stage.db)
        .await
        .expect("db");
    let history: Vec<String> =
        sqlx::query_scalar("select row_to_json(r)::text from device_reports r")
            .fetch_all(&mut db)
            .await
            .expect("history");
    assert!(!history.is_empty());
    assert!(
        history
            .iter()
            .all(|h| !h.contains("123453") && !h.contains("111111"))
    );
    let logs = stage.portico.process.output();
    assert!(
        logs.contains("/api/agent/v1/report"),
        "the report was logged: {logs}"
    );
    for secret in [C_PASSWORD, D_PASSWORD, "123453234564", "111111222222"] {
        assert!(!logs.contains(secret), "a recovery key in the logs");
    }

    // Jo changes her mind on the PC's page: the keys go, and the agent hears it.
    browser
        .client
        .goto(&portico.url("/u/0/devices"))
        .await
        .expect("devices");
    browser.click(".device-list a").await.expect("the PC");
    browser
        .wait_for("#recovery-state")
        .await
        .expect("the backup's state");
    browser
        .click("form[action$='/recovery-keys'] button")
        .await
        .expect("stop backing up");
    let notice = browser.wait_for(".alert--success").await.expect("done");
    let said = notice.text().await.expect("text");
    assert!(said.contains("Recovery key backup is off"), "{said}");
    let kept: i64 = sqlx::query_scalar("select count(*) from recovery_keys")
        .fetch_one(&mut db)
        .await
        .expect("count");
    assert_eq!(kept, 0, "consent withdrawn: the keys are deleted");
    assert!(report().await.expect("report").status.success());
    let status = agent()
        .args(["status", "--state", &state_arg])
        .output()
        .await
        .expect("status");
    let status = String::from_utf8_lossy(&status.stdout).into_owned();
    assert!(
        status.contains("BitLocker recovery key backup: off"),
        "{status}"
    );
    assert!(report().await.expect("report").status.success());
    let kept: i64 = sqlx::query_scalar("select count(*) from recovery_keys")
        .fetch_one(&mut db)
        .await
        .expect("count");
    assert_eq!(kept, 0);
    stage.finish().await;
}
