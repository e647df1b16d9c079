//! How both sides name an operating system, as Windows' Settings › System › About does:
//! "Windows 11 Pro, version 24H2 (OS build 26100.2605)"; a Linux distribution by its
//! `PRETTY_NAME`. The agent sends the parts ([`crate::report::DeviceFacts`]); the portal
//! and the agent's link request show them through [`label`].

/// The first build of Windows 11. Windows 11 still writes "Windows 10" in `ProductName`.
pub const WINDOWS_11_FIRST_BUILD: u32 = 22000;

fn build_number(build: Option<&str>) -> Option<u32> {
    build?.trim().split('.').next()?.parse().ok()
}

/// Whether a reported OS name is Windows (anything else is named as it reported itself).
pub fn is_windows(name: &str) -> bool {
    name.trim_start().starts_with("Windows")
}

/// `EditionID` as Windows' product names spell it.
fn edition_words(edition_id: &str) -> &str {
    match edition_id {
        "Core" => "Home",
        "CoreN" => "Home N",
        "CoreSingleLanguage" => "Home Single Language",
        "CoreCountrySpecific" => "Home China",
        "Professional" => "Pro",
        "ProfessionalN" => "Pro N",
        "ProfessionalWorkstation" => "Pro for Workstations",
        "ProfessionalWorkstationN" => "Pro for Workstations N",
        "ProfessionalEducation" => "Pro Education",
        "ProfessionalEducationN" => "Pro Education N",
        "EducationN" => "Education N",
        "EnterpriseN" => "Enterprise N",
        "EnterpriseS" => "Enterprise LTSC",
        "EnterpriseSN" => "Enterprise N LTSC",
        "IoTEnterpriseS" => "IoT Enterprise LTSC",
        "IoTEnterprise" => "IoT Enterprise",
        other => other,
    }
}

/// Windows' product name from `ProductName`, `EditionID` and the build: "Windows 10" is
/// corrected to "Windows 11" from build 22000; without `ProductName`, the edition names it.
pub fn windows_name(
    product_name: Option<&str>,
    edition_id: Option<&str>,
    build: Option<&str>,
) -> Option<String> {
    let eleven = build_number(build).is_some_and(|b| b >= WINDOWS_11_FIRST_BUILD);
    let name = match product_name.map(str::trim).filter(|n| !n.is_empty()) {
        Some(name) => name.to_owned(),
        None => {
            let edition = edition_words(edition_id?.trim());
            let family = match build_number(build) {
                Some(b) if b >= WINDOWS_11_FIRST_BUILD => "Windows 11",
                Some(b) if b >= 10240 => "Windows 10",
                _ => "Windows",
            };
            format!("{family} {edition}")
        }
    };
    Some(if eleven && !name.contains("Server") {
        name.replacen("Windows 10", "Windows 11", 1)
    } else {
        name
    })
}

/// The OS as a person reads it: Windows with its version and build, anything else by the
/// name it reported. `None` when nothing was reported.
pub fn label(name: Option<&str>, version: Option<&str>, build: Option<&str>) -> Option<String> {
    let name = name.map(str::trim).filter(|n| !n.is_empty())?;
    if !is_windows(name) {
        return Some(name.to_owned());
    }
    let mut text = windows_name(Some(name), None, build)?;
    if let Some(v) = version.map(str::trim).filter(|v| !v.is_empty()) {
        text.push_str(", version ");
        text.push_str(v);
    }
    if let Some(b) = build.map(str::trim).filter(|b| !b.is_empty()) {
        text.push_str(" (OS build ");
        text.push_str(b);
        text.push(')');
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_is_named_as_settings_names_it() {
        assert_eq!(
            label(Some("Windows 10 Pro"), Some("24H2"), Some("26100.2605")).as_deref(),
            Some("Windows 11 Pro, version 24H2 (OS build 26100.2605)"),
            "build 26100 is Windows 11 whatever ProductName says"
        );
        assert_eq!(
            label(Some("Windows 10 Home"), Some("22H2"), Some("19045.5131")).as_deref(),
            Some("Windows 10 Home, version 22H2 (OS build 19045.5131)")
        );
        assert_eq!(
            label(Some("Windows 10 Pro"), None, None).as_deref(),
            Some("Windows 10 Pro")
        );
        assert_eq!(
            label(
                Some("Windows Server 2025 Datacenter"),
                Some("24H2"),
                Some("26100.1")
            )
            .as_deref(),
            Some("Windows Server 2025 Datacenter, version 24H2 (OS build 26100.1)")
        );
        assert_eq!(label(Some("  "), Some("1"), None), None);
    }

    #[test]
    fn other_systems_keep_their_own_name() {
        let debian = "Debian GNU/Linux 12 (bookworm)";
        assert_eq!(
            label(Some(debian), Some("12"), None).as_deref(),
            Some(debian)
        );
        assert!(!is_windows(debian) && is_windows("Windows 11 Pro"));
    }

    #[test]
    fn without_a_product_name_the_edition_names_windows() {
        assert_eq!(
            windows_name(None, Some("Professional"), Some("26100.2605")).as_deref(),
            Some("Windows 11 Pro")
        );
        assert_eq!(
            windows_name(None, Some("Core"), Some("19045")).as_deref(),
            Some("Windows 10 Home")
        );
        assert_eq!(
            windows_name(None, Some("EnterpriseS"), None).as_deref(),
            Some("Windows Enterprise LTSC")
        );
        assert_eq!(windows_name(None, None, Some("26100")), None);
    }
}
