//! The sign-up's code page: the code that proves the address creates the account and signs
//! the person in; "send a new code".

use crate::http::csrf::CsrfToken;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
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
use crate::sessions::store::{self as sessions, too_many_accounts_message};
use crate::signup::pending::{self, PendingSignup};
use crate::ui::{InternalError, PageError, PageResult};
use crate::ui::{Layout, render_html};
use crate::verification::Code;
use crate::verification::challenges::{self, Purpose};
use crate::verification::send::{self, SendCodeError};

fn code_flow(pending_id: Uuid) -> CodeFlow {
    CodeFlow {
        verify_action: "/signup/verify".to_owned(),
        resend_action: "/signup/resend".to_owned(),
        ref_name: "p",
        ref_value: pending_id,
        submit_label: "code-submit-sign-up",
        other_href: format!("/signup?p={pending_id}"),
        signs_in: true,
        other_label: "code-other-address",
        account: None,
    }
}

async fn code_page(
    state: &AppState,
    token: CsrfToken,
    pending: &PendingSignup,
    error: Option<String>,
    info: Option<String>,
) -> PageResult {
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

/// The sign-up `id` names; without one, back to the form; gone, the expired page.
async fn find_pending(
    state: &AppState,
    id: Option<Uuid>,
    now: OffsetDateTime,
) -> Result<PendingSignup, PageError> {
    let Some(id) = id else {
        return Err(PageError::answer(Redirect::to("/signup").into_response()));
    };
    pending::find(&state.db, now, id)
        .await?
        .ok_or_else(|| PageError::answer(expired_page(state)))
}

#[derive(Template)]
#[template(path = "pages/signup/expired.html")]
struct ExpiredPage<'a> {
    layout: Layout<'a>,
}

fn expired_page(state: &AppState) -> Response {
    let page = ExpiredPage {
        layout: Layout::new(state, crate::i18n::t("signup-expired-title")),
    };
    (StatusCode::GONE, render_html(&page)).into_response()
}

/// `GET /signup/verify?p=…`
pub async fn show_code(
    State(state): State<AppState>,
    token: CsrfToken,
    Query(q): Query<PendingQuery>,
) -> PageResult {
    let pending = find_pending(&state, q.p, state.clock.now()).await?;
    code_page(&state, token, &pending, None, None).await
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
) -> PageResult {
    let now = state.clock.now();
    let pending = find_pending(&state, form.p, now).await?;
    let Some(code) = Code::parse(&form.code) else {
        let message = crate::i18n::t("code-enter-six");
        return code_page(&state, token, &pending, Some(message), None).await;
    };
    let (keys, codes) = (&state.keys, &state.codes);
    let checked = challenges::verify(&state.db, keys, codes, now, pending.challenge_id, &code);
    if let Err(e) = checked.await {
        return match code_entry::verify_failure(e) {
            Ok(message) => code_page(&state, token, &pending, Some(message), None).await,
            Err(ended) if ended.is_not_found() => Ok(expired_page(&state)),
            Err(ended) => Ok(ended.into_response()),
        };
    }
    let keep = form.keep_signed_in.is_some();
    let message = match finish(&state, &client, &headers, &pending, keep).await {
        Ok(signed_in) => {
            // A sign-up that chose a passkey makes it now (its sign-in is seconds old).
            let next = pending
                .password_hash
                .is_none()
                .then(|| crate::http::next::LocalPath::parse("/u/0/security/passkeys/add"))
                .flatten();
            return Ok(complete::response(&state, &signed_in, next.as_ref()));
        }
        Err(FinishError::TooManyAccounts) => &crate::i18n::t_with(
            "signup-too-many-accounts",
            &[("first", too_many_accounts_message().into())],
        ),
        Err(FinishError::AliasTaken) => &crate::i18n::t("signup-address-taken"),
        Err(FinishError::Database(e)) => return Err(e.into()),
        Err(FinishError::Unreadable) => return Err(unreadable().into()),
    };
    code_page(&state, token, &pending, Some(message.to_owned()), None).await
}

fn unreadable() -> InternalError {
    InternalError::detail("a pending sign-up holds an address that no longer parses")
}

/// Creates the proved sign-up's account and signs the person in, in one transaction.
async fn finish(
    state: &AppState,
    client: &ClientInfo,
    headers: &HeaderMap,
    pending: &PendingSignup,
    keep_signed_in: bool,
) -> Result<sessions::SignedInAt, FinishError> {
    let alias = pending.destination().ok_or(FinishError::Unreadable)?;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let password = pending.password_hash.as_deref();
    let account_id =
        accounts::create(&mut tx, now, &pending.display_name, password, &alias).await?;
    let zone = pending
        .time_zone
        .as_deref()
        .and_then(crate::i18n::Zone::parse);
    crate::profile::store::set_time_zone(&mut *tx, account_id, zone).await?;
    pending::delete(&mut tx, pending.id).await?;
    let who = complete::who(account_id, keep_signed_in, client, complete::Method::SignUp);
    let current = SessionCookie::new(state.config.is_https()).read(headers);
    let signed_in = complete::open(&mut tx, state, current.as_ref(), &who).await?;
    let kind = audit::Kind::AccountCreated;
    audit::record(
        &mut tx,
        now,
        account_id,
        kind,
        client,
        serde_json::json!({}),
    )
    .await?;
    complete::record(&mut tx, now, &who, complete::Method::SignUp).await?;
    tx.commit().await?;
    Ok(signed_in)
}

/// Why a proved sign-up could not finish.
#[derive(Debug)]
enum FinishError {
    AliasTaken,
    /// The stored address no longer parses.
    Unreadable,
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
            // The account was made in this very transaction: it cannot be closing.
            crate::sessions::SignInError::Closing(_) => {
                Self::Database(sqlx::Error::Protocol("a new account is closing".to_owned()))
            }
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
) -> PageResult {
    let now = state.clock.now();
    let pending = find_pending(&state, form.p, now).await?;
    let Some(alias) = pending.destination() else {
        return Err(unreadable().into());
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
                Some(crate::i18n::t_with(
                    "code-resent",
                    &[("destination", alias.masked().into())],
                )),
            )
            .await
        }
        Err(e) => match e.user_message() {
            Some(message) => code_page(&state, token, &pending, Some(message), None).await,
            None => Err(e.failure().into()),
        },
    }
}
