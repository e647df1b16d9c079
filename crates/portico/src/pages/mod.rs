//! Pages that belong to no feature: the landing page, an account's home, the code page
//! every code flow shows.

pub mod account;
pub mod code_entry;
pub mod landing;

/// The routes of the landing page, the account home and signing out.
pub fn routes() -> axum::Router<crate::app::AppState> {
    use axum::Router;
    use axum::routing::{get, post};
    Router::new()
        .route("/", get(landing::show))
        .route("/signout", post(account::sign_out_all))
        .route("/u/{n}/", get(account::home))
        .route("/u/{n}/signout", post(account::sign_out))
}
