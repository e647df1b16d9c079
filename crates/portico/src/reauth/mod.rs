//! Re-authentication ("sudo"): sensitive changes need a sign-in within the last ten minutes.
//! Otherwise the person confirms their password and lands back where they were: a page they
//! were opening is opened, a form they were sending is sent (its fields ride along in the
//! confirmation form, and a 307 redirect replays them to the original action).

mod recent;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum_csrf::CsrfToken;
pub use recent::{RecentForm, RecentPage, require_for_form};
use serde::Deserialize;
use serde_json::json;

use crate::app::AppState;
use crate::audit::{self, Kind};
use crate::auth::accounts;
use crate::auth::password::{Password, Verification};
use crate::auth::throttle::{self, ThrottleKey};
use crate::contact::Destination;
use crate::http::client::ClientInfo;
use crate::http::next::LocalPath;
use crate::pages::code_entry;
use crate::sessions::SessionToken;
use crate::sessions::complete::cookie_header;
use crate::sessions::extract::SignedIn;
use crate::sessions::forms::AccountForm;
use crate::sessions::store;
use crate::text::human_wait;
use crate::ui::FormGuard;
use crate::ui::{Layout, render_html};
use crate::ui::{PageError, PageResult};
use crate::verification::challenges;
use crate::verification::send::{self, Requester};
use crate::verification::{Code, Purpose};

/// Form fields that never ride along: the guard (the confirmation form has its own), and
/// anything secret, which the person types again.
pub(super) fn carried(raw: &[(String, String)]) -> Vec<(String, String)> {
    raw.iter()
        .filter(|(name, _)| {
            !matches!(
                name.as_str(),
                "authenticity_token"
                    | "account_token"
                    | "resume"
                    | "next"
                    | "back"
                    | "challenge"
                    | "code"
            ) && !name.contains("password")
        })
        .cloned()
        .collect()
}

#[derive(Template)]
#[template(path = "pages/reauth/confirm.html")]
struct ConfirmPage<'a> {
    layout: Layout<'a>,
    position: i32,
    guard: FormGuard,
    alias: String,
    next: &'a str,
    resume: &'a str,
    carry: Vec<(String, String)>,
    error: Option<String>,
    /// How this account confirms: its password; else a code to its address (`challenge`
    /// set once sent); and any linked provider.
    password: bool,
    code_to: Option<String>,
    challenge: String,
    providers: Vec<(String, String)>,
    /// Where a provider confirmation returns (a form cannot be replayed through it).
    back: String,
}

pub(super) struct Confirm<'a> {
    pub(super) next: &'a str,
    pub(super) resume: &'a str,
    pub(super) carry: Vec<(String, String)>,
    pub(super) error: Option<String>,
    pub(super) challenge: Option<uuid::Uuid>,
    pub(super) back: Option<&'a str>,
}

/// The ways an account can confirm it's you.
struct WaysToConfirm {
    password: bool,
    code_to: Option<Destination>,
    providers: Vec<(String, String)>,
}

async fn ways_to_confirm(state: &AppState, account_id: uuid::Uuid) -> sqlx::Result<WaysToConfirm> {
    let mut conn = state.db.acquire().await?;
    let row = sqlx::query!(
        r#"select a.password_hash is not null as "password!", l.kind as "kind?", l.value as "value?"
         from accounts a
         left join lateral (
             select kind, value from aliases
             where account_id = a.id and verified_at is not null
             order by is_primary desc, created_at limit 1
         ) l on true
         where a.id = $1"#,
        account_id
    )
    .fetch_optional(&mut *conn)
    .await?;
    let (password, kind, value) =
        row.map_or((false, None, None), |r| (r.password, r.kind, r.value));
    let linked: Vec<String> = if state.oidc.all().is_empty() {
        Vec::new()
    } else {
        sqlx::query_scalar!(
            "select distinct provider_id from external_identities where account_id = $1",
            account_id
        )
        .fetch_all(&mut *conn)
        .await?
    };
    let providers = linked
        .into_iter()
        .filter_map(|id| {
            let name = state.oidc.get(&id)?.config.name.clone();
            Some((id, name))
        })
        .collect();
    let code_to = match (kind, value) {
        (Some(kind), Some(value)) => Destination::from_stored(&kind, &value),
        _ => None,
    };
    Ok(WaysToConfirm {
        password,
        code_to,
        providers,
    })
}

