//! Sign-in with any verified alias and the account's password.

pub mod code;
pub mod pages;

pub use pages::{show_form, submit};

/// The routes of the sign-in pages, by password and by code.
pub fn routes() -> axum::Router<crate::app::AppState> {
    use axum::Router;
    use axum::routing::{get, post};
    Router::new()
        .route("/signin", get(show_form).post(submit))
        .route("/signin/code", get(code::show).post(code::start))
        .route("/signin/code/verify", post(code::verify))
        .route("/signin/code/resend", post(code::resend))
}
