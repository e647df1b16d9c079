//! The alert's link: `GET /sign-in-alert?t=…` shows the sign-in and asks (mail scanners
//! fetch links, so a GET changes nothing); `POST /sign-in-alert` records the answer, once.
//! "This wasn't me" ends that session at once and leads to a new password and Recent
//! activity.

use crate::http::csrf::CsrfToken;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use serde::Deserialize;
use serde_json::json;

use super::store;
use crate::app::AppState;
use crate::audit::{self, Kind};
use crate::http::client::{ClientInfo, browser_label};
use crate::sessions::SessionToken;
use crate::sessions::forms::CsrfForm;
use crate::ui::PageResult;
use crate::ui::{Layout, render_html};

/// What the page shows.
#[derive(Debug, PartialEq, Eq)]
enum Shown {
    /// The sign-in, and the two answers.
    Ask,
    /// Answered "It was me".
    Kept,
    /// Answered "This wasn't me": the session ended.
    Ended,
    /// Used already, too old, or no such link.
    Gone,
}

#[derive(Template)]
#[template(path = "pages/alerts/answer.html")]
struct AnswerPage<'a> {
    layout: Layout<'a>,
    csrf: String,
    token: &'a str,
    shown: Shown,
    at: String,
    browser: String,
    ip: String,
}

fn page(
    state: &AppState,
    csrf: CsrfToken,
    token: &str,
    shown: Shown,
    alert: Option<&store::Alert>,
) -> PageResult {
    let status = if shown == Shown::Gone {
        StatusCode::NOT_FOUND
    } else {
        StatusCode::OK
    };
    let page = AnswerPage {
        layout: Layout::new(state, crate::i18n::t("alert-title")),
        csrf: csrf.authenticity_token(),
        token,
        shown,
        at: alert
            .map(|a| crate::text::format_time(a.created_at))
            .unwrap_or_default(),
        browser: alert
            .map(|a| browser_label(a.user_agent.as_deref()))
            .unwrap_or_default(),
        ip: alert
            .and_then(|a| a.ip)
            .map(|ip| ip.ip().to_string())
            .unwrap_or_default(),
    };
    Ok((status, csrf, render_html(&page)).into_response())
}

#[derive(Debug, Default, Deserialize)]
pub struct LinkQuery {
    #[serde(default)]
    t: String,
}

/// `GET /sign-in-alert?t=…`: the sign-in and the question; changes nothing.
pub async fn show(
    State(state): State<AppState>,
    csrf: CsrfToken,
    Query(q): Query<LinkQuery>,
) -> PageResult {
    let Some(token) = SessionToken::from_cookie(&q.t) else {
        return page(&state, csrf, "", Shown::Gone, None);
    };
    let mut conn = state.db.acquire().await?;
    match store::by_token(&mut conn, &token.hash(), state.clock.now()).await? {
        Some(alert) if alert.answer.is_none() => page(&state, csrf, &q.t, Shown::Ask, Some(&alert)),
        _ => page(&state, csrf, "", Shown::Gone, None),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct AnswerForm {
    #[serde(default)]
    t: String,
    /// `me` or `not_me`.
    #[serde(default)]
    answer: String,
}

/// `POST /sign-in-alert`: records the answer; "This wasn't me" ends the session.
pub async fn answer(
    State(state): State<AppState>,
    client: ClientInfo,
    CsrfForm { csrf, fields: form }: CsrfForm<AnswerForm>,
) -> PageResult {
    let (Some(token), Some(answer)) = (
        SessionToken::from_cookie(&form.t),
        match form.answer.as_str() {
            "me" => Some("me"),
            "not_me" => Some("not_me"),
            _ => None,
        },
    ) else {
        return page(&state, csrf, "", Shown::Gone, None);
    };
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let Some(alert) = store::by_token(&mut tx, &token.hash(), now).await? else {
        return page(&state, csrf, "", Shown::Gone, None);
    };
    if !store::answer(&mut tx, alert.id, answer, now).await? {
        return page(&state, csrf, "", Shown::Gone, None);
    }
    let ended = if answer == "not_me" {
        crate::sessions::store::end_session(&mut tx, alert.account_id, alert.session_id, now)
            .await?
    } else {
        false
    };
    let kind = if answer == "me" {
        Kind::UnusualSignInConfirmed
    } else {
        Kind::UnusualSignInDisowned
    };
    let details = json!({ "alert": alert.id, "session_ended": ended });
    audit::record(&mut tx, now, alert.account_id, kind, &client, details).await?;
    tx.commit().await?;
    let shown = if answer == "me" {
        Shown::Kept
    } else {
        Shown::Ended
    };
    page(&state, csrf, "", shown, Some(&alert))
}
