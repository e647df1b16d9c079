//! PCs linked to an account: linking through the device authorization grant (RFC 8628),
//! then the reports of their agents.

pub mod activation;
pub mod grant;
pub mod link;
pub mod pages;
pub mod report;
pub mod user_code;

use sqlx::PgConnection;
use time::OffsetDateTime;

/// Forgets link requests nobody finished, a day after they expired.
pub async fn prune(conn: &mut PgConnection, now: OffsetDateTime) -> sqlx::Result<u64> {
    let done = sqlx::query("delete from device_authorizations where expires_at < $1")
        .bind(now - time::Duration::days(1))
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}
