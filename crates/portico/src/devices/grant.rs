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
use uuid::Uuid;

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
        let clash: bool = sqlx::query_scalar!(
            r#"select exists (select 1 from device_authorizations where user_code = $1 and status = 'pending') as "exists!""#,
            &code
        )
        .fetch_one(&mut *tx)
        .await?;
        if !clash {
            break;
        }
        code = user_code::generate();
    }
    sqlx::query!(
        "insert into device_authorizations
             (id, device_code_hash, user_code, client_id, hostname, model, os, created_at,
              expires_at, interval_secs)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        Uuid::now_v7(),
        device_code.hash().to_vec(),
        &code,
        &request.client_id,
        hint(request.hostname),
        hint(request.model),
        hint(request.os),
        now,
        now + EXPIRES_IN,
        INTERVAL_SECS
    )
    .execute(&mut *tx)
    .await?;
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

#[derive(Debug)]
struct Pending {
    id: Uuid,
    status: String,
    expires_at: time::OffsetDateTime,
    interval_secs: i32,
    last_polled_at: Option<time::OffsetDateTime>,
    device_id: Option<Uuid>,
    account_id: Option<Uuid>,
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
    let found: Option<Pending> = sqlx::query_as!(
        Pending,
        "select id, status, expires_at, interval_secs, last_polled_at, device_id, account_id
         from device_authorizations where device_code_hash = $1 for update",
        device_code.hash().to_vec()
    )
    .fetch_optional(&mut *tx)
    .await?;
    let Some(auth) = found else {
        return Ok(Polled::Refused(refusal(
            TokenErrorCode::InvalidGrant,
            "unknown device_code",
        )));
    };
    if auth.status == "used" {
        return Ok(Polled::Refused(refusal(
            TokenErrorCode::InvalidGrant,
            "this device_code was already exchanged",
        )));
    }
    if auth.status == "denied" {
        return Ok(Polled::Refused(refusal(
            TokenErrorCode::AccessDenied,
            "the person denied the link",
        )));
    }
    if now >= auth.expires_at {
        return Ok(Polled::Refused(refusal(
            TokenErrorCode::ExpiredToken,
            "the code expired: start again",
        )));
    }
    if auth.status == "pending" {
        let too_soon = auth
            .last_polled_at
            .is_some_and(|at| now < at + Duration::seconds(auth.interval_secs.into()));
        let interval = if too_soon {
            auth.interval_secs + 5
        } else {
            auth.interval_secs
        };
        sqlx::query!(
            "update device_authorizations set last_polled_at = $2, interval_secs = $3 where id = $1",
            auth.id,
            now,
            interval
        )
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        return Ok(Polled::Refused(if too_soon {
            TokenError {
                error: TokenErrorCode::SlowDown,
                error_description: Some("polling too fast".to_owned()),
                interval: Some(interval.unsigned_abs().into()),
            }
        } else {
            refusal(
                TokenErrorCode::AuthorizationPending,
                "waiting for the person to approve",
            )
        }));
    }
    let (Some(device_id), Some(account_id)) = (auth.device_id, auth.account_id) else {
        return Ok(Polled::Refused(refusal(
            TokenErrorCode::InvalidGrant,
            "unknown device_code",
        )));
    };
    let token = SessionToken::generate();
    sqlx::query!(
        "update device_authorizations set status = 'used' where id = $1",
        auth.id
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "insert into device_tokens (token_hash, device_id, created_at) values ($1, $2, $3)",
        token.hash().to_vec(),
        device_id,
        now
    )
    .execute(&mut *tx)
    .await?;
    let holder = sqlx::query!(
        r#"select a.display_name, p.kind as "kind?", p.value as "value?" from accounts a
         left join aliases p on p.account_id = a.id and p.is_primary where a.id = $1"#,
        account_id
    )
    .fetch_one(&mut *tx)
    .await?;
    let (name, kind, value) = (holder.display_name, holder.kind, holder.value);
    tx.commit().await?;
    let masked = kind
        .zip(value)
        .and_then(|(k, v)| crate::contact::Destination::from_stored(&k, &v))
        .map(|d| format!(" ({})", d.masked()))
        .unwrap_or_default();
    Ok(Polled::Token(TokenResponse {
        access_token: token.as_str().to_owned(),
        token_type: "Bearer".to_owned(),
        device_id: device_id.to_string(),
        account: format!("{name}{masked}"),
    }))
}
