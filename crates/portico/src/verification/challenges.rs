//! Challenges in the database: issue, resend, verify. Only a keyed hash of each code is
//! stored; every check happens under a row lock so that a code works at most once.

use sqlx::{PgConnection, PgPool};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::contact::{Channel, Destination};
use crate::crypto::{KeyPurpose, Keys};
use crate::verification::code::Code;
use crate::verification::policy::CodePolicy;

/// Why a code is being asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    VerifyAlias,
    SignUp,
    ResetPassword,
    SignInCode,
    /// "Confirm it's you" before a sensitive change.
    Reauthenticate,
}

impl Purpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::VerifyAlias => "verify_alias",
            Self::SignUp => "sign_up",
            Self::ResetPassword => "reset_password",
            Self::SignInCode => "sign_in_code",
            Self::Reauthenticate => "reauthenticate",
        }
    }

    /// Whether a stranger can ask for this code for someone else's address (sign-in by code,
    /// password reset). Such requests re-use the code already sent instead of sending
    /// another, so that asking again and again neither floods the address nor spends its
    /// limits: the owner can always finish with the code in their inbox.
    pub fn reuses_pending(self) -> bool {
        matches!(self, Self::SignInCode | Self::ResetPassword)
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            Self::VerifyAlias,
            Self::SignUp,
            Self::ResetPassword,
            Self::SignInCode,
            Self::Reauthenticate,
        ]
        .into_iter()
        .find(|p| p.as_str() == s)
        // The name older instances wrote (migration 20261201000013).
        .or((s == "confirm_link").then_some(Self::Reauthenticate))
    }
}

/// A challenge just issued or resent: the code goes into a message, never anywhere else.
#[derive(Debug)]
pub struct Issued {
    pub id: Uuid,
    pub code: Code,
    pub expires_at: OffsetDateTime,
}

/// A challenge proved: who asked, and for which destination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    pub id: Uuid,
    pub purpose: Purpose,
    pub account_id: Option<Uuid>,
    pub channel: String,
    pub destination: String,
}

#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    #[error("no such challenge")]
    NotFound,
    #[error("the code has expired")]
    Expired,
    #[error("the code was already used")]
    AlreadyUsed,
    #[error("too many wrong codes")]
    TooManyAttempts,
    #[error("wrong code; {attempts_left} tries left")]
    WrongCode { attempts_left: i32 },
    #[error("{0}")]
    Database(#[from] sqlx::Error),
}

