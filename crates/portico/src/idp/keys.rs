//! ID token signing keys: generated here, kept in PostgreSQL (the private part sealed with a
//! key derived from the secret key) and shared by every instance, which all sign with the
//! key whose window holds the present. A key is published for a week before it signs (so
//! apps that cache the key set know it in time) and stays published until every token it
//! signed has expired.

use std::sync::{Arc, Mutex};

use openidconnect::core::{
    CoreJsonCurveType, CoreJsonWebKey, CoreJwsSigningAlgorithm, CoreRsaPrivateSigningKey,
};
use openidconnect::{JsonWebKeyId, PrivateSigningKey, SigningError};
use p256::ecdsa::SigningKey;
use p256::ecdsa::signature::Signer;
use sqlx::PgPool;
use time::{Duration, OffsetDateTime};

use super::config::Alg;
use super::rules::ID_TOKEN_LIFETIME;
use super::store::{self, KeyRow};
use crate::crypto::Keys;

/// A key signs for this long.
pub const SIGNING_PERIOD: Duration = Duration::days(30);
/// The next key is published this long before it starts signing.
pub const PUBLISHED_AHEAD: Duration = Duration::days(7);
/// Instances read the keys again at least this often.
const RELOAD_EVERY: Duration = Duration::minutes(5);

/// An ES256 private key, for the `openidconnect` crate's ID token signing (which has RSA,
/// EdDSA and HMAC keys of its own, but no ECDSA one).
pub struct Es256Key {
    key: SigningKey,
    kid: JsonWebKeyId,
}

impl std::fmt::Debug for Es256Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Es256Key({})", self.kid.as_str())
    }
}

impl Es256Key {
    /// A new random key named `kid`.
    pub fn generate(kid: &str) -> Self {
        loop {
            let bytes: [u8; 32] = rand::random();
            // Fails only for zero or values past the group order: about 2^-32 of them.
            if let Ok(key) = SigningKey::from_slice(&bytes) {
                return Self {
                    key,
                    kid: JsonWebKeyId::new(kid.to_owned()),
                };
            }
        }
    }

    fn from_bytes(kid: &str, bytes: &[u8]) -> Option<Self> {
        Some(Self {
            key: SigningKey::from_slice(bytes).ok()?,
            kid: JsonWebKeyId::new(kid.to_owned()),
        })
    }

    /// The private scalar, for sealing.
    pub fn secret_bytes(&self) -> Vec<u8> {
        self.key.to_bytes().to_vec()
    }
}

impl PrivateSigningKey for Es256Key {
    type VerificationKey = CoreJsonWebKey;

    fn sign(&self, alg: &CoreJwsSigningAlgorithm, message: &[u8]) -> Result<Vec<u8>, SigningError> {
        match alg {
            CoreJwsSigningAlgorithm::EcdsaP256Sha256 => {
                let signature: p256::ecdsa::Signature = self.key.sign(message);
                Ok(signature.to_bytes().to_vec())
            }
            other => Err(SigningError::UnsupportedAlg(format!("{other:?}"))),
        }
    }

    fn as_verification_key(&self) -> CoreJsonWebKey {
        let point = self.key.verifying_key().to_sec1_point(false);
        CoreJsonWebKey::new_ec(
            point.x().map(|x| x.to_vec()).unwrap_or_default(),
            point.y().map(|y| y.to_vec()).unwrap_or_default(),
            CoreJsonCurveType::P256,
            Some(self.kid.clone()),
        )
    }
}

/// A key that may sign now.
#[derive(Debug)]
pub struct SigningKeyNow {
    pub kid: String,
    pub key: Es256Key,
}

/// The RS256 key that may sign now, for clients that ask for RS256.
pub struct RsaKeyNow {
    pub kid: String,
    pub key: CoreRsaPrivateSigningKey,
}

impl std::fmt::Debug for RsaKeyNow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "RsaKeyNow({})", self.kid)
    }
}

/// The keys as an instance last read them.
pub struct KeySet {
    /// Every published key, as JWKS lists them.
    pub published: Vec<CoreJsonWebKey>,
    /// The ES256 key whose window holds the present.
    pub es256: Option<SigningKeyNow>,
    /// The RS256 one, once some client asks for RS256.
    pub rs256: Option<RsaKeyNow>,
    /// When this set must be read again (a window opens or closes, or [`RELOAD_EVERY`]).
    fresh_until: OffsetDateTime,
}

impl std::fmt::Debug for KeySet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeySet")
            .field("published", &self.published.len())
            .field("fresh_until", &self.fresh_until)
            .finish_non_exhaustive()
    }
}

/// This instance's copy of the keys.
#[derive(Debug, Default)]
pub struct KeyCache(Mutex<Option<Arc<KeySet>>>);

