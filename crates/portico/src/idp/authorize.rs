//! `/oauth2/authorize` and what stands between an app's redirect and Portico's answer: the
//! account chooser, a fresh sign-in when the app asks for one, and consent. The request is
//! checked once and stored; every later step names it by id, so two tabs signing in to two
//! apps with two accounts never mix.

use axum::Form;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect};
use serde_json::json;
use url::Url;
use uuid::Uuid;

use super::config::Client;
use super::pages::{Via, chooser, consent, deliver, error_target, refused};
use super::rules::{
    AuthorizeParams, CODE_LIFETIME, Candidate, Pick, Prompt, REQUEST_LIFETIME, check_request,
    needs_consent, needs_fresh_sign_in, pick_account,
};
use super::store::{self, CodeRow, RequestRow};
use super::tokens;
use crate::app::AppState;
use crate::audit::{self, Kind};
use crate::http::client::ClientInfo;
use crate::http::next::sign_in_link;
use crate::sessions::account::AccountInBrowser;
use crate::sessions::extract::Browser;
use crate::ui::{PageError, PageResult};

/// `GET /oauth2/authorize`
pub async fn authorize_get(
    State(state): State<AppState>,
    info: ClientInfo,
    browser: Browser,
    Query(params): Query<AuthorizeParams>,
) -> PageResult {
    start(&state, &info, &browser, &params).await
}

/// `POST /oauth2/authorize` (OpenID Connect Core §3.1.2.1 allows both).
pub async fn authorize_post(
    State(state): State<AppState>,
    info: ClientInfo,
    browser: Browser,
    Form(params): Form<AuthorizeParams>,
) -> PageResult {
    start(&state, &info, &browser, &params).await
}

async fn start(
    state: &AppState,
    info: &ClientInfo,
    browser: &Browser,
    params: &AuthorizeParams,
) -> PageResult {
    let Some(client_id) = params.client_id.as_deref() else {
        return Ok(refused(state, "idp-no-client-id"));
    };
    let Some(client) = store::client(&state.db, client_id).await? else {
        return Ok(refused(state, "idp-unknown-client"));
    };
    let redirect_ok = params
        .redirect_uri
        .as_ref()
        .is_some_and(|uri| client.redirect_uris.contains(uri));
    let Some(redirect_uri) = params.redirect_uri.clone().filter(|_| redirect_ok) else {
        return Ok(refused(state, "idp-bad-redirect"));
    };
    let checked = match check_request(params, &client.scopes, client.is_public()) {
        Ok(c) => c,
        Err(e) => {
            let target = error_target(
                state,
                &redirect_uri,
                e.error,
                e.description,
                params.state.as_deref(),
            );
            return Ok(deliver(state, &client, &target, Via::Redirect));
        }
    };
    let now = state.clock.now();
    let request = RequestRow {
        id: Uuid::new_v4(),
        client_id: client.id.clone(),
        redirect_uri,
        scopes: checked.scopes,
        state: checked.state,
        nonce: checked.nonce,
        code_challenge: checked.code_challenge,
        prompt: checked.prompt.values(),
        max_age: checked.max_age,
        login_hint: checked.login_hint,
        ui_locales: checked.ui_locales,
        created_at: now,
        expires_at: now + REQUEST_LIFETIME,
    };
    let step = Step {
        state,
        info,
        browser,
        client: &client,
        request: &request,
        stored: false,
    };
    advance(&step, None, Via::Redirect).await
}

/// One request on its way, in one browser.
pub(super) struct Step<'a> {
    state: &'a AppState,
    info: &'a ClientInfo,
    browser: &'a Browser,
    client: &'a Client,
    request: &'a RequestRow,
    /// Whether the request is in the database. It is stored only when a page or a sign-in
    /// must name it; one answered at once (the usual case) never is.
    stored: bool,
}

