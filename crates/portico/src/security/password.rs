//! Changing the password from the Security page: the current password (or a recent
//! sign-in), a strong new one; other sessions end unless the person unticks it.

use crate::http::csrf::CsrfToken;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::json;

use crate::app::AppState;
use crate::audit::{self, Kind};
use crate::auth::accounts;
use crate::auth::password::Password;
use crate::http::client::ClientInfo;
use crate::outbox::{self, Message};
use crate::reauth;
use crate::sessions::SessionToken;
use crate::sessions::complete::cookie_header;
use crate::sessions::extract::SignedIn;
use crate::sessions::forms::AccountForm;
use crate::sessions::store;
use crate::ui::FormGuard;
use crate::ui::{Layout, render_html};
use crate::ui::{PageError, PageResult};

#[derive(Template)]
#[template(path = "pages/security/password.html")]
struct PasswordPage<'a> {
    layout: Layout<'a>,
    position: i32,
    guard: FormGuard,
    /// The current password is asked for unless the person signed in moments ago.
    ask_current: bool,
    /// A passwordless account sets one.
    has_password: bool,
    sign_out_others: bool,
    error: Option<String>,
}

fn page(
    state: &AppState,
    signed_in: &SignedIn,
    csrf: CsrfToken,
    (sign_out_others, has_password): (bool, bool),
    error: Option<String>,
    status: StatusCode,
) -> Response {
    let title = crate::i18n::t(if has_password {
        "sec-change-title"
    } else {
        "sec-set-password"
    });
    let page = PasswordPage {
        layout: Layout::new(state, title).with_account(signed_in.menu(state, &csrf)),
        position: signed_in.account.position,
        guard: signed_in.guard(state, &csrf),
        ask_current: !signed_in.account.elevated,
        has_password,
        sign_out_others,
        error,
    };
    (status, csrf, render_html(&page)).into_response()
}

/// `GET /u/{n}/password`; a passwordless account confirms it's you first (with a passkey
/// or a code), having no current password to type.
pub async fn show(
    State(state): State<AppState>,
    csrf: CsrfToken,
    signed_in: SignedIn,
) -> PageResult {
    let mut conn = state.db.acquire().await?;
    let has_password = accounts::has_password(&mut conn, signed_in.account.account_id).await?;
    drop(conn);
    if !has_password && !signed_in.account.elevated {
        let here = signed_in.path("password");
        let to = format!("{}?next={here}", signed_in.path("confirm"));
        return Ok(Redirect::to(&to).into_response());
    }
    Ok(page(
        &state,
        &signed_in,
        csrf,
        (true, has_password),
        None,
        StatusCode::OK,
    ))
}

#[derive(Debug, Default, Deserialize)]
pub struct ChangeFields {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    sign_out_others: Option<String>,
}

/// `POST /u/{n}/password`
pub async fn change(
    State(state): State<AppState>,
    client: ClientInfo,
    form: AccountForm<ChangeFields>,
) -> PageResult {
    let mut conn = state.db.acquire().await?;
    let has_password = accounts::has_password(&mut conn, form.signed_in.account.account_id).await?;
    drop(conn);
    let form = if has_password {
        form
    } else {
        reauth::require_for_form(&state, form).await?
    };
    let AccountForm {
        signed_in,
        csrf,
        fields,
        ..
    } = form;
    let (message, status) = match change_password(&state, &client, &signed_in, &fields).await? {
        PasswordChange::Done(token) => {
            let to = Redirect::to(&format!("{}?done=password", signed_in.path("security")));
            let keep = signed_in.account.keep_signed_in;
            return Ok(match token {
                Some(token) => ([cookie_header(&state, &token, keep)], to).into_response(),
                None => to.into_response(),
            });
        }
        PasswordChange::NoBrowserSession => return Ok(Redirect::to("/signin").into_response()),
        PasswordChange::Refused { message, status } => (message, status),
    };
    let sign_out_others = fields.sign_out_others.is_some();
    let kept = (sign_out_others, has_password);
    Ok(page(&state, &signed_in, csrf, kept, Some(message), status))
}

