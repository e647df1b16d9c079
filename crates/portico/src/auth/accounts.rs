//! Creating accounts and finding them by alias.

use sqlx::PgConnection;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::contact::Destination;

#[derive(Debug, thiserror::Error)]
pub enum CreateError {
    /// Another account verified this address first.
    #[error("the address belongs to another account")]
    AliasTaken,
    #[error("{0}")]
    Database(#[source] sqlx::Error),
}

impl From<sqlx::Error> for CreateError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::Database(db) if db.constraint() == Some("aliases_verified_normalized") => {
                Self::AliasTaken
            }
            _ => Self::Database(e),
        }
    }
}

/// An account with no alias yet (one made through an OpenID provider); answers its id. It
/// speaks the language of the page it was made on.
pub async fn insert(
    conn: &mut PgConnection,
    now: OffsetDateTime,
    display_name: &str,
    password_hash: Option<&str>,
) -> sqlx::Result<Uuid> {
    let id = Uuid::now_v7();
    sqlx::query!(
        "insert into accounts (id, display_name, password_hash, created_at, language) values ($1, $2, $3, $4, $5)",
        id,
        display_name,
        password_hash,
        now,
        crate::i18n::current().tag()
    )
        .execute(&mut *conn)
        .await?;
    Ok(id)
}

/// Creates an account whose first alias, just proved, is verified, primary and allowed
/// for sign-in.
pub async fn create(
    conn: &mut PgConnection,
    now: OffsetDateTime,
    display_name: &str,
    password_hash: Option<&str>,
    alias: &Destination,
) -> Result<Uuid, CreateError> {
    let id = insert(conn, now, display_name, password_hash).await?;
    sqlx::query!(
        "insert into aliases (id, account_id, kind, value, normalized, readable, verified_at, is_primary, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, true, $7)",
        Uuid::now_v7(),
        id,
        alias.kind(),
        alias.address(),
        alias.normalized(),
        alias.readable(),
        now
    )
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

/// The account a verified alias belongs to, if any.
pub async fn find_by_verified_alias(
    conn: &mut PgConnection,
    alias: &Destination,
) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar!(
        "select account_id from aliases where normalized = $1 and verified_at is not null",
        alias.normalized()
    )
    .fetch_optional(conn)
    .await
}

/// What sign-in needs to know about the account behind a typed alias.
#[derive(Debug, Clone)]
pub struct SignInCandidate {
    pub account_id: Uuid,
    pub password_hash: Option<String>,
    /// The alias is verified, allowed for sign-in, and its account is active.
    pub usable: bool,
}

/// The account a verified alias belongs to, with what sign-in checks.
pub async fn find_for_sign_in(
    conn: &mut PgConnection,
    alias: &Destination,
) -> sqlx::Result<Option<SignInCandidate>> {
    sqlx::query_as!(
        SignInCandidate,
        r#"select a.id as account_id, a.password_hash,
                (l.sign_in_allowed and a.status in ('active', 'closing')) as "usable!"
         from aliases l join accounts a on a.id = l.account_id
         where l.normalized = $1 and l.verified_at is not null"#,
        alias.normalized()
    )
    .fetch_optional(conn)
    .await
}

/// Replaces a password hash made with older parameters.
/// Whether the account has a password (a passwordless one sets one, rather than changes it).
pub async fn has_password(conn: &mut PgConnection, account_id: Uuid) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        r#"select password_hash is not null as "has!" from accounts where id = $1"#,
        account_id
    )
    .fetch_optional(conn)
    .await
    .map(|has| has.unwrap_or(false))
}

/// The account goes passwordless: it signs in with a passkey, or a code to an alias.
pub async fn remove_password(conn: &mut PgConnection, account_id: Uuid) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update accounts set password_hash = null where id = $1 and password_hash is not null",
        account_id
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn update_password_hash(
    conn: &mut PgConnection,
    account_id: Uuid,
    hash: &str,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update accounts set password_hash = $2 where id = $1",
        account_id,
        hash
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The account's name and its verified aliases (where notices go), in one query.
pub async fn name_and_verified_aliases(
    conn: &mut PgConnection,
    account_id: Uuid,
) -> sqlx::Result<(String, Vec<Destination>)> {
    let rows = sqlx::query!(
        r#"select a.display_name, l.kind as "kind?", l.value as "value?" from accounts a
         left join aliases l on l.account_id = a.id and l.verified_at is not null
         where a.id = $1"#,
        account_id
    )
    .fetch_all(conn)
    .await?;
    let name = rows
        .first()
        .map(|r| r.display_name.clone())
        .unwrap_or_default();
    let aliases = rows
        .into_iter()
        .filter_map(|r| Destination::from_stored(r.kind.as_deref()?, r.value.as_deref()?))
        .collect();
    Ok((name, aliases))
}

/// The account's password hash; `None` when it has no password (or no longer exists).
pub async fn password_hash(
    conn: &mut PgConnection,
    account_id: Uuid,
) -> sqlx::Result<Option<String>> {
    let found: Option<Option<String>> = sqlx::query_scalar!(
        "select password_hash from accounts where id = $1 and status = 'active'",
        account_id
    )
    .fetch_optional(conn)
    .await?;
    Ok(found.flatten())
}

/// Changes the account's display name.
pub async fn rename(conn: &mut PgConnection, account_id: Uuid, name: &str) -> sqlx::Result<()> {
    sqlx::query!(
        "update accounts set display_name = $2 where id = $1",
        account_id,
        name
    )
    .execute(conn)
    .await?;
    Ok(())
}
