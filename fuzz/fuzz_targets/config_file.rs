//! The configuration file: any text is refused with a sentence or read into a configuration.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &[u8]| {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("portico.toml");
    std::fs::write(&path, text).expect("write");
    let none = Vec::<(String, String)>::new();
    if let Ok(sources) = portico::config::Sources::new(none, Some(&path)) {
        let _ = portico::config::Config::from_sources(&sources);
    }
});
