//! What the agent knows about a PC, from whichever source it can read: a registry export
//! and an MSDM dump (any OS), or this PC (the Windows collectors are a thin layer over the
//! same parsers; on Linux, the firmware table and `/etc/os-release`).

use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::generic::{self, Generic};
use crate::key::ProductKey;
use crate::{dpid, msdm, regfile};

/// Where the facts come from.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    pub registry_export: Option<PathBuf>,
    pub msdm: Option<PathBuf>,
}

/// A key and where it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundKey {
    pub key: ProductKey,
    /// `registry`, `firmware` or `file`.
    pub source: &'static str,
    /// `Retail`, `OEM`, `Volume`, `Volume:MAK`, … when the blob says.
    pub license_type: Option<String>,
    /// The blob's own check failed: shown, flagged.
    pub damaged: bool,
}

/// What the PC's Windows says about itself.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub name: String,
    pub product_name: Option<String>,
    pub edition: Option<String>,
    pub display_version: Option<String>,
    pub build: Option<String>,
    pub manufacturer: Option<String>,
    pub model: Option<String>,
    /// The installed key (registry), if one is stored.
    pub installed_key: Option<FoundKey>,
    /// The firmware key (MSDM), if the PC has one.
    pub firmware_key: Option<FoundKey>,
    /// Why no installed key: e.g. all-zero key bytes.
    pub notes: Vec<String>,
}

impl Facts {
    /// Windows 11 still calls itself "Windows 10" in `ProductName`: build 22000 and later
    /// is Windows 11.
    pub fn windows_name(&self) -> Option<String> {
        let name = self.product_name.clone()?;
        let build: u32 = self.build.as_deref()?.split('.').next()?.parse().ok()?;
        Some(if build >= 22000 {
            name.replacen("Windows 10", "Windows 11", 1)
        } else {
            name
        })
    }

    /// The key that decides the license: the installed one, else the firmware's.
    pub fn key(&self) -> Option<&FoundKey> {
        self.installed_key.as_ref().or(self.firmware_key.as_ref())
    }

    /// Whether the deciding key is a public one (generic install or volume client key).
    pub fn generic(&self) -> Option<Generic> {
        generic::classify(&self.key()?.key)
    }
}

fn read(path: &Path) -> anyhow::Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
}

/// Reads a registry export's `CurrentVersion` values into `facts`.
fn from_registry_export(path: &Path, facts: &mut Facts) -> anyhow::Result<()> {
    let values = regfile::parse(&read(path)?)
        .with_context(|| format!("{} is not a registry export", path.display()))?;
    facts.product_name = regfile::string(&values, "ProductName").map(str::to_owned);
    facts.edition = regfile::string(&values, "EditionID").map(str::to_owned);
    facts.display_version = regfile::string(&values, "DisplayVersion").map(str::to_owned);
    let build = regfile::string(&values, "CurrentBuild").map(str::to_owned);
    facts.build = build.map(|b| match regfile::dword(&values, "UBR") {
        Some(ubr) => format!("{b}.{ubr}"),
        None => b,
    });
    // DigitalProductId4 first (its check is a SHA-256), then the older blob.
    let decoded = regfile::binary(&values, "DigitalProductId4")
        .and_then(|b| dpid::parse_v4(b).ok())
        .filter(|d| d.key.is_some())
        .or_else(|| {
            regfile::binary(&values, "DigitalProductId").and_then(|b| dpid::parse_v3(b).ok())
        });
    match decoded {
        Some(d) => match d.key {
            Some(key) => {
                facts.installed_key = Some(FoundKey {
                    key,
                    source: "file",
                    license_type: d.license_type,
                    damaged: !d.intact,
                });
            }
            None => facts.notes.push(
                "No product key is stored in the registry (its key bytes are all zero).".to_owned(),
            ),
        },
        None => facts
            .notes
            .push("The registry export has no DigitalProductId.".to_owned()),
    }
    Ok(())
}

/// Gathers the facts from `sources`, or from this PC where a source is not given.
pub fn collect(sources: &Sources) -> anyhow::Result<Facts> {
    let mut facts = Facts {
        name: hostname(),
        ..Facts::default()
    };
    if let Some(path) = &sources.registry_export {
        from_registry_export(path, &mut facts)?;
    } else {
        this_pc(&mut facts);
    }
    let msdm_path = sources.msdm.clone().or_else(|| {
        sources
            .registry_export
            .is_none()
            .then(|| PathBuf::from(FIRMWARE_MSDM))
    });
    if let Some(path) = msdm_path {
        match std::fs::read(&path) {
            Ok(table) => match msdm::parse(&table) {
                Ok(key) => {
                    facts.firmware_key = Some(FoundKey {
                        key,
                        source: if sources.msdm.is_some() {
                            "file"
                        } else {
                            "firmware"
                        },
                        license_type: Some("OEM".to_owned()),
                        damaged: false,
                    });
                }
                Err(e) if sources.msdm.is_some() => {
                    anyhow::bail!("{}: {e}", path.display());
                }
                Err(_) => {}
            },
            Err(e) if sources.msdm.is_some() => {
                return Err(e).with_context(|| format!("cannot read {}", path.display()));
            }
            Err(_) => {}
        }
    }
    Ok(facts)
}

/// Where Linux exposes the firmware's MSDM table (readable by root only).
pub const FIRMWARE_MSDM: &str = "/sys/firmware/acpi/tables/MSDM";

fn hostname() -> String {
    std::env::var("COMPUTERNAME")
        .ok()
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok())
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "PC".to_owned())
}

/// This PC, on Linux: the OS name and the DMI vendor and model, where readable.
#[cfg(not(windows))]
fn this_pc(facts: &mut Facts) {
    if let Ok(text) = std::fs::read_to_string("/etc/os-release") {
        facts.product_name = text
            .lines()
            .find_map(|l| l.strip_prefix("PRETTY_NAME="))
            .map(|v| v.trim_matches('"').to_owned());
    }
    let dmi = |name: &str| {
        std::fs::read_to_string(format!("/sys/class/dmi/id/{name}"))
            .ok()
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    facts.manufacturer = dmi("sys_vendor");
    facts.model = dmi("product_name");
}

/// This PC, on Windows: the registry's `CurrentVersion` through the 64-bit view.
#[cfg(windows)]
fn this_pc(facts: &mut Facts) {
    facts.notes.push(
        "Reading this PC's registry is not built in this version; use --registry-export."
            .to_owned(),
    );
}
