//! Sign-in with a code sent to a verified alias that allows sign-in. An address with no such
//! alias gets the same page and the same limits, but no message. Password throttling does
//! not apply here: a person locked out of password attempts can still sign in by code.

use crate::http::csrf::CsrfToken;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;
use uuid::Uuid;

use crate::app::AppState;
use crate::auth::accounts;
use crate::http::client::ClientInfo;
use crate::http::next::{LocalPath, with_next};
use crate::pages::code_entry::{self, CodeFlow, Recipient};
use crate::sessions::complete;
use crate::sessions::forms::CsrfForm;
use crate::sessions::store::{SignInError, too_many_accounts_message};
use crate::signup::form::parse_address;
use crate::ui::PageResult;
use crate::verification::Code;
use crate::verification::challenges::{self, Purpose};
use crate::verification::send::{self, Requester, SendCodeError};

/// The code page's flow; `next` (where to go once signed in) rides in its actions' query.
fn flow(challenge_id: Uuid, next: Option<&LocalPath>) -> CodeFlow {
    let with = |path: &str| with_next(path, next);
    CodeFlow {
        verify_action: with("/signin/code/verify"),
        resend_action: with("/signin/code/resend"),
        ref_name: "c",
        ref_value: challenge_id,
        submit_label: "code-submit-sign-in",
        other_href: with("/signin"),
        signs_in: true,
        other_label: "code-other-password",
        account: None,
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct StartForm {
    #[serde(default)]
    address: String,
    #[serde(default)]
    region: String,
    #[serde(default)]
    next: String,
}

/// `POST /signin/code`: "Email me / text me a code instead".
pub async fn start(
    State(state): State<AppState>,
    client: ClientInfo,
    CsrfForm {
        csrf: token,
        fields: form,
    }: CsrfForm<StartForm>,
) -> PageResult {
    let typed = super::pages::Typed {
        address: &form.address,
        region: &form.region,
        next: &form.next,
    };
    let alias = match parse_address(&form.address, &form.region) {
        Ok(alias) => alias,
        Err(message) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return Ok(super::pages::form_again_to(
                &state, token, &typed, message, status,
            ));
        }
    };
    let result = async {
        let mut tx = state.db.begin().await?;
        let candidate = accounts::find_for_sign_in(&mut tx, &alias)
            .await?
            .filter(|c| c.usable);
        let requester = Requester {
            ip: client.ip,
            account_id: candidate.as_ref().map(|c| c.account_id),
        };
        let purpose = Purpose::SignInCode;
        let issued = send::send_code_if_known(&mut tx, &state, &requester, purpose, &alias).await?;
        tx.commit().await?;
        Ok::<_, SendCodeError>(issued.id)
    }
    .await;
    match result {
        Ok(id) => {
            let next = LocalPath::parse(&form.next);
            let to = with_next(&format!("/signin/code?c={id}"), next.as_ref());
            Ok(Redirect::to(&to).into_response())
        }
        Err(e) => match e.user_message() {
            Some(message) => Ok(super::pages::form_again_to(
                &state,
                token,
                &typed,
                message,
                e.status(),
            )),
            None => Err(e.failure().into()),
        },
    }
}

#[derive(Debug, Deserialize)]
pub struct ChallengeQuery {
    c: Option<Uuid>,
    #[serde(default)]
    next: String,
}

/// `?next=` on the code page's actions.
#[derive(Debug, Default, Deserialize)]
pub struct NextQuery {
    #[serde(default)]
    next: String,
}

/// `GET /signin/code?c=…`
pub async fn show(
    State(state): State<AppState>,
    token: CsrfToken,
    Query(q): Query<ChallengeQuery>,
) -> PageResult {
    match q.c {
        Some(id) => {
            let next = LocalPath::parse(&q.next);
            code_entry::render(&state, token, &flow(id, next.as_ref()), id, None, None).await
        }
        None => Ok(Redirect::to("/signin").into_response()),
    }
}

#[derive(Debug, Deserialize)]
pub struct VerifyForm {
    c: Option<Uuid>,
    #[serde(default)]
    code: String,
    #[serde(default)]
    keep_signed_in: Option<String>,
}

/// `POST /signin/code/verify`
pub async fn verify(
    State(state): State<AppState>,
    client: ClientInfo,
    headers: HeaderMap,
    Query(q): Query<NextQuery>,
    CsrfForm {
        csrf: token,
        fields: form,
    }: CsrfForm<VerifyForm>,
) -> PageResult {
    let next = LocalPath::parse(&q.next);
    let Some(id) = form.c else {
        return Ok(Redirect::to("/signin").into_response());
    };
    let again = |token, message: &str| {
        let message = message.to_owned();
        let state = state.clone();
        let flow = flow(id, next.as_ref());
        async move { code_entry::render(&state, token, &flow, id, Some(message), None).await }
    };
    let Some(code) = Code::parse(&form.code) else {
        return again(token, &crate::i18n::t("code-enter-six")).await;
    };
    let now = state.clock.now();
    let verified =
        match challenges::verify(&state.db, &state.keys, &state.codes, now, id, &code).await {
            Ok(v) => v,
            Err(e) => match code_entry::verify_failure(e) {
                Ok(message) => return again(token, &message).await,
                Err(ended) => return Ok(ended.into_response()),
            },
        };
    // Only a sign-in challenge for an account signs anyone in (never a sign-up's or a decoy's).
    let (Purpose::SignInCode, Some(account_id)) = (verified.purpose, verified.account_id) else {
        return again(token, &crate::i18n::t("code-did-not-work-ask-again")).await;
    };
    let who = complete::who(
        account_id,
        form.keep_signed_in.is_some(),
        &client,
        complete::Method::Code,
    );
    let method = complete::Method::Code;
    let result = complete::sign_in(&state, &headers, &who, method, next.as_ref()).await;
    match result {
        Ok(response) => Ok(response),
        Err(SignInError::TooManyAccounts) => again(token, &too_many_accounts_message()).await,
        // complete::sign_in answers a closing account's offer itself.
        Err(SignInError::Database(e)) => Err(e.into()),
        Err(SignInError::Closing(offer)) => Ok(crate::closing::page::offer_page(&state, &offer)),
    }
}

#[derive(Debug, Deserialize)]
pub struct ResendForm {
    c: Option<Uuid>,
}

/// `POST /signin/code/resend`
pub async fn resend(
    State(state): State<AppState>,
    client: ClientInfo,
    Query(q): Query<NextQuery>,
    CsrfForm {
        csrf: token,
        fields: form,
    }: CsrfForm<ResendForm>,
) -> PageResult {
    let Some(id) = form.c else {
        return Ok(Redirect::to("/signin").into_response());
    };
    let next = LocalPath::parse(&q.next);
    code_entry::resend(
        &state,
        token,
        &flow(id, next.as_ref()),
        id,
        client.ip,
        Purpose::SignInCode,
        Recipient::SignIn,
    )
    .await
}
