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
}

impl KeyPurpose {
    fn label(self) -> &'static [u8] {
        match self {
            Self::ChallengeCode => b"portico/v1/challenge-code",
            Self::CsrfSalt => b"portico/v1/csrf",
            Self::AccountForm => b"portico/v1/account-form",
            Self::LicenseKey => b"portico/v1/license-key",
        }
    }
}

/// The keys Portico derives from `PORTICO_SECRET_KEY`.
#[derive(Clone)]
pub struct Keys {
    challenge_code: SecretSlice<u8>,
    csrf_salt: SecretSlice<u8>,
    account_form: SecretSlice<u8>,
    license_key: SecretSlice<u8>,
    /// 64 bytes, as the cookie crate's encryption and signing keys need.
    csrf_cookie: SecretSlice<u8>,
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Keys(<redacted>)")
    }
}

impl Keys {
    pub fn derive(secret: &SecretKey) -> Self {
        Self {
            challenge_code: derive(secret.expose(), KeyPurpose::ChallengeCode),
            csrf_salt: derive(secret.expose(), KeyPurpose::CsrfSalt),
            account_form: derive(secret.expose(), KeyPurpose::AccountForm),
            license_key: derive(secret.expose(), KeyPurpose::LicenseKey),
            csrf_cookie: derive_512(secret.expose(), b"portico/v1/csrf-cookie"),
        }
    }

    fn key(&self, purpose: KeyPurpose) -> &[u8] {
        match purpose {
            KeyPurpose::ChallengeCode => self.challenge_code.expose_secret(),
            KeyPurpose::CsrfSalt => self.csrf_salt.expose_secret(),
            KeyPurpose::AccountForm => self.account_form.expose_secret(),
            KeyPurpose::LicenseKey => self.license_key.expose_secret(),
        }
    }

    /// The secret salt that keys CSRF form tokens to this installation.
    pub fn csrf_salt(&self) -> String {
        hex::encode(self.key(KeyPurpose::CsrfSalt))
    }

    /// The key that encrypts the CSRF cookie: the same on every instance and after every
    /// restart, so a form fetched from one instance can be posted to another.
    pub fn csrf_cookie_key(&self) -> cookie::Key {
        cookie::Key::from(self.csrf_cookie.expose_secret())
    }

    /// HMAC-SHA256 over the parts, each prefixed by its length so that parts cannot run
    /// into each other.
    pub fn mac(&self, purpose: KeyPurpose, parts: &[&[u8]]) -> [u8; 32] {
        mac_of(self.key(purpose), parts)
            .finalize()
            .into_bytes()
            .into()
    }

    /// Whether `tag` is the MAC of the parts, compared in constant time.
    pub fn verify_mac(&self, purpose: KeyPurpose, parts: &[&[u8]], tag: &[u8]) -> bool {
        mac_of(self.key(purpose), parts).verify_slice(tag).is_ok()
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
mod tests {
    use super::*;

    fn keys(secret: &str) -> Keys {
        Keys::derive(&SecretKey::parse(secret).expect("key"))
    }

    #[test]
    fn macs_verify_and_depend_on_every_part_and_the_secret() {
        let k = keys("0123456789abcdef0123456789abcdef");
        let tag = k.mac(KeyPurpose::ChallengeCode, &[b"id", b"123456"]);
        assert!(k.verify_mac(KeyPurpose::ChallengeCode, &[b"id", b"123456"], &tag));
        assert!(!k.verify_mac(KeyPurpose::ChallengeCode, &[b"id", b"123457"], &tag));
        assert!(!k.verify_mac(KeyPurpose::ChallengeCode, &[b"id1", b"23456"], &tag));
        let other = keys("fedcba9876543210fedcba9876543210");
        assert!(!other.verify_mac(KeyPurpose::ChallengeCode, &[b"id", b"123456"], &tag));
    }

    #[test]
    fn the_csrf_cookie_key_depends_on_the_secret_alone() {
        let a = keys("0123456789abcdef0123456789abcdef").csrf_cookie_key();
        let again = keys("0123456789abcdef0123456789abcdef").csrf_cookie_key();
        let other = keys("fedcba9876543210fedcba9876543210").csrf_cookie_key();
        assert_eq!(a.master(), again.master());
        assert_ne!(a.master(), other.master());
    }
}
