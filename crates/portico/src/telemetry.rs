//! Logging: human-readable in development, one JSON object per line in production. Every
//! line written while serving a request carries that request's id (from its span).

use std::io::IsTerminal;

use tracing_subscriber::EnvFilter;

use crate::config::{Config, Environment};

pub fn init(config: &Config) -> anyhow::Result<()> {
    init_to(config, std::io::stdout)
}

/// As [`init`], writing to `writer` (the benchmarks log to a sink, to count the cost of
/// logging without a terminal's).
pub fn init_to<W>(config: &Config, writer: W) -> anyhow::Result<()>
where
    W: for<'w> tracing_subscriber::fmt::MakeWriter<'w> + Send + Sync + 'static,
{
    let filter = EnvFilter::try_new(&config.log_filter)
        .map_err(|e| anyhow::anyhow!("PORTICO_LOG: invalid filter {:?}: {e}", config.log_filter))?;
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer);
    let result = match config.env {
        Environment::Development => builder
            .with_target(false)
            .with_ansi(std::io::stdout().is_terminal())
            .try_init(),
        Environment::Production => builder
            .json()
            .with_current_span(true)
            .with_span_list(false)
            .flatten_event(true)
            .try_init(),
    };
    result.map_err(|e| anyhow::anyhow!("cannot start logging: {e}"))
}
