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

impl SourceArgs {
    fn sources(&self) -> Sources {
        Sources {
            registry_export: self.registry_export.clone(),
            msdm: self.msdm.clone(),
        }
    }
}

/// Runs a command; the text to print, or an error for stderr (exit 1).
pub fn run(cli: Cli) -> anyhow::Result<String> {
    match cli.command {
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
