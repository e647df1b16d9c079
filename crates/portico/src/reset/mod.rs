//! "Forgot password?": an alias → a code to it (the page reads the same whether the alias
//! exists) → a new password → every session of the account ended, every verified alias told.

mod new_password;
mod start;
pub mod store;

use uuid::Uuid;

use crate::pages::code_entry::CodeFlow;

pub use new_password::{Reset, reset_password, set_password, verify};
pub use start::{resend, show_code, show_start, start};

/// The code page of a reset.
fn flow(challenge_id: Uuid) -> CodeFlow {
    CodeFlow {
        verify_action: "/reset/verify".to_owned(),
        resend_action: "/reset/resend".to_owned(),
        ref_name: "c",
        ref_value: challenge_id,
        submit_label: "code-submit-continue",
        other_href: "/reset".to_owned(),
        other_label: "code-other-address",
        signs_in: false,
        account: None,
    }
}

/// The routes of the password reset.
pub fn routes() -> axum::Router<crate::app::AppState> {
    use axum::Router;
    use axum::routing::{get, post};
    Router::new()
        .route("/reset", get(show_start).post(start))
        .route("/reset/code", get(show_code))
        .route("/reset/verify", post(verify))
        .route("/reset/resend", post(resend))
        .route("/reset/password", post(set_password))
}
