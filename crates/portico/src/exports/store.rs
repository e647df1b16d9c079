//! Every query of "Download your data". Functions take a connection, so the caller owns the
//! transaction.

use serde_json::Value;
use sqlx::PgConnection;
use time::OffsetDateTime;
use uuid::Uuid;

/// An export as the privacy page shows it.
#[derive(Debug)]
pub struct Export {
    pub id: Uuid,
    pub state: String,
    pub requested_at: OffsetDateTime,
    pub expires_at: Option<OffsetDateTime>,
    pub size: Option<i32>,
    pub include_recovery_keys: bool,
}

/// The account's latest export, while it is waiting, building or downloadable.
pub async fn latest(
    conn: &mut PgConnection,
    account_id: Uuid,
    now: OffsetDateTime,
) -> sqlx::Result<Option<Export>> {
    sqlx::query_as!(
        Export,
        r#"select id, state, requested_at, expires_at, length(file) as size, include_recovery_keys
           from data_exports
           where account_id = $1 and (state <> 'ready' or expires_at > $2)
           order by requested_at desc, id desc limit 1"#,
        account_id,
        now
    )
    .fetch_optional(conn)
    .await
}

/// Asks for an export, unless one is already waiting or building.
pub async fn request(
    conn: &mut PgConnection,
    account_id: Uuid,
    now: OffsetDateTime,
    include_recovery_keys: bool,
) -> sqlx::Result<Option<Uuid>> {
    let id = Uuid::now_v7();
    let done = sqlx::query!(
        "insert into data_exports (id, account_id, requested_at, include_recovery_keys, state)
         select $1, $2, $3, $4, 'queued'
         where not exists (select 1 from data_exports where account_id = $2 and state <> 'ready')",
        id,
        account_id,
        now,
        include_recovery_keys
    )
    .execute(conn)
    .await?;
    Ok((done.rows_affected() == 1).then_some(id))
}

/// A request a worker took.
#[derive(Debug)]
pub struct Claimed {
    pub id: Uuid,
    pub account_id: Uuid,
    pub include_recovery_keys: bool,
}

/// Takes the oldest waiting request (or one whose worker's lease ran out).
pub async fn claim(
    conn: &mut PgConnection,
    now: OffsetDateTime,
    lease_until: OffsetDateTime,
) -> sqlx::Result<Option<Claimed>> {
    sqlx::query_as!(
        Claimed,
        "update data_exports set state = 'building', lease_until = $2
         where id = (select id from data_exports
                     where state = 'queued' or (state = 'building' and lease_until < $1)
                     order by requested_at limit 1 for update skip locked)
         returning id, account_id, include_recovery_keys",
        now,
        lease_until
    )
    .fetch_optional(conn)
    .await
}

/// Stores the built archive: ready until `expires_at`.
pub async fn finish(
    conn: &mut PgConnection,
    id: Uuid,
    file: &[u8],
    now: OffsetDateTime,
    expires_at: OffsetDateTime,
) -> sqlx::Result<bool> {
    Ok(sqlx::query!(
        "update data_exports set state = 'ready', file = $2, ready_at = $3, expires_at = $4,
             lease_until = null
         where id = $1 and state = 'building'",
        id,
        file,
        now,
        expires_at
    )
    .execute(conn)
    .await?
    .rows_affected()
        == 1)
}

/// The archive, for its owner, while it can be downloaded; counts the download.
pub async fn download(
    conn: &mut PgConnection,
    id: Uuid,
    account_id: Uuid,
    now: OffsetDateTime,
) -> sqlx::Result<Option<(Vec<u8>, OffsetDateTime)>> {
    Ok(sqlx::query!(
        r#"update data_exports set downloads = downloads + 1
           where id = $1 and account_id = $2 and state = 'ready' and expires_at > $3
           returning file as "file!", ready_at as "ready_at!""#,
        id,
        account_id,
        now
    )
    .fetch_optional(conn)
    .await?
    .map(|r| (r.file, r.ready_at)))
}

/// Forgets archives past their 7 days.
pub async fn prune(conn: &mut PgConnection, now: OffsetDateTime) -> sqlx::Result<u64> {
    Ok(
        sqlx::query!("delete from data_exports where expires_at < $1", now)
            .execute(conn)
            .await?
            .rows_affected(),
    )
}

/// The account's own data, one JSON document per kind (never a hash, code or token).
pub async fn account(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Value> {
    sqlx::query_scalar!(
        r#"select json_build_object(
                'id', id, 'name', display_name, 'created_at', created_at, 'status', status,
                'has_password', password_hash is not null,
                'security_notices_to',
                    case when notify_all_aliases then 'every verified address' else 'primary address' end
           ) as "v!" from accounts where id = $1"#,
        id
    )
    .fetch_one(conn)
    .await
}

pub async fn aliases(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Value> {
    sqlx::query_scalar!(
        r#"select coalesce(json_agg(json_build_object(
                'kind', kind, 'address', value, 'verified_at', verified_at, 'primary', is_primary,
                'signs_in', sign_in_allowed, 'added_at', created_at) order by created_at), '[]') as "v!"
           from aliases where account_id = $1"#,
        id
    )
    .fetch_one(conn)
    .await
}

