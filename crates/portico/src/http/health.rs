//! Probes for load balancers and orchestrators.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;

use crate::app::AppState;
use crate::db;

/// `GET /healthz`: the process is alive and serving HTTP. Touches nothing else.
pub async fn healthz() -> &'static str {
    "ok\n"
}

/// `GET /readyz`: the database answers and its migrations are current.
pub async fn readyz(State(state): State<AppState>) -> impl IntoResponse {
    match db::check_ready(&state.db).await {
        Ok(()) => (StatusCode::OK, "ready\n".to_owned()),
        Err(e) => {
            tracing::warn!(reason = %e, "not ready");
            (StatusCode::SERVICE_UNAVAILABLE, format!("not ready: {e}\n"))
        }
    }
}
