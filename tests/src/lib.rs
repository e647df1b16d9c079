#![doc = include_str!("../README.md")]

pub mod a11y;
pub mod accounts;
pub mod browser;
pub mod cluster;
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

/// A TCP port for peers that cannot be told to use port 0, reserved for this test process.
///
/// A port the kernel hands out for `bind(0)` is an ephemeral one, and the next outgoing
/// connection of any process (a database client, a browser) may take it before the peer
/// binds it; two test processes may also be handed the same one. So ports come from below
/// the ephemeral range, each claimed with a lock file that is held until this process exits.
pub fn free_port() -> u16 {
    use rand::Rng;
    use std::sync::Mutex;
    static HELD: Mutex<Vec<std::fs::File>> = Mutex::new(Vec::new());
    const RANGE: std::ops::Range<u16> = 20_000..32_000;

    let dir = std::env::temp_dir().join("portico-test-ports");
    if std::fs::create_dir(&dir).is_ok() {
        // Shared like /tmp itself, so root and normal users running the suite both use it.
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o1777));
    }
    let mut rng = rand::rng();
    for _ in 0..1_000 {
        let port = rng.random_range(RANGE);
        let Ok(file) = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(dir.join(port.to_string()))
        else {
            continue;
        };
        if file.try_lock().is_err() || TcpListener::bind(("127.0.0.1", port)).is_err() {
            continue;
        }
        HELD.lock().expect("port locks").push(file);
        return port;
    }
    panic!("no free port in {RANGE:?} after 1000 tries")
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
