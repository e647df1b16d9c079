//! Re-authentication ("sudo"): sensitive changes need a sign-in within the last ten minutes.
//! Otherwise the person confirms their password and lands back where they were: a page they
//! were opening is opened, a form they were sending is sent (its fields ride along in the
//! confirmation form, and a 307 redirect replays them to the original action).

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum_csrf::CsrfToken;
use serde::Deserialize;
use serde_json::json;

use crate::app::AppState;
use crate::audit::{self, Kind};
use crate::auth::accounts;
use crate::auth::password::{Password, Verification};
use crate::auth::throttle::{self, ThrottleKey};
use crate::http::client::ClientInfo;
use crate::http::error_pages::{PageError, PageResult};
use crate::http::next::LocalPath;
use crate::pages::code_entry::human_wait;
use crate::pages::{AccountMenu, Layout, render_html};
use crate::sessions::SessionPolicy;
use crate::sessions::complete::cookie_header;
use crate::sessions::extract::{AccountForm, FormGuard, SignedIn};
use crate::sessions::store;

/// Form fields that never ride along: the guard (the confirmation form has its own), and
/// anything secret, which the person types again.
fn carried(raw: &[(String, String)]) -> Vec<(String, String)> {
    raw.iter()
        .filter(|(name, _)| {
            !matches!(
                name.as_str(),
                "authenticity_token" | "account_token" | "resume" | "next"
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
}

struct Confirm<'a> {
    next: &'a str,
    resume: &'a str,
    carry: Vec<(String, String)>,
    error: Option<String>,
}

fn confirm_page(
    state: &AppState,
    signed_in: &SignedIn,
    csrf: CsrfToken,
    confirm: Confirm<'_>,
    status: StatusCode,
) -> Response {
    let page = ConfirmPage {
        layout: Layout::new(state, "Confirm it's you")
            .with_account(AccountMenu::new(state, signed_in, &csrf)),
        position: signed_in.account.position,
        guard: signed_in.guard(state, &csrf),
        alias: signed_in.account.masked_alias(),
        next: confirm.next,
        resume: confirm.resume,
        carry: confirm.carry,
        error: confirm.error,
    };
    (status, csrf, render_html(&page)).into_response()
}

/// For a page that only a recently signed-in person may open: `None` when the window is
/// open, otherwise a redirect to the confirmation page that comes back here.
pub fn require_for_page(signed_in: &SignedIn, uri: &Uri) -> Option<Response> {
    if signed_in.account.elevated {
        return None;
    }
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    query.append_pair("next", uri.path_and_query().map_or("/", |p| p.as_str()));
    let to = format!("{}?{}", signed_in.path("confirm"), query.finish());
    Some(Redirect::to(&to).into_response())
}

/// For a sensitive form: `None` when the window is open, otherwise the confirmation page,
/// which sends the form on to `action` once the password is confirmed.
pub fn require_for_form<T>(
    state: &AppState,
    form: AccountForm<T>,
    action: &str,
) -> Result<AccountForm<T>, PageError> {
    if form.signed_in.account.elevated {
        return Ok(form);
    }
    let confirm = Confirm {
        next: "",
        resume: action,
        carry: carried(&form.raw),
        error: None,
    };
    Err(PageError::answer(confirm_page(
        state,
        &form.signed_in,
        form.csrf,
        confirm,
        StatusCode::OK,
    )))
}

/// Why a typed password was not accepted, in words for the page.
#[derive(Debug)]
pub struct Refusal {
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
) -> Result<Result<(), Refusal>, PageError> {
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
        return Ok(Err(Refusal {
            message: format!(
                "Too many wrong passwords. Try again in {}.",
                human_wait(wait)
            ),
            status: StatusCode::TOO_MANY_REQUESTS,
        }));
    }
    let Some(stored) = accounts::password_hash(&mut conn, account_id).await? else {
        return Ok(Err(Refusal {
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
        return Ok(Ok(()));
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
    Ok(Err(Refusal {
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
    };
    confirm_page(&state, &signed_in, csrf, confirm, StatusCode::OK)
}

#[derive(Debug, Default, Deserialize)]
pub struct ConfirmFields {
    #[serde(default)]
    confirm_password: String,
    #[serde(default)]
    next: String,
    #[serde(default)]
    resume: String,
}

/// `POST /u/{n}/confirm`: the password opens the window, with a new session token.
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
    } = form;
    let own_pages = signed_in.path("");
    // Only this account's own pages may be resumed or returned to.
    let resume = LocalPath::parse(&fields.resume).filter(|p| p.as_str().starts_with(&own_pages));
    let next = LocalPath::parse(&fields.next);
    let again = |csrf, error: String, status| {
        let confirm = Confirm {
            next: next.as_ref().map_or("", LocalPath::as_str),
            resume: resume.as_ref().map_or("", LocalPath::as_str),
            carry: carried(&raw),
            error: Some(error),
        };
        confirm_page(&state, &signed_in, csrf, confirm, status)
    };
    let account_id = signed_in.account.account_id;
    let now = state.clock.now();
    if let Err(refusal) = check_own_password(
        &state,
        account_id,
        &client,
        &fields.confirm_password,
        "confirm",
    )
    .await?
    {
        return Ok(again(csrf, refusal.message, refusal.status));
    }
    let Some(current) = signed_in.browser.token.as_ref() else {
        return Ok(Redirect::to("/signin").into_response());
    };
    let mut tx = state.db.begin().await?;
    let token = store::elevate(
        &mut tx,
        &SessionPolicy::default(),
        now,
        current,
        signed_in.account.session_id,
    )
    .await?;
    audit::record(
        &mut tx,
        now,
        account_id,
        Kind::Reauthenticated,
        &client,
        json!({}),
    )
    .await?;
    tx.commit().await?;
    let Some(token) = token else {
        return Ok(Redirect::to("/signin").into_response());
    };
    let cookie = cookie_header(&state, &token, signed_in.account.keep_signed_in);
    let response = match resume {
        // 307 keeps the method and body: the browser sends the carried form on.
        Some(action) => (
            StatusCode::TEMPORARY_REDIRECT,
            [cookie, (header::LOCATION, action.as_str().parse()?)],
        )
            .into_response(),
        None => {
            let to = next.map_or(own_pages, |n| n.as_str().to_owned());
            ([cookie], Redirect::to(&to)).into_response()
        }
    };
    Ok(response)
}
