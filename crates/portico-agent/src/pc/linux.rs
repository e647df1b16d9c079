//! This PC on Linux: `/etc/os-release`, the firmware's MSDM table, DMI and
//! `/etc/machine-id`. Serials under `/sys/class/dmi/id` are readable by root only; without
//! them the signals are fewer, not wrong.

use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::collect::{
    Collectors, FirmwareSource, Hardware, HardwareSource, Nothing, OsSource, RegValues,
};
use crate::regfile::Value;
use crate::signals::HardwareId;

/// A Linux system under `root` (`/`, or a copy of its files in tests).
#[derive(Debug, Clone)]
pub struct Linux {
    root: PathBuf,
}

impl Linux {
    pub fn at(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    fn path(&self, path: &str) -> PathBuf {
        self.root.join(path.trim_start_matches('/'))
    }

    fn text(&self, path: &str) -> Option<String> {
        std::fs::read_to_string(self.path(path))
            .ok()
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    }
}

/// The DMI files that identify parts, and what each is.
const DMI_IDS: &[(&str, &str)] = &[
    ("smbios-uuid", "product_uuid"),
    ("board-serial", "board_serial"),
    ("system-serial", "product_serial"),
    ("chassis-serial", "chassis_serial"),
];

/// `/etc/os-release`'s name and version, under the names Windows gives them.
impl OsSource for Linux {
    fn current_version(&self) -> anyhow::Result<RegValues> {
        let mut values = RegValues::new();
        let Some(text) = self.text("etc/os-release") else {
            return Ok(values);
        };
        for line in text.lines() {
            let Some((name, value)) = line.split_once('=') else {
                continue;
            };
            let value = value.trim().trim_matches('"').to_owned();
            match name.trim() {
                "PRETTY_NAME" => values.insert("ProductName".to_owned(), Value::String(value)),
                "VERSION_ID" => values.insert("DisplayVersion".to_owned(), Value::String(value)),
                _ => None,
            };
        }
        Ok(values)
    }
    fn key_source(&self) -> &'static str {
        "os-release"
    }
}

impl FirmwareSource for Linux {
    fn msdm(&self) -> anyhow::Result<Option<Vec<u8>>> {
        let path = self.path(crate::FIRMWARE_MSDM);
        match std::fs::read(&path) {
            Ok(table) => Ok(Some(table)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                anyhow::bail!("Reading the firmware's MSDM table needs root.")
            }
            Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
        }
    }
}

impl HardwareSource for Linux {
    fn hardware(&self) -> anyhow::Result<Hardware> {
        let dmi = |name: &str| self.text(&format!("sys/class/dmi/id/{name}"));
        let mut ids: Vec<HardwareId> = DMI_IDS
            .iter()
            .filter_map(|(kind, file)| HardwareId::new(kind, &dmi(file)?))
            .collect();
        ids.extend(
            self.text("etc/machine-id")
                .and_then(|id| HardwareId::new("machine-id", &id)),
        );
        Ok(Hardware {
            manufacturer: dmi("sys_vendor"),
            model: dmi("product_name"),
            ids,
        })
    }
}

/// This Linux PC. Linux has no location service the agent reads: no location is sent.
pub fn collectors(_location: bool) -> Collectors {
    let this = Linux::at(Path::new("/"));
    Collectors {
        os: Box::new(this.clone()),
        firmware: Box::new(this.clone()),
        licensing: Box::new(Nothing),
        hardware: Box::new(this),
        location: Box::new(Nothing),
        specs: Box::new(crate::specs::linux::Files {
            root: "/".into(),
            statvfs: crate::specs::linux::statvfs,
        }),
        strict: false,
    }
}

/// Linux has no BitLocker (a LUKS volume's recovery is its own passphrase): no recovery
/// keys are read.
pub fn recovery() -> std::sync::Arc<dyn crate::collect::RecoverySource + Send + Sync> {
    std::sync::Arc::new(Nothing)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::test_files::write;

    #[test]
    fn a_linux_pc_is_read_from_its_files() {
        let dir = tempfile::tempdir().expect("dir");
        let root = dir.path();
        write(root, "etc/os-release", b"NAME=\"Debian GNU/Linux\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nVERSION_ID=\"12\"\n");
        write(
            root,
            "etc/machine-id",
            b"3f1c6a0e9b2d4c7e8a5f0b1d2c3e4f50\n",
        );
        write(root, "sys/class/dmi/id/sys_vendor", b"LENOVO\n");
        write(root, "sys/class/dmi/id/product_name", b"20XW0055GE\n");
        write(
            root,
            "sys/class/dmi/id/product_uuid",
            b"4c4c4544-0042-3510-8052-b4c04f4b4e32\n",
        );
        write(
            root,
            "sys/class/dmi/id/board_serial",
            b"To be filled by O.E.M.\n",
        );
        let msdm = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/msdm-synthetic.bin"
        ))
        .expect("fixture");
        write(root, "sys/firmware/acpi/tables/MSDM", &msdm);

        let linux = Linux::at(root);
        let os = linux.current_version().expect("os");
        assert_eq!(
            crate::regfile::string(&os, "ProductName"),
            Some("Debian GNU/Linux 12 (bookworm)")
        );
        assert_eq!(crate::regfile::string(&os, "DisplayVersion"), Some("12"));
        let hw = linux.hardware().expect("hardware");
        assert_eq!(hw.manufacturer.as_deref(), Some("LENOVO"));
        assert_eq!(hw.model.as_deref(), Some("20XW0055GE"));
        let kinds: Vec<&str> = hw.ids.iter().map(|i| i.kind).collect();
        assert_eq!(
            kinds,
            ["smbios-uuid", "machine-id"],
            "the placeholder serial is left out"
        );
        assert_eq!(linux.msdm().expect("msdm"), Some(msdm));
    }

    #[test]
    fn a_missing_file_is_nothing_to_say() {
        let dir = tempfile::tempdir().expect("dir");
        let linux = Linux::at(dir.path());
        assert!(linux.current_version().expect("os").is_empty());
        assert!(linux.hardware().expect("hardware").ids.is_empty());
        assert_eq!(linux.msdm().expect("msdm"), None);
    }
}
