//! The audit trail behind "Recent activity": every security-relevant event of an account,
//! with when, from which address and which browser. Kept [`RETENTION`].

pub mod describe;
pub mod page;

use serde_json::Value;
use sqlx::PgConnection;
use sqlx::types::ipnetwork::IpNetwork;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::http::client::ClientInfo;

/// How long events are kept.
pub const RETENTION: Duration = Duration::days(90);

/// What happened. Stored by name; the names are part of the data, so never rename one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    AccountCreated,
    SignIn,
    SignInFailed,
    Reauthenticated,
    PasswordChanged,
    PasswordReset,
    NameChanged,
    SignedOut,
    SessionEnded,
    OtherSessionsEnded,
    AccountSecured,
    AliasAdded,
    AliasRemoved,
    AliasMadePrimary,
    AliasSignInChanged,
    ChangeUndone,
    IdentityLinked,
    IdentityUnlinked,
    ProviderFailed,
    DeviceLinked,
    DeviceLocation,
    DeviceRemoved,
    LicenseMoved,
    /// Backing up a PC's BitLocker recovery keys turned on or off.
    RecoveryKeysBackup,
    /// A BitLocker recovery key was shown.
    RecoveryKeyShown,
    RecoveryKeyDeleted,
    PasswordRemoved,
    PasskeyAdded,
    PasskeyRemoved,
    /// A passkey's signature counter went backwards: refused as a possible copy.
    PasskeyCloned,
    /// An app signed in with the account (Portico as OpenID Provider).
    AppSignIn,
    /// The person removed an app's access.
    AppAccessRemoved,
    /// An operator disabled the account (`portico admin accounts disable`).
    AccountDisabled,
    AccountEnabled,
    /// An operator ended every session (`portico admin accounts end-sessions`).
    SessionsEndedByOperator,
    /// An operator revoked a PC's tokens (`portico admin devices revoke`).
    DeviceRevokedByOperator,
    ResetSentByOperator,
    UnusualSignIn,
    AccountClosing,
    ExportRequested,
    ExportReady,
    ExportDownloaded,
    AccountReopened,
    NoticesChanged,
    DeviceHardwareSharing,
    UnusualSignInConfirmed,
    UnusualSignInDisowned,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::AccountCreated => "account_created",
            Self::SignIn => "sign_in",
            Self::SignInFailed => "sign_in_failed",
            Self::Reauthenticated => "reauthenticated",
            Self::PasswordChanged => "password_changed",
            Self::PasswordReset => "password_reset",
            Self::NameChanged => "name_changed",
            Self::SignedOut => "signed_out",
            Self::SessionEnded => "session_ended",
            Self::OtherSessionsEnded => "other_sessions_ended",
            Self::AccountSecured => "account_secured",
            Self::AliasAdded => "alias_added",
            Self::AliasRemoved => "alias_removed",
            Self::AliasMadePrimary => "alias_made_primary",
            Self::AliasSignInChanged => "alias_sign_in_changed",
            Self::ChangeUndone => "change_undone",
            Self::IdentityLinked => "identity_linked",
            Self::IdentityUnlinked => "identity_unlinked",
            Self::ProviderFailed => "provider_failed",
            Self::DeviceLinked => "device_linked",
            Self::DeviceLocation => "device_location",
            Self::DeviceRemoved => "device_removed",
            Self::LicenseMoved => "license_moved",
            Self::RecoveryKeysBackup => "recovery_keys_backup",
            Self::RecoveryKeyShown => "recovery_key_shown",
            Self::RecoveryKeyDeleted => "recovery_key_deleted",
            Self::PasswordRemoved => "password_removed",
            Self::PasskeyAdded => "passkey_added",
            Self::PasskeyRemoved => "passkey_removed",
            Self::PasskeyCloned => "passkey_cloned",
            Self::AppSignIn => "app_sign_in",
            Self::AppAccessRemoved => "app_access_removed",
            Self::AccountDisabled => "account_disabled",
            Self::AccountEnabled => "account_enabled",
            Self::SessionsEndedByOperator => "sessions_ended_by_operator",
            Self::DeviceRevokedByOperator => "device_revoked_by_operator",
            Self::ResetSentByOperator => "reset_sent_by_operator",
            Self::UnusualSignIn => "unusual_sign_in",
            Self::AccountClosing => "account_closing",
            Self::ExportRequested => "export_requested",
            Self::ExportReady => "export_ready",
            Self::ExportDownloaded => "export_downloaded",
            Self::AccountReopened => "account_reopened",
            Self::NoticesChanged => "notices_changed",
            Self::DeviceHardwareSharing => "device_hardware_sharing",
            Self::UnusualSignInConfirmed => "unusual_sign_in_confirmed",
            Self::UnusualSignInDisowned => "unusual_sign_in_disowned",
        }
    }
}

/// Writes one event, in the caller's transaction when there is one.
pub async fn record(
    conn: &mut PgConnection,
    now: OffsetDateTime,
    account_id: Uuid,
    kind: Kind,
    client: &ClientInfo,
    details: Value,
) -> sqlx::Result<()> {
    let method = details.get("method").and_then(Value::as_str).unwrap_or("");
    crate::http::metrics::count_event(kind.as_str(), method);
    sqlx::query!(
        "insert into audit_events (id, account_id, kind, at, ip, user_agent, details)
         values ($1, $2, $3, $4, $5, $6, $7)",
        Uuid::now_v7(),
        account_id,
        kind.as_str(),
        now,
        client.ip.map(IpNetwork::from),
        client.user_agent.as_deref(),
        details
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// One event as "Recent activity" lists it.
#[derive(Debug, Clone)]
pub struct Event {
    pub kind: String,
    pub at: OffsetDateTime,
    pub ip: Option<IpNetwork>,
    pub user_agent: Option<String>,
    pub details: Value,
}

/// The account's newest events within the retention period, newest first.
pub async fn recent(
    conn: &mut PgConnection,
    account_id: Uuid,
    now: OffsetDateTime,
    limit: i64,
) -> sqlx::Result<Vec<Event>> {
    sqlx::query_as!(
        Event,
        "select kind, at, ip, user_agent, details from audit_events
         where account_id = $1 and at > $2
         order by at desc, id desc limit $3",
        account_id,
        now - RETENTION,
        limit
    )
    .fetch_all(conn)
    .await
}

/// Forgets events older than the retention period.
pub async fn prune(conn: &mut PgConnection, now: OffsetDateTime) -> sqlx::Result<u64> {
    let done = sqlx::query!("delete from audit_events where at <= $1", now - RETENTION)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

/// The routes of Recent activity.
pub fn routes() -> axum::Router<crate::app::AppState> {
    use axum::Router;
    use axum::routing::get;
    Router::new().route("/u/{n}/activity", get(page::show))
}
