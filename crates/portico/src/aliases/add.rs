//! Adding an email address or phone number: after a recent sign-in, the person types it, a
//! code goes to it, and the right code verifies it. Whether the address belongs to another
//! account is only said once the code has proved the person owns it, so typing addresses
//! reveals nothing.

use crate::http::csrf::CsrfToken;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use uuid::Uuid;

use crate::aliases::rules::{self, Addition, AliasRefusal};
use crate::aliases::{Change, store};
use crate::app::AppState;
use crate::contact::regions::{self, RegionOption};
use crate::contact::{Destination, EmailAddress, PhoneNumber};
use crate::http::client::ClientInfo;
use crate::reauth::{RecentForm, RecentPage};
use crate::sessions::extract::SignedIn;
use crate::sessions::forms::AccountForm;
use crate::ui::FormGuard;
use crate::ui::{Layout, render_html};
use crate::ui::{PageError, PageResult};
use crate::verification::challenges::Purpose;
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
            crate::i18n::t(if phone {
                "alias-add-phone"
            } else {
                "alias-add-email"
            }),
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
