//! The real `portico` binary, started on port 0 with its own data directory.

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use anyhow::{Context, bail};
use tokio::process::Command;

use crate::process::Process;

/// How long a fresh start may take (initdb of an embedded cluster included).
pub const START_TIMEOUT: Duration = Duration::from_secs(60);

/// Path of the `portico` binary under test: `PORTICO_BIN`, or the one cargo built next to
/// this test executable.
pub fn binary() -> anyhow::Result<PathBuf> {
    let path = std::env::var_os("PORTICO_BIN")
        .map_or_else(|| crate::profile_dir().join("portico"), PathBuf::from);
    if !path.is_file() {
        bail!(
            "{} does not exist: build it first (`cargo build -p portico`), or run scripts/test",
            path.display()
        );
    }
    Ok(path)
}

/// Settings for one `portico` process. Nothing is inherited from the test's environment
/// but `PATH`, so a developer's own `PORTICO_*` variables cannot leak in.
#[derive(Debug, Clone)]
pub struct PorticoBuilder {
    args: Vec<String>,
    env: Vec<(String, String)>,
    user: Option<(u32, u32)>,
}

impl Default for PorticoBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl PorticoBuilder {
    pub fn new() -> Self {
        Self {
            args: Vec::new(),
            user: None,
            env: vec![
                ("PORTICO_BIND".into(), "127.0.0.1:0".into()),
                ("PORTICO_LOG".into(), "info".into()),
                ("NO_COLOR".into(), "1".into()),
            ],
        }
    }

    #[must_use]
    pub fn env(mut self, key: &str, value: impl Into<String>) -> Self {
        self.env.retain(|(k, _)| k != key);
        self.env.push((key.to_owned(), value.into()));
        self
    }

    #[must_use]
    pub fn data_dir(self, dir: &Path) -> Self {
        self.env("PORTICO_DATA_DIR", dir.display().to_string())
    }

    #[must_use]
    pub fn database_url(self, url: &str) -> Self {
        self.env("DATABASE_URL", url)
    }

    #[must_use]
    pub fn args(mut self, args: &[&str]) -> Self {
        self.args = args.iter().map(|a| (*a).to_owned()).collect();
        self
    }

    /// Runs the process as another user (the suite runs as root in CI).
    #[must_use]
    pub fn user(mut self, uid: u32, gid: u32) -> Self {
        self.user = Some((uid, gid));
        self
    }

    fn command(&self) -> anyhow::Result<Command> {
        let mut command = Command::new(binary()?);
        command.args(&self.args).env_clear();
        if let Some((uid, gid)) = self.user {
            command.uid(uid).gid(gid);
        }
        if let Some(path) = std::env::var_os("PATH") {
            command.env("PATH", path);
        }
        command.envs(self.env.iter().map(|(k, v)| (k, v)));
        Ok(command)
    }

    /// Starts `portico` without waiting for anything (for `worker`, say).
    pub fn spawn(self) -> anyhow::Result<Process> {
        Process::spawn("portico", self.command()?)
    }

    /// Starts `portico` and waits until it says where it listens.
    pub async fn start(self) -> anyhow::Result<Portico> {
        let mut process = self.spawn()?;
        let addr = process
            .wait_for_line(r"listening on http://([0-9a-f.:\[\]]+)", START_TIMEOUT)
            .await?;
        Ok(Portico {
            base_url: format!("http://{addr}"),
            process,
        })
    }

    /// Runs `portico` to completion (for commands that exit by themselves).
    pub async fn run(self) -> anyhow::Result<Output> {
        let mut command = self.command()?;
        command.kill_on_drop(true);
        tokio::time::timeout(START_TIMEOUT, command.output())
            .await
            .context("portico did not exit in time")?
            .context("cannot run portico")
    }
}

/// A running `portico` server. Dropping it kills the process; call [`Portico::stop`] to
/// shut it down gracefully (needed to stop an embedded PostgreSQL).
#[derive(Debug)]
pub struct Portico {
    pub base_url: String,
    pub process: Process,
}

impl Portico {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    /// SIGTERM, then the exit status.
    pub async fn stop(mut self) -> anyhow::Result<std::process::ExitStatus> {
        self.process.stop(Duration::from_secs(30)).await
    }
}

/// An HTTP client that keeps cookies and never follows redirects (tests check them).
pub fn http_client() -> reqwest::Client {
    crate::install_crypto_provider();
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(30))
        .build()
        .expect("an HTTP client")
}
