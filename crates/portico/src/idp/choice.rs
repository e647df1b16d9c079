//! The forms that answer a stored request: the chooser's pick, consent's decision, and the
//! way back after signing in or confirming it's you.

use axum::Form;
use axum::extract::{Path, State};
use serde::Deserialize;
use uuid::Uuid;

use super::authorize::{Proof, Step, advance, answer_with_code, error_answer};
use super::config::Client;
use super::pages::{Via, refused, tag_accepted, with_app_csp};
use super::store::{self, RequestRow};
use crate::app::AppState;
use crate::http::client::ClientInfo;
use crate::sessions::account::AccountInBrowser;
use crate::sessions::extract::{Browser, SignedIn};
use crate::ui::{PageError, PageResult};

/// The request named in a path, with its client; a page saying so when it has expired.
async fn open_request(state: &AppState, id: &str) -> Result<(RequestRow, Client), PageError> {
    let gone = || PageError::answer(refused(state, "idp-request-gone"));
    let id = Uuid::parse_str(id).map_err(|_| gone())?;
    let request = store::request(&state.db, id, state.clock.now())
        .await?
        .ok_or_else(gone)?;
    let client = store::client(&state.db, &request.client_id)
        .await?
        .ok_or_else(gone)?;
    Ok((request, client))
}

/// `GET /u/{n}/oauth2/continue/{request}`: after signing in or confirming, as account N.
pub async fn resume(
    State(state): State<AppState>,
    info: ClientInfo,
    signed_in: SignedIn,
    Path((_, request)): Path<(String, String)>,
) -> PageResult {
    let (request, client) = open_request(&state, &request).await?;
    let step = Step::stored(&state, &info, &signed_in.browser, &client, &request);
    advance(&step, Some(&signed_in.account), Via::Redirect).await
}

/// A chooser or consent form.
#[derive(Debug, Deserialize)]
pub struct ChoiceForm {
    n: i32,
    tag: String,
    #[serde(default)]
    decision: String,
}

/// The account the form names, if the form was made for it in this browser.
fn chosen_account(
    state: &AppState,
    browser: &Browser,
    request: Uuid,
    form: &ChoiceForm,
) -> Option<AccountInBrowser> {
    browser
        .accounts
        .iter()
        .find(|a| a.position == form.n && !a.expired)
        .filter(|a| tag_accepted(state, a, request, &form.tag))
        .cloned()
}

fn stale_form(state: &AppState) -> PageError {
    PageError::answer(refused(state, "idp-stale-form"))
}

/// The request a chooser or consent form names, its client, and the account the form was
/// made for (or a page saying the form is stale).
async fn form_request(
    state: &AppState,
    browser: &Browser,
    request: &str,
    form: &ChoiceForm,
) -> Result<(RequestRow, Client, AccountInBrowser), PageError> {
    let (request, client) = open_request(state, request).await?;
    let account =
        chosen_account(state, browser, request.id, form).ok_or_else(|| stale_form(state))?;
    Ok((request, client, account))
}

/// `POST /oauth2/request/{request}/choose`
pub async fn choose(
    State(state): State<AppState>,
    info: ClientInfo,
    browser: Browser,
    Path(request): Path<String>,
    Form(form): Form<ChoiceForm>,
) -> PageResult {
    let (request, client, account) = form_request(&state, &browser, &request, &form).await?;
    let step = Step::stored(&state, &info, &browser, &client, &request);
    let response = advance(&step, Some(&account), Via::Page).await?;
    Ok(with_app_csp(response, &request.redirect_uri))
}

/// `POST /oauth2/request/{request}/consent`: allow or deny.
pub async fn decide(
    State(state): State<AppState>,
    info: ClientInfo,
    browser: Browser,
    Path(request): Path<String>,
    Form(form): Form<ChoiceForm>,
) -> PageResult {
    let (request, client, account) = form_request(&state, &browser, &request, &form).await?;
    let step = Step::stored(&state, &info, &browser, &client, &request);
    if form.decision != "allow" {
        return error_answer(&step, "access_denied", Via::Page).await;
    }
    let now = state.clock.now();
    store::grant(
        &state.db,
        account.account_id,
        &client.id,
        &request.scopes,
        now,
    )
    .await?;
    let proof = Proof::of(&state, &account).await?;
    answer_with_code(&step, &account, &proof, Via::Page).await
}
