//! Running the HTTP server: bind, serve until told to stop, drain within a bound.

use std::net::SocketAddr;
use std::time::Duration;

use anyhow::Context;
use axum::Router;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

/// Serves `app` on `listener` until `shutdown` is cancelled, then stops accepting
/// connections and lets in-flight requests finish for at most `grace`.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    shutdown: CancellationToken,
    grace: Duration,
) -> anyhow::Result<()> {
    let server = axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown.clone().cancelled_owned());
    let mut server = std::pin::pin!(server.into_future());
    tokio::select! {
        result = &mut server => return result.context("the HTTP server failed"),
        () = shutdown.cancelled() => {}
    }
    tracing::info!(
        grace_secs = grace.as_secs(),
        "shutting down: finishing in-flight requests"
    );
    match tokio::time::timeout(grace, server).await {
        Ok(result) => result.context("the HTTP server failed while shutting down"),
        Err(_) => {
            tracing::warn!(
                "in-flight requests did not finish within the grace period; dropping them"
            );
            Ok(())
        }
    }
}

/// Binds the listening socket, with a message that names the variable on failure.
pub async fn bind(addr: SocketAddr) -> anyhow::Result<TcpListener> {
    TcpListener::bind(addr)
        .await
        .with_context(|| format!("PORTICO_BIND: cannot listen on {addr}"))
}

/// Installs SIGINT and SIGTERM handlers now, and returns a future that resolves when either
/// arrives. Installing before any work starts means a signal can never hit the default
/// handler (and kill the process) during start-up.
pub fn shutdown_signal() -> anyhow::Result<impl Future<Output = ()>> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut term = signal(SignalKind::terminate()).context("cannot handle SIGTERM")?;
    let mut int = signal(SignalKind::interrupt()).context("cannot handle SIGINT")?;
    Ok(async move {
        tokio::select! {
            _ = term.recv() => tracing::info!("received SIGTERM"),
            _ = int.recv() => tracing::info!("received SIGINT"),
        }
    })
}