impl KeyCache {
    /// The keys for `now`, read again (and rotated, if due) when the copy is stale.
    pub async fn get(
        &self,
        db: &PgPool,
        keys: &Keys,
        now: OffsetDateTime,
    ) -> Result<Arc<KeySet>, KeyError> {
        self.get_for(db, keys, now, Alg::Es256).await
    }

    /// As [`KeyCache::get`], read again at once if no key of `alg` signs in this copy (a
    /// client asking for RS256 was just added).
    pub async fn get_for(
        &self,
        db: &PgPool,
        keys: &Keys,
        now: OffsetDateTime,
        alg: Alg,
    ) -> Result<Arc<KeySet>, KeyError> {
        if let Some(set) = self.0.lock().ok().and_then(|s| s.clone())
            && set.fresh_until > now
            && (alg == Alg::Es256 || set.rs256.is_some())
        {
            return Ok(set);
        }
        let set = Arc::new(load(db, keys, now).await?);
        if let Ok(mut slot) = self.0.lock() {
            *slot = Some(set.clone());
        }
        Ok(set)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("{0}")]
    Database(#[from] sqlx::Error),
    /// A key sealed with another secret key (or altered) cannot be opened.
    #[error("signing key {0} cannot be opened with this secret key")]
    Sealed(String),
    #[error("cannot make an RSA key: {0}")]
    Rsa(String),
}

/// Reads the published keys, first creating the current and next ones if they are missing
/// (under a lock, so that instances starting together create one each, not one apiece).
async fn load(db: &PgPool, keys: &Keys, now: OffsetDateTime) -> Result<KeySet, KeyError> {
    let mut tx = db.begin().await?;
    store::lock_keys(&mut tx).await?;
    let mut rows = store::published_keys(&mut tx, now).await?;
    let mut algs = vec![Alg::Es256];
    if store::some_client_uses(&mut *tx, Alg::Rs256.as_str()).await? {
        algs.push(Alg::Rs256);
    }
    let due: Vec<(Alg, OffsetDateTime, String)> = algs
        .into_iter()
        .flat_map(|alg| {
            due_keys(&rows, alg, now)
                .into_iter()
                .map(move |(from, kid)| (alg, from, kid))
        })
        .collect();
    for (alg, signs_from, kid) in due {
        let (secret, public) = generate(alg, &kid).await?;
        let sealed = keys.seal(&secret, &seal_context(&kid));
        let jwk = serde_json::to_value(public).map_err(|e| KeyError::Sealed(e.to_string()))?;
        let row = KeyRow {
            kid,
            alg: alg.as_str().to_owned(),
            public_jwk: jwk,
            private_key: sealed.bytes,
            seal_key_id: sealed.key_id,
            signs_from,
            signs_until: signs_from + SIGNING_PERIOD,
            published_until: signs_from + SIGNING_PERIOD + ID_TOKEN_LIFETIME,
        };
        store::insert_key(&mut tx, &row, now).await?;
        rows.push(row);
    }
    tx.commit().await?;
    key_set(rows, keys, now)
}

/// A new key of `alg`: its private part as stored (sealed) and its public JWK. RSA keys
/// take a while to make, so off the async threads.
async fn generate(alg: Alg, kid: &str) -> Result<(Vec<u8>, CoreJsonWebKey), KeyError> {
    match alg {
        Alg::Es256 => {
            let key = Es256Key::generate(kid);
            Ok((key.secret_bytes(), key.as_verification_key()))
        }
        Alg::Rs256 => {
            let kid = kid.to_owned();
            tokio::task::spawn_blocking(move || {
                use rsa::pkcs1::EncodeRsaPrivateKey;
                let key = rsa::RsaPrivateKey::new(&mut rsa::rand_core::OsRng, 2048)
                    .map_err(|e| KeyError::Rsa(e.to_string()))?;
                let pem = key
                    .to_pkcs1_pem(rsa::pkcs1::LineEnding::LF)
                    .map_err(|e| KeyError::Rsa(e.to_string()))?;
                let signing =
                    CoreRsaPrivateSigningKey::from_pem(&pem, Some(JsonWebKeyId::new(kid)))
                        .map_err(KeyError::Rsa)?;
                Ok((pem.as_bytes().to_vec(), signing.as_verification_key()))
            })
            .await
            .map_err(|e| KeyError::Rsa(e.to_string()))?
        }
    }
}

/// The keys of `alg` to create now: the current one if none signs, and the next one once
/// the current one is within [`PUBLISHED_AHEAD`] of its end. Each as (signs_from, kid).
fn due_keys(rows: &[KeyRow], alg: Alg, now: OffsetDateTime) -> Vec<(OffsetDateTime, String)> {
    let es256: Vec<&KeyRow> = rows.iter().filter(|r| r.alg == alg.as_str()).collect();
    let current_end = es256
        .iter()
        .filter(|r| r.signs_from <= now && now < r.signs_until)
        .map(|r| r.signs_until)
        .max();
    let mut due = Vec::new();
    let current_end = current_end.unwrap_or_else(|| {
        due.push((now, new_kid()));
        now + SIGNING_PERIOD
    });
    let next_exists = es256.iter().any(|r| r.signs_from >= current_end);
    if !next_exists && current_end - now <= PUBLISHED_AHEAD {
        due.push((current_end, new_kid()));
    }
    due
}

fn new_kid() -> String {
    use base64::Engine;
    let bytes: [u8; 12] = rand::random();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

fn key_set(rows: Vec<KeyRow>, keys: &Keys, now: OffsetDateTime) -> Result<KeySet, KeyError> {
    let mut fresh_until = now + RELOAD_EVERY;
    let mut published = Vec::new();
    let mut es256 = None;
    let mut rs256 = None;
    for row in rows {
        for boundary in [row.signs_from, row.signs_until, row.published_until] {
            if boundary > now && boundary < fresh_until {
                fresh_until = boundary;
            }
        }
        if let Ok(jwk) = serde_json::from_value::<CoreJsonWebKey>(row.public_jwk.clone()) {
            published.push(jwk);
        }
        let signs_now = row.signs_from <= now && now < row.signs_until;
        if signs_now && row.alg == "ES256" {
            let bytes = keys
                .open(row.seal_key_id, &row.private_key, &seal_context(&row.kid))
                .ok_or_else(|| KeyError::Sealed(row.kid.clone()))?;
            let key = Es256Key::from_bytes(&row.kid, &bytes)
                .ok_or_else(|| KeyError::Sealed(row.kid.clone()))?;
            es256 = Some(SigningKeyNow { kid: row.kid, key });
        } else if signs_now && row.alg == "RS256" {
            let bytes = keys
                .open(row.seal_key_id, &row.private_key, &seal_context(&row.kid))
                .ok_or_else(|| KeyError::Sealed(row.kid.clone()))?;
            let pem = String::from_utf8(bytes).map_err(|_| KeyError::Sealed(row.kid.clone()))?;
            let key =
                CoreRsaPrivateSigningKey::from_pem(&pem, Some(JsonWebKeyId::new(row.kid.clone())))
                    .map_err(|_| KeyError::Sealed(row.kid.clone()))?;
            rs256 = Some(RsaKeyNow { kid: row.kid, key });
        }
    }
    Ok(KeySet {
        published,
        es256,
        rs256,
        fresh_until,
    })
}

/// What a signing key's sealed private part is bound to: its kid (a sealed key copied to
/// another row does not open).
pub fn seal_context(kid: &str) -> [&[u8]; 2] {
    [b"oidc-signing-key", kid.as_bytes()]
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    fn row(kid: &str, signs_from: OffsetDateTime) -> KeyRow {
        KeyRow {
            kid: kid.to_owned(),
            alg: "ES256".to_owned(),
            public_jwk: serde_json::Value::Null,
            private_key: Vec::new(),
            seal_key_id: 1,
            signs_from,
            signs_until: signs_from + SIGNING_PERIOD,
            published_until: signs_from + SIGNING_PERIOD + ID_TOKEN_LIFETIME,
        }
    }

    #[test]
    fn the_next_key_is_made_a_week_before_the_current_one_ends() {
        let start = datetime!(2026-12-01 00:00 UTC);
        let first = due_keys(&[], Alg::Es256, start);
        assert_eq!(first.len(), 1, "none yet: one that signs now");
        assert_eq!(first[0].0, start);
        let current = [row("a", start)];
        assert!(due_keys(&current, Alg::Es256, start + Duration::days(22)).is_empty());
        let due = due_keys(&current, Alg::Es256, start + Duration::days(23));
        assert_eq!(due.len(), 1);
        assert_eq!(
            due[0].0,
            start + SIGNING_PERIOD,
            "signs when the current one stops"
        );
        let both = [row("a", start), row("b", start + SIGNING_PERIOD)];
        assert!(due_keys(&both, Alg::Es256, start + Duration::days(29)).is_empty());
    }

    #[test]
    fn signatures_verify_with_the_published_key() {
        use openidconnect::JsonWebKey;
        let key = Es256Key::generate("k1");
        let signature = key
            .sign(&CoreJwsSigningAlgorithm::EcdsaP256Sha256, b"message")
            .expect("signs");
        let public = key.as_verification_key();
        public
            .verify_signature(
                &CoreJwsSigningAlgorithm::EcdsaP256Sha256,
                b"message",
                &signature,
            )
            .expect("verifies");
        assert!(
            public
                .verify_signature(
                    &CoreJwsSigningAlgorithm::EcdsaP256Sha256,
                    b"massage",
                    &signature
                )
                .is_err()
        );
        let again = Es256Key::from_bytes("k1", &key.secret_bytes()).expect("reopens");
        assert_eq!(again.as_verification_key(), public);
    }
}
