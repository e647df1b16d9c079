//! "Download your data". After a recent sign-in the person asks (ticking whether their
//! BitLocker recovery keys go in too); the worker builds one ZIP — a JSON file per kind and a
//! README — claimed with a lease so that a worker that dies leaves it to another, keeps it 7
//! days in PostgreSQL, and tells the person. Each download is audited. Never in it: password
//! hash, code or token hashes, whole product keys (never kept).

pub mod page;
pub mod rules;
pub mod store;

use std::io::Write;

use serde_json::{Value, json};
use sqlx::PgPool;
use time::OffsetDateTime;
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

use crate::app::AppState;
use crate::audit::{self, Kind};
use crate::clock::Clock;
use crate::crypto::Keys;
use crate::http::client::{ClientInfo, browser_label};
use crate::outbox::{self, Message};

/// How often the worker looks for requests (a request also waits at most this long).
const POLL_EVERY: std::time::Duration = std::time::Duration::from_secs(5);

/// The routes of asking for and downloading one's data.
pub fn routes() -> axum::Router<AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/u/{n}/privacy/export", post(page::request))
        .route("/u/{n}/privacy/export/{id}", get(page::download))
}

/// The worker's job: builds waiting requests until `shutdown`.
pub async fn run(
    db: PgPool,
    keys: Keys,
    clock: std::sync::Arc<dyn Clock>,
    shutdown: CancellationToken,
) {
    loop {
        loop {
            match build_next(&db, &keys, clock.now()).await {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => {
                    tracing::warn!(error = %e, "building a data export failed; it is tried again");
                    break;
                }
            }
        }
        tokio::select! {
            () = shutdown.cancelled() => return,
            () = tokio::time::sleep(POLL_EVERY) => {}
        }
    }
}

/// Builds the oldest waiting request, if there is one: answers whether there was.
pub async fn build_next(db: &PgPool, keys: &Keys, now: OffsetDateTime) -> anyhow::Result<bool> {
    let claimed = {
        let mut conn = db.acquire().await?;
        store::claim(&mut conn, now, now + rules::LEASE).await?
    };
    let Some(claimed) = claimed else {
        return Ok(false);
    };
    let file = {
        let mut conn = db.acquire().await?;
        archive(
            &mut conn,
            keys,
            claimed.account_id,
            claimed.include_recovery_keys,
            now,
        )
        .await?
    };
    let expires_at = now + rules::KEPT_FOR;
    let mut tx = db.begin().await?;
    if store::finish(&mut tx, claimed.id, &file, now, expires_at).await? {
        let details = json!({ "export": claimed.id, "bytes": file.len() });
        let system = ClientInfo::default();
        audit::record(
            &mut tx,
            now,
            claimed.account_id,
            Kind::ExportReady,
            &system,
            details,
        )
        .await?;
        let notice = Message::ExportReady {
            until: crate::text::stamp(expires_at),
        };
        outbox::to_notice_recipients(&mut tx, now, claimed.account_id, &notice).await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// The ZIP of everything the account holds.
async fn archive(
    conn: &mut sqlx::PgConnection,
    keys: &Keys,
    account_id: Uuid,
    with_recovery_keys: bool,
    now: OffsetDateTime,
) -> anyhow::Result<Vec<u8>> {
    let activity: Vec<Value> = audit::recent(conn, account_id, now, i64::MAX)
        .await?
        .into_iter()
        .map(|e| {
            json!({
                "what": audit::describe::title(&e.kind, &e.details),
                "kind": e.kind,
                "at": e.at,
                "ip": e.ip.map(|ip| ip.ip().to_string()),
                "browser": browser_label(e.user_agent.as_deref()),
            })
        })
        .collect();
    let mut files: Vec<(&str, Value)> = vec![
        ("account.json", store::account(conn, account_id).await?),
        ("aliases.json", store::aliases(conn, account_id).await?),
        ("sessions.json", store::sessions(conn, account_id).await?),
        ("activity.json", Value::Array(activity)),
        ("devices.json", store::devices(conn, account_id).await?),
        ("reports.json", store::reports(conn, account_id).await?),
        ("licenses.json", store::licenses(conn, account_id).await?),
        ("locations.json", store::locations(conn, account_id).await?),
        (
            "identities.json",
            store::identities(conn, account_id).await?,
        ),
        (
            "app_access.json",
            store::app_access(conn, account_id).await?,
        ),
    ];
    if with_recovery_keys {
        let keys: Vec<Value> = store::recovery_keys(conn, account_id)
            .await?
            .into_iter()
            .map(|k| {
                let context = crate::recovery::rules::seal_context(&k.device_id, &k.protector_id);
                let password = keys
                    .open(k.seal_key_id, &k.sealed_password, &context)
                    .and_then(|p| String::from_utf8(p).ok());
                json!({
                    "device": k.device, "volume": k.volume, "key_id": k.protector_id,
                    "recovery_password": password, "backed_up_at": k.first_seen_at,
                    "gone_from_pc_at": k.removed_from_pc_at,
                })
            })
            .collect();
        files.push(("recovery_keys.json", Value::Array(keys)));
    }
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("README.txt", options)?;
    zip.write_all(rules::readme("Portico", with_recovery_keys).as_bytes())?;
    for (name, value) in files {
        zip.start_file(name, options)?;
        zip.write_all(&serde_json::to_vec_pretty(&value)?)?;
    }
    Ok(zip.finish()?.into_inner())
}