pub async fn sessions(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Value> {
    sqlx::query_scalar!(
        r#"select coalesce(json_agg(json_build_object(
                'signed_in_at', created_at, 'last_seen_at', last_seen_at, 'ip', host(ip),
                'browser', user_agent, 'how', auth_method, 'ended_at', ended_at,
                'keep_signed_in', keep_signed_in) order by created_at), '[]') as "v!"
           from account_sessions where account_id = $1"#,
        id
    )
    .fetch_one(conn)
    .await
}

pub async fn devices(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Value> {
    sqlx::query_scalar!(
        r#"select coalesce(json_agg(json_build_object(
                'id', id, 'name', coalesce(custom_name, name), 'manufacturer', manufacturer,
                'model', model, 'os', os, 'edition', os_edition, 'version', os_version,
                'build', os_build, 'architecture', architecture, 'agent_version', agent_version,
                'linked_at', linked_at, 'last_seen_at', last_seen_at, 'removed_at', removed_at,
                'license_status', license_status, 'channel', channel,
                'partial_product_key', partial_key, 'specifications', specs,
                'shares_location', location_enabled, 'shares_hardware', share_hardware,
                'backs_up_recovery_keys', backup_recovery_keys) order by linked_at), '[]') as "v!"
           from devices where account_id = $1"#,
        id
    )
    .fetch_one(conn)
    .await
}

pub async fn reports(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Value> {
    sqlx::query_scalar!(
        r#"select coalesce(json_agg(json_build_object(
                'device', coalesce(d.custom_name, d.name), 'report_id', r.report_id,
                'received_at', r.received_at, 'license_status', r.license_status,
                'channel', r.channel, 'partial_product_key', r.partial_key)
                order by r.received_at), '[]') as "v!"
           from device_reports r join devices d on d.id = r.device_id where d.account_id = $1"#,
        id
    )
    .fetch_one(conn)
    .await
}

pub async fn licenses(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Value> {
    sqlx::query_scalar!(
        r#"select coalesce(json_agg(json_build_object(
                'product', l.product, 'edition', l.edition, 'channel', l.channel,
                'kind', l.kind, 'product_key_last5', l.key_last5, 'found_in', l.source,
                'linked_at', l.linked_at,
                'held_by', (select coalesce(json_agg(json_build_object(
                        'device', coalesce(d.custom_name, d.name), 'from', a.assigned_at,
                        'until', a.ended_at, 'why', a.reason, 'ended_because', a.end_reason)
                        order by a.assigned_at), '[]')
                    from license_assignments a join devices d on d.id = a.device_id
                    where a.license_id = l.id))
                order by l.linked_at), '[]') as "v!"
           from licenses l where l.account_id = $1"#,
        id
    )
    .fetch_one(conn)
    .await
}

pub async fn locations(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Value> {
    sqlx::query_scalar!(
        r#"select coalesce(json_agg(json_build_object(
                'device', coalesce(d.custom_name, d.name), 'latitude', l.latitude,
                'longitude', l.longitude, 'accuracy_m', l.accuracy_m,
                'observed_at', l.observed_at) order by l.observed_at), '[]') as "v!"
           from device_locations l join devices d on d.id = l.device_id where d.account_id = $1"#,
        id
    )
    .fetch_one(conn)
    .await
}

pub async fn identities(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Value> {
    sqlx::query_scalar!(
        r#"select coalesce(json_agg(json_build_object(
                'provider', provider_id, 'issuer', issuer, 'subject', subject, 'email', email,
                'linked_at', linked_at, 'last_used_at', last_used_at) order by linked_at), '[]') as "v!"
           from external_identities where account_id = $1"#,
        id
    )
    .fetch_one(conn)
    .await
}

pub async fn app_access(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Value> {
    sqlx::query_scalar!(
        r#"select coalesce(json_agg(json_build_object(
                'app', c.name, 'may_see', g.scopes, 'allowed_at', g.consented_at,
                'last_used_at', g.last_used_at) order by g.consented_at), '[]') as "v!"
           from oidc_grants g join oidc_clients c on c.id = g.client_id where g.account_id = $1"#,
        id
    )
    .fetch_one(conn)
    .await
}

/// A sealed recovery password and what it belongs to.
#[derive(Debug)]
pub struct SealedKey {
    pub device_id: Uuid,
    pub device: String,
    pub volume: String,
    pub protector_id: String,
    pub seal_key_id: i16,
    pub sealed_password: Vec<u8>,
    pub first_seen_at: OffsetDateTime,
    pub removed_from_pc_at: Option<OffsetDateTime>,
}

pub async fn recovery_keys(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Vec<SealedKey>> {
    sqlx::query_as!(
        SealedKey,
        r#"select k.device_id, coalesce(d.custom_name, d.name) as "device!", k.volume,
                  k.protector_id, k.seal_key_id, k.sealed_password, k.first_seen_at,
                  k.removed_from_pc_at
           from recovery_keys k join devices d on d.id = k.device_id
           where k.account_id = $1 order by k.first_seen_at"#,
        id
    )
    .fetch_all(conn)
    .await
}
