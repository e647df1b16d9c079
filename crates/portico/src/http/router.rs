//! Every route Portico answers, in one place, and the layers around them.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::middleware;
use axum::routing::{get, post, put};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnRequest, DefaultOnResponse, TraceLayer};
use tracing::Level;

use portico_wire::API_PREFIX;
use portico_wire::link::{DEVICE_AUTHORIZATIONS_PATH, TOKEN_PATH};
use portico_wire::report::REPORT_PATH;

use crate::app::AppState;
use crate::http::request_id::RequestId;
use crate::http::{assets, dev, health, metrics, origin, request_id, security_headers};
use crate::outbox::{self, status_hook};
use crate::ui::response;
use crate::{
    aliases, audit, devices, licenses, oidc, pages, profile, reauth, reset, security, signin,
    signup,
};

/// The application: every route, wrapped in the shared layers.
pub fn router(state: AppState) -> Router {
    with_layers(routes(&state), state)
}

/// Every route Portico answers.
fn routes(state: &AppState) -> Router<AppState> {
    let mut routes = Router::new()
        .route("/", get(pages::landing::show))
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/metrics", get(metrics::render))
        .route("/static/{*path}", get(assets::serve))
        .route("/favicon.ico", get(assets::favicon))
        .route("/hooks/twilio/status", post(status_hook::twilio_status))
        .route("/signin", get(signin::show_form).post(signin::submit))
        .route(
            "/signin/code",
            get(signin::code::show).post(signin::code::start),
        )
        .route("/signin/code/verify", post(signin::code::verify))
        .route("/signin/code/resend", post(signin::code::resend))
        .route("/reset", get(reset::show_start).post(reset::start))
        .route("/reset/code", get(reset::show_code))
        .route("/reset/verify", post(reset::verify))
        .route("/reset/resend", post(reset::resend))
        .route("/reset/password", post(reset::set_password))
        .route("/signup", get(signup::show_form).post(signup::start))
        .route(
            "/signup/verify",
            get(signup::show_code).post(signup::verify),
        )
        .route("/signup/resend", post(signup::resend))
        .route("/signout", post(pages::account::sign_out_all))
        .route("/undo", get(aliases::undo::show).post(aliases::undo::apply))
        .route(
            &format!("{API_PREFIX}{DEVICE_AUTHORIZATIONS_PATH}"),
            post(devices::grant::authorize),
        )
        .route(
            &format!("{API_PREFIX}{TOKEN_PATH}"),
            post(devices::grant::token),
        )
        .route(
            &format!("{API_PREFIX}{REPORT_PATH}"),
            put(devices::report::receive),
        )
        .route(
            &format!("{API_PREFIX}/openapi.json"),
            get(devices::openapi::document),
        )
        .route("/link", get(devices::link::entry))
        .route(
            "/u/{n}/link",
            get(devices::link::show).post(devices::link::find),
        )
        .route("/u/{n}/link/decide", post(devices::link::decide))
        .route("/u/{n}/devices", get(devices::pages::list))
        .route("/u/{n}/licenses", get(licenses::page::show))
        .route(
            "/u/{n}/licenses/{id}/move",
            post(licenses::transfer::move_license),
        )
        .route("/u/{n}/devices/{id}", get(devices::pages::detail))
        .route("/u/{n}/devices/{id}/rename", post(devices::manage::rename))
        .route(
            "/u/{n}/devices/{id}/location",
            post(devices::manage::location),
        )
        .route(
            "/u/{n}/devices/{id}/remove",
            get(devices::manage::confirm_remove).post(devices::manage::remove),
        )
        .route("/oidc/{provider}/start", post(oidc::signin::start))
        .route("/oidc/callback", get(oidc::callback::callback))
        .route(
            "/oidc/new",
            get(oidc::new_account::show_new).post(oidc::new_account::create_account),
        )
        .route("/u/{n}/identities/link", post(oidc::link::start))
        .route(
            "/u/{n}/identities/confirm",
            get(oidc::link::show_confirm).post(oidc::link::confirm),
        )
        .route("/u/{n}/identities/linked", get(oidc::link::show_linked))
        .route("/u/{n}/identities/{id}/unlink", post(oidc::link::unlink))
        .route("/u/{n}/", get(pages::account::home))
        .route("/u/{n}/signout", post(pages::account::sign_out))
        .route("/u/{n}/confirm", get(reauth::show).post(reauth::submit))
        .route("/u/{n}/confirm/code", post(reauth::send_code))
        .route("/u/{n}/confirm/provider", post(reauth::with_provider))
        .route("/u/{n}/info", get(profile::show))
        .route("/u/{n}/info/name", post(profile::change_name))
        .route(
            "/u/{n}/aliases/add",
            get(aliases::add::show).post(aliases::add::start),
        )
        .route(
            "/u/{n}/aliases/verify",
            get(aliases::verify::show_code).post(aliases::verify::verify),
        )
        .route("/u/{n}/aliases/resend", post(aliases::verify::resend))
        .route(
            "/u/{n}/aliases/{id}/primary",
            post(aliases::actions::make_primary),
        )
        .route(
            "/u/{n}/aliases/{id}/sign-in",
            post(aliases::actions::set_sign_in),
        )
        .route(
            "/u/{n}/aliases/{id}/remove",
            get(aliases::actions::confirm_remove).post(aliases::actions::remove),
        )
        .route("/u/{n}/security", get(security::show))
        .route("/u/{n}/security/sessions/end", post(security::end_session))
        .route(
            "/u/{n}/security/sessions/end-others",
            post(security::end_other_sessions),
        )
        .route("/u/{n}/security/secure", post(security::secure_account))
        .route(
            "/u/{n}/password",
            get(security::password::show).post(security::password::change),
        )
        .route("/u/{n}/activity", get(audit::page::show));
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
    let mut app = routes
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
        .layer(CompressionLayer::new());
    let form_origins: Vec<String> = state
        .config
        .oidc_providers
        .iter()
        .filter_map(|p| url::Url::parse(&p.issuer).ok())
        .map(|issuer| issuer.origin().ascii_serialization())
        .collect();
    for layer in security_headers::layers(state.config.is_https(), &form_origins) {
        app = app.layer(layer);
    }
    app.layer(middleware::from_fn_with_state(
        state.clone(),
        metrics::record,
    ))
    .layer(
        TraceLayer::new_for_http()
            .make_span_with(request_span)
            .on_request(DefaultOnRequest::new().level(Level::DEBUG))
            .on_response(DefaultOnResponse::new().level(Level::INFO)),
    )
    .layer(middleware::from_fn(request_id::assign))
    .with_state(state)
}

/// Only the path is logged: query strings may one day carry tokens.
fn request_span(request: &Request<Body>) -> tracing::Span {
    let id = request
        .extensions()
        .get::<RequestId>()
        .map_or("-", RequestId::as_str);
    tracing::info_span!(
        "request",
        request_id = %id,
        method = %request.method(),
        path = %request.uri().path(),
    )
}
