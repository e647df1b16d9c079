//! BitLocker recovery keys, backed up from the account's PCs (the Microsoft account's
//! "BitLocker recovery keys" page, opened when a PC stops at the blue recovery screen).
//!
//! Only with the person's consent, per PC (asked when linking it, changeable on its page;
//! withdrawn, its keys are deleted): its agent then sends every recovery-password
//! protector with its reports. Each password is sealed at rest ([`crate::crypto::Keys::seal`],
//! bound to its device and protector) and opened only to be shown, after a recent sign-in,
//! with an audit event and a notice to every verified alias. A key gone from the PC is
//! marked so and kept until the person deletes it. Passwords never reach a log, the
//! `device_reports` history or a page the person did not ask for.

pub mod consent;
pub mod page;
pub mod rules;
pub mod store;

use portico_wire::bitlocker::protector_id;
use portico_wire::report::RecoveryKey;
use serde_json::json;
use sqlx::PgConnection;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::app::AppState;
use crate::audit::{self, Kind};
use crate::crypto::Keys;
use crate::http::client::ClientInfo;
use crate::outbox::{self, Message};
use store::{SealedKey, Seen};

/// A report's recovery keys, in its transaction, for a device whose owner lets it back
/// them up: each sealed and kept, and the device's other keys marked as gone from it.
pub async fn apply(
    conn: &mut PgConnection,
    keys: &Keys,
    now: OffsetDateTime,
    (account_id, device_id): (Uuid, Uuid),
    reported: &[RecoveryKey],
) -> sqlx::Result<()> {
    let mut present = Vec::with_capacity(reported.len());
    for key in reported {
        // The report was validated; a protector listed twice counts once.
        let Some(id) = protector_id(&key.protector_id).filter(|id| !present.contains(id)) else {
            continue;
        };
        let password = key.recovery_password.as_bytes();
        let sealed = keys.seal(password, &rules::seal_context(&device_id, &id));
        let seen = Seen {
            volume: key.volume.trim(),
            protector_id: &id,
            sealed: &sealed,
        };
        store::record(conn, now, (account_id, device_id), &seen).await?;
        present.push(id);
    }
    store::mark_gone(conn, now, device_id, &present).await?;
    Ok(())
}

/// A key opened to be shown.
#[derive(Debug)]
pub struct Shown {
    pub device: String,
    pub volume: String,
    pub protector_id: String,
    pub on_pc: bool,
    /// `None`: it no longer opens (the secret key changed since it was sealed).
    pub password: Option<String>,
}

/// Opens `found` for the person, with an audit event per key and one notice to every
/// verified alias, in one transaction: a key is never shown without its trace.
pub async fn reveal(
    state: &AppState,
    account_id: Uuid,
    client: &ClientInfo,
    found: Vec<SealedKey>,
) -> sqlx::Result<Vec<Shown>> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let mut shown = Vec::with_capacity(found.len());
    for key in found {
        let context = rules::seal_context(&key.device_id, &key.protector_id);
        let password = state
            .keys
            .open(key.seal_key_id, &key.sealed_password, &context)
            .and_then(|bytes| String::from_utf8(bytes).ok());
        let details = json!({
            "device": key.device,
            "key_id": rules::screen_id(&key.protector_id),
            "volume": key.volume,
        });
        audit::record(
            &mut tx,
            now,
            account_id,
            Kind::RecoveryKeyShown,
            client,
            details,
        )
        .await?;
        shown.push(Shown {
            on_pc: key.removed_from_pc_at.is_none(),
            device: key.device,
            volume: key.volume,
            protector_id: key.protector_id,
            password,
        });
    }
    let join = |f: fn(&Shown) -> &str| {
        let mut all: Vec<&str> = shown.iter().map(f).collect();
        all.sort_unstable();
        all.dedup();
        all.join(", ")
    };
    let from = client.described();
    let notice = Message::RecoveryKeyShown {
        key_id: join(|s| rules::screen_id(&s.protector_id)),
        device: join(|s| &s.device),
        at: crate::text::stamp(now),
        from,
    };
    outbox::to_verified_aliases(&mut tx, now, account_id, &notice).await?;
    tx.commit().await?;
    Ok(shown)
}

/// The routes of the recovery keys' pages and of each PC's consent.
pub fn routes() -> axum::Router<AppState> {
    use axum::Router;
    use axum::routing::{get, post};
    Router::new()
        .route("/u/{n}/recovery-keys", get(page::list))
        .route("/u/{n}/recovery-keys/find", post(page::find))
        .route("/u/{n}/recovery-keys/{id}/show", post(page::show))
        .route("/u/{n}/recovery-keys/{id}/delete", post(page::delete))
        .route("/u/{n}/devices/{id}/recovery-keys", post(consent::set))
}
