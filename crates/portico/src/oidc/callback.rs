//! The provider's answer at `/oidc/callback`: checked (the flow's state, this browser, the
//! issuer, the code exchange and every ID-token check), then followed: a sign-in, a new
//! account to offer, a link to confirm, or a re-authentication.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;
use serde_json::json;
use uuid::Uuid;

use super::provider::Provider;
use super::signin::{open_session, try_again, unreachable};
use super::store::{self, Flow, Purpose};
use super::{
    BindingCookie, Identity, ProviderError, ProviderErrorPage, record_failure, redirect_url,
};
use crate::app::AppState;
use crate::audit::{self, Kind};
use crate::http::client::ClientInfo;
use crate::http::next::LocalPath;
use crate::sessions::complete;
use crate::sessions::cookie::SessionCookie;
use crate::sessions::store as sessions;
use crate::ui::{PageError, PageResult};

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
    let answer = checked_answer(&state, &client, &headers, &q).await?;
    follow(&state, &client, &headers, answer).await
}

/// An answer that passed every check: the flow it belongs to and who the provider says.
struct Answer<'a> {
    flow: Flow,
    provider: &'a Provider,
    identity: Identity,
}

/// Checks the answer; a refusal is the early answer of the error (logged, and in the
/// account's Recent activity when an account is involved).
async fn checked_answer<'a>(
    state: &'a AppState,
    client: &ClientInfo,
    headers: &HeaderMap,
    q: &CallbackQuery,
) -> Result<Answer<'a>, PageError> {
    let refuse = |page: ProviderErrorPage| PageError::answer(page.render(state));
    let Some(state_param) = q.state.as_deref().filter(|s| !s.is_empty()) else {
        tracing::warn!("provider answer without state");
        return Err(refuse(try_again()));
    };
    let mut conn = state.db.acquire().await?;
    let flow = store::take_flow(&mut conn, state_param).await?;
    drop(conn);
    let Some(flow) = flow else {
        tracing::warn!("provider answer with an unknown, used or expired state");
        return Err(refuse(try_again()));
    };
    let fail = |reason: String| {
        let provider_id = flow.provider_id.clone();
        let account_id = flow.account_id;
        async move { record_failure(state, &provider_id, &reason, account_id, client).await }
    };
    let binding = BindingCookie::new(state).read(headers);
    if binding.is_none_or(|b| b.hash().as_slice() != flow.binding_hash.as_slice()) {
        fail("the answer reached another browser than the one that started".to_owned()).await;
        return Err(refuse(try_again()));
    }
    if flow.expires_at <= state.clock.now() {
        fail("the flow expired".to_owned()).await;
        return Err(refuse(try_again()));
    }
    let Some(provider) = state.oidc.get(&flow.provider_id) else {
        return Err(refuse(try_again()));
    };
    let name = provider.config.name.clone();
    let (back, back_label) = back_for(&flow);
    let refuse_back = |page: ProviderErrorPage| refuse(page.back_to(back.clone(), back_label));
    if let Some(error) = q.error.as_deref() {
        let detail = q.error_description.as_deref().unwrap_or_default();
        fail(format!("the provider answered {error}: {detail}")).await;
        return Err(refuse_back(provider_said(&name, error)));
    }
    if let Some(iss) = q.iss.as_deref() {
        match state.oidc.issuer(provider).await {
            Ok(expected) if expected == iss => {}
            Ok(_) => {
                fail(format!("the answer came from issuer {iss}")).await;
                return Err(refuse_back(try_again()));
            }
            Err(e) => {
                fail(e.to_string()).await;
                return Err(refuse_back(unreachable(&name)));
            }
        }
    }
    let Some(code) = q.code.as_deref().filter(|c| !c.is_empty()) else {
        fail("the answer carried no code".to_owned()).await;
        return Err(refuse_back(try_again()));
    };
    let redirect = redirect_url(state);
    let finished = state
        .oidc
        .finish(provider, &redirect, code, &flow.pkce_verifier, &flow.nonce)
        .await;
    match finished {
        Ok(identity) => Ok(Answer {
            flow,
            provider,
            identity,
        }),
        Err(e) => {
            fail(e.to_string()).await;
            Err(refuse_back(exchange_failed(&name, &e)))
        }
    }
}

/// The page for an `error` in the answer. Anyone can put one in this address, so only the
/// provider's own failures (RFC 6749 §4.1.2.1) are a bad gateway; the rest refuse the
/// request.
fn provider_said(name: &str, error: &str) -> ProviderErrorPage {
    if error == "access_denied" {
        return ProviderErrorPage::new(
            StatusCode::FORBIDDEN,
            "oidc-cancelled",
            with_provider("oidc-cancelled-text", name),
        );
    }
    let theirs = matches!(error, "server_error" | "temporarily_unavailable");
    ProviderErrorPage::new(
        if theirs {
            StatusCode::BAD_GATEWAY
        } else {
            StatusCode::BAD_REQUEST
        },
        "oidc-refused",
        crate::i18n::t_with(
            "oidc-refused-error",
            &[
                ("provider", name.to_owned().into()),
                ("error", error.to_owned().into()),
            ],
        ),
    )
}

