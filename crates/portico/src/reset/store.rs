//! The proved resets waiting for their new password (`password_resets`): only a hash of
//! each grant's token is kept.

use sqlx::PgConnection;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::sessions::SessionToken;

/// How long a proved reset waits for the new password.
pub const GRANT_LIFETIME: Duration = Duration::minutes(15);

/// A grant for `account_id` to choose a new password, valid [`GRANT_LIFETIME`].
pub async fn grant(
    conn: &mut PgConnection,
    account_id: Uuid,
    now: OffsetDateTime,
) -> sqlx::Result<SessionToken> {
    let token = SessionToken::generate();
    sqlx::query!(
        "insert into password_resets (token_hash, account_id, expires_at) values ($1, $2, $3)",
        token.hash().to_vec(),
        account_id,
        now + GRANT_LIFETIME
    )
    .execute(conn)
    .await?;
    Ok(token)
}

/// The account a live grant is for.
pub async fn granted(
    conn: &mut PgConnection,
    grant: &SessionToken,
    now: OffsetDateTime,
) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar!(
        "select account_id from password_resets where token_hash = $1 and expires_at > $2",
        grant.hash().to_vec(),
        now
    )
    .fetch_optional(conn)
    .await
}

/// Uses the grant up; false if it was used (or expired) meanwhile.
pub async fn use_grant(
    conn: &mut PgConnection,
    grant: &SessionToken,
    now: OffsetDateTime,
) -> sqlx::Result<bool> {
    let used = sqlx::query!(
        "delete from password_resets where token_hash = $1 and expires_at > $2",
        grant.hash().to_vec(),
        now
    )
    .execute(conn)
    .await?;
    Ok(used.rows_affected() == 1)
}
