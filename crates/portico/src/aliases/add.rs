//! Adding an email address or phone number: after a recent sign-in, the person types it, a
//! code goes to it, and the right code verifies it. Whether the address belongs to another
//! account is only said once the code has proved the person owns it, so typing addresses
//! reveals nothing.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_csrf::CsrfToken;
use serde::Deserialize;
use serde_json::json;
use uuid::Uuid;

use crate::aliases::actions::{AliasNotice, notify_others};
use crate::aliases::rules::{self, Addition, AliasRefusal};
use crate::aliases::{Change, store};
use crate::app::AppState;
use crate::audit::{self, Kind};
use crate::auth::accounts;
use crate::contact::regions::{self, RegionOption};
use crate::contact::{Channel, Destination, EmailAddress, PhoneNumber};
use crate::http::client::ClientInfo;
use crate::pages::code_entry::{self, CodeFlow, Recipient};
use crate::profile;
use crate::reauth::{RecentForm, RecentPage};
use crate::sessions::extract::SignedIn;
use crate::sessions::forms::AccountForm;
use crate::ui::FormGuard;
use crate::ui::{ErrorPage, InternalError, PageError, PageResult};
use crate::ui::{Layout, render_html};
use crate::verification::Code;
use crate::verification::challenges::{self, Purpose};
use crate::verification::send::{self, Requester};

#[derive(Template)]
#[template(path = "pages/aliases/add.html")]
struct AddPage<'a> {
    layout: Layout<'a>,
    position: i32,
    guard: FormGuard,
    phone: bool,
    address: &'a str,
    regions: Vec<RegionOption>,
    error: Option<String>,
}

fn add_page(
    state: &AppState,
    signed_in: &SignedIn,
    csrf: CsrfToken,
    fields: &AddFields,
    error: Option<String>,
    status: StatusCode,
) -> Response {
    let phone = fields.kind == "phone";
    let page = AddPage {
        layout: Layout::new(
            state,
            if phone {
                "Add a phone number"
            } else {
                "Add an email address"
            },
        )
        .with_account(signed_in.menu(state, &csrf)),
        position: signed_in.account.position,
        guard: signed_in.guard(state, &csrf),
        phone,
        address: &fields.address,
        regions: regions::options(&fields.region),
        error,
    };
    (status, csrf, render_html(&page)).into_response()
}

#[derive(Debug, Default, Deserialize)]
pub struct AddFields {
    /// `email` or `phone`.
    #[serde(default)]
    kind: String,
    #[serde(default)]
    address: String,
    /// A country for numbers typed without `+` (`GB`).
    #[serde(default)]
    region: String,
}

/// `GET /u/{n}/aliases/add?kind=email|phone`
pub async fn show(
    State(state): State<AppState>,
    csrf: CsrfToken,
    RecentPage(signed_in): RecentPage,
    headers: axum::http::HeaderMap,
    Query(mut fields): Query<AddFields>,
) -> Response {
    if fields.region.is_empty() {
        fields.region = crate::signin::pages::default_region(&state, &headers);
    }
    add_page(&state, &signed_in, csrf, &fields, None, StatusCode::OK)
}

fn parse(fields: &AddFields) -> Result<Destination, String> {
    if fields.kind == "phone" {
        let region = (!fields.address.trim_start().starts_with('+') && !fields.region.is_empty())
            .then_some(fields.region.as_str());
        PhoneNumber::parse(&fields.address, region)
            .map(Destination::Phone)
            .map_err(|e| e.to_string())
    } else {
        EmailAddress::parse(&fields.address)
            .map(Destination::Email)
            .map_err(|e| e.to_string())
    }
}

/// What asking to add an address comes to.
#[derive(Debug)]
pub enum Begun {
    /// A code went to it (challenge id).
    Sent(Uuid),
    Refused(AliasRefusal),
    /// No code could be sent: what to tell the person.
    NotSent(String),
}

