//! The database: where it is, the pool, migrations and readiness.

mod cluster_dir;
pub mod embedded;
pub mod hosts;
pub mod reuse;

use std::time::Duration;

use anyhow::Context;
use secrecy::ExposeSecret;
use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{ConnectOptions, PgPool};

use crate::config::{Config, DatabaseConfig, redact_url};
pub use embedded::EmbeddedPostgres;

/// Every migration under `migrations/`, embedded in the binary.
pub static MIGRATOR: Migrator = sqlx::migrate!("../../migrations");

/// The database Portico talks to, and the embedded server behind it, if any.
#[derive(Debug)]
pub struct Database {
    pub pool: PgPool,
    /// Kept alive for as long as the pool; stopped when dropped.
    pub embedded: Option<EmbeddedPostgres>,
}

/// Connections idle longer than this are checked (a round trip) before a request gets one.
const CHECK_IDLE_AFTER: Duration = Duration::from_secs(1);

/// How the pool hands out connections. sqlx pings every connection before handing it out
/// by default: one extra round trip per request. Here only a connection idle for over a
/// second is pinged — under load none is, and one that sat idle long enough for its server
/// to restart or its network to drop is found dead before a request uses it (and replaced).
pub fn pool_options(config: &Config) -> PgPoolOptions {
    PgPoolOptions::new()
        .max_connections(config.database_max_connections)
        .acquire_timeout(config.database_acquire_timeout)
        .test_before_acquire(false)
        .before_acquire(|conn, meta| {
            Box::pin(async move {
                if meta.idle_for < CHECK_IDLE_AFTER {
                    return Ok(true);
                }
                sqlx::Connection::ping(conn).await.map(|()| true)
            })
        })
}

impl Database {
    /// Starts the embedded cluster if no `DATABASE_URL` is given, then opens the pool.
    pub async fn open(config: &Config) -> anyhow::Result<Self> {
        let mut following = None;
        let (options, embedded, shown) = match &config.database {
            DatabaseConfig::External(url) => {
                let hosts = hosts::parse(url.expose_secret())
                    .map_err(|why| anyhow::anyhow!("DATABASE_URL: {why}"))?;
                let options = if hosts.choosing() {
                    let (index, options) = choose(&hosts, config.database_acquire_timeout)
                        .await
                        .context("DATABASE_URL")?;
                    following = Some((hosts, index));
                    options
                } else {
                    url.expose_secret()
                        .parse()
                        .context("DATABASE_URL is not a valid PostgreSQL URL")?
                };
                (options, None, redact_url(url.expose_secret()))
            }
            DatabaseConfig::Embedded { bin_dir } => {
                let data_dir = config.data_dir.clone();
                let bin_dir = bin_dir.clone();
                let pg = tokio::task::spawn_blocking(move || {
                    EmbeddedPostgres::start(&data_dir, bin_dir.as_deref())
                })
                .await??;
                pg.ensure_database().await?;
                let options = pg.connect_options();
                (options, Some(pg), "the embedded PostgreSQL".to_owned())
            }
        };
        let options = options
            .application_name("portico")
            .log_slow_statements(tracing::log::LevelFilter::Warn, Duration::from_millis(500));
        let pool = pool_options(config)
            .connect_with(options)
            .await
            .with_context(|| format!("cannot connect to the database at {shown}"))?;
        if let Some((hosts, index)) = following {
            let timeout = config.database_acquire_timeout;
            tokio::spawn(follow_primary(pool.clone(), hosts, index, timeout));
        }
        Ok(Self { pool, embedded })
    }

    /// Closes the pool, then stops the embedded server if there is one.
    pub async fn close(mut self) {
        self.pool.close().await;
        if let Some(mut pg) = self.embedded.take() {
            let _ = tokio::task::spawn_blocking(move || pg.stop()).await;
        }
    }
}

/// The options of the host to use: the first in `hosts`' order that answers and, when a
/// primary is needed, takes writes.
async fn choose(
    hosts: &hosts::Hosts,
    timeout: Duration,
) -> anyhow::Result<(usize, PgConnectOptions)> {
    use sqlx::Connection;
    let mut why = Vec::new();
    for (index, url) in hosts.urls.iter().enumerate() {
        let options: PgConnectOptions = url.parse()?;
        let tried = tokio::time::timeout(timeout, async {
            let mut conn = sqlx::PgConnection::connect_with(&options).await?;
            let standby: bool = sqlx::query_scalar("select pg_is_in_recovery()")
                .fetch_one(&mut conn)
                .await?;
            let _ = conn.close().await;
            Ok::<_, sqlx::Error>(standby)
        })
        .await;
        match tried {
            Ok(Ok(standby)) if !(standby && hosts.need_primary) => return Ok((index, options)),
            Ok(Ok(_)) => why.push(format!("{} is a standby", redact_url(url))),
            Ok(Err(e)) => why.push(format!("{}: {e}", redact_url(url))),
            Err(_) => why.push(format!("{}: no answer in time", redact_url(url))),
        }
    }
    anyhow::bail!("no host will do: {}", why.join("; "))
}

/// How often the host in use is checked while it answers as it should.
const FOLLOW_EVERY: Duration = Duration::from_secs(1);

