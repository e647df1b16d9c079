//! What `/oauth2/token` and `/oauth2/revoke` share: RFC 6749's error JSON, the form read
//! with each parameter once, client authentication (`client_secret_basic`,
//! `client_secret_post`, none for public clients), and the per-network limit on failures.

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::json;

use super::config::Client;
use super::store;
use crate::app::AppState;
use crate::http::client::ClientInfo;
use crate::limits::{self, Limit, LimitError};

/// An OAuth error answer.
#[derive(Debug)]
pub struct OAuthError {
    status: StatusCode,
    error: &'static str,
    description: &'static str,
    /// Answer `WWW-Authenticate: Basic` (the client tried HTTP Basic and failed).
    basic: bool,
}

impl OAuthError {
    pub fn new(error: &'static str, description: &'static str) -> Self {
        Self {
            status: StatusCode::BAD_REQUEST,
            error,
            description,
            basic: false,
        }
    }

    fn invalid_client(basic: bool) -> Self {
        Self {
            status: StatusCode::UNAUTHORIZED,
            error: "invalid_client",
            description: "client authentication failed",
            basic,
        }
    }

    pub fn invalid_grant(description: &'static str) -> Self {
        Self::new("invalid_grant", description)
    }
}

impl IntoResponse for OAuthError {
    fn into_response(self) -> Response {
        let body = json!({ "error": self.error, "error_description": self.description });
        let mut response = (self.status, axum::Json(body)).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        headers.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
        if self.basic {
            headers.insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Basic realm=\"portico\""),
            );
        }
        response
    }
}

/// Unexpected failures: logged, answered `server_error` (503 when the database is out of
/// reach, so the client tries again).
pub(super) fn server_error(e: impl Into<crate::ui::InternalError>) -> Response {
    crate::ui::internal_error(e)
}

/// A form body with each parameter at most once (RFC 6749 §3.2).
pub struct Params(Vec<(String, String)>);

/// Names only: values hold codes, tokens and secrets.
impl std::fmt::Debug for Params {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.0.iter().map(|(k, _)| k))
            .finish()
    }
}

impl Params {
    pub fn parse(body: &[u8]) -> Result<Self, OAuthError> {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(body)
            .map_err(|_| OAuthError::new("invalid_request", "the body must be a form"))?;
        for (i, (k, _)) in pairs.iter().enumerate() {
            if pairs[..i].iter().any(|(seen, _)| seen == k) {
                return Err(OAuthError::new(
                    "invalid_request",
                    "a parameter was sent more than once",
                ));
            }
        }
        Ok(Self(pairs))
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    }
}

/// The client, authenticated by the means it was registered for.
pub async fn authenticate(
    state: &AppState,
    headers: &HeaderMap,
    params: &Params,
) -> Result<Client, Response> {
    let basic = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Basic "));
    let (id, secret, by_basic) = match basic {
        Some(encoded) => {
            let (id, secret) = decode_basic(encoded)
                .ok_or_else(|| OAuthError::invalid_client(true).into_response())?;
            // A body naming another client than the header is a confused client.
            if params.get("client_secret").is_some()
                || params.get("client_id").is_some_and(|body_id| body_id != id)
            {
                return Err(OAuthError::new(
                    "invalid_request",
                    "use one client authentication method, for one client",
                )
                .into_response());
            }
            (id, Some(secret), true)
        }
        None => {
            let id = params.get("client_id").ok_or_else(|| {
                OAuthError::new("invalid_request", "client_id is missing").into_response()
            })?;
            (
                id.to_owned(),
                params.get("client_secret").map(str::to_owned),
                false,
            )
        }
    };
    let client = store::client(&state.db, &id)
        .await
        .map_err(server_error)?
        .ok_or_else(|| OAuthError::invalid_client(by_basic).into_response())?;
    let ok = match (&secret, client.is_public()) {
        (None, true) => true,
        (Some(secret), false) => client.accepts_secret(secret),
        _ => false,
    };
    if ok {
        Ok(client)
    } else {
        Err(OAuthError::invalid_client(by_basic).into_response())
    }
}

