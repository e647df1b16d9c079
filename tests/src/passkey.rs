//! A software passkey, for tests and benchmarks that have no browser: it answers a relying
//! party's WebAuthn options as a platform authenticator would (ES256, "none" attestation,
//! user present and verified), and its answers are the JSON a browser's `toJSON()` gives.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

/// One credential on a software authenticator.
#[derive(Debug, Clone)]
pub struct SoftPasskey {
    origin: String,
    rp_id: String,
    key: SigningKey,
    pub credential_id: Vec<u8>,
    user_handle: Vec<u8>,
    /// The signature counter, raised at each assertion (set it back to act as a clone).
    pub counter: u32,
}

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

fn unb64(text: &str) -> Vec<u8> {
    URL_SAFE_NO_PAD.decode(text).unwrap_or_default()
}

/// A CBOR byte string's or text's head: major type and length.
fn cbor_head(major: u8, len: usize, out: &mut Vec<u8>) {
    let major = major << 5;
    match len {
        0..=23 => out.push(major | len as u8),
        24..=255 => out.extend([major | 24, len as u8]),
        _ => {
            out.push(major | 25);
            out.extend((len as u16).to_be_bytes());
        }
    }
}

fn cbor_bytes(bytes: &[u8], out: &mut Vec<u8>) {
    cbor_head(2, bytes.len(), out);
    out.extend_from_slice(bytes);
}

fn cbor_text(text: &str, out: &mut Vec<u8>) {
    cbor_head(3, text.len(), out);
    out.extend_from_slice(text.as_bytes());
}

impl SoftPasskey {
    /// Answers registration options (`{"publicKey": {...}}`, as the relying party sends them)
    /// from `origin`: the new passkey, and the credential JSON to send back.
    pub fn register(options: &Value, origin: &str) -> (Self, String) {
        let public_key = &options["publicKey"];
        let key = loop {
            if let Ok(key) = SigningKey::from_slice(&rand::random::<[u8; 32]>()) {
                break key;
            }
        };
        let passkey = Self {
            origin: origin.to_owned(),
            rp_id: public_key["rp"]["id"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
            key,
            credential_id: rand::random::<[u8; 16]>().to_vec(),
            user_handle: unb64(public_key["user"]["id"].as_str().unwrap_or_default()),
            counter: 0,
        };
        let credential = passkey.registration(options);
        (passkey, credential)
    }

    /// This credential's answer to registration options: what an authenticator that ignored
    /// `excludeCredentials` would send to register it a second time.
    pub fn registration(&self, options: &Value) -> String {
        let challenge = options["publicKey"]["challenge"]
            .as_str()
            .unwrap_or_default();
        let client_data = self.client_data("webauthn.create", challenge);
        let point = self.key.verifying_key().to_sec1_point(false);
        let xy = &point.as_bytes()[1..];
        // COSE_Key {1: 2 (EC2), 3: -7 (ES256), -1: 1 (P-256), -2: x, -3: y}
        let mut cose = vec![0xa5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21];
        cbor_bytes(&xy[..32], &mut cose);
        cose.push(0x22);
        cbor_bytes(&xy[32..], &mut cose);
        let mut auth_data = self.auth_data(0x45); // user present, verified, attested data
        auth_data.extend([0; 16]); // AAGUID
        auth_data.extend((self.credential_id.len() as u16).to_be_bytes());
        auth_data.extend(&self.credential_id);
        auth_data.extend(cose);
        let mut attestation = vec![0xa3];
        cbor_text("fmt", &mut attestation);
        cbor_text("none", &mut attestation);
        cbor_text("attStmt", &mut attestation);
        attestation.push(0xa0);
        cbor_text("authData", &mut attestation);
        cbor_bytes(&auth_data, &mut attestation);
        json!({
            "id": b64(&self.credential_id),
            "rawId": b64(&self.credential_id),
            "type": "public-key",
            "response": {
                "clientDataJSON": b64(client_data.as_bytes()),
                "attestationObject": b64(&attestation),
                "transports": ["internal"],
            },
            "clientExtensionResults": {},
        })
        .to_string()
    }

    /// Answers authentication options (`{"publicKey": {...}}`): the assertion JSON.
    pub fn assert(&mut self, options: &Value) -> String {
        self.counter += 1;
        let challenge = options["publicKey"]["challenge"]
            .as_str()
            .unwrap_or_default();
        let client_data = self.client_data("webauthn.get", challenge);
        let auth_data = self.auth_data(0x05); // user present and verified
        let mut signed = auth_data.clone();
        signed.extend(Sha256::digest(client_data.as_bytes()));
        let signature: Signature = self.key.sign(&signed);
        json!({
            "id": b64(&self.credential_id),
            "rawId": b64(&self.credential_id),
            "type": "public-key",
            "response": {
                "clientDataJSON": b64(client_data.as_bytes()),
                "authenticatorData": b64(&auth_data),
                "signature": b64(signature.to_der().as_bytes()),
                "userHandle": b64(&self.user_handle),
            },
            "clientExtensionResults": {},
        })
        .to_string()
    }

    fn client_data(&self, kind: &str, challenge: &str) -> String {
        json!({ "type": kind, "challenge": challenge, "origin": self.origin, "crossOrigin": false })
            .to_string()
    }

    fn auth_data(&self, flags: u8) -> Vec<u8> {
        let mut data = Sha256::digest(self.rp_id.as_bytes()).to_vec();
        data.push(flags);
        data.extend(self.counter.to_be_bytes());
        data
    }
}
