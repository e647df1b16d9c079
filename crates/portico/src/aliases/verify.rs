//! The code page of an address being added: the code, its verification, and what follows
//! (the address verified, or why it cannot be).

use crate::http::csrf::CsrfToken;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;
use serde_json::json;
use uuid::Uuid;

use crate::aliases::actions::{AliasNotice, notify_others};
use crate::aliases::rules::{self, AliasRefusal};
use crate::aliases::{Change, store};
use crate::app::AppState;
use crate::audit::{self, Kind};
use crate::auth::accounts;
use crate::contact::{Channel, Destination};
use crate::http::client::ClientInfo;
use crate::pages::code_entry::{self, CodeFlow, Recipient};
use crate::profile;
use crate::sessions::extract::SignedIn;
use crate::sessions::forms::AccountForm;
use crate::ui::{ErrorPage, InternalError, PageError, PageResult};
use crate::verification::Code;
use crate::verification::challenges::{self, Purpose};

fn flow(
    state: &AppState,
    signed_in: &SignedIn,
    csrf: &CsrfToken,
    id: Uuid,
    phone: bool,
) -> CodeFlow {
    CodeFlow {
        verify_action: signed_in.path("aliases/verify"),
        resend_action: signed_in.path("aliases/resend"),
        ref_name: "c",
        ref_value: id,
        submit_label: "code-submit-verify",
        other_href: format!(
            "{}?kind={}",
            signed_in.path("aliases/add"),
            if phone { "phone" } else { "email" }
        ),
        other_label: "code-other-address",
        signs_in: false,
        account: Some((signed_in.menu(state, csrf), signed_in.guard(state, csrf))),
    }
}

/// Whether challenge `id` is this account's, adding an address (`None` when not); and
/// whether the address is a phone.
async fn adding_phone(
    state: &AppState,
    signed_in: &SignedIn,
    id: Uuid,
) -> sqlx::Result<Option<bool>> {
    let channel = challenges::owned_by(
        &state.db,
        id,
        signed_in.account.account_id,
        Purpose::VerifyAlias,
    )
    .await?;
    Ok(channel.map(|c| c == Channel::Sms))
}

#[derive(Debug, Default, Deserialize)]
pub struct ChallengeQuery {
    c: Option<Uuid>,
    /// Set when the account was just created through a provider: the page says so, and why
    /// the code is asked for.
    #[serde(default)]
    welcome: Option<String>,
}

/// `GET /u/{n}/aliases/verify?c=…`
pub async fn show_code(
    State(state): State<AppState>,
    csrf: CsrfToken,
    signed_in: SignedIn,
    Query(q): Query<ChallengeQuery>,
) -> PageResult {
    let Some(id) = q.c else {
        return Ok(ErrorPage::not_found().into_response());
    };
    let Some(phone) = adding_phone(&state, &signed_in, id).await? else {
        return Ok(ErrorPage::not_found().into_response());
    };
    let flow = flow(&state, &signed_in, &csrf, id, phone);
    let welcome = q.welcome.is_some().then(|| {
        "Your Portico account was created. To sign in with this address too and get security \
         notices there, enter the code we sent to it. You can also skip this: Your Info \
         will offer to send a new code later."
            .to_owned()
    });
    code_entry::render(&state, csrf, &flow, id, None, welcome).await
}

#[derive(Debug, Default, Deserialize)]
pub struct VerifyFields {
    c: Option<Uuid>,
    #[serde(default)]
    code: String,
}

