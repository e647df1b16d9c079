//! The passkeys' SQL: each account's passkeys, its WebAuthn user handle, and the ceremonies
//! between their start and their finish.

use sqlx::PgConnection;
use sqlx::types::Json;
use time::OffsetDateTime;
use uuid::Uuid;
use webauthn_rs::prelude::Passkey;

/// The random id authenticators keep for the account, made the first time it is needed.
pub async fn user_handle(conn: &mut PgConnection, account_id: Uuid) -> sqlx::Result<Uuid> {
    sqlx::query_scalar!(
        r#"update accounts set webauthn_user_handle = coalesce(webauthn_user_handle, $2)
           where id = $1 returning webauthn_user_handle as "handle!""#,
        account_id,
        Uuid::new_v4()
    )
    .fetch_one(conn)
    .await
}

/// The account a user handle names.
pub async fn account_of_handle(
    conn: &mut PgConnection,
    handle: Uuid,
) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar!(
        "select id from accounts where webauthn_user_handle = $1 and status in ('active', 'closing')",
        handle
    )
    .fetch_optional(conn)
    .await
}

/// A passkey as the Security page lists it.
#[derive(Debug, Clone)]
pub struct PasskeyRow {
    pub id: Uuid,
    pub name: String,
    pub created_at: OffsetDateTime,
    pub last_used_at: Option<OffsetDateTime>,
    pub backup_eligible: bool,
}

/// The account's credentials, for a confirmation or to exclude at registration.
pub async fn credentials(conn: &mut PgConnection, account_id: Uuid) -> sqlx::Result<Vec<Passkey>> {
    let rows = sqlx::query_scalar!(
        r#"select passkey as "passkey: Json<Passkey>" from passkeys where account_id = $1"#,
        account_id
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|Json(p)| p).collect())
}

/// A stored credential found by its id, with its row, locked for the sign-in's update.
#[derive(Debug)]
pub struct Found {
    pub id: Uuid,
    pub account_id: Uuid,
    pub passkey: Passkey,
}

pub async fn by_credential_for_update(
    conn: &mut PgConnection,
    credential_id: &[u8],
) -> sqlx::Result<Option<Found>> {
    let row = sqlx::query!(
        r#"select id, account_id, passkey as "passkey: Json<Passkey>" from passkeys
           where credential_id = $1 for update"#,
        credential_id
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| Found {
        id: r.id,
        account_id: r.account_id,
        passkey: r.passkey.0,
    }))
}

/// A new passkey, after its registration ceremony.
#[derive(Debug)]
pub struct NewPasskey<'a> {
    pub account_id: Uuid,
    pub passkey: &'a Passkey,
    pub name: &'a str,
    pub backup_eligible: bool,
    pub backup_state: bool,
}

/// Inserts it; `None` when its credential is already registered (here or to another account).
pub async fn insert(
    conn: &mut PgConnection,
    now: OffsetDateTime,
    new: &NewPasskey<'_>,
) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar!(
        "insert into passkeys (id, account_id, credential_id, passkey, name, backup_eligible,
                               backup_state, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8)
         on conflict (credential_id) do nothing returning id",
        Uuid::now_v7(),
        new.account_id,
        new.passkey.cred_id().as_slice(),
        Json(new.passkey) as _,
        new.name,
        new.backup_eligible,
        new.backup_state,
        now
    )
    .fetch_optional(conn)
    .await
}

/// After a sign-in or a confirmation: the credential as the library updated it (counter,
/// backup state) and when it was used.
pub async fn used(
    conn: &mut PgConnection,
    now: OffsetDateTime,
    id: Uuid,
    passkey: &Passkey,
    backup_state: bool,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update passkeys set passkey = $2, backup_state = $3, last_used_at = $4 where id = $1",
        id,
        Json(passkey) as _,
        backup_state,
        now
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn count(conn: &mut PgConnection, account_id: Uuid) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"select count(*) as "n!" from passkeys where account_id = $1"#,
        account_id
    )
    .fetch_one(conn)
    .await
}

/// Renames the account's passkey `id`; whether there was one.
pub async fn rename(
    conn: &mut PgConnection,
    account_id: Uuid,
    id: Uuid,
    name: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update passkeys set name = $3 where id = $1 and account_id = $2",
        id,
        account_id,
        name
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Deletes the account's passkey `id`: its name, when there was one.
pub async fn remove(
    conn: &mut PgConnection,
    account_id: Uuid,
    id: Uuid,
) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar!(
        "delete from passkeys where id = $1 and account_id = $2 returning name",
        id,
        account_id
    )
    .fetch_optional(conn)
    .await
}

/// What a ceremony is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Register,
    SignIn,
    Confirm,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Self::Register => "register",
            Self::SignIn => "sign_in",
            Self::Confirm => "confirm",
        }
    }
}

/// Keeps a ceremony's state until `expires_at`.
pub async fn start_ceremony(
    conn: &mut PgConnection,
    now: OffsetDateTime,
    kind: Kind,
    account_id: Option<Uuid>,
    state: &serde_json::Value,
    expires_at: OffsetDateTime,
) -> sqlx::Result<Uuid> {
    let id = Uuid::new_v4();
    sqlx::query!(
        "insert into passkey_ceremonies (id, kind, account_id, state, created_at, expires_at)
         values ($1, $2, $3, $4, $5, $6)",
        id,
        kind.as_str(),
        account_id,
        state,
        now,
        expires_at
    )
    .execute(conn)
    .await?;
    Ok(id)
}

/// Takes the ceremony `id` of this kind and account (used once: it is deleted), if it has
/// not expired.
pub async fn take_ceremony(
    conn: &mut PgConnection,
    now: OffsetDateTime,
    id: Uuid,
    kind: Kind,
    account_id: Option<Uuid>,
) -> sqlx::Result<Option<serde_json::Value>> {
    sqlx::query_scalar!(
        "delete from passkey_ceremonies
         where id = $1 and kind = $2 and account_id is not distinct from $3 and expires_at > $4
         returning state",
        id,
        kind.as_str(),
        account_id,
        now
    )
    .fetch_optional(conn)
    .await
}

/// Forgets ceremonies nobody finished.
pub async fn prune(conn: &mut PgConnection, now: OffsetDateTime) -> sqlx::Result<u64> {
    Ok(
        sqlx::query!("delete from passkey_ceremonies where expires_at <= $1", now)
            .execute(conn)
            .await?
            .rows_affected(),
    )
}
