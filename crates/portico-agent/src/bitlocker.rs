//! BitLocker's recovery-password protectors, read from `manage-bde -protectors -get C:`
//! output or a `Get-BitLockerVolume` JSON export (any OS; on Windows the same from WMI's
//! `Win32_EncryptableVolume.GetKeyProtectors` / `GetKeyProtectorNumericalPassword`).
//!
//! `manage-bde` words its output in the system's language, so it is read by shape, not by
//! word: a `Volume X:` line starts a volume, a `{GUID}` is a protector's ID, and a 48-digit
//! password that passes BitLocker's own check belongs to the ID before it.
//!
//! A recovery password is a secret: [`RecoveryPassword`] never prints itself.

use portico_wire::bitlocker::protector_id;
use portico_wire::report::RecoveryKey;
use serde::Deserialize;

/// A 48-digit recovery password, as eight groups of six digits.
#[derive(Clone, PartialEq, Eq)]
pub struct RecoveryPassword(String);

impl std::fmt::Debug for RecoveryPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RecoveryPassword(…)")
    }
}

impl RecoveryPassword {
    /// `123456-…` as BitLocker writes it (dashes optional), if it passes BitLocker's own
    /// check ([`portico_wire::bitlocker::recovery_password`]).
    pub fn parse(text: &str) -> Option<Self> {
        portico_wire::bitlocker::recovery_password(text).map(Self)
    }

    /// The password, for the report sent with the person's consent only.
    pub fn reveal(&self) -> &str {
        &self.0
    }
}

/// One recovery-password protector of a volume.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Protector {
    /// `C:`, or a mount point.
    pub volume: String,
    /// `{6F1C2D3E-…}`, upper case, as the recovery screen shows its first eight characters.
    pub id: String,
    pub password: RecoveryPassword,
}

impl Protector {
    /// As a report carries it.
    pub fn to_wire(&self) -> RecoveryKey {
        RecoveryKey {
            volume: self.volume.clone(),
            protector_id: self.id.clone(),
            recovery_password: self.password.reveal().to_owned(),
        }
    }
}

/// A file of either kind: a `Get-BitLockerVolume` JSON export, or `manage-bde` output (in
/// any language and encoding `manage-bde > file` writes).
pub fn parse_file(bytes: &[u8]) -> Result<Vec<Protector>, ExportError> {
    let text = crate::regfile::decode_text(bytes).map_err(|e| ExportError(e.to_string()))?;
    if text.trim_start().starts_with(['[', '{']) {
        parse_export(bytes)
    } else {
        Ok(parse_manage_bde(&text))
    }
}

