//! Pages that belong to no feature: the landing page and the shared layout.

pub mod account;
pub mod code_entry;
pub mod landing;

use askama::Template;
use axum::response::{Html, IntoResponse, Response};
use axum_csrf::CsrfToken;

use crate::app::AppState;
use crate::http::assets::Assets;
use crate::http::error_pages::{InternalError, internal_error};
use crate::http::next::sign_in_link;
use crate::sessions::extract::{FormGuard, SignedIn};
use crate::text::initials;

/// What the base layout needs from every page.
#[derive(Debug)]
pub struct Layout<'a> {
    pub title: &'a str,
    /// In development: where messages go, for the banner.
    pub dev_mode: Option<DevDelivery>,
    /// The account menu in the header, when an account is signed in.
    pub account: Option<AccountMenu>,
    assets: &'a Assets,
}

/// Where a development installation's messages go: each channel to its real server when
/// one is configured, else to the dev outbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DevDelivery {
    pub email_to_outbox: bool,
    pub sms_to_outbox: bool,
}

impl DevDelivery {
    pub fn from_config(delivery: &crate::config::DeliveryConfig) -> Self {
        Self {
            email_to_outbox: delivery.smtp.is_none(),
            sms_to_outbox: delivery.twilio.is_none(),
        }
    }
}

/// The header's account menu: who this page acts for, and the other signed-in accounts.
#[derive(Debug, Clone)]
pub struct AccountMenu {
    pub position: i32,
    pub name: String,
    pub initials: String,
    /// The primary alias, masked.
    pub alias: String,
    pub others: Vec<OtherAccount>,
    pub guard: FormGuard,
    /// Minutes left in the re-authentication window, when it is open.
    pub elevated_minutes: Option<i64>,
}

/// Another account signed in in this browser, as the switcher lists it.
#[derive(Debug, Clone)]
pub struct OtherAccount {
    pub name: String,
    pub initials: String,
    pub alias: String,
    /// Where choosing it leads: its home, or sign-in with its alias when it has expired.
    pub href: String,
    pub expired: bool,
}

impl AccountMenu {
    pub fn new(state: &AppState, signed_in: &SignedIn, csrf: &CsrfToken) -> Self {
        let account = &signed_in.account;
        let now = state.clock.now();
        Self {
            position: account.position,
            name: account.display_name.clone(),
            initials: initials(&account.display_name),
            alias: account.masked_alias(),
            others: signed_in
                .browser
                .accounts
                .iter()
                .filter(|a| a.position != account.position)
                .map(|a| OtherAccount {
                    name: a.display_name.clone(),
                    initials: initials(&a.display_name),
                    alias: a.masked_alias(),
                    href: if a.expired {
                        sign_in_link(a.primary_alias.as_deref(), &format!("/u/{}/", a.position))
                    } else {
                        format!("/u/{}/", a.position)
                    },
                    expired: a.expired,
                })
                .collect(),
            guard: signed_in.guard(state, csrf),
            elevated_minutes: account
                .elevated_until
                .filter(|_| account.elevated)
                .map(|until| ((until - now).whole_seconds() + 59) / 60),
        }
    }
}

impl<'a> Layout<'a> {
    /// The layout of a page; its header shows the account menu whenever an account is
    /// signed in in this browser (see `sessions::visitor`).
    pub fn new(state: &'a AppState, title: &'a str) -> Self {
        Self {
            title,
            dev_mode: state
                .config
                .env
                .is_development()
                .then(|| DevDelivery::from_config(&state.config.delivery)),
            account: crate::sessions::visitor::menu(state),
            assets: &state.assets,
        }
    }

    /// The layout for a page that acts on a signed-in account.
    #[must_use]
    pub fn with_account(mut self, menu: AccountMenu) -> Self {
        self.account = Some(menu);
        self
    }

    /// The hashed URL of a static file, for templates.
    pub fn asset(&self, path: &str) -> &'a str {
        self.assets.url(path)
    }
}

/// Renders a template to an HTML response.
pub fn render_html<T: Template>(template: &T) -> Response {
    match template.render() {
        Ok(body) => Html(body).into_response(),
        Err(e) => internal_error(InternalError::detail(format!("template: {e}"))),
    }
}
