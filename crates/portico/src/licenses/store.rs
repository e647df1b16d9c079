//! Every query about licenses. Functions take a connection, so the caller owns the
//! transaction.

use sqlx::PgConnection;
use time::OffsetDateTime;
use uuid::Uuid;

/// A license as reports created it.
#[derive(Debug)]
pub struct NewLicense<'a> {
    pub account_id: Uuid,
    pub fingerprint: &'a [u8],
    /// The secret key's id (`crypto::KeyId`) the fingerprint was made with.
    pub keyed_with: &'a [u8],
    /// `digital` or `key`.
    pub kind: &'a str,
    pub key_last5: Option<&'a str>,
    pub product: &'a str,
    pub edition: &'a str,
    pub channel: &'a str,
    pub source: &'a str,
}

/// A license found by its fingerprint.
#[derive(Debug)]
pub struct Found {
    pub id: Uuid,
    pub account_id: Uuid,
    pub fingerprint: Vec<u8>,
    pub keyed_with: Option<Vec<u8>>,
}

/// The license known by one of `fingerprints` (one per configured secret key) and its
/// account, locked for the report's transaction.
pub async fn by_fingerprints(
    conn: &mut PgConnection,
    fingerprints: &[Vec<u8>],
) -> sqlx::Result<Option<Found>> {
    sqlx::query_as!(
        Found,
        "select id, account_id, fingerprint, keyed_with from licenses
         where fingerprint = any($1) limit 1 for update",
        fingerprints
    )
    .fetch_optional(conn)
    .await
}

