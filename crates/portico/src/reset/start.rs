//! The reset's first half: an address (the page reads the same whether it has an
//! account), a code to it, and "send a new code".

use crate::http::csrf::CsrfToken;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use uuid::Uuid;

use crate::app::AppState;
use crate::auth::accounts;
use crate::contact::regions::{self, RegionOption};
use crate::http::client::ClientInfo;
use crate::pages::code_entry::{self, Recipient};
use crate::sessions::forms::CsrfForm;
use crate::signup::form::parse_address;
use crate::ui::PageResult;
use crate::ui::{Layout, render_html};
use crate::verification::challenges::Purpose;
use crate::verification::send::{self, Requester, SendCodeError};

use super::flow;

#[derive(Template)]
#[template(path = "pages/reset/start.html")]
struct StartPage<'a> {
    layout: Layout<'a>,
    csrf: String,
    address: &'a str,
    regions: Vec<RegionOption>,
    error: Option<String>,
}

/// The first step's form: what was typed (the address, the country of a phone number
/// without `+`), and why it was refused.
pub(super) fn start_page(
    state: &AppState,
    token: CsrfToken,
    (address, region): (&str, &str),
    error: Option<String>,
) -> Response {
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = StartPage {
        layout: Layout::new(state, crate::i18n::t("reset-title")),
        csrf: token.authenticity_token(),
        address,
        regions: regions::options(region),
        error,
    };
    (status, token, render_html(&page)).into_response()
}

/// `GET /reset`
pub async fn show_start(
    State(state): State<AppState>,
    token: CsrfToken,
    headers: HeaderMap,
) -> Response {
    let region = crate::signin::pages::default_region(&state, &headers);
    start_page(&state, token, ("", &region), None)
}

#[derive(Debug, Default, Deserialize)]
pub struct StartForm {
    #[serde(default)]
    address: String,
    #[serde(default)]
    region: String,
}

/// `POST /reset`
pub async fn start(
    State(state): State<AppState>,
    client: ClientInfo,
    CsrfForm {
        csrf: token,
        fields: form,
    }: CsrfForm<StartForm>,
) -> PageResult {
    let typed = (form.address.as_str(), form.region.as_str());
    let alias = match parse_address(&form.address, &form.region) {
        Ok(alias) => alias,
        Err(message) => return Ok(start_page(&state, token, typed, Some(message))),
    };
    let result = async {
        let mut tx = state.db.begin().await?;
        let account = accounts::find_by_verified_alias(&mut tx, &alias).await?;
        let requester = Requester {
            ip: client.ip,
            account_id: account,
        };
        let purpose = Purpose::ResetPassword;
        let issued = send::send_code_if_known(&mut tx, &state, &requester, purpose, &alias).await?;
        tx.commit().await?;
        Ok::<_, SendCodeError>(issued.id)
    }
    .await;
    match result {
        Ok(id) => Ok(Redirect::to(&format!("/reset/code?c={id}")).into_response()),
        Err(e) => match e.user_message() {
            Some(message) => Ok(start_page(&state, token, typed, Some(message))),
            None => Err(e.failure().into()),
        },
    }
}

#[derive(Debug, Deserialize)]
pub struct ChallengeQuery {
    c: Option<Uuid>,
}

/// `GET /reset/code?c=…`
pub async fn show_code(
    State(state): State<AppState>,
    token: CsrfToken,
    Query(q): Query<ChallengeQuery>,
) -> PageResult {
    match q.c {
        Some(id) => code_entry::render(&state, token, &flow(id), id, None, None).await,
        None => Ok(Redirect::to("/reset").into_response()),
    }
}

#[derive(Debug, Deserialize)]
pub struct ResendForm {
    c: Option<Uuid>,
}

/// `POST /reset/resend`
pub async fn resend(
    State(state): State<AppState>,
    client: ClientInfo,
    CsrfForm {
        csrf: token,
        fields: form,
    }: CsrfForm<ResendForm>,
) -> PageResult {
    let Some(id) = form.c else {
        return Ok(Redirect::to("/reset").into_response());
    };
    code_entry::resend(
        &state,
        token,
        &flow(id),
        id,
        client.ip,
        Purpose::ResetPassword,
        Recipient::AnyVerified,
    )
    .await
}
