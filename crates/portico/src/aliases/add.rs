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
use sqlx::PgConnection;
use time::Duration;
use uuid::Uuid;

use crate::aliases::actions::{AliasNotice, notify_others};
use crate::aliases::rules::{self, Addition};
use crate::aliases::{self, Change};
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
use crate::text::format_time;
use crate::ui::FormGuard;
use crate::ui::{ErrorPage, InternalError, PageResult};
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

async fn insert_pending(
    conn: &mut PgConnection,
    account_id: Uuid,
    destination: &Destination,
    now: time::OffsetDateTime,
) -> sqlx::Result<()> {
    let kind = destination.kind();
    sqlx::query!(
        "insert into aliases (id, account_id, kind, value, normalized, created_at)
         values ($1, $2, $3, $4, $5, $6)
         on conflict (account_id, normalized) do update set created_at = excluded.created_at
         where aliases.verified_at is null",
        Uuid::now_v7(),
        account_id,
        kind,
        destination.address(),
        destination.normalized(),
        now
    )
    .execute(conn)
    .await?;
    Ok(())
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
    let destination = match parse(&fields) {
        Ok(d) => d,
        Err(message) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return Ok(add_page(
                &state,
                &signed_in,
                csrf,
                &fields,
                Some(message),
                status,
            ));
        }
    };
    let account_id = signed_in.account.account_id;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    aliases::lock_account(&mut tx, account_id).await?;
    let aliases_now = aliases::of_account(&mut tx, account_id, now)
        .await?
        .map(|(_, aliases_now)| aliases_now)
        .unwrap_or_default();
    let year = aliases::changes_since(
        &mut tx,
        account_id,
        Change::Added,
        now - Duration::days(365),
    )
    .await?;
    let limits = state.config.alias_limits;
    let addition = rules::check_add(
        &aliases_now,
        &destination.normalized(),
        year.len() as i64,
        &limits,
    );
    if let Err(refusal) = addition {
        drop(tx);
        let status = StatusCode::CONFLICT;
        return Ok(add_page(
            &state,
            &signed_in,
            csrf,
            &fields,
            Some(refusal.to_string()),
            status,
        ));
    }
    if addition == Ok(Addition::New) {
        insert_pending(&mut tx, account_id, &destination, now).await?;
    }
    let requester = Requester {
        ip: client.ip,
        account_id: Some(account_id),
    };
    let issued = match send::send_code(
        &mut tx,
        &state,
        &requester,
        Purpose::VerifyAlias,
        &destination,
    )
    .await
    {
        Ok(issued) => issued,
        Err(e) => {
            drop(tx);
            let Some(message) = e.user_message() else {
                return Err(e.failure().into());
            };
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return Ok(add_page(
                &state,
                &signed_in,
                csrf,
                &fields,
                Some(message),
                status,
            ));
        }
    };
    tx.commit().await?;
    let to = format!("{}?c={}", signed_in.path("aliases/verify"), issued.id);
    Ok(Redirect::to(&to).into_response())
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
    let normalized = destination.normalized();
    let mut tx = state.db.begin().await?;
    aliases::lock_account(&mut tx, account_id).await?;
    // Only now, with ownership proved, may the page say the address is someone else's.
    let owner = accounts::find_by_verified_alias(&mut tx, &destination).await?;
    let held_until = aliases::held_until(&mut tx, &normalized, account_id, now).await?;
    let refusal = match (owner, held_until) {
        (Some(other), _) if other != account_id => Some(
            "This address belongs to another account, so it can't be added here. To use it on this account, remove it from the other one first.".to_owned(),
        ),
        (_, Some(until)) => Some(format!(
            "This address was recently removed from another account and can be added again after {}.",
            format_time(until)
        )),
        _ => None,
    };
    if let Some(message) = refusal {
        sqlx::query!(
            "delete from aliases where account_id = $1 and normalized = $2 and verified_at is null",
            account_id,
            &normalized
        )
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        return profile::refused(&state, &signed_in, csrf, message, StatusCode::CONFLICT).await;
    }
    let updated = sqlx::query!(
        "update aliases set verified_at = $3,
             -- An account's first verified address (one made through a provider) becomes
             -- its primary.
             is_primary = not exists (select 1 from aliases p where p.account_id = $1 and p.is_primary)
         where account_id = $1 and normalized = $2 and verified_at is null and created_at > $4",
        account_id,
        &normalized,
        now,
        now - aliases::PENDING_FOR
    )
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() != 1 {
        drop(tx);
        let refusal = rules::AliasRefusal::NotFound;
        return profile::refused(&state, &signed_in, csrf, refusal, StatusCode::CONFLICT).await;
    }
    aliases::record_change(&mut tx, account_id, Change::Added, &normalized, now).await?;
    audit::record(
        &mut tx,
        now,
        account_id,
        Kind::AliasAdded,
        &client,
        json!({ "alias": destination.masked() }),
    )
    .await?;
    let aliases_now = aliases::of_account(&mut tx, account_id, now)
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
        notify_others(&mut tx, &state, &notice, &client).await?;
    }
    tx.commit().await?;
    Ok(Redirect::to(&format!("{}?done=added", signed_in.path("info"))).into_response())
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
