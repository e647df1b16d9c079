//! Linking an account to an identity at a provider ("Sign in with {provider} instead"), from
//! the Security page or after signing in from "I already have a Portico account"; and
//! unlinking, which never leaves an account with no way in.

use crate::http::csrf::CsrfToken;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;
use serde_json::json;
use uuid::Uuid;

use super::store::{self, Pending, Purpose};
use super::{BindingCookie, ProviderErrorPage, other_ways_in};
use crate::app::AppState;
use crate::audit::{self, Kind};
use crate::http::client::ClientInfo;
use crate::reauth;
use crate::reauth::{RecentForm, RecentPage};
use crate::sessions::SessionToken;
use crate::sessions::extract::SignedIn;
use crate::ui::FormGuard;
use crate::ui::{ErrorPage, PageError, PageResult};
use crate::ui::{Layout, render_html};

#[derive(Debug, Default, Deserialize)]
pub struct LinkFields {
    #[serde(default)]
    provider: String,
}

/// `POST /u/{n}/identities/link`: "Sign in with {provider} instead" (needs a recent sign-in).
pub async fn start(
    State(state): State<AppState>,
    client: ClientInfo,
    headers: HeaderMap,
    RecentForm(form): RecentForm<LinkFields>,
) -> PageResult {
    let confirm = form.signed_in.path("identities/confirm");
    super::signin::begin(
        &state,
        &headers,
        &client,
        &form.fields.provider,
        Purpose::Link,
        Some(form.signed_in.account.account_id),
        Some(&confirm),
    )
    .await
}

#[derive(Template)]
#[template(path = "pages/oidc/confirm.html")]
struct ConfirmPage<'a> {
    layout: Layout<'a>,
    position: i32,
    guard: FormGuard,
    token: &'a str,
    provider: &'a str,
    email: Option<&'a str>,
    account_name: &'a str,
    /// Whether the account's own password is asked for (the last step of linking).
    password: bool,
    error: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct ConfirmQuery {
    #[serde(default)]
    t: String,
}

/// The pending identity `token` names, if this browser holds it and it may be linked to
/// the signed-in account; otherwise the page that says why not.
async fn pending_for(
    state: &AppState,
    headers: &HeaderMap,
    signed_in: &SignedIn,
    token: &str,
) -> Result<(SessionToken, Pending), PageError> {
    let security = signed_in.path("security");
    let stale = || {
        ProviderErrorPage::new(
            StatusCode::BAD_REQUEST,
            "oidc-link-expired",
            crate::i18n::t("oidc-link-expired-text"),
        )
        .back_to(security.clone(), "oidc-back-security")
        .render(state)
    };
    let (Some(token), Some(binding)) = (
        SessionToken::from_cookie(token),
        BindingCookie::new(state).read(headers),
    ) else {
        return Err(PageError::answer(stale()));
    };
    let mut conn = state.db.acquire().await?;
    let found = store::find_pending(&mut conn, state.clock.now(), &token, &binding).await?;
    match found {
        Some(p)
            if p.account_id
                .is_none_or(|a| a == signed_in.account.account_id) =>
        {
            Ok((token, p))
        }
        Some(_) => Err(PageError::answer(
            ProviderErrorPage::new(
                StatusCode::CONFLICT,
                "oidc-other-account-link",
                crate::i18n::t("oidc-other-account-link-text"),
            )
            .back_to(security, "oidc-back-security")
            .render(state),
        )),
        None => Err(PageError::answer(stale())),
    }
}

fn provider_name<'a>(state: &'a AppState, pending: &'a Pending) -> &'a str {
    state
        .oidc
        .get(&pending.provider_id)
        .map_or(pending.provider_id.as_str(), |p| p.config.name.as_str())
}

async fn confirm_page(
    state: &AppState,
    signed_in: &SignedIn,
    csrf: CsrfToken,
    token: &str,
    pending: &Pending,
    error: Option<String>,
    status: StatusCode,
) -> PageResult {
    let mut conn = state.db.acquire().await?;
    let password = crate::auth::accounts::password_hash(&mut conn, signed_in.account.account_id)
        .await?
        .is_some();
    drop(conn);
    let page = ConfirmPage {
        layout: Layout::new(state, crate::i18n::t("oidc-link-title"))
            .with_account(signed_in.menu(state, &csrf)),
        position: signed_in.account.position,
        guard: signed_in.guard(state, &csrf),
        token,
        provider: provider_name(state, pending),
        email: pending.email.as_deref(),
        account_name: &signed_in.account.display_name,
        password,
        error,
    };
    Ok((status, csrf, render_html(&page)).into_response())
}

/// `GET /u/{n}/identities/confirm?t=…`: "Link this identity to this account?", with the
/// account's own password to type (as Windows asks for the local password).
pub async fn show_confirm(
    State(state): State<AppState>,
    csrf: CsrfToken,
    headers: HeaderMap,
    RecentPage(signed_in): RecentPage,
    Query(q): Query<ConfirmQuery>,
) -> PageResult {
    let (_, pending) = pending_for(&state, &headers, &signed_in, &q.t).await?;
    confirm_page(
        &state,
        &signed_in,
        csrf,
        &q.t,
        &pending,
        None,
        StatusCode::OK,
    )
    .await
}

