//! The code-entry page every code flow shows: where the code went (masked), the code field,
//! "send a new code" with its wait, and a way out.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_csrf::CsrfToken;
use uuid::Uuid;

use crate::app::AppState;
use crate::contact::{Channel, Destination, EmailAddress, PhoneNumber};
use crate::http::error_pages::{ErrorPage, internal_error};
use crate::pages::{Layout, render_html};
use crate::verification::CodePolicy;
use crate::verification::challenges;

/// What differs between flows: where the forms go and what the way out is.
#[derive(Debug, Clone)]
pub struct CodeFlow {
    pub verify_action: &'static str,
    pub resend_action: &'static str,
    /// The hidden field naming the flow's record (`p` for a sign-up, `c` for a sign-in).
    pub ref_name: &'static str,
    pub ref_value: Uuid,
    pub submit_label: &'static str,
    pub other_href: String,
    pub other_label: &'static str,
    /// Offer "keep me signed in" (flows that end signed in).
    pub signs_in: bool,
}

#[derive(Template)]
#[template(path = "pages/code.html")]
struct CodePage<'a> {
    layout: Layout<'a>,
    csrf: String,
    verify_action: &'a str,
    resend_action: &'a str,
    ref_name: &'a str,
    ref_value: Uuid,
    submit_label: &'a str,
    other_href: &'a str,
    other_label: &'a str,
    signs_in: bool,
    destination: String,
    is_phone: bool,
    error: Option<String>,
    info: Option<String>,
    resend_wait_seconds: i64,
    finished: bool,
}

/// The masked form of a stored (normalised) destination.
pub fn masked(channel: Channel, normalized: &str) -> String {
    let destination = match channel {
        Channel::Email => EmailAddress::parse(normalized).ok().map(Destination::Email),
        Channel::Sms => PhoneNumber::parse(normalized, None)
            .ok()
            .map(Destination::Phone),
    };
    destination.map_or_else(String::new, |d| d.masked())
}

/// Renders the page for `challenge_id`, with an error (422) or a note (200).
pub async fn render(
    state: &AppState,
    token: CsrfToken,
    flow: &CodeFlow,
    challenge_id: Uuid,
    error: Option<String>,
    info: Option<String>,
) -> Response {
    let status = match challenges::status(&state.db, &CodePolicy::default(), challenge_id).await {
        Ok(Some(status)) => status,
        Ok(None) => return ErrorPage::not_found().into_response(),
        Err(e) => return internal_error(e),
    };
    let now = state.clock.now();
    let page = CodePage {
        layout: Layout::new(state, "Enter your code"),
        csrf: token.authenticity_token().unwrap_or_default(),
        verify_action: flow.verify_action,
        resend_action: flow.resend_action,
        ref_name: flow.ref_name,
        ref_value: flow.ref_value,
        submit_label: flow.submit_label,
        other_href: &flow.other_href,
        other_label: flow.other_label,
        signs_in: flow.signs_in,
        destination: masked(status.channel, &status.destination),
        is_phone: status.channel == Channel::Sms,
        resend_wait_seconds: (status.resend_at - now).whole_seconds().max(0),
        finished: status.finished,
        error,
        info,
    };
    let code = if page.error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    (code, token, render_html(&page)).into_response()
}
