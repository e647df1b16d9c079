//! The agent endpoints' queries: the device authorization grant (RFC 8628) and the reports.
//! Each endpoint runs them in its one transaction, so every function takes the connection.

use sqlx::PgConnection;
use time::OffsetDateTime;
use uuid::Uuid;

use portico_wire::report::{Activation, Location, Report, Specs};

use crate::contact::Destination;
use crate::sessions::SessionToken;

/// A new link request, as the agent described its PC.
#[derive(Debug)]
pub struct NewAuthorization<'a> {
    pub device_code: &'a SessionToken,
    pub user_code: &'a str,
    pub client_id: &'a str,
    pub hostname: Option<String>,
    pub model: Option<String>,
    pub os: Option<String>,
    pub expires_at: OffsetDateTime,
    pub interval_secs: i32,
}

/// Whether `user_code` is already waiting for someone.
pub async fn user_code_waiting(conn: &mut PgConnection, user_code: &str) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        r#"select exists (select 1 from device_authorizations where user_code = $1 and status = 'pending') as "exists!""#,
        user_code
    )
    .fetch_one(conn)
    .await
}

pub async fn insert_authorization(
    conn: &mut PgConnection,
    now: OffsetDateTime,
    new: &NewAuthorization<'_>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into device_authorizations
             (id, device_code_hash, user_code, client_id, hostname, model, os, created_at,
              expires_at, interval_secs)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        Uuid::now_v7(),
        new.device_code.hash().to_vec(),
        new.user_code,
        new.client_id,
        new.hostname,
        new.model,
        new.os,
        now,
        new.expires_at,
        new.interval_secs
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// A link request as the token endpoint sees it.
#[derive(Debug, Clone)]
pub struct Authorization {
    pub id: Uuid,
    pub status: String,
    pub expires_at: OffsetDateTime,
    pub interval_secs: i32,
    pub last_polled_at: Option<OffsetDateTime>,
    pub device_id: Option<Uuid>,
    pub account_id: Option<Uuid>,
}

/// The request `device_code` names, locked until the poll's transaction ends.
pub async fn authorization_for_update(
    conn: &mut PgConnection,
    device_code: &SessionToken,
) -> sqlx::Result<Option<Authorization>> {
    sqlx::query_as!(
        Authorization,
        "select id, status, expires_at, interval_secs, last_polled_at, device_id, account_id
         from device_authorizations where device_code_hash = $1 for update",
        device_code.hash().to_vec()
    )
    .fetch_optional(conn)
    .await
}

pub async fn record_poll(
    conn: &mut PgConnection,
    id: Uuid,
    now: OffsetDateTime,
    interval_secs: i32,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update device_authorizations set last_polled_at = $2, interval_secs = $3 where id = $1",
        id,
        now,
        interval_secs
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Marks the approved request used and issues `token` for its device.
pub async fn exchange(
    conn: &mut PgConnection,
    now: OffsetDateTime,
    id: Uuid,
    device_id: Uuid,
    token: &SessionToken,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update device_authorizations set status = 'used' where id = $1",
        id
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "insert into device_tokens (token_hash, device_id, created_at) values ($1, $2, $3)",
        token.hash().to_vec(),
        device_id,
        now
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The account's name and primary alias, as the agent shows whom its PC is linked to.
pub async fn holder(
    conn: &mut PgConnection,
    account_id: Uuid,
) -> sqlx::Result<(String, Option<Destination>)> {
    let row = sqlx::query!(
        r#"select a.display_name, p.kind as "kind?", p.value as "value?" from accounts a
         left join aliases p on p.account_id = a.id and p.is_primary where a.id = $1"#,
        account_id
    )
    .fetch_one(conn)
    .await?;
    let primary = row
        .kind
        .zip(row.value)
        .and_then(|(k, v)| Destination::from_stored(&k, &v));
    Ok((row.display_name, primary))
}

/// Records report `report_id`; false when it was recorded before (the agent retried).
pub async fn record_report(
    conn: &mut PgConnection,
    now: OffsetDateTime,
    device_id: Uuid,
    report_id: Uuid,
    activation: Option<&Activation>,
) -> sqlx::Result<bool> {
    let inserted = sqlx::query!(
        "insert into device_reports (device_id, report_id, received_at, license_status, channel, partial_key)
         values ($1, $2, $3, $4, $5, $6) on conflict do nothing",
        device_id,
        report_id,
        now,
        activation.map(|a| i16::from(a.license_status)),
        activation.and_then(|a| a.channel.as_deref()),
        activation.and_then(|a| a.partial_key.as_deref())
    )
    .execute(conn)
    .await?
    .rows_affected();
    Ok(inserted == 1)
}

/// What the last report said of the PC's hardware and agent install, locked until the
/// report's transaction ends.
#[derive(Debug)]
pub struct Previous {
    pub hardware_signals: Vec<String>,
    pub install_id: Option<String>,
    pub backup_recovery_keys: bool,
    pub location_enabled: bool,
    pub share_hardware: bool,
}

pub async fn previous_for_update(
    conn: &mut PgConnection,
    device_id: Uuid,
) -> sqlx::Result<Previous> {
    sqlx::query_as!(
        Previous,
        "select hardware_signals, install_id, backup_recovery_keys, location_enabled,
                share_hardware
         from devices where id = $1 for update",
        device_id
    )
    .fetch_one(conn)
    .await
}

pub async fn mark_hardware_changed(
    conn: &mut PgConnection,
    device_id: Uuid,
    now: OffsetDateTime,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update devices set hardware_changed_at = $2 where id = $1",
        device_id,
        now
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The device's facts as `report` tells them: what it carries replaces what was known,
/// what it leaves out (an older agent, a source that failed this time) stays as it was.
/// `key_kind` is the kind of the key its license names, when it names one.
pub async fn update_facts(
    conn: &mut PgConnection,
    now: OffsetDateTime,
    device_id: Uuid,
    report: &Report,
    key_kind: Option<&str>,
) -> sqlx::Result<()> {
    let d = &report.device;
    let activation = report.activation.as_ref();
    sqlx::query!(
        "update devices set
             name = $2, manufacturer = coalesce($3, manufacturer), model = coalesce($4, model),
             os = coalesce($5, os), os_edition = coalesce($6, os_edition),
             os_version = coalesce($7, os_version), os_build = coalesce($8, os_build),
             architecture = coalesce($9, architecture), agent_version = $10, install_id = $11,
             license_status = case when $12 then $13 else license_status end,
             license_status_reason = case when $12 then $14 else license_status_reason end,
             grace_minutes = case when $12 then $15 else grace_minutes end,
             channel = case when $12 then $16 else channel end,
             partial_key = case when $12 then $17 else partial_key end,
             hardware_signals = case when cardinality($18::text[]) > 0 then $18
                                     else hardware_signals end,
             key_kind = coalesce($19, key_kind),
             specs = coalesce($21, specs),
             specs_at = case when $21::jsonb is null then specs_at else $20 end,
             last_seen_at = $20, last_report_at = $20
         where id = $1",
        device_id,
        d.name.trim(),
        d.manufacturer.as_deref(),
        d.model.as_deref(),
        d.os_name.as_deref(),
        d.os_edition.as_deref(),
        d.os_version.as_deref(),
        d.os_build.as_deref(),
        d.architecture.as_deref(),
        &report.agent.version,
        &report.agent.install_id,
        activation.is_some(),
        activation.map(|a| i16::from(a.license_status)),
        activation.and_then(|a| a.status_reason.as_deref()),
        activation
            .and_then(|a| a.grace_minutes)
            .and_then(|m| i32::try_from(m).ok()),
        activation.and_then(|a| a.channel.as_deref()),
        activation.and_then(|a| a.partial_key.as_deref()),
        &report.hardware_signals,
        key_kind,
        now,
        report.specs.as_ref().map(sqlx::types::Json) as Option<sqlx::types::Json<&Specs>>
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Keeps a reported location, only while the person has Find my device on for this PC.
pub async fn insert_location(
    conn: &mut PgConnection,
    now: OffsetDateTime,
    device_id: Uuid,
    at: &Location,
    observed: OffsetDateTime,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into device_locations (device_id, latitude, longitude, accuracy_m, observed_at, received_at)
         select id, $2, $3, $4, $5, $6 from devices where id = $1 and location_enabled",
        device_id,
        at.latitude,
        at.longitude,
        at.accuracy_m,
        observed,
        now
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The device and account a device token writes to, if it is known.
#[derive(Debug)]
pub struct TokenHolder {
    pub id: Uuid,
    pub account_id: Uuid,
    pub revoked: bool,
    pub removed: bool,
}

pub async fn token_holder(
    pool: &sqlx::PgPool,
    token: &SessionToken,
) -> sqlx::Result<Option<TokenHolder>> {
    sqlx::query_as!(
        TokenHolder,
        r#"select d.id, d.account_id, t.revoked_at is not null as "revoked!",
                  d.removed_at is not null as "removed!"
           from device_tokens t join devices d on d.id = t.device_id
           where t.token_hash = $1"#,
        token.hash().to_vec()
    )
    .fetch_optional(pool)
    .await
}
