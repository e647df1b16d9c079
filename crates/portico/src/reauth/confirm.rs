//! The confirmation's actions: the password or code sent, a code asked for, a provider
//! asked to vouch again; then on to the stopped request.

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;

use crate::app::AppState;
use crate::http::client::ClientInfo;
use crate::http::next::LocalPath;
use crate::sessions::complete::cookie_header;
use crate::sessions::extract::SignedIn;
use crate::sessions::forms::AccountForm;
use crate::ui::PageResult;
use crate::verification::Purpose;
use crate::verification::send::{self, Requester};

use super::page::{Confirm, carried, confirm_page, ways_to_confirm};
use super::proof::{Proof, check_code, check_own_password, elevate};

#[derive(Debug, Default, Deserialize)]
pub struct ConfirmFields {
    #[serde(default)]
    confirm_password: String,
    #[serde(default)]
    challenge: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    next: String,
    #[serde(default)]
    resume: String,
    #[serde(default)]
    back: String,
    /// A passkey's answer, and its ceremony.
    #[serde(default)]
    ceremony: String,
    #[serde(default)]
    credential: String,
}

/// What a confirmation form carries on: where to go next, or the form to replay.
struct Carry {
    next: Option<LocalPath>,
    resume: Option<LocalPath>,
    carry: Vec<(String, String)>,
    back: Option<LocalPath>,
}

impl Carry {
    fn from_form(signed_in: &SignedIn, fields: &ConfirmFields, raw: &[(String, String)]) -> Self {
        let own_pages = signed_in.path("");
        // Only this account's own pages may be resumed or returned to.
        let own = |p: &str| LocalPath::parse(p).filter(|p| p.as_str().starts_with(&own_pages));
        Self {
            next: LocalPath::parse(&fields.next),
            resume: own(&fields.resume),
            carry: carried(raw),
            back: own(&fields.back),
        }
    }

    fn confirm(&self, error: Option<String>, challenge: Option<uuid::Uuid>) -> Confirm<'_> {
        Confirm {
            next: self.next.as_ref().map_or("", LocalPath::as_str),
            resume: self.resume.as_ref().map_or("", LocalPath::as_str),
            carry: self.carry.clone(),
            error,
            challenge,
            back: self.back.as_ref().map(LocalPath::as_str),
        }
    }
}

/// `POST /u/{n}/confirm`: the password (or the code) opens the window, with a new session
/// token.
pub async fn submit(
    State(state): State<AppState>,
    client: ClientInfo,
    form: AccountForm<ConfirmFields>,
) -> PageResult {
    let AccountForm {
        signed_in,
        csrf,
        fields,
        raw,
        ..
    } = form;
    let carry = Carry::from_form(&signed_in, &fields, &raw);
    let account_id = signed_in.account.account_id;
    let challenge = fields.challenge.parse::<uuid::Uuid>().ok();
    let method = if !fields.credential.is_empty() {
        if let Err(why) = check_passkey(&state, account_id, &client, &fields).await? {
            let confirm = carry.confirm(Some(why.to_string()), None);
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return confirm_page(&state, &signed_in, csrf, confirm, status).await;
        }
        "passkey"
    } else if let Some(challenge) = challenge {
        if let Proof::Refused(refusal) =
            check_code(&state, account_id, challenge, &fields.code).await?
        {
            let confirm = carry.confirm(Some(refusal.message), Some(challenge));
            return confirm_page(&state, &signed_in, csrf, confirm, refusal.status).await;
        }
        "code"
    } else {
        if let Proof::Refused(refusal) = check_own_password(
            &state,
            account_id,
            &client,
            &fields.confirm_password,
            "confirm",
        )
        .await?
        {
            let confirm = carry.confirm(Some(refusal.message), None);
            return confirm_page(&state, &signed_in, csrf, confirm, refusal.status).await;
        }
        "password"
    };
    let Some(token) = elevate(&state, &signed_in, &client, method).await? else {
        return Ok(Redirect::to("/signin").into_response());
    };
    let cookie = cookie_header(&state, &token, signed_in.account.keep_signed_in);
    let response = match carry.resume {
        // 307 keeps the method and body: the browser sends the carried form on.
        Some(action) => (
            StatusCode::TEMPORARY_REDIRECT,
            [cookie, (header::LOCATION, action.as_str().parse()?)],
        )
            .into_response(),
        None => {
            let to = carry
                .next
                .map_or_else(|| signed_in.path(""), |n| n.as_str().to_owned());
            ([cookie], Redirect::to(&to)).into_response()
        }
    };
    Ok(response)
}

