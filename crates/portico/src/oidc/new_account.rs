//! An identity a provider vouched for that no account knows yet: "Create a new Portico
//! account" (from the provider's claims) or "I already have a Portico account" (sign in to
//! it, then confirm the link).

use crate::http::csrf::CsrfToken;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;
use sqlx::PgConnection;
use uuid::Uuid;

use super::signin::{open_session, try_again};
use super::store::{self, Pending};
use super::{BindingCookie, ProviderErrorPage};
use crate::aliases;
use crate::app::AppState;
use crate::audit::{self, Kind};
use crate::auth::accounts;
use crate::contact::{Destination, EmailAddress};
use crate::http::client::ClientInfo;
use crate::http::next::LocalPath;
use crate::http::next::sign_in_link;
use crate::sessions::forms::CsrfForm;
use crate::sessions::{SessionToken, complete};
use crate::signup::form::parse_display_name;
use crate::ui::PageResult;
use crate::ui::{Layout, render_html};
use crate::verification::Purpose as CodePurpose;
use crate::verification::send::{self, Requester};

#[derive(Template)]
#[template(path = "pages/oidc/new.html")]
struct NewPage<'a> {
    layout: Layout<'a>,
    csrf: String,
    token: &'a str,
    provider: &'a str,
    name: &'a str,
    email: Option<&'a str>,
    /// What happens to the email: `primary`, `code` or `not_verified`.
    email_fate: &'static str,
    link_href: String,
    error: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct NewQuery {
    #[serde(default)]
    t: String,
}

/// The pending identity this browser holds under `token`, and the token.
async fn pending_here(
    state: &AppState,
    headers: &HeaderMap,
    token: &str,
) -> sqlx::Result<Option<(SessionToken, Pending)>> {
    let (Some(token), Some(binding)) = (
        SessionToken::from_cookie(token),
        BindingCookie::new(state).read(headers),
    ) else {
        return Ok(None);
    };
    let mut conn = state.db.acquire().await?;
    let found = store::find_pending(&mut conn, state.clock.now(), &token, &binding).await?;
    Ok(found.map(|p| (token, p)))
}

fn email_fate(state: &AppState, pending: &Pending) -> &'static str {
    let trusted = state
        .oidc
        .get(&pending.provider_id)
        .is_some_and(|p| p.config.trust_email);
    match (pending.email.is_some(), pending.email_verified, trusted) {
        (true, true, true) => "primary",
        (true, true, false) => "code",
        (true, false, _) => "not_verified",
        (false, _, _) => "none",
    }
}

fn new_page(
    state: &AppState,
    csrf: CsrfToken,
    token: &str,
    pending: &Pending,
    name: &str,
    error: Option<String>,
    status: StatusCode,
) -> Response {
    let provider = state
        .oidc
        .get(&pending.provider_id)
        .map_or(pending.provider_id.as_str(), |p| p.config.name.as_str());
    let page = NewPage {
        layout: Layout::new(state, crate::i18n::t("oidc-welcome")),
        csrf: csrf.authenticity_token(),
        token,
        provider,
        name,
        email: pending.email.as_deref(),
        email_fate: email_fate(state, pending),
        link_href: sign_in_link(None, &format!("/u/0/identities/confirm?t={token}")),
        error,
    };
    (status, csrf, render_html(&page)).into_response()
}

/// `GET /oidc/new?t=…`: an identity we do not know: a new account, or one the person has.
pub async fn show_new(
    State(state): State<AppState>,
    csrf: CsrfToken,
    headers: HeaderMap,
    Query(q): Query<NewQuery>,
) -> PageResult {
    let Some((_, pending)) = pending_here(&state, &headers, &q.t).await? else {
        return Ok(try_again().render(&state));
    };
    if pending.account_id.is_some() {
        return Ok(try_again().render(&state));
    }
    let name = pending.name.clone().unwrap_or_default();
    Ok(new_page(
        &state,
        csrf,
        &q.t,
        &pending,
        &name,
        None,
        StatusCode::OK,
    ))
}

