//! The agent API against its own OpenAPI document: schemathesis (PyPI, in the peers'
//! virtualenv) generates requests from the document, with a valid device token, and checks
//! that no answer is a server error and that every answer is one the document describes.

use sha2::Digest;
use sqlx::Connection;

use portico_blackbox::database::fresh_database;
use portico_blackbox::server::PorticoBuilder;

/// A device with a token, written straight into the database: the answer's token.
async fn device_token(db: &str) -> String {
    let mut conn = sqlx::PgConnection::connect(db).await.expect("database");
    let account = uuid::Uuid::now_v7();
    let device = uuid::Uuid::now_v7();
    sqlx::query("insert into accounts (id, display_name, created_at) values ($1, 'Jo', now())")
        .bind(account)
        .execute(&mut conn)
        .await
        .expect("account");
    sqlx::query(
        "insert into devices (id, account_id, name, linked_at) values ($1, $2, 'JO-PC', now())",
    )
    .bind(device)
    .bind(account)
    .execute(&mut conn)
    .await
    .expect("device");
    // 32 bytes in base64url, as the portal makes them.
    let token = "dGVzdC1kZXZpY2UtdG9rZW4tZm9yLXNjaGVtYXRoZXM";
    let hash: [u8; 32] = sha2::Sha256::digest(token.as_bytes()).into();
    sqlx::query(
        "insert into device_tokens (token_hash, device_id, created_at) values ($1, $2, now())",
    )
    .bind(hash.as_slice())
    .bind(device)
    .execute(&mut conn)
    .await
    .expect("token");
    token.to_owned()
}

#[tokio::test]
async fn schemathesis_finds_no_server_error_and_no_undocumented_answer() {
    let db = fresh_database().await.expect("database");
    let dir = tempfile::tempdir().expect("dir");
    let portico = PorticoBuilder::new()
        .data_dir(dir.path())
        .database_url(&db)
        .start()
        .await
        .expect("portico starts");
    let token = device_token(&db).await;
    let document = portico.url("/api/agent/v1/openapi.json");
    let out = tokio::process::Command::new(
        portico_blackbox::repo_root().join("tests/peers/.venv/bin/schemathesis"),
    )
    .args([
        "run",
        &document,
        "--max-examples",
        "40",
        "--generation-deterministic",
    ])
    .args([
        "--checks",
        "all",
        "--exclude-checks",
        "ignored_auth,negative_data_rejection,positive_data_acceptance",
    ])
    .args(["-H", &format!("Authorization: Bearer {token}")])
    .env("SCHEMATHESIS_HOOKS", "")
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
        text.contains("3 passed") || text.contains("passed"),
        "{text}"
    );
    assert_eq!(portico.stop().await.expect("stops").code(), Some(0));
}
