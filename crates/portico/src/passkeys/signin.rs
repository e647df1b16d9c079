//! Signing in with a passkey: the options (fetched by the sign-in page's script, for its
//! button and for the browser's autofill), then the browser's answer, sent as a form. The
//! same throttle and audit trail as a password sign-in.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;

use super::ceremony::{self, CeremonyError, Refusal};
use crate::app::AppState;
use crate::auth::throttle::{self, ThrottleKey};
use crate::http::client::ClientInfo;
use crate::http::next::LocalPath;
use crate::limits::{self, Limit, LimitError};
use crate::sessions::complete;
use crate::sessions::forms::{CsrfForm, NoFields};
use crate::sessions::store::{SignInError, too_many_accounts_message};
use crate::signin::pages::{Typed, form_again_to};
use crate::text::human_wait;
use crate::ui::{PageResult, ProblemJson};

/// Why passkeys cannot sign in here (a key of `locales/`).
const OFF: &str = "passkey-off";

/// Sign-in ceremonies one network may start in [`OPTIONS_WINDOW`]: every sign-in page view
/// starts one (for the autofill), and each is a row until it expires.
pub const OPTIONS_PER_NETWORK: i32 = 300;
pub const OPTIONS_WINDOW: time::Duration = time::Duration::minutes(10);

/// `POST /signin/passkey/options`: a new sign-in ceremony, as JSON for the page's script.
pub async fn options(
    State(state): State<AppState>,
    client: ClientInfo,
    _form: CsrfForm<NoFields>,
) -> Response {
    let Some(rp) = state.passkeys.as_ref() else {
        let problem =
            portico_wire::Problem::new(404, "Passkeys are off").with_detail(crate::i18n::t(OFF));
        return ProblemJson(problem).into_response();
    };
    let ip = client.ip.map(|ip| ip.to_string()).unwrap_or_default();
    let limit = Limit {
        key: format!("passkey-options:ip:{ip}"),
        max: OPTIONS_PER_NETWORK,
        window: OPTIONS_WINDOW,
        reason: "Too many passkey sign-ins started from this network",
        says: "limit-passkeys-network",
    };
    let taken = match state.db.acquire().await {
        Ok(mut conn) => limits::take(&mut conn, state.clock.now(), &[limit]).await,
        Err(e) => return crate::ui::internal_error(e),
    };
    match taken {
        Ok(()) => {}
        Err(LimitError::Refused(r)) => {
            let detail = r.message();
            let problem = portico_wire::Problem::new(429, "Too many requests").with_detail(detail);
            let mut response = ProblemJson(problem).into_response();
            let wait = r.retry_after.whole_seconds().max(1).to_string();
            if let Ok(value) = axum::http::HeaderValue::from_str(&wait) {
                response
                    .headers_mut()
                    .insert(axum::http::header::RETRY_AFTER, value);
            }
            return response;
        }
        Err(LimitError::Database(e)) => return crate::ui::internal_error(e),
    }
    match ceremony::start_sign_in(&state, rp).await {
        Ok(Some(started)) => Json(json!({
            "ceremony": started.ceremony,
            "options": started.options,
        }))
        .into_response(),
        Ok(None) => ProblemJson(portico_wire::Problem::new(500, "Cannot start")).into_response(),
        Err(e) => crate::ui::internal_error(e),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct PasskeyFields {
    #[serde(default)]
    ceremony: String,
    #[serde(default)]
    credential: String,
    #[serde(default)]
    next: String,
}

/// `POST /signin/passkey`: the browser's answer. A passkey proves a person was there and
/// unlocked it: a fresh sign-in, like a password.
pub async fn finish(
    State(state): State<AppState>,
    client: ClientInfo,
    headers: HeaderMap,
    CsrfForm {
        csrf: token,
        fields,
    }: CsrfForm<PasskeyFields>,
) -> PageResult {
    let typed = Typed {
        address: "",
        region: "",
        next: &fields.next,
    };
    let again =
        |token, message: String, status| form_again_to(&state, token, &typed, message, status);
    let Some(rp) = state.passkeys.as_ref() else {
        return Ok(again(token, crate::i18n::t(OFF), StatusCode::NOT_FOUND));
    };
    let now = state.clock.now();
    let ip = client.ip.map(|ip| ip.to_string()).unwrap_or_default();
    let network = [ThrottleKey::ip(&ip)];
    let mut conn = state.db.acquire().await?;
    let standing = throttle::standing(&mut conn, &network, now).await?;
    drop(conn);
    if standing.wait.is_positive() {
        let message = crate::i18n::t_with(
            "signin-network-throttled",
            &[("wait", human_wait(standing.wait).into())],
        );
        return Ok(again(token, message, StatusCode::TOO_MANY_REQUESTS));
    }
    let proved = ceremony::finish_assertion(
        &state,
        rp,
        &fields.ceremony,
        &fields.credential,
        (None, &client),
    )
    .await;
    let account_id = match proved {
        Ok(account_id) => account_id,
        Err(CeremonyError::Database(e)) => return Err(e.into()),
        Err(CeremonyError::Refused(refusal)) => {
            let mut conn = state.db.acquire().await?;
            if refusal != Refusal::Stale {
                throttle::record_failure(&mut conn, &network, now).await?;
            }
            tracing::info!(?refusal, "passkey sign-in refused");
            let status = match refusal {
                Refusal::Stale => StatusCode::CONFLICT,
                _ => StatusCode::UNPROCESSABLE_ENTITY,
            };
            return Ok(again(token, refusal.to_string(), status));
        }
    };
    let who = complete::who(account_id, false, &client, complete::Method::Passkey);
    let next = LocalPath::parse(&fields.next);
    let method = complete::Method::Passkey;
    match complete::sign_in(&state, &headers, &who, method, next.as_ref()).await {
        Ok(response) => Ok(response),
        // As after a password: the browser holds as many accounts as it may.
        Err(SignInError::TooManyAccounts) => Ok(again(
            token,
            too_many_accounts_message(),
            StatusCode::CONFLICT,
        )),
        // complete::sign_in answers a closing account's offer itself.
        Err(SignInError::Database(e)) => Err(e.into()),
        Err(SignInError::Closing(offer)) => Ok(crate::closing::page::offer_page(&state, &offer)),
    }
}
