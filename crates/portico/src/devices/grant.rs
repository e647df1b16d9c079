//! The agent's side of linking a PC: RFC 8628's device authorization endpoint and the
//! token endpoint it polls, with RFC 8628's error codes.

use axum::Json;
use axum::extract::{FromRequest, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use portico_wire::link::{
    AGENT_CLIENT_ID, DEVICE_CODE_GRANT, DeviceAuthorizationRequest, DeviceAuthorizationResponse,
    TokenError, TokenErrorCode, TokenRequest, TokenResponse,
};
use serde::de::DeserializeOwned;
use time::Duration;

use super::rules::{PollStep, poll_step};
use super::store::agent::{self, NewAuthorization};
use super::user_code;
use crate::app::AppState;
use crate::http::client::ClientInfo;
use crate::limits::{self, Limit, LimitError};
use crate::sessions::SessionToken;
use crate::ui::internal_error;
use portico_wire::Problem;

/// How long a code waits for the person (RFC 8628's `expires_in`).
pub const EXPIRES_IN: Duration = Duration::minutes(15);
/// The polling interval the agent starts with (RFC 8628's `interval`).
pub const INTERVAL_SECS: i32 = 5;
/// Longest hint the agent may send about its PC.
const HINT_MAX: usize = 200;

/// A body sent as a form (RFC 8628's way) or as JSON.
#[derive(Debug)]
pub struct FormOrJson<T>(pub T);

impl<T: DeserializeOwned + Send> FromRequest<AppState> for FormOrJson<T> {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Response> {
        let json = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/json"));
        let bytes = axum::body::to_bytes(request.into_body(), state.config.max_body_bytes)
            .await
            .map_err(|_| oauth_error(TokenErrorCode::InvalidRequest, "the body is too large"))?;
        let parsed = if json {
            serde_json::from_slice(&bytes).map_err(|e| e.to_string())
        } else {
            serde_urlencoded::from_bytes(&bytes).map_err(|e| e.to_string())
        };
        parsed
            .map(Self)
            .map_err(|e| oauth_error(TokenErrorCode::InvalidRequest, &e))
    }
}

/// An OAuth error answer: 400 (401 for an unknown client), never cached.
fn oauth_error(code: TokenErrorCode, description: &str) -> Response {
    token_error(TokenError {
        error: code,
        error_description: Some(description.to_owned()),
        interval: None,
    })
}

fn token_error(error: TokenError) -> Response {
    let status = if error.error == TokenErrorCode::InvalidClient {
        StatusCode::UNAUTHORIZED
    } else {
        StatusCode::BAD_REQUEST
    };
    (status, [(header::CACHE_CONTROL, "no-store")], Json(error)).into_response()
}

/// A hint about the PC, trimmed and bounded; empty is none.
fn hint(value: Option<String>) -> Option<String> {
    let value = value?;
    let trimmed: String = value
        .trim()
        .chars()
        .filter(|c| !c.is_control())
        .take(HINT_MAX)
        .collect();
    (!trimmed.is_empty()).then_some(trimmed)
}

/// `POST /api/agent/v1/device-authorizations`
#[utoipa::path(
    post,
    path = "/api/agent/v1/device-authorizations",
    tag = "link",
    request_body(content(
        (DeviceAuthorizationRequest = "application/x-www-form-urlencoded"),
        (DeviceAuthorizationRequest = "application/json"),
    )),
    responses(
        (status = 200, description = "A code for the person, and a device code to poll with", body = DeviceAuthorizationResponse),
        (status = 400, description = "The request could not be read", body = TokenError),
        (status = 401, description = "Unknown client_id", body = TokenError),
        (status = 429, description = "Too many link requests from this network", body = TokenError),
        (status = 503, description = "The portal's database is out of reach: try again after `Retry-After`", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn authorize(
    State(state): State<AppState>,
    client: ClientInfo,
    FormOrJson(request): FormOrJson<DeviceAuthorizationRequest>,
) -> Response {
    if request.client_id != AGENT_CLIENT_ID {
        return oauth_error(TokenErrorCode::InvalidClient, "unknown client_id");
    }
    match start(&state, &client, request).await {
        Ok(response) => response,
        Err(e) => internal_error(e),
    }
}

async fn start(
    state: &AppState,
    client: &ClientInfo,
    request: DeviceAuthorizationRequest,
) -> sqlx::Result<Response> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let ip = client.ip.map(|ip| ip.to_string()).unwrap_or_default();
    let limit = Limit {
        key: format!("device-authorization:ip:{ip}"),
        max: 30,
        window: Duration::hours(1),
        reason: "Too many link requests from this network",
        says: "limit-link-network",
    };
    match limits::take(&mut tx, now, &[limit]).await {
        Ok(()) => {}
        Err(LimitError::Refused(refusal)) => {
            let mut r = oauth_error(TokenErrorCode::SlowDown, refusal.reason);
            *r.status_mut() = StatusCode::TOO_MANY_REQUESTS;
            let secs = refusal.retry_after.whole_seconds().max(1).to_string();
            if let Ok(v) = secs.parse() {
                r.headers_mut().insert(header::RETRY_AFTER, v);
            }
            return Ok(r);
        }
        Err(LimitError::Database(e)) => return Err(e),
    }
    let device_code = SessionToken::generate();
    // A code already waiting for someone is drawn again (a clash is one in billions).
    let mut code = user_code::generate();
    for _ in 0..3 {
        if !agent::user_code_waiting(&mut tx, &code).await? {
            break;
        }
        code = user_code::generate();
    }
    let new = NewAuthorization {
        device_code: &device_code,
        user_code: &code,
        client_id: &request.client_id,
        hostname: hint(request.hostname),
        model: hint(request.model),
        os: hint(request.os),
        expires_at: now + EXPIRES_IN,
        interval_secs: INTERVAL_SECS,
    };
    agent::insert_authorization(&mut tx, now, &new).await?;
    tx.commit().await?;
    let verification_uri = format!("{}link", state.config.public_url);
    let shown = user_code::display(&code);
    let body = DeviceAuthorizationResponse {
        device_code: device_code.as_str().to_owned(),
        verification_uri_complete: format!("{verification_uri}?code={shown}"),
        verification_uri,
        user_code: shown,
        expires_in: EXPIRES_IN.whole_seconds().unsigned_abs(),
        interval: INTERVAL_SECS.unsigned_abs().into(),
    };
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(body)).into_response())
}

