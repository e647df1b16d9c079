//! Proving it's you: the account's password (throttled like sign-in), or a code sent to
//! its address; and the window that opens once proved.

use axum::http::StatusCode;
use serde_json::json;

use crate::app::AppState;
use crate::audit::{self, Kind};
use crate::auth::accounts;
use crate::auth::password::{Password, Verification};
use crate::auth::throttle::{self, ThrottleKey};
use crate::http::client::ClientInfo;
use crate::pages::code_entry;
use crate::sessions::SessionToken;
use crate::sessions::extract::SignedIn;
use crate::sessions::store;
use crate::text::human_wait;
use crate::ui::PageError;
use crate::verification::challenges;
use crate::verification::{Code, Purpose};

/// Checks the password a signed-in person typed for their own account, throttled like
/// sign-in (someone at an unlocked browser must not get unlimited guesses). A wrong one is
/// written to the audit trail with `during` (`confirm`, `password_change`).
pub async fn check_own_password(
    state: &AppState,
    account_id: uuid::Uuid,
    client: &ClientInfo,
    typed: &str,
    during: &str,
) -> Result<Proof, PageError> {
    let now = state.clock.now();
    let mut conn = state.db.acquire().await?;
    let ip = client.ip.map(|ip| ip.to_string()).unwrap_or_default();
    let keys = [
        ThrottleKey::account(&account_id.to_string()),
        ThrottleKey::ip(&ip),
    ];
    let standing = throttle::standing(&mut conn, &keys, now).await?;
    let wait = standing.wait;
    if wait.is_positive() {
        return Ok(Proof::Refused(ProofRefusal {
            message: crate::i18n::t_with("reauth-throttled", &[("wait", human_wait(wait).into())]),
            status: StatusCode::TOO_MANY_REQUESTS,
        }));
    }
    let Some(stored) = accounts::password_hash(&mut conn, account_id).await? else {
        return Ok(Proof::Refused(ProofRefusal {
            message: crate::i18n::t("reauth-no-password"),
            status: StatusCode::UNPROCESSABLE_ENTITY,
        }));
    };
    // Never hold a pooled connection while queued for the hasher.
    drop(conn);
    let verification = match Password::typed(typed) {
        Some(password) => state.passwords.verify(Some(&stored), &password).await?,
        None => Verification::Mismatch,
    };
    let mut conn = state.db.acquire().await?;
    if matches!(
        verification,
        Verification::Match | Verification::MatchNeedsRehash
    ) {
        if standing.has_failures(&keys[0]) {
            throttle::clear(&mut conn, &keys[0]).await?;
        }
        return Ok(Proof::Confirmed);
    }
    throttle::record_failure(&mut conn, &keys, now).await?;
    audit::record(
        &mut conn,
        now,
        account_id,
        Kind::SignInFailed,
        client,
        json!({ "method": during }),
    )
    .await?;
    Ok(Proof::Refused(ProofRefusal {
        message: crate::i18n::t("reauth-wrong-password"),
        status: StatusCode::UNPROCESSABLE_ENTITY,
    }))
}

/// Checks a "confirm it's you" code.
pub(super) async fn check_code(
    state: &AppState,
    account_id: uuid::Uuid,
    challenge: uuid::Uuid,
    typed: &str,
) -> Result<Proof, PageError> {
    let refused = |message: &str| {
        Proof::Refused(ProofRefusal {
            message: message.to_owned(),
            status: StatusCode::UNPROCESSABLE_ENTITY,
        })
    };
    let owned = challenges::owned_by(&state.db, challenge, account_id, Purpose::Reauthenticate);
    if owned.await?.is_none() {
        return Ok(refused(&crate::i18n::t("reauth-code-expired")));
    }
    let Some(code) = Code::parse(typed) else {
        return Ok(refused(&crate::i18n::t("code-enter-six")));
    };
    let checked = challenges::verify(
        &state.db,
        &state.keys,
        &state.codes,
        state.clock.now(),
        challenge,
        &code,
    )
    .await;
    Ok(match checked {
        Ok(_) => Proof::Confirmed,
        Err(e) => match code_entry::verify_failure(e) {
            Ok(message) => refused(&message),
            Err(_) => refused(&crate::i18n::t("reauth-code-used")),
        },
    })
}

/// Whether the person proved it's them (a password, a code), and if not, why.
#[derive(Debug)]
pub enum Proof {
    Confirmed,
    Refused(ProofRefusal),
}

/// Why a typed password or code was not accepted, in words for the page.
#[derive(Debug)]
pub struct ProofRefusal {
    pub message: String,
    pub status: StatusCode,
}

/// Opens the window for the signed-in account (a new browser token, which the caller
/// sets) and records how.
pub async fn elevate(
    state: &AppState,
    signed_in: &SignedIn,
    client: &ClientInfo,
    method: &str,
) -> Result<Option<SessionToken>, PageError> {
    let Some(current) = signed_in.browser.token.as_ref() else {
        return Ok(None);
    };
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let token = store::elevate(
        &mut tx,
        &state.sessions,
        now,
        current,
        signed_in.account.session_id,
        method,
    )
    .await?;
    audit::record(
        &mut tx,
        now,
        signed_in.account.account_id,
        Kind::Reauthenticated,
        client,
        json!({ "method": method }),
    )
    .await?;
    tx.commit().await?;
    Ok(token)
}
