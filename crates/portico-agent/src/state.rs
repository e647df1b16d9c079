//! What the agent keeps between runs: the server, its device token, its install id and the
//! key its hardware signals are HMAC'd with. A file readable by its owner only (Linux
//! `0600`; on Windows, under ProgramData with an ACL for SYSTEM and Administrators).

use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::{Deserialize, Serialize};

/// The agent's saved link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Linked {
    pub server: String,
    pub token: String,
    pub device_id: String,
    pub account: String,
    pub install_id: String,
    /// The key (hex, 32 random bytes) hardware signals are HMAC'd with: made once per
    /// install, never sent.
    #[serde(default)]
    pub signal_key: String,
    /// The person turned on Find my device for this PC (`portico-agent location on`).
    #[serde(default)]
    pub share_location: bool,
    /// The person lets this PC back up its BitLocker recovery keys to the account (chosen
    /// on the portal; every report's answer says it again).
    #[serde(default)]
    pub backup_recovery_keys: bool,
    /// Find my device is on for this PC on the portal (every report's answer says it; on
    /// until the first answer, since the PC's own setting decides too).
    #[serde(default = "yes")]
    pub portal_location: bool,
    /// The person lets this PC share hardware details and specifications (chosen on the
    /// portal; every report's answer says it again).
    #[serde(default = "yes")]
    pub share_hardware: bool,
}

fn yes() -> bool {
    true
}

impl Linked {
    /// A new link, with a new install id and signal key.
    pub fn new(server: &str, token: String, device_id: String, account: String) -> Self {
        Self {
            server: server.trim_end_matches('/').to_owned(),
            token,
            device_id,
            account,
            install_id: uuid::Uuid::new_v4().to_string(),
            signal_key: hex::encode(rand::random::<[u8; 32]>()),
            share_location: false,
            backup_recovery_keys: false,
            portal_location: true,
            share_hardware: true,
        }
    }

    /// What this PC collects and sends: its location only when both the PC and the portal
    /// allow it; hardware details while the portal says so.
    pub fn sharing(&self) -> crate::collect::Sharing {
        crate::collect::Sharing {
            location: self.share_location && self.portal_location,
            hardware: self.share_hardware,
        }
    }

    /// The signal key's bytes. A state written before signals existed gets one now (the
    /// caller saves it).
    pub fn signal_key(&mut self) -> (Vec<u8>, bool) {
        match hex::decode(&self.signal_key) {
            Ok(key) if key.len() == 32 => (key, false),
            _ => {
                let key = rand::random::<[u8; 32]>();
                self.signal_key = hex::encode(key);
                (key.to_vec(), true)
            }
        }
    }
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
    serde_json::from_str(&text)
        .map(Some)
        .with_context(|| format!("{} is damaged: unlink and link again", path.display()))
}

/// Writes the state so that only its owner can read it.
pub fn save(path: &Path, linked: &Linked) -> anyhow::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let text = serde_json::to_string_pretty(linked)?;
    #[cfg(windows)]
    {
        // Made empty, closed to everyone but its owner, SYSTEM and Administrators, then
        // filled: the token is never in a file others may read.
        std::fs::write(path, b"").with_context(|| format!("cannot write {}", path.display()))?;
        let status = std::process::Command::new("icacls")
            .args(windows_acl_args(path))
            .stdout(std::process::Stdio::null())
            .status()
            .context("cannot run icacls")?;
        anyhow::ensure!(
            status.success(),
            "icacls could not restrict {}",
            path.display()
        );
    }
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

/// `icacls` arguments that leave `file` to its owner, SYSTEM and Administrators, with no
/// inherited entries (ProgramData lets every user read what it holds). Named by SID, so
/// that a localised Windows reads them the same.
pub fn windows_acl_args(file: &Path) -> Vec<String> {
    let mut args = vec![file.display().to_string(), "/inheritance:r".to_owned()];
    for sid in ["*S-1-3-4:F", "*S-1-5-18:F", "*S-1-5-32-544:F"] {
        args.extend(["/grant:r".to_owned(), sid.to_owned()]);
    }
    args
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_state_round_trips_and_an_old_one_gets_a_signal_key() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("agent.json");
        let linked = Linked::new(
            "https://portal.example/",
            "t".into(),
            "d".into(),
            "Jo".into(),
        );
        assert_eq!(linked.server, "https://portal.example");
        save(&path, &linked).expect("save");
        let mut back = load(&path).expect("load").expect("linked");
        assert_eq!(back, linked);
        assert!(!back.signal_key().1, "kept");

        std::fs::write(
            &path,
            r#"{"server":"s","token":"t","device_id":"d","account":"a","install_id":"i"}"#,
        )
        .expect("write");
        let mut old = load(&path).expect("load").expect("linked");
        let (key, made) = old.signal_key();
        assert!(made && key.len() == 32);
        assert_eq!(old.signal_key(), (key, false), "the same key from then on");
        std::fs::write(&path, "{").expect("write");
        assert!(load(&path).is_err());
    }

    #[test]
    fn the_windows_acl_names_its_trustees_by_sid_and_drops_inheritance() {
        let args = windows_acl_args(Path::new(r"C:\ProgramData\Portico\agent.json"));
        assert_eq!(
            args,
            [
                r"C:\ProgramData\Portico\agent.json",
                "/inheritance:r",
                "/grant:r",
                "*S-1-3-4:F",
                "/grant:r",
                "*S-1-5-18:F",
                "/grant:r",
                "*S-1-5-32-544:F"
            ]
        );
    }
}