/// `client_id:client_secret`, each form-urlencoded (RFC 6749 §2.3.1).
fn decode_basic(encoded: &str) -> Option<(String, String)> {
    let raw = String::from_utf8(STANDARD.decode(encoded.trim()).ok()?).ok()?;
    let (id, secret) = raw.split_once(':')?;
    let decode = |s: &str| {
        url::form_urlencoded::parse(format!("v={s}").as_bytes())
            .next()
            .map(|(_, v)| v.into_owned())
    };
    Some((decode(id)?, decode(secret)?))
}

/// The frame of both endpoints: the network's failure limit, the form, the client's
/// authentication, then `answer`; a refusal counts against the limit.
pub(super) async fn for_client(
    state: &AppState,
    client_info: &ClientInfo,
    headers: &HeaderMap,
    body: &[u8],
    answer: impl AsyncFnOnce(&Client, &Params) -> Response,
) -> Response {
    if let Some(refused) = limited(state, client_info).await {
        return refused;
    }
    let answered = match Params::parse(body) {
        Err(e) => e.into_response(),
        Ok(params) => match authenticate(state, headers, &params).await {
            Ok(client) => answer(&client, &params).await,
            Err(refused) => refused,
        },
    };
    count_failure(state, client_info, answered).await
}

/// Failed token and revocation requests one network may make in [`FAILURE_WINDOW`], as
/// for sign-ins: a client cannot guess codes, refresh tokens or secrets faster than people
/// can guess passwords. Successes are not counted (one back end serves many people).
pub const FAILURES_PER_NETWORK: i32 = 300;
pub const FAILURE_WINDOW: time::Duration = time::Duration::minutes(10);

pub(super) fn failure_limit(client: &ClientInfo) -> Option<Limit> {
    let ip = client.ip?;
    Some(Limit {
        key: format!("oauth2-failures:ip:{ip}"),
        max: FAILURES_PER_NETWORK,
        window: FAILURE_WINDOW,
        reason: "Too many failed token requests from this network",
        says: "limit-token-network",
    })
}

pub(super) fn slow_down(retry_after: time::Duration) -> Response {
    let mut response = OAuthError {
        status: StatusCode::TOO_MANY_REQUESTS,
        error: "slow_down",
        description: "too many failed requests from this network; try again later",
        basic: false,
    }
    .into_response();
    let wait = retry_after.whole_seconds().max(1).to_string();
    if let Ok(v) = HeaderValue::from_str(&wait) {
        response.headers_mut().insert(header::RETRY_AFTER, v);
    }
    response
}

/// Refuses at once while the network's failures are exhausted.
pub(super) async fn limited(state: &AppState, client: &ClientInfo) -> Option<Response> {
    let limit = failure_limit(client)?;
    let mut conn = match state.db.acquire().await {
        Ok(c) => c,
        Err(e) => return Some(server_error(e)),
    };
    match limits::exhausted(&mut conn, state.clock.now(), &limit).await {
        Ok(None) => None,
        Ok(Some(wait)) => Some(slow_down(wait)),
        Err(e) => Some(server_error(e)),
    }
}

/// Counts a failed request (a 4xx answer) against the network's limit.
pub(super) async fn count_failure(
    state: &AppState,
    client: &ClientInfo,
    response: Response,
) -> Response {
    if !response.status().is_client_error() {
        return response;
    }
    let Some(limit) = failure_limit(client) else {
        return response;
    };
    let taken = match state.db.acquire().await {
        Ok(mut conn) => limits::take(&mut conn, state.clock.now(), &[limit]).await,
        Err(e) => return server_error(e),
    };
    match taken {
        Ok(()) => response,
        Err(LimitError::Refused(r)) => slow_down(r.retry_after),
        Err(LimitError::Database(e)) => server_error(e),
    }
}
