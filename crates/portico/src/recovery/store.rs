//! The recovery keys' SQL: the devices' consent, the sealed keys, and the rows the pages
//! list (never a password: a sealed one is read only to be shown).

use sqlx::PgConnection;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::crypto::Sealed;

/// Whether the person lets `device_id` back up its recovery keys.
pub async fn backs_up(conn: &mut PgConnection, device_id: Uuid) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        "select backup_recovery_keys from devices where id = $1",
        device_id
    )
    .fetch_optional(conn)
    .await
    .map(|on| on.unwrap_or(false))
}

/// Turns the backup on or off for the account's device; off deletes its keys. `None` when
/// the device is not the account's (or was removed); else how many keys were deleted.
pub async fn set_backup(
    conn: &mut PgConnection,
    account_id: Uuid,
    device_id: Uuid,
    on: bool,
) -> sqlx::Result<Option<u64>> {
    let updated = sqlx::query!(
        "update devices set backup_recovery_keys = $3
         where id = $1 and account_id = $2 and removed_at is null",
        device_id,
        account_id,
        on
    )
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if updated == 0 {
        return Ok(None);
    }
    if on {
        return Ok(Some(0));
    }
    forget_device(conn, device_id).await.map(Some)
}

/// Deletes every key of a device (consent withdrawn, or the device removed).
pub async fn forget_device(conn: &mut PgConnection, device_id: Uuid) -> sqlx::Result<u64> {
    Ok(
        sqlx::query!("delete from recovery_keys where device_id = $1", device_id)
            .execute(conn)
            .await?
            .rows_affected(),
    )
}

/// A key as a report names it, normalised, with its password sealed.
#[derive(Debug)]
pub struct Seen<'a> {
    pub volume: &'a str,
    pub protector_id: &'a str,
    pub sealed: &'a Sealed,
}

/// Records one key the PC holds now: a new row, or the known row seen again (back on the
/// PC if it had left, and sealed afresh under today's key, which is how stored keys move
/// to a new key version). Returns whether the key is new.
pub async fn record(
    conn: &mut PgConnection,
    now: OffsetDateTime,
    (account_id, device_id): (Uuid, Uuid),
    seen: &Seen<'_>,
) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        r#"insert into recovery_keys
             (id, account_id, device_id, volume, protector_id, seal_key_id, sealed_password,
              first_seen_at, last_seen_at)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $8)
           on conflict (device_id, protector_id) do update
             set volume = excluded.volume, seal_key_id = excluded.seal_key_id,
                 sealed_password = excluded.sealed_password, last_seen_at = excluded.last_seen_at,
                 removed_from_pc_at = null
           returning (xmax = 0) as "inserted!""#,
        Uuid::now_v7(),
        account_id,
        device_id,
        seen.volume,
        seen.protector_id,
        seen.sealed.key_id,
        &seen.sealed.bytes,
        now
    )
    .fetch_one(conn)
    .await
}

/// Marks the device's keys that are not among `present` as no longer on the PC.
pub async fn mark_gone(
    conn: &mut PgConnection,
    now: OffsetDateTime,
    device_id: Uuid,
    present: &[String],
) -> sqlx::Result<u64> {
    Ok(sqlx::query!(
        "update recovery_keys set removed_from_pc_at = $2
         where device_id = $1 and removed_from_pc_at is null and not (protector_id = any($3))",
        device_id,
        now,
        present
    )
    .execute(conn)
    .await?
    .rows_affected())
}

/// A backed-up key as the pages list it.
#[derive(Debug, Clone)]
pub struct KeyRow {
    pub id: Uuid,
    pub device: String,
    pub volume: String,
    pub protector_id: String,
    pub first_seen_at: OffsetDateTime,
    pub removed_from_pc_at: Option<OffsetDateTime>,
}

/// The account's keys, by device then volume.
pub async fn list(conn: &mut PgConnection, account_id: Uuid) -> sqlx::Result<Vec<KeyRow>> {
    sqlx::query_as!(
        KeyRow,
        r#"select k.id, coalesce(d.custom_name, d.name) as "device!", k.volume,
                  k.protector_id, k.first_seen_at, k.removed_from_pc_at
           from recovery_keys k join devices d on d.id = k.device_id
           where k.account_id = $1
           order by 3, k.volume, k.removed_from_pc_at nulls first, k.first_seen_at"#,
        account_id
    )
    .fetch_all(conn)
    .await
}

/// How many keys each of the account's devices has backed up.
pub async fn count_for_device(conn: &mut PgConnection, device_id: Uuid) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"select count(*) as "n!" from recovery_keys where device_id = $1"#,
        device_id
    )
    .fetch_one(conn)
    .await
}

/// A key with its sealed password, to be opened and shown.
#[derive(Debug)]
pub struct SealedKey {
    pub id: Uuid,
    pub device_id: Uuid,
    pub device: String,
    pub volume: String,
    pub protector_id: String,
    pub removed_from_pc_at: Option<OffsetDateTime>,
    pub seal_key_id: i16,
    pub sealed_password: Vec<u8>,
}

/// Which of the account's keys to open.
#[derive(Debug, Clone, Copy)]
pub enum Which<'a> {
    /// The key with this row id.
    Row(Uuid),
    /// The keys whose ID starts with these eight characters (the recovery screen's); the
    /// caller narrows by whatever more was typed.
    ScreenId(&'a str),
}

/// The account's keys `which` names, with their sealed passwords, oldest first.
pub async fn sealed(
    conn: &mut PgConnection,
    account_id: Uuid,
    which: Which<'_>,
) -> sqlx::Result<Vec<SealedKey>> {
    let (row, screen_id) = match which {
        Which::Row(id) => (Some(id), None),
        Which::ScreenId(first8) => (None, Some(first8)),
    };
    sqlx::query_as!(
        SealedKey,
        r#"select k.id, k.device_id, coalesce(d.custom_name, d.name) as "device!", k.volume,
                  k.protector_id, k.removed_from_pc_at, k.seal_key_id, k.sealed_password
           from recovery_keys k join devices d on d.id = k.device_id
           where k.account_id = $1 and ($2::uuid is null or k.id = $2)
             and ($3::text is null or substr(k.protector_id, 2, 8) = $3)
           order by k.first_seen_at"#,
        account_id,
        row,
        screen_id
    )
    .fetch_all(conn)
    .await
}

/// Deletes the account's key `id`: what it was, when there was one.
pub async fn delete(
    conn: &mut PgConnection,
    account_id: Uuid,
    id: Uuid,
) -> sqlx::Result<Option<(String, String)>> {
    let row = sqlx::query!(
        r#"delete from recovery_keys k using devices d
           where k.account_id = $1 and k.id = $2 and d.id = k.device_id
           returning coalesce(d.custom_name, d.name) as "device!", k.protector_id"#,
        account_id,
        id
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| (r.device, r.protector_id)))
}
