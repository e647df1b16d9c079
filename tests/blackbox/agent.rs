//! `portico-agent` against a real `portico serve`: it links (the code approved in Chromium),
//! keeps its token in an owner-only file, and reports the sample registry export, which
//! the Devices and Licenses pages then show; `run` reports a change of activation at once,
//! keeps reports through an outage and sends them after, stops on Ctrl-C, and stops for
//! good when the PC is removed on the portal.

use std::path::{Path, PathBuf};
use std::time::Duration;

use nix::sys::signal::Signal;
use portico_blackbox::gate::Gate;
use portico_blackbox::process::Process;
use sqlx::Connection;

use crate::stage::Stage;

pub(crate) fn agent() -> tokio::process::Command {
    let mut command =
        tokio::process::Command::new(portico_blackbox::profile_dir().join("portico-agent"));
    command.env_clear();
    if let Some(path) = std::env::var_os("PATH") {
        command.env("PATH", path);
    }
    command
}

/// The path of one of the agent's test fixtures.
pub(crate) fn agent_fixture(name: &str) -> String {
    portico_blackbox::repo_root()
        .join("crates/portico-agent/tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

pub(crate) fn sample_export() -> String {
    agent_fixture("sample-currentversion.reg")
}

fn specs_export() -> String {
    agent_fixture("specs-windows.json")
}

/// `report --once` of the sample export and the specifications export.
async fn report_once(export: &str, state: &str) -> std::process::Output {
    agent()
        .args([
            "report",
            "--once",
            "--registry-export",
            export,
            "--specs-export",
            &specs_export(),
            "--state",
            state,
        ])
        .output()
        .await
        .expect("report")
}

/// Links an agent to Jo's account through `server`, approving in the browser; returns
/// what it printed.
async fn link(stage: &Stage, server: &str, state: &Path) -> String {
    link_ticking(stage, server, state, &[]).await
}

/// [`link`], ticking the approval page's boxes with these ids first.
pub(crate) async fn link_ticking(
    stage: &Stage,
    server: &str,
    state: &Path,
    boxes: &[&str],
) -> String {
    let mut command = agent();
    command.args(["link", "--server", server, "--state"]);
    command.arg(state);
    if !boxes.is_empty() {
        // Described as the Windows PC of the sample export, which offers every box.
        command.args(["--registry-export", &sample_export()]);
    }
    let mut link = Process::spawn("portico-agent", command).expect("the agent starts");
    let url = link
        .wait_for_line(r"To link this PC, open (\S+)", Duration::from_secs(30))
        .await
        .expect("the agent shows where to approve");
    stage
        .browser
        .client
        .goto(&url)
        .await
        .expect("the agent's link");
    stage
        .browser
        .click("form[action='/u/0/link'] button")
        .await
        .expect("next");
    // A click returns before the next page loads.
    stage
        .browser
        .wait_for("button[value=approve]")
        .await
        .expect("the approval page");
    for id in boxes {
        stage.browser.click(&format!("#{id}")).await.expect("tick");
    }
    stage
        .browser
        .click("button[value=approve]")
        .await
        .expect("approve");
    let status = link
        .wait(Duration::from_secs(60))
        .await
        .expect("the agent finishes");
    assert!(status.success(), "{}", link.output());
    link.output()
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
    let export = sample_export();

    let output = link(&stage, &portico.base_url, &state).await;
    assert!(
        output.contains("Linked to Jo Marchetti (j•••@example.com)"),
        "{output}"
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

    let out = report_once(&export, &state_arg).await;
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
    // The specifications from the PowerShell export, in Settings' words.
    browser
        .client
        .goto(&portico.url("/u/0/devices"))
        .await
        .expect("devices");
    browser.click(".device-list a").await.expect("the PC");
    browser
        .wait_for("#specs")
        .await
        .expect("its specifications");
    let specs = browser.text("#specs").await.expect("specs");
    for words in [
        "11th Gen Intel(R) Core(TM) i7-1185G7 @ 3.00GHz",
        "16.0 GB (15.7 GB usable)",
        "Present, version 2.0",
        "C: 476 GB, 188 GB free (NTFS)",
        "C: On, XTS-AES 128",
    ] {
        assert!(specs.contains(words), "{words}: {specs}");
    }
    let out = agent()
        .args(["status", "--state", &state_arg])
        .output()
        .await
        .expect("status");
    let status = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        status.contains("Linked to Jo Marchetti")
            && status.contains("Hardware details and specifications: shared"),
        "{status}"
    );

    // On the privacy page, Jo stops the PC sharing its hardware details: what was kept of
    // them goes at once, the next report's answer tells the agent, and it stops collecting.
    browser
        .client
        .goto(&portico.url("/u/0/privacy"))
        .await
        .expect("privacy");
    browser.wait_for("#kept-title").await.expect("what is kept");
    browser.screenshot("privacy").await.expect("screenshot");
    browser
        .click("form[action$='/hardware'] button")
        .await
        .expect("turn off hardware details");
    let done = browser.wait_for(".alert--success").await.expect("done");
    assert!(
        done.text()
            .await
            .expect("text")
            .contains("no longer shares hardware details"),
        "the privacy page says so"
    );
    let mut db = sqlx::PgConnection::connect(&stage.db).await.expect("db");
    let kept: (bool, bool) =
        sqlx::query_as("select specs is null, manufacturer is null from devices")
            .fetch_one(&mut db)
            .await
            .expect("device");
    assert_eq!(kept, (true, true), "deleted at once");
    let inspect = |json: bool| {
        let mut command = agent();
        command.args([
            "inspect",
            "--registry-export",
            &export,
            "--specs-export",
            &specs_export(),
            "--state",
            &state_arg,
        ]);
        if json {
            command.arg("--json");
        }
        command
    };
    let before: serde_json::Value =
        serde_json::from_slice(&inspect(true).output().await.expect("inspect").stdout)
            .expect("json");
    assert!(before["specs"].is_object(), "the agent has not heard yet");
    let out = report_once(&export, &state_arg).await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let kept: (bool,) = sqlx::query_as("select specs is null from devices")
        .fetch_one(&mut db)
        .await
        .expect("device");
    assert_eq!(kept, (true,), "the report's specifications were dropped");
    let after: serde_json::Value =
        serde_json::from_slice(&inspect(true).output().await.expect("inspect").stdout)
            .expect("json");
    assert!(
        after["specs"].is_null(),
        "the agent collects none now: {after}"
    );
    let out = agent()
        .args(["status", "--state", &state_arg])
        .output()
        .await
        .expect("status");
    let status = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        status.contains("Hardware details and specifications: not shared (chosen on the portal)"),
        "{status}"
    );
    stage.finish().await;
}

/// Windows' activation state as `Get-CimInstance SoftwareLicensingProduct … |
/// ConvertTo-Json` exports it, for the sample export's key.
fn write_activation(path: &Path, status: u8, reason: u32) {
    let json = serde_json::json!({
        "Name": "Windows(R), Professional edition",
        "LicenseStatus": status,
        "LicenseStatusReason": reason,
        "GracePeriodRemaining": 0,
        "PartialProductKey": "XJ7KT",
        "ProductKeyChannel": "Retail",
    });
    // Written aside and renamed, as an export lands in one piece.
    let partial = path.with_extension("partial");
    std::fs::write(&partial, json.to_string()).expect("write");
    std::fs::rename(&partial, path).expect("rename");
}

/// The activation statuses the portal recorded for the PC, oldest first.
async fn statuses(db: &str) -> Vec<Option<i16>> {
    let mut conn = sqlx::PgConnection::connect(db).await.expect("database");
    sqlx::query_scalar("select license_status from device_reports order by received_at")
        .fetch_all(&mut conn)
        .await
        .expect("reports")
}

fn run_agent(state: &Path, activation: &Path) -> Process {
    let mut command = agent();
    command
        .args([
            "run",
            "--registry-export",
            &sample_export(),
            "--licensing-export",
        ])
        .arg(activation)
        .arg("--state")
        .arg(state)
        .args(["--check-every", "1", "--first-retry", "1"]);
    Process::spawn("portico-agent run", command).expect("the agent starts")
}

const WAIT: Duration = Duration::from_secs(30);

#[tokio::test]
async fn run_reports_changes_at_once_survives_an_outage_and_stops_when_removed() {
    let stage = Stage::start().await;
    stage.sign_up_jo().await;
    let target = stage
        .portico
        .base_url
        .trim_start_matches("http://")
        .parse()
        .expect("portico's address");
    let gate = Gate::to(target).await.expect("gate");
    let dir = tempfile::tempdir().expect("dir");
    let state: PathBuf = dir.path().join("agent.json");
    let activation = dir.path().join("activation.json");
    link(&stage, &gate.url(), &state).await;
    write_activation(&activation, 2, 0);

    let mut run = run_agent(&state, &activation);
    run.wait_for_line("^Report sent$", WAIT)
        .await
        .expect("the first report");
    assert_eq!(statuses(&stage.db).await, [Some(2)]);

    // Activated: reported at the next check, not at the next scheduled report.
    write_activation(&activation, 1, 0);
    run.wait_for_line("^Activation state changed", WAIT)
        .await
        .expect("the change is seen");
    run.wait_for_nth_line("^Report sent$", 2, WAIT)
        .await
        .expect("and reported");
    assert_eq!(statuses(&stage.db).await, [Some(2), Some(1)]);

    // An outage: two changes wait on disk, then both arrive, in order.
    gate.close();
    write_activation(&activation, 5, 0xC004_F009);
    run.wait_for_line(r"^Portal unreachable .*: 1 report\(s\) kept", WAIT)
        .await
        .expect("kept");
    write_activation(&activation, 1, 0);
    run.wait_for_line(r"^Portal unreachable .*: 2 report\(s\) kept", WAIT)
        .await
        .expect("both kept");
    assert_eq!(statuses(&stage.db).await.len(), 2, "nothing got through");
    gate.open();
    run.wait_for_line("^2 reports sent$", WAIT)
        .await
        .expect("sent after the outage");
    assert_eq!(
        statuses(&stage.db).await,
        [Some(2), Some(1), Some(5), Some(1)]
    );

    // Ctrl-C stops it cleanly.
    run.signal(Signal::SIGINT).expect("SIGINT");
    let status = run.wait(WAIT).await.expect("stops");
    assert!(status.success(), "{}", run.output());
    assert!(
        run.output().contains("Stopped (0 report(s) waiting"),
        "{}",
        run.output()
    );

    // Removed on the portal: the next report is refused with 409 and the agent stops for
    // good, forgetting its token (exit 3: a service manager should not restart it).
    let mut run = run_agent(&state, &activation);
    run.wait_for_line("^Report sent$", WAIT)
        .await
        .expect("running again");
    let linked: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&state).expect("state")).expect("json");
    let device = linked["device_id"].as_str().expect("device id");
    stage
        .browser
        .client
        .goto(&stage.portico.url(&format!("/u/0/devices/{device}/remove")))
        .await
        .expect("remove page");
    stage
        .browser
        .click("form[action$='/remove'] button")
        .await
        .expect("remove");
    stage
        .browser
        .wait_for("main .alert--success")
        .await
        .expect("removed");
    write_activation(&activation, 5, 0xC004_F009);
    let status = run.wait(WAIT).await.expect("stops");
    assert_eq!(status.code(), Some(3), "{}", run.output());
    assert!(
        run.output()
            .contains("This PC was removed from its account"),
        "{}",
        run.output()
    );
    assert!(!state.exists(), "the dead token is forgotten");
    stage.finish().await;
}
