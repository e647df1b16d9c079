use portico_wire::report::Chassis;

use super::*;

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/specs-windows.json"
);

#[test]
fn a_powershell_export_gives_what_settings_shows() {
    let bytes = std::fs::read(FIXTURE).expect("fixture");
    let specs = parse_export(&bytes).expect("export").specs();
    assert_eq!(
        specs.processor.as_deref(),
        Some("11th Gen Intel(R) Core(TM) i7-1185G7 @ 3.00GHz")
    );
    assert_eq!((specs.cores, specs.logical_processors), (Some(4), Some(8)));
    assert_eq!(specs.memory_installed_bytes, Some(16 * 1024 * 1024 * 1024));
    assert_eq!(specs.memory_usable_bytes, Some(16_889_507_840));
    assert_eq!(
        specs.system_type.as_deref(),
        Some("64-bit operating system, x64-based processor")
    );
    assert_eq!(specs.chassis, Some(Chassis::Laptop));
    assert_eq!(specs.drives.len(), 2, "the USB stick is not a fixed drive");
    assert_eq!(specs.drives[0].name, "C:");
    assert_eq!(specs.drives[0].size_bytes, 511_101_108_224);
    assert_eq!(specs.drives[0].free_bytes, 201_326_592_000);
    assert_eq!(
        specs.tpm,
        Some(Tpm {
            present: true,
            version: Some("2.0".to_owned())
        })
    );
    assert_eq!(specs.secure_boot, Some(true));
    let volumes: Vec<(&str, EncryptionStatus, Option<&str>)> = specs
        .encryption
        .iter()
        .map(|v| (v.volume.as_str(), v.status, v.method.as_deref()))
        .collect();
    assert_eq!(
        volumes,
        [
            ("C:", EncryptionStatus::On, Some("XTS-AES 128")),
            ("D:", EncryptionStatus::Off, None)
        ]
    );
}

#[test]
fn utf16_single_objects_and_wmi_strings_read_alike() {
    let json = r#"{"Win32_Processor":{"Name":"AMD Ryzen 7 7840U","NumberOfCores":"8"},
        "Win32_ComputerSystem":{"Manufacturer":"QEMU","Model":"Standard PC","TotalPhysicalMemory":"8589934592"},
        "Win32_SystemEnclosure":{"ChassisTypes":1},
        "Win32_LogicalDisk":{"DeviceID":"C:","Size":"1000","FreeSpace":"10"},
        "Win32_Tpm":null}"#;
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(json.encode_utf16().flat_map(u16::to_le_bytes));
    let specs = parse_export(&utf16).expect("export").specs();
    assert_eq!(specs.cores, Some(8));
    assert_eq!(specs.memory_usable_bytes, Some(8_589_934_592));
    assert_eq!(specs.chassis, Some(Chassis::VirtualMachine));
    assert_eq!(specs.drives[0].free_bytes, 10);
    assert_eq!(
        specs.tpm,
        Some(Tpm {
            present: false,
            version: None
        }),
        "no Win32_Tpm: no TPM"
    );
    assert_eq!(specs.secure_boot, None, "not read");
    assert!(parse_export(b"[1,2]").is_err());
}

#[test]
fn bitlocker_states_are_named_as_manage_bde_names_them() {
    assert_eq!(encryption_status(Some(1), Some(1)), EncryptionStatus::On);
    assert_eq!(
        encryption_status(Some(0), Some(1)),
        EncryptionStatus::Suspended
    );
    assert_eq!(encryption_status(Some(0), Some(0)), EncryptionStatus::Off);
    assert_eq!(
        encryption_status(Some(0), Some(2)),
        EncryptionStatus::Encrypting
    );
    assert_eq!(
        encryption_status(Some(0), Some(4)),
        EncryptionStatus::Encrypting
    );
    assert_eq!(
        encryption_status(Some(1), Some(3)),
        EncryptionStatus::Decrypting
    );
    assert_eq!(encryption_status(Some(2), None), EncryptionStatus::Unknown);
    assert_eq!(encryption_method(Some(7)), Some("XTS-AES 256"));
    assert_eq!(encryption_method(Some(0)), None);
}
