//! Every query about devices: here those of the pages and of their management, in
//! [`agent`] those of the agent's endpoints. Functions take a connection, so the caller
//! owns the transaction.

pub mod agent;

use portico_wire::report::Specs;
use sqlx::types::Json;
use sqlx::{PgConnection, PgPool};
use time::OffsetDateTime;
use uuid::Uuid;

use super::LOCATIONS_KEPT;

#[derive(Debug)]
pub struct DeviceRow {
    pub id: Uuid,
    pub name: String,
    pub location_enabled: bool,
    pub manufacturer: Option<String>,
    pub model: Option<String>,
    pub os: Option<String>,
    pub os_edition: Option<String>,
    pub os_version: Option<String>,
    pub os_build: Option<String>,
    pub architecture: Option<String>,
    pub agent_version: Option<String>,
    pub license_status: Option<i16>,
    pub license_status_reason: Option<String>,
    pub grace_minutes: Option<i32>,
    pub channel: Option<String>,
    pub partial_key: Option<String>,
    pub linked_at: OffsetDateTime,
    pub last_seen_at: Option<OffsetDateTime>,
    /// It holds a digital license of the account.
    pub digital_license: bool,
    pub hardware_changed_at: Option<OffsetDateTime>,
    /// `own`, `generic` or `kms_client`: see the migration that added it.
    pub key_kind: Option<String>,
    pub specs: Option<Json<Specs>>,
    pub specs_at: Option<OffsetDateTime>,
    /// A license it reports or holds is also reported on another account.
    pub license_conflict: bool,
    /// The person lets it back up its BitLocker recovery keys.
    pub backup_recovery_keys: bool,
    pub share_hardware: bool,
}

/// The account's PCs as the pages show them, newest activity first; `only` narrows the
/// list to one (the device page), in the same query, so the two pages cannot disagree.
pub async fn device_rows(
    conn: &mut PgConnection,
    account_id: Uuid,
    only: Option<Uuid>,
) -> sqlx::Result<Vec<DeviceRow>> {
    sqlx::query_as!(
        DeviceRow,
        r#"select id, coalesce(custom_name, name) as "name!", location_enabled, manufacturer, model,
                os, os_edition, os_version, os_build, architecture, agent_version, license_status,
                license_status_reason, grace_minutes, channel, partial_key, linked_at, last_seen_at,
                exists (select 1 from license_assignments a join licenses l on l.id = a.license_id
                        where a.device_id = devices.id and a.ended_at is null
                          and l.kind = 'digital') as "digital_license!",
                hardware_changed_at, key_kind, specs as "specs: Json<Specs>", specs_at,
                exists (select 1 from license_sightings s
                        where s.other_account
                          and (s.device_id = devices.id
                               or s.license_id in (select a.license_id from license_assignments a
                                                   where a.device_id = devices.id
                                                     and a.ended_at is null)))
                    as "license_conflict!",
                backup_recovery_keys, share_hardware
         from devices
         where account_id = $1 and removed_at is null and ($2::uuid is null or id = $2)
         order by last_seen_at desc nulls last, linked_at desc"#,
        account_id,
        only
    )
    .fetch_all(conn)
    .await
}

/// The name one of the account's PCs shows (its own, or the one it reported).
pub async fn own_device_name(
    db: impl sqlx::PgExecutor<'_>,
    account_id: Uuid,
    id: Uuid,
) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar!(
        r#"select coalesce(custom_name, name) as "name!" from devices
         where id = $1 and account_id = $2 and removed_at is null"#,
        id,
        account_id
    )
    .fetch_optional(db)
    .await
}

/// A PC's fixes of the last [`LOCATIONS_KEPT`], newest first, at most `limit`:
/// (latitude, longitude, accuracy in metres, when).
pub async fn recent_locations(
    conn: &mut PgConnection,
    id: Uuid,
    since: OffsetDateTime,
    limit: i64,
) -> sqlx::Result<Vec<(f64, f64, f64, OffsetDateTime)>> {
    Ok(sqlx::query!(
        "select latitude, longitude, accuracy_m, observed_at from device_locations
         where device_id = $1 and observed_at > $2 order by observed_at desc limit $3",
        id,
        since,
        limit
    )
    .fetch_all(conn)
    .await?
    .into_iter()
    .map(|r| (r.latitude, r.longitude, r.accuracy_m, r.observed_at))
    .collect())
}

/// One of a PC's recent reports, as its page lists them.
#[derive(Debug)]
pub struct ReportLine {
    pub received_at: OffsetDateTime,
    pub license_status: Option<i16>,
    pub channel: Option<String>,
}

