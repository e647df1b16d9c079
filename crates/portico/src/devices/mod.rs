//! PCs linked to an account: linking through the device authorization grant (RFC 8628),
//! then the reports of their agents.

pub mod activation;
pub mod grant;
pub mod link;
pub mod manage;
pub mod openapi;
pub mod pages;
pub mod report;
pub mod user_code;

use sqlx::PgConnection;
use time::OffsetDateTime;

/// A field a report may not carry as it is: which, and why (the problem's `detail`).
#[derive(Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub why: &'static str,
}

/// Revokes every device token of the account ("Secure my account"): its PCs stay listed but
/// must be linked again to report.
pub async fn revoke_all_tokens(
    conn: &mut PgConnection,
    account_id: uuid::Uuid,
    now: OffsetDateTime,
) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "update device_tokens set revoked_at = $2
         where revoked_at is null
           and device_id in (select id from devices where account_id = $1)",
        account_id,
        now
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// How long a location is kept.
pub const LOCATIONS_KEPT: time::Duration = time::Duration::days(30);

/// Forgets link requests nobody finished (a day after they expired) and locations older
/// than [`LOCATIONS_KEPT`].
pub async fn prune(conn: &mut PgConnection, now: OffsetDateTime) -> sqlx::Result<u64> {
    let requests = sqlx::query!(
        "delete from device_authorizations where expires_at < $1",
        now - time::Duration::days(1)
    )
    .execute(&mut *conn)
    .await?;
    let locations = sqlx::query!(
        "delete from device_locations where received_at < $1",
        now - LOCATIONS_KEPT
    )
    .execute(&mut *conn)
    .await?;
    Ok(requests.rows_affected() + locations.rows_affected())
}
