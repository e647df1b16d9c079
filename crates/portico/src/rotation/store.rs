//! Every query of the re-keying job. Functions take a connection; each page of rows is
//! changed in its own statement, so a job stopped half-way keeps what it did.

use sqlx::PgConnection;
use uuid::Uuid;

/// Rows per page.
pub const PAGE: i64 = 200;

/// Stamps licenses made before `keyed_with` existed with the key that made them.
pub async fn stamp_unkeyed(conn: &mut PgConnection, key_id: &[u8]) -> sqlx::Result<u64> {
    Ok(sqlx::query!(
        "update licenses set keyed_with = $1 where keyed_with is null",
        key_id
    )
    .execute(conn)
    .await?
    .rows_affected())
}

/// Licenses not yet keyed with the current key.
pub async fn licenses_left(conn: &mut PgConnection, current: &[u8]) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"select count(*) as "n!" from licenses where keyed_with is distinct from $1"#,
        current
    )
    .fetch_one(conn)
    .await
}

/// A license tied to a device, with what its fingerprint is made of.
#[derive(Debug)]
pub struct DeviceLicense {
    pub id: Uuid,
    pub fingerprint: Vec<u8>,
    pub device_id: Uuid,
    pub product: String,
    pub edition: String,
}

/// A page of device-tied licenses keyed with `previous` (or not stamped yet), after
/// `after`, with the device they were first seen on (while that device is still there).
pub async fn device_licenses(
    conn: &mut PgConnection,
    previous: &[u8],
    after: Uuid,
) -> sqlx::Result<Vec<DeviceLicense>> {
    sqlx::query_as!(
        DeviceLicense,
        r#"select l.id, l.fingerprint, first.device_id as "device_id!", l.product, l.edition
           from licenses l
           join lateral (select a.device_id from license_assignments a
                         where a.license_id = l.id and a.reason = 'first_report'
                         order by a.assigned_at limit 1) first on true
           where l.kind = 'digital' and coalesce(l.keyed_with, $1) = $1 and l.id > $2
           order by l.id limit $3"#,
        previous,
        after,
        PAGE
    )
    .fetch_all(conn)
    .await
}

/// Keys a license again, unless it changed since it was read.
pub async fn rekey_license(
    conn: &mut PgConnection,
    id: Uuid,
    was: &[u8],
    fingerprint: &[u8],
    keyed_with: &[u8],
) -> sqlx::Result<bool> {
    Ok(sqlx::query!(
        "update licenses set fingerprint = $3, keyed_with = $4 where id = $1 and fingerprint = $2",
        id,
        was,
        fingerprint,
        keyed_with
    )
    .execute(conn)
    .await?
    .rows_affected()
        == 1)
}

/// A sealed BitLocker recovery password and what it is bound to.
#[derive(Debug)]
pub struct SealedRecoveryKey {
    pub id: Uuid,
    pub device_id: Uuid,
    pub protector_id: String,
    pub seal_key_id: i16,
    pub sealed_password: Vec<u8>,
}

pub async fn recovery_keys(
    conn: &mut PgConnection,
    after: Uuid,
) -> sqlx::Result<Vec<SealedRecoveryKey>> {
    sqlx::query_as!(
        SealedRecoveryKey,
        "select id, device_id, protector_id, seal_key_id, sealed_password from recovery_keys
         where id > $1 order by id limit $2",
        after,
        PAGE
    )
    .fetch_all(conn)
    .await
}

/// Replaces a sealed recovery password, unless it changed since it was read.
pub async fn reseal_recovery_key(
    conn: &mut PgConnection,
    id: Uuid,
    was: &[u8],
    seal_key_id: i16,
    sealed: &[u8],
) -> sqlx::Result<bool> {
    Ok(sqlx::query!(
        "update recovery_keys set seal_key_id = $3, sealed_password = $4
         where id = $1 and sealed_password = $2",
        id,
        was,
        seal_key_id,
        sealed
    )
    .execute(conn)
    .await?
    .rows_affected()
        == 1)
}

/// A sealed ID token signing key.
#[derive(Debug)]
pub struct SealedSigningKey {
    pub kid: String,
    pub seal_key_id: i16,
    pub private_key: Vec<u8>,
}

pub async fn signing_keys(conn: &mut PgConnection) -> sqlx::Result<Vec<SealedSigningKey>> {
    sqlx::query_as!(
        SealedSigningKey,
        "select kid, seal_key_id, private_key from oidc_signing_keys order by kid"
    )
    .fetch_all(conn)
    .await
}

/// Replaces a sealed signing key, unless it changed since it was read.
pub async fn reseal_signing_key(
    conn: &mut PgConnection,
    kid: &str,
    was: &[u8],
    seal_key_id: i16,
    sealed: &[u8],
) -> sqlx::Result<bool> {
    Ok(sqlx::query!(
        "update oidc_signing_keys set seal_key_id = $3, private_key = $4
         where kid = $1 and private_key = $2",
        kid,
        was,
        seal_key_id,
        sealed
    )
    .execute(conn)
    .await?
    .rows_affected()
        == 1)
}
