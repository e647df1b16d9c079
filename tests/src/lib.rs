#![doc = include_str!("../README.md")]

pub mod accounts;
pub mod browser;
pub mod database;
pub mod forms;
pub mod gate;
pub mod load;
pub mod oidc;
pub mod passkey;
pub mod peers;
pub mod postgres;
pub mod process;
pub mod relying_party;
pub mod server;

use std::net::TcpListener;
use std::path::PathBuf;

/// reqwest is built with rustls and no default crypto provider (the server picks `ring`);
/// any client in the suite needs one installed first.
pub fn install_crypto_provider() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// The workspace's `target/` directory, derived from this test executable's location
/// (`target/<profile>/deps/<test>`), or `CARGO_TARGET_DIR`.
pub fn target_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(dir);
    }
    profile_dir()
        .parent()
        .map_or_else(|| PathBuf::from("target"), PathBuf::from)
}

/// `target/<profile>`, where cargo puts the `portico` binary.
pub fn profile_dir() -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent()?.parent().map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("target/debug"))
}

/// The repository root (where `tests/peers` lives).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), PathBuf::from)
}

/// A TCP port that was free a moment ago, for peers that cannot be told to use port 0.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("the loopback interface accepts a listener")
}

/// A temporary directory that the unprivileged `postgres` user can traverse, for tests
/// that run the embedded cluster while the suite runs as root.
pub fn shared_tempdir() -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::Builder::new()
        .prefix("portico-")
        .tempdir()
        .expect("a temporary directory");
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755))
        .expect("chmod the temporary directory");
    dir
}
