//! The agent API against its own OpenAPI document: schemathesis (PyPI, in the peers'
//! virtualenv) generates requests from the document, with a valid device token, and runs
//! every check it has (`--checks all`): no server error, every answer one the document
//! describes, every request the document allows accepted and every one it forbids refused.

use portico_blackbox::database::{device_token, fresh_database};
use portico_blackbox::server::PorticoBuilder;

#[tokio::test]
async fn schemathesis_finds_the_server_and_its_document_in_agreement() {
    let db = fresh_database().await.expect("database");
    let dir = tempfile::tempdir().expect("dir");
    let portico = PorticoBuilder::new()
        .data_dir(dir.path())
        .database_url(&db)
        .start()
        .await
        .expect("portico starts");
    let token = device_token(&db).await.expect("a linked device");
    let document = portico.url("/api/agent/v1/openapi.json");
    let peers = portico_blackbox::repo_root().join("tests/peers");
    // Its cache goes where it runs: a directory of the test's own.
    let scratch = tempfile::tempdir().expect("dir");
    let out = tokio::process::Command::new(peers.join(".venv/bin/schemathesis"))
        .arg("--config-file")
        .arg(peers.join("schemathesis.toml"))
        .args([
            "run",
            &document,
            "--max-examples",
            "100",
            "--generation-deterministic",
            "--checks",
            "all",
        ])
        .args(["-H", &format!("Authorization: Bearer {token}")])
        .env("SCHEMATHESIS_HOOKS", "")
        .current_dir(scratch.path())
        .output()
        .await
        .expect("schemathesis runs (scripts/test installs it)");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("Tested: 3"),
        "every operation was tried: {text}"
    );
    assert!(!text.contains("FAILURES"), "{text}");
    assert_eq!(portico.stop().await.expect("stops").code(), Some(0));
}
