//! The PC's specifications, as Settings › System › About and the Microsoft account's
//! device page show them: processor, RAM, system type, drives, TPM, Secure Boot and
//! encryption per volume. [`cim`] decodes Windows' WMI classes (queried on Windows, or from
//! a PowerShell export on any OS); [`linux`] reads a Linux PC's `/proc` and `/sys`.

pub mod cim;
pub mod linux;

use portico_wire::report::Chassis;

/// What kind of PC SMBIOS' chassis types (`Win32_SystemEnclosure.ChassisTypes`,
/// `/sys/class/dmi/id/chassis_type`) name; a virtual machine whatever its firmware says.
pub fn chassis(types: &[u16], virtual_machine: bool) -> Option<Chassis> {
    if virtual_machine {
        return Some(Chassis::VirtualMachine);
    }
    types.iter().find_map(|t| match t {
        8 | 9 | 10 | 14 | 31 | 32 => Some(Chassis::Laptop),
        11 | 30 => Some(Chassis::Tablet),
        3..=7 | 13 | 15 | 16 | 24 | 35 | 36 => Some(Chassis::Desktop),
        17 | 23 | 25 | 28 | 29 => Some(Chassis::Server),
        _ => None,
    })
}

/// Whether the firmware's maker and model name a hypervisor (both Windows' WMI and Linux'
/// DMI report them).
pub fn is_virtual_machine(manufacturer: Option<&str>, model: Option<&str>) -> bool {
    let text = format!(
        "{} {}",
        manufacturer.unwrap_or_default(),
        model.unwrap_or_default()
    )
    .to_ascii_lowercase();
    [
        "qemu",
        "kvm",
        "vmware",
        "virtualbox",
        "innotek",
        "xen",
        "parallels",
        "bochs",
        "virtual machine",
        "google compute engine",
        "amazon ec2",
    ]
    .iter()
    .any(|needle| text.contains(needle))
}

/// "64-bit operating system, x64-based processor", as Settings words the system type.
pub fn system_type(os_bits: Option<&str>, processor: Option<&str>) -> Option<String> {
    let processor = processor?.trim();
    let processor = processor.strip_suffix(" PC").unwrap_or(processor);
    let processor = match processor {
        "x86_64" | "amd64" | "x64-based" => "x64-based",
        "aarch64" | "arm64" | "ARM64-based" => "ARM-based",
        "x86" | "i686" | "X86-based" => "x86-based",
        other => other,
    };
    Some(match os_bits.map(str::trim).filter(|b| !b.is_empty()) {
        Some(bits) => format!("{bits} operating system, {processor} processor"),
        None => format!("{processor} processor"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chassis_types_name_the_kind_of_pc() {
        assert_eq!(chassis(&[10], false), Some(Chassis::Laptop));
        assert_eq!(chassis(&[31], false), Some(Chassis::Laptop), "convertible");
        assert_eq!(chassis(&[3], false), Some(Chassis::Desktop));
        assert_eq!(chassis(&[30], false), Some(Chassis::Tablet));
        assert_eq!(chassis(&[23], false), Some(Chassis::Server));
        assert_eq!(
            chassis(&[1, 9], false),
            Some(Chassis::Laptop),
            "Other, then Laptop"
        );
        assert_eq!(chassis(&[3], true), Some(Chassis::VirtualMachine));
        assert_eq!(chassis(&[2], false), None, "Unknown");
        assert!(is_virtual_machine(
            Some("QEMU"),
            Some("Standard PC (Q35 + ICH9, 2009)")
        ));
        assert!(is_virtual_machine(
            Some("Microsoft Corporation"),
            Some("Virtual Machine")
        ));
        assert!(!is_virtual_machine(
            Some("Microsoft Corporation"),
            Some("Surface Laptop 5")
        ));
    }

    #[test]
    fn the_system_type_reads_as_settings_words_it() {
        assert_eq!(
            system_type(Some("64-bit"), Some("x64-based PC")).as_deref(),
            Some("64-bit operating system, x64-based processor")
        );
        assert_eq!(
            system_type(Some("64-bit"), Some("aarch64")).as_deref(),
            Some("64-bit operating system, ARM-based processor")
        );
        assert_eq!(system_type(Some("64-bit"), None), None);
    }
}
