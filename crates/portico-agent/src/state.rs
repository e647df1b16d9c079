//! What the agent keeps between runs: the server, its device token, its install id and the
//! key its hardware signals are HMAC'd with. A file readable by its owner only (Linux
//! `0600`; on Windows, under ProgramData with an ACL for SYSTEM and Administrators).

use std::path::{Path, PathBuf};

use anyhow::Context;
use serde_json::json;

/// The agent's saved link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Linked {
    pub server: String,
    pub token: String,
    pub device_id: String,
    pub account: String,
    pub install_id: String,
}

/// Where the state lives unless `--state` says otherwise.
pub fn default_path() -> PathBuf {
    if cfg!(windows) {
        PathBuf::from(r"C:\ProgramData\Portico\agent.json")
    } else if let Some(dir) = std::env::var_os("XDG_CONFIG_HOME") {
        PathBuf::from(dir).join("portico-agent/agent.json")
    } else if let Some(home) = std::env::var_os("HOME") {
        PathBuf::from(home).join(".config/portico-agent/agent.json")
    } else {
        PathBuf::from("/etc/portico-agent/agent.json")
    }
}

pub fn load(path: &Path) -> anyhow::Result<Option<Linked>> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    let v: serde_json::Value =
        serde_json::from_str(&text).with_context(|| format!("{} is damaged", path.display()))?;
    let field = |name: &str| v[name].as_str().map(str::to_owned).unwrap_or_default();
    Ok(Some(Linked {
        server: field("server"),
        token: field("token"),
        device_id: field("device_id"),
        account: field("account"),
        install_id: field("install_id"),
    }))
}

/// Writes the state so that only its owner can read it.
pub fn save(path: &Path, linked: &Linked) -> anyhow::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let text = json!({
        "server": linked.server,
        "token": linked.token,
        "device_id": linked.device_id,
        "account": linked.account,
        "install_id": linked.install_id,
    })
    .to_string();
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    std::io::Write::write_all(&mut file, text.as_bytes())?;
    Ok(())
}
