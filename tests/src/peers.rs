//! Real peers from `tests/peers` (npm) and Debian, each on ports of its own.

use std::time::Duration;

use anyhow::Context;
use tokio::process::Command;

use crate::process::Process;

fn node_module(path: &str) -> anyhow::Result<std::path::PathBuf> {
    let full = crate::repo_root()
        .join("tests/peers/node_modules")
        .join(path);
    if !full.exists() {
        anyhow::bail!(
            "{} is missing: run `npm ci --prefix tests/peers` (scripts/test does)",
            full.display()
        );
    }
    Ok(full)
}

/// maildev: an SMTP server whose messages can be read back over its REST API.
#[derive(Debug)]
pub struct Maildev {
    pub smtp_port: u16,
    pub web_port: u16,
    _process: Process,
    _dir: tempfile::TempDir,
}

impl Maildev {
    pub async fn start() -> anyhow::Result<Self> {
        let bin = node_module("maildev/dist/bin/maildev.js")?;
        let dir = tempfile::tempdir()?;
        let smtp_port = crate::free_port();
        let web_port = crate::free_port();
        let mut command = Command::new("node");
        command
            .arg(bin)
            .args(["--ip", "127.0.0.1", "--web-ip", "127.0.0.1", "--smtp"])
            .arg(smtp_port.to_string())
            .arg("--web")
            .arg(web_port.to_string())
            .arg("--mail-directory")
            .arg(dir.path());
        let mut process = Process::spawn("maildev", command)?;
        process
            .wait_for_line(r"Press Ctrl\+C to stop", Duration::from_secs(30))
            .await
            .context("maildev did not start")?;
        Ok(Self {
            smtp_port,
            web_port,
            _process: process,
            _dir: dir,
        })
    }

    /// The messages maildev has received (its v3 REST API).
    pub async fn messages(&self) -> anyhow::Result<Vec<serde_json::Value>> {
        let url = format!("http://127.0.0.1:{}/api/email", self.web_port);
        let response = crate::server::http_client().get(url).send().await?;
        Ok(response.error_for_status()?.json().await?)
    }
}
