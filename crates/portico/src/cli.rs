//! The command line: `serve` (default), `migrate`, `worker`, `admin`.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use clap::{Parser, Subcommand};
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

use crate::app::AppState;
use crate::clock::{Clock, SystemClock};
use crate::config::{Config, SecretKey};
use crate::db::{self, Database};
use crate::outbox::Deliverer;
use crate::{server, telemetry, worker};

/// Portico: a self-hosted account portal.
#[derive(Debug, Parser)]
#[command(version, about, long_about = None)]
pub struct Cli {
    /// A TOML file with settings; PORTICO_* environment variables override it.
    #[arg(long, global = true, env = "PORTICO_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the portal (the default): migrate, then answer HTTP and run background jobs.
    Serve(ServeArgs),
    /// Apply pending database migrations, then exit.
    Migrate,
    /// Run background jobs only (e.g. on machines that serve no HTTP).
    Worker,
    /// Operator tools.
    #[command(subcommand)]
    Admin(AdminCommand),
}

#[derive(Debug, Default, clap::Args)]
pub struct ServeArgs {
    /// Do not run background jobs in this process (run `portico worker` elsewhere).
    #[arg(long)]
    pub no_worker: bool,
}

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Load and validate the configuration, print it with secrets redacted, and exit.
    CheckConfig,
    /// The apps that sign people in with Portico (OpenID Connect clients).
    #[command(subcommand)]
    Clients(crate::idp::admin::ClientsCommand),
    /// Find, inspect, disable, enable accounts; end their sessions.
    #[command(subcommand)]
    Accounts(crate::admin::accounts::AccountsCommand),
    /// The queue of emails and text messages: what waits, retries or died.
    #[command(subcommand)]
    Outbox(crate::admin::outbox::OutboxCommand),
    /// Linked PCs: show one, or end its tokens.
    #[command(subcommand)]
    Devices(crate::admin::devices::DevicesCommand),
    /// The secret key: key again what the previous one made (`keys rotate`).
    #[command(subcommand)]
    Keys(crate::admin::keys::KeysCommand),
    /// Run every retention job now (the worker runs them hourly).
    Purge {
        /// Required: purging is never a default.
        #[arg(long, required = true)]
        now: bool,
        #[arg(long)]
        json: bool,
    },
}

/// Runs the chosen command to completion.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    let config = Config::load(cli.config.as_deref())?;
    let command = cli.command.unwrap_or(Command::Serve(ServeArgs::default()));
    if let Command::Admin(AdminCommand::CheckConfig) = command {
        return check_config(&config);
    }
    // An operator's command keeps stdout for its answer (tables, JSON): its logs go to
    // stderr.
    if matches!(command, Command::Admin(_)) {
        telemetry::init_to(&config, std::io::stderr)?;
    } else {
        telemetry::init(&config)?;
    }
    crate::tls::install_crypto_provider();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(async move {
        match command {
            Command::Serve(args) => serve(config, args).await,
            Command::Migrate => migrate(config).await,
            Command::Worker => run_worker(config).await,
            Command::Admin(AdminCommand::Clients(clients)) => admin_clients(config, clients).await,
            Command::Admin(AdminCommand::Accounts(c)) => {
                let json = c.json();
                let secret = resolve_secret_key(&config)?;
                let app_config = config.clone();
                admin_answer(config, json, async move |db, now| {
                    // The portal's own rules and keys: `send-reset` sends as the portal does.
                    let app = AppState::new(app_config, db.clone(), &secret);
                    crate::admin::accounts::run(&app, &c, now).await
                })
                .await
            }
            Command::Admin(AdminCommand::Devices(c)) => {
                let json = c.json();
                admin_answer(config, json, async move |db, now| {
                    crate::admin::devices::run(db, &c, now).await
                })
                .await
            }
            Command::Admin(AdminCommand::Keys(c)) => {
                let json = c.json();
                let keys = keys_of(&config)?;
                admin_answer(config, json, async move |db, _| {
                    crate::admin::keys::run(db, &keys, &c).await
                })
                .await
            }
            Command::Admin(AdminCommand::Purge { json, .. }) => {
                admin_answer(config, json, async move |db, now| {
                    crate::admin::devices::purge(db, now).await
                })
                .await
            }
            Command::Admin(AdminCommand::Outbox(c)) => {
                let json = c.json();
                admin_answer(config, json, async move |db, now| {
                    crate::admin::outbox::run(db, &c, now).await
                })
                .await
            }
            // Handled above: it needs no runtime and no database.
            Command::Admin(AdminCommand::CheckConfig) => Ok(()),
        }
    })
}

#[expect(
    clippy::print_stdout,
    reason = "check-config reports to the operator's terminal"
)]
fn check_config(config: &Config) -> anyhow::Result<()> {
    for (name, value) in config.summary() {
        println!("{name:<20} {value}");
    }
    println!("configuration is valid");
    Ok(())
}

