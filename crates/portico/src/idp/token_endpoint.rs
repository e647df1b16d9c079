//! `/oauth2/token` (RFC 6749 §3.2: authorization codes and refresh tokens) and
//! `/oauth2/revoke` (RFC 7009). Clients authenticate with `client_secret_basic` or
//! `client_secret_post`; public clients send their `client_id` alone and prove the code with
//! PKCE. Errors are RFC 6749 §5.2's JSON.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;
use time::OffsetDateTime;
use uuid::Uuid;

pub use super::client_auth::{FAILURE_WINDOW, FAILURES_PER_NETWORK};
use super::client_auth::{OAuthError, Params, for_client, server_error};
use super::config::Client;
use super::rules::{ACCESS_TOKEN_LIFETIME, REFRESH_LIFETIME, pkce_matches};
use super::store::{self, FamilyRow};
use super::tokens::{self, IssueError, Issued, token_hash};
use crate::app::AppState;
use crate::http::client::ClientInfo;

/// `POST /oauth2/token`
pub async fn token(
    State(state): State<AppState>,
    client_info: ClientInfo,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    for_client(
        &state,
        &client_info,
        &headers,
        &body,
        async |client, params| token_answer(&state, client, params).await,
    )
    .await
}

async fn token_answer(state: &AppState, client: &Client, params: &Params) -> Response {
    let outcome = match params.get("grant_type") {
        Some("authorization_code") => exchange_code(state, client, params).await,
        Some("refresh_token") => refresh(state, client, params).await,
        Some(_) => Err(GrantError::OAuth(OAuthError::new(
            "unsupported_grant_type",
            "grant_type must be authorization_code or refresh_token",
        ))),
        None => Err(GrantError::OAuth(OAuthError::new(
            "invalid_request",
            "grant_type is missing",
        ))),
    };
    match outcome {
        Ok(issued) => token_response(&issued),
        Err(GrantError::OAuth(e)) => e.into_response(),
        Err(GrantError::Issue(IssueError::Database(e))) => server_error(e),
        Err(GrantError::Issue(IssueError::NoAccount)) => {
            OAuthError::invalid_grant("the account can no longer sign in").into_response()
        }
        Err(GrantError::Issue(e)) => server_error(crate::ui::InternalError::detail(e.to_string())),
    }
}