impl<'a> Step<'a> {
    /// A request stored before, named by one of our pages or forms.
    pub(super) fn stored(
        state: &'a AppState,
        info: &'a ClientInfo,
        browser: &'a Browser,
        client: &'a Client,
        request: &'a RequestRow,
    ) -> Self {
        Self {
            state,
            info,
            browser,
            client,
            request,
            stored: true,
        }
    }

    /// Stores the request, if it is not yet, before a page or redirect names it.
    async fn keep(&self) -> Result<(), PageError> {
        if !self.stored {
            store::insert_request(&self.state.db, self.request).await?;
        }
        Ok(())
    }

    /// Ends the stored request; false if another answer already ended it.
    async fn finish(&self, conn: &mut sqlx::PgConnection) -> sqlx::Result<bool> {
        if !self.stored {
            return Ok(true);
        }
        store::finish_request(conn, self.request.id).await
    }
}

/// `/u/N/oauth2/continue/{id}`: where sign-in and "confirm it's you" come back to, with
/// the account at N as the choice.
pub(super) fn continue_path(position: i32, request: Uuid) -> String {
    format!("/u/{position}/oauth2/continue/{request}")
}

/// The next step of a request for this browser: pick the account, have it prove itself
/// again if asked, ask for consent, or answer the app.
pub(super) async fn advance(
    step: &Step<'_>,
    chosen: Option<&AccountInBrowser>,
    via: Via,
) -> PageResult {
    let Step {
        state,
        browser,
        client,
        request,
        ..
    } = *step;
    let prompt = Prompt::from_values(&request.prompt);
    let account = match chosen {
        Some(a) => a.clone(),
        None => match pick(state, browser, client, request, prompt).await? {
            Ok(a) => a,
            Err(Pick::Choose) if prompt.none => {
                return error_answer(step, "account_selection_required", via).await;
            }
            Err(Pick::Choose) => {
                step.keep().await?;
                return Ok(chooser(state, browser, client, request));
            }
            Err(_) if prompt.none => {
                return error_answer(step, "login_required", via).await;
            }
            Err(_) => {
                step.keep().await?;
                let to = sign_in_link(request.login_hint.as_deref(), &continue_path(0, request.id));
                return Ok(Redirect::to(&to).into_response());
            }
        },
    };
    let now = state.clock.now();
    let proof = Proof::of(state, &account).await?;
    if needs_fresh_sign_in(
        prompt,
        request.max_age,
        proof.auth_time,
        request.created_at,
        now,
    ) {
        if prompt.none {
            return error_answer(step, "login_required", via).await;
        }
        step.keep().await?;
        let next = continue_path(account.position, request.id);
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        query.append_pair("fresh", "1").append_pair("next", &next);
        let to = format!("/u/{}/confirm?{}", account.position, query.finish());
        return Ok(Redirect::to(&to).into_response());
    }
    let granted = store::granted_scopes(&state.db, account.account_id, &client.id).await?;
    if needs_consent(
        &request.scopes,
        granted.as_deref(),
        client.first_party,
        prompt,
    ) {
        if prompt.none {
            return error_answer(step, "consent_required", via).await;
        }
        step.keep().await?;
        return Ok(consent(state, client, request, &account));
    }
    answer_with_code(step, &account, &proof, via).await
}

/// Picks the account, or says why none could be.
async fn pick(
    state: &AppState,
    browser: &Browser,
    client: &Client,
    request: &RequestRow,
    prompt: Prompt,
) -> Result<Result<AccountInBrowser, Pick>, PageError> {
    let live: Vec<&AccountInBrowser> = browser.accounts.iter().filter(|a| !a.expired).collect();
    let last = match live.first() {
        Some(a) => store::last_choice(&state.db, a.browser_session_id, &client.id).await?,
        None => None,
    };
    let hint = request.login_hint.as_deref();
    let candidates: Vec<Candidate> = live
        .iter()
        .map(|a| Candidate {
            position: a.position,
            matches_hint: hint.is_some_and(|h| hint_matches(a, h)),
            last_choice: Some(a.account_id) == last,
        })
        .collect();
    Ok(match pick_account(&candidates, prompt, hint.is_some()) {
        Pick::Account(position) => live
            .into_iter()
            .find(|a| a.position == position)
            .cloned()
            .ok_or(Pick::SignIn),
        other => Err(other),
    })
}

