//! The pages of closing an account: `/u/N/close` (what will happen, a box to tick, after a
//! recent sign-in), and the offer a sign-in of a closing account leads to, answered at
//! `POST /reopen`.

use crate::http::csrf::CsrfToken;
use askama::Template;
use axum::extract::{Form, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::{Closed, ReopenOffer, close};
use crate::app::AppState;
use crate::http::client::ClientInfo;
use crate::reauth::{RecentForm, RecentPage};
use crate::sessions::complete;
use crate::sessions::cookie::SessionCookie;
use crate::sessions::store::{SignIn, SignInError};
use crate::text::format_date;
use crate::ui::{FormGuard, Layout, PageResult, render_html};

#[derive(Template)]
#[template(path = "pages/closing/close.html")]
struct ClosePage<'a> {
    layout: Layout<'a>,
    position: i32,
    guard: FormGuard,
    grace_days: i64,
    error: Option<&'a str>,
}

fn close_page(
    state: &AppState,
    signed_in: &crate::sessions::extract::SignedIn,
    csrf: CsrfToken,
    error: Option<&str>,
) -> Response {
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = ClosePage {
        layout: Layout::new(state, crate::i18n::t("close-title"))
            .with_account(signed_in.menu(state, &csrf)),
        position: signed_in.account.position,
        guard: signed_in.guard(state, &csrf),
        grace_days: state.config.close_grace.whole_days(),
        error,
    };
    (status, csrf, render_html(&page)).into_response()
}

/// `GET /u/{n}/close`
pub async fn show(
    State(state): State<AppState>,
    csrf: CsrfToken,
    RecentPage(signed_in): RecentPage,
) -> PageResult {
    Ok(close_page(&state, &signed_in, csrf, None))
}

#[derive(Debug, Default, Deserialize)]
pub struct CloseFields {
    #[serde(default)]
    understand: String,
}

#[derive(Template)]
#[template(path = "pages/closing/closed.html")]
struct ClosedPage<'a> {
    layout: Layout<'a>,
    delete_on: String,
}

/// `POST /u/{n}/close`
pub async fn submit(
    State(state): State<AppState>,
    client: ClientInfo,
    RecentForm(form): RecentForm<CloseFields>,
) -> PageResult {
    if !super::rules::understood(&form.fields.understand) {
        let error = "close-tick";
        return Ok(close_page(&state, &form.signed_in, form.csrf, Some(error)));
    }
    let account_id = form.signed_in.account.account_id;
    let delete_after = match close(&state, account_id, &client).await? {
        Closed::Until(at) => at,
        Closed::NotActive => {
            let error = "close-not-active";
            return Ok(close_page(&state, &form.signed_in, form.csrf, Some(error)));
        }
    };
    let page = ClosedPage {
        layout: Layout::new(&state, crate::i18n::t("close-closing-title")),
        delete_on: format_date(delete_after),
    };
    Ok((form.csrf, render_html(&page)).into_response())
}

#[derive(Template)]
#[template(path = "pages/closing/reopen.html")]
struct ReopenPage<'a> {
    layout: Layout<'a>,
    /// The signed offer; empty once answered or gone.
    offer: String,
    delete_on: String,
    /// `ask`, `kept_closed` or `gone`.
    shown: &'a str,
}

/// What a sign-in of a closing account leads to: the offer to reopen it, and nothing else.
pub fn offer_page(state: &AppState, offer: &ReopenOffer) -> Response {
    let page = ReopenPage {
        layout: Layout::new(state, crate::i18n::t("close-reopen-title")),
        offer: offer.token(&state.keys),
        delete_on: format_date(offer.delete_after),
        shown: "ask",
    };
    (StatusCode::OK, render_html(&page)).into_response()
}

#[derive(Debug, Default, Deserialize)]
pub struct ReopenFields {
    #[serde(default)]
    offer: String,
    /// `reopen` or `keep_closed`.
    #[serde(default)]
    decision: String,
}

/// `POST /reopen`. No CSRF token: the offer itself is a secret only the browser that just
/// proved the account holds (signed by the server, minutes long), and another site's page
/// cannot know it; the Origin check applies as to every post.
pub async fn reopen(
    State(state): State<AppState>,
    client: ClientInfo,
    headers: HeaderMap,
    Form(fields): Form<ReopenFields>,
) -> PageResult {
    let now = state.clock.now();
    let gone = |shown: &'static str, delete_on: String| {
        let page = ReopenPage {
            layout: Layout::new(&state, crate::i18n::t("close-reopen-title")),
            offer: String::new(),
            delete_on,
            shown,
        };
        (StatusCode::OK, render_html(&page)).into_response()
    };
    let Some(offer) = ReopenOffer::from_token(&state.keys, &fields.offer, now) else {
        return Ok(gone("gone", String::new()));
    };
    if fields.decision != "reopen" {
        return Ok(gone("kept_closed", format_date(offer.delete_after)));
    }
    let mut tx = state.db.begin().await?;
    if !super::reopen(&mut tx, now, &offer, &client).await? {
        return Ok(gone("gone", String::new()));
    }
    let who = SignIn {
        account_id: offer.account_id,
        keep_signed_in: offer.keep_signed_in,
        method: offer.method,
        ip: client.ip,
        user_agent: client.user_agent.clone(),
        browser: client.browser.clone(),
    };
    let current = SessionCookie::new(state.config.is_https()).read(&headers);
    let signed_in = match complete::open(&mut tx, &state, current.as_ref(), &who).await {
        Ok(signed_in) => signed_in,
        Err(SignInError::Database(e)) => return Err(e.into()),
        // Reopened in this transaction: neither can happen; say so rather than sign in.
        Err(SignInError::TooManyAccounts | SignInError::Closing(_)) => {
            return Ok(gone("gone", String::new()));
        }
    };
    complete::record(
        &mut tx,
        now,
        &who,
        complete::Method::from_name(offer.method),
    )
    .await?;
    tx.commit().await?;
    Ok(complete::response(&state, &signed_in, None))
}
