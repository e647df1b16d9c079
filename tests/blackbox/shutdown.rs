//! SIGTERM: stop accepting, finish what is in flight, exit 0.

use std::time::Duration;

use nix::sys::signal::Signal;
use portico_blackbox::database::fresh_database;
use portico_blackbox::server::{PorticoBuilder, http_client};

#[tokio::test]
async fn sigterm_finishes_in_flight_requests_and_exits_zero() {
    let db = fresh_database().await.expect("database");
    let dir = tempfile::tempdir().expect("dir");
    let mut portico = PorticoBuilder::new()
        .data_dir(dir.path())
        .database_url(&db)
        .env("PORTICO_LOG", "info,portico::http=debug")
        .start()
        .await
        .expect("portico starts");

    let slow = tokio::spawn(http_client().get(portico.url("/dev/slow?ms=1500")).send());
    // The server has the request once its span logs it; only then is it "in flight".
    portico
        .process
        .wait_for_line(
            r"path=/dev/slow.*started processing request",
            Duration::from_secs(10),
        )
        .await
        .expect("the slow request reached the server");
    portico.process.signal(Signal::SIGTERM).expect("signal");

    let response = slow
        .await
        .expect("task")
        .expect("the in-flight request completes");
    assert_eq!(response.status(), 200);
    assert_eq!(response.text().await.expect("body"), "slept 1500 ms\n");

    let status = portico
        .process
        .wait(Duration::from_secs(30))
        .await
        .expect("exits");
    assert_eq!(
        status.code(),
        Some(0),
        "output:\n{}",
        portico.process.output()
    );
    let after = http_client().get(portico.url("/healthz")).send().await;
    assert!(after.is_err(), "no longer accepting connections");
}

#[tokio::test]
async fn sigint_also_stops_cleanly() {
    let db = fresh_database().await.expect("database");
    let dir = tempfile::tempdir().expect("dir");
    let mut portico = PorticoBuilder::new()
        .data_dir(dir.path())
        .database_url(&db)
        .start()
        .await
        .expect("portico starts");
    portico.process.signal(Signal::SIGINT).expect("signal");
    let status = portico
        .process
        .wait(Duration::from_secs(30))
        .await
        .expect("exits");
    assert_eq!(
        status.code(),
        Some(0),
        "output:\n{}",
        portico.process.output()
    );
}

#[tokio::test]
async fn with_a_drain_time_readyz_says_stopping_while_requests_are_still_served() {
    let db = fresh_database().await.expect("database");
    let dir = tempfile::tempdir().expect("dir");
    let mut portico = PorticoBuilder::new()
        .data_dir(dir.path())
        .database_url(&db)
        .env("PORTICO_SHUTDOWN_DRAIN_SECS", "3")
        .start()
        .await
        .expect("portico starts");
    let http = http_client();
    let ready = http
        .get(portico.url("/readyz"))
        .send()
        .await
        .expect("ready");
    assert_eq!(ready.status(), 200);
    portico.process.signal(Signal::SIGTERM).expect("signal");
    portico
        .process
        .wait_for_line("stopping: /readyz says so", Duration::from_secs(10))
        .await
        .expect("it says it is draining");

    // The balancer hears "stopping" and takes it out; a request that still comes is served.
    let ready = http
        .get(portico.url("/readyz"))
        .send()
        .await
        .expect("ready");
    assert_eq!(ready.status(), 503);
    assert_eq!(
        ready.text().await.expect("body"),
        "not ready: shutting down\n"
    );
    let page = http.get(portico.url("/")).send().await.expect("page");
    assert_eq!(page.status(), 200);

    let status = portico
        .process
        .wait(Duration::from_secs(30))
        .await
        .expect("exits");
    assert_eq!(status.code(), Some(0));
}
