//! A PC's specifications in the words of Settings › System › About: sizes in GB as Windows
//! counts them (1 GB = 2^30 bytes), states as BitLocker names them.

use portico_wire::report::{Chassis, EncryptionStatus, Specs};

/// One line of the specifications: a label, and one value or several (a drive each).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spec {
    pub label: &'static str,
    pub values: Vec<String>,
}

const GIB: f64 = 1024.0 * 1024.0 * 1024.0;

/// A size as Windows shows it: "15.7 GB", "476 GB", "1.82 TB".
pub fn size(bytes: u64) -> String {
    #[expect(clippy::cast_precision_loss, reason = "a size to three digits")]
    let gb = bytes as f64 / GIB;
    if gb >= 1024.0 {
        format!("{:.2} TB", gb / 1024.0)
    } else if gb >= 100.0 {
        format!("{gb:.0} GB")
    } else {
        format!("{gb:.1} GB")
    }
}

pub fn chassis_label(chassis: Chassis) -> &'static str {
    match chassis {
        Chassis::Laptop => "Laptop",
        Chassis::Desktop => "Desktop",
        Chassis::Tablet => "Tablet",
        Chassis::Server => "Server",
        Chassis::VirtualMachine => "Virtual machine",
        Chassis::Other => "PC",
    }
}

pub fn encryption_label(status: EncryptionStatus) -> &'static str {
    match status {
        EncryptionStatus::On => "On",
        EncryptionStatus::Off => "Off",
        EncryptionStatus::Suspended => "Suspended (the volume is readable without its key)",
        EncryptionStatus::Encrypting => "Encrypting",
        EncryptionStatus::Decrypting => "Decrypting",
        EncryptionStatus::Unknown => "Unknown (the volume may be locked)",
    }
}

/// The volume the OS runs from: `C:` on Windows, `/` elsewhere.
fn is_system_volume(volume: &str) -> bool {
    volume.eq_ignore_ascii_case("C:") || volume == "/"
}

/// Whether the system volume's encryption needs the person: off, or suspended.
pub fn encryption_needs_attention(specs: &Specs) -> bool {
    specs.encryption.iter().any(|v| {
        is_system_volume(&v.volume)
            && matches!(
                v.status,
                EncryptionStatus::Off | EncryptionStatus::Suspended
            )
    })
}

/// The lines of the device page's specifications, in Settings' order.
pub fn lines(specs: &Specs) -> Vec<Spec> {
    let mut out = Vec::new();
    let mut one = |label, value: Option<String>| {
        if let Some(value) = value {
            out.push(Spec {
                label,
                values: vec![value],
            });
        }
    };
    let counts = match (specs.cores, specs.logical_processors) {
        (Some(c), Some(l)) if c != l => format!(" ({c} cores, {l} logical processors)"),
        (Some(c), _) => format!(" ({c} cores)"),
        _ => String::new(),
    };
    one(
        "Processor",
        specs.processor.as_ref().map(|p| format!("{p}{counts}")),
    );
    one(
        "Installed RAM",
        match (specs.memory_installed_bytes, specs.memory_usable_bytes) {
            (Some(i), Some(u)) if size(i) != size(u) => {
                Some(format!("{} ({} usable)", size(i), size(u)))
            }
            (Some(i), _) => Some(size(i)),
            (None, Some(u)) => Some(format!("{} usable", size(u))),
            (None, None) => None,
        },
    );
    one("System type", specs.system_type.clone());
    one(
        "Device type",
        specs.chassis.map(|c| chassis_label(c).to_owned()),
    );
    one(
        "TPM",
        specs.tpm.as_ref().map(|t| match (&t.version, t.present) {
            (Some(v), true) => format!("Present, version {v}"),
            (None, true) => "Present".to_owned(),
            (_, false) => "Not found".to_owned(),
        }),
    );
    one(
        "Secure Boot",
        specs
            .secure_boot
            .map(|on| if on { "On" } else { "Off" }.to_owned()),
    );
    if !specs.drives.is_empty() {
        out.push(Spec {
            label: "Storage",
            values: specs
                .drives
                .iter()
                .map(|d| {
                    let fs = d
                        .filesystem
                        .as_ref()
                        .map(|f| format!(" ({f})"))
                        .unwrap_or_default();
                    format!(
                        "{}: {}, {} free{fs}",
                        d.name.trim_end_matches(':'),
                        size(d.size_bytes),
                        size(d.free_bytes.min(d.size_bytes))
                    )
                })
                .collect(),
        });
    }
    if !specs.encryption.is_empty() {
        out.push(Spec {
            label: "Device encryption",
            values: specs
                .encryption
                .iter()
                .map(|v| {
                    let method = v
                        .method
                        .as_ref()
                        .map(|m| format!(", {m}"))
                        .unwrap_or_default();
                    format!(
                        "{}: {}{method}",
                        v.volume.trim_end_matches(':'),
                        encryption_label(v.status)
                    )
                })
                .collect(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use portico_wire::report::{Drive, Tpm, VolumeEncryption};

    use super::*;

    #[test]
    fn sizes_read_as_windows_shows_them() {
        assert_eq!(size(16 * 1024 * 1024 * 1024), "16.0 GB");
        assert_eq!(size(16_889_507_840), "15.7 GB");
        assert_eq!(size(511_101_108_224), "476 GB");
        assert_eq!(size(2_000_398_934_016), "1.82 TB");
    }

    #[test]
    fn the_specifications_read_as_settings_shows_them() {
        let specs = Specs {
            processor: Some("Intel(R) Core(TM) i7-1185G7 @ 3.00GHz".to_owned()),
            cores: Some(4),
            logical_processors: Some(8),
            memory_installed_bytes: Some(16 * 1024 * 1024 * 1024),
            memory_usable_bytes: Some(16_889_507_840),
            system_type: Some("64-bit operating system, x64-based processor".to_owned()),
            chassis: Some(Chassis::Laptop),
            drives: vec![Drive {
                name: "C:".to_owned(),
                filesystem: Some("NTFS".to_owned()),
                size_bytes: 511_101_108_224,
                free_bytes: 201_326_592_000,
            }],
            tpm: Some(Tpm {
                present: true,
                version: Some("2.0".to_owned()),
            }),
            secure_boot: Some(true),
            encryption: vec![VolumeEncryption {
                volume: "C:".to_owned(),
                status: EncryptionStatus::On,
                method: Some("XTS-AES 128".to_owned()),
            }],
        };
        let text: Vec<String> = lines(&specs)
            .into_iter()
            .map(|s| format!("{}: {}", s.label, s.values.join("; ")))
            .collect();
        assert_eq!(
            text,
            [
                "Processor: Intel(R) Core(TM) i7-1185G7 @ 3.00GHz (4 cores, 8 logical processors)",
                "Installed RAM: 16.0 GB (15.7 GB usable)",
                "System type: 64-bit operating system, x64-based processor",
                "Device type: Laptop",
                "TPM: Present, version 2.0",
                "Secure Boot: On",
                "Storage: C: 476 GB, 188 GB free (NTFS)",
                "Device encryption: C: On, XTS-AES 128",
            ]
        );
        assert!(!encryption_needs_attention(&specs));
        let mut off = specs.clone();
        off.encryption[0].status = EncryptionStatus::Off;
        assert!(encryption_needs_attention(&off));
        assert!(lines(&Specs::default()).is_empty());
    }
}
