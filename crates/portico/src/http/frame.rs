//! What every request passes through first and every answer last, in one middleware: its
//! id, the span its log lines carry, the one access line, the metrics, and the security
//! headers. One layer, not one per concern, because each layer is paid on every request.

use std::sync::Arc;
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use tracing::Instrument;

use crate::app::AppState;
use crate::http::request_id::{self, RequestId};

/// The frame's state: the app, and the headers every answer carries unless it set its own.
#[derive(Debug, Clone)]
pub struct Frame {
    pub app: AppState,
    pub headers: Arc<[(HeaderName, HeaderValue)]>,
}

/// The middleware. Only the path is logged: query strings may carry tokens.
pub async fn frame(State(frame): State<Frame>, mut request: Request, next: Next) -> Response {
    let started = Instant::now();
    let id = RequestId::generate();
    let method = request.method().clone();
    let route = request.extensions().get::<MatchedPath>().cloned();
    let span = tracing::info_span!(
        "request",
        request_id = %id.as_str(),
        method = %method.as_str(),
        path = %request.uri().path(),
    );
    request.extensions_mut().insert(id);
    // For following a request as it arrives (`PORTICO_LOG=info,portico::http=debug`); a
    // disabled level costs one cached check.
    span.in_scope(|| tracing::debug!("started processing request"));
    let mut response = next.run(request).instrument(span.clone()).await;
    let headers = response.headers_mut();
    for (name, value) in frame.headers.iter() {
        if !headers.contains_key(name) {
            headers.insert(name.clone(), value.clone());
        }
    }
    headers.insert(request_id::HEADER, id.header_value());
    response.extensions_mut().insert(id);
    let elapsed = started.elapsed();
    let status = response.status();
    frame.app.metrics.observe(
        method.as_str(),
        route.as_ref().map_or("unmatched", MatchedPath::as_str),
        status.as_u16(),
        elapsed.as_secs_f64(),
    );
    span.in_scope(|| log_answer(status, elapsed));
    response
}

/// The access line: one per request, at `info`; the failure behind a 5xx is logged where
/// it is known (`ui::response::render`).
fn log_answer(status: StatusCode, elapsed: std::time::Duration) {
    let micros = u64::try_from(elapsed.as_micros()).unwrap_or(u64::MAX);
    tracing::info!(
        status = status.as_u16(),
        latency_us = micros,
        "finished processing request"
    );
}