/// What changing the password came to.
enum PasswordChange {
    /// Changed; this browser's new token, when it got one.
    Done(Option<SessionToken>),
    /// The current password was wrong, or the new one falls short of the policy.
    Refused { message: String, status: StatusCode },
    /// The browser lost its session meanwhile.
    NoBrowserSession,
}

/// Checks the current password (unless the sign-in is recent) and the new one, then stores
/// the new one: other sessions end if asked, this browser's token is renewed, every verified
/// alias is told.
async fn change_password(
    state: &AppState,
    client: &ClientInfo,
    signed_in: &SignedIn,
    fields: &ChangeFields,
) -> Result<PasswordChange, PageError> {
    let account_id = signed_in.account.account_id;
    if !signed_in.account.elevated {
        let typed = &fields.current_password;
        let checked =
            reauth::check_own_password(state, account_id, client, typed, "password_change");
        if let reauth::Proof::Refused(refusal) = checked.await? {
            let message =
                crate::i18n::t_with("sec-current-refused", &[("why", refusal.message.into())]);
            let status = refusal.status;
            return Ok(PasswordChange::Refused { message, status });
        }
    }
    let mut conn = state.db.acquire().await?;
    let (name, aliases) = accounts::name_and_verified_aliases(&mut conn, account_id).await?;
    drop(conn);
    let password = match Password::for_account(&fields.new_password, &name, &aliases) {
        Ok(p) => p,
        Err(e) => {
            let message = crate::i18n::t_with("sec-new-refused", &[("why", e.to_string().into())]);
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return Ok(PasswordChange::Refused { message, status });
        }
    };
    let hash = state.passwords.hash(&password).await?;
    let Some(current) = signed_in.browser.token.as_ref() else {
        return Ok(PasswordChange::NoBrowserSession);
    };
    let sign_out_others = fields.sign_out_others.is_some();
    let now = state.clock.now();
    let session_id = signed_in.account.session_id;
    let mut tx = state.db.begin().await?;
    accounts::update_password_hash(&mut tx, account_id, &hash).await?;
    let ended = if sign_out_others {
        store::end_other_sessions(&mut tx, account_id, session_id, now).await?
    } else {
        0
    };
    // A privilege change: this browser gets a new token.
    let token = store::elevate(
        &mut tx,
        &state.sessions,
        now,
        current,
        session_id,
        "password",
    )
    .await?;
    let told = Message::PasswordChanged {
        sessions_ended: sign_out_others,
    };
    for alias in &aliases {
        outbox::enqueue(&mut tx, now, alias.channel(), &alias.address(), &told).await?;
    }
    let details = json!({ "other_sessions_ended": ended });
    audit::record(
        &mut tx,
        now,
        account_id,
        Kind::PasswordChanged,
        client,
        details,
    )
    .await?;
    tx.commit().await?;
    Ok(PasswordChange::Done(token))
}

/// `POST /u/{n}/security/password/remove` (after a recent sign-in): the account goes
/// passwordless, when it has a passkey and an alias a code can reach (the one rule:
/// `WaysIn::may_drop_password`). Every verified alias is told.
pub async fn remove(
    State(state): State<AppState>,
    client: ClientInfo,
    reauth::RecentForm(form): reauth::RecentForm<crate::sessions::forms::NoFields>,
) -> PageResult {
    let signed_in = &form.signed_in;
    let account_id = signed_in.account.account_id;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    crate::aliases::store::lock_account(&mut tx, account_id).await?;
    let ways =
        crate::oidc::other_ways_in(&mut tx, account_id, crate::oidc::Except::Nothing).await?;
    if !ways.may_drop_password() {
        drop(tx);
        let message = crate::i18n::t(if ways.password {
            "sec-keep-password"
        } else {
            "sec-no-password"
        });
        return Ok(super::refused(&state, signed_in, form.csrf, &message).await);
    }
    accounts::remove_password(&mut tx, account_id).await?;
    outbox::to_verified_aliases(&mut tx, now, account_id, &Message::PasswordRemoved).await?;
    let kind = Kind::PasswordRemoved;
    audit::record(&mut tx, now, account_id, kind, &client, json!({})).await?;
    tx.commit().await?;
    let to = format!("{}?done=password_removed", signed_in.path("security"));
    Ok(Redirect::to(&to).into_response())
}