/// Whether `hint` names one of the account's verified sign-in aliases.
fn hint_matches(account: &AccountInBrowser, hint: &str) -> bool {
    let hint = hint.trim();
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    account.aliases.iter().any(|a| {
        a.verified
            && a.sign_in_allowed
            && match a.kind.as_str() {
                "phone" => hint.starts_with('+') && digits(hint) == digits(&a.value),
                _ => a.value.eq_ignore_ascii_case(hint),
            }
    })
}

/// How the chosen account last proved itself.
pub(super) struct Proof {
    auth_time: time::OffsetDateTime,
    method: Option<String>,
}

impl Proof {
    /// When and how the account's session here was last proved (its sign-in time, method
    /// unknown, for sessions from before that was recorded).
    pub(super) async fn of(state: &AppState, account: &AccountInBrowser) -> sqlx::Result<Self> {
        let (auth_time, method) = store::session_proof(&state.db, account.session_id)
            .await?
            .unwrap_or((account.last_seen_at, None));
        Ok(Self { auth_time, method })
    }
}

/// Issues the code and sends the browser back to the app with it.
pub(super) async fn answer_with_code(
    step: &Step<'_>,
    account: &AccountInBrowser,
    proof: &Proof,
    via: Via,
) -> PageResult {
    let Step {
        state,
        client,
        request,
        info,
        ..
    } = *step;
    let now = state.clock.now();
    let (code, hash) = tokens::new_token();
    let mut tx = state.db.begin().await?;
    if !step.finish(&mut tx).await? {
        return Ok(refused(state, "idp-already-answered"));
    }
    let row = CodeRow {
        client_id: client.id.clone(),
        account_id: account.account_id,
        account_session_id: Some(account.session_id),
        redirect_uri: request.redirect_uri.clone(),
        scopes: request.scopes.clone(),
        nonce: request.nonce.clone(),
        code_challenge: request.code_challenge.clone(),
        auth_time: proof.auth_time,
        auth_method: proof.method.clone(),
        expires_at: now + CODE_LIFETIME,
        used_at: None,
        family_id: None,
    };
    store::insert_code(&mut *tx, &hash, &row, now).await?;
    store::used(
        &mut *tx,
        account.account_id,
        &client.id,
        &request.scopes,
        now,
    )
    .await?;
    store::remember_choice(
        &mut *tx,
        account.browser_session_id,
        &client.id,
        account.account_id,
        now,
    )
    .await?;
    audit::record(
        &mut tx,
        now,
        account.account_id,
        Kind::AppSignIn,
        info,
        json!({ "client_id": client.id, "app": client.name }),
    )
    .await?;
    tx.commit().await?;
    let mut target = Url::parse(&request.redirect_uri)?;
    {
        let mut q = target.query_pairs_mut();
        q.append_pair("code", &code);
        if let Some(s) = &request.state {
            q.append_pair("state", s);
        }
        q.append_pair("iss", &super::issuer(state));
    }
    Ok(deliver(state, client, target.as_str(), via))
}

/// An error for the app on its redirect URI (RFC 6749 §4.1.2.1, with `iss` per RFC 9207);
/// the request is over.
pub(super) async fn error_answer(step: &Step<'_>, error: &'static str, via: Via) -> PageResult {
    let Step {
        state,
        client,
        request,
        ..
    } = *step;
    let mut conn = state.db.acquire().await?;
    step.finish(&mut conn).await?;
    let target = error_target(
        state,
        &request.redirect_uri,
        error,
        "",
        request.state.as_deref(),
    );
    Ok(deliver(state, client, &target, via))
}
