//! Pages that belong to no feature: the landing page and the shared layout.

pub mod account;
pub mod code_entry;
pub mod landing;

use askama::Template;
use axum::response::{Html, IntoResponse, Response};

use crate::app::AppState;
use crate::http::assets::Assets;
use crate::http::error_pages::internal_error;

/// What the base layout needs from every page.
#[derive(Debug)]
pub struct Layout<'a> {
    pub title: &'a str,
    pub dev_mode: bool,
    /// The account menu in the header, when an account is signed in.
    pub account: Option<AccountMenu>,
    assets: &'a Assets,
}

/// The header's account menu: who this page acts for, and the other signed-in accounts.
#[derive(Debug, Clone)]
pub struct AccountMenu {
    pub position: i32,
    pub name: String,
    pub initials: String,
    pub alias: String,
    pub others: Vec<(i32, String)>,
    pub csrf: String,
}

impl AccountMenu {
    pub fn new(signed_in: &crate::sessions::extract::SignedIn, csrf: String) -> Self {
        let account = &signed_in.account;
        Self {
            position: account.position,
            name: account.display_name.clone(),
            initials: initials(&account.display_name),
            alias: account.primary_alias.clone().unwrap_or_default(),
            others: signed_in
                .browser
                .accounts
                .iter()
                .filter(|a| a.position != account.position)
                .map(|a| (a.position, a.display_name.clone()))
                .collect(),
            csrf,
        }
    }
}

/// "Jo Marchetti" → "JM"; "jo" → "J".
pub fn initials(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let picked = match words.as_slice() {
        [] => vec![],
        [one] => vec![*one],
        [first, .., last] => vec![*first, *last],
    };
    picked
        .iter()
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .collect()
}

impl<'a> Layout<'a> {
    pub fn new(state: &'a AppState, title: &'a str) -> Self {
        Self {
            title,
            dev_mode: state.config.env.is_development(),
            account: None,
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
        Err(e) => internal_error(format!("template: {e}")),
    }
}