/// A PC's last 20 reports, newest first.
pub async fn recent_reports(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Vec<ReportLine>> {
    sqlx::query_as!(
        ReportLine,
        "select received_at, license_status, channel from device_reports
         where device_id = $1 order by received_at desc limit 20",
        id
    )
    .fetch_all(conn)
    .await
}

pub async fn rename(pool: &PgPool, id: Uuid, name: &str) -> sqlx::Result<()> {
    sqlx::query!(
        "update devices set custom_name = $2 where id = $1",
        id,
        name
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// Hardware details and specifications shared or not; off forgets what was kept of them.
pub async fn set_hardware(conn: &mut PgConnection, id: Uuid, on: bool) -> sqlx::Result<()> {
    sqlx::query!(
        "update devices set share_hardware = $2,
             manufacturer = case when $2 then manufacturer end,
             model = case when $2 then model end,
             specs = case when $2 then specs end,
             specs_at = case when $2 then specs_at end,
             hardware_signals = case when $2 then hardware_signals else '{}' end
         where id = $1",
        id,
        on
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Find my device on or off; off forgets every location of the PC.
pub async fn set_location(conn: &mut PgConnection, id: Uuid, on: bool) -> sqlx::Result<()> {
    sqlx::query!(
        "update devices set location_enabled = $2 where id = $1",
        id,
        on
    )
    .execute(&mut *conn)
    .await?;
    if !on {
        forget_locations(conn, id).await?;
    }
    Ok(())
}

/// The PC leaves its account: its tokens stop at once, its locations are forgotten.
pub async fn remove(conn: &mut PgConnection, id: Uuid, now: OffsetDateTime) -> sqlx::Result<()> {
    sqlx::query!(
        "update devices set removed_at = $2, location_enabled = false,
                            backup_recovery_keys = false
         where id = $1",
        id,
        now
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "update device_tokens set revoked_at = $2 where device_id = $1 and revoked_at is null",
        id,
        now
    )
    .execute(&mut *conn)
    .await?;
    forget_locations(conn, id).await
}

/// Find my device turned off or the PC removed: no location of it is kept.
async fn forget_locations(conn: &mut PgConnection, device: Uuid) -> sqlx::Result<()> {
    sqlx::query!("delete from device_locations where device_id = $1", device)
        .execute(conn)
        .await?;
    Ok(())
}

#[derive(Debug)]
pub struct Found {
    pub id: Uuid,
    pub hostname: Option<String>,
    pub model: Option<String>,
    pub os: Option<String>,
}

/// The live request waiting for the person under `code`, locked until the transaction ends
/// (so that two approvals cannot both take it).
pub async fn waiting(
    conn: &mut PgConnection,
    code: &str,
    now: OffsetDateTime,
) -> sqlx::Result<Option<Found>> {
    sqlx::query_as!(
        Found,
        "select id, hostname, model, os from device_authorizations
         where user_code = $1 and status = 'pending' and expires_at > $2 for update",
        code,
        now
    )
    .fetch_optional(conn)
    .await
}

/// A PC about to join its account.
#[derive(Debug)]
pub struct NewDevice<'a> {
    pub id: Uuid,
    pub account_id: Uuid,
    pub name: &'a str,
    pub model: Option<&'a str>,
    pub os: Option<&'a str>,
    pub location_enabled: bool,
    pub backup_recovery_keys: bool,
}

/// The person approved link request `request`: the PC joins the account, and the request
/// waits for its agent to fetch the device token.
pub async fn approve(
    conn: &mut PgConnection,
    request: Uuid,
    new: &NewDevice<'_>,
    now: OffsetDateTime,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into devices (id, account_id, name, model, os, location_enabled,
                              backup_recovery_keys, linked_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8)",
        new.id,
        new.account_id,
        new.name,
        new.model,
        new.os,
        new.location_enabled,
        new.backup_recovery_keys,
        now
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "update device_authorizations
         set status = 'approved', account_id = $2, device_id = $3, decided_at = $4
         where id = $1",
        request,
        new.account_id,
        new.id,
        now
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn deny(conn: &mut PgConnection, request: Uuid, now: OffsetDateTime) -> sqlx::Result<()> {
    sqlx::query!(
        "update device_authorizations set status = 'denied', decided_at = $2 where id = $1",
        request,
        now
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Revokes every device token of the account ("Secure my account"): its PCs stay listed but
/// must be linked again to report.
pub async fn revoke_all_tokens(
    conn: &mut PgConnection,
    account_id: Uuid,
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
    let reports = sqlx::query!(
        "delete from device_reports where received_at < $1",
        now - super::REPORTS_KEPT
    )
    .execute(&mut *conn)
    .await?;
    Ok(requests.rows_affected() + locations.rows_affected() + reports.rows_affected())
}
