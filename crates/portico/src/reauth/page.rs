//! The "Confirm it's you" page: the ways this account can confirm, and the form it
//! carries on to.

use crate::http::csrf::CsrfToken;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;

use super::store;
use crate::app::AppState;
use crate::contact::Destination;
use crate::http::next::LocalPath;
use crate::sessions::extract::SignedIn;
use crate::ui::FormGuard;
use crate::ui::{Layout, PageResult, render_html};

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
                    | "ceremony"
                    | "credential"
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
    /// A passkey ceremony for the account's passkeys, when it has any: its id and options.
    passkey: Option<(uuid::Uuid, String)>,
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
pub(super) struct WaysToConfirm {
    pub(super) password: bool,
    pub(super) code_to: Option<Destination>,
    pub(super) providers: Vec<(String, String)>,
}

pub(super) async fn ways_to_confirm(
    state: &AppState,
    account_id: uuid::Uuid,
) -> sqlx::Result<WaysToConfirm> {
    let mut conn = state.db.acquire().await?;
    let (password, code_to) = store::password_and_code_to(&mut conn, account_id).await?;
    let linked: Vec<String> = if state.oidc.all().is_empty() {
        Vec::new()
    } else {
        store::linked_providers(&mut conn, account_id).await?
    };
    let providers = linked
        .into_iter()
        .filter_map(|id| {
            let name = state.oidc.get(&id)?.config.name.clone();
            Some((id, name))
        })
        .collect();
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
) -> PageResult {
    let ways = ways_to_confirm(state, signed_in.account.account_id).await?;
    let passkey = match state.passkeys.as_ref() {
        Some(rp) => {
            let account_id = signed_in.account.account_id;
            crate::passkeys::ceremony::start_confirm(state, rp, account_id)
                .await?
                .map(|s| (s.ceremony, s.options.to_string()))
        }
        None => None,
    };
    let layout = Layout::new(state, crate::i18n::t("reauth-title"))
        .with_account(signed_in.menu(state, &csrf));
    let home = signed_in.path("");
    let back = confirm
        .back
        .filter(|b| b.starts_with(&home))
        .or(Some(confirm.next).filter(|n| !n.is_empty()))
        .unwrap_or(&home)
        .to_owned();
    let page = ConfirmPage {
        layout: if passkey.is_some() {
            layout.with_script("js/passkeys.js")
        } else {
            layout
        },
        passkey,
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
    Ok((status, csrf, render_html(&page)).into_response())
}

#[derive(Debug, Default, Deserialize)]
pub struct ConfirmQuery {
    #[serde(default)]
    next: String,
    /// Ask even within the re-authentication window: an app asked for a fresh sign-in
    /// (`prompt=login`, `max_age`).
    #[serde(default)]
    fresh: Option<String>,
}

/// `GET /u/{n}/confirm?next=…`
pub async fn show(
    State(state): State<AppState>,
    csrf: CsrfToken,
    signed_in: SignedIn,
    Query(q): Query<ConfirmQuery>,
) -> PageResult {
    let next = LocalPath::parse(&q.next);
    if signed_in.account.elevated && q.fresh.is_none() {
        let to = next.map_or_else(|| signed_in.path(""), |n| n.as_str().to_owned());
        return Ok(Redirect::to(&to).into_response());
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
