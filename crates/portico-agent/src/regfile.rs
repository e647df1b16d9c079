//! A registry export (`reg export "HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion" cv.reg`):
//! UTF-16LE with a BOM as reg.exe writes it, or UTF-8; `hex:` values may run over several
//! lines ending in `\`. Only the values of the first key section are read.

use std::collections::BTreeMap;

/// One registry value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    String(String),
    Dword(u32),
    Binary(Vec<u8>),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RegError {
    #[error("not a registry export: {0}")]
    NotAnExport(&'static str),
}

/// The file's text, whichever encoding reg.exe or an editor left it in.
pub fn decode_text(bytes: &[u8]) -> Result<String, RegError> {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        return String::from_utf16(&units).map_err(|_| RegError::NotAnExport("bad UTF-16"));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    String::from_utf8(bytes.to_vec()).map_err(|_| RegError::NotAnExport("neither UTF-16 nor UTF-8"))
}

/// The values of the export's first key section, by name.
pub fn parse(bytes: &[u8]) -> Result<BTreeMap<String, Value>, RegError> {
    let text = decode_text(bytes)?;
    let mut lines = text.lines().map(str::trim_end);
    let header = lines
        .next()
        .unwrap_or_default()
        .trim_start_matches('\u{feff}');
    if !header.starts_with("Windows Registry Editor") && !header.starts_with("REGEDIT4") {
        return Err(RegError::NotAnExport("no header line"));
    }
    // Join continued lines first.
    let mut logical: Vec<String> = Vec::new();
    let mut pending = String::new();
    for line in lines {
        let piece = if pending.is_empty() {
            line
        } else {
            line.trim_start()
        };
        if let Some(head) = piece.strip_suffix('\\') {
            pending.push_str(head);
            continue;
        }
        pending.push_str(piece);
        logical.push(std::mem::take(&mut pending));
    }
    let mut values = BTreeMap::new();
    let mut sections = 0;
    for line in logical {
        if line.starts_with('[') {
            sections += 1;
            if sections > 1 {
                break;
            }
            continue;
        }
        let Some(rest) = line.strip_prefix('"') else {
            continue;
        };
        let Some((name, data)) = rest.split_once("\"=") else {
            continue;
        };
        if let Some(v) = value(data) {
            values.insert(name.replace("\\\\", "\\"), v);
        }
    }
    if sections == 0 {
        return Err(RegError::NotAnExport("no key section"));
    }
    Ok(values)
}

fn value(data: &str) -> Option<Value> {
    if let Some(s) = data.strip_prefix('"') {
        let s = s.strip_suffix('"')?;
        return Some(Value::String(s.replace("\\\"", "\"").replace("\\\\", "\\")));
    }
    if let Some(d) = data.strip_prefix("dword:") {
        return u32::from_str_radix(d.trim(), 16).ok().map(Value::Dword);
    }
    if let Some(h) = data.strip_prefix("hex:") {
        let bytes: Option<Vec<u8>> = h
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| u8::from_str_radix(p, 16).ok())
            .collect();
        return bytes.map(Value::Binary);
    }
    None
}

/// The string value `name`, if it is one.
pub fn string<'a>(values: &'a BTreeMap<String, Value>, name: &str) -> Option<&'a str> {
    match values.get(name)? {
        Value::String(s) => Some(s),
        _ => None,
    }
}

/// The binary value `name`, if it is one.
pub fn binary<'a>(values: &'a BTreeMap<String, Value>, name: &str) -> Option<&'a [u8]> {
    match values.get(name)? {
        Value::Binary(b) => Some(b),
        _ => None,
    }
}

/// The DWORD value `name`, if it is one.
pub fn dword(values: &BTreeMap<String, Value>, name: &str) -> Option<u32> {
    match values.get(name)? {
        Value::Dword(d) => Some(*d),
        _ => None,
    }
}

/// How the registry API types a value's raw bytes (the kinds `CurrentVersion` uses).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RawKind {
    /// `REG_SZ` or `REG_EXPAND_SZ`: UTF-16LE, usually ending in a NUL.
    String,
    /// `REG_DWORD`: four bytes, little-endian.
    Dword,
    /// `REG_BINARY`.
    Binary,
}

/// A value from the registry API's raw bytes, when they are what their kind says.
pub fn from_raw(kind: RawKind, bytes: &[u8]) -> Option<Value> {
    match kind {
        RawKind::String => {
            let units: Vec<u16> = bytes
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .take_while(|u| *u != 0)
                .collect();
            String::from_utf16(&units).ok().map(Value::String)
        }
        RawKind::Dword => Some(Value::Dword(u32::from_le_bytes(bytes.try_into().ok()?))),
        RawKind::Binary => Some(Value::Binary(bytes.to_vec())),
    }
}

#[cfg(test)]
mod raw_tests {
    use super::*;

    #[test]
    fn raw_registry_values_decode_as_their_kind_says() {
        let sz: Vec<u8> = "Windows 10 Pro\0"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(
            from_raw(RawKind::String, &sz),
            Some(Value::String("Windows 10 Pro".to_owned()))
        );
        assert_eq!(
            from_raw(RawKind::Dword, &2605u32.to_le_bytes()),
            Some(Value::Dword(2605))
        );
        assert_eq!(from_raw(RawKind::Dword, &[1, 2, 3]), None);
        assert_eq!(
            from_raw(RawKind::String, &[0x00, 0xD8, 0x41, 0x00]),
            None,
            "a lone surrogate"
        );
        assert_eq!(
            from_raw(RawKind::Binary, &[1, 2]),
            Some(Value::Binary(vec![1, 2]))
        );
    }
}
