//! Codes, token families, access and refresh tokens, the claims they carry, and pruning.

use sqlx::{PgConnection, PgExecutor};
use time::OffsetDateTime;
use uuid::Uuid;

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
