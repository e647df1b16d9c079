use portico_wire::report::Chassis;

use super::*;

use crate::test_files::write;

fn fake_statvfs(path: &Path) -> Option<(u64, u64)> {
    match path.file_name().and_then(|n| n.to_str()) {
        Some("home") => Some((1_000_000_000_000, 400_000_000_000)),
        _ => Some((500_000_000_000, 120_000_000_000)),
    }
}

#[test]
fn a_linux_pc_tells_its_specifications() {
    let dir = tempfile::tempdir().expect("dir");
    let root = dir.path();
    let cpu = "processor\t: 0\nmodel name\t: AMD Ryzen 7 PRO 7840U w/ Radeon 780M Graphics\nphysical id\t: 0\ncore id\t: 0\n\n\
               processor\t: 1\nmodel name\t: AMD Ryzen 7 PRO 7840U w/ Radeon 780M Graphics\nphysical id\t: 0\ncore id\t: 0\n\n\
               processor\t: 2\nphysical id\t: 0\ncore id\t: 1\n\nprocessor\t: 3\nphysical id\t: 0\ncore id\t: 1\n";
    write(root, "proc/cpuinfo", cpu.as_bytes());
    write(
        root,
        "proc/meminfo",
        b"MemTotal:       32564224 kB\nMemFree: 1 kB\n",
    );
    write(
        root,
        "sys/devices/system/memory/block_size_bytes",
        b"8000000\n",
    );
    for n in 0..256 {
        write(
            root,
            &format!("sys/devices/system/memory/memory{n}/online"),
            b"1\n",
        );
    }
    write(
        root,
        "proc/mounts",
        b"/dev/mapper/vg-root / ext4 rw 0 0\nproc /proc proc rw 0 0\n/dev/nvme0n1p1 /boot/efi vfat rw 0 0\n\
          /dev/nvme0n1p3 /home xfs rw 0 0\n/dev/loop0 /snap/core squashfs ro 0 0\n/dev/mapper/vg-root /var/lib/x ext4 rw 0 0\n",
    );
    // vg-root is LVM (dm-1) on a LUKS2 container (dm-0).
    write(root, "sys/block/dm-0/dm/name", b"luks-3f1c\n");
    write(
        root,
        "sys/block/dm-0/dm/uuid",
        b"CRYPT-LUKS2-3f1c6a0e9b2d4c7e-luks-3f1c\n",
    );
    write(root, "sys/block/dm-1/dm/name", b"vg-root\n");
    write(root, "sys/block/dm-1/dm/uuid", b"LVM-abc\n");
    write(root, "sys/block/dm-1/slaves/dm-0", b"");
    write(root, "sys/class/tpm/tpm0/tpm_version_major", b"2\n");
    write(root, SECURE_BOOT_VAR, &[0x06, 0, 0, 0, 1]);
    write(root, "sys/class/dmi/id/chassis_type", b"10\n");
    write(root, "sys/class/dmi/id/sys_vendor", b"LENOVO\n");

    let specs = Files {
        root: root.to_owned(),
        statvfs: fake_statvfs,
    }
    .specs();
    assert_eq!(
        specs.processor.as_deref(),
        Some("AMD Ryzen 7 PRO 7840U w/ Radeon 780M Graphics")
    );
    assert_eq!((specs.cores, specs.logical_processors), (Some(2), Some(4)));
    assert_eq!(specs.memory_usable_bytes, Some(32_564_224 * 1024));
    assert_eq!(specs.memory_installed_bytes, Some(32 * 1024 * 1024 * 1024));
    assert_eq!(specs.chassis, Some(Chassis::Laptop));
    let drives: Vec<(&str, u64)> = specs
        .drives
        .iter()
        .map(|d| (d.name.as_str(), d.size_bytes))
        .collect();
    assert_eq!(
        drives,
        [("/", 500_000_000_000), ("/home", 1_000_000_000_000)]
    );
    let volumes: Vec<(&str, EncryptionStatus, Option<&str>)> = specs
        .encryption
        .iter()
        .map(|v| (v.volume.as_str(), v.status, v.method.as_deref()))
        .collect();
    assert_eq!(
        volumes,
        [
            ("/", EncryptionStatus::On, Some("LUKS2")),
            ("/home", EncryptionStatus::Off, None)
        ]
    );
    assert_eq!(
        specs.tpm,
        Some(Tpm {
            present: true,
            version: Some("2.0".to_owned())
        })
    );
    assert_eq!(specs.secure_boot, Some(true));
}

#[test]
fn what_is_missing_stays_unknown() {
    let dir = tempfile::tempdir().expect("dir");
    let specs = Files {
        root: dir.path().to_owned(),
        statvfs: fake_statvfs,
    }
    .specs();
    assert_eq!(specs.processor, None);
    assert_eq!(specs.memory_installed_bytes, None);
    assert!(specs.drives.is_empty());
    assert_eq!((specs.tpm, specs.secure_boot), (None, None));
    // A firmware directory without EFI: a legacy BIOS, so no Secure Boot.
    std::fs::create_dir_all(dir.path().join("sys/firmware/acpi")).expect("dir");
    std::fs::create_dir_all(dir.path().join("sys/class")).expect("dir");
    let specs = Files {
        root: dir.path().to_owned(),
        statvfs: fake_statvfs,
    }
    .specs();
    assert_eq!(specs.secure_boot, Some(false));
    assert_eq!(
        specs.tpm,
        Some(Tpm {
            present: false,
            version: None
        })
    );
}
