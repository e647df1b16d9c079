//! Keys derived from the server secret, one per use, and the keyed hashes made with them.

use hmac::{Hmac, Mac};
use secrecy::{ExposeSecret, SecretSlice};
use sha2::{Sha256, Sha512};

use crate::config::SecretKey;

type HmacSha256 = Hmac<Sha256>;

/// What a derived key is for; the label keeps keys for different uses independent.
#[derive(Debug, Clone, Copy)]
pub enum KeyPurpose {
    ChallengeCode,
    CsrfSalt,
    AccountForm,
    /// The fingerprint that identifies a product key without keeping it.
    LicenseKey,
    /// Sealing secrets kept at rest (BitLocker recovery passwords), key version 1.
    SealV1,
    /// The account chooser's and consent page's forms, bound to a request and a session.
    AuthorizeForm,
    /// The `sid` an ID token carries for the account session it was issued in.
    OidcSession,
    /// A sign-in's offer to reopen the closing account it proved.
    Reopen,
}

impl KeyPurpose {
    fn label(self) -> &'static [u8] {
        match self {
            Self::ChallengeCode => b"portico/v1/challenge-code",
            Self::CsrfSalt => b"portico/v1/csrf",
            Self::AccountForm => b"portico/v1/account-form",
            Self::LicenseKey => b"portico/v1/license-key",
            Self::SealV1 => b"portico/v1/seal/1",
            Self::AuthorizeForm => b"portico/v1/authorize-form",
            Self::OidcSession => b"portico/v1/oidc-session",
            Self::Reopen => b"portico/v1/reopen",
        }
    }
}

/// The keys derived from one secret key.
#[derive(Clone)]
struct KeySet {
    id: KeyId,
    challenge_code: SecretSlice<u8>,
    csrf_salt: SecretSlice<u8>,
    account_form: SecretSlice<u8>,
    license_key: SecretSlice<u8>,
    seal_v1: SecretSlice<u8>,
    authorize_form: SecretSlice<u8>,
    oidc_session: SecretSlice<u8>,
    reopen: SecretSlice<u8>,
    /// 64 bytes, as the cookie crate's encryption and signing keys need.
    csrf_cookie: SecretSlice<u8>,
}

impl KeySet {
    fn derive(secret: &SecretKey) -> Self {
        let id = mac_of(secret.expose(), &[b"portico/v1/key-id"]).finalize();
        Self {
            id: KeyId(id.into_bytes()[..8].try_into().expect("8 of 32 bytes")),
            challenge_code: derive(secret.expose(), KeyPurpose::ChallengeCode),
            csrf_salt: derive(secret.expose(), KeyPurpose::CsrfSalt),
            account_form: derive(secret.expose(), KeyPurpose::AccountForm),
            license_key: derive(secret.expose(), KeyPurpose::LicenseKey),
            seal_v1: derive(secret.expose(), KeyPurpose::SealV1),
            authorize_form: derive(secret.expose(), KeyPurpose::AuthorizeForm),
            oidc_session: derive(secret.expose(), KeyPurpose::OidcSession),
            reopen: derive(secret.expose(), KeyPurpose::Reopen),
            csrf_cookie: derive_512(secret.expose(), b"portico/v1/csrf-cookie"),
        }
    }

    fn key(&self, purpose: KeyPurpose) -> &[u8] {
        match purpose {
            KeyPurpose::ChallengeCode => self.challenge_code.expose_secret(),
            KeyPurpose::CsrfSalt => self.csrf_salt.expose_secret(),
            KeyPurpose::AccountForm => self.account_form.expose_secret(),
            KeyPurpose::LicenseKey => self.license_key.expose_secret(),
            KeyPurpose::SealV1 => self.seal_v1.expose_secret(),
            KeyPurpose::AuthorizeForm => self.authorize_form.expose_secret(),
            KeyPurpose::OidcSession => self.oidc_session.expose_secret(),
            KeyPurpose::Reopen => self.reopen.expose_secret(),
        }
    }