pub(super) async fn confirm_page(
    state: &AppState,
    signed_in: &SignedIn,
    csrf: CsrfToken,
    confirm: Confirm<'_>,
    status: StatusCode,
) -> Response {
    let ways = match ways_to_confirm(state, signed_in.account.account_id).await {
        Ok(w) => w,
        Err(e) => return crate::ui::internal_error(e),
    };
    let home = signed_in.path("");
    let back = confirm
        .back
        .filter(|b| b.starts_with(&home))
        .or(Some(confirm.next).filter(|n| !n.is_empty()))
        .unwrap_or(&home)
        .to_owned();
    let page = ConfirmPage {
        layout: Layout::new(state, "Confirm it's you").with_account(signed_in.menu(state, &csrf)),
        position: signed_in.account.position,
        guard: signed_in.guard(state, &csrf),
        alias: signed_in.account.masked_alias(),
        next: confirm.next,
        resume: confirm.resume,
        carry: confirm.carry,
        error: confirm.error,
        password: ways.password,
        code_to: ways.code_to.as_ref().map(Destination::masked),
        challenge: confirm.challenge.map(|c| c.to_string()).unwrap_or_default(),
        providers: ways.providers,
        back,
    };
    (status, csrf, render_html(&page)).into_response()
}

/// Whether the person proved it's them (a password, a code), and if not, why.
#[derive(Debug)]
pub enum Proof {
    Confirmed,
    Refused(ProofRefusal),
}

/// Why a typed password or code was not accepted, in words for the page.
#[derive(Debug)]
pub struct ProofRefusal {
    pub message: String,
    pub status: StatusCode,
}

/// Checks the password a signed-in person typed for their own account, throttled like
/// sign-in (someone at an unlocked browser must not get unlimited guesses). A wrong one is
/// written to the audit trail with `during` (`confirm`, `password_change`).
pub async fn check_own_password(
    state: &AppState,
    account_id: uuid::Uuid,
    client: &ClientInfo,
    typed: &str,
    during: &str,
) -> Result<Proof, PageError> {
    let now = state.clock.now();
    let mut conn = state.db.acquire().await?;
    let ip = client.ip.map(|ip| ip.to_string()).unwrap_or_default();
    let keys = [
        ThrottleKey::account(&account_id.to_string()),
        ThrottleKey::ip(&ip),
    ];
    let standing = throttle::standing(&mut conn, &keys, now).await?;
    let wait = standing.wait;
    if wait.is_positive() {
        return Ok(Proof::Refused(ProofRefusal {
            message: format!(
                "Too many wrong passwords. Try again in {}.",
                human_wait(wait)
            ),
            status: StatusCode::TOO_MANY_REQUESTS,
        }));
    }
    let Some(stored) = accounts::password_hash(&mut conn, account_id).await? else {
        return Ok(Proof::Refused(ProofRefusal {
            message: "This account has no password. Sign out, then sign in again with a code to confirm it's you.".to_owned(),
            status: StatusCode::UNPROCESSABLE_ENTITY,
        }));
    };
    // Never hold a pooled connection while queued for the hasher.
    drop(conn);
    let verification = match Password::typed(typed) {
        Some(password) => state.passwords.verify(Some(&stored), &password).await?,
        None => Verification::Mismatch,
    };
    let mut conn = state.db.acquire().await?;
    if matches!(
        verification,
        Verification::Match | Verification::MatchNeedsRehash
    ) {
        if standing.has_failures(&keys[0]) {
            throttle::clear(&mut conn, &keys[0]).await?;
        }
        return Ok(Proof::Confirmed);
    }
    throttle::record_failure(&mut conn, &keys, now).await?;
    audit::record(
        &mut conn,
        now,
        account_id,
        Kind::SignInFailed,
        client,
        json!({ "method": during }),
    )
    .await?;
    Ok(Proof::Refused(ProofRefusal {
        message: "That password isn't right. Try again.".to_owned(),
        status: StatusCode::UNPROCESSABLE_ENTITY,
    }))
}

