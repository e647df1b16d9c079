//! The OpenID tables: flows under way (single use, found by the hash of their `state`),
//! identities proven but not yet linked, and linked identities.

use sqlx::PgConnection;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use super::provider::Identity;
use crate::sessions::SessionToken;

/// How long the person has at the provider, and then to choose what to do with an identity.
pub const FLOW_LIFE: Duration = Duration::minutes(15);

/// Why a flow is being run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    SignIn,
    Link,
    /// "Confirm it's you" for an account whose way in is the provider.
    Reauth,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Self::SignIn => "sign_in",
            Self::Link => "link",
            Self::Reauth => "reauth",
        }
    }
}

/// A flow as stored.
#[derive(Debug)]
pub struct Flow {
    pub binding_hash: Vec<u8>,
    pub provider_id: String,
    pub nonce: String,
    pub pkce_verifier: String,
    pub purpose: String,
    pub account_id: Option<Uuid>,
    pub next: Option<String>,
    pub expires_at: OffsetDateTime,
}

impl Flow {
    pub fn purpose(&self) -> Purpose {
        match self.purpose.as_str() {
            "link" => Purpose::Link,
            "reauth" => Purpose::Reauth,
            _ => Purpose::SignIn,
        }
    }
}

/// What a new flow stores besides its secrets.
#[derive(Debug)]
pub struct NewFlow<'a> {
    pub binding: &'a SessionToken,
    pub provider_id: &'a str,
    pub purpose: Purpose,
    pub account_id: Option<Uuid>,
    pub next: Option<&'a str>,
}

