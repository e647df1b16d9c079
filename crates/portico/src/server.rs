//! Running the HTTP server: accept connections within bounds, serve them over HTTP/1.1 with
//! a deadline for each request's headers, and drain within a bound when told to stop.
//!
//! axum's own `serve` gives no way to bound connections or to time out a client that sends
//! its headers a byte at a time, so the accept loop is ours, over hyper.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Context;
use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;
use tower::ServiceExt;

/// What the server allows its clients.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// How long in-flight requests get after a stop.
    pub grace: Duration,
    /// How long a stopping instance keeps accepting requests while `/readyz` says it is
    /// stopping, so that a balancer takes it out first (zero: stop accepting at once).
    pub drain: Duration,
    /// A client must send a request's headers within this, the first and every next one on
    /// a kept-alive connection; otherwise its connection is closed (slow-header attacks).
    pub header_timeout: Duration,
    /// Connections open at once; past this new ones are closed at once.
    pub max_connections: usize,
    /// Connections open at once from one address before its new ones get only
    /// [`CROWDED_HEADER_TIMEOUT`]: one address cannot hold many slow connections, and its
    /// prompt requests are still served (a whole office may share one address).
    pub max_connections_per_ip: usize,
}

/// The header deadline of a connection from an address past its share.
pub const CROWDED_HEADER_TIMEOUT: Duration = Duration::from_secs(1);

impl Default for ServeOptions {
    fn default() -> Self {
        Self {
            grace: Duration::from_secs(20),
            drain: Duration::ZERO,
            header_timeout: Duration::from_secs(10),
            max_connections: 4096,
            max_connections_per_ip: 256,
        }
    }
}

/// Open connections, in total and per address.
#[derive(Debug, Default)]
struct Census {
    open: Mutex<(usize, HashMap<IpAddr, usize>)>,
}

/// One admitted connection; counted until dropped.
#[derive(Debug)]
struct Admitted {
    census: Arc<Census>,
    ip: IpAddr,
    crowded: bool,
}

impl Census {
    fn admit(self: &Arc<Self>, ip: IpAddr, options: &ServeOptions) -> Option<Admitted> {
        let mut open = self
            .open
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if open.0 >= options.max_connections {
            return None;
        }
        open.0 += 1;
        let from_ip = open.1.entry(ip).or_default();
        *from_ip += 1;
        Some(Admitted {
            census: self.clone(),
            ip,
            crowded: *from_ip > options.max_connections_per_ip,
        })
    }
}

impl Drop for Admitted {
    fn drop(&mut self) {
        let mut open = self
            .census
            .open
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        open.0 = open.0.saturating_sub(1);
        if let Some(n) = open.1.get_mut(&self.ip) {
            *n -= 1;
            if *n == 0 {
                open.1.remove(&self.ip);
            }
        }
    }
}

/// Serves `app` on `listener` until `shutdown` is cancelled, then stops accepting
/// connections and lets in-flight requests finish for at most `options.grace`.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    shutdown: CancellationToken,
    options: ServeOptions,
) -> anyhow::Result<()> {
    let census = Arc::new(Census::default());
    let graceful = GracefulShutdown::new();
    let mut refused_logged = false;
    loop {
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    accept_failed(&e).await;
                    continue;
                }
            },
            () = shutdown.cancelled() => break,
        };
        let Some(admitted) = census.admit(remote.ip(), &options) else {
            if !refused_logged {
                tracing::warn!(
                    max = options.max_connections,
                    "too many connections (PORTICO_MAX_CONNECTIONS): closing new ones"
                );
                refused_logged = true;
            }
            drop(stream);
            continue;
        };
        refused_logged = false;
        let header_timeout = if admitted.crowded {
            CROWDED_HEADER_TIMEOUT.min(options.header_timeout)
        } else {
            options.header_timeout
        };
        let app = app.clone();
        let service = hyper::service::service_fn(move |request: hyper::Request<Incoming>| {
            let mut request = request.map(Body::new);
            request.extensions_mut().insert(ConnectInfo(remote));
            app.clone().oneshot(request)
        });
        let mut http = hyper::server::conn::http1::Builder::new();
        http.timer(TokioTimer::new())
            .header_read_timeout(header_timeout)
            .keep_alive(true);
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::debug!(error = %e, "connection ended with an error");
            }
            drop(admitted);
        });
    }
    drop(listener);
    tracing::info!(
        grace_secs = options.grace.as_secs(),
        "shutting down: finishing in-flight requests"
    );
    if tokio::time::timeout(options.grace, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("in-flight requests did not finish within the grace period; dropping them");
    }
    Ok(())
}

/// A failed accept: a client that went away is nothing; running out of file descriptors
/// or memory is waited out briefly rather than spun on.
async fn accept_failed(e: &std::io::Error) {
    use std::io::ErrorKind;
    if matches!(
        e.kind(),
        ErrorKind::ConnectionAborted | ErrorKind::ConnectionReset | ErrorKind::Interrupted
    ) {
        return;
    }
    tracing::error!(error = %e, "cannot accept connections");
    tokio::time::sleep(Duration::from_millis(100)).await;
}

/// Raises this process's open-file limit to its hard limit: every connection is a file, and
/// the usual soft limit (1024) would be reached long before the connection bound.
pub fn raise_open_file_limit() {
    use nix::sys::resource::{Resource, getrlimit, setrlimit};
    if let Ok((soft, hard)) = getrlimit(Resource::RLIMIT_NOFILE)
        && soft < hard
        && let Err(e) = setrlimit(Resource::RLIMIT_NOFILE, hard, hard)
    {
        tracing::warn!(error = %e, soft, hard, "cannot raise the open-file limit");
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_census_bounds_connections_in_total_and_marks_crowded_addresses() {
        let census = Arc::new(Census::default());
        let options = ServeOptions {
            max_connections: 3,
            max_connections_per_ip: 1,
            ..ServeOptions::default()
        };
        let a: IpAddr = "192.0.2.1".parse().expect("ip");
        let b: IpAddr = "192.0.2.2".parse().expect("ip");
        let first = census.admit(a, &options).expect("room");
        assert!(!first.crowded);
        let second = census.admit(a, &options).expect("room");
        assert!(
            second.crowded,
            "past its share, the address gets the short deadline"
        );
        let other = census.admit(b, &options).expect("room");
        assert!(!other.crowded, "another address is not affected");
        assert!(
            census.admit(b, &options).is_none(),
            "the total is a hard bound"
        );
        drop(second);
        drop(first);
        let again = census.admit(a, &options).expect("room again");
        assert!(!again.crowded, "closed connections are forgotten");
        drop((again, other));
        assert_eq!(census.open.lock().expect("lock").0, 0);
        assert!(census.open.lock().expect("lock").1.is_empty());
    }
}
