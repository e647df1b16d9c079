//! Signing keys, shared by every instance.

use sqlx::{PgConnection, PgExecutor};
use time::OffsetDateTime;

/// A signing key as stored.
#[derive(Debug, Clone)]
pub struct KeyRow {
    pub kid: String,
    pub alg: String,
    pub public_jwk: serde_json::Value,
    pub private_key: Vec<u8>,
    pub seal_key_id: i16,
    pub signs_from: OffsetDateTime,
    pub signs_until: OffsetDateTime,
    pub published_until: OffsetDateTime,
}

/// Whether any client asks for ID tokens signed with `alg`.
pub async fn some_client_uses(db: impl PgExecutor<'_>, alg: &str) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        "select exists (select 1 from oidc_clients where signing_alg = $1) as \"exists!\"",
        alg
    )
    .fetch_one(db)
    .await
}

/// Serialises key creation between instances, for the transaction's life.
pub async fn lock_keys(conn: &mut PgConnection) -> sqlx::Result<()> {
    sqlx::query!("select pg_advisory_xact_lock(hashtext('portico/oidc_signing_keys'))")
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn published_keys(
    conn: &mut PgConnection,
    now: OffsetDateTime,
) -> sqlx::Result<Vec<KeyRow>> {
    sqlx::query_as!(
        KeyRow,
        "select kid, alg, public_jwk, private_key, seal_key_id, signs_from, signs_until,
                published_until
         from oidc_signing_keys where published_until > $1 order by signs_from",
        now
    )
    .fetch_all(conn)
    .await
}

pub async fn insert_key(
    conn: &mut PgConnection,
    key: &KeyRow,
    now: OffsetDateTime,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into oidc_signing_keys
            (kid, alg, public_jwk, private_key, seal_key_id, created_at, signs_from, signs_until,
             published_until)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        key.kid,
        key.alg,
        key.public_jwk,
        key.private_key,
        key.seal_key_id,
        now.min(key.signs_from),
        key.signs_from,
        key.signs_until,
        key.published_until
    )
    .execute(conn)
    .await?;
    Ok(())
}
