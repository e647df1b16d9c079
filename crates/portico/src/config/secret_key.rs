//! The server secret: keys every HMAC (codes, tokens, fingerprints) later features derive.

use std::io::Write;
use std::path::Path;

use std::os::unix::fs::OpenOptionsExt;

use rand::TryRngCore;
use secrecy::{ExposeSecret, SecretSlice};

/// File, inside the data directory, holding the generated development key.
pub const FILE_NAME: &str = "secret.key";

const MIN_BYTES: usize = 32;

/// At least 32 bytes of key material, never printed.
#[derive(Clone)]
pub struct SecretKey(SecretSlice<u8>);

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretKey(<redacted>)")
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SecretKeyError {
    #[error("must be at least {MIN_BYTES} bytes long (e.g. `openssl rand -hex 32`)")]
    TooShort,
    #[error("cannot read or create {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

impl SecretKey {
    /// Accepts any string of at least 32 bytes; its bytes are the key material.
    pub fn parse(raw: &str) -> Result<Self, SecretKeyError> {
        let raw = raw.trim();
        if raw.len() < MIN_BYTES {
            return Err(SecretKeyError::TooShort);
        }
        Ok(Self(raw.as_bytes().to_vec().into()))
    }

    /// Reads the development key from the data directory, creating it (mode 0600) if absent.
    pub fn load_or_generate(data_dir: &Path) -> Result<Self, SecretKeyError> {
        let path = data_dir.join(FILE_NAME);
        let io = |source| SecretKeyError::Io {
            path: path.display().to_string(),
            source,
        };
        match std::fs::read_to_string(&path) {
            Ok(text) => return Self::parse(&text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io(e)),
        }
        std::fs::create_dir_all(data_dir).map_err(io)?;
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng
            .try_fill_bytes(&mut bytes)
            .map_err(|e| io(std::io::Error::other(e)))?;
        let text = hex::encode(bytes);
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path)
            .map_err(io)?;
        file.write_all(text.as_bytes()).map_err(io)?;
        Self::parse(&text)
    }

    pub fn expose(&self) -> &[u8] {
        self.0.expose_secret()
    }
}
