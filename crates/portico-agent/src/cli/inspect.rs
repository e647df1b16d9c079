//! `inspect` and `reveal-key`: what this PC (or a set of export files) holds, read offline,
//! for the person at it.

use std::path::Path;

use super::{SourceArgs, collect_facts};

/// `inspect`: the report a linked agent would send, for a person to read (or as JSON).
pub(super) async fn inspect(
    sources: &SourceArgs,
    json: bool,
    path: &Path,
) -> anyhow::Result<String> {
    // The body a linked agent would send; unlinked, signals keyed by a throwaway key.
    let linked = crate::state::load(path).ok().flatten();
    let backup = linked.as_ref().is_some_and(|l| l.backup_recovery_keys);
    let sharing = linked.as_ref().map_or_else(
        crate::collect::Sharing::unlinked,
        crate::state::Linked::sharing,
    );
    let facts = collect_facts(sources, sharing).await?;
    let (install_id, key) = match linked {
        Some(mut l) => (l.install_id.clone(), l.signal_key().0),
        None => ("not-linked".to_owned(), rand::random::<[u8; 32]>().to_vec()),
    };
    let report = crate::report::build(&facts, &install_id, &key);
    if json {
        return Ok(serde_json::to_string_pretty(&report)?);
    }
    let mut out = Vec::new();
    out.push(format!("PC:          {}", report.device.name));
    if let Some(os) = facts.os_label() {
        out.push(format!("OS:          {os}"));
    }
    for (label, value) in [
        ("Edition:", &report.device.os_edition),
        ("Version:", &report.device.os_version),
        ("Build:", &report.device.os_build),
    ] {
        if let Some(v) = value {
            out.push(format!("{label:<12} {v}"));
        }
    }
    match &report.license {
        Some(l) => {
            out.push(format!(
                "License:     {:?}, key XXXXX-XXXXX-XXXXX-XXXXX-{} (from {}){}",
                l.channel,
                l.last5.as_deref().unwrap_or("?????"),
                l.source,
                if l.generic {
                    ", a generic key: not this PC's own"
                } else {
                    ""
                }
            ));
        }
        None => out.push("License:     no product key found".to_owned()),
    }
    if let Some(a) = &report.activation {
        out.push(format!(
            "Activation:  LicenseStatus {}{}{}",
            a.license_status,
            a.status_reason
                .as_deref()
                .map(|r| format!(", reason {r}"))
                .unwrap_or_default(),
            a.channel
                .as_deref()
                .map(|c| format!(", channel {c}"))
                .unwrap_or_default()
        ));
    }
    if let Some(specs) = &report.specs {
        out.extend(spec_lines(specs));
    }
    out.push(format!(
        "Hardware:    {} signal(s), each an HMAC keyed by this install",
        report.hardware_signals.len()
    ));
    if facts.key().is_some_and(|k| k.damaged) {
        out.push("Warning:     the key's blob failed its own check: it may be damaged".to_owned());
    }
    out.push(recovery_line(backup, sources).await);
    out.extend(facts.notes.iter().map(|n| format!("Note:        {n}")));
    out.push(
        "Sent:        the key's SHA-256 and last five characters only, never the key".to_owned(),
    );
    Ok(out.join("\n"))
}

/// Whether BitLocker's recovery keys go with the reports, and which (by ID, never the
/// password).
async fn recovery_line(backup: bool, sources: &SourceArgs) -> String {
    if !backup {
        return "Recovery:    BitLocker recovery keys not backed up (choose it for this PC on the portal)".to_owned();
    }
    let source = sources.sources().recovery();
    let read = tokio::task::spawn_blocking(move || source.recovery_passwords()).await;
    match read.map_err(anyhow::Error::from).and_then(|r| r) {
        Ok(Some(found)) if !found.is_empty() => {
            let ids: Vec<String> = found
                .iter()
                .map(|p| format!("{} {}", p.volume, p.id))
                .collect();
            format!(
                "Recovery:    {} BitLocker recovery key(s) sent with each report, as you chose: {}",
                found.len(),
                ids.join(", ")
            )
        }
        Ok(_) => "Recovery:    backing up BitLocker recovery keys, but this PC has none".to_owned(),
        Err(e) => format!("Recovery:    BitLocker recovery keys cannot be read now: {e:#}"),
    }
}

/// The specifications, one line each, as the report carries them.
fn spec_lines(specs: &portico_wire::report::Specs) -> Vec<String> {
    let gib = |b: u64| format!("{:.1} GB", b as f64 / f64::from(1u32 << 30));
    let mut out = Vec::new();
    if let Some(p) = &specs.processor {
        out.push(format!("Processor:   {p}"));
    }
    if let Some(m) = specs.memory_installed_bytes.or(specs.memory_usable_bytes) {
        out.push(format!("RAM:         {}", gib(m)));
    }
    for d in &specs.drives {
        out.push(format!(
            "Drive:       {} {} ({} free)",
            d.name,
            gib(d.size_bytes),
            gib(d.free_bytes)
        ));
    }
    if let Some(t) = &specs.tpm {
        out.push(format!(
            "TPM:         {}",
            match (&t.version, t.present) {
                (Some(v), true) => format!("version {v}"),
                (None, true) => "present".to_owned(),
                (_, false) => "not found".to_owned(),
            }
        ));
    }
    if let Some(on) = specs.secure_boot {
        out.push(format!("Secure Boot: {}", if on { "on" } else { "off" }));
    }
    for v in &specs.encryption {
        out.push(format!("Encryption:  {} {:?}", v.volume, v.status));
    }
    out
}

/// `reveal-key`: the whole product key, for the person at this PC only.
pub(super) async fn reveal_key(sources: &SourceArgs) -> anyhow::Result<String> {
    let facts = collect_facts(sources, crate::collect::Sharing::unlinked()).await?;
    match facts.key() {
        Some(found) => Ok(found.key.reveal().to_owned()),
        None => {
            let why = facts.notes.first().cloned().unwrap_or_else(|| {
                "No product key found: give --registry-export or --msdm (reading the firmware table needs root).".to_owned()
            });
            anyhow::bail!("{why}")
        }
    }
}
