//! Embeds the migrations, splits the translations and links the binary compactly.

use std::fmt::Write as _;
use std::path::Path;

use fluent_bundle::{FluentBundle, FluentResource};
use fluent_syntax::ast;

fn main() {
    // Migrations are embedded by `sqlx::migrate!`; rebuild when one is added.
    println!("cargo:rerun-if-changed=../../migrations");
    println!("cargo:rerun-if-changed=../../locales");
    strings();
    // Relative relocations packed (DT_RELR: glibc ≥ 2.36, binutils ≥ 2.38, Debian 12 on): at
    // every start the loader reads a few KiB of them instead of 700 KiB of RELA entries, which
    // stayed in the resident set (bench/memory.sh). A system older than that needs this line
    // removed.
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}

/// Splits each language's `.ftl` files in two: the strings without variables (three quarters
/// of them) become a table in the binary's read-only data, written out here by Fluent itself,
/// and only the messages with variables, plurals or choices are left for Fluent to parse at
/// run time (`src/i18n/bundles.rs`). A parsed message costs the process hundreds of bytes;
/// a string in the table, none until it is read.
fn strings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../locales");
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR"));
    let mut code = String::new();
    for lang in ["en", "de", "fr"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(lang))
            .expect("locales")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
            .collect();
        files.sort();
        let mut fixed: Vec<(String, String)> = Vec::new();
        let mut dynamic = String::new();
        for file in &files {
            let source = std::fs::read_to_string(file).expect("ftl");
            let (plain, rest) = split(lang, &source, file);
            fixed.extend(plain);
            dynamic.push_str(&rest);
        }
        fixed.sort();
        // Fluent refuses a key given twice; so does the table (the parsed messages' twins are
        // the i18n tests' to find).
        if let Some(twice) = fixed.windows(2).find(|w| w[0].0 == w[1].0) {
            panic!("locales/{lang}: {} is given twice", twice[0].0);
        }
        // Pages read dozens of strings each: a perfect hash (phf's) finds one with a hash and
        // one comparison, where a search of the sorted keys took ten comparisons of keys that
        // mostly share their first letters.
        let keys: Vec<&str> = fixed.iter().map(|(key, _)| key.as_str()).collect();
        let hash = phf_generator::generate_hash(&keys);
        let mut text = String::new();
        let mut index = String::new();
        for &entry in &hash.map {
            let (key, value) = &fixed[entry];
            let start = text.len();
            text.push_str(key);
            let value_start = text.len();
            text.push_str(value);
            write!(index, "({start}, {value_start}, {}),", text.len()).expect("write");
        }
        let disps: String = hash
            .disps
            .iter()
            .map(|(d1, d2)| format!("({d1}, {d2}),"))
            .collect();
        let upper = lang.to_uppercase();
        writeln!(
            code,
            "pub(super) static {upper}: Table = Table {{ text: {text:?}, key: {}, disps: &[{disps}], index: &[{index}] }};",
            hash.key
        )
        .expect("write");
        std::fs::write(out.join(format!("{lang}.ftl")), dynamic).expect("write ftl");
    }
    std::fs::write(out.join("strings.rs"), code).expect("write strings.rs");
}

/// A file's messages without placeables, as Fluent writes them; and the file's other entries,
/// as they are in the file.
fn split(lang: &str, source: &str, file: &Path) -> (Vec<(String, String)>, String) {
    let resource = FluentResource::try_new(source.to_owned())
        .unwrap_or_else(|(_, errors)| panic!("{}: {errors:?}", file.display()));
    let messages = |r: &FluentResource| {
        r.entries()
            .filter(|e| matches!(e, ast::Entry::Message(_)))
            .count()
    };
    let in_file = messages(&resource);
    let mut bundle = FluentBundle::new(vec![lang.parse().expect("language")]);
    bundle.set_use_isolating(false);
    let mut plain_keys = std::collections::BTreeSet::new();
    for entry in resource.entries() {
        if let ast::Entry::Message(message) = entry
            && message.attributes.is_empty()
            && let Some(value) = &message.value
            && value
                .elements
                .iter()
                .all(|e| matches!(e, ast::PatternElement::TextElement { .. }))
        {
            plain_keys.insert(message.id.name.to_owned());
        }
    }
    if let Err(errors) = bundle.add_resource(resource) {
        panic!("{}: {errors:?}", file.display());
    }
    let plain = plain_keys
        .iter()
        .map(|key| {
            let pattern = bundle
                .get_message(key)
                .and_then(|m| m.value())
                .expect("a message");
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, None, &mut errors);
            assert!(errors.is_empty(), "{}: {key}: {errors:?}", file.display());
            (key.clone(), text.into_owned())
        })
        .collect();
    // The file's entries, line by line: an entry starts with its key at the line's start and
    // goes on until the next key or comment (a continuation is indented, or a select's `}`).
    let mut rest = String::new();
    let mut keep = false;
    for line in source.lines() {
        if line.starts_with(|c: char| c.is_ascii_alphabetic()) {
            let key = line.split('=').next().unwrap_or_default().trim();
            keep = !plain_keys.contains(key);
        } else if line.starts_with(['#', '-']) {
            keep = false;
        }
        if keep {
            rest.push_str(line);
            rest.push('\n');
        }
    }
    // What is left must be exactly the other messages.
    let left = FluentResource::try_new(rest.clone())
        .unwrap_or_else(|(_, errors)| panic!("{}: split badly: {errors:?}", file.display()));
    assert_eq!(
        messages(&left) + plain_keys.len(),
        in_file,
        "{}: split badly",
        file.display()
    );
    (plain, rest)
}
