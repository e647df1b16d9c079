//! "Sign in with {provider}": starting a flow at the provider, and opening a session once
//! the answer came back (`callback`).

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;
use uuid::Uuid;

use super::store::{self, NewFlow, Purpose};
use super::{BindingCookie, ProviderErrorPage, record_failure, redirect_url};
use crate::app::AppState;
use crate::http::client::ClientInfo;
use crate::http::next::LocalPath;
use crate::sessions::complete;
use crate::sessions::cookie::SessionCookie;
use crate::sessions::forms::CsrfForm;
use crate::sessions::store::{self as sessions, SignInError};
use crate::ui::{ErrorPage, PageError, PageResult};

pub(super) fn try_again() -> ProviderErrorPage {
    ProviderErrorPage::new(
        StatusCode::BAD_REQUEST,
        "oidc-unfinished",
        crate::i18n::t("oidc-unfinished-text"),
    )
}

pub(super) fn unreachable(name: &str) -> ProviderErrorPage {
    ProviderErrorPage::new(
        StatusCode::BAD_GATEWAY,
        "oidc-unreachable",
        super::callback::with_provider("oidc-unreachable-text", name),
    )
}

/// Starts a flow at `provider` for this browser and sends the browser there.
pub(crate) async fn begin(
    state: &AppState,
    headers: &HeaderMap,
    client: &ClientInfo,
    provider_id: &str,
    purpose: Purpose,
    account_id: Option<Uuid>,
    next: Option<&str>,
) -> PageResult {
    let Some(provider) = state.oidc.get(provider_id) else {
        return Ok(ErrorPage::not_found().into_response());
    };
    let fresh_login = purpose != Purpose::SignIn;
    let started = match state
        .oidc
        .start(provider, &redirect_url(state), fresh_login)
        .await
    {
        Ok(s) => s,
        Err(e) => {
            record_failure(state, provider_id, &e.to_string(), account_id, client).await;
            return Ok(unreachable(&provider.config.name).render(state));
        }
    };
    let (binding, set_cookie) = BindingCookie::new(state).get_or_make(headers);
    let flow = NewFlow {
        binding: &binding,
        provider_id,
        purpose,
        account_id,
        next,
    };
    let mut conn = state.db.acquire().await?;
    store::insert_flow(&mut conn, state.clock.now(), &flow, &started).await?;
    let mut response = Redirect::to(started.url.as_str()).into_response();
    if let Some(cookie) = set_cookie {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    Ok(response)
}

#[derive(Debug, Default, Deserialize)]
pub struct StartFields {
    #[serde(default)]
    next: String,
}

/// `POST /oidc/{provider}/start`: the sign-in page's "Sign in with {provider}".
pub async fn start(
    State(state): State<AppState>,
    client: ClientInfo,
    headers: HeaderMap,
    Path(provider_id): Path<String>,
    CsrfForm { csrf: _, fields }: CsrfForm<StartFields>,
) -> PageResult {
    let next = LocalPath::parse(&fields.next);
    let next = next.as_ref().map(LocalPath::as_str);
    begin(
        &state,
        &headers,
        &client,
        &provider_id,
        Purpose::SignIn,
        None,
        next,
    )
    .await
}

/// A session for `account_id` in this browser (a new token), in the caller's transaction;
/// the early answer is the page that says why not (the browser holds too many accounts).
pub(super) async fn open_session(
    tx: &mut sqlx::PgConnection,
    state: &AppState,
    headers: &HeaderMap,
    client: &ClientInfo,
    account_id: Uuid,
) -> Result<sessions::SignedInAt, PageError> {
    let current = SessionCookie::new(state.config.is_https()).read(headers);
    let who = complete::who(account_id, false, client, complete::Method::Provider);
    match complete::open(tx, state, current.as_ref(), &who).await {
        Ok(s) => Ok(s),
        Err(SignInError::TooManyAccounts) => Err(PageError::answer(
            ProviderErrorPage::new(
                StatusCode::CONFLICT,
                "oidc-too-many-accounts",
                crate::i18n::t("oidc-too-many-accounts-text"),
            )
            .render(state),
        )),
        Err(SignInError::Closing(offer)) => Err(PageError::answer(
            crate::closing::page::offer_page(state, &offer),
        )),
        Err(SignInError::Database(e)) => Err(e.into()),
    }
}
