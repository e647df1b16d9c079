//! Routes that exist only with `PORTICO_ENV=development`.

use std::time::Duration;

use axum::extract::Query;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct SlowQuery {
    ms: u64,
}

/// `GET /dev/slow?ms=N`: answers after N milliseconds (at most 10 s). The shutdown tests use
/// it to hold a request in flight while the server is told to stop.
pub async fn slow(Query(query): Query<SlowQuery>) -> String {
    let ms = query.ms.min(10_000);
    tokio::time::sleep(Duration::from_millis(ms)).await;
    format!("slept {ms} ms\n")
}