async fn serve(config: Config, args: ServeArgs) -> anyhow::Result<()> {
    let signalled = server::shutdown_signal()?;
    let secret_key = resolve_secret_key(&config)?;
    let listener = server::bind(config.bind).await?;
    let database = Database::open(&config).await?;
    let result = serve_with(config, args, secret_key, listener, &database, signalled).await;
    database.close().await;
    result
}

async fn serve_with(
    mut config: Config,
    args: ServeArgs,
    secret_key: SecretKey,
    listener: tokio::net::TcpListener,
    database: &Database,
    signalled: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    db::migrate(&database.pool).await?;
    {
        let mut conn = database.pool.acquire().await?;
        crate::idp::sync_clients(&mut conn, &config.oidc_clients, SystemClock.now()).await?;
    }
    if config.env.is_development() {
        tracing::warn!(
            "development mode: dev conveniences are on; set PORTICO_ENV=production to deploy"
        );
    }
    let connections = config.connections.clone();
    let addr = listener.local_addr()?;
    config.bound_to_port(addr.port());
    let state = AppState::new(config, database.pool.clone(), &secret_key);
    // Providers are discovered in the background: one that is down must not stop the portal.
    let providers = state.oidc.clone();
    tokio::spawn(async move { providers.discover_all().await });
    let shutdown = CancellationToken::new();
    let tasks = TaskTracker::new();
    if !args.no_worker {
        let deliverer =
            Deliverer::from_config(&state.config, state.db.clone(), state.clock.clone())?;
        tasks.spawn(worker::run(
            deliverer,
            state.db.clone(),
            state.clock.clone(),
            state.keys.clone(),
            shutdown.child_token(),
        ));
    }
    tasks.close();
    tokio::spawn({
        let (shutdown, stopping, drain) =
            (shutdown.clone(), state.stopping.clone(), connections.drain);
        async move {
            signalled.await;
            stopping.cancel();
            if !drain.is_zero() {
                tracing::info!(
                    drain_secs = drain.as_secs(),
                    "stopping: /readyz says so while requests are still taken (PORTICO_SHUTDOWN_DRAIN_SECS)"
                );
                tokio::time::sleep(drain).await;
            }
            shutdown.cancel();
        }
    });
    tracing::info!(public_url = %state.config.public_url, "listening on http://{addr}");
    server::raise_open_file_limit();
    let served = server::serve(
        listener,
        crate::http::router(state),
        shutdown.clone(),
        connections,
    )
    .await;
    shutdown.cancel();
    tasks.wait().await;
    tracing::info!("stopped");
    served
}

async fn admin_clients(
    config: Config,
    command: crate::idp::admin::ClientsCommand,
) -> anyhow::Result<()> {
    let database = Database::open(&config).await?;
    let result = async {
        db::migrate(&database.pool).await?;
        crate::idp::admin::run(&database.pool, command).await
    }
    .await;
    database.close().await;
    result
}

/// Runs an operator's command against the database and prints its answer.
#[expect(
    clippy::print_stdout,
    reason = "admin commands report to the operator's terminal"
)]
async fn admin_answer(
    config: Config,
    json: bool,
    command: impl AsyncFnOnce(
        &sqlx::PgPool,
        time::OffsetDateTime,
    ) -> anyhow::Result<crate::admin::Answer>,
) -> anyhow::Result<()> {
    let database = Database::open(&config).await?;
    let result = async {
        db::migrate(&database.pool).await?;
        command(&database.pool, SystemClock.now()).await
    }
    .await;
    database.close().await;
    println!("{}", result?.render(json));
    Ok(())
}

async fn migrate(config: Config) -> anyhow::Result<()> {
    let database = Database::open(&config).await?;
    let result = db::migrate(&database.pool).await;
    database.close().await;
    result?;
    tracing::info!("migrations are up to date");
    Ok(())
}

async fn run_worker(config: Config) -> anyhow::Result<()> {
    let signalled = server::shutdown_signal()?;
    let database = Database::open(&config).await?;
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let deliverer = Deliverer::from_config(&config, database.pool.clone(), clock.clone())?;
    let keys = keys_of(&config)?;
    let shutdown = CancellationToken::new();
    let job = tokio::spawn(worker::run(
        deliverer,
        database.pool.clone(),
        clock,
        keys,
        shutdown.clone(),
    ));
    signalled.await;
    shutdown.cancel();
    let result = job.await.context("the worker task failed");
    database.close().await;
    result?
}

/// The keys derived from the configured secret key and, during a rotation, the previous one.
fn keys_of(config: &Config) -> anyhow::Result<crate::crypto::Keys> {
    Ok(crate::crypto::Keys::derive(&resolve_secret_key(config)?)
        .with_previous(config.secret_key_previous.as_ref()))
}

fn resolve_secret_key(config: &Config) -> anyhow::Result<SecretKey> {
    match &config.secret_key {
        Some(key) => Ok(key.clone()),
        None => SecretKey::load_or_generate(&config.data_dir).context("PORTICO_SECRET_KEY"),
    }
}
