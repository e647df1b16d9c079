//! The WebAuthn ceremonies, each started and finished through PostgreSQL so that any
//! instance can finish what another started: registering a passkey, signing in with one
//! (discoverable: no alias typed), and confirming it's you with one of the account's.

use time::Duration;
use uuid::Uuid;
use webauthn_rs::prelude::{
    DiscoverableAuthentication, Passkey, PasskeyAuthentication, PasskeyRegistration,
    PublicKeyCredential, RegisterPublicKeyCredential, WebauthnError,
};

use super::store::{self, Kind};
use super::{RelyingParty, rules};
use crate::app::AppState;
use crate::audit::{self, Kind as AuditKind};
use crate::http::client::ClientInfo;

/// How long a ceremony may take, start to finish.
pub const CEREMONY_LIFE: Duration = Duration::minutes(5);

/// A ceremony started: its id, and the options for the browser (JSON).
#[derive(Debug)]
pub struct Started {
    pub ceremony: Uuid,
    pub options: serde_json::Value,
}

/// Why a ceremony did not finish, in the page's words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("{}", crate::i18n::t("passkey-stale"))]
    Stale,
    #[error("{}", crate::i18n::t("passkey-unreadable"))]
    Unreadable,
    #[error("{}", crate::i18n::t("passkey-unknown"))]
    Unknown,
    #[error("{}", crate::i18n::t("passkey-rejected"))]
    Rejected,
    /// Its signature counter went backwards: a copy of the authenticator, perhaps.
    #[error("{}", crate::i18n::t("passkey-cloned"))]
    Cloned,
    #[error("{}", crate::i18n::t("passkey-already-registered"))]
    AlreadyRegistered,
}