    /// The sealing key of version `key_id`: a stored secret names the key that sealed it,
    /// so a new version can seal from some day on while the old one still opens.
    fn seal_key(&self, key_id: i16) -> Option<&[u8]> {
        match key_id {
            1 => Some(self.key(KeyPurpose::SealV1)),
            _ => None,
        }
    }

    fn open(&self, key_id: i16, bytes: &[u8], aad: &[u8]) -> Option<Vec<u8>> {
        use chacha20poly1305::aead::{Aead, KeyInit, Payload};
        let cipher =
            chacha20poly1305::XChaCha20Poly1305::new_from_slice(self.seal_key(key_id)?).ok()?;
        let (nonce, sealed) = bytes.split_at_checked(24)?;
        cipher
            .decrypt(nonce.into(), Payload { msg: sealed, aad })
            .ok()
    }
}

/// Names a secret key without telling anything about it (a keyed hash of it): what the
/// operator compares, and what rows keyed with it record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyId(pub [u8; 8]);

impl std::fmt::Display for KeyId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&hex::encode(self.0))
    }
}

/// Which of the configured secret keys opened or verified something.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Generation {
    Current,
    /// `PORTICO_SECRET_KEY_PREVIOUS`: what it made must be made again with the current key.
    Previous,
}

/// The keys Portico derives from `PORTICO_SECRET_KEY`, and from
/// `PORTICO_SECRET_KEY_PREVIOUS` while a rotation is under way: everything new is made with
/// the current key; what the previous one made still verifies and opens.
#[derive(Clone)]
pub struct Keys {
    current: KeySet,
    previous: Option<KeySet>,
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Keys(<redacted>)")
    }
}

impl Keys {
    pub fn derive(secret: &SecretKey) -> Self {
        Self {
            current: KeySet::derive(secret),
            previous: None,
        }
    }

    /// These keys, with what `previous` made still accepted (a rotation under way).
    #[must_use]
    pub fn with_previous(mut self, previous: Option<&SecretKey>) -> Self {
        self.previous = previous
            .map(KeySet::derive)
            .filter(|p| p.id != self.current.id);
        self
    }

    /// The current secret key's id, and the previous one's while a rotation is under way.
    pub fn ids(&self) -> (KeyId, Option<KeyId>) {
        (self.current.id, self.previous.as_ref().map(|p| p.id))
    }

    fn sets(&self) -> impl Iterator<Item = (Generation, &KeySet)> {
        std::iter::once((Generation::Current, &self.current))
            .chain(self.previous.iter().map(|p| (Generation::Previous, p)))
    }

    /// Seals `plaintext` for storage with XChaCha20-Poly1305 under today's key
    /// ([`SEAL_KEY_ID`]) of the current secret, bound to `context` (e.g. the device and
    /// protector it belongs to: a sealed value copied to another row does not open).
    /// Returns the random 24-byte nonce followed by the ciphertext and its tag.
    pub fn seal(&self, plaintext: &[u8], context: &[&[u8]]) -> Sealed {
        use chacha20poly1305::aead::{Aead, KeyInit, Payload};
        let key = self
            .current
            .seal_key(SEAL_KEY_ID)
            .expect("today's key exists");
        let cipher = chacha20poly1305::XChaCha20Poly1305::new_from_slice(key)
            .expect("a derived key is 32 bytes");
        let nonce: [u8; 24] = rand::random();
        let aad = context_bytes(context);
        let sealed = cipher
            .encrypt(
                (&nonce).into(),
                Payload {
                    msg: plaintext,
                    aad: &aad,
                },
            )
            .expect("encryption of a short secret cannot fail");
        let mut bytes = nonce.to_vec();
        bytes.extend(sealed);
        Sealed {
            key_id: SEAL_KEY_ID,
            bytes,
        }
    }

    /// Opens what [`Keys::seal`] sealed with the same `context`; `None` for an unknown key
    /// version, another context, or bytes changed in any way.
    pub fn open(&self, key_id: i16, bytes: &[u8], context: &[&[u8]]) -> Option<Vec<u8>> {
        self.open_aged(key_id, bytes, context)
            .map(|(plain, _)| plain)
    }