/// `POST /u/{n}/aliases/verify`: the right code makes the pending address verified.
pub async fn verify(
    State(state): State<AppState>,
    client: ClientInfo,
    form: AccountForm<VerifyFields>,
) -> PageResult {
    let AccountForm {
        signed_in,
        csrf,
        fields,
        ..
    } = form;
    let Some(id) = fields.c else {
        return Ok(ErrorPage::not_found().into_response());
    };
    let Some(phone) = adding_phone(&state, &signed_in, id).await? else {
        return Ok(ErrorPage::not_found().into_response());
    };
    let flow = flow(&state, &signed_in, &csrf, id, phone);
    let Some(code) = Code::parse(&fields.code) else {
        let message = crate::i18n::t("code-enter-six");
        return code_entry::render(&state, csrf, &flow, id, Some(message), None).await;
    };
    let now = state.clock.now();
    let verified =
        match challenges::verify(&state.db, &state.keys, &state.codes, now, id, &code).await {
            Ok(v) => v,
            Err(e) => match code_entry::verify_failure(e) {
                Ok(message) => {
                    return code_entry::render(&state, csrf, &flow, id, Some(message), None).await;
                }
                Err(ended) => return Ok(ended.into_response()),
            },
        };
    let channel = Channel::from_stored(&verified.channel);
    let Some(destination) = Destination::from_channel(channel, &verified.destination) else {
        return Err(
            InternalError::detail("a challenge holds an address that no longer parses").into(),
        );
    };
    let account_id = signed_in.account.account_id;
    match finish(&state, &client, account_id, &destination).await? {
        Finished::Added => {
            Ok(Redirect::to(&format!("{}?done=added", signed_in.path("info"))).into_response())
        }
        Finished::Refused(refusal) => {
            profile::refused(&state, &signed_in, csrf, refusal, StatusCode::CONFLICT).await
        }
    }
}

/// Adds `destination`, proved the person's, to the account: verified, audited, the other
/// aliases told, under the account's row lock; or why not (the pending address is then
/// forgotten when it turned out to be someone else's).
pub async fn finish(
    state: &AppState,
    client: &ClientInfo,
    account_id: Uuid,
    destination: &Destination,
) -> Result<Finished, PageError> {
    let now = state.clock.now();
    let normalized = destination.normalized();
    let mut tx = state.db.begin().await?;
    store::lock_account(&mut tx, account_id).await?;
    let owner = accounts::find_by_verified_alias(&mut tx, destination).await?;
    let held_until = store::held_until(&mut tx, &normalized, account_id, now).await?;
    if let Err(refusal) = rules::check_claim(account_id, owner, held_until) {
        store::drop_pending(&mut tx, account_id, &normalized).await?;
        tx.commit().await?;
        return Ok(Finished::Refused(refusal));
    }
    if !store::verify_pending(&mut tx, account_id, &normalized, now).await? {
        return Ok(Finished::Refused(AliasRefusal::NotFound));
    }
    store::record_change(&mut tx, account_id, Change::Added, &normalized, now).await?;
    audit::record(
        &mut tx,
        now,
        account_id,
        Kind::AliasAdded,
        client,
        json!({ "alias": destination.masked() }),
    )
    .await?;
    let aliases_now = store::of_account(&mut tx, account_id, now)
        .await?
        .map(|(_, aliases_now)| aliases_now)
        .unwrap_or_default();
    if let Some(added) = aliases_now
        .iter()
        .find(|a| a.destination.normalized() == normalized)
    {
        let notice = AliasNotice {
            account_id,
            aliases: &aliases_now,
            changed: added,
            change: Change::Added,
            previous_primary: None,
        };
        notify_others(&mut tx, state, &notice, client).await?;
    }
    tx.commit().await?;
    Ok(Finished::Added)
}

/// What entering an address's code comes to.
#[derive(Debug)]
pub enum Finished {
    Added,
    Refused(AliasRefusal),
}

#[derive(Debug, Default, Deserialize)]
pub struct ResendFields {
    c: Option<Uuid>,
}

/// `POST /u/{n}/aliases/resend`
pub async fn resend(
    State(state): State<AppState>,
    client: ClientInfo,
    form: AccountForm<ResendFields>,
) -> PageResult {
    let Some(id) = form.fields.c else {
        return Ok(ErrorPage::not_found().into_response());
    };
    let signed_in = &form.signed_in;
    let Some(phone) = adding_phone(&state, signed_in, id).await? else {
        return Ok(ErrorPage::not_found().into_response());
    };
    let flow = flow(&state, signed_in, &form.csrf, id, phone);
    let recipient = Recipient::Account(signed_in.account.account_id);
    code_entry::resend(
        &state,
        form.csrf,
        &flow,
        id,
        client.ip,
        Purpose::VerifyAlias,
        recipient,
    )
    .await
}
