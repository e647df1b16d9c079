//! Portico as an OpenID Provider: other apps sign people in with their Portico account
//! (authorization code flow with PKCE), choosing among the accounts signed in in this
//! browser. Built on the `openidconnect` crate's provider-side types (discovery metadata,
//! key sets, ID token claims and signing) and on Portico's own sessions, switcher and
//! "confirm it's you".
//!
//! Endpoints: `/.well-known/openid-configuration`, `/oauth2/jwks`, `/oauth2/authorize`,
//! `/oauth2/token`, `/oauth2/userinfo`, `/oauth2/revoke`. Clients come from the
//! configuration file (`[[oidc_clients]]`) and from `portico admin clients`.

pub mod admin;
pub mod apps;
pub mod authorize;
pub mod choice;
pub mod client_auth;
pub mod config;
pub mod endpoints;
pub mod keys;
pub mod logout;
pub mod pages;
pub mod rules;
pub mod store;
pub mod token_endpoint;
pub mod tokens;

use crate::app::AppState;

/// The issuer: `PORTICO_PUBLIC_URL` without its trailing slash.
pub fn issuer(state: &AppState) -> String {
    state
        .config
        .public_url
        .as_str()
        .trim_end_matches('/')
        .to_owned()
}

/// Writes the configuration file's clients to the database (others, added with
/// `portico admin clients`, are left alone) and drops those the file no longer lists.
pub async fn sync_clients(
    conn: &mut sqlx::PgConnection,
    clients: &[config::Client],
    now: time::OffsetDateTime,
) -> sqlx::Result<()> {
    for client in clients {
        store::put_client(conn, client, true, now).await?;
    }
    let keep: Vec<String> = clients.iter().map(|c| c.id.clone()).collect();
    store::remove_config_clients_except(conn, &keep).await?;
    Ok(())
}

pub use store::prune;

/// The provider's routes.
pub fn routes() -> axum::Router<AppState> {
    use axum::Router;
    use axum::routing::{get, post};
    Router::new()
        .route(
            "/.well-known/openid-configuration",
            get(endpoints::discovery),
        )
        .route("/oauth2/jwks", get(endpoints::jwks))
        .route(
            "/oauth2/authorize",
            get(authorize::authorize_get).post(authorize::authorize_post),
        )
        .route("/oauth2/token", post(token_endpoint::token))
        .route("/oauth2/revoke", post(token_endpoint::revoke))
        .route(
            "/oauth2/userinfo",
            get(endpoints::userinfo).post(endpoints::userinfo),
        )
        .route("/u/{n}/oauth2/continue/{request}", get(choice::resume))
        .route("/oauth2/request/{request}/choose", post(choice::choose))
        .route("/oauth2/request/{request}/consent", post(choice::decide))
        .route(
            "/oauth2/logout",
            get(logout::end_session_get).post(logout::end_session_post),
        )
        .route("/u/{n}/apps", get(apps::show))
        .route("/u/{n}/apps/{client}/remove", post(apps::remove))
}
