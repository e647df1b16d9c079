//! Re-authentication ("sudo"): sensitive changes need a sign-in within the last ten minutes.
//! Otherwise the person confirms their password and lands back where they were: a page they
//! were opening is opened, a form they were sending is sent (its fields ride along in the
//! confirmation form, and a 307 redirect replays them to the original action).

mod confirm;
mod page;
mod proof;
mod recent;
mod store;

pub use confirm::{send_code, submit, with_provider};
pub use page::show;
pub use proof::{Proof, ProofRefusal, check_own_password, elevate};
pub use recent::{RecentForm, RecentPage, require_for_form};

/// The routes of "Confirm it's you".
pub fn routes() -> axum::Router<crate::app::AppState> {
    use axum::Router;
    use axum::routing::{get, post};
    Router::new()
        .route("/u/{n}/confirm", get(show).post(submit))
        .route("/u/{n}/confirm/code", post(send_code))
        .route("/u/{n}/confirm/provider", post(with_provider))
}
