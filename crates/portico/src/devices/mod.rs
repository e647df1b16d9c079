//! PCs linked to an account: linking through the device authorization grant (RFC 8628),
//! then the reports of their agents.

pub mod activation;
pub mod find;
pub mod grant;
pub mod link;
pub mod manage;
pub mod map;
pub mod openapi;
pub mod pages;
pub mod report;
pub mod rules;
pub mod specs;
pub mod store;
pub mod user_code;

/// A field a report may not carry as it is: which, and why (the problem's `detail`).
#[derive(Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub why: &'static str,
}

/// How long a location is kept.
pub const LOCATIONS_KEPT: time::Duration = time::Duration::days(30);

/// How long a report's record (its id, against applying it twice, and the activation it
/// told) is kept; what the PC is now stays on its row.
pub const REPORTS_KEPT: time::Duration = time::Duration::days(90);

pub use store::{prune, revoke_all_tokens};

/// The routes of the agent API, linking a PC and the device pages.
pub fn routes() -> axum::Router<crate::app::AppState> {
    use axum::Router;
    use axum::routing::{get, post, put};
    use portico_wire::API_PREFIX;
    use portico_wire::link::{DEVICE_AUTHORIZATIONS_PATH, TOKEN_PATH};
    use portico_wire::report::REPORT_PATH;
    let api = |path: &str| format!("{API_PREFIX}{path}");
    Router::new()
        .route(&api(DEVICE_AUTHORIZATIONS_PATH), post(grant::authorize))
        .route(&api(TOKEN_PATH), post(grant::token))
        .route(&api(REPORT_PATH), put(report::receive))
        .route(&api("/openapi.json"), get(openapi::document))
        .route("/link", get(link::entry))
        .route("/u/{n}/link", get(link::show).post(link::find))
        .route("/u/{n}/link/decide", post(link::decide))
        .route("/u/{n}/devices", get(pages::list))
        .route("/u/{n}/devices/{id}", get(pages::detail))
        .route("/u/{n}/devices/{id}/map.svg", get(find::map_svg))
        .route("/u/{n}/devices/{id}/rename", post(manage::rename))
        .route("/u/{n}/devices/{id}/location", post(manage::location))
        .route("/u/{n}/devices/{id}/hardware", post(manage::hardware))
        .route(
            "/u/{n}/devices/{id}/remove",
            get(manage::confirm_remove).post(manage::remove),
        )
}
