//! The sign-up's code page: the code that proves the address creates the account and signs
//! the person in; "send a new code".

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum_csrf::CsrfToken;
use serde::Deserialize;
use time::OffsetDateTime;
use uuid::Uuid;

use super::pages::{PendingQuery, requester};
use crate::app::AppState;
use crate::audit;
use crate::auth::accounts::{self, CreateError};
use crate::http::client::ClientInfo;
use crate::outbox::Message;
use crate::pages::code_entry::{self, CodeFlow};
use crate::sessions::complete;
use crate::sessions::cookie::SessionCookie;
use crate::sessions::forms::CsrfForm;
use crate::sessions::store::{self as sessions};
use crate::signup::pending::{self, PendingSignup};
use crate::ui::{InternalError, internal_error};
use crate::ui::{Layout, render_html};
use crate::verification::Code;
use crate::verification::challenges::{self, Purpose, VerifyError};
use crate::verification::send::{self, SendCodeError};

fn code_flow(pending_id: Uuid) -> CodeFlow {
    CodeFlow {
        verify_action: "/signup/verify".to_owned(),
        resend_action: "/signup/resend".to_owned(),
        ref_name: "p",
        ref_value: pending_id,
        submit_label: "Create account",
        other_href: format!("/signup?p={pending_id}"),
        signs_in: true,
        other_label: "Use a different address",
        account: None,
    }
}

async fn code_page(
    state: &AppState,
    token: CsrfToken,
    pending: &PendingSignup,
    error: Option<String>,
    info: Option<String>,
) -> Response {
    code_entry::render(
        state,
        token,
        &code_flow(pending.id),
        pending.challenge_id,
        error,
        info,
    )
    .await
}

async fn find_pending(
    state: &AppState,
    id: Option<Uuid>,
    now: OffsetDateTime,
) -> Result<PendingSignup, Response> {
    let Some(id) = id else {
        return Err(Redirect::to("/signup").into_response());
    };
    match pending::find(&state.db, now, id).await {
        Ok(Some(p)) => Ok(p),
        Ok(None) => Err(expired_page(state)),
        Err(e) => Err(internal_error(e)),
    }
}

#[derive(Template)]
#[template(path = "pages/signup/expired.html")]
struct ExpiredPage<'a> {
    layout: Layout<'a>,
}

fn expired_page(state: &AppState) -> Response {
    let page = ExpiredPage {
        layout: Layout::new(state, "This sign-up has expired"),
    };
    (StatusCode::GONE, render_html(&page)).into_response()
}

/// `GET /signup/verify?p=…`
pub async fn show_code(
    State(state): State<AppState>,
    token: CsrfToken,
    Query(q): Query<PendingQuery>,
) -> Response {
    match find_pending(&state, q.p, state.clock.now()).await {
        Ok(pending) => code_page(&state, token, &pending, None, None).await,
        Err(response) => response,
    }
}

#[derive(Debug, Deserialize)]
pub struct CodeForm {
    p: Option<Uuid>,
    #[serde(default)]
    code: String,
    #[serde(default)]
    keep_signed_in: Option<String>,
}