/// `POST /u/{n}/confirm/code`: for an account without a password, a code to its address;
/// the page comes back with a field for it (and the form it carries).
pub async fn send_code(
    State(state): State<AppState>,
    client: ClientInfo,
    form: AccountForm<ConfirmFields>,
) -> PageResult {
    let AccountForm {
        signed_in,
        csrf,
        fields,
        raw,
        ..
    } = form;
    let carry = Carry::from_form(&signed_in, &fields, &raw);
    let account_id = signed_in.account.account_id;
    let Some(to) = ways_to_confirm(&state, account_id).await?.code_to else {
        let confirm = carry.confirm(Some(crate::i18n::t("reauth-no-address")), None);
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return confirm_page(&state, &signed_in, csrf, confirm, status).await;
    };
    let requester = Requester {
        ip: client.ip,
        account_id: Some(account_id),
    };
    let mut tx = state.db.begin().await?;
    let sent = send::send_code(&mut tx, &state, &requester, Purpose::Reauthenticate, &to).await;
    let (error, challenge, status) = match sent {
        Ok(issued) => {
            tx.commit().await?;
            (None, Some(issued.id), StatusCode::OK)
        }
        Err(e) => {
            drop(tx);
            let Some(message) = e.user_message() else {
                return Err(e.failure().into());
            };
            (Some(message), None, e.status())
        }
    };
    let confirm = carry.confirm(error, challenge);
    confirm_page(&state, &signed_in, csrf, confirm, status).await
}

#[derive(Debug, Default, Deserialize)]
pub struct ProviderFields {
    #[serde(default)]
    provider: String,
    #[serde(default)]
    back: String,
}

/// `POST /u/{n}/confirm/provider`: confirm by signing in again at a linked provider; back
/// at `back` afterwards.
pub async fn with_provider(
    State(state): State<AppState>,
    client: ClientInfo,
    headers: axum::http::HeaderMap,
    form: AccountForm<ProviderFields>,
) -> PageResult {
    let home = form.signed_in.path("");
    let back = LocalPath::parse(&form.fields.back)
        .filter(|b| b.as_str().starts_with(&home))
        .map_or(home, |b| b.as_str().to_owned());
    crate::oidc::signin::begin(
        &state,
        &headers,
        &client,
        &form.fields.provider,
        crate::oidc::store::Purpose::Reauth,
        Some(form.signed_in.account.account_id),
        Some(&back),
    )
    .await
}

/// A passkey's answer to the confirmation's ceremony: one of the account's own passkeys.
async fn check_passkey(
    state: &AppState,
    account_id: uuid::Uuid,
    client: &ClientInfo,
    fields: &ConfirmFields,
) -> Result<Result<(), crate::passkeys::ceremony::Refusal>, crate::ui::PageError> {
    use crate::passkeys::ceremony::{self, CeremonyError, Refusal};
    let Some(rp) = state.passkeys.as_ref() else {
        return Ok(Err(Refusal::Unknown));
    };
    let who = (Some(account_id), client);
    match ceremony::finish_assertion(state, rp, &fields.ceremony, &fields.credential, who).await {
        Ok(_) => Ok(Ok(())),
        Err(CeremonyError::Refused(refusal)) => Ok(Err(refusal)),
        Err(CeremonyError::Database(e)) => Err(e.into()),
    }
}
