//! The provider's SQL: clients, signing keys, requests, grants, subjects, codes and tokens.

use sqlx::{PgConnection, PgExecutor};
use time::OffsetDateTime;
use uuid::Uuid;

use super::config::Client;
use super::rules::{Alg, SubjectType};

/// A client row, turned into a [`Client`] (rows the checks would refuse are skipped).
struct ClientRow {
    id: String,
    name: String,
    secret_hash: Option<Vec<u8>>,
    redirect_uris: Vec<String>,
    post_logout_redirect_uris: Vec<String>,
    scopes: Vec<String>,
    first_party: bool,
    subject_type: String,
    signing_alg: String,
    from_config: bool,
}

impl ClientRow {
    fn into_client(self) -> Option<(Client, bool)> {
        let secret_hash = match self.secret_hash {
            Some(bytes) => Some(<[u8; 32]>::try_from(bytes).ok()?),
            None => None,
        };
        let client = Client {
            id: self.id,
            name: self.name,
            secret_hash,
            redirect_uris: self.redirect_uris,
            post_logout_redirect_uris: self.post_logout_redirect_uris,
            scopes: self.scopes,
            first_party: self.first_party,
            subject_type: SubjectType::parse(&self.subject_type)?,
            signing_alg: Alg::parse(&self.signing_alg)?,
        };
        Some((client, self.from_config))
    }
}

pub async fn client(db: impl PgExecutor<'_>, id: &str) -> sqlx::Result<Option<Client>> {
    let row = sqlx::query_as!(
        ClientRow,
        "select id, name, secret_hash, redirect_uris, post_logout_redirect_uris, scopes,
                first_party, subject_type, signing_alg, from_config
         from oidc_clients where id = $1",
        id
    )
    .fetch_optional(db)
    .await?;
    Ok(row.and_then(ClientRow::into_client).map(|(c, _)| c))
}