/// Keys the license's fingerprint again with the secret key `keyed_with` names.
pub async fn rekey(
    conn: &mut PgConnection,
    id: Uuid,
    fingerprint: &[u8],
    keyed_with: &[u8],
) -> sqlx::Result<()> {
    sqlx::query!(
        "update licenses set fingerprint = $2, keyed_with = $3 where id = $1",
        id,
        fingerprint,
        keyed_with
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn insert(
    conn: &mut PgConnection,
    id: Uuid,
    new: &NewLicense<'_>,
    now: OffsetDateTime,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into licenses (id, account_id, fingerprint, kind, key_last5, product, edition,
                               channel, source, linked_at, keyed_with)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        id,
        new.account_id,
        new.fingerprint,
        new.kind,
        new.key_last5,
        new.product,
        new.edition,
        new.channel,
        new.source,
        now,
        new.keyed_with
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Gives the license to the device from `now` on (the caller ended any current assignment).
pub async fn assign(
    conn: &mut PgConnection,
    license_id: Uuid,
    device_id: Uuid,
    now: OffsetDateTime,
    reason: &str,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into license_assignments (id, license_id, device_id, assigned_at, reason)
         values ($1, $2, $3, $4, $5)",
        Uuid::now_v7(),
        license_id,
        device_id,
        now,
        reason
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The device holding the license now, if any.
pub async fn holder(conn: &mut PgConnection, license_id: Uuid) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar!(
        "select device_id from license_assignments where license_id = $1 and ended_at is null",
        license_id
    )
    .fetch_optional(conn)
    .await
}

/// Records that `device_id` reports the license it does not hold.
pub async fn record_sighting(
    conn: &mut PgConnection,
    license_id: Uuid,
    device_id: Uuid,
    now: OffsetDateTime,
    other_account: bool,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into license_sightings (license_id, device_id, first_seen_at, last_seen_at, other_account)
         values ($1, $2, $3, $3, $4)
         on conflict (license_id, device_id) do update set last_seen_at = excluded.last_seen_at",
        license_id,
        device_id,
        now,
        other_account
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// One license of an account with the PC holding it.
#[derive(Debug)]
pub struct Held {
    pub id: Uuid,
    pub kind: String,
    pub key_last5: Option<String>,
    pub product: String,
    pub edition: String,
    pub channel: String,
    pub holder: Option<String>,
    pub holder_id: Option<Uuid>,
    pub hardware_changed: bool,
}

/// The account's licenses, oldest first, with their holders.
pub async fn of_account(conn: &mut PgConnection, account_id: Uuid) -> sqlx::Result<Vec<Held>> {
    sqlx::query_as!(
        Held,
        r#"select l.id, l.kind, l.key_last5, l.product, l.edition, l.channel,
                h.name as "holder?", h.id as "holder_id?",
                coalesce(h.hardware_changed_at is not null, false) as "hardware_changed!"
         from licenses l
         left join lateral (
             select d.id, coalesce(d.custom_name, d.name) as name, d.hardware_changed_at
             from license_assignments a join devices d on d.id = a.device_id
             where a.license_id = l.id and a.ended_at is null
         ) h on true
         where l.account_id = $1 order by l.linked_at"#,
        account_id
    )
    .fetch_all(conn)
    .await
}

/// One stretch of a license on a PC.
#[derive(Debug)]
pub struct Assignment {
    pub license_id: Uuid,
    pub device: String,
    pub assigned_at: OffsetDateTime,
    pub ended_at: Option<OffsetDateTime>,
    pub reason: String,
}

/// Where the account's licenses have been, oldest first.
pub async fn history(conn: &mut PgConnection, account_id: Uuid) -> sqlx::Result<Vec<Assignment>> {
    sqlx::query_as!(
        Assignment,
        r#"select a.license_id, coalesce(d.custom_name, d.name) as "device!", a.assigned_at,
                  a.ended_at, a.reason
         from license_assignments a join licenses l on l.id = a.license_id
         join devices d on d.id = a.device_id
         where l.account_id = $1 order by a.assigned_at"#,
        account_id
    )
    .fetch_all(conn)
    .await
}

/// A PC reporting a license it does not hold.
#[derive(Debug)]
pub struct Sighting {
    pub license_id: Uuid,
    pub device: String,
    pub other_account: bool,
}

/// The account's licenses reported by PCs that do not hold them.
pub async fn sightings(conn: &mut PgConnection, account_id: Uuid) -> sqlx::Result<Vec<Sighting>> {
    sqlx::query_as!(
        Sighting,
        r#"select s.license_id, coalesce(d.custom_name, d.name) as "device!", s.other_account
         from license_sightings s join licenses l on l.id = s.license_id
         join devices d on d.id = s.device_id
         where l.account_id = $1 and d.removed_at is null"#,
        account_id
    )
    .fetch_all(conn)
    .await
}

/// Another account's license that one of this account's PCs reports.
#[derive(Debug)]
pub struct Foreign {
    pub product: String,
    pub edition: String,
    pub device: String,
}

pub async fn foreign(conn: &mut PgConnection, account_id: Uuid) -> sqlx::Result<Vec<Foreign>> {
    sqlx::query_as!(
        Foreign,
        r#"select l.product, l.edition, coalesce(d.custom_name, d.name) as "device!"
         from license_sightings s join licenses l on l.id = s.license_id
         join devices d on d.id = s.device_id
         where d.account_id = $1 and d.removed_at is null and s.other_account"#,
        account_id
    )
    .fetch_all(conn)
    .await
}

/// The account's PCs a license could move to: (id, name), oldest first.
pub async fn devices(
    conn: &mut PgConnection,
    account_id: Uuid,
) -> sqlx::Result<Vec<(Uuid, String)>> {
    Ok(sqlx::query!(
        r#"select id, coalesce(custom_name, name) as "name!" from devices
         where account_id = $1 and removed_at is null order by linked_at"#,
        account_id
    )
    .fetch_all(conn)
    .await?
    .into_iter()
    .map(|r| (r.id, r.name))
    .collect())
}

/// The license's channel, product and edition, locked, if it is the account's.
pub async fn lock_own(
    conn: &mut PgConnection,
    license_id: Uuid,
    account_id: Uuid,
) -> sqlx::Result<Option<(String, String, String)>> {
    Ok(sqlx::query!(
        "select channel, product, edition from licenses where id = $1 and account_id = $2 for update",
        license_id,
        account_id
    )
    .fetch_optional(conn)
    .await?
    .map(|r| (r.channel, r.product, r.edition)))
}

/// When the license moved after a hardware change since `since`, oldest first.
pub async fn moves_since(
    conn: &mut PgConnection,
    license_id: Uuid,
    since: OffsetDateTime,
) -> sqlx::Result<Vec<OffsetDateTime>> {
    sqlx::query_scalar!(
        "select assigned_at from license_assignments
         where license_id = $1 and reason = 'hardware_change' and assigned_at > $2
         order by assigned_at",
        license_id,
        since
    )
    .fetch_all(conn)
    .await
}

/// Whether the account's PC `device_id` reported new hardware that no move has settled.
pub async fn hardware_changed(conn: &mut PgConnection, device_id: Uuid) -> sqlx::Result<bool> {
    Ok(sqlx::query_scalar!(
        "select hardware_changed_at from devices where id = $1",
        device_id
    )
    .fetch_optional(conn)
    .await?
    .flatten()
    .is_some())
}

/// Moves the license to `target`: the current assignment ends, a new one begins, the PC no
/// longer just sees it, and neither it nor the PC the license leaves reads as changed
/// hardware any more (the move settled that change).
pub async fn move_to(
    conn: &mut PgConnection,
    license_id: Uuid,
    target: Uuid,
    now: OffsetDateTime,
) -> sqlx::Result<()> {
    let from = holder(conn, license_id).await?;
    sqlx::query!(
        "update license_assignments set ended_at = $2, end_reason = 'hardware_change'
         where license_id = $1 and ended_at is null",
        license_id,
        now
    )
    .execute(&mut *conn)
    .await?;
    assign(conn, license_id, target, now, "hardware_change").await?;
    sqlx::query!(
        "delete from license_sightings where license_id = $1 and device_id = $2",
        license_id,
        target
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "update devices set hardware_changed_at = null where id = $1 or id = $2",
        target,
        from
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}