#[derive(Debug, Default, Deserialize)]
pub struct ConfirmFields {
    #[serde(default)]
    t: String,
    #[serde(default)]
    confirm_password: String,
}

/// `POST /u/{n}/identities/confirm`: links the identity (needs a recent sign-in).
pub async fn confirm(
    State(state): State<AppState>,
    client: ClientInfo,
    headers: HeaderMap,
    RecentForm(form): RecentForm<ConfirmFields>,
) -> PageResult {
    let signed_in = &form.signed_in;
    let (token, pending) = pending_for(&state, &headers, signed_in, &form.fields.t).await?;
    let account_id = signed_in.account.account_id;
    let mut conn = state.db.acquire().await?;
    let has_password = crate::auth::accounts::password_hash(&mut conn, account_id)
        .await?
        .is_some();
    drop(conn);
    if has_password {
        let typed = &form.fields.confirm_password;
        if let reauth::Proof::Refused(refusal) =
            reauth::check_own_password(&state, account_id, &client, typed, "link").await?
        {
            let t = &form.fields.t;
            let csrf = form.csrf;
            return confirm_page(
                &state,
                signed_in,
                csrf,
                t,
                &pending,
                Some(refusal.message),
                refusal.status,
            )
            .await;
        }
    }
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    if !store::take_pending(&mut tx, &token).await? {
        return Ok(ErrorPage::for_status(StatusCode::CONFLICT).into_response());
    }
    if !store::link(&mut tx, now, account_id, &pending).await? {
        drop(tx);
        super::record_failure(
            &state,
            &pending.provider_id,
            "the identity is linked to another account",
            Some(account_id),
            &client,
        )
        .await;
        let name = provider_name(&state, &pending);
        return Ok(ProviderErrorPage::new(
            StatusCode::CONFLICT,
            "oidc-linked-elsewhere",
            super::callback::with_provider("oidc-linked-elsewhere-text", name),
        )
        .back_to(signed_in.path("security"), "oidc-back-security")
        .render(&state));
    }
    audit::record(
        &mut tx,
        now,
        account_id,
        Kind::IdentityLinked,
        &client,
        json!({ "provider": pending.provider_id }),
    )
    .await?;
    tx.commit().await?;
    let to = format!(
        "{}?provider={}",
        signed_in.path("identities/linked"),
        pending.provider_id
    );
    Ok(Redirect::to(&to).into_response())
}

#[derive(Template)]
#[template(path = "pages/oidc/linked.html")]
struct LinkedPage<'a> {
    layout: Layout<'a>,
    position: i32,
    provider: &'a str,
}

#[derive(Debug, Default, Deserialize)]
pub struct LinkedQuery {
    #[serde(default)]
    provider: String,
}

/// `GET /u/{n}/identities/linked`: done, and the offer of a passkey (later, or skip).
pub async fn show_linked(
    State(state): State<AppState>,
    csrf: CsrfToken,
    signed_in: SignedIn,
    Query(q): Query<LinkedQuery>,
) -> PageResult {
    let provider = state
        .oidc
        .get(&q.provider)
        .map_or("your provider", |p| p.config.name.as_str());
    let page = LinkedPage {
        layout: Layout::new(&state, crate::i18n::t("oidc-linked-title"))
            .with_account(signed_in.menu(&state, &csrf)),
        position: signed_in.account.position,
        provider,
    };
    Ok((csrf, render_html(&page)).into_response())
}

/// `POST /u/{n}/identities/{id}/unlink`: refused when it would leave no way in.
pub async fn unlink(
    State(state): State<AppState>,
    client: ClientInfo,
    Path((_, id)): Path<(i32, Uuid)>,
    RecentForm(form): RecentForm<crate::sessions::forms::NoFields>,
) -> PageResult {
    let signed_in = &form.signed_in;
    let account_id = signed_in.account.account_id;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    crate::aliases::store::lock_account(&mut tx, account_id).await?;
    let ways = other_ways_in(&mut tx, account_id, super::Except::Identity(id)).await?;
    if !ways.password && !ways.any() {
        drop(tx);
        return Ok(crate::security::refused(
            &state,
            signed_in,
            form.csrf,
            &crate::i18n::t("oidc-only-way-in"),
        )
        .await);
    }
    let linked = store::of_account(&mut tx, account_id).await?;
    let Some(identity) = linked.into_iter().find(|l| l.id == id) else {
        drop(tx);
        return Ok(Redirect::to(&signed_in.path("security")).into_response());
    };
    store::unlink(&mut tx, account_id, id).await?;
    audit::record(
        &mut tx,
        now,
        account_id,
        Kind::IdentityUnlinked,
        &client,
        json!({ "provider": identity.provider_id }),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("{}?done=unlinked", signed_in.path("security"))).into_response())
}
