//! Pages that belong to no feature: the landing page and the shared layout.

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
    assets: &'a Assets,
}

impl<'a> Layout<'a> {
    pub fn new(state: &'a AppState, title: &'a str) -> Self {
        Self {
            title,
            dev_mode: state.config.env.is_development(),
            assets: &state.assets,
        }
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
