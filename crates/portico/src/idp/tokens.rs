//! What the token endpoint issues: opaque access and refresh tokens (random, stored as
//! SHA-256 hashes) and signed ID tokens. Access tokens are opaque rather than JWTs so that
//! "Remove access", a replayed code or a reused refresh token ends them at once: each use
//! is one indexed lookup.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use openidconnect::core::{CoreGenderClaim, CoreJwsSigningAlgorithm};
use openidconnect::{
    AccessToken, AdditionalClaims, Audience, AuthenticationContextClass,
    AuthenticationMethodReference, EndUserEmail, EndUserName, EndUserPhoneNumber, IdToken,
    IdTokenClaims, IssuerUrl, LocalizedClaim, Nonce, StandardClaims, SubjectIdentifier,
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::PgConnection;
use time::OffsetDateTime;
use uuid::Uuid;

use super::config::Client;
use super::config::{Alg, SubjectType};
use super::keys::{Es256Key, KeyError};
use super::rules::{ACCESS_TOKEN_LIFETIME, ID_TOKEN_LIFETIME, amr};
use super::store::{self, ClaimsRow, FamilyRow};
use crate::app::AppState;
use crate::crypto::KeyPurpose;

/// A new random token (256 bits, base64url) and the hash that is stored.
pub fn new_token() -> (String, [u8; 32]) {
    let bytes: [u8; 32] = rand::random();
    let token = URL_SAFE_NO_PAD.encode(bytes);
    let hash = token_hash(&token);
    (token, hash)
}

pub fn token_hash(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

/// The ID token's extra claim: `sid`, naming the account session without revealing it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SessionClaim {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sid: Option<String>,
}

impl AdditionalClaims for SessionClaim {}

pub type PorticoIdToken = IdToken<
    SessionClaim,
    CoreGenderClaim,
    openidconnect::core::CoreJweContentEncryptionAlgorithm,
    CoreJwsSigningAlgorithm,
>;

/// The `sid` of an account session: a keyed hash, so that it names the session to us alone.
pub fn session_sid(state: &AppState, session_id: Uuid) -> String {
    let mac = state
        .keys
        .mac(KeyPurpose::OidcSession, &[session_id.as_bytes()]);
    URL_SAFE_NO_PAD.encode(&mac[..16])
}

/// Whether `sid` names the account session, under the current secret key or, during a
/// rotation, the previous one (a token issued before it).
pub fn names_session(state: &AppState, sid: &str, session_id: Uuid) -> bool {
    state
        .keys
        .macs(KeyPurpose::OidcSession, &[session_id.as_bytes()])
        .iter()
        .any(|(mac, _)| URL_SAFE_NO_PAD.encode(&mac[..16]) == sid)
}

/// What one exchange or refresh answers.
#[derive(Debug)]
pub struct Issued {
    pub access_token: String,
    pub refresh_token: Option<String>,
    pub id_token: String,
    pub scopes: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum IssueError {
    #[error("{0}")]
    Database(#[from] sqlx::Error),
    #[error("{0}")]
    Keys(#[from] KeyError),
    #[error("cannot sign: {0}")]
    Signing(String),
    /// The account is gone or disabled.
    #[error("the account cannot sign in")]
    NoAccount,
}

/// Issues an access token (and a refresh token with `offline_access`) in `family`, and an ID
/// token for it, in the caller's transaction.
pub async fn issue(
    state: &AppState,
    conn: &mut PgConnection,
    client: &Client,
    family: &FamilyRow,
    nonce: Option<&str>,
    now: OffsetDateTime,
) -> Result<Issued, IssueError> {
    let (access_token, access_hash) = new_token();
    store::insert_access_token(conn, &access_hash, family.id, now + ACCESS_TOKEN_LIFETIME).await?;
    let refresh_token = if family.scopes.iter().any(|s| s == "offline_access") {
        let (token, hash) = new_token();
        store::insert_refresh_token(conn, &hash, family.id, now).await?;
        Some(token)
    } else {
        None
    };
    let subject = subject_for(conn, family.account_id, client).await?;
    let claims = store::claims(&mut *conn, family.account_id)
        .await?
        .ok_or(IssueError::NoAccount)?;
    let id_token = id_token(
        state,
        client,
        family,
        &subject,
        &claims,
        nonce,
        &access_token,
        now,
    )
    .await?;
    Ok(Issued {
        access_token,
        refresh_token,
        id_token,
        scopes: family.scopes.clone(),
    })
}

/// The subject `client` sees for the account (made on first use).
pub async fn subject_for(
    conn: &mut PgConnection,
    account_id: Uuid,
    client: &Client,
) -> sqlx::Result<String> {
    let sector = match client.subject_type {
        SubjectType::Pairwise => client.id.as_str(),
        SubjectType::Public => "",
    };
    let fresh: [u8; 16] = rand::random();
    store::subject(conn, account_id, sector, &URL_SAFE_NO_PAD.encode(fresh)).await
}

/// The standard claims the family's scopes allow.
pub fn standard_claims(
    subject: &str,
    scopes: &[String],
    claims: &ClaimsRow,
) -> StandardClaims<CoreGenderClaim> {
    let has = |s: &str| scopes.iter().any(|x| x == s);
    let mut standard = StandardClaims::new(SubjectIdentifier::new(subject.to_owned()));
    if has("profile") {
        standard = standard.set_name(Some(LocalizedClaim::from(EndUserName::new(
            claims.display_name.clone(),
        ))));
    }
    if has("email")
        && let Some(email) = &claims.email
    {
        standard = standard
            .set_email(Some(EndUserEmail::new(email.clone())))
            .set_email_verified(Some(true));
    }
    if has("phone")
        && let Some(phone) = &claims.phone
    {
        standard = standard
            .set_phone_number(Some(EndUserPhoneNumber::new(phone.clone())))
            .set_phone_number_verified(Some(true));
    }
    standard
}

fn chrono_time(t: OffsetDateTime) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(t.unix_timestamp(), 0).unwrap_or_default()
}

#[expect(
    clippy::too_many_arguments,
    reason = "the ID token's inputs, each distinct"
)]
async fn id_token(
    state: &AppState,
    client: &Client,
    family: &FamilyRow,
    subject: &str,
    claims: &ClaimsRow,
    nonce: Option<&str>,
    access_token: &str,
    now: OffsetDateTime,
) -> Result<String, IssueError> {
    let keys = state
        .idp_keys
        .get_for(&state.db, &state.keys, now, client.signing_alg)
        .await?;
    let no_key =
        || IssueError::Signing(format!("no {} key signs now", client.signing_alg.as_str()));
    let id_claims = id_token_claims(&IdTokenInput {
        issuer: &super::issuer(state),
        client_id: &client.id,
        subject,
        scopes: &family.scopes,
        claims,
        sid: family.account_session_id.map(|id| session_sid(state, id)),
        auth_time: family.auth_time,
        auth_method: family.auth_method.as_deref(),
        nonce,
        now,
    })?;
    let access = AccessToken::new(access_token.to_owned());
    match client.signing_alg {
        Alg::Es256 => sign_es256(
            id_claims,
            &keys.es256.as_ref().ok_or_else(no_key)?.key,
            &access,
        ),
        Alg::Rs256 => PorticoIdToken::new(
            id_claims,
            &keys.rs256.as_ref().ok_or_else(no_key)?.key,
            CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
            Some(&access),
            None,
        )
        .map(|t| t.to_string())
        .map_err(|e| IssueError::Signing(e.to_string())),
    }
}

/// What an ID token says, gathered.
#[derive(Debug)]
pub struct IdTokenInput<'a> {
    pub issuer: &'a str,
    pub client_id: &'a str,
    pub subject: &'a str,
    pub scopes: &'a [String],
    pub claims: &'a ClaimsRow,
    pub sid: Option<String>,
    pub auth_time: OffsetDateTime,
    pub auth_method: Option<&'a str>,
    pub nonce: Option<&'a str>,
    pub now: OffsetDateTime,
}

