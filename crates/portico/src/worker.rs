//! Background work that runs beside the HTTP server (`serve`) or alone (`portico worker`).
//!
//! Every job is driven by rows in PostgreSQL, so any number of workers on any number of
//! machines may run at once.

use std::sync::Arc;

use sqlx::PgPool;
use time::Duration;
use tokio_util::sync::CancellationToken;

use crate::clock::Clock;
use crate::outbox::Deliverer;
use crate::{aliases, audit, limits};

/// How often old rate-limit counters are pruned.
const HOUSEKEEPING_EVERY: std::time::Duration = std::time::Duration::from_secs(3600);

/// Runs background jobs until `shutdown` is cancelled: the outbox, and housekeeping.
pub async fn run(
    deliverer: Deliverer,
    db: PgPool,
    clock: Arc<dyn Clock>,
    shutdown: CancellationToken,
) -> anyhow::Result<()> {
    tracing::info!("background worker started");
    let (delivered, ()) = tokio::join!(
        deliverer.run(shutdown.clone()),
        housekeeping(db, clock, shutdown)
    );
    tracing::info!("background worker stopped");
    delivered
}

async fn housekeeping(db: PgPool, clock: Arc<dyn Clock>, shutdown: CancellationToken) {
    loop {
        // Counters older than two days cannot affect any limit (the longest window is a day).
        let cutoff = clock.now() - Duration::days(2);
        match db.acquire().await {
            Ok(mut conn) => {
                if let Err(e) = limits::prune(&mut conn, cutoff).await {
                    tracing::warn!(error = %e, "cannot prune rate-limit counters");
                }
                if let Err(e) = audit::prune(&mut conn, clock.now()).await {
                    tracing::warn!(error = %e, "cannot prune old audit events");
                }
                if let Err(e) = aliases::store::prune_undo(&mut conn, clock.now()).await {
                    tracing::warn!(error = %e, "cannot prune expired undo links");
                }
                if let Err(e) = crate::oidc::store::prune(&mut conn, clock.now()).await {
                    tracing::warn!(error = %e, "cannot prune unfinished provider sign-ins");
                }
                if let Err(e) = crate::devices::prune(&mut conn, clock.now()).await {
                    tracing::warn!(error = %e, "cannot prune expired link requests");
                }
                if let Err(e) = aliases::store::prune_pending(&mut conn, clock.now()).await {
                    tracing::warn!(error = %e, "cannot prune addresses that were never verified");
                }
                if let Err(e) = crate::passkeys::prune(&mut conn, clock.now()).await {
                    tracing::warn!(error = %e, "cannot prune unfinished passkey ceremonies");
                }
                if let Err(e) = crate::idp::prune(&mut conn, clock.now()).await {
                    tracing::warn!(error = %e, "cannot prune expired app sign-ins and tokens");
                }
            }
            Err(e) => tracing::warn!(error = %e, "housekeeping cannot reach the database"),
        }
        tokio::select! {
            () = shutdown.cancelled() => return,
            () = tokio::time::sleep(HOUSEKEEPING_EVERY) => {}
        }
    }
}
