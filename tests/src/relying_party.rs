//! Relying parties for Portico as an OpenID Provider: ordinary web apps built on real RP
//! libraries (`tests/peers/rp-openid-client.mjs`: panva's openid-client; and
//! `tests/peers/rp_authlib.py`: Python's Authlib), each on a loopback port of its own.

use std::time::Duration;

use tokio::process::Command;

use crate::process::Process;

/// Which library the app is built on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Library {
    OpenIdClient,
    Authlib,
}

/// A running relying party.
#[derive(Debug)]
pub struct RelyingParty {
    /// `http://127.0.0.1:PORT`
    pub base: String,
    _process: Process,
}

impl RelyingParty {
    /// The redirect URI an app on `port` registers.
    pub fn callback(port: u16) -> String {
        format!("http://127.0.0.1:{port}/callback")
    }

    /// Starts the app on `port` for `issuer` (which must already answer discovery).
    pub async fn start(
        library: Library,
        port: u16,
        issuer: &str,
        client_id: &str,
        client_secret: Option<&str>,
    ) -> anyhow::Result<Self> {
        let mut command = match library {
            Library::OpenIdClient => {
                let mut c = Command::new("node");
                c.arg(crate::repo_root().join("tests/peers/rp-openid-client.mjs"));
                c
            }
            Library::Authlib => {
                let mut c = Command::new(crate::repo_root().join("tests/peers/.venv/bin/python"));
                c.arg(crate::repo_root().join("tests/peers/rp_authlib.py"));
                c
            }
        };
        command.arg(port.to_string()).arg(issuer).arg(client_id);
        if let Some(secret) = client_secret {
            command.arg(secret);
        }
        let mut process = Process::spawn("relying-party", command)?;
        process
            .wait_for_line("RP listening on", Duration::from_secs(30))
            .await?;
        Ok(Self {
            base: format!("http://127.0.0.1:{port}"),
            _process: process,
        })
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}