pub async fn insert_flow(
    conn: &mut PgConnection,
    now: OffsetDateTime,
    flow: &NewFlow<'_>,
    started: &super::provider::Started,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into oidc_flows (state_hash, binding_hash, provider_id, nonce, pkce_verifier,
                                 purpose, account_id, next, created_at, expires_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        state_hash(&started.state).to_vec(),
        flow.binding.hash().to_vec(),
        flow.provider_id,
        &started.nonce,
        &started.pkce_verifier,
        flow.purpose.as_str(),
        flow.account_id,
        flow.next,
        now,
        now + FLOW_LIFE
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Takes the flow that `state` names: it can be used once, whatever happens next.
pub async fn take_flow(conn: &mut PgConnection, state: &str) -> sqlx::Result<Option<Flow>> {
    sqlx::query_as!(
        Flow,
        "delete from oidc_flows where state_hash = $1
         returning binding_hash, provider_id, nonce, pkce_verifier, purpose, account_id, next,
                   expires_at",
        state_hash(state).to_vec()
    )
    .fetch_optional(conn)
    .await
}

fn state_hash(state: &str) -> [u8; 32] {
    use sha2::Digest;
    sha2::Sha256::digest(state.as_bytes()).into()
}

/// An identity proven at a provider, waiting for the person's choice.
#[derive(Debug, Clone)]
pub struct Pending {
    pub provider_id: String,
    pub issuer: String,
    pub subject: String,
    pub email: Option<String>,
    pub email_verified: bool,
    pub name: Option<String>,
    pub account_id: Option<Uuid>,
}

/// Keeps `identity` for the browser bound by `binding`; answers the token that names it.
pub async fn insert_pending(
    conn: &mut PgConnection,
    now: OffsetDateTime,
    binding: &[u8],
    provider_id: &str,
    identity: &Identity,
    account_id: Option<Uuid>,
) -> sqlx::Result<SessionToken> {
    let token = SessionToken::generate();
    sqlx::query!(
        "insert into oidc_pending (token_hash, binding_hash, provider_id, issuer, subject, email,
                                   email_verified, name, account_id, created_at, expires_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        token.hash().to_vec(),
        binding,
        provider_id,
        &identity.issuer,
        &identity.subject,
        identity.email.as_deref(),
        identity.email_verified,
        identity.name.as_deref(),
        account_id,
        now,
        now + FLOW_LIFE
    )
    .execute(conn)
    .await?;
    Ok(token)
}

/// The pending identity `token` names, if this browser (`binding`) holds it and it is live.
pub async fn find_pending(
    conn: &mut PgConnection,
    now: OffsetDateTime,
    token: &SessionToken,
    binding: &SessionToken,
) -> sqlx::Result<Option<Pending>> {
    sqlx::query_as!(
        Pending,
        "select provider_id, issuer, subject, email, email_verified, name, account_id
         from oidc_pending where token_hash = $1 and binding_hash = $2 and expires_at > $3",
        token.hash().to_vec(),
        binding.hash().to_vec(),
        now
    )
    .fetch_optional(conn)
    .await
}

/// Uses up a pending identity; false when another request took it first.
pub async fn take_pending(conn: &mut PgConnection, token: &SessionToken) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "delete from oidc_pending where token_hash = $1",
        token.hash().to_vec()
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The account (still active) that (issuer, subject) is linked to.
pub async fn linked_account(
    conn: &mut PgConnection,
    issuer: &str,
    subject: &str,
) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar!(
        "select i.account_id from external_identities i join accounts a on a.id = i.account_id
         where i.issuer = $1 and i.subject = $2 and a.status in ('active', 'closing')",
        issuer,
        subject
    )
    .fetch_optional(conn)
    .await
}

/// Links an identity; false when (issuer, subject) is already linked to some account.
pub async fn link(
    conn: &mut PgConnection,
    now: OffsetDateTime,
    account_id: Uuid,
    pending: &Pending,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "insert into external_identities (id, account_id, provider_id, issuer, subject, email, linked_at)
         values ($1, $2, $3, $4, $5, $6, $7)
         on conflict (issuer, subject) do nothing",
        Uuid::now_v7(),
        account_id,
        &pending.provider_id,
        &pending.issuer,
        &pending.subject,
        pending.email.as_deref(),
        now
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn mark_used(
    conn: &mut PgConnection,
    now: OffsetDateTime,
    issuer: &str,
    subject: &str,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update external_identities set last_used_at = $3 where issuer = $1 and subject = $2",
        issuer,
        subject,
        now
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// A linked identity as the Security page shows it.
#[derive(Debug, Clone)]
pub struct Linked {
    pub id: Uuid,
    pub provider_id: String,
    pub email: Option<String>,
    pub linked_at: OffsetDateTime,
    pub last_used_at: Option<OffsetDateTime>,
}

pub async fn of_account(conn: &mut PgConnection, account_id: Uuid) -> sqlx::Result<Vec<Linked>> {
    sqlx::query_as!(
        Linked,
        "select id, provider_id, email, linked_at, last_used_at from external_identities
         where account_id = $1 order by linked_at, id",
        account_id
    )
    .fetch_all(conn)
    .await
}

pub async fn unlink(conn: &mut PgConnection, account_id: Uuid, id: Uuid) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "delete from external_identities where account_id = $1 and id = $2",
        account_id,
        id
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Forgets flows and pending identities nobody finished.
pub async fn prune(conn: &mut PgConnection, now: OffsetDateTime) -> sqlx::Result<u64> {
    let flows = sqlx::query!("delete from oidc_flows where expires_at <= $1", now)
        .execute(&mut *conn)
        .await?;
    let pending = sqlx::query!("delete from oidc_pending where expires_at <= $1", now)
        .execute(&mut *conn)
        .await?;
    Ok(flows.rows_affected() + pending.rows_affected())
}

/// Whether the account keeps a way in besides the one being taken away: a password, a
/// verified alias allowed for sign-in, or a linked identity (other than `except`).
pub async fn other_ways_in(
    conn: &mut PgConnection,
    account_id: Uuid,
    except: Except,
) -> sqlx::Result<WaysIn> {
    let (identity, passkey) = match except {
        Except::Nothing => (None, None),
        Except::Identity(id) => (Some(id), None),
        Except::Passkey(id) => (None, Some(id)),
    };
    let row = sqlx::query!(
        r#"select a.password_hash is not null as "password!",
                (select count(*) from aliases l where l.account_id = a.id
                   and l.verified_at is not null and l.sign_in_allowed) as "aliases!",
                (select count(*) from external_identities i where i.account_id = a.id
                   and i.id is distinct from $2) as "identities!",
                (select count(*) from passkeys p where p.account_id = a.id
                   and p.id is distinct from $3) as "passkeys!"
         from accounts a where a.id = $1"#,
        account_id,
        identity,
        passkey
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map_or(WaysIn::default(), |r| WaysIn {
        password: r.password,
        sign_in_aliases: r.aliases,
        identities: r.identities,
        passkeys: r.passkeys,
    }))
}

/// The way in a change would take away, left out of the count.
#[derive(Debug, Clone, Copy)]
pub enum Except {
    Nothing,
    Identity(Uuid),
    Passkey(Uuid),
}

/// The ways into an account: the one rule of "never left without a way in" for aliases,
/// linked identities and passkeys.
#[derive(Debug, Clone, Copy, Default)]
pub struct WaysIn {
    pub password: bool,
    /// Verified aliases allowed for sign-in (with the password, or a code).
    pub sign_in_aliases: i64,
    pub identities: i64,
    pub passkeys: i64,
}

impl WaysIn {
    /// Some way in remains.
    pub fn any(&self) -> bool {
        self.sign_in_aliases > 0 || self.identities > 0 || self.passkeys > 0
    }

    /// The password may go: a passkey signs in, and a code to a sign-in alias (which also
    /// resets a password) remains for the day the passkey is lost.
    pub fn may_drop_password(&self) -> bool {
        self.password && self.passkeys > 0 && self.sign_in_aliases > 0
    }

    /// A way in that needs no alias (a linked identity, a passkey): an alias may go.
    pub fn beyond_aliases(&self) -> bool {
        self.identities > 0 || self.passkeys > 0
    }
}

/// The account's first address: primary when `verified_at` is set (the only alias then).
pub async fn insert_first_email(
    conn: &mut PgConnection,
    account_id: Uuid,
    email: &crate::contact::Destination,
    verified_at: Option<OffsetDateTime>,
    now: OffsetDateTime,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into aliases (id, account_id, kind, value, normalized, readable, verified_at, is_primary, created_at)
         values ($1, $2, 'email', $3, $4, $5, $6, $7, $8)",
        Uuid::now_v7(),
        account_id,
        email.address(),
        email.normalized(),
        email.readable(),
        verified_at,
        verified_at.is_some(),
        now
    )
    .execute(conn)
    .await?;
    Ok(())
}
