//! Background work that runs beside the HTTP server (`serve`) or alone (`portico worker`).
//!
//! Every job is driven by rows in PostgreSQL, so any number of workers on any number of
//! machines may run at once.

use std::sync::Arc;

use sqlx::PgPool;
use time::Duration;
use tokio_util::sync::CancellationToken;

use crate::clock::Clock;
use crate::crypto::Keys;
use crate::outbox::Deliverer;
use crate::{aliases, audit, limits};

/// How often old rate-limit counters are pruned.
const HOUSEKEEPING_EVERY: std::time::Duration = std::time::Duration::from_secs(3600);

/// Runs background jobs until `shutdown` is cancelled: the outbox, and housekeeping.
pub async fn run(
    deliverer: Deliverer,
    db: PgPool,
    clock: Arc<dyn Clock>,
    keys: Keys,
    shutdown: CancellationToken,
) -> anyhow::Result<()> {
    tracing::info!("background worker started");
    let exports = crate::exports::run(db.clone(), keys.clone(), clock.clone(), shutdown.clone());
    let (delivered, (), ()) = tokio::join!(
        deliverer.run(shutdown.clone()),
        housekeeping(db, clock, keys, shutdown),
        exports
    );
    tracing::info!("background worker stopped");
    delivered
}

/// One pass of every retention job: what each removed, by name. A job that fails is
/// logged and the others still run.
pub async fn purge_once(
    conn: &mut sqlx::PgConnection,
    now: time::OffsetDateTime,
) -> Vec<(&'static str, Result<u64, String>)> {
    let mut done = Vec::new();
    // Counters older than two days cannot affect any limit (the longest window is a day).
    let outcome = limits::prune(conn, now - Duration::days(2)).await;
    done.push(("rate-limit counters", outcome));
    done.push(("audit events past 90 days", audit::prune(conn, now).await));
    done.push((
        "expired undo links",
        aliases::store::prune_undo(conn, now).await,
    ));
    done.push((
        "unfinished provider sign-ins",
        crate::oidc::store::prune(conn, now).await,
    ));
    done.push((
        "expired link requests",
        crate::devices::prune(conn, now).await,
    ));
    done.push((
        "addresses never verified",
        aliases::store::prune_pending(conn, now).await,
    ));
    done.push((
        "unfinished passkey ceremonies",
        crate::passkeys::prune(conn, now).await,
    ));
    done.push((
        "codes and sign-ups past their expiry",
        crate::verification::challenges::prune(conn, now).await,
    ));
    done.push((
        "ended sessions and expired reset grants",
        crate::sessions::store::prune(conn, now).await,
    ));
    done.push((
        "messages sent or dead for 30 days",
        crate::outbox::store::prune(conn, now).await,
    ));
    done.push((
        "old wrong-password counts",
        crate::auth::throttle::prune(conn, now).await,
    ));
    done.push((
        "copies of data past their 7 days",
        crate::exports::store::prune(conn, now).await,
    ));
    done.push((
        "closed accounts past their grace period",
        crate::closing::purge(conn, now).await,
    ));
    done.push((
        "browsers unused for 90 days and old sign-in alerts",
        crate::alerts::store::prune(conn, now).await,
    ));
    done.push((
        "expired app sign-ins and tokens",
        crate::idp::prune(conn, now).await,
    ));
    done.into_iter()
        .map(|(job, outcome)| {
            let outcome = outcome.map_err(|e| e.to_string());
            if let Err(e) = &outcome {
                tracing::warn!(job, error = %e, "a retention job failed");
            }
            (job, outcome)
        })
        .collect()
}

async fn housekeeping(db: PgPool, clock: Arc<dyn Clock>, keys: Keys, shutdown: CancellationToken) {
    loop {
        match db.acquire().await {
            Ok(mut conn) => {
                purge_once(&mut conn, clock.now()).await;
                rekey(&mut conn, &keys).await;
            }
            Err(e) => tracing::warn!(error = %e, "housekeeping cannot reach the database"),
        }
        tokio::select! {
            () = shutdown.cancelled() => return,
            () = tokio::time::sleep(HOUSEKEEPING_EVERY) => {}
        }
    }
}

/// Keys again what a previous secret key made, while a rotation is under way (and stamps
/// licenses from before key ids with the key that made them).
async fn rekey(conn: &mut sqlx::PgConnection, keys: &Keys) {
    match crate::rotation::rekey(conn, keys, true).await {
        Ok(progress) if progress.changed() || (progress.rotating && !progress.finished()) => {
            tracing::info!(
                licenses = progress.licenses_rekeyed,
                licenses_waiting = progress.licenses_waiting,
                recovery_keys = progress.recovery_keys_resealed,
                signing_keys = progress.signing_keys_resealed,
                unreadable = progress.unreadable,
                "re-keyed with the current secret key"
            );
        }
        Ok(_) => {}
        Err(e) => tracing::warn!(error = %e, "re-keying failed; the next pass tries again"),
    }
}
