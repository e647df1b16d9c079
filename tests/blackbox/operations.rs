//! What an operator runs besides `serve`: `migrate`, `worker`, and the logs they read.

use std::time::Duration;

use portico_blackbox::database::fresh_database;
use portico_blackbox::server::{PorticoBuilder, http_client};
use sqlx::{Connection, PgConnection};

#[tokio::test]
async fn several_migrate_processes_at_once_all_succeed_and_apply_once() {
    let db = fresh_database().await.expect("database");
    let dir = tempfile::tempdir().expect("dir");
    let runs = (0..3).map(|_| {
        PorticoBuilder::new()
            .data_dir(dir.path())
            .database_url(&db)
            .args(&["migrate"])
            .run()
    });
    for output in futures_join(runs).await {
        let output = output.expect("migrate runs");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let mut conn = PgConnection::connect(&db).await.expect("connect");
    let (applied, distinct): (i64, i64) =
        sqlx::query_as("select count(*), count(distinct version) from _sqlx_migrations")
            .fetch_one(&mut conn)
            .await
            .expect("count");
    assert!(applied > 0);
    assert_eq!(applied, distinct, "each migration applied exactly once");
}

/// Runs futures on their own tasks, all at once, and collects their outputs in order.
async fn futures_join<F>(futures: impl Iterator<Item = F>) -> Vec<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut outputs = Vec::new();
    for handle in handles {
        outputs.push(handle.await.expect("task"));
    }
    outputs
}

#[tokio::test]
async fn worker_runs_until_sigterm_and_exits_zero() {
    let db = fresh_database().await.expect("database");
    let dir = tempfile::tempdir().expect("dir");
    let builder = PorticoBuilder::new()
        .data_dir(dir.path())
        .database_url(&db)
        .args(&["worker"]);
    let mut worker = builder.spawn().expect("worker starts");
    worker
        .wait_for_line("background worker started", Duration::from_secs(30))
        .await
        .expect("the worker reports it started");
    let status = worker.stop(Duration::from_secs(30)).await.expect("stops");
    assert_eq!(status.code(), Some(0), "{}", worker.output());
    assert!(worker.output().contains("background worker stopped"));
}

#[tokio::test]
async fn production_logs_are_json_lines_carrying_the_request_id() {
    let db = fresh_database().await.expect("database");
    let dir = tempfile::tempdir().expect("dir");
    let mut portico = PorticoBuilder::new()
        .data_dir(dir.path())
        .database_url(&db)
        .env("PORTICO_ENV", "production")
        .env("PORTICO_PUBLIC_URL", "https://id.example.com")
        .env(
            "PORTICO_SECRET_KEY",
            "production-secret-key-0123456789abcdef",
        )
        .env("PORTICO_SMTP_URL", "smtp://mail.invalid")
        .env("PORTICO_MAIL_FROM", "Portico <no-reply@example.com>")
        .start()
        .await
        .expect("portico starts");
    let response = http_client()
        .get(portico.url("/healthz"))
        .send()
        .await
        .expect("request");
    let id = response.headers()["x-request-id"]
        .to_str()
        .expect("ascii")
        .to_owned();
    let line = portico
        .process
        .wait_for_line(
            &format!(r#"^(\{{.*"request_id":"{id}".*\}})$"#),
            Duration::from_secs(10),
        )
        .await
        .expect("a log line for the request");
    let json: serde_json::Value = serde_json::from_str(&line).expect("the line is JSON");
    assert_eq!(json["level"], "INFO");
    assert!(
        !portico.process.output().contains("production-secret-key"),
        "no secret in logs"
    );
    assert_eq!(portico.stop().await.expect("stops").code(), Some(0));
}

#[tokio::test]
async fn development_logs_are_human_lines_carrying_the_request_id() {
    let db = fresh_database().await.expect("database");
    let dir = tempfile::tempdir().expect("dir");
    let mut portico = PorticoBuilder::new()
        .data_dir(dir.path())
        .database_url(&db)
        .start()
        .await
        .expect("portico starts");
    let response = http_client()
        .get(portico.url("/nowhere"))
        .send()
        .await
        .expect("request");
    let id = response.headers()["x-request-id"]
        .to_str()
        .expect("ascii")
        .to_owned();
    portico
        .process
        .wait_for_line(
            &format!(r"request\{{request_id={id} method=GET path=/nowhere\}}.*finished processing request.*status=404"),
            Duration::from_secs(10),
        )
        .await
        .expect("a human log line for the request");
    assert_eq!(portico.stop().await.expect("stops").code(), Some(0));
}
