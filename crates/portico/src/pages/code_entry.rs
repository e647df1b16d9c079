//! The code-entry page every code flow shows: where the code went (masked), the code field,
//! "send a new code" with its wait, and a way out.

use std::net::IpAddr;

use crate::http::csrf::CsrfToken;
use askama::Template;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use uuid::Uuid;

use crate::app::AppState;
use crate::auth::accounts;
use crate::contact::{Channel, Destination};
use crate::text::format_time;
use crate::ui::FormGuard;
use crate::ui::{AccountMenu, Layout, render_html};
use crate::ui::{ErrorPage, InternalError, PageResult, internal_error};
use crate::verification::challenges::{self, Purpose, VerifyError};
use crate::verification::send::{self, Requester, SendCodeError};

/// What differs between flows: where the forms go and what the way out is.
#[derive(Debug, Clone)]
pub struct CodeFlow {
    pub verify_action: String,
    pub resend_action: String,
    /// The hidden field naming the flow's record (`p` for a sign-up, `c` for a sign-in).
    pub ref_name: &'static str,
    pub ref_value: Uuid,
    /// The submit button's and the other way's words (keys of `locales/`).
    pub submit_label: &'static str,
    pub other_href: String,
    pub other_label: &'static str,
    /// Offer "keep me signed in" (flows that end signed in).
    pub signs_in: bool,
    /// For a flow on a signed-in account's pages: its menu and form guard.
    pub account: Option<(AccountMenu, FormGuard)>,
}

#[derive(Template)]
#[template(path = "pages/code.html")]
struct CodePage<'a> {
    layout: Layout<'a>,
    csrf: String,
    account_token: &'a str,
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
    /// When the current code was sent, and until when it works ("21:04 UTC").
    sent_at: String,
    valid_until: Option<String>,
    error: Option<String>,
    info: Option<String>,
    resend_wait_seconds: i64,
    finished: bool,
}

/// The masked form of a stored (normalised) destination.
pub fn masked(channel: Channel, normalized: &str) -> String {
    Destination::from_channel(channel, normalized).map_or_else(String::new, |d| d.masked())
}

/// Renders the page for `challenge_id`, with an error (422) or a note (200).
pub async fn render(
    state: &AppState,
    token: CsrfToken,
    flow: &CodeFlow,
    challenge_id: Uuid,
    error: Option<String>,
    info: Option<String>,
) -> PageResult {
    let Some(status) = challenges::status(&state.db, &state.codes, challenge_id).await? else {
        return Ok(ErrorPage::not_found().into_response());
    };
    let now = state.clock.now();
    let mut layout = Layout::new(state, crate::i18n::t("code-title"));
    if let Some((menu, _)) = &flow.account {
        layout = layout.with_account(menu.clone());
    }
    let page = CodePage {
        layout,
        csrf: token.authenticity_token(),
        account_token: flow
            .account
            .as_ref()
            .map_or("", |(_, guard)| guard.account_token.as_str()),
        verify_action: &flow.verify_action,
        resend_action: &flow.resend_action,
        ref_name: flow.ref_name,
        ref_value: flow.ref_value,
        submit_label: flow.submit_label,
        other_href: &flow.other_href,
        other_label: flow.other_label,
        signs_in: flow.signs_in,
        destination: masked(status.channel, &status.destination),
        is_phone: status.channel == Channel::Sms,
        sent_at: format_time(status.sent_at),
        valid_until: (status.expires_at > now).then(|| format_time(status.expires_at)),
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
    Ok((code, token, render_html(&page)).into_response())
}

/// A code that did not verify and ends the flow: no such challenge, or a database failure.
#[derive(Debug)]
pub struct FlowEnded(Option<sqlx::Error>);

impl FlowEnded {
    /// Whether the challenge is gone (rather than out of reach).
    pub fn is_not_found(&self) -> bool {
        self.0.is_none()
    }
}

impl IntoResponse for FlowEnded {
    fn into_response(self) -> Response {
        match self.0 {
            None => ErrorPage::not_found().into_response(),
            Some(e) => internal_error(e),
        }
    }
}

/// The message for a code that did not verify, or why the flow cannot go on.
pub fn verify_failure(error: VerifyError) -> Result<String, FlowEnded> {
    match error {
        VerifyError::WrongCode { attempts_left } => Ok(crate::i18n::t_with(
            "code-wrong",
            &[("n", i64::from(attempts_left).into())],
        )),
        VerifyError::Expired => Ok(crate::i18n::t("code-expired-error")),
        VerifyError::TooManyAttempts | VerifyError::AlreadyUsed => {
            Ok(crate::i18n::t("code-used-up"))
        }
        VerifyError::NotFound => Err(FlowEnded(None)),
        VerifyError::Database(e) => Err(FlowEnded(Some(e))),
    }
}

/// Which accounts a flow's codes may go to.
#[derive(Debug, Clone, Copy)]
pub enum Recipient {
    /// A verified alias that allows sign-in, on an active account.
    SignIn,
    /// Any verified alias.
    AnyVerified,
    /// An address this signed-in account is adding.
    Account(Uuid),
}

/// "Send a new code" for a challenge whose destination may or may not have an account: a new
/// code goes out only if it has one, but the challenge, the limits and the page are the same
/// either way.
pub async fn resend(
    state: &AppState,
    token: CsrfToken,
    flow: &CodeFlow,
    id: Uuid,
    ip: Option<IpAddr>,
    purpose: Purpose,
    recipient: Recipient,
) -> PageResult {
    let Some(status) = challenges::status(&state.db, &state.codes, id).await? else {
        return Ok(ErrorPage::not_found().into_response());
    };
    let destination = Destination::from_channel(status.channel, &status.destination);
    let Some(destination) = destination else {
        let detail = "a challenge holds an address that no longer parses";
        return Err(InternalError::detail(detail).into());
    };
    let result = async {
        let mut tx = state.db.begin().await?;
        let account = match recipient {
            Recipient::SignIn => accounts::find_for_sign_in(&mut tx, &destination)
                .await?
                .filter(|c| c.usable)
                .map(|c| c.account_id),
            Recipient::AnyVerified => {
                accounts::find_by_verified_alias(&mut tx, &destination).await?
            }
            Recipient::Account(id) => Some(id),
        };
        let requester = Requester {
            ip,
            account_id: account,
        };
        if account.is_some() {
            send::resend_code(&mut tx, state, &requester, id, &destination, purpose).await?;
        } else {
            let now = state.clock.now();
            challenges::resend(&mut tx, &state.keys, &state.codes, now, id)
                .await
                .map_err(SendCodeError::Resend)?;
        }
        tx.commit().await?;
        Ok::<_, SendCodeError>(())
    }
    .await;
    let (error, info) = match result {
        Ok(()) => (
            None,
            Some(crate::i18n::t_with(
                "code-resent",
                &[("destination", destination.masked().into())],
            )),
        ),
        Err(e) => match e.user_message() {
            Some(message) => (Some(message), None),
            None => return Err(e.failure().into()),
        },
    };
    render(state, token, flow, id, error, info).await
}