#[derive(Debug, Default, Deserialize)]
pub struct ConfirmQuery {
    #[serde(default)]
    next: String,
}

/// `GET /u/{n}/confirm?next=…`
pub async fn show(
    State(state): State<AppState>,
    csrf: CsrfToken,
    signed_in: SignedIn,
    Query(q): Query<ConfirmQuery>,
) -> Response {
    let next = LocalPath::parse(&q.next);
    if signed_in.account.elevated {
        let to = next.map_or_else(|| signed_in.path(""), |n| n.as_str().to_owned());
        return Redirect::to(&to).into_response();
    }
    let confirm = Confirm {
        next: next.as_ref().map_or("", LocalPath::as_str),
        resume: "",
        carry: Vec::new(),
        error: None,
        challenge: None,
        back: None,
    };
    confirm_page(&state, &signed_in, csrf, confirm, StatusCode::OK).await
}

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

/// Whether challenge `id` is this account's own "confirm it's you" code.
async fn own_challenge(
    state: &AppState,
    account_id: uuid::Uuid,
    id: uuid::Uuid,
) -> sqlx::Result<bool> {
    let channel = challenges::owned_by(&state.db, id, account_id, Purpose::Reauthenticate).await?;
    Ok(channel.is_some())
}

/// Checks a "confirm it's you" code.
async fn check_code(
    state: &AppState,
    account_id: uuid::Uuid,
    challenge: uuid::Uuid,
    typed: &str,
) -> Result<Proof, PageError> {
    let refused = |message: &str| {
        Proof::Refused(ProofRefusal {
            message: message.to_owned(),
            status: StatusCode::UNPROCESSABLE_ENTITY,
        })
    };
    if !own_challenge(state, account_id, challenge).await? {
        return Ok(refused("That code has expired. Send a new one."));
    }
    let Some(code) = Code::parse(typed) else {
        return Ok(refused("Enter the 6-digit code from the message."));
    };
    let checked = challenges::verify(
        &state.db,
        &state.keys,
        &state.codes,
        state.clock.now(),
        challenge,
        &code,
    )
    .await;
    Ok(match checked {
        Ok(_) => Proof::Confirmed,
        Err(e) => match code_entry::verify_failure(e) {
            Ok(message) => refused(&message),
            Err(_) => refused("That code can no longer be used. Send a new one."),
        },
    })
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
    let method = if let Some(challenge) = challenge {
        if let Proof::Refused(refusal) =
            check_code(&state, account_id, challenge, &fields.code).await?
        {
            let confirm = carry.confirm(Some(refusal.message), Some(challenge));
            return Ok(confirm_page(&state, &signed_in, csrf, confirm, refusal.status).await);
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
            return Ok(confirm_page(&state, &signed_in, csrf, confirm, refusal.status).await);
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

/// Opens the window for the signed-in account (a new browser token, which the caller
/// sets) and records how.
pub async fn elevate(
    state: &AppState,
    signed_in: &SignedIn,
    client: &ClientInfo,
    method: &str,
) -> Result<Option<SessionToken>, PageError> {
    let Some(current) = signed_in.browser.token.as_ref() else {
        return Ok(None);
    };
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let token = store::elevate(
        &mut tx,
        &state.sessions,
        now,
        current,
        signed_in.account.session_id,
    )
    .await?;
    audit::record(
        &mut tx,
        now,
        signed_in.account.account_id,
        Kind::Reauthenticated,
        client,
        json!({ "method": method }),
    )
    .await?;
    tx.commit().await?;
    Ok(token)
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
        let confirm = carry.confirm(
            Some("This account has no verified address to send a code to.".to_owned()),
            None,
        );
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return Ok(confirm_page(&state, &signed_in, csrf, confirm, status).await);
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
    Ok(confirm_page(&state, &signed_in, csrf, confirm, status).await)
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
