//! A Linux PC's specifications from its files: `/proc/cpuinfo`, `/proc/meminfo`, the memory
//! blocks under `/sys/devices/system/memory`, `/proc/mounts` (with `statvfs`),
//! `/sys/class/tpm`, the EFI `SecureBoot` variable, device-mapper's LUKS devices and DMI's
//! chassis type. Everything is read under a root directory, so tests use a copy.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use portico_wire::report::{Drive, EncryptionStatus, Specs, Tpm, VolumeEncryption};

/// The EFI global variable GUID's `SecureBoot` variable: 4 attribute bytes, then 1 or 0.
const SECURE_BOOT_VAR: &str =
    "sys/firmware/efi/efivars/SecureBoot-8be4df61-93ca-11d2-aa0d-00e098032b8c";

/// Filesystems of fixed drives (the EFI partition's vfat, pseudo and network filesystems
/// are not drives a person reads about).
const DRIVE_FILESYSTEMS: &[&str] = &[
    "ext2", "ext3", "ext4", "xfs", "btrfs", "f2fs", "ntfs", "ntfs3", "exfat", "zfs", "bcachefs",
];

/// A filesystem's size and free space, in bytes.
pub type Statvfs = fn(&Path) -> Option<(u64, u64)>;

/// The live system's `statvfs`.
pub fn statvfs(path: &Path) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        let s = nix::sys::statvfs::statvfs(path).ok()?;
        // `c_ulong` or `fsblkcnt_t`: 32 or 64 bits, by target.
        #[allow(clippy::useless_conversion, reason = "these types differ by target")]
        let unit = u64::from(s.fragment_size()).max(1);
        #[allow(clippy::useless_conversion, reason = "these types differ by target")]
        Some((
            u64::from(s.blocks()).saturating_mul(unit),
            u64::from(s.blocks_available()).saturating_mul(unit),
        ))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// A Linux system's files under `root`.
#[derive(Debug, Clone)]
pub struct Files {
    pub root: PathBuf,
    pub statvfs: Statvfs,
}

impl crate::collect::SpecsSource for Files {
    fn specs(&self) -> anyhow::Result<Option<Specs>> {
        Ok(Some(Files::specs(self)))
    }
}

impl Files {
    fn path(&self, path: &str) -> PathBuf {
        self.root.join(path.trim_start_matches('/'))
    }

    fn text(&self, path: &str) -> Option<String> {
        std::fs::read_to_string(self.path(path))
            .ok()
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
    }

    /// The specifications, as far as these files tell them.
    pub fn specs(&self) -> Specs {
        let cpuinfo = self.text("proc/cpuinfo").unwrap_or_default();
        let (processor, cores, logical) = cpu(&cpuinfo);
        let dmi = |name: &str| self.text(&format!("sys/class/dmi/id/{name}"));
        let chassis_type: Vec<u16> = dmi("chassis_type")
            .and_then(|t| t.parse().ok())
            .into_iter()
            .collect();
        let vm =
            super::is_virtual_machine(dmi("sys_vendor").as_deref(), dmi("product_name").as_deref());
        let drives = self.drives();
        let encryption = drives
            .iter()
            .map(|(drive, device)| self.encryption(drive, device))
            .collect();
        Specs {
            processor,
            cores,
            logical_processors: logical,
            memory_installed_bytes: self.installed_memory(),
            memory_usable_bytes: self
                .text("proc/meminfo")
                .and_then(|m| meminfo_kib(&m, "MemTotal"))
                .map(|kib| kib * 1024),
            system_type: super::system_type(
                Some(if cfg!(target_pointer_width = "64") {
                    "64-bit"
                } else {
                    "32-bit"
                }),
                Some(std::env::consts::ARCH),
            ),
            chassis: super::chassis(&chassis_type, vm),
            drives: drives.into_iter().map(|(drive, _)| drive).collect(),
            tpm: self.tpm(),
            secure_boot: self.secure_boot(),
            encryption,
        }
    }

