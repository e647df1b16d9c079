//! Sessions in PostgreSQL: one browser session per browser, holding up to ten signed-in
//! accounts. Every sign-in issues a new browser token (no fixation).

use std::net::IpAddr;

use sqlx::PgConnection;
use sqlx::types::ipnetwork::IpNetwork;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

pub use super::account::{AccountInBrowser, AliasRow, LookupRow, TOUCH_EVERY};
use crate::sessions::token::SessionToken;

/// Accounts one browser may hold at once.
pub const MAX_ACCOUNTS: i32 = 10;

/// How long sessions last (DESIGN §5 defaults).
#[derive(Debug, Clone, Copy)]
pub struct SessionPolicy {
    /// Idle expiry with "keep me signed in".
    pub idle_kept: Duration,
    /// Idle expiry without it (the cookie also ends with the browser).
    pub idle: Duration,
    pub absolute: Duration,
    pub elevation: Duration,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        Self {
            idle_kept: Duration::days(14),
            idle: Duration::hours(12),
            absolute: Duration::days(90),
            elevation: Duration::minutes(10),
        }
    }
}

/// Who signs in, and from where.
#[derive(Debug, Clone)]
pub struct SignIn {
    pub account_id: Uuid,
    pub keep_signed_in: bool,
    /// How the person proved it (`complete::Method`'s names): the session's `amr`.
    pub method: &'static str,
    pub ip: Option<IpAddr>,
    pub user_agent: Option<String>,
    /// The browser's mark, if it has one yet (`alerts::BrowserMark`).
    pub browser: Option<crate::alerts::BrowserMark>,
}

/// The outcome of a sign-in: the new cookie token and the account's `/u/N/` position.
#[derive(Debug)]
pub struct SignedInAt {
    pub token: SessionToken,
    pub position: i32,
    pub keep_signed_in: bool,
    /// The account session it opened.
    pub session_id: Uuid,
    /// A mark to give the browser, which had none.
    pub new_mark: Option<crate::alerts::BrowserMark>,
}

#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    #[error("this browser already holds {MAX_ACCOUNTS} accounts")]
    TooManyAccounts,
    /// The account is closing: the sign-in leads to the offer to reopen it, and nothing else.
    #[error("the account is closing")]
    Closing(Box<crate::closing::ReopenOffer>),
    #[error("{0}")]
    Database(#[from] sqlx::Error),
}

/// What the person reads when the browser holds [`MAX_ACCOUNTS`] already.
pub fn too_many_accounts_message() -> String {
    crate::i18n::t_with(
        "signin-too-many-accounts",
        &[("max", i64::from(MAX_ACCOUNTS).into())],
    )
}

/// Signs `who` in within the browser that holds `current` (if any), replacing the browser's
/// token. An account already signed in there is signed in afresh at its old position.
pub async fn sign_in(
    conn: &mut PgConnection,
    policy: &SessionPolicy,
    now: OffsetDateTime,
    current: Option<&SessionToken>,
    who: &SignIn,
) -> Result<SignedInAt, SignInError> {
    let token = SessionToken::generate();
    let existing: Option<Uuid> = match current {
        Some(old) => sqlx::query_scalar!(
            "update browser_sessions set token_hash = $2, rotated_at = $3 where token_hash = $1 returning id",
            old.hash().to_vec(),
            token.hash().to_vec(),
            now
        )
        .fetch_optional(&mut *conn)
        .await?,
        None => None,
    };
    let (browser_id, position) = match existing {
        Some(id) => (id, free_position(conn, id, who.account_id, now).await?),
        // A new browser holds nobody yet: the first position, with no lookups.
        None => {
            let id = Uuid::now_v7();
            sqlx::query!(
                "insert into browser_sessions (id, token_hash, created_at, rotated_at) values ($1, $2, $3, $3)",
                id,
                token.hash().to_vec(),
                now
            )
            .execute(&mut *conn)
            .await?;
            (id, 0)
        }
    };
    let idle = if who.keep_signed_in {
        policy.idle_kept
    } else {
        policy.idle
    };
    let session_id = Uuid::now_v7();
    sqlx::query!(
        "insert into account_sessions
            (id, browser_session_id, account_id, position, keep_signed_in, created_at, last_seen_at,
             idle_expires_at, absolute_expires_at, elevated_until, ip, user_agent,
             authenticated_at, auth_method)
         values ($1, $2, $3, $4, $5, $6, $6, $7, $8, $9, $10, $11, $6, $12)",
        session_id,
        browser_id,
        who.account_id,
        position,
        who.keep_signed_in,
        now,
        now + idle,
        now + policy.absolute,
        now + policy.elevation,
        who.ip.map(IpNetwork::from),
        who.user_agent
            .as_deref()
            .map(|ua| ua.chars().take(400).collect::<String>()),
        who.method,
    )
    .execute(&mut *conn)
    .await?;
    Ok(SignedInAt {
        token,
        position,
        keep_signed_in: who.keep_signed_in,
        session_id,
        new_mark: None,
    })
}

