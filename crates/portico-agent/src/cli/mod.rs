//! The command line: `inspect` and `reveal-key` work offline on this PC or on files.

use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::collect::{self, Collectors, Facts, Sharing, Sources};
use crate::queue::Queue;
use crate::run::{Portal, Read, Stop};
use crate::state::Linked;

mod inspect;
mod service;

pub use service::run_until_stopped;

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
        /// The name, model and OS shown on the approval page come from these files instead
        /// of this PC.
        #[command(flatten)]
        sources: SourceArgs,
        #[command(flatten)]
        state: StateArg,
    },
    /// Collects and sends one report now, with any report still waiting from before.
    Report {
        /// Send once and exit (what `report` always does; `run` keeps reporting).
        #[arg(long)]
        once: bool,
        #[command(flatten)]
        sources: SourceArgs,
        #[command(flatten)]
        state: StateArg,
    },
    /// Keeps reporting: every 5 minutes in the first hour, then hourly (with jitter), and
    /// at once when the activation state changes. Reports the portal cannot take wait on
    /// disk. Stops on Ctrl-C, on a service stop, or when the PC is removed on the portal.
    Run(RunArgs),
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
    /// Turns on or off sending this PC's location for Find my device (Windows' location
    /// service; Find my device must be on for this PC on the portal too).
    Location {
        setting: Setting,
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
        #[command(flatten)]
        state: StateArg,
    },
    /// Offline key recovery: prints the product key of this PC or of the given file, and
    /// sends it nowhere.
    RevealKey {
        #[command(flatten)]
        sources: SourceArgs,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Setting {
    On,
    Off,
}

#[derive(Debug, Clone, Args)]
pub struct RunArgs {
    #[command(flatten)]
    pub sources: SourceArgs,
    #[command(flatten)]
    pub state: StateArg,
    /// How often the activation state is looked at between reports.
    #[arg(long, value_name = "SECONDS", default_value_t = 60,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub check_every: u64,
    /// The wait after a failed send; it doubles at each failure, up to an hour.
    #[arg(long, value_name = "SECONDS", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub first_retry: u64,
    /// How many unsent reports wait on disk; past it the oldest are dropped.
    #[arg(long, value_name = "N", default_value_t = crate::queue::DEFAULT_LIMIT as u64,
          value_parser = clap::value_parser!(u64).range(1..=10_000))]
    pub queue_limit: u64,
    /// Run under the Windows service control manager (see the README's service section).
    #[arg(long)]
    pub service: bool,
}

#[derive(Debug, Clone, Default, Args)]
pub struct SourceArgs {
    /// A registry export of HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion
    /// (`reg export "HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion" cv.reg`).
    #[arg(long, value_name = "FILE")]
    pub registry_export: Option<PathBuf>,
    /// A raw dump of the firmware's ACPI MSDM table.
    #[arg(long, value_name = "FILE")]
    pub msdm: Option<PathBuf>,
    /// A JSON export of Windows' activation state (`Get-CimInstance
    /// SoftwareLicensingProduct -Filter "ApplicationID='55c92734-d682-4d71-983e-d6ec3f16059f'
    /// AND PartialProductKey IS NOT NULL" | ConvertTo-Json`).
    #[arg(long, value_name = "FILE")]
    pub licensing_export: Option<PathBuf>,
    /// A JSON export of the PC's specifications (processor, memory, drives, TPM, Secure
    /// Boot, BitLocker), as `scripts/export-specs.ps1` writes it.
    #[arg(long, value_name = "FILE")]
    pub specs_export: Option<PathBuf>,
    /// BitLocker's recovery-password protectors, sent only while the person lets this PC
    /// back them up: `manage-bde -protectors -get C:` output, or `Get-BitLockerVolume |
    /// Select-Object MountPoint, KeyProtector | ConvertTo-Json -Depth 4`.
    #[arg(long, value_name = "FILE")]
    pub bitlocker_export: Option<PathBuf>,
}

#[derive(Debug, Clone, Args)]
pub struct StateArg {
    /// Where the link is kept (default: the per-OS agent file).
    #[arg(long, value_name = "FILE", env = "PORTICO_AGENT_STATE")]
    pub state: Option<PathBuf>,
}

impl StateArg {
    pub fn path(&self) -> PathBuf {
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
            licensing_export: self.licensing_export.clone(),
            specs_export: self.specs_export.clone(),
            bitlocker_export: self.bitlocker_export.clone(),
        }
    }
}

/// The agent is not (or no longer) linked: exit code 3, which a service manager should
/// not answer by restarting it (`RestartPreventExitStatus=3`).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct NotLinked(pub String);

pub const NOT_LINKED_EXIT: u8 = 3;

fn load_linked(path: &Path) -> anyhow::Result<Linked> {
    crate::state::load(path)?.ok_or_else(|| {
        NotLinked("Not linked: run `portico-agent link --server URL` first".to_owned()).into()
    })
}

/// Reads the PC off the async runtime (WMI and the registry block).
async fn collect_facts(sources: &SourceArgs, sharing: Sharing) -> anyhow::Result<Facts> {
    read_pc(sources, sharing, Read::Everything).await
}

async fn read_pc(sources: &SourceArgs, sharing: Sharing, read: Read) -> anyhow::Result<Facts> {
    let collectors = Collectors::new(&sources.sources(), sharing);
    tokio::task::spawn_blocking(move || match read {
        Read::Everything => collect::collect(&collectors),
        Read::ActivationOnly => collect::collect_activation(&collectors),
    })
    .await?
}