    /// The memory blocks the kernel knows, online or not: the installed RAM.
    fn installed_memory(&self) -> Option<u64> {
        let block = u64::from_str_radix(
            &self.text("sys/devices/system/memory/block_size_bytes")?,
            16,
        )
        .ok()?;
        let blocks = std::fs::read_dir(self.path("sys/devices/system/memory"))
            .ok()?
            .filter_map(Result::ok)
            .filter(|e| {
                let name = e.file_name();
                let name = name.to_string_lossy();
                name.strip_prefix("memory")
                    .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()) && !n.is_empty())
            })
            .count();
        (blocks > 0).then(|| block * blocks as u64)
    }

    /// Fixed drives, by mount point, with the device each is mounted from.
    fn drives(&self) -> Vec<(Drive, String)> {
        let mounts = self.text("proc/mounts").unwrap_or_default();
        let mut seen = BTreeSet::new();
        let mut drives = Vec::new();
        for line in mounts.lines() {
            let mut fields = line.split_whitespace();
            let (Some(device), Some(point), Some(fs)) =
                (fields.next(), fields.next(), fields.next())
            else {
                continue;
            };
            let point = point.replace("\\040", " ");
            if !device.starts_with("/dev/")
                || device.starts_with("/dev/loop")
                || !DRIVE_FILESYSTEMS.contains(&fs)
                || !seen.insert(device.to_owned())
            {
                continue;
            }
            let Some((size, free)) = (self.statvfs)(&self.path(&point)) else {
                continue;
            };
            drives.push((
                Drive {
                    name: point,
                    filesystem: Some(fs.to_owned()),
                    size_bytes: size,
                    free_bytes: free,
                },
                device.to_owned(),
            ));
        }
        drives
    }

    /// The device-mapper device (`dm-N`) a mounted device is, if it is one.
    fn dm_name(&self, device: &str) -> Option<String> {
        if let Some(dm) = device
            .strip_prefix("/dev/")
            .filter(|d| d.starts_with("dm-"))
        {
            return Some(dm.to_owned());
        }
        let mapped = device.strip_prefix("/dev/mapper/")?;
        std::fs::read_dir(self.path("sys/block"))
            .ok()?
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("dm-"))
            .find(|n| self.text(&format!("sys/block/{n}/dm/name")).as_deref() == Some(mapped))
    }

    /// The LUKS version of `dm` or of a device it sits on (LVM on LUKS), if any.
    fn luks(&self, dm: &str, depth: u8) -> Option<String> {
        if let Some(uuid) = self.text(&format!("sys/block/{dm}/dm/uuid"))
            && let Some(rest) = uuid.strip_prefix("CRYPT-")
            && rest.starts_with("LUKS")
        {
            return rest.split('-').next().map(str::to_owned);
        }
        if depth == 0 {
            return None;
        }
        std::fs::read_dir(self.path(&format!("sys/block/{dm}/slaves")))
            .ok()?
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("dm-"))
            .find_map(|n| self.luks(&n, depth - 1))
    }

    fn encryption(&self, drive: &Drive, device: &str) -> VolumeEncryption {
        let luks = self.dm_name(device).and_then(|dm| self.luks(&dm, 3));
        VolumeEncryption {
            volume: drive.name.clone(),
            status: if luks.is_some() {
                EncryptionStatus::On
            } else {
                EncryptionStatus::Off
            },
            method: luks,
        }
    }

    fn tpm(&self) -> Option<Tpm> {
        if !self.path("sys/class").is_dir() {
            return None;
        }
        let present = self.path("sys/class/tpm/tpm0").exists();
        let version =
            self.text("sys/class/tpm/tpm0/tpm_version_major")
                .and_then(|major| match major.as_str() {
                    "2" => Some("2.0".to_owned()),
                    "1" => Some("1.2".to_owned()),
                    _ => None,
                });
        Some(Tpm {
            present,
            version: version.filter(|_| present),
        })
    }

    /// On with the EFI variable's value 1; off without it, or without UEFI at all.
    fn secure_boot(&self) -> Option<bool> {
        if !self.path("sys/firmware").is_dir() {
            return None;
        }
        let var = std::fs::read(self.path(SECURE_BOOT_VAR)).ok();
        Some(var.and_then(|v| v.get(4).copied()) == Some(1))
    }
}

/// The processor's name, its cores and its logical processors, from `/proc/cpuinfo`.
fn cpu(cpuinfo: &str) -> (Option<String>, Option<u32>, Option<u32>) {
    let mut name = None;
    let mut logical = 0u32;
    let mut cores = BTreeSet::new();
    let mut physical = String::new();
    for line in cpuinfo.lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match key.trim() {
            "processor" => logical += 1,
            "model name" if name.is_none() && !value.is_empty() => {
                name = Some(value.to_owned());
            }
            "physical id" => physical = value.to_owned(),
            "core id" => {
                cores.insert((physical.clone(), value.to_owned()));
            }
            _ => {}
        }
    }
    let logical = (logical > 0).then_some(logical);
    let cores = u32::try_from(cores.len())
        .ok()
        .filter(|c| *c > 0)
        .or(logical);
    (name, cores, logical)
}

fn meminfo_kib(meminfo: &str, key: &str) -> Option<u64> {
    meminfo.lines().find_map(|line| {
        let rest = line.strip_prefix(key)?.strip_prefix(':')?;
        rest.split_whitespace().next()?.parse().ok()
    })
}

#[cfg(test)]
mod tests;