/// Every client, with whether it comes from the configuration file.
pub async fn clients(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<(Client, bool)>> {
    let rows = sqlx::query_as!(
        ClientRow,
        "select id, name, secret_hash, redirect_uris, post_logout_redirect_uris, scopes,
                first_party, subject_type, signing_alg, from_config
         from oidc_clients order by id"
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(ClientRow::into_client)
        .collect())
}

/// Writes a client (`from_config` says whose it is), replacing one of the same id.
pub async fn put_client(
    conn: &mut PgConnection,
    client: &Client,
    from_config: bool,
    now: OffsetDateTime,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into oidc_clients
            (id, name, secret_hash, redirect_uris, post_logout_redirect_uris, scopes, first_party,
             subject_type, signing_alg, from_config, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         on conflict (id) do update set
            name = excluded.name, secret_hash = excluded.secret_hash,
            redirect_uris = excluded.redirect_uris,
            post_logout_redirect_uris = excluded.post_logout_redirect_uris,
            scopes = excluded.scopes, first_party = excluded.first_party,
            subject_type = excluded.subject_type, signing_alg = excluded.signing_alg,
            from_config = excluded.from_config",
        client.id,
        client.name,
        client.secret_hash.map(|h| h.to_vec()),
        &client.redirect_uris,
        &client.post_logout_redirect_uris,
        &client.scopes,
        client.first_party,
        client.subject_type.as_str(),
        client.signing_alg.as_str(),
        from_config,
        now
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Removes the clients from the configuration file that it no longer lists (their grants
/// and tokens go with them).
pub async fn remove_config_clients_except(
    conn: &mut PgConnection,
    keep: &[String],
) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "delete from oidc_clients where from_config and not (id = any($1))",
        keep
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

pub async fn remove_client(conn: &mut PgConnection, id: &str) -> sqlx::Result<bool> {
    let done = sqlx::query!("delete from oidc_clients where id = $1", id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn set_client_secret(
    conn: &mut PgConnection,
    id: &str,
    hash: [u8; 32],
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update oidc_clients set secret_hash = $2 where id = $1 and secret_hash is not null",
        id,
        hash.to_vec()
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

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

/// An authorization request waiting for the person.
#[derive(Debug, Clone)]
pub struct RequestRow {
    pub id: Uuid,
    pub client_id: String,
    pub redirect_uri: String,
    pub scopes: Vec<String>,
    pub state: Option<String>,
    pub nonce: Option<String>,
    pub code_challenge: Option<String>,
    pub prompt: Vec<String>,
    pub max_age: Option<i32>,
    pub login_hint: Option<String>,
    pub ui_locales: Option<String>,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
}

pub async fn insert_request(db: impl PgExecutor<'_>, r: &RequestRow) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into oidc_requests
            (id, client_id, redirect_uri, scopes, state, nonce, code_challenge, prompt, max_age,
             login_hint, ui_locales, created_at, expires_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        r.id,
        r.client_id,
        r.redirect_uri,
        &r.scopes,
        r.state,
        r.nonce,
        r.code_challenge,
        &r.prompt,
        r.max_age,
        r.login_hint,
        r.ui_locales,
        r.created_at,
        r.expires_at
    )
    .execute(db)
    .await?;
    Ok(())
}

pub async fn request(
    db: impl PgExecutor<'_>,
    id: Uuid,
    now: OffsetDateTime,
) -> sqlx::Result<Option<RequestRow>> {
    sqlx::query_as!(
        RequestRow,
        "select id, client_id, redirect_uri, scopes, state, nonce, code_challenge, prompt, max_age,
                login_hint, ui_locales, created_at, expires_at
         from oidc_requests where id = $1 and expires_at > $2",
        id,
        now
    )
    .fetch_optional(db)
    .await
}

/// Ends a request once answered (a code or an error), so that it is answered once.
pub async fn finish_request(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<bool> {
    let done = sqlx::query!("delete from oidc_requests where id = $1", id)
        .execute(db)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// When and how an account session was last proved.
pub async fn session_proof(
    db: impl PgExecutor<'_>,
    session_id: Uuid,
) -> sqlx::Result<Option<(OffsetDateTime, Option<String>)>> {
    let row = sqlx::query!(
        "select coalesce(authenticated_at, created_at) as \"at!\", auth_method
         from account_sessions where id = $1 and ended_at is null",
        session_id
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| (r.at, r.auth_method)))
}

pub async fn last_choice(
    db: impl PgExecutor<'_>,
    browser_session_id: Uuid,
    client_id: &str,
) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar!(
        "select account_id from oidc_choices where browser_session_id = $1 and client_id = $2",
        browser_session_id,
        client_id
    )
    .fetch_optional(db)
    .await
}

pub async fn remember_choice(
    db: impl PgExecutor<'_>,
    browser_session_id: Uuid,
    client_id: &str,
    account_id: Uuid,
    now: OffsetDateTime,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into oidc_choices (browser_session_id, client_id, account_id, chosen_at)
         values ($1, $2, $3, $4)
         on conflict (browser_session_id, client_id)
         do update set account_id = excluded.account_id, chosen_at = excluded.chosen_at",
        browser_session_id,
        client_id,
        account_id,
        now
    )
    .execute(db)
    .await?;
    Ok(())
}

pub async fn granted_scopes(
    db: impl PgExecutor<'_>,
    account_id: Uuid,
    client_id: &str,
) -> sqlx::Result<Option<Vec<String>>> {
    sqlx::query_scalar!(
        "select scopes from oidc_grants where account_id = $1 and client_id = $2",
        account_id,
        client_id
    )
    .fetch_optional(db)
    .await
}

/// Records consent to `scopes` (added to what was given before).
pub async fn grant(
    db: impl PgExecutor<'_>,
    account_id: Uuid,
    client_id: &str,
    scopes: &[String],
    now: OffsetDateTime,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into oidc_grants (account_id, client_id, scopes, consented_at, last_used_at)
         values ($1, $2, $3, $4, $4)
         on conflict (account_id, client_id) do update set
            scopes = array(select distinct unnest(oidc_grants.scopes || excluded.scopes)),
            consented_at = excluded.consented_at",
        account_id,
        client_id,
        scopes,
        now
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Marks the app as used now (a grant is made for first-party apps too, so that "Apps and
/// services" lists them).
pub async fn used(
    db: impl PgExecutor<'_>,
    account_id: Uuid,
    client_id: &str,
    scopes: &[String],
    now: OffsetDateTime,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into oidc_grants (account_id, client_id, scopes, consented_at, last_used_at)
         values ($1, $2, $3, $4, $4)
         on conflict (account_id, client_id) do update set last_used_at = excluded.last_used_at",
        account_id,
        client_id,
        scopes,
        now
    )
    .execute(db)
    .await?;
    Ok(())
}

/// The account's subject for `sector`, made on first use.
pub async fn subject(
    conn: &mut PgConnection,
    account_id: Uuid,
    sector: &str,
    fresh: &str,
) -> sqlx::Result<String> {
    sqlx::query_scalar!(
        "with made as (
            insert into oidc_subjects (account_id, sector, subject) values ($1, $2, $3)
            on conflict (account_id, sector) do nothing returning subject)
         select subject as \"subject!\" from made
         union all
         select subject from oidc_subjects where account_id = $1 and sector = $2",
        account_id,
        sector,
        fresh
    )
    .fetch_one(conn)
    .await
}

/// A code as issued.
#[derive(Debug, Clone)]
pub struct CodeRow {
    pub client_id: String,
    pub account_id: Uuid,
    pub account_session_id: Option<Uuid>,
    pub redirect_uri: String,
    pub scopes: Vec<String>,
    pub nonce: Option<String>,
    pub code_challenge: Option<String>,
    pub auth_time: OffsetDateTime,
    pub auth_method: Option<String>,
    pub expires_at: OffsetDateTime,
    pub used_at: Option<OffsetDateTime>,
    pub family_id: Option<Uuid>,
}

pub async fn insert_code(
    db: impl PgExecutor<'_>,
    hash: &[u8; 32],
    code: &CodeRow,
    now: OffsetDateTime,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into oidc_codes
            (code_hash, client_id, account_id, account_session_id, redirect_uri, scopes, nonce,
             code_challenge, auth_time, auth_method, created_at, expires_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        hash.as_slice(),
        code.client_id,
        code.account_id,
        code.account_session_id,
        code.redirect_uri,
        &code.scopes,
        code.nonce,
        code.code_challenge,
        code.auth_time,
        code.auth_method,
        now,
        code.expires_at
    )
    .execute(db)
    .await?;
    Ok(())
}

/// The code, locked for the exchange.
pub async fn code_for_exchange(
    conn: &mut PgConnection,
    hash: &[u8; 32],
) -> sqlx::Result<Option<CodeRow>> {
    sqlx::query_as!(
        CodeRow,
        "select client_id, account_id, account_session_id, redirect_uri, scopes, nonce,
                code_challenge, auth_time, auth_method, expires_at, used_at, family_id
         from oidc_codes where code_hash = $1 for update",
        hash.as_slice()
    )
    .fetch_optional(conn)
    .await
}

pub async fn mark_code_used(
    conn: &mut PgConnection,
    hash: &[u8; 32],
    family_id: Option<Uuid>,
    now: OffsetDateTime,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update oidc_codes set used_at = $2, family_id = coalesce($3, family_id) where code_hash = $1",
        hash.as_slice(),
        now,
        family_id
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// What a family of tokens was issued for.
#[derive(Debug, Clone)]
pub struct FamilyRow {
    pub id: Uuid,
    pub client_id: String,
    pub account_id: Uuid,
    pub account_session_id: Option<Uuid>,
    pub scopes: Vec<String>,
    pub auth_time: OffsetDateTime,
    pub auth_method: Option<String>,
    pub expires_at: OffsetDateTime,
    pub revoked_at: Option<OffsetDateTime>,
}

pub async fn insert_family(
    conn: &mut PgConnection,
    f: &FamilyRow,
    now: OffsetDateTime,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into oidc_token_families
            (id, client_id, account_id, account_session_id, scopes, auth_time, auth_method,
             created_at, expires_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        f.id,
        f.client_id,
        f.account_id,
        f.account_session_id,
        &f.scopes,
        f.auth_time,
        f.auth_method,
        now,
        f.expires_at
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn revoke_family(
    db: impl PgExecutor<'_>,
    id: Uuid,
    now: OffsetDateTime,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update oidc_token_families set revoked_at = coalesce(revoked_at, $2) where id = $1",
        id,
        now
    )
    .execute(db)
    .await?;
    Ok(())
}

pub async fn insert_access_token(
    conn: &mut PgConnection,
    hash: &[u8; 32],
    family_id: Uuid,
    expires_at: OffsetDateTime,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into oidc_access_tokens (token_hash, family_id, expires_at) values ($1, $2, $3)",
        hash.as_slice(),
        family_id,
        expires_at
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn insert_refresh_token(
    conn: &mut PgConnection,
    hash: &[u8; 32],
    family_id: Uuid,
    now: OffsetDateTime,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into oidc_refresh_tokens (token_hash, family_id, created_at) values ($1, $2, $3)",
        hash.as_slice(),
        family_id,
        now
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// A refresh token and its family, locked for rotation.
#[derive(Debug, Clone)]
pub struct RefreshRow {
    pub used_at: Option<OffsetDateTime>,
    pub family: FamilyRow,
}

pub async fn refresh_token(
    conn: &mut PgConnection,
    hash: &[u8; 32],
) -> sqlx::Result<Option<RefreshRow>> {
    let row = sqlx::query!(
        "select r.used_at, f.id, f.client_id, f.account_id, f.account_session_id, f.scopes,
                f.auth_time, f.auth_method, f.expires_at, f.revoked_at
         from oidc_refresh_tokens r join oidc_token_families f on f.id = r.family_id
         where r.token_hash = $1 for update of r, f",
        hash.as_slice()
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| RefreshRow {
        used_at: r.used_at,
        family: FamilyRow {
            id: r.id,
            client_id: r.client_id,
            account_id: r.account_id,
            account_session_id: r.account_session_id,
            scopes: r.scopes,
            auth_time: r.auth_time,
            auth_method: r.auth_method,
            expires_at: r.expires_at,
            revoked_at: r.revoked_at,
        },
    }))
}

pub async fn mark_refresh_used(
    conn: &mut PgConnection,
    hash: &[u8; 32],
    now: OffsetDateTime,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update oidc_refresh_tokens set used_at = $2 where token_hash = $1",
        hash.as_slice(),
        now
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The family behind a live access token (unexpired, family not revoked).
pub async fn access_token(
    db: impl PgExecutor<'_>,
    hash: &[u8; 32],
    now: OffsetDateTime,
) -> sqlx::Result<Option<FamilyRow>> {
    sqlx::query_as!(
        FamilyRow,
        "select f.id, f.client_id, f.account_id, f.account_session_id, f.scopes, f.auth_time,
                f.auth_method, f.expires_at, f.revoked_at
         from oidc_access_tokens t join oidc_token_families f on f.id = t.family_id
         where t.token_hash = $1 and t.expires_at > $2 and f.revoked_at is null",
        hash.as_slice(),
        now
    )
    .fetch_optional(db)
    .await
}

/// The family of a token of either kind held by `client_id`, for revocation.
pub async fn family_of_token(
    db: impl PgExecutor<'_>,
    hash: &[u8; 32],
    client_id: &str,
) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar!(
        "select f.id as \"id!\" from oidc_token_families f
         where f.client_id = $2 and f.id in (
            select family_id from oidc_refresh_tokens where token_hash = $1
            union all
            select family_id from oidc_access_tokens where token_hash = $1)",
        hash.as_slice(),
        client_id
    )
    .fetch_optional(db)
    .await
}

/// What the claims of an account say.
#[derive(Debug, Clone)]
pub struct ClaimsRow {
    pub display_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// The account's name, and its primary verified email and phone (or the oldest verified
/// ones when the primary alias is of the other kind).
pub async fn claims(db: impl PgExecutor<'_>, account_id: Uuid) -> sqlx::Result<Option<ClaimsRow>> {
    sqlx::query_as!(
        ClaimsRow,
        "select a.display_name,
            (select value from aliases where account_id = a.id and kind = 'email'
               and verified_at is not null order by is_primary desc, created_at limit 1) as email,
            (select value from aliases where account_id = a.id and kind = 'phone'
               and verified_at is not null order by is_primary desc, created_at limit 1) as phone
         from accounts a where a.id = $1 and a.status = 'active'",
        account_id
    )
    .fetch_optional(db)
    .await
}

/// Forgets what has expired: requests, codes, and token families past their life.
pub async fn prune(conn: &mut PgConnection, now: OffsetDateTime) -> sqlx::Result<u64> {
    let requests = sqlx::query!("delete from oidc_requests where expires_at <= $1", now)
        .execute(&mut *conn)
        .await?
        .rows_affected();
    let codes = sqlx::query!(
        "delete from oidc_codes where expires_at <= $1",
        // Kept a day past their minute, so that a late replay still revokes what they issued.
        now - time::Duration::days(1)
    )
    .execute(&mut *conn)
    .await?
    .rows_affected();
    let families = sqlx::query!(
        "delete from oidc_token_families where expires_at <= $1",
        now
    )
    .execute(&mut *conn)
    .await?
    .rows_affected();
    let tokens = sqlx::query!("delete from oidc_access_tokens where expires_at <= $1", now)
        .execute(&mut *conn)
        .await?
        .rows_affected();
    Ok(requests + codes + families + tokens)
}

/// An app the account has let in, as "Apps and services" lists it.
#[derive(Debug, Clone)]
pub struct AppRow {
    pub client_id: String,
    pub name: String,
    pub scopes: Vec<String>,
    pub consented_at: OffsetDateTime,
    pub last_used_at: OffsetDateTime,
}

pub async fn apps(db: impl PgExecutor<'_>, account_id: Uuid) -> sqlx::Result<Vec<AppRow>> {
    sqlx::query_as!(
        AppRow,
        "select g.client_id, c.name, g.scopes, g.consented_at, g.last_used_at
         from oidc_grants g join oidc_clients c on c.id = g.client_id
         where g.account_id = $1 order by g.last_used_at desc",
        account_id
    )
    .fetch_all(db)
    .await
}

/// Ends every app's tokens for the account (an operator disabled it).
pub async fn revoke_all_for_account(
    conn: &mut PgConnection,
    account_id: Uuid,
    now: OffsetDateTime,
) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "update oidc_token_families set revoked_at = $2 where account_id = $1 and revoked_at is null",
        account_id,
        now
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// Removes the app's access: its grant, and every token family it holds for the account.
/// Answers the app's name, or `None` if it had no access.
pub async fn remove_access(
    conn: &mut PgConnection,
    account_id: Uuid,
    client_id: &str,
    now: OffsetDateTime,
) -> sqlx::Result<Option<String>> {
    let name = sqlx::query_scalar!(
        "with gone as (
            delete from oidc_grants where account_id = $1 and client_id = $2 returning client_id)
         select c.name from oidc_clients c join gone on gone.client_id = c.id",
        account_id,
        client_id
    )
    .fetch_optional(&mut *conn)
    .await?;
    sqlx::query!(
        "update oidc_token_families set revoked_at = $3
         where account_id = $1 and client_id = $2 and revoked_at is null",
        account_id,
        client_id,
        now
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "delete from oidc_choices where account_id = $1 and client_id = $2",
        account_id,
        client_id
    )
    .execute(&mut *conn)
    .await?;
    Ok(name)
}
