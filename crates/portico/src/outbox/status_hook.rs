//! `POST /hooks/twilio/status`: Twilio reports what became of an SMS. Only requests that
//! carry Twilio's signature for our auth token are believed.

use axum::body::Bytes;
use axum::extract::{OriginalUri, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use secrecy::ExposeSecret;

use crate::app::AppState;
use crate::outbox::store;
use crate::outbox::twilio::{STATUS_CALLBACK_PATH, signature_is_valid};
use crate::ui::{ErrorPage, internal_error};

pub async fn twilio_status(
    State(state): State<AppState>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let Some(twilio) = &state.config.delivery.twilio else {
        return ErrorPage::not_found().into_response();
    };
    // Twilio signs the URL it called: the one we gave it, built from the public URL.
    let mut signed_url = match state
        .config
        .public_url
        .join(STATUS_CALLBACK_PATH.trim_start_matches('/'))
    {
        Ok(url) => url.to_string(),
        Err(e) => return internal_error(e),
    };
    if let Some(query) = uri.query() {
        signed_url = format!("{signed_url}?{query}");
    }
    let params: Vec<(String, String)> = url::form_urlencoded::parse(&body).into_owned().collect();
    let signature = headers
        .get("x-twilio-signature")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if !signature_is_valid(
        twilio.auth_token.expose_secret(),
        &signed_url,
        &params,
        signature,
    ) {
        tracing::warn!("refused a Twilio status callback with a bad signature");
        return ErrorPage::for_status(StatusCode::FORBIDDEN).into_response();
    }
    let param = |name: &str| {
        params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let (Some(sid), Some(status)) = (param("MessageSid"), param("MessageStatus")) else {
        return ErrorPage::for_status(StatusCode::BAD_REQUEST).into_response();
    };
    let error_code = param("ErrorCode").and_then(|c| c.parse().ok());
    match store::record_delivery_status(
        &state.db,
        "twilio",
        sid,
        status,
        error_code,
        state.clock.now(),
    )
    .await
    {
        Ok(true) => StatusCode::NO_CONTENT.into_response(),
        Ok(false) => {
            tracing::info!(
                message_sid = sid,
                "status callback for a message we do not know"
            );
            StatusCode::NO_CONTENT.into_response()
        }
        Err(e) => internal_error(e),
    }
}