fn token_response(issued: &Issued) -> Response {
    let mut body = json!({
        "access_token": issued.access_token,
        "token_type": "Bearer",
        "expires_in": ACCESS_TOKEN_LIFETIME.whole_seconds(),
        "id_token": issued.id_token,
        "scope": issued.scopes.join(" "),
    });
    if let Some(refresh) = &issued.refresh_token {
        body["refresh_token"] = json!(refresh);
    }
    let mut response = axum::Json(body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
    response
}

#[derive(Debug)]
enum GrantError {
    OAuth(OAuthError),
    Issue(IssueError),
}

impl From<sqlx::Error> for GrantError {
    fn from(e: sqlx::Error) -> Self {
        Self::Issue(IssueError::Database(e))
    }
}

impl From<IssueError> for GrantError {
    fn from(e: IssueError) -> Self {
        Self::Issue(e)
    }
}

fn grant_refused(description: &'static str) -> GrantError {
    GrantError::OAuth(OAuthError::invalid_grant(description))
}

async fn exchange_code(
    state: &AppState,
    client: &Client,
    params: &Params,
) -> Result<Issued, GrantError> {
    let code = params
        .get("code")
        .ok_or_else(|| GrantError::OAuth(OAuthError::new("invalid_request", "code is missing")))?;
    let hash = token_hash(code);
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let Some(row) = store::code_for_exchange(&mut tx, &hash).await? else {
        return Err(grant_refused("the code is not valid"));
    };
    if row.client_id != client.id {
        return Err(grant_refused("the code was issued to another client"));
    }
    if row.used_at.is_some() {
        // A code used twice was stolen or replayed: what it issued is revoked (RFC 6749 §4.1.2).
        if let Some(family) = row.family_id {
            store::revoke_family(&mut *tx, family, now).await?;
        }
        tx.commit().await?;
        return Err(grant_refused("the code was already used"));
    }
    if row.expires_at <= now {
        return Err(grant_refused("the code has expired"));
    }
    if params.get("redirect_uri") != Some(row.redirect_uri.as_str()) {
        return Err(grant_refused(
            "redirect_uri does not match the authorization request",
        ));
    }
    match (&row.code_challenge, params.get("code_verifier")) {
        (Some(challenge), Some(verifier)) if pkce_matches(verifier, challenge) => {}
        (Some(_), _) => return Err(grant_refused("the PKCE code_verifier does not match")),
        (None, Some(_)) => return Err(grant_refused("no PKCE challenge was sent for this code")),
        (None, None) => {}
    }
    let family = FamilyRow {
        id: Uuid::now_v7(),
        client_id: client.id.clone(),
        account_id: row.account_id,
        account_session_id: row.account_session_id,
        scopes: row.scopes.clone(),
        auth_time: row.auth_time,
        auth_method: row.auth_method.clone(),
        expires_at: family_end(&row.scopes, now),
        revoked_at: None,
    };
    store::insert_family(&mut tx, &family, now).await?;
    store::mark_code_used(&mut tx, &hash, Some(family.id), now).await?;
    let issued = tokens::issue(state, &mut tx, client, &family, row.nonce.as_deref(), now).await?;
    tx.commit().await?;
    Ok(issued)
}

/// A family lasts as long as its longest token: refresh tokens with offline access, else
/// its access token.
fn family_end(scopes: &[String], now: OffsetDateTime) -> OffsetDateTime {
    if scopes.iter().any(|s| s == "offline_access") {
        now + REFRESH_LIFETIME
    } else {
        now + ACCESS_TOKEN_LIFETIME
    }
}

async fn refresh(state: &AppState, client: &Client, params: &Params) -> Result<Issued, GrantError> {
    let token = params.get("refresh_token").ok_or_else(|| {
        GrantError::OAuth(OAuthError::new(
            "invalid_request",
            "refresh_token is missing",
        ))
    })?;
    let hash = token_hash(token);
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let Some(row) = store::refresh_token(&mut tx, &hash).await? else {
        return Err(grant_refused("the refresh token is not valid"));
    };
    if row.family.client_id != client.id {
        return Err(grant_refused(
            "the refresh token was issued to another client",
        ));
    }
    if row.used_at.is_some() {
        // An old refresh token came back: someone holds a copy. The whole family ends.
        store::revoke_family(&mut *tx, row.family.id, now).await?;
        tx.commit().await?;
        return Err(grant_refused("the refresh token was already used"));
    }
    if row.family.revoked_at.is_some() || row.family.expires_at <= now {
        return Err(grant_refused("the refresh token is no longer valid"));
    }
    let granted = store::granted_scopes(&mut *tx, row.family.account_id, &client.id).await?;
    if granted.is_none() {
        return Err(grant_refused("access was removed"));
    }
    let mut family = row.family.clone();
    if let Some(asked) = params.get("scope") {
        let narrower: Vec<String> = asked
            .split(' ')
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        if narrower.iter().any(|s| !family.scopes.contains(s)) {
            return Err(GrantError::OAuth(OAuthError::new(
                "invalid_scope",
                "a refresh cannot widen the scopes",
            )));
        }
        family.scopes = narrower;
    }
    store::mark_refresh_used(&mut tx, &hash, now).await?;
    store::used(&mut *tx, family.account_id, &client.id, &family.scopes, now).await?;
    let issued = tokens::issue(state, &mut tx, client, &family, None, now).await?;
    tx.commit().await?;
    Ok(issued)
}

/// `POST /oauth2/revoke`: the token's family ends; unknown tokens answer 200 as well
/// (RFC 7009 §2.2).
pub async fn revoke(
    State(state): State<AppState>,
    client_info: ClientInfo,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    for_client(
        &state,
        &client_info,
        &headers,
        &body,
        async |client, params| revoke_answer(&state, client, params).await,
    )
    .await
}

async fn revoke_answer(state: &AppState, client: &Client, params: &Params) -> Response {
    let Some(token) = params.get("token") else {
        return OAuthError::new("invalid_request", "token is missing").into_response();
    };
    let now = state.clock.now();
    let found = store::family_of_token(&state.db, &token_hash(token), &client.id).await;
    match found {
        Ok(Some(family)) => match store::revoke_family(&state.db, family, now).await {
            Ok(()) => StatusCode::OK.into_response(),
            Err(e) => server_error(e),
        },
        Ok(None) => StatusCode::OK.into_response(),
        Err(e) => server_error(e),
    }
}
