//! RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0): an app sends the person to
//! `/oauth2/logout` with the ID token it got. The account that token was issued for is
//! signed out of this browser, and only that one; the person goes back to the app's
//! registered `post_logout_redirect_uri`, or sees a page saying what happened.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect};
use openidconnect::core::{CoreJsonWebKey, CoreJsonWebKeySet, CoreJwsSigningAlgorithm};
use openidconnect::{ClientId, IdTokenVerifier, IssuerUrl, Nonce};
use serde::Deserialize;
use serde_json::json;
use url::Url;

use super::store;
use super::tokens::{PorticoIdToken, names_session};
use crate::app::AppState;
use crate::audit::{self, Kind};
use crate::http::client::ClientInfo;
use crate::sessions::extract::Browser;
use crate::ui::{Layout, PageResult, render_html};

#[derive(Debug, Default, Deserialize)]
pub struct LogoutParams {
    id_token_hint: Option<String>,
    post_logout_redirect_uri: Option<String>,
    state: Option<String>,
    client_id: Option<String>,
}

#[derive(Template)]
#[template(path = "pages/idp/signed_out.html")]
struct SignedOutPage<'a> {
    layout: Layout<'a>,
    app: Option<String>,
    signed_out: Option<String>,
}

/// What an ID token hint says, once its signature is ours: the app and the session.
struct Hint {
    client_id: String,
    sid: Option<String>,
}

/// Checks the hint's signature against the published keys. An expired token is still a
/// good hint (apps keep the one they got at sign-in), so expiry is not checked.
async fn read_hint(state: &AppState, token: &str) -> Option<Hint> {
    let parsed: PorticoIdToken = token.parse().ok()?;
    let epoch = || chrono::DateTime::from_timestamp(0, 0).unwrap_or_default();
    let unverified = parsed
        .claims(
            &IdTokenVerifier::<CoreJsonWebKey>::new_insecure_without_verification()
                .set_time_fn(epoch),
            |_: Option<&Nonce>| Ok(()),
        )
        .ok()?;
    let client_id = unverified.audiences().first()?.to_string();
    let keys = state
        .idp_keys
        .get(&state.db, &state.keys, state.clock.now())
        .await
        .ok()?;
    let verifier = IdTokenVerifier::new_public_client(
        ClientId::new(client_id.clone()),
        IssuerUrl::new(super::issuer(state)).ok()?,
        CoreJsonWebKeySet::new(keys.published.clone()),
    )
    .set_allowed_algs([
        CoreJwsSigningAlgorithm::EcdsaP256Sha256,
        CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
    ])
    .set_time_fn(epoch);
    let claims = parsed.claims(&verifier, |_: Option<&Nonce>| Ok(())).ok()?;
    Some(Hint {
        client_id,
        sid: claims.additional_claims().sid.clone(),
    })
}

/// `GET /oauth2/logout`
pub async fn end_session_get(
    State(state): State<AppState>,
    client_info: ClientInfo,
    browser: Browser,
    Query(params): Query<LogoutParams>,
) -> PageResult {
    end_session(&state, &client_info, &browser, &params).await
}

/// `POST /oauth2/logout`
pub async fn end_session_post(
    State(state): State<AppState>,
    client_info: ClientInfo,
    browser: Browser,
    Form(params): Form<LogoutParams>,
) -> PageResult {
    end_session(&state, &client_info, &browser, &params).await
}

async fn end_session(
    state: &AppState,
    client_info: &ClientInfo,
    browser: &Browser,
    params: &LogoutParams,
) -> PageResult {
    let state = state.clone();
    let hint = match params.id_token_hint.as_deref() {
        Some(token) => read_hint(&state, token).await,
        None => None,
    };
    let client_id = hint
        .as_ref()
        .map(|h| h.client_id.clone())
        .or(params.client_id.clone());
    let client = match client_id.as_deref() {
        Some(id) => store::client(&state.db, id).await?,
        None => None,
    };
    let mut signed_out = None;
    if let Some(Hint { sid: Some(sid), .. }) = &hint {
        let account = browser
            .accounts
            .iter()
            .find(|a| !a.expired && names_session(&state, sid, a.session_id));
        if let Some(account) = account {
            let now = state.clock.now();
            let mut tx = state.db.begin().await?;
            let ended = crate::sessions::store::end_session(
                &mut tx,
                account.account_id,
                account.session_id,
                now,
            )
            .await?;
            if ended {
                let app = client.as_ref().map_or("", |c| c.name.as_str());
                audit::record(
                    &mut tx,
                    now,
                    account.account_id,
                    Kind::SignedOut,
                    client_info,
                    json!({ "app": app }),
                )
                .await?;
            }
            tx.commit().await?;
            signed_out = Some(account.display_name.clone());
        }
    }
    // Back to the app only to an address it registered, and only when the app is known
    // from a token it holds or its id (never an open redirect).
    let back = params
        .post_logout_redirect_uri
        .as_ref()
        .filter(|uri| {
            client
                .as_ref()
                .is_some_and(|c| c.post_logout_redirect_uris.contains(uri))
        })
        .and_then(|uri| Url::parse(uri).ok());
    if let Some(mut back) = back {
        if let Some(s) = &params.state {
            back.query_pairs_mut().append_pair("state", s);
        }
        return Ok(Redirect::to(back.as_str()).into_response());
    }
    let page = SignedOutPage {
        layout: Layout::new(&state, crate::i18n::t("idp-signed-out-title")),
        app: client.map(|c| c.name),
        signed_out,
    };
    Ok(render_html(&page))
}