pub type PorticoIdTokenClaims = IdTokenClaims<SessionClaim, CoreGenderClaim>;

/// The ID token's claims: the standard ones the scopes allow, `auth_time`, `amr`, `acr`,
/// `nonce` and `sid`.
pub fn id_token_claims(input: &IdTokenInput<'_>) -> Result<PorticoIdTokenClaims, IssueError> {
    let issuer =
        IssuerUrl::new(input.issuer.to_owned()).map_err(|e| IssueError::Signing(e.to_string()))?;
    let methods = amr(input.auth_method);
    let mut id_claims = IdTokenClaims::new(
        issuer,
        vec![Audience::new(input.client_id.to_owned())],
        chrono_time(input.now + ID_TOKEN_LIFETIME),
        chrono_time(input.now),
        standard_claims(input.subject, input.scopes, input.claims),
        SessionClaim {
            sid: input.sid.clone(),
        },
    )
    .set_auth_time(Some(chrono_time(input.auth_time)))
    .set_auth_context_ref(Some(AuthenticationContextClass::new(
        acr(&methods).to_owned(),
    )))
    .set_nonce(input.nonce.map(|n| Nonce::new(n.to_owned())));
    if !methods.is_empty() {
        id_claims = id_claims.set_auth_method_refs(Some(
            methods
                .iter()
                .map(|m| AuthenticationMethodReference::new((*m).to_owned()))
                .collect(),
        ));
    }
    Ok(id_claims)
}

/// Signs ID token claims with an ES256 key (with `at_hash` for `access`).
pub fn sign_es256(
    claims: PorticoIdTokenClaims,
    key: &Es256Key,
    access: &AccessToken,
) -> Result<String, IssueError> {
    PorticoIdToken::new(
        claims,
        key,
        CoreJwsSigningAlgorithm::EcdsaP256Sha256,
        Some(access),
        None,
    )
    .map(|t| t.to_string())
    .map_err(|e| IssueError::Signing(e.to_string()))
}

/// `acr`: one factor, whichever it was (Portico has no second factor yet).
fn acr(methods: &[&str]) -> &'static str {
    if methods.contains(&"hwk") {
        "urn:portico:acr:passkey"
    } else {
        "urn:portico:acr:single-factor"
    }
}