#[derive(Debug, thiserror::Error)]
pub enum ResendError {
    #[error("no such challenge")]
    NotFound,
    #[error("the challenge is finished (used, expired or out of tries)")]
    Finished,
    #[error("a new code can be sent in {wait}")]
    TooEarly { wait: Duration },
    #[error("{0}")]
    Database(#[from] sqlx::Error),
}

fn code_hash(keys: &Keys, id: Uuid, code: &Code) -> [u8; 32] {
    keys.mac(
        KeyPurpose::ChallengeCode,
        &[id.as_bytes(), code.as_str().as_bytes()],
    )
}

/// Creates a challenge for `destination`. Call it in the transaction that also enqueues
/// the message carrying the code.
pub async fn issue(
    conn: &mut PgConnection,
    keys: &Keys,
    policy: &CodePolicy,
    now: OffsetDateTime,
    purpose: Purpose,
    account_id: Option<Uuid>,
    destination: &Destination,
) -> sqlx::Result<Issued> {
    let id = Uuid::now_v7();
    let code = Code::generate();
    let expires_at = now + policy.lifetime;
    sqlx::query!(
        "insert into challenges
            (id, purpose, account_id, channel, destination, code_hash, created_at, last_sent_at, expires_at)
         values ($1, $2, $3, $4, $5, $6, $7, $7, $8)",
        id,
        purpose.as_str(),
        account_id,
        destination.channel().as_str(),
        destination.normalized(),
        code_hash(keys, id, &code).to_vec(),
        now,
        expires_at
    )
    .execute(conn)
    .await?;
    Ok(Issued {
        id,
        code,
        expires_at,
    })
}

/// The newest challenge for `purpose`, `account_id` and `destination` that can still be
/// answered (not used, tries left) and was last sent after `sent_after`.
#[derive(Debug, Clone)]
pub struct Open {
    pub id: Uuid,
    pub last_sent_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
}

pub async fn latest_open(
    conn: &mut PgConnection,
    policy: &CodePolicy,
    purpose: Purpose,
    account_id: Option<Uuid>,
    destination: &Destination,
    sent_after: OffsetDateTime,
) -> sqlx::Result<Option<Open>> {
    sqlx::query_as!(
        Open,
        "select id, last_sent_at, expires_at from challenges
         where destination = $1 and channel = $2 and purpose = $3
           and account_id is not distinct from $4
           and consumed_at is null and attempts < $5 and last_sent_at > $6
         order by last_sent_at desc
         limit 1
         for update",
        destination.normalized(),
        destination.channel().as_str(),
        purpose.as_str(),
        account_id,
        policy.max_attempts,
        sent_after
    )
    .fetch_optional(conn)
    .await
}

/// Gives an open challenge a new lifetime from `now`, without a new code: for a person
/// who holds its last message and cannot be sent another yet.
pub async fn extend(
    conn: &mut PgConnection,
    policy: &CodePolicy,
    now: OffsetDateTime,
    id: Uuid,
) -> sqlx::Result<OffsetDateTime> {
    let expires_at = now + policy.lifetime;
    sqlx::query!(
        "update challenges set expires_at = $2 where id = $1",
        id,
        expires_at
    )
    .execute(conn)
    .await?;
    Ok(expires_at)
}

struct ChallengeRow {
    purpose: String,
    account_id: Option<Uuid>,
    channel: String,
    destination: String,
    code_hash: Vec<u8>,
    attempts: i32,
    sent_count: i32,
    last_sent_at: OffsetDateTime,
    expires_at: OffsetDateTime,
    consumed_at: Option<OffsetDateTime>,
}

async fn lock(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<ChallengeRow>> {
    sqlx::query_as!(
        ChallengeRow,
        "select purpose, account_id, channel, destination, code_hash, attempts, sent_count,
                last_sent_at, expires_at, consumed_at
         from challenges where id = $1 for update",
        id
    )
    .fetch_optional(conn)
    .await
}

/// Replaces the code with a new one, if the resend wait has passed. Attempts are kept, so
/// resending never buys more guesses. Call it in the transaction that enqueues the message.
pub async fn resend(
    conn: &mut PgConnection,
    keys: &Keys,
    policy: &CodePolicy,
    now: OffsetDateTime,
    id: Uuid,
) -> Result<Issued, ResendError> {
    let row = lock(conn, id).await?.ok_or(ResendError::NotFound)?;
    if row.consumed_at.is_some() || row.attempts >= policy.max_attempts {
        return Err(ResendError::Finished);
    }
    let allowed_at = row.last_sent_at + policy.resend_wait(row.sent_count);
    if now < allowed_at {
        return Err(ResendError::TooEarly {
            wait: allowed_at - now,
        });
    }
    let code = Code::generate();
    let expires_at = now + policy.lifetime;
    sqlx::query!(
        "update challenges
         set code_hash = $2, sent_count = sent_count + 1, last_sent_at = $3, expires_at = $4
         where id = $1",
        id,
        code_hash(keys, id, &code).to_vec(),
        now,
        expires_at
    )
    .execute(conn)
    .await?;
    Ok(Issued {
        id,
        code,
        expires_at,
    })
}

/// Checks a typed code. A wrong code costs one of the challenge's tries, and that is
/// committed whatever the caller does next; the right code works once.
pub async fn verify(
    pool: &PgPool,
    keys: &Keys,
    policy: &CodePolicy,
    now: OffsetDateTime,
    id: Uuid,
    code: &Code,
) -> Result<Verified, VerifyError> {
    let mut tx = pool.begin().await?;
    let row = lock(&mut tx, id).await?.ok_or(VerifyError::NotFound)?;
    if row.consumed_at.is_some() {
        return Err(VerifyError::AlreadyUsed);
    }
    if row.attempts >= policy.max_attempts {
        return Err(VerifyError::TooManyAttempts);
    }
    if now >= row.expires_at {
        return Err(VerifyError::Expired);
    }
    let matches = keys.verify_mac(
        KeyPurpose::ChallengeCode,
        &[id.as_bytes(), code.as_str().as_bytes()],
        &row.code_hash,
    );
    if !matches {
        sqlx::query!(
            "update challenges set attempts = attempts + 1 where id = $1",
            id
        )
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        let attempts_left = policy.max_attempts - row.attempts - 1;
        return Err(if attempts_left > 0 {
            VerifyError::WrongCode { attempts_left }
        } else {
            VerifyError::TooManyAttempts
        });
    }
    let consumed = sqlx::query!(
        "update challenges set consumed_at = $2 where id = $1 and consumed_at is null",
        id,
        now
    )
    .execute(&mut *tx)
    .await?;
    if consumed.rows_affected() != 1 {
        return Err(VerifyError::AlreadyUsed);
    }
    tx.commit().await?;
    Ok(Verified {
        id,
        purpose: Purpose::parse(&row.purpose).unwrap_or(Purpose::VerifyAlias),
        account_id: row.account_id,
        channel: row.channel,
        destination: row.destination,
    })
}

/// The channel of challenge `id` if it is `account_id`'s, for `purpose`: pages of an account
/// show and check only their own challenges.
pub async fn owned_by(
    pool: &PgPool,
    id: Uuid,
    account_id: Uuid,
    purpose: Purpose,
) -> sqlx::Result<Option<Channel>> {
    let channel = sqlx::query_scalar!(
        "select channel from challenges where id = $1 and account_id = $2 and purpose = $3",
        id,
        account_id,
        purpose.as_str()
    )
    .fetch_optional(pool)
    .await?;
    Ok(channel.map(|c| Channel::from_stored(&c)))
}

/// What the code-entry page shows about a challenge.
#[derive(Debug, Clone)]
pub struct ChallengeStatus {
    pub channel: Channel,
    pub destination: String,
    /// When its current code was sent.
    pub sent_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
    pub resend_at: OffsetDateTime,
    pub attempts_left: i32,
    pub finished: bool,
}

pub async fn status(
    pool: &PgPool,
    policy: &CodePolicy,
    id: Uuid,
) -> sqlx::Result<Option<ChallengeStatus>> {
    let row: Option<ChallengeRow> = sqlx::query_as!(
        ChallengeRow,
        "select purpose, account_id, channel, destination, code_hash, attempts, sent_count,
                last_sent_at, expires_at, consumed_at
         from challenges where id = $1",
        id
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| ChallengeStatus {
        channel: Channel::from_stored(&r.channel),
        destination: r.destination,
        sent_at: r.last_sent_at,
        expires_at: r.expires_at,
        resend_at: r.last_sent_at + policy.resend_wait(r.sent_count),
        attempts_left: (policy.max_attempts - r.attempts).max(0),
        finished: r.consumed_at.is_some() || r.attempts >= policy.max_attempts,
    }))
}

/// Forgets codes a day past their expiry (no answer can use them), and with them the
/// sign-ups that waited for them; sign-ups past their own expiry go too.
pub async fn prune(conn: &mut PgConnection, now: OffsetDateTime) -> sqlx::Result<u64> {
    let codes = sqlx::query!(
        "delete from challenges where expires_at < $1",
        now - Duration::days(1)
    )
    .execute(&mut *conn)
    .await?
    .rows_affected();
    let signups = sqlx::query!("delete from pending_signups where expires_at < $1", now)
        .execute(conn)
        .await?
        .rows_affected();
    Ok(codes + signups)
}
