//! Changing the password from the Security page: the current password (or a recent
//! sign-in), a strong new one; other sessions end unless the person unticks it.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_csrf::CsrfToken;
use serde::Deserialize;
use serde_json::json;

use crate::app::AppState;
use crate::audit::{self, Kind};
use crate::auth::accounts;
use crate::auth::password::Password;
use crate::contact::Destination;
use crate::http::client::ClientInfo;
use crate::outbox::{self, Message};
use crate::reauth;
use crate::sessions::complete::cookie_header;
use crate::sessions::extract::SignedIn;
use crate::sessions::forms::AccountForm;
use crate::sessions::store;
use crate::ui::FormGuard;
use crate::ui::PageResult;
use crate::ui::{Layout, render_html};

#[derive(Template)]
#[template(path = "pages/security/password.html")]
struct PasswordPage<'a> {
    layout: Layout<'a>,
    position: i32,
    guard: FormGuard,
    /// The current password is asked for unless the person signed in moments ago.
    ask_current: bool,
    sign_out_others: bool,
    error: Option<String>,
}

fn page(
    state: &AppState,
    signed_in: &SignedIn,
    csrf: CsrfToken,
    sign_out_others: bool,
    error: Option<String>,
    status: StatusCode,
) -> Response {
    let page = PasswordPage {
        layout: Layout::new(state, "Change your password")
            .with_account(signed_in.menu(state, &csrf)),
        position: signed_in.account.position,
        guard: signed_in.guard(state, &csrf),
        ask_current: !signed_in.account.elevated,
        sign_out_others,
        error,
    };
    (status, csrf, render_html(&page)).into_response()
}

/// `GET /u/{n}/password`
pub async fn show(State(state): State<AppState>, csrf: CsrfToken, signed_in: SignedIn) -> Response {
    page(&state, &signed_in, csrf, true, None, StatusCode::OK)
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
    let AccountForm {
        signed_in,
        csrf,
        fields,
        ..
    } = form;
    let sign_out_others = fields.sign_out_others.is_some();
    let account_id = signed_in.account.account_id;
    if !signed_in.account.elevated
        && let reauth::Proof::Refused(refusal) = reauth::check_own_password(
            &state,
            account_id,
            &client,
            &fields.current_password,
            "password_change",
        )
        .await?
    {
        let message = format!("Current password: {}", refusal.message);
        return Ok(page(
            &state,
            &signed_in,
            csrf,
            sign_out_others,
            Some(message),
            refusal.status,
        ));
    }
    let mut conn = state.db.acquire().await?;
    let (name, aliases) = accounts::name_and_verified_aliases(&mut conn, account_id).await?;
    drop(conn);
    let mut personal: Vec<String> = aliases.iter().map(Destination::normalized).collect();
    personal.push(name);
    let personal: Vec<&str> = personal.iter().map(String::as_str).collect();
    let password = match Password::new(&fields.new_password, &personal) {
        Ok(p) => p,
        Err(e) => {
            return Ok(page(
                &state,
                &signed_in,
                csrf,
                sign_out_others,
                Some(format!("New password: {e}")),
                StatusCode::UNPROCESSABLE_ENTITY,
            ));
        }
    };
    let hash = state.passwords.hash(&password).await?;
    let Some(current) = signed_in.browser.token.as_ref() else {
        return Ok(Redirect::to("/signin").into_response());
    };
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    accounts::update_password_hash(&mut tx, account_id, &hash).await?;
    let ended = if sign_out_others {
        store::end_other_sessions(&mut tx, account_id, signed_in.account.session_id, now).await?
    } else {
        0
    };
    // A privilege change: this browser gets a new token.
    let token = store::elevate(
        &mut tx,
        &state.sessions,
        now,
        current,
        signed_in.account.session_id,
    )
    .await?;
    for alias in &aliases {
        outbox::enqueue(
            &mut tx,
            now,
            alias.channel(),
            &alias.address(),
            &Message::PasswordChanged {
                sessions_ended: sign_out_others,
            },
        )
        .await?;
    }
    audit::record(
        &mut tx,
        now,
        account_id,
        Kind::PasswordChanged,
        &client,
        json!({ "other_sessions_ended": ended }),
    )
    .await?;
    tx.commit().await?;
    let to = format!("{}?done=password", signed_in.path("security"));
    Ok(match token {
        Some(token) => (
            [cookie_header(
                &state,
                &token,
                signed_in.account.keep_signed_in,
            )],
            Redirect::to(&to),
        )
            .into_response(),
        None => Redirect::to(&to).into_response(),
    })
}
