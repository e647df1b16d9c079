//! The reset's second half: the right code leads to the new-password form (a grant valid 15
//! minutes); a new password that meets the policy replaces the old one, ends every session
//! of the account and tells every verified alias.

use crate::http::csrf::CsrfToken;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use uuid::Uuid;

use crate::app::AppState;
use crate::audit;
use crate::auth::accounts;
use crate::auth::password::Password;
use crate::contact::Destination;
use crate::http::client::ClientInfo;
use crate::outbox::{self, Message};
use crate::pages::code_entry::{self};
use crate::sessions::SessionToken;
use crate::sessions::forms::CsrfForm;
use crate::sessions::store as sessions;
use crate::ui::{ErrorPage, PageResult};
use crate::ui::{Layout, render_html};
use crate::verification::Code;
use crate::verification::challenges::{self, Purpose};

use super::flow;
use super::start::start_page;
use super::store;

#[derive(Template)]
#[template(path = "pages/reset/new_password.html")]
struct NewPasswordPage<'a> {
    layout: Layout<'a>,
    csrf: String,
    grant: &'a str,
    error: Option<String>,
}

fn new_password_page(
    state: &AppState,
    token: CsrfToken,
    grant: &str,
    error: Option<String>,
) -> Response {
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = NewPasswordPage {
        layout: Layout::new(state, crate::i18n::t("reset-new-title")),
        csrf: token.authenticity_token(),
        grant,
        error,
    };
    (status, token, render_html(&page)).into_response()
}

#[derive(Debug, Deserialize)]
pub struct VerifyForm {
    c: Option<Uuid>,
    #[serde(default)]
    code: String,
}

/// `POST /reset/verify`: the right code leads to the new-password form.
pub async fn verify(
    State(state): State<AppState>,
    CsrfForm {
        csrf: token,
        fields: form,
    }: CsrfForm<VerifyForm>,
) -> PageResult {
    let Some(id) = form.c else {
        return Ok(Redirect::to("/reset").into_response());
    };
    let again = |token, message: String| {
        let state = state.clone();
        async move { code_entry::render(&state, token, &flow(id), id, Some(message), None).await }
    };
    let Some(code) = Code::parse(&form.code) else {
        return again(token, crate::i18n::t("code-enter-six")).await;
    };
    let now = state.clock.now();
    let verified =
        match challenges::verify(&state.db, &state.keys, &state.codes, now, id, &code).await {
            Ok(v) => v,
            Err(e) => match code_entry::verify_failure(e) {
                Ok(message) => return again(token, message).await,
                Err(ended) => return Ok(ended.into_response()),
            },
        };
    let (Purpose::ResetPassword, Some(account_id)) = (verified.purpose, verified.account_id) else {
        return again(token, crate::i18n::t("code-did-not-work-start-again")).await;
    };
    let mut conn = state.db.acquire().await?;
    let grant = store::grant(&mut conn, account_id, now).await?;
    Ok(new_password_page(&state, token, grant.as_str(), None))
}

#[derive(Debug, Deserialize)]
pub struct NewPasswordForm {
    #[serde(default)]
    grant: String,
    #[serde(default)]
    password: String,
}

#[derive(Template)]
#[template(path = "pages/reset/done.html")]
struct DonePage<'a> {
    layout: Layout<'a>,
}

/// What choosing the new password comes to.
#[derive(Debug)]
pub enum Reset {
    Done,
    /// The grant was used (or expired) meanwhile.
    AlreadyUsed,
}

/// Replaces the account's password with `hash` under a live grant: every session ends,
/// every verified alias is told, all in one transaction.
pub async fn reset_password(
    state: &AppState,
    client: &ClientInfo,
    grant: &SessionToken,
    account_id: Uuid,
    aliases: &[Destination],
    hash: &str,
) -> sqlx::Result<Reset> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    if !store::use_grant(&mut tx, grant, now).await? {
        return Ok(Reset::AlreadyUsed);
    }
    accounts::update_password_hash(&mut tx, account_id, hash).await?;
    let ended = sessions::end_all_for_account(&mut tx, account_id, now).await?;
    let details = serde_json::json!({ "sessions_ended": ended });
    audit::record(
        &mut tx,
        now,
        account_id,
        audit::Kind::PasswordReset,
        client,
        details,
    )
    .await?;
    let notice = Message::PasswordChanged {
        sessions_ended: true,
    };
    for alias in aliases {
        outbox::enqueue(&mut tx, now, alias.channel(), &alias.address(), &notice).await?;
    }
    tx.commit().await?;
    tracing::info!(%account_id, "password reset; every session ended");
    Ok(Reset::Done)
}

/// `POST /reset/password`
pub async fn set_password(
    State(state): State<AppState>,
    client: ClientInfo,
    CsrfForm {
        csrf: token,
        fields: form,
    }: CsrfForm<NewPasswordForm>,
) -> PageResult {
    let Some(grant) = SessionToken::from_cookie(&form.grant) else {
        return Ok(ErrorPage::not_found().into_response());
    };
    let now = state.clock.now();
    let mut conn = state.db.acquire().await?;
    let Some(account_id) = store::granted(&mut conn, &grant, now).await? else {
        let message = crate::i18n::t("reset-expired");
        return Ok(start_page(
            &state,
            token,
            ("", ""),
            Some(message.to_owned()),
        ));
    };
    let (name, aliases) = accounts::name_and_verified_aliases(&mut conn, account_id).await?;
    drop(conn);
    let password = match Password::for_account(&form.password, &name, &aliases) {
        Ok(p) => p,
        Err(e) => {
            return Ok(new_password_page(
                &state,
                token,
                &form.grant,
                Some(e.to_string()),
            ));
        }
    };
    let hash = state.passwords.hash(&password).await?;
    match reset_password(&state, &client, &grant, account_id, &aliases, &hash).await? {
        Reset::Done => {
            let page = DonePage {
                layout: Layout::new(&state, crate::i18n::t("reset-done-title")),
            };
            Ok((token, render_html(&page)).into_response())
        }
        Reset::AlreadyUsed => {
            let message = crate::i18n::t("reset-used");
            Ok(start_page(
                &state,
                token,
                ("", ""),
                Some(message.to_owned()),
            ))
        }
    }
}