    /// As [`Keys::open`], saying which secret key sealed it (to seal it again when it was the
    /// previous one).
    pub fn open_aged(
        &self,
        key_id: i16,
        bytes: &[u8],
        context: &[&[u8]],
    ) -> Option<(Vec<u8>, Generation)> {
        let aad = context_bytes(context);
        self.sets()
            .find_map(|(generation, set)| Some((set.open(key_id, bytes, &aad)?, generation)))
    }

    /// The secret salt that keys CSRF form tokens to this installation.
    pub fn csrf_salt(&self) -> String {
        hex::encode(self.current.key(KeyPurpose::CsrfSalt))
    }

    /// The key that encrypts the CSRF cookie: the same on every instance and after every
    /// restart, so a form fetched from one instance can be posted to another.
    pub fn csrf_cookie_key(&self) -> cookie::Key {
        cookie::Key::from(self.current.csrf_cookie.expose_secret())
    }

    /// The previous secret's CSRF cookie key and salt, while a rotation is under way.
    pub fn previous_csrf(&self) -> Option<(cookie::Key, String)> {
        let p = self.previous.as_ref()?;
        Some((
            cookie::Key::from(p.csrf_cookie.expose_secret()),
            hex::encode(p.key(KeyPurpose::CsrfSalt)),
        ))
    }

    /// HMAC-SHA256 over the parts with the current secret, each part prefixed by its length
    /// so that parts cannot run into each other.
    pub fn mac(&self, purpose: KeyPurpose, parts: &[&[u8]]) -> [u8; 32] {
        mac_of(self.current.key(purpose), parts)
            .finalize()
            .into_bytes()
            .into()
    }

    /// The MAC of the parts under each configured secret, current first: for looking up
    /// what was stored keyed with either.
    pub fn macs(&self, purpose: KeyPurpose, parts: &[&[u8]]) -> Vec<([u8; 32], Generation)> {
        self.sets()
            .map(|(generation, set)| {
                let tag = mac_of(set.key(purpose), parts).finalize().into_bytes();
                (tag.into(), generation)
            })
            .collect()
    }

    /// Whether `tag` is the MAC of the parts under either configured secret, compared in
    /// constant time.
    pub fn verify_mac(&self, purpose: KeyPurpose, parts: &[&[u8]], tag: &[u8]) -> bool {
        self.sets()
            .any(|(_, set)| mac_of(set.key(purpose), parts).verify_slice(tag).is_ok())
    }
}

fn mac_of(key: &[u8], parts: &[&[u8]]) -> HmacSha256 {
    let mut mac = HmacSha256::new_from_slice(key).expect("HMAC takes keys of any length");
    for part in parts {
        mac.update(&(part.len() as u64).to_be_bytes());
        mac.update(part);
    }
    mac
}

/// The key version [`Keys::seal`] writes today.
pub const SEAL_KEY_ID: i16 = 1;

/// A sealed secret: the version of the key that sealed it, and nonce ‖ ciphertext ‖ tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sealed {
    pub key_id: i16,
    pub bytes: Vec<u8>,
}

/// The context parts as associated data, each prefixed by its length (as for MACs).
fn context_bytes(parts: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::new();
    for part in parts {
        out.extend((part.len() as u64).to_be_bytes());
        out.extend_from_slice(part);
    }
    out
}

/// HMAC-SHA256(secret, label): a one-step KDF, enough for a uniformly random secret.
fn derive(secret: &[u8], purpose: KeyPurpose) -> SecretSlice<u8> {
    let derived = mac_of(secret, &[purpose.label()]).finalize().into_bytes();
    derived.to_vec().into()
}

/// HMAC-SHA512(secret, label), for keys that must be 64 bytes long.
fn derive_512(secret: &[u8], label: &[u8]) -> SecretSlice<u8> {
    let mut mac = Hmac::<Sha512>::new_from_slice(secret).expect("HMAC takes keys of any length");
    mac.update(label);
    mac.finalize().into_bytes().to_vec().into()
}

#[cfg(test)]
mod tests;