/// The page for a code exchange or an ID token that did not work: a code the provider
/// refused is the client's doing (400); an answer we could not use is the provider's (502).
fn exchange_failed(name: &str, e: &ProviderError) -> ProviderErrorPage {
    match e {
        ProviderError::Unreachable(_) => unreachable(name),
        ProviderError::Refused(_) => ProviderErrorPage::new(
            StatusCode::BAD_REQUEST,
            "oidc-refused",
            with_provider("oidc-code-refused", name),
        ),
        ProviderError::Exchange(_) => ProviderErrorPage::new(
            StatusCode::BAD_GATEWAY,
            "oidc-refused",
            with_provider("oidc-code-not-accepted", name),
        ),
        ProviderError::NoIdToken | ProviderError::IdToken(_) => ProviderErrorPage::new(
            StatusCode::BAD_GATEWAY,
            "oidc-unconfirmed",
            with_provider("oidc-unconfirmed-text", name),
        ),
    }
}

/// What a checked answer leads to, by the flow's purpose and whether the identity is
/// linked already.
async fn follow(
    state: &AppState,
    client: &ClientInfo,
    headers: &HeaderMap,
    answer: Answer<'_>,
) -> PageResult {
    let Answer {
        flow,
        provider,
        identity,
    } = answer;
    let provider_id = &provider.config.id;
    let (back, back_label) = back_for(&flow);
    let mut conn = state.db.acquire().await?;
    let linked = store::linked_account(&mut conn, &identity.issuer, &identity.subject).await?;
    let now = state.clock.now();
    match (flow.purpose(), linked) {
        (Purpose::SignIn, Some(account)) => {
            drop(conn);
            let next = flow.next.as_deref().and_then(LocalPath::parse);
            sign_in(
                state,
                headers,
                client,
                account,
                provider_id,
                next.as_ref(),
                &identity,
            )
            .await
        }
        (Purpose::SignIn, None) => {
            let token = store::insert_pending(
                &mut conn,
                now,
                &flow.binding_hash,
                provider_id,
                &identity,
                None,
            )
            .await?;
            Ok(Redirect::to(&format!("/oidc/new?t={}", token.as_str())).into_response())
        }
        (Purpose::Link, Some(owner)) => {
            let page = already_linked(state, client, &flow, owner, provider).await;
            Ok(page.back_to(back, back_label).render(state))
        }
        (Purpose::Link, None) => {
            let token = store::insert_pending(
                &mut conn,
                now,
                &flow.binding_hash,
                provider_id,
                &identity,
                flow.account_id,
            )
            .await?;
            let confirm = flow.next.clone().unwrap_or_else(|| "/".to_owned());
            Ok(Redirect::to(&format!("{confirm}?t={}", token.as_str())).into_response())
        }
        (Purpose::Reauth, owner) => {
            drop(conn);
            match owner.filter(|o| Some(*o) == flow.account_id) {
                Some(owner) => {
                    let next = flow.next.clone().unwrap_or_else(|| "/".to_owned());
                    reauthenticated(state, headers, client, Some(owner), provider_id, &next).await
                }
                None => {
                    let page = not_the_linked_account(state, client, &flow, provider).await;
                    Ok(page.back_to(back, back_label).render(state))
                }
            }
        }
    }
}

/// Linking an identity that `owner` already has: said plainly when it is this account,
/// refused and audited when it is another.
async fn already_linked(
    state: &AppState,
    client: &ClientInfo,
    flow: &Flow,
    owner: Uuid,
    provider: &Provider,
) -> ProviderErrorPage {
    let name = &provider.config.name;
    if Some(owner) == flow.account_id {
        return ProviderErrorPage::new(
            StatusCode::OK,
            "oidc-already-linked",
            with_provider("oidc-already-linked-text", name),
        );
    }
    let reason = "the identity is linked to another account";
    record_failure(state, &provider.config.id, reason, flow.account_id, client).await;
    ProviderErrorPage::new(
        StatusCode::CONFLICT,
        "oidc-linked-elsewhere",
        with_provider("oidc-linked-elsewhere-text", name),
    )
}

/// "Confirm it's you" answered with an identity that is not this account's: refused and
/// audited.
async fn not_the_linked_account(
    state: &AppState,
    client: &ClientInfo,
    flow: &Flow,
    provider: &Provider,
) -> ProviderErrorPage {
    let reason = "confirmed with an identity not linked to the account";
    record_failure(state, &provider.config.id, reason, flow.account_id, client).await;
    let name = &provider.config.name;
    ProviderErrorPage::new(
        StatusCode::FORBIDDEN,
        "oidc-another-account",
        with_provider("oidc-another-account-text", name),
    )
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
    let token = sessions::elevate(
        &mut tx,
        &state.sessions,
        now,
        &current,
        session.session_id,
        "provider",
    )
    .await?;
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
fn back_for(flow: &Flow) -> (String, &'static str) {
    match (flow.purpose(), flow.next.as_deref()) {
        (Purpose::Reauth, Some(next)) => (next.to_owned(), "oidc-go-back"),
        (Purpose::Link, Some(next)) => (
            next.replace("identities/confirm", "security"),
            "oidc-back-security",
        ),
        _ => ("/signin".to_owned(), "oidc-back-sign-in"),
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
    identity: &Identity,
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

/// A provider's message naming it.
pub(super) fn with_provider(key: &str, name: &str) -> String {
    crate::i18n::t_with(key, &[("provider", name.to_owned().into())])
}