#[derive(Debug, Default, Deserialize)]
pub struct NewFields {
    #[serde(default)]
    t: String,
    #[serde(default)]
    display_name: String,
}

/// `POST /oidc/new`: "Create a new Portico account" for the identity.
pub async fn create_account(
    State(state): State<AppState>,
    client: ClientInfo,
    headers: HeaderMap,
    CsrfForm { csrf, fields }: CsrfForm<NewFields>,
) -> PageResult {
    let Some((token, pending)) = pending_here(&state, &headers, &fields.t).await? else {
        return Ok(try_again().render(&state));
    };
    if pending.account_id.is_some() {
        return Ok(try_again().render(&state));
    }
    let name = match parse_display_name(&fields.display_name) {
        Ok(name) => name,
        Err(message) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return Ok(new_page(
                &state,
                csrf,
                &fields.t,
                &pending,
                &fields.display_name,
                Some(message),
                status,
            ));
        }
    };
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    if !store::take_pending(&mut tx, &token).await? {
        return Ok(try_again().render(&state));
    }
    let account_id = accounts::insert(&mut tx, now, &name, None).await?;
    if !store::link(&mut tx, now, account_id, &pending).await? {
        drop(tx);
        return Ok(ProviderErrorPage::new(
            StatusCode::CONFLICT,
            "oidc-already-linked",
            crate::i18n::t("oidc-linked-meanwhile"),
        )
        .render(&state));
    }
    audit::record(
        &mut tx,
        now,
        account_id,
        Kind::AccountCreated,
        &client,
        json!({ "provider": pending.provider_id }),
    )
    .await?;
    let code_sent = first_email(&mut tx, &state, &client, account_id, &pending).await?;
    let signed_in = open_session(&mut tx, &state, &headers, &client, account_id).await?;
    audit::record(
        &mut tx,
        now,
        account_id,
        Kind::SignIn,
        &client,
        json!({ "method": "provider", "provider": pending.provider_id }),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(%account_id, provider = %pending.provider_id, "account created through a provider");
    // The new account's code page, at the position it took in this browser.
    let next = code_sent.and_then(|c| {
        let n = signed_in.position;
        LocalPath::parse(&format!("/u/{n}/aliases/verify?c={c}&welcome=1"))
    });
    Ok(complete::response(&state, &signed_in, next.as_ref()))
}

/// The provider's email as the new account's first alias, as the provider's settings say:
/// verified and primary when the provider is trusted for email (and nobody else holds the
/// address), or pending with a code sent. Answers the code's challenge when one went out.
async fn first_email(
    tx: &mut PgConnection,
    state: &AppState,
    client: &ClientInfo,
    account_id: Uuid,
    pending: &Pending,
) -> sqlx::Result<Option<Uuid>> {
    let now = state.clock.now();
    let email = pending
        .email
        .as_deref()
        .and_then(|e| EmailAddress::parse(e).ok())
        .map(Destination::Email);
    match (email, email_fate(state, pending)) {
        (Some(email), "primary") => {
            let owner = accounts::find_by_verified_alias(tx, &email).await?;
            let normalized = email.normalized();
            let held_until = aliases::store::held_until(tx, &normalized, account_id, now).await?;
            if owner.is_none() && held_until.is_none() {
                store::insert_first_email(tx, account_id, &email, Some(now), now).await?;
            }
            Ok(None)
        }
        (Some(email), "code") => {
            store::insert_first_email(tx, account_id, &email, None, now).await?;
            let requester = Requester {
                ip: client.ip,
                account_id: Some(account_id),
            };
            // A refused code (limits) leaves the address pending: Your Info offers to send
            // another.
            let purpose = CodePurpose::VerifyAlias;
            let sent = send::send_code(tx, state, &requester, purpose, &email).await;
            Ok(sent.ok().map(|issued| issued.id))
        }
        _ => Ok(None),
    }
}
