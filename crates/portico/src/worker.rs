//! Background work that runs beside the HTTP server (`serve`) or alone (`portico worker`).
//!
//! Every job is driven by rows in PostgreSQL, so any number of workers on any number of
//! machines may run at once. The outbox sender joins here with the delivery feature.

use sqlx::PgPool;
use tokio_util::sync::CancellationToken;

/// Runs background jobs until `shutdown` is cancelled.
pub async fn run(db: PgPool, shutdown: CancellationToken) -> anyhow::Result<()> {
    tracing::info!("background worker started");
    shutdown.cancelled().await;
    drop(db);
    tracing::info!("background worker stopped");
    Ok(())
}