/// The position an account signing in takes in an existing browser session: its own if it
/// was already there (that session ends), else the first one free. Expired accounts free
/// theirs.
async fn free_position(
    conn: &mut PgConnection,
    browser_id: Uuid,
    account_id: Uuid,
    now: OffsetDateTime,
) -> Result<i32, SignInError> {
    let previous: Option<i32> = sqlx::query_scalar!(
        "update account_sessions set ended_at = $3
         where browser_session_id = $1 and ended_at is null
           and (account_id = $2 or idle_expires_at <= $3 or absolute_expires_at <= $3)
         returning position",
        browser_id,
        account_id,
        now
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .next();
    let taken: Vec<i32> = sqlx::query_scalar!(
        "select position from account_sessions where browser_session_id = $1 and ended_at is null",
        browser_id
    )
    .fetch_all(&mut *conn)
    .await?;
    previous
        .filter(|p| !taken.contains(p))
        .or_else(|| (0..MAX_ACCOUNTS).find(|p| !taken.contains(p)))
        .ok_or(SignInError::TooManyAccounts)
}

/// Every account signed in within the browser holding `token`, by position, with its
/// aliases, in one query: a row per alias (the primary first), folded here. Expired ones are
/// listed (the switcher offers to sign them in again) but marked.
pub async fn accounts(
    db: impl sqlx::PgExecutor<'_>,
    now: OffsetDateTime,
    token: &SessionToken,
) -> sqlx::Result<Vec<AccountInBrowser>> {
    let rows = sqlx::query_as!(
        LookupRow,
        r#"select s.id as session_id, s.browser_session_id, s.position, s.account_id, a.display_name,
                s.keep_signed_in, s.elevated_until, s.last_seen_at, a.created_at as account_created_at,
                a.language, a.time_zone,
                (s.idle_expires_at <= $2 or s.absolute_expires_at <= $2 or a.status <> 'active') as "expired!",
                coalesce(s.elevated_until > $2, false) as "elevated!",
                l.id as "alias_id?", l.kind as "kind?", l.value as "value?", l.readable,
                l.verified_at is not null as "verified?", l.is_primary as "is_primary?",
                l.sign_in_allowed as "sign_in_allowed?", l.created_at as "created_at?"
         from browser_sessions b
         join account_sessions s on s.browser_session_id = b.id and s.ended_at is null
         join accounts a on a.id = s.account_id
         left join aliases l on l.account_id = a.id
         where b.token_hash = $1
         order by s.position, l.is_primary desc, l.created_at, l.id"#,
        token.hash().to_vec(),
        now
    )
    .fetch_all(db)
    .await?;
    Ok(AccountInBrowser::fold(rows))
}

/// Records activity: pushes idle expiry forward (never past the absolute expiry).
pub async fn touch(
    db: impl sqlx::PgExecutor<'_>,
    policy: &SessionPolicy,
    now: OffsetDateTime,
    session_id: Uuid,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update account_sessions
         set last_seen_at = $2,
             idle_expires_at = least(absolute_expires_at,
                 case when keep_signed_in then $3::timestamptz else $4::timestamptz end)
         where id = $1 and ended_at is null and last_seen_at < $5",
        session_id,
        now,
        now + policy.idle_kept,
        now + policy.idle,
        now - TOUCH_EVERY
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Ends every session of the browser and forgets its token; answers the accounts signed out.
pub async fn sign_out_all(
    conn: &mut PgConnection,
    token: &SessionToken,
) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar!(
        "with gone as (delete from browser_sessions where token_hash = $1 returning id)
         select s.account_id from account_sessions s join gone on gone.id = s.browser_session_id
         where s.ended_at is null",
        token.hash().to_vec()
    )
    .fetch_all(conn)
    .await
}

/// Opens the re-authentication window of one account session. Raising privilege issues a
/// new browser token, like a sign-in (no fixation); answers it.
pub async fn elevate(
    conn: &mut PgConnection,
    policy: &SessionPolicy,
    now: OffsetDateTime,
    current: &SessionToken,
    session_id: Uuid,
    method: &str,
) -> sqlx::Result<Option<SessionToken>> {
    let token = SessionToken::generate();
    let browser: Option<Uuid> = sqlx::query_scalar!(
        "update browser_sessions b set token_hash = $2, rotated_at = $3
         from account_sessions s
         where b.token_hash = $1 and s.browser_session_id = b.id and s.id = $4 and s.ended_at is null
         returning b.id",
        current.hash().to_vec(),
        token.hash().to_vec(),
        now,
        session_id
    )
    .fetch_optional(&mut *conn)
    .await?;
    if browser.is_none() {
        return Ok(None);
    }
    sqlx::query!(
        "update account_sessions set elevated_until = $2, authenticated_at = $3, auth_method = $4
         where id = $1",
        session_id,
        now + policy.elevation,
        now,
        method
    )
    .execute(&mut *conn)
    .await?;
    Ok(Some(token))
}

/// A live session of an account, as the Security page lists it.
#[derive(Debug, Clone)]
pub struct LiveSession {
    pub id: Uuid,
    pub created_at: OffsetDateTime,
    pub last_seen_at: OffsetDateTime,
    pub ip: Option<IpNetwork>,
    pub user_agent: Option<String>,
}

/// Ends one session of an account (from its Security page); false if it had already ended.
pub async fn end_session(
    conn: &mut PgConnection,
    account_id: Uuid,
    session_id: Uuid,
    now: OffsetDateTime,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update account_sessions set ended_at = $3
         where id = $2 and account_id = $1 and ended_at is null",
        account_id,
        session_id,
        now
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Ends every session of an account except `keep`; answers how many ended.
pub async fn end_other_sessions(
    conn: &mut PgConnection,
    account_id: Uuid,
    keep: Uuid,
    now: OffsetDateTime,
) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "update account_sessions set ended_at = $3
         where account_id = $1 and id <> $2 and ended_at is null",
        account_id,
        keep,
        now
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// Ends every session of an account, in every browser (password reset, "secure my account").
pub async fn end_all_for_account(
    conn: &mut PgConnection,
    account_id: Uuid,
    now: OffsetDateTime,
) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "update account_sessions set ended_at = $2 where account_id = $1 and ended_at is null",
        account_id,
        now
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// Forgets account sessions a day after they ended (signed out), and 30 days after they
/// expired (the switcher offers "sign in again" for an expired one meanwhile); then browser
/// sessions left holding none, and password reset grants past their expiry.
pub async fn prune(conn: &mut PgConnection, now: OffsetDateTime) -> sqlx::Result<u64> {
    let day_ago = now - Duration::days(1);
    let sessions = sqlx::query!(
        "delete from account_sessions
         where ended_at < $1 or idle_expires_at < $2 or absolute_expires_at < $2",
        day_ago,
        now - Duration::days(30)
    )
    .execute(&mut *conn)
    .await?
    .rows_affected();
    let browsers = sqlx::query!(
        "delete from browser_sessions b where b.rotated_at < $1
           and not exists (select 1 from account_sessions s where s.browser_session_id = b.id)",
        day_ago
    )
    .execute(&mut *conn)
    .await?
    .rows_affected();
    let grants = sqlx::query!("delete from password_resets where expires_at < $1", now)
        .execute(conn)
        .await?
        .rows_affected();
    Ok(sessions + browsers + grants)
}
