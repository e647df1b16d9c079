//! `portico-agent` against a real `portico serve`: it links (the code approved in Chromium),
//! keeps its token in an owner-only file, and reports the sample registry export, which
//! the Devices and Licenses pages then show.

use std::time::Duration;

use portico_blackbox::process::Process;

use crate::stage::Stage;

fn agent() -> tokio::process::Command {
    let mut command =
        tokio::process::Command::new(portico_blackbox::profile_dir().join("portico-agent"));
    command.env_clear();
    if let Some(path) = std::env::var_os("PATH") {
        command.env("PATH", path);
    }
    command
}

#[tokio::test]
async fn the_agent_links_and_reports_to_a_real_portal() {
    let stage = Stage::start().await;
    let Stage {
        portico, browser, ..
    } = &stage;
    stage.sign_up_jo().await;
    let dir = tempfile::tempdir().expect("dir");
    let state = dir.path().join("agent.json");
    let state_arg = state.display().to_string();
    let export = portico_blackbox::repo_root()
        .join("crates/portico-agent/tests/fixtures/sample-currentversion.reg")
        .display()
        .to_string();

    let mut command = agent();
    command.args(["link", "--server", &portico.base_url, "--state", &state_arg]);
    let mut link = Process::spawn("portico-agent", command).expect("the agent starts");
    let url = link
        .wait_for_line(r"To link this PC, open (\S+)", Duration::from_secs(30))
        .await
        .expect("the agent shows where to approve");
    browser.client.goto(&url).await.expect("the agent's link");
    browser
        .click("form[action='/u/0/link'] button")
        .await
        .expect("next");
    browser
        .click("button[value=approve]")
        .await
        .expect("approve");
    let status = link
        .wait(Duration::from_secs(60))
        .await
        .expect("the agent finishes");
    assert!(status.success(), "{}", link.output());
    assert!(
        link.output()
            .contains("Linked to Jo Marchetti (j•••@example.com)"),
        "{}",
        link.output()
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&state)
            .expect("state")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "only its owner can read the token");
    }

    let out = agent()
        .args([
            "report",
            "--once",
            "--registry-export",
            &export,
            "--state",
            &state_arg,
        ])
        .output()
        .await
        .expect("report");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    browser
        .client
        .goto(&portico.url("/u/0/licenses"))
        .await
        .expect("licenses");
    let licenses = browser.text(".license-list").await.expect("licenses");
    assert!(
        licenses.contains("Windows 11 Pro (Professional)") && licenses.contains("XJ7KT"),
        "{licenses}"
    );
    let out = agent()
        .args(["status", "--state", &state_arg])
        .output()
        .await
        .expect("status");
    assert!(String::from_utf8_lossy(&out.stdout).contains("Linked to Jo Marchetti"));
    stage.finish().await;
}