/// `POST /signup/verify`: the right code creates the account and signs the person in.
pub async fn verify(
    State(state): State<AppState>,
    client: ClientInfo,
    headers: HeaderMap,
    CsrfForm {
        csrf: token,
        fields: form,
    }: CsrfForm<CodeForm>,
) -> Response {
    let now = state.clock.now();
    let pending = match find_pending(&state, form.p, now).await {
        Ok(p) => p,
        Err(response) => return response,
    };
    let Some(code) = Code::parse(&form.code) else {
        let message = "Enter the 6-digit code from the message.".to_owned();
        return code_page(&state, token, &pending, Some(message), None).await;
    };
    let policy = state.codes;
    match challenges::verify(
        &state.db,
        &state.keys,
        &policy,
        now,
        pending.challenge_id,
        &code,
    )
    .await
    {
        Ok(_) => {}
        Err(VerifyError::WrongCode { attempts_left }) => {
            let message = format!(
                "That code didn't work. Check it and try again ({attempts_left} {} left).",
                if attempts_left == 1 { "try" } else { "tries" }
            );
            return code_page(&state, token, &pending, Some(message), None).await;
        }
        Err(VerifyError::Expired) => {
            let message = "This code has expired. Ask for a new one below.".to_owned();
            return code_page(&state, token, &pending, Some(message), None).await;
        }
        Err(VerifyError::TooManyAttempts | VerifyError::AlreadyUsed) => {
            let message =
                "This code can't be used any more. Start again to get a new one.".to_owned();
            return code_page(&state, token, &pending, Some(message), None).await;
        }
        Err(VerifyError::NotFound) => return expired_page(&state),
        Err(VerifyError::Database(e)) => return internal_error(e),
    }
    let Some(alias) = pending.destination() else {
        return internal_error(InternalError::detail(
            "a pending sign-up holds an address that no longer parses",
        ));
    };
    let cookie = SessionCookie::new(state.config.is_https());
    let keep = form.keep_signed_in.is_some();
    let result = async {
        let mut tx = state.db.begin().await?;
        let account_id = accounts::create(
            &mut tx,
            now,
            &pending.display_name,
            Some(&pending.password_hash),
            &alias,
        )
        .await?;
        pending::delete(&mut tx, pending.id).await?;
        let who = complete::who(account_id, keep, &client);
        let current = cookie.read(&headers);
        let signed_in =
            sessions::sign_in(&mut tx, &state.sessions, now, current.as_ref(), &who).await?;
        audit::record(
            &mut tx,
            now,
            account_id,
            audit::Kind::AccountCreated,
            &client,
            serde_json::json!({}),
        )
        .await?;
        complete::record(&mut tx, now, &who, complete::Method::SignUp).await?;
        tx.commit().await?;
        Ok::<_, FinishError>(signed_in)
    }
    .await;
    match result {
        Ok(signed_in) => complete::response(&state, &signed_in, None),
        Err(FinishError::TooManyAccounts) => {
            let message = "This browser already has 10 accounts signed in. Sign out of one, then enter the code again.".to_owned();
            code_page(&state, token, &pending, Some(message), None).await
        }
        Err(FinishError::AliasTaken) => {
            let message = "This address already belongs to an account, so it can't be used for a new one. Sign in instead.".to_owned();
            code_page(&state, token, &pending, Some(message), None).await
        }
        Err(FinishError::Database(e)) => internal_error(e),
    }
}

/// Why a proved sign-up could not finish.
#[derive(Debug)]
enum FinishError {
    AliasTaken,
    TooManyAccounts,
    Database(sqlx::Error),
}

impl From<sqlx::Error> for FinishError {
    fn from(e: sqlx::Error) -> Self {
        Self::Database(e)
    }
}

impl From<CreateError> for FinishError {
    fn from(e: CreateError) -> Self {
        match e {
            CreateError::AliasTaken => Self::AliasTaken,
            CreateError::Database(e) => Self::Database(e),
        }
    }
}

impl From<crate::sessions::SignInError> for FinishError {
    fn from(e: crate::sessions::SignInError) -> Self {
        match e {
            crate::sessions::SignInError::TooManyAccounts => Self::TooManyAccounts,
            crate::sessions::SignInError::Database(e) => Self::Database(e),
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct ResendForm {
    p: Option<Uuid>,
}

/// `POST /signup/resend`
pub async fn resend(
    State(state): State<AppState>,
    client: ClientInfo,
    CsrfForm {
        csrf: token,
        fields: form,
    }: CsrfForm<ResendForm>,
) -> Response {
    let now = state.clock.now();
    let pending = match find_pending(&state, form.p, now).await {
        Ok(p) => p,
        Err(response) => return response,
    };
    let Some(alias) = pending.destination() else {
        return internal_error(InternalError::detail(
            "a pending sign-up holds an address that no longer parses",
        ));
    };
    let result = async {
        let mut tx = state.db.begin().await?;
        // An address that already has an account gets the notice again, never a code.
        let taken = accounts::find_by_verified_alias(&mut tx, &alias)
            .await?
            .is_some();
        let who = requester(&client);
        if taken {
            challenges::resend(
                &mut tx,
                &state.keys,
                &state.codes,
                now,
                pending.challenge_id,
            )
            .await
            .map_err(SendCodeError::Resend)?;
            crate::outbox::enqueue(
                &mut tx,
                now,
                alias.channel(),
                &alias.address(),
                &Message::SignupExists,
            )
            .await?;
        } else {
            send::resend_code(
                &mut tx,
                &state,
                &who,
                pending.challenge_id,
                &alias,
                Purpose::SignUp,
            )
            .await?;
        }
        tx.commit().await?;
        Ok::<_, SendCodeError>(())
    }
    .await;
    match result {
        Ok(()) => {
            code_page(
                &state,
                token,
                &pending,
                None,
                Some(format!("We sent a new code to {}.", alias.masked())),
            )
            .await
        }
        Err(e) => match e.user_message() {
            Some(message) => code_page(&state, token, &pending, Some(message), None).await,
            None => internal_error(e.failure()),
        },
    }
}