/// `manage-bde -protectors -get` output (of one volume or of all).
pub fn parse_manage_bde(text: &str) -> Vec<Protector> {
    let mut out = Vec::new();
    let (mut volume, mut id): (Option<String>, Option<String>) = (None, None);
    for line in text.lines() {
        let line = line.trim();
        let words: Vec<&str> = line.split_whitespace().collect();
        // "Volume C: [Windows]" in any language: a drive letter as the second word.
        if words.len() >= 2
            && words[1].len() == 2
            && words[1].ends_with(':')
            && words[1].starts_with(|c: char| c.is_ascii_alphabetic())
            && !line.contains('{')
        {
            volume = Some(words[1].to_ascii_uppercase());
            id = None;
            continue;
        }
        if let Some(found) = words.iter().find_map(|w| protector_id(w)) {
            id = Some(found);
            continue;
        }
        if let (Some(v), Some(i), Some(password)) = (&volume, &id, RecoveryPassword::parse(line)) {
            out.push(Protector {
                volume: v.clone(),
                id: i.clone(),
                password,
            });
            id = None;
        }
    }
    out
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ExportedVolume {
    mount_point: Option<String>,
    #[serde(default, deserialize_with = "crate::specs::cim::one_or_many")]
    key_protector: Vec<ExportedProtector>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ExportedProtector {
    key_protector_id: Option<String>,
    /// `RecoveryPassword`, or its number (3) when PowerShell writes the enum's value.
    key_protector_type: Option<serde_json::Value>,
    recovery_password: Option<String>,
}

#[derive(Debug, thiserror::Error)]
#[error("not an export of Get-BitLockerVolume: {0}")]
pub struct ExportError(String);

/// `Get-BitLockerVolume | Select-Object MountPoint, KeyProtector | ConvertTo-Json -Depth 4`.
pub fn parse_export(bytes: &[u8]) -> Result<Vec<Protector>, ExportError> {
    let text = crate::regfile::decode_text(bytes).map_err(|e| ExportError(e.to_string()))?;
    #[derive(Deserialize)]
    struct Volumes(
        #[serde(deserialize_with = "crate::specs::cim::one_or_many")] Vec<ExportedVolume>,
    );
    let Volumes(volumes) =
        serde_json::from_str(text.trim()).map_err(|e| ExportError(e.to_string()))?;
    let recovery = |t: &Option<serde_json::Value>| match t {
        Some(serde_json::Value::String(s)) => s == "RecoveryPassword",
        Some(serde_json::Value::Number(n)) => n.as_u64() == Some(3),
        _ => false,
    };
    Ok(volumes
        .into_iter()
        .flat_map(|v| {
            let volume = v
                .mount_point
                .unwrap_or_default()
                .trim()
                .to_ascii_uppercase();
            v.key_protector.into_iter().filter_map(move |p| {
                if !recovery(&p.key_protector_type) {
                    return None;
                }
                Some(Protector {
                    volume: volume.clone(),
                    id: protector_id(p.key_protector_id.as_deref()?.trim())?,
                    password: RecoveryPassword::parse(p.recovery_password.as_deref()?)?,
                })
            })
        })
        .filter(|p| !p.volume.is_empty())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A made-up password that passes BitLocker's check (every group a multiple of 11).
    const PASSWORD: &str = "123453-234564-345675-456786-567897-679008-011011-000000";

    #[test]
    fn a_recovery_password_passes_bitlockers_own_check_and_never_prints() {
        let p = RecoveryPassword::parse(PASSWORD).expect("valid");
        assert_eq!(p.reveal(), PASSWORD);
        assert_eq!(
            RecoveryPassword::parse(&PASSWORD.replace('-', "")),
            Some(p.clone())
        );
        assert_eq!(format!("{p:?}"), "RecoveryPassword(…)");
        assert!(
            RecoveryPassword::parse("123456-234564-345675-456786-567897-679008-011011-000000")
                .is_none(),
            "123456 is no multiple of 11"
        );
        assert!(
            RecoveryPassword::parse("720907-234564-345675-456786-567897-679008-011011-000000")
                .is_none(),
            "above 11 × 65535"
        );
        assert!(RecoveryPassword::parse("12345-6").is_none());
    }

    #[test]
    fn manage_bde_output_is_read_by_shape_in_any_language() {
        let english = format!(
            "BitLocker Drive Encryption: Configuration Tool version 10.0.22621\n\
             Copyright (C) 2013 Microsoft Corporation. All rights reserved.\n\n\
             Volume C: [Windows]\nAll Key Protectors\n\n    TPM:\n      ID: {{A1B2C3D4-0000-4000-8000-00000000000A}}\n      PCR Validation Profile:\n        7, 11\n\n\
             \x20   Numerical Password:\n      ID: {{6f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f}}\n      Password:\n        {PASSWORD}\n"
        );
        let found = parse_manage_bde(&english);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].volume, "C:");
        assert_eq!(found[0].id, "{6F1C2D3E-4B5A-4C6D-8E9F-0A1B2C3D4E5F}");
        assert_eq!(found[0].password.reveal(), PASSWORD);
        let german = format!(
            "Volume D: [Daten]\nAlle Schlüsselschutzvorrichtungen\n\n    Numerisches Kennwort:\n      ID: {{11111111-2222-3333-4444-555555555555}}\n      Kennwort:\n        {PASSWORD}\n"
        );
        let found = parse_manage_bde(&german);
        assert_eq!(
            (found[0].volume.as_str(), found[0].id.as_str()),
            ("D:", "{11111111-2222-3333-4444-555555555555}")
        );
        assert!(
            parse_manage_bde(
                "Volume C: [Windows]\n    TPM:\n      ID: {A1B2C3D4-0000-4000-8000-00000000000A}\n"
            )
            .is_empty()
        );
    }

    #[test]
    fn a_get_bitlockervolume_export_gives_the_recovery_passwords_only() {
        let json = format!(
            r#"[{{"MountPoint":"C:","KeyProtector":[
                {{"KeyProtectorId":"{{A1B2C3D4-0000-4000-8000-00000000000A}}","KeyProtectorType":1,"RecoveryPassword":""}},
                {{"KeyProtectorId":"{{6F1C2D3E-4B5A-4C6D-8E9F-0A1B2C3D4E5F}}","KeyProtectorType":3,"RecoveryPassword":"{PASSWORD}"}}]}},
              {{"MountPoint":"E:","KeyProtector":{{"KeyProtectorId":"{{11111111-2222-3333-4444-555555555555}}","KeyProtectorType":"RecoveryPassword","RecoveryPassword":"{PASSWORD}"}}}}]"#
        );
        let found = parse_export(json.as_bytes()).expect("export");
        let ids: Vec<(&str, &str)> = found
            .iter()
            .map(|p| (p.volume.as_str(), p.id.as_str()))
            .collect();
        assert_eq!(
            ids,
            [
                ("C:", "{6F1C2D3E-4B5A-4C6D-8E9F-0A1B2C3D4E5F}"),
                ("E:", "{11111111-2222-3333-4444-555555555555}")
            ]
        );
        assert!(parse_export(b"42").is_err());
        // Either kind of file, told apart by its first character.
        assert_eq!(parse_file(json.as_bytes()).expect("json"), found);
        let text = format!(
            "Volume E: [USB]\n  Numerical Password:\n    ID: {{11111111-2222-3333-4444-555555555555}}\n    Password:\n      {PASSWORD}\n"
        );
        let from_text = parse_file(text.as_bytes()).expect("text");
        assert_eq!(from_text, found[1..]);
        assert_eq!(from_text[0].to_wire().recovery_password, PASSWORD);
    }
}