/// Keeps `destination` as pending on the account, under the rules, and sends it a code,
/// in one transaction with the account's row lock.
pub async fn begin(
    state: &AppState,
    client: &ClientInfo,
    account_id: Uuid,
    destination: &Destination,
) -> Result<Begun, PageError> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    store::lock_account(&mut tx, account_id).await?;
    let aliases_now = store::of_account(&mut tx, account_id, now)
        .await?
        .map(|(_, aliases_now)| aliases_now)
        .unwrap_or_default();
    let year = store::changes_since(
        &mut tx,
        account_id,
        Change::Added,
        now - rules::ADDITIONS_WINDOW,
    )
    .await?;
    let limits = state.config.alias_limits;
    let normalized = destination.normalized();
    let addition = match rules::check_add(&aliases_now, &normalized, year.len() as i64, &limits) {
        Ok(addition) => addition,
        Err(refusal) => return Ok(Begun::Refused(refusal)),
    };
    if addition == Addition::New {
        store::insert_pending(&mut tx, account_id, destination, now).await?;
    }
    let requester = Requester {
        ip: client.ip,
        account_id: Some(account_id),
    };
    let sent = send::send_code(
        &mut tx,
        state,
        &requester,
        Purpose::VerifyAlias,
        destination,
    )
    .await;
    match sent {
        Ok(issued) => {
            tx.commit().await?;
            Ok(Begun::Sent(issued.id))
        }
        Err(e) => match e.user_message() {
            Some(message) => Ok(Begun::NotSent(message)),
            None => Err(e.failure().into()),
        },
    }
}

/// `POST /u/{n}/aliases/add`: checks the rules, keeps the address as pending and sends it a
/// code.
pub async fn start(
    State(state): State<AppState>,
    client: ClientInfo,
    RecentForm(form): RecentForm<AddFields>,
) -> PageResult {
    let AccountForm {
        signed_in,
        csrf,
        fields,
        ..
    } = form;
    let again = |csrf, message: String, status| {
        Ok(add_page(
            &state,
            &signed_in,
            csrf,
            &fields,
            Some(message),
            status,
        ))
    };
    let destination = match parse(&fields) {
        Ok(d) => d,
        Err(message) => return again(csrf, message, StatusCode::UNPROCESSABLE_ENTITY),
    };
    let account_id = signed_in.account.account_id;
    match begin(&state, &client, account_id, &destination).await? {
        Begun::Sent(id) => {
            let to = format!("{}?c={id}", signed_in.path("aliases/verify"));
            Ok(Redirect::to(&to).into_response())
        }
        Begun::Refused(refusal) => again(csrf, refusal.to_string(), StatusCode::CONFLICT),
        Begun::NotSent(message) => again(csrf, message, StatusCode::UNPROCESSABLE_ENTITY),
    }
}

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
        submit_label: "Verify",
        other_href: format!(
            "{}?kind={}",
            signed_in.path("aliases/add"),
            if phone { "phone" } else { "email" }
        ),
        other_label: "Use a different address",
        signs_in: false,
        account: Some((signed_in.menu(state, csrf), signed_in.guard(state, csrf))),
    }
}

/// Whether challenge `id` is this account's, adding an address; and whether to a phone.
async fn own_challenge(
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
    let Some(phone) = own_challenge(&state, &signed_in, id).await? else {
        return Ok(ErrorPage::not_found().into_response());
    };
    let flow = flow(&state, &signed_in, &csrf, id, phone);
    let welcome = q.welcome.is_some().then(|| {
        "Your Portico account was created. To sign in with this address too and get security \
         notices there, enter the code we sent to it. You can also skip this: Your Info \
         will offer to send a new code later."
            .to_owned()
    });
    Ok(code_entry::render(&state, csrf, &flow, id, None, welcome).await)
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
    let Some(phone) = own_challenge(&state, &signed_in, id).await? else {
        return Ok(ErrorPage::not_found().into_response());
    };
    let flow = flow(&state, &signed_in, &csrf, id, phone);
    let Some(code) = Code::parse(&fields.code) else {
        let message = "Enter the 6-digit code from the message.".to_owned();
        return Ok(code_entry::render(&state, csrf, &flow, id, Some(message), None).await);
    };
    let now = state.clock.now();
    let verified = match challenges::verify(&state.db, &state.keys, &state.codes, now, id, &code)
        .await
    {
        Ok(v) => v,
        Err(e) => match code_entry::verify_failure(e) {
            Ok(message) => {
                return Ok(code_entry::render(&state, csrf, &flow, id, Some(message), None).await);
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
    let Some(phone) = own_challenge(&state, signed_in, id).await? else {
        return Ok(ErrorPage::not_found().into_response());
    };
    let flow = flow(&state, signed_in, &form.csrf, id, phone);
    let recipient = Recipient::Account(signed_in.account.account_id);
    Ok(code_entry::resend(
        &state,
        form.csrf,
        &flow,
        id,
        client.ip,
        Purpose::VerifyAlias,
        recipient,
    )
    .await)
}
