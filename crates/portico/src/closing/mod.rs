//! Closing an account. After a recent sign-in the person asks, ticking that they
//! understand: the account is `closing` for the grace period (`PORTICO_CLOSE_GRACE_DAYS`),
//! every session, device token and app token ends, and every verified address is told.
//! Meanwhile a sign-in that proves the account leads to "Reopen your account" and nothing
//! else. After the grace period the worker deletes the account for good ([`purge`]): its
//! addresses are held back for 30 days so that nobody else takes them at once, messages to
//! them go, and only an anonymous record that an account was closed stays.

pub mod page;
pub mod rules;
pub mod store;

/// The routes of closing and reopening an account.
pub fn routes() -> axum::Router<AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/u/{n}/close", get(page::show).post(page::submit))
        .route("/reopen", post(page::reopen))
}

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::json;
use sqlx::PgConnection;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::app::AppState;
use crate::audit::{self, Kind};
use crate::crypto::{KeyPurpose, Keys};
use crate::http::client::ClientInfo;
use crate::outbox::{self, Message};
use crate::sessions::store::SignIn;

/// A sign-in's offer to reopen the closing account it proved: what the sign-in was, signed
/// with the server's key and good for [`rules::REOPEN_WITHIN`]. The offer page's form
/// carries it; nothing is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReopenOffer {
    pub account_id: Uuid,
    pub keep_signed_in: bool,
    pub method: &'static str,
    pub expires_at: OffsetDateTime,
    /// When the account is deleted unless it is reopened.
    pub delete_after: OffsetDateTime,
}

/// The sign-in methods an offer may name (a `SignIn`'s are static).
fn method_named(name: &str) -> Option<&'static str> {
    ["password", "code", "provider", "passkey"]
        .into_iter()
        .find(|m| *m == name)
}

impl ReopenOffer {
    pub fn new(state: &AppState, who: &SignIn, delete_after: OffsetDateTime) -> Self {
        Self {
            account_id: who.account_id,
            keep_signed_in: who.keep_signed_in,
            method: who.method,
            expires_at: state.clock.now() + rules::REOPEN_WITHIN,
            delete_after,
        }
    }

    fn body(&self) -> String {
        format!(
            "{}.{}.{}.{}.{}",
            self.account_id,
            u8::from(self.keep_signed_in),
            self.method,
            self.expires_at.unix_timestamp(),
            self.delete_after.unix_timestamp()
        )
    }

    /// The offer as its form carries it.
    pub fn token(&self, keys: &Keys) -> String {
        let body = self.body();
        let mac = keys.mac(KeyPurpose::Reopen, &[body.as_bytes()]);
        format!("{body}.{}", URL_SAFE_NO_PAD.encode(mac))
    }

    /// The offer a form carried, if the server made it and it has not expired.
    pub fn from_token(keys: &Keys, token: &str, now: OffsetDateTime) -> Option<Self> {
        let (body, mac) = token.rsplit_once('.')?;
        let mac = URL_SAFE_NO_PAD.decode(mac).ok()?;
        if !keys.verify_mac(KeyPurpose::Reopen, &[body.as_bytes()], &mac) {
            return None;
        }
        let mut parts = body.split('.');
        let account_id = parts.next()?.parse().ok()?;
        let keep_signed_in = parts.next()? == "1";
        let method = method_named(parts.next()?)?;
        let at = |s: &str| OffsetDateTime::from_unix_timestamp(s.parse().ok()?).ok();
        let expires_at = at(parts.next()?)?;
        let delete_after = at(parts.next()?)?;
        (now < expires_at && parts.next().is_none()).then_some(Self {
            account_id,
            keep_signed_in,
            method,
            expires_at,
            delete_after,
        })
    }
}

/// What asking to close came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closed {
    /// Closing; deleted after this.
    Until(OffsetDateTime),
    /// Not an active account (already closing, or disabled).
    NotActive,
}

/// Closes the account: marked closing, every session, device token and app token ended,
/// every verified address told.
pub async fn close(
    state: &AppState,
    account_id: Uuid,
    client: &ClientInfo,
) -> sqlx::Result<Closed> {
    let now = state.clock.now();
    let delete_after = rules::delete_after(now, state.config.close_grace);
    let mut tx = state.db.begin().await?;
    if !store::mark_closing(&mut tx, account_id, now, delete_after).await? {
        return Ok(Closed::NotActive);
    }
    let sessions = crate::sessions::store::end_all_for_account(&mut tx, account_id, now).await?;
    let devices = crate::devices::revoke_all_tokens(&mut tx, account_id, now).await?;
    let apps = crate::idp::store::revoke_all_for_account(&mut tx, account_id, now).await?;
    let details = json!({
        "delete_after": crate::text::format_time(delete_after),
        "sessions_ended": sessions,
        "device_tokens_revoked": devices,
        "app_token_families_revoked": apps,
    });
    audit::record(
        &mut tx,
        now,
        account_id,
        Kind::AccountClosing,
        client,
        details,
    )
    .await?;
    let notice = Message::AccountClosing {
        at: crate::text::stamp(now),
        delete_on: crate::text::stamp(delete_after),
    };
    outbox::to_verified_aliases(&mut tx, now, account_id, &notice).await?;
    tx.commit().await?;
    tracing::info!(%account_id, "account closing");
    Ok(Closed::Until(delete_after))
}

/// Reopens the account an offer names, in the caller's transaction (which then signs the
/// person in): false when it is no longer closing.
pub async fn reopen(
    conn: &mut PgConnection,
    now: OffsetDateTime,
    offer: &ReopenOffer,
    client: &ClientInfo,
) -> sqlx::Result<bool> {
    if !store::reopen(conn, offer.account_id).await? {
        return Ok(false);
    }
    let details = json!({ "method": offer.method });
    audit::record(
        conn,
        now,
        offer.account_id,
        Kind::AccountReopened,
        client,
        details,
    )
    .await?;
    let notice = Message::AccountReopened {
        at: crate::text::stamp(now),
    };
    outbox::to_verified_aliases(conn, now, offer.account_id, &notice).await?;
    Ok(true)
}

/// Deletes for good the accounts whose grace period ended, and forgets address holds that
/// ended. Answers how many accounts were deleted.
pub async fn purge(conn: &mut PgConnection, now: OffsetDateTime) -> sqlx::Result<u64> {
    let mut tx = sqlx::Connection::begin(&mut *conn).await?;
    let due = store::due(&mut tx, now).await?;
    let held_until = now + crate::aliases::rules::HOLD_AFTER_REMOVAL;
    for account in &due {
        store::delete_for_good(&mut tx, account, now, held_until).await?;
        tracing::info!(account_id = %account.id, "a closed account was deleted for good");
    }
    store::prune_holds(&mut tx, now).await?;
    tx.commit().await?;
    Ok(due.len() as u64)
}
