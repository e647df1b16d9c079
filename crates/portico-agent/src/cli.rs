//! The command line: `inspect` and `reveal-key` work offline on this PC or on files.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::collect::{self, Sources};

#[derive(Debug, Parser)]
#[command(
    name = "portico-agent",
    version,
    about = "Links this PC to a Portico account and reports its Windows facts and activation state (never the whole product key)."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Links this PC to a Portico account: shows a code to approve on the portal, waits,
    /// and keeps the device token (readable by its owner only).
    Link {
        /// The portal, e.g. https://portal.example.com
        #[arg(long, value_name = "URL")]
        server: String,
        #[command(flatten)]
        state: StateArg,
    },
    /// Collects and sends one report now.
    Report {
        /// Send once and exit (the only mode in this version).
        #[arg(long)]
        once: bool,
        #[command(flatten)]
        sources: SourceArgs,
        #[command(flatten)]
        state: StateArg,
    },
    /// Says whether this PC is linked, and to which account.
    Status {
        #[command(flatten)]
        state: StateArg,
    },
    /// Forgets the link on this PC (remove the PC on the portal to revoke its token there).
    Unlink {
        #[command(flatten)]
        state: StateArg,
    },
    /// Shows what a report would send, without sending anything.
    Inspect {
        #[command(flatten)]
        sources: SourceArgs,
        /// Print the exact report body (JSON).
        #[arg(long)]
        json: bool,
    },
    /// Offline key recovery: prints the product key of this PC or of the given file, and
    /// sends it nowhere.
    RevealKey {
        #[command(flatten)]
        sources: SourceArgs,
    },
}

#[derive(Debug, Args)]
pub struct SourceArgs {
    /// A registry export of HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion
    /// (`reg export "HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion" cv.reg`).
    #[arg(long, value_name = "FILE")]
    pub registry_export: Option<PathBuf>,
    /// A raw dump of the firmware's ACPI MSDM table.
    #[arg(long, value_name = "FILE")]
    pub msdm: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct StateArg {
    /// Where the link is kept (default: the per-OS agent file).
    #[arg(long, value_name = "FILE", env = "PORTICO_AGENT_STATE")]
    pub state: Option<PathBuf>,
}

impl StateArg {
    fn path(&self) -> PathBuf {
        self.state
            .clone()
            .unwrap_or_else(crate::state::default_path)
    }
}

impl SourceArgs {
    fn sources(&self) -> Sources {
        Sources {
            registry_export: self.registry_export.clone(),
            msdm: self.msdm.clone(),
        }
    }
}

/// Runs a command; the text to print, or an error for stderr (exit 1).
pub async fn run(cli: Cli) -> anyhow::Result<String> {
    match cli.command {
        Command::Link { server, state } => link(&server, &state.path()).await,
        Command::Report { sources, state, .. } => report(&sources, &state.path()).await,
        Command::Status { state } => Ok(match crate::state::load(&state.path())? {
            Some(l) => format!(
                "Linked to {} at {} (device {})",
                l.account, l.server, l.device_id
            ),
            None => "Not linked: run `portico-agent link --server URL`".to_owned(),
        }),
        Command::Unlink { state } => {
            let path = state.path();
            match std::fs::remove_file(&path) {
                Ok(()) => Ok(
                    "Unlinked on this PC. Remove it under Devices on the portal too.".to_owned(),
                ),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok("Not linked.".to_owned()),
                Err(e) => Err(e.into()),
            }
        }
        Command::Inspect { sources, json } => {
            let facts = collect::collect(&sources.sources())?;
            let report = crate::report::build(&facts, "not-linked");
            if json {
                return Ok(serde_json::to_string_pretty(&report)?);
            }
            let mut out = Vec::new();
            out.push(format!("PC:          {}", report.device.name));
            if let Some(os) = &report.device.os_name {
                out.push(format!("Windows:     {os}"));
            }
            for (label, value) in [
                ("Edition:", &report.device.os_edition),
                ("Version:", &report.device.os_version),
                ("Build:", &report.device.os_build),
            ] {
                if let Some(v) = value {
                    out.push(format!("{label:<12} {v}"));
                }
            }
            match &report.license {
                Some(l) => {
                    out.push(format!(
                        "License:     {:?}, key XXXXX-XXXXX-XXXXX-XXXXX-{} (from {}){}",
                        l.channel,
                        l.last5.as_deref().unwrap_or("?????"),
                        l.source,
                        if l.generic {
                            ", a generic key: not this PC's own"
                        } else {
                            ""
                        }
                    ));
                }
                None => out.push("License:     no product key found".to_owned()),
            }
            if facts.key().is_some_and(|k| k.damaged) {
                out.push(
                    "Warning:     the key's blob failed its own check: it may be damaged"
                        .to_owned(),
                );
            }
            out.extend(facts.notes.iter().map(|n| format!("Note:        {n}")));
            out.push(
                "Sent:        the key's SHA-256 and last five characters only, never the key"
                    .to_owned(),
            );
            Ok(out.join("\n"))
        }
        Command::RevealKey { sources } => {
            let facts = collect::collect(&sources.sources())?;
            match facts.key() {
                Some(found) => Ok(found.key.reveal().to_owned()),
                None => {
                    let why = facts.notes.first().cloned().unwrap_or_else(|| {
                        "No product key found: give --registry-export or --msdm (reading the firmware table needs root).".to_owned()
                    });
                    anyhow::bail!("{why}")
                }
            }
        }
    }
}

async fn link(server: &str, path: &std::path::Path) -> anyhow::Result<String> {
    let facts = collect::collect(&Sources::default())?;
    let hints = [
        ("hostname", Some(facts.name.clone())),
        ("model", facts.model.clone()),
        (
            "os",
            facts.windows_name().or_else(|| facts.product_name.clone()),
        ),
    ];
    let auth = crate::client::start_link(server, hints).await?;
    // The person needs these now, before the wait.
    #[expect(clippy::print_stdout, reason = "shown while waiting")]
    {
        println!("To link this PC, open {}", auth.verification_uri_complete);
        println!(
            "or go to {} and enter the code {}",
            auth.verification_uri, auth.user_code
        );
    }
    let token = crate::client::wait_for_token(server, &auth).await?;
    let linked = crate::state::Linked {
        server: server.trim_end_matches('/').to_owned(),
        token: token.access_token,
        device_id: token.device_id,
        account: token.account.clone(),
        install_id: uuid::Uuid::new_v4().to_string(),
    };
    crate::state::save(path, &linked)?;
    Ok(format!("Linked to {}", token.account))
}

async fn report(sources: &SourceArgs, path: &std::path::Path) -> anyhow::Result<String> {
    let Some(linked) = crate::state::load(path)? else {
        anyhow::bail!("Not linked: run `portico-agent link --server URL` first");
    };
    let facts = collect::collect(&sources.sources())?;
    let body = crate::report::build(&facts, &linked.install_id);
    match crate::client::send_report(&linked.server, &linked.token, &body).await? {
        crate::client::Sent::Accepted => Ok("Report sent".to_owned()),
        crate::client::Sent::Removed => anyhow::bail!(
            "This PC was removed from its account on the portal: reports stop. Link it again to resume."
        ),
    }
}
