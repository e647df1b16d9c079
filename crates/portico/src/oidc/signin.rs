//! "Sign in with {provider}": the start, the provider's answer, and what follows it (a
//! sign-in, a link to confirm, a re-authentication, or `new_account` for an unknown identity).

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;
use serde_json::json;
use uuid::Uuid;

use super::store::{self, NewFlow, Purpose};
use super::{BindingCookie, ProviderErrorPage, record_failure, redirect_url};
use crate::app::AppState;
use crate::audit::{self, Kind};
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
        "That sign-in didn't finish",
        "This sign-in link was already used, has expired, or was started in another browser. Start again from the sign-in page.",
    )
}

fn unreachable(name: &str) -> ProviderErrorPage {
    ProviderErrorPage::new(
        StatusCode::BAD_GATEWAY,
        "We couldn't reach the provider",
        format!("{name} didn't answer. Try again in a few minutes, or sign in another way."),
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

#[derive(Debug, Default, Deserialize)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
    error_description: Option<String>,
    iss: Option<String>,
}

/// `GET /oidc/callback`: the provider's answer.
pub async fn callback(
    State(state): State<AppState>,
    client: ClientInfo,
    headers: HeaderMap,
    Query(q): Query<CallbackQuery>,
) -> PageResult {
    let Some(state_param) = q.state.as_deref().filter(|s| !s.is_empty()) else {
        tracing::warn!("provider answer without state");
        return Ok(try_again().render(&state));
    };
    let mut conn = state.db.acquire().await?;
    let flow = store::take_flow(&mut conn, state_param).await?;
    drop(conn);
    let Some(flow) = flow else {
        tracing::warn!("provider answer with an unknown, used or expired state");
        return Ok(try_again().render(&state));
    };
    let account_id = flow.account_id;
    let fail = |reason: String| {
        let (state, client, provider_id) = (&state, &client, flow.provider_id.clone());
        async move {
            record_failure(state, &provider_id, &reason, account_id, client).await;
        }
    };
    let binding = BindingCookie::new(&state).read(&headers);
    if binding.is_none_or(|b| b.hash().as_slice() != flow.binding_hash.as_slice()) {
        fail("the answer reached another browser than the one that started".to_owned()).await;
        return Ok(try_again().render(&state));
    }
    let binding = flow.binding_hash.clone();
    if flow.expires_at <= state.clock.now() {
        fail("the flow expired".to_owned()).await;
        return Ok(try_again().render(&state));
    }
    let Some(provider) = state.oidc.get(&flow.provider_id) else {
        return Ok(try_again().render(&state));
    };
    let name = provider.config.name.clone();
    let back = back_for(&flow);
    if let Some(error) = q.error.as_deref() {
        let detail = q.error_description.as_deref().unwrap_or_default();
        fail(format!("the provider answered {error}: {detail}")).await;
        let problem = if error == "access_denied" {
            ProviderErrorPage::new(
                StatusCode::FORBIDDEN,
                "Sign-in was cancelled",
                format!("{name} didn't sign you in (you may have cancelled). Nothing was changed."),
            )
        } else {
            // Anyone can put an `error` in this address, so only the provider's own failures
            // (RFC 6749 §4.1.2.1) are a bad gateway; the rest refuse the request.
            let theirs = matches!(error, "server_error" | "temporarily_unavailable");
            ProviderErrorPage::new(
                if theirs {
                    StatusCode::BAD_GATEWAY
                } else {
                    StatusCode::BAD_REQUEST
                },
                "The provider refused",
                format!("{name} answered with an error ({error}). Nothing was changed; try again."),
            )
        };
        return Ok(problem.back_to(back.0, back.1).render(&state));
    }
    if let Some(iss) = q.iss.as_deref() {
        match state.oidc.issuer(provider).await {
            Ok(expected) if expected == iss => {}
            Ok(_) => {
                fail(format!("the answer came from issuer {iss}")).await;
                return Ok(try_again().back_to(back.0, back.1).render(&state));
            }
            Err(e) => {
                fail(e.to_string()).await;
                return Ok(unreachable(&name).back_to(back.0, back.1).render(&state));
            }
        }
    }
    let Some(code) = q.code.as_deref().filter(|c| !c.is_empty()) else {
        fail("the answer carried no code".to_owned()).await;
        return Ok(try_again().back_to(back.0, back.1).render(&state));
    };
    let redirect = redirect_url(&state);
    let identity = match state
        .oidc
        .finish(provider, &redirect, code, &flow.pkce_verifier, &flow.nonce)
        .await
    {
        Ok(identity) => identity,
        Err(e) => {
            fail(e.to_string()).await;
            let problem = match e {
                super::ProviderError::Unreachable(_) => unreachable(&name),
                super::ProviderError::Refused(_) => ProviderErrorPage::new(
                    StatusCode::BAD_REQUEST,
                    "The provider refused",
                    format!(
                        "{name} didn't accept this sign-in's code (it may have been used already, or have expired), so nothing was changed. Try again."
                    ),
                ),
                super::ProviderError::Exchange(_) => ProviderErrorPage::new(
                    StatusCode::BAD_GATEWAY,
                    "The provider refused",
                    format!(
                        "{name} didn't accept this sign-in's code, so nothing was changed. Try again."
                    ),
                ),
                super::ProviderError::NoIdToken | super::ProviderError::IdToken(_) => {
                    ProviderErrorPage::new(
                        StatusCode::BAD_GATEWAY,
                        "We couldn't confirm that sign-in",
                        format!(
                            "What {name} sent back didn't pass our checks, so nothing was changed. Try again."
                        ),
                    )
                }
            };
            return Ok(problem.back_to(back.0, back.1).render(&state));
        }
    };
    let mut conn = state.db.acquire().await?;
    let linked = store::linked_account(&mut conn, &identity.issuer, &identity.subject).await?;
    let now = state.clock.now();
    match (flow.purpose(), linked) {
        (Purpose::SignIn, Some(account)) => {
            drop(conn);
            let next = flow.next.as_deref().and_then(LocalPath::parse);
            let done = sign_in(
                &state,
                &headers,
                &client,
                account,
                &provider.config.id,
                next.as_ref(),
                &identity,
            )
            .await?;
            Ok(done)
        }
        (Purpose::SignIn, None) => {
            let token = store::insert_pending(
                &mut conn,
                now,
                &binding,
                &provider.config.id,
                &identity,
                None,
            )
            .await?;
            Ok(Redirect::to(&format!("/oidc/new?t={}", token.as_str())).into_response())
        }
        (Purpose::Link, Some(owner)) => {
            let linked_here = Some(owner) == flow.account_id;
            if !linked_here {
                fail("the identity is linked to another account".to_owned()).await;
            }
            let problem = if linked_here {
                ProviderErrorPage::new(
                    StatusCode::OK,
                    "Already linked",
                    format!("That {name} account is already linked to this account."),
                )
            } else {
                ProviderErrorPage::new(
                    StatusCode::CONFLICT,
                    "Linked to another account",
                    format!(
                        "That {name} account is already linked to another Portico account, so it can't be linked here. Unlink it there first."
                    ),
                )
            };
            Ok(problem.back_to(back.0, back.1).render(&state))
        }
        (Purpose::Reauth, owner) => {
            drop(conn);
            if owner.is_none() || owner != flow.account_id {
                fail("confirmed with an identity not linked to the account".to_owned()).await;
                let problem = ProviderErrorPage::new(
                    StatusCode::FORBIDDEN,
                    "That's another account",
                    format!(
                        "The {name} account you signed in with isn't the one linked to this Portico account. Nothing was changed."
                    ),
                );
                return Ok(problem.back_to(back.0, back.1).render(&state));
            }
            let next = flow.next.clone().unwrap_or_else(|| "/".to_owned());
            reauthenticated(&state, &headers, &client, owner, &provider.config.id, &next).await
        }
        (Purpose::Link, None) => {
            let token = store::insert_pending(
                &mut conn,
                now,
                &binding,
                &provider.config.id,
                &identity,
                flow.account_id,
            )
            .await?;
            let confirm = flow.next.clone().unwrap_or_else(|| "/".to_owned());
            Ok(Redirect::to(&format!("{confirm}?t={}", token.as_str())).into_response())
        }
    }
}

/// Opens the re-authentication window of `account` in this browser after its provider
/// vouched for it again, and goes on to `next`.
async fn reauthenticated(
    state: &AppState,
    headers: &HeaderMap,
    client: &ClientInfo,
    account: Option<Uuid>,
    provider_id: &str,
    next: &str,
) -> PageResult {
    let now = state.clock.now();
    let current = SessionCookie::new(state.config.is_https()).read(headers);
    let Some(current) = current else {
        return Ok(try_again().render(state));
    };
    let signed_in = sessions::accounts(&state.db, now, &current).await?;
    let Some(session) = signed_in
        .into_iter()
        .find(|a| Some(a.account_id) == account && !a.expired)
    else {
        return Ok(try_again().render(state));
    };
    let mut tx = state.db.begin().await?;
    let token =
        sessions::elevate(&mut tx, &state.sessions, now, &current, session.session_id).await?;
    audit::record(
        &mut tx,
        now,
        session.account_id,
        Kind::Reauthenticated,
        client,
        json!({ "method": "provider", "provider": provider_id }),
    )
    .await?;
    tx.commit().await?;
    let Some(token) = token else {
        return Ok(try_again().render(state));
    };
    let cookie = complete::cookie_header(state, &token, session.keep_signed_in);
    Ok(([cookie], Redirect::to(next)).into_response())
}

/// Where a failed flow's page leads back to.
fn back_for(flow: &store::Flow) -> (String, &'static str) {
    match (flow.purpose(), flow.next.as_deref()) {
        (Purpose::Reauth, Some(next)) => (next.to_owned(), "Go back"),
        (Purpose::Link, Some(next)) => (
            next.replace("identities/confirm", "security"),
            "Back to Security",
        ),
        _ => ("/signin".to_owned(), "Back to sign-in"),
    }
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
    let who = complete::who(account_id, false, client);
    let policy = state.sessions;
    let now = state.clock.now();
    match sessions::sign_in(tx, &policy, now, current.as_ref(), &who).await {
        Ok(s) => Ok(s),
        Err(SignInError::TooManyAccounts) => Err(PageError::answer(
            ProviderErrorPage::new(
                StatusCode::CONFLICT,
                "Too many accounts in this browser",
                "Sign out of one of the accounts signed in here, then try again.",
            )
            .render(state),
        )),
        Err(SignInError::Database(e)) => Err(e.into()),
    }
}

/// Signs `account_id` in within this browser after a provider vouched for it.
async fn sign_in(
    state: &AppState,
    headers: &HeaderMap,
    client: &ClientInfo,
    account_id: Uuid,
    provider_id: &str,
    next: Option<&LocalPath>,
    identity: &super::Identity,
) -> PageResult {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let signed_in = open_session(&mut tx, state, headers, client, account_id).await?;
    store::mark_used(&mut tx, now, &identity.issuer, &identity.subject).await?;
    audit::record(
        &mut tx,
        now,
        account_id,
        Kind::SignIn,
        client,
        json!({ "method": "provider", "provider": provider_id }),
    )
    .await?;
    tx.commit().await?;
    Ok(complete::response(state, &signed_in, next))
}