/// Keeps the pool on the primary: when the host in use stops answering or turns into a
/// standby (the old primary after a failover), the hosts are tried again in order and new
/// connections go to the one that takes writes. Connections to the old host fail and are
/// dropped as they are used. Ends when the pool is closed.
async fn follow_primary(pool: PgPool, hosts: hosts::Hosts, mut current: usize, timeout: Duration) {
    while !pool.is_closed() {
        tokio::time::sleep(FOLLOW_EVERY).await;
        let healthy = tokio::time::timeout(timeout, async {
            let mut conn = pool.acquire().await?;
            sqlx::query_scalar::<_, bool>("select pg_is_in_recovery()")
                .fetch_one(&mut *conn)
                .await
        })
        .await;
        if matches!(healthy, Ok(Ok(standby)) if !(standby && hosts.need_primary)) {
            continue;
        }
        match choose(&hosts, timeout).await {
            Ok((index, options)) if index != current => {
                tracing::warn!(
                    from = %redact_url(&hosts.urls[current]),
                    to = %redact_url(&hosts.urls[index]),
                    "the database primary moved: new connections go to the new one"
                );
                pool.set_connect_options(options.application_name("portico").log_slow_statements(
                    tracing::log::LevelFilter::Warn,
                    Duration::from_millis(500),
                ));
                current = index;
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "no database host takes writes yet"),
        }
    }
}

/// Applies pending migrations. Several instances may call this at once: sqlx takes a
/// PostgreSQL advisory lock, so one applies them and the others wait (the one place
/// Portico uses an advisory lock; it is not on a request path).
pub async fn migrate(pool: &PgPool) -> anyhow::Result<()> {
    MIGRATOR
        .run(pool)
        .await
        .context("cannot apply database migrations")?;
    let filled = fill_alias_readable(pool)
        .await
        .context("cannot fill in the aliases' readable form")?;
    if filled > 0 {
        tracing::info!(filled, "aliases given their readable form");
    }
    Ok(())
}

/// Works out the readable form of aliases written before it was stored
/// (`20261202000014_alias_readable`), a batch at a time: the data half of that migration,
/// which needs the phone number library.
pub async fn fill_alias_readable(pool: &PgPool) -> sqlx::Result<u64> {
    let mut filled = 0;
    loop {
        let rows = sqlx::query!(
            "select id, kind, value from aliases where readable is null order by id limit 500"
        )
        .fetch_all(pool)
        .await?;
        if rows.is_empty() {
            return Ok(filled);
        }
        let (mut ids, mut readable) = (Vec::new(), Vec::new());
        for row in rows {
            // An unparseable value keeps its stored form: readers fall back to it anyway.
            let shown = crate::contact::Destination::from_stored(&row.kind, &row.value)
                .map_or_else(|| row.value.clone(), |d| d.readable().to_owned());
            ids.push(row.id);
            readable.push(shown);
        }
        let done = sqlx::query!(
            "update aliases set readable = r.readable
             from unnest($1::uuid[], $2::text[]) as r(id, readable)
             where aliases.id = r.id and aliases.readable is null",
            &ids,
            &readable
        )
        .execute(pool)
        .await?;
        filled += done.rows_affected();
    }
}

/// Whether `e` says the database is out of reach (down, restarting, refusing connections or
/// too busy to hand out one), as opposed to a query of ours that failed: the request did
/// nothing, and the same request later will work.
pub fn is_unavailable(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::WorkerCrashed => true,
        sqlx::Error::Database(db) => db.code().is_some_and(|code| {
            // Class 08: connection exception; 57P01-57P03: the server is shutting down,
            // crashed or starting; 53300: too many connections.
            code.starts_with("08") || matches!(&*code, "57P01" | "57P02" | "57P03" | "53300")
        }),
        _ => false,
    }
}

/// How long readiness waits for the database: a balancer's probe needs a quick answer.
pub const READY_TIMEOUT: Duration = Duration::from_secs(1);

/// Why the database cannot serve requests yet.
#[derive(Debug, thiserror::Error)]
pub enum NotReady {
    #[error("database unreachable: {0}")]
    Unreachable(#[source] sqlx::Error),
    #[error("{0} migration(s) not applied yet")]
    PendingMigrations(usize),
    #[error("the database did not answer within {0:?}")]
    TimedOut(Duration),
}

/// Ready when the database answers within [`READY_TIMEOUT`] and every embedded migration
/// has been applied.
pub async fn check_ready(pool: &PgPool) -> Result<(), NotReady> {
    tokio::time::timeout(READY_TIMEOUT, check_migrations(pool))
        .await
        .unwrap_or(Err(NotReady::TimedOut(READY_TIMEOUT)))
}

async fn check_migrations(pool: &PgPool) -> Result<(), NotReady> {
    let applied: Vec<i64> =
        sqlx::query_scalar!("select version from _sqlx_migrations where success order by version")
            .fetch_all(pool)
            .await
            .or_else(|e| match &e {
                // No migrations table yet: nothing is applied.
                sqlx::Error::Database(db) if db.code().as_deref() == Some("42P01") => {
                    Ok(Vec::new())
                }
                _ => Err(e),
            })
            .map_err(NotReady::Unreachable)?;
    let pending = MIGRATOR
        .iter()
        .filter(|m| applied.binary_search(&m.version).is_err())
        .count();
    if pending > 0 {
        return Err(NotReady::PendingMigrations(pending));
    }
    Ok(())
}
