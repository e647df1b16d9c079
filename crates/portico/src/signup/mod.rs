//! Sign-up: name, an email or phone number and a password → a code to that address → the
//! account exists, with that alias verified and primary, and the person is signed in.

pub mod code;
pub mod form;
pub mod pages;
pub mod pending;

pub use code::{resend, show_code, verify};
pub use pages::{show_form, start};

/// The routes of creating an account.
pub fn routes() -> axum::Router<crate::app::AppState> {
    use axum::Router;
    use axum::routing::{get, post};
    Router::new()
        .route("/signup", get(show_form).post(start))
        .route("/signup/verify", get(show_code).post(verify))
        .route("/signup/resend", post(resend))
}
