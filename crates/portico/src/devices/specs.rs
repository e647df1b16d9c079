//! A PC's specifications in the words of Settings › System › About: sizes in GB as Windows
//! counts them (1 GB = 2^30 bytes), states as BitLocker names them.

use portico_wire::report::{Chassis, EncryptionStatus, Specs};

use crate::i18n::{t, t_with};

/// One line of the specifications: a label, and one value or several (a drive each).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spec {
    pub label: String,
    pub values: Vec<String>,
}

const GIB: f64 = 1024.0 * 1024.0 * 1024.0;

/// A size as Windows shows it: "15.7 GB", "476 GB", "1.82 TB"; "15,7 Go" in French.
pub fn size(bytes: u64) -> String {
    #[expect(clippy::cast_precision_loss, reason = "a size to three digits")]
    let gb = bytes as f64 / GIB;
    let (number, unit) = if gb >= 1024.0 {
        (format!("{:.2}", gb / 1024.0), "specs-tb")
    } else if gb >= 100.0 {
        (format!("{gb:.0}"), "specs-gb")
    } else {
        (format!("{gb:.1}"), "specs-gb")
    };
    let number = match crate::i18n::current() {
        crate::i18n::Lang::En => number,
        crate::i18n::Lang::De | crate::i18n::Lang::Fr => number.replace('.', ","),
    };
    t_with(unit, &[("size", number.into())])
}

pub fn chassis_label(chassis: Chassis) -> String {
    t(match chassis {
        Chassis::Laptop => "device-laptop",
        Chassis::Desktop => "device-desktop",
        Chassis::Tablet => "device-tablet",
        Chassis::Server => "device-server",
        Chassis::VirtualMachine => "device-vm",
        Chassis::Other => "device-pc",
    })
}

pub fn encryption_label(status: EncryptionStatus) -> String {
    t(match status {
        EncryptionStatus::On => "specs-on",
        EncryptionStatus::Off => "specs-off",
        EncryptionStatus::Suspended => "specs-suspended",
        EncryptionStatus::Encrypting => "specs-encrypting",
        EncryptionStatus::Decrypting => "specs-decrypting",
        EncryptionStatus::Unknown => "specs-unknown",
    })
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
                label: t(label),
                values: vec![value],
            });
        }
    };
    let counts = match (specs.cores, specs.logical_processors) {
        (Some(c), Some(l)) if c != l => format!(
            " ({})",
            t_with(
                "specs-cores-logical",
                &[("cores", c.into()), ("logical", l.into())]
            )
        ),
        (Some(c), _) => format!(" ({})", t_with("specs-cores", &[("cores", c.into())])),
        _ => String::new(),
    };
    one(
        "specs-processor",
        specs.processor.as_ref().map(|p| format!("{p}{counts}")),
    );
    let usable = |u| t_with("specs-usable", &[("size", size(u).into())]);
    one(
        "specs-ram",
        match (specs.memory_installed_bytes, specs.memory_usable_bytes) {
            (Some(i), Some(u)) if size(i) != size(u) => {
                Some(format!("{} ({})", size(i), usable(u)))
            }
            (Some(i), _) => Some(size(i)),
            (None, Some(u)) => Some(usable(u)),
            (None, None) => None,
        },
    );
    one("specs-system-type", specs.system_type.clone());
    one("specs-device-type", specs.chassis.map(chassis_label));
    one(
        "specs-tpm",
        specs
            .tpm
            .as_ref()
            .map(|tpm| match (&tpm.version, tpm.present) {
                (Some(v), true) => t_with("specs-tpm-version", &[("version", v.clone().into())]),
                (None, true) => t("specs-tpm-present"),
                (_, false) => t("specs-tpm-missing"),
            }),
    );
    one(
        "specs-secure-boot",
        specs
            .secure_boot
            .map(|on| t(if on { "specs-on" } else { "specs-off" })),
    );
    if !specs.drives.is_empty() {
        out.push(Spec {
            label: t("specs-storage"),
            values: specs
                .drives
                .iter()
                .map(|d| {
                    let fs = d
                        .filesystem
                        .as_ref()
                        .map(|f| format!(" ({f})"))
                        .unwrap_or_default();
                    let free = t_with(
                        "specs-free",
                        &[("size", size(d.free_bytes.min(d.size_bytes)).into())],
                    );
                    format!(
                        "{}: {}, {free}{fs}",
                        d.name.trim_end_matches(':'),
                        size(d.size_bytes),
                    )
                })
                .collect(),
        });
    }
    if !specs.encryption.is_empty() {
        out.push(Spec {
            label: t("specs-encryption"),
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
