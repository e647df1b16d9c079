//! `GET /`: what Portico is, and the way in.

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use crate::app::AppState;
use crate::ui::{Layout, render_html};

#[derive(Template)]
#[template(path = "pages/landing.html")]
struct Landing<'a> {
    layout: Layout<'a>,
}

pub async fn show(State(state): State<AppState>) -> Response {
    render_html(&Landing {
        layout: Layout::new(&state, crate::i18n::t("landing-title")),
    })
}