/// `POST /api/agent/v1/token`
#[utoipa::path(
    post,
    path = "/api/agent/v1/token",
    tag = "link",
    request_body(content(
        (TokenRequest = "application/x-www-form-urlencoded"),
        (TokenRequest = "application/json"),
    )),
    responses(
        (status = 200, description = "The device token, once the person approved", body = TokenResponse),
        (status = 400, description = "authorization_pending, slow_down, access_denied, expired_token, invalid_grant…", body = TokenError),
        (status = 401, description = "Unknown client_id", body = TokenError),
        (status = 503, description = "The portal's database is out of reach: try again after `Retry-After`", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn token(
    State(state): State<AppState>,
    FormOrJson(request): FormOrJson<TokenRequest>,
) -> Response {
    if request.grant_type != DEVICE_CODE_GRANT {
        return oauth_error(
            TokenErrorCode::UnsupportedGrantType,
            "only the device_code grant is offered",
        );
    }
    if request.client_id != AGENT_CLIENT_ID {
        return oauth_error(TokenErrorCode::InvalidClient, "unknown client_id");
    }
    let Some(device_code) = SessionToken::from_cookie(&request.device_code) else {
        return oauth_error(TokenErrorCode::InvalidGrant, "unknown device_code");
    };
    match poll(&state, &device_code).await {
        Ok(Polled::Token(body)) => {
            ([(header::CACHE_CONTROL, "no-store")], Json(body)).into_response()
        }
        Ok(Polled::Refused(error)) => token_error(error),
        Err(e) => internal_error(e),
    }
}

fn refusal(code: TokenErrorCode, description: &str) -> TokenError {
    TokenError {
        error: code,
        error_description: Some(description.to_owned()),
        interval: None,
    }
}

/// What a poll of the token endpoint comes to (RFC 8628 §3.5).
#[derive(Debug)]
enum Polled {
    /// The person approved: the device token, once.
    Token(TokenResponse),
    /// `authorization_pending`, `slow_down`, `access_denied`, `expired_token`…
    Refused(TokenError),
}

async fn poll(state: &AppState, device_code: &SessionToken) -> sqlx::Result<Polled> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let Some(auth) = agent::authorization_for_update(&mut tx, device_code).await? else {
        let unknown = refusal(TokenErrorCode::InvalidGrant, "unknown device_code");
        return Ok(Polled::Refused(unknown));
    };
    let (device_id, account_id) = match poll_step(&auth, now) {
        PollStep::Refuse(code, why) => return Ok(Polled::Refused(refusal(code, why))),
        PollStep::Pending { interval } => {
            agent::record_poll(&mut tx, auth.id, now, interval).await?;
            tx.commit().await?;
            let why = "waiting for the person to approve";
            return Ok(Polled::Refused(refusal(
                TokenErrorCode::AuthorizationPending,
                why,
            )));
        }
        PollStep::SlowDown { interval } => {
            agent::record_poll(&mut tx, auth.id, now, interval).await?;
            tx.commit().await?;
            return Ok(Polled::Refused(TokenError {
                error: TokenErrorCode::SlowDown,
                error_description: Some("polling too fast".to_owned()),
                interval: Some(interval.unsigned_abs().into()),
            }));
        }
        PollStep::Approved {
            device_id,
            account_id,
        } => (device_id, account_id),
    };
    let token = SessionToken::generate();
    agent::exchange(&mut tx, now, auth.id, device_id, &token).await?;
    let (name, primary) = agent::holder(&mut tx, account_id).await?;
    let backup_recovery_keys = crate::recovery::store::backs_up(&mut tx, device_id).await?;
    tx.commit().await?;
    let masked = primary
        .map(|d| format!(" ({})", d.masked()))
        .unwrap_or_default();
    Ok(Polled::Token(TokenResponse {
        access_token: token.as_str().to_owned(),
        token_type: "Bearer".to_owned(),
        device_id: device_id.to_string(),
        account: format!("{name}{masked}"),
        backup_recovery_keys,
    }))
}