/// Errors a ceremony can end with: a refusal, or the database.
#[derive(Debug, thiserror::Error)]
pub enum CeremonyError {
    #[error(transparent)]
    Refused(#[from] Refusal),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

fn to_json<T: serde::Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or_default()
}

async fn keep(
    state: &AppState,
    kind: Kind,
    account_id: Option<Uuid>,
    ceremony_state: serde_json::Value,
    options: serde_json::Value,
) -> sqlx::Result<Started> {
    let now = state.clock.now();
    let mut conn = state.db.acquire().await?;
    let ceremony = store::start_ceremony(
        &mut conn,
        now,
        kind,
        account_id,
        &ceremony_state,
        now + CEREMONY_LIFE,
    )
    .await?;
    Ok(Started { ceremony, options })
}

/// The ceremony's state, taken once.
async fn take<T: serde::de::DeserializeOwned>(
    state: &AppState,
    ceremony: &str,
    kind: Kind,
    account_id: Option<Uuid>,
) -> Result<T, CeremonyError> {
    let id = ceremony.parse::<Uuid>().map_err(|_| Refusal::Stale)?;
    let mut conn = state.db.acquire().await?;
    let now = state.clock.now();
    let kept = store::take_ceremony(&mut conn, now, id, kind, account_id).await?;
    let kept = kept.ok_or(Refusal::Stale)?;
    Ok(serde_json::from_value(kept).map_err(|_| Refusal::Stale)?)
}

/// Starts adding a passkey to `account_id`, excluding the ones it has.
pub async fn start_registration(
    state: &AppState,
    rp: &RelyingParty,
    account_id: Uuid,
    (user_name, display_name): (&str, &str),
) -> sqlx::Result<Option<Started>> {
    let mut conn = state.db.acquire().await?;
    let handle = store::user_handle(&mut conn, account_id).await?;
    let exclude: Vec<_> = store::credentials(&mut conn, account_id)
        .await?
        .iter()
        .map(|p| p.cred_id().clone())
        .collect();
    drop(conn);
    let Ok((options, registration)) =
        rp.webauthn
            .start_passkey_registration(handle, user_name, display_name, Some(exclude))
    else {
        return Ok(None);
    };
    let mut options = to_json(&options);
    rules::prefer_discoverable(&mut options);
    let kept = keep(
        state,
        Kind::Register,
        Some(account_id),
        to_json(&registration),
        options,
    );
    kept.await.map(Some)
}

/// Finishes adding a passkey: the credential the browser made, checked against the
/// ceremony.
pub async fn finish_registration(
    state: &AppState,
    rp: &RelyingParty,
    account_id: Uuid,
    ceremony: &str,
    credential: &str,
) -> Result<Passkey, CeremonyError> {
    let registration: PasskeyRegistration =
        take(state, ceremony, Kind::Register, Some(account_id)).await?;
    let credential: RegisterPublicKeyCredential =
        serde_json::from_str(credential).map_err(|_| Refusal::Unreadable)?;
    rp.webauthn
        .finish_passkey_registration(&credential, &registration)
        .map_err(|_| Refusal::Rejected.into())
}

/// Starts a sign-in with whichever passkey the browser offers.
pub async fn start_sign_in(state: &AppState, rp: &RelyingParty) -> sqlx::Result<Option<Started>> {
    let Ok((options, authentication)) = rp.webauthn.start_discoverable_authentication() else {
        return Ok(None);
    };
    keep(
        state,
        Kind::SignIn,
        None,
        to_json(&authentication),
        to_json(&options),
    )
    .await
    .map(Some)
}

/// Starts a confirmation with one of the account's passkeys; `None` when it has none.
pub async fn start_confirm(
    state: &AppState,
    rp: &RelyingParty,
    account_id: Uuid,
) -> sqlx::Result<Option<Started>> {
    let mut conn = state.db.acquire().await?;
    let passkeys = store::credentials(&mut conn, account_id).await?;
    drop(conn);
    if passkeys.is_empty() {
        return Ok(None);
    }
    let Ok((options, authentication)) = rp.webauthn.start_passkey_authentication(&passkeys) else {
        return Ok(None);
    };
    let kept = keep(
        state,
        Kind::Confirm,
        Some(account_id),
        to_json(&authentication),
        to_json(&options),
    );
    kept.await.map(Some)
}

/// Finishes a sign-in (`account_id` `None`: any account's passkey) or a confirmation (the
/// account's own passkeys only): the account whose passkey proved itself, its counter and
/// backup state updated. A counter that went backwards refuses the passkey.
pub async fn finish_assertion(
    state: &AppState,
    rp: &RelyingParty,
    ceremony: &str,
    credential: &str,
    (account_id, client): (Option<Uuid>, &ClientInfo),
) -> Result<Uuid, CeremonyError> {
    let credential: PublicKeyCredential =
        serde_json::from_str(credential).map_err(|_| Refusal::Unreadable)?;
    let now = state.clock.now();
    let (mut tx, mut found, verified) = match account_id {
        None => {
            let discoverable: DiscoverableAuthentication =
                take(state, ceremony, Kind::SignIn, None).await?;
            let (handle, credential_id) = rp
                .webauthn
                .identify_discoverable_authentication(&credential)
                .map_err(|_| Refusal::Unknown)?;
            let mut tx = state.db.begin().await?;
            let found = store::by_credential_for_update(&mut tx, credential_id).await?;
            let Some(found) = found else {
                return Err(Refusal::Unknown.into());
            };
            // The user handle the authenticator keeps must be its account's.
            if store::account_of_handle(&mut tx, handle).await? != Some(found.account_id) {
                return Err(Refusal::Unknown.into());
            }
            let verified = rp.webauthn.finish_discoverable_authentication_v2(
                &credential,
                discoverable,
                &found.passkey,
            );
            (tx, found, verified)
        }
        Some(account_id) => {
            let authentication: PasskeyAuthentication =
                take(state, ceremony, Kind::Confirm, Some(account_id)).await?;
            let mut tx = state.db.begin().await?;
            let found = store::by_credential_for_update(&mut tx, credential.get_credential_id())
                .await?
                .filter(|f| f.account_id == account_id);
            let Some(found) = found else {
                return Err(Refusal::Unknown.into());
            };
            let verified = rp
                .webauthn
                .finish_passkey_authentication(&credential, &authentication);
            (tx, found, verified)
        }
    };
    let result = match verified {
        Ok(result) => result,
        Err(e) => {
            drop(tx);
            return Err(refused(state, &found, client, e).await);
        }
    };
    found.passkey.update_credential(&result);
    let backup_state = result.backup_state();
    store::used(&mut tx, now, found.id, &found.passkey, backup_state).await?;
    tx.commit().await?;
    Ok(found.account_id)
}

/// A failed assertion of a known passkey, written to its account's activity: a counter
/// that went backwards as a possible copy, anything else as a failed sign-in.
async fn refused(
    state: &AppState,
    found: &store::Found,
    client: &ClientInfo,
    e: WebauthnError,
) -> CeremonyError {
    let cloned = matches!(e, WebauthnError::CredentialPossibleCompromise);
    let (kind, refusal) = if cloned {
        (AuditKind::PasskeyCloned, Refusal::Cloned)
    } else {
        (AuditKind::SignInFailed, Refusal::Rejected)
    };
    let mut conn = match state.db.acquire().await {
        Ok(conn) => conn,
        Err(e) => return e.into(),
    };
    let details = serde_json::json!({ "method": "passkey", "passkey": found.id });
    let now = state.clock.now();
    if let Err(e) = audit::record(&mut conn, now, found.account_id, kind, client, details).await {
        return e.into();
    }
    refusal.into()
}
