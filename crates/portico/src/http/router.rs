//! Every route Portico answers, in one place, and the layers around them.

use axum::Router;
use axum::http::StatusCode;
use axum::middleware;
use axum::routing::{get, post};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

use crate::app::AppState;
use crate::http::frame::{self, Frame};
use crate::http::{assets, dev, health, metrics, origin, security_headers};
use crate::outbox::{self, status_hook};
use crate::ui::response;
use crate::{
    aliases, audit, devices, idp, licenses, oidc, pages, passkeys, profile, reauth, recovery,
    reset, security, signin, signup,
};

/// The application: every route, wrapped in the shared layers.
pub fn router(state: AppState) -> Router {
    with_layers(routes(&state), state)
}

/// Every route Portico answers: each feature's own, and the plumbing's.
fn routes(state: &AppState) -> Router<AppState> {
    let mut routes = Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/metrics", get(metrics::render))
        .route("/static/{*path}", get(assets::serve))
        .route("/favicon.ico", get(assets::favicon))
        .route("/language", get(crate::i18n::choose))
        .route("/hooks/twilio/status", post(status_hook::twilio_status))
        .merge(pages::routes())
        .merge(signin::routes())
        .merge(signup::routes())
        .merge(reset::routes())
        .merge(reauth::routes())
        .merge(profile::routes())
        .merge(aliases::routes())
        .merge(security::routes())
        .merge(audit::routes())
        .merge(oidc::routes())
        .merge(devices::routes())
        .merge(licenses::routes())
        .merge(recovery::routes())
        .merge(passkeys::routes())
        .merge(idp::routes())
        .merge(crate::alerts::routes())
        .merge(crate::privacy::routes())
        .merge(crate::closing::routes())
        .merge(crate::exports::routes());
    if state.config.env.is_development() {
        routes = routes
            .route("/dev/slow", get(dev::slow))
            .route("/dev/outbox", get(outbox::dev::page));
    }
    routes
}

/// Wraps routes in the layers every answer passes through, innermost first. Public so that
/// tests can check the layers with routes of their own (a handler that panics, say).
pub fn with_layers(routes: Router<AppState>, state: AppState) -> Router {
    let app = routes
        .fallback(response::not_found)
        .layer(RequestBodyLimitLayer::new(state.config.max_body_bytes))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            state.config.request_timeout,
        ))
        .layer(CatchPanicLayer::custom(response::panic_response))
        .layer(middleware::from_fn_with_state(state.clone(), origin::check))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            response::render,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::sessions::visitor::load,
        ))
        .layer(middleware::from_fn(crate::i18n::in_request_language))
        .layer(CompressionLayer::new());
    let app = if state.csrf_previous.is_some() {
        app.layer(middleware::from_fn_with_state(
            state.clone(),
            crate::http::csrf::reseal_cookie,
        ))
    } else {
        app
    };
    let form_origins: Vec<String> = state
        .config
        .oidc_providers
        .iter()
        .filter_map(|p| url::Url::parse(&p.issuer).ok())
        .map(|issuer| issuer.origin().ascii_serialization())
        .collect();
    let frame = Frame {
        headers: security_headers::headers(state.config.is_https(), &form_origins).into(),
        app: state.clone(),
    };
    app.layer(middleware::from_fn_with_state(frame, frame::frame))
        .with_state(state)
}