/// Runs a command; the text to print, or an error for stderr (exit 1; [`NotLinked`]: 3).
pub async fn run(cli: Cli) -> anyhow::Result<String> {
    match cli.command {
        Command::Link {
            server,
            sources,
            state,
        } => link(&server, &sources, &state.path()).await,
        Command::Report { sources, state, .. } => report(&sources, &state.path()).await,
        Command::Run(args) => service::run_service(&args).await,
        Command::Status { state } => status(&state.path()),
        Command::Unlink { state } => unlink(&state.path()),
        Command::Location { setting, state } => location(setting, &state.path()),
        Command::Inspect {
            sources,
            json,
            state,
        } => inspect::inspect(&sources, json, &state.path()).await,
        Command::RevealKey { sources } => inspect::reveal_key(&sources).await,
    }
}

/// `status`: what this PC is linked to, and what waits to be sent.
fn status(path: &Path) -> anyhow::Result<String> {
    Ok(match crate::state::load(path)? {
        Some(l) => {
            let queue_dir = Queue::dir_for(path);
            let waiting = if queue_dir.exists() {
                Queue::open(&queue_dir, crate::queue::DEFAULT_LIMIT)
                    .and_then(|q| q.len())
                    .unwrap_or(0)
            } else {
                0
            };
            let mut out = format!(
                "Linked to {} at {} (device {})\nReports waiting to be sent: {waiting}\nLocation for Find my device: {} (this PC: {}, the portal: {})\nHardware details and specifications: {}\nBitLocker recovery key backup: {}",
                l.account,
                l.server,
                l.device_id,
                on_off(l.sharing().location),
                on_off(l.share_location),
                on_off(l.portal_location),
                if l.share_hardware {
                    "shared"
                } else {
                    "not shared (chosen on the portal)"
                },
                on_off(l.backup_recovery_keys)
            );
            // The service's last word, when it runs as one.
            if let Some(line) = crate::logfile::LogFile::beside(path).last_line() {
                out.push_str(&format!("\nLast logged: {line}"));
            }
            out
        }
        None => "Not linked: run `portico-agent link --server URL`".to_owned(),
    })
}

fn on_off(on: bool) -> &'static str {
    if on { "on" } else { "off" }
}

/// `unlink`: forgets the link on this PC.
fn unlink(path: &Path) -> anyhow::Result<String> {
    let queue = Queue::dir_for(path);
    if queue.exists() {
        std::fs::remove_dir_all(&queue)?;
    }
    match std::fs::remove_file(path) {
        Ok(()) => Ok("Unlinked on this PC. Remove it under Devices on the portal too.".to_owned()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok("Not linked.".to_owned()),
        Err(e) => Err(e.into()),
    }
}

/// `location on|off`: whether reports carry where the PC is.
fn location(setting: Setting, path: &Path) -> anyhow::Result<String> {
    let mut linked = load_linked(path)?;
    linked.share_location = setting == Setting::On;
    crate::state::save(path, &linked)?;
    Ok(if linked.share_location {
        "Location on: reports carry where this PC is, when Windows' location service allows it. Find my device must be on for it on the portal too."
    } else {
        "Location off: reports carry no location."
    }
    .to_owned())
}

async fn link(server: &str, sources: &SourceArgs, path: &Path) -> anyhow::Result<String> {
    let facts = collect_facts(sources, Sharing::unlinked()).await?;
    let hints = [
        ("hostname", Some(facts.name.clone())),
        ("model", facts.model.clone()),
        ("os", facts.os_label()),
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
    let account = token.account.clone();
    let backup = token.backup_recovery_keys;
    let mut linked = Linked::new(server, token.access_token, token.device_id, token.account);
    linked.backup_recovery_keys = backup;
    crate::state::save(path, &linked)?;
    Ok(if backup {
        format!("Linked to {account}. Its BitLocker recovery keys are backed up to the account.")
    } else {
        format!("Linked to {account}")
    })
}

/// The link's signal key; a state from before signals gets one, saved.
fn signal_key(linked: &mut Linked, path: &Path) -> anyhow::Result<Vec<u8>> {
    let (key, made) = linked.signal_key();
    if made {
        crate::state::save(path, linked)?;
    }
    Ok(key)
}

/// Forgets a link the portal ended, with the reason for the log.
fn forget(path: &Path, queue: &Queue, why: Stop) -> anyhow::Error {
    let _ = queue.clear();
    let _ = std::fs::remove_file(path);
    NotLinked(match why {
        Stop::Removed => "This PC was removed from its account on the portal: reports stop. Link it again to resume.",
        _ => "The portal no longer accepts this PC's token (its account was secured, or the PC removed): reports stop. Link it again to resume.",
    }.to_owned())
    .into()
}

async fn report(sources: &SourceArgs, path: &Path) -> anyhow::Result<String> {
    let mut linked = load_linked(path)?;
    let key = signal_key(&mut linked, path)?;
    let queue = Queue::open(&Queue::dir_for(path), crate::queue::DEFAULT_LIMIT)?;
    let facts = collect_facts(sources, linked.sharing()).await?;
    queue.push(&crate::report::build(&facts, &linked.install_id, &key))?;
    let portal = Portal::new(&linked, sources.sources().recovery(), path.to_owned())?;
    let mut refused = Vec::new();
    match crate::run::flush(&queue, &portal, &mut |e| refused.push(e.to_string())).await? {
        crate::run::Flushed::Empty { sent } if refused.is_empty() => Ok(if sent == 1 {
            "Report sent".to_owned()
        } else {
            format!("{sent} reports sent (with those waiting from before)")
        }),
        crate::run::Flushed::Empty { .. } => anyhow::bail!("{}", refused.join("\n")),
        crate::run::Flushed::Waiting { why, .. } => anyhow::bail!(
            "{why}: the report is kept ({} waiting) and goes with the next one",
            queue.len()?
        ),
        crate::run::Flushed::Stopped(why) => Err(forget(path, &queue, why)),
    }
}
