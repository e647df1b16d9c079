//! `/u/N/privacy`: what Portico keeps about the person and for how long (each with the page
//! where it is managed), what each PC shares — location, hardware details and
//! specifications, BitLocker recovery keys — as switches (the same forms as on the PC's
//! page), and where security notices go.

pub mod page;
pub mod rules;
pub mod store;

/// The routes of the privacy page.
pub fn routes() -> axum::Router<crate::app::AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/u/{n}/privacy", get(page::show))
        .route("/u/{n}/privacy/notices", post(page::notices))
}
