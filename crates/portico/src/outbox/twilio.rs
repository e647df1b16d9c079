//! SMS through Twilio's Messages API, and the signature on its status callbacks.
//!
//! A small typed client rather than a Twilio crate: the `twilio` crate hard-codes
//! api.twilio.com (untestable) and rejects valid callback signatures on URLs with a port or
//! a query string; `twilio-rs` cannot set To/From/Body. This is one form POST.

use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use hmac::{Hmac, Mac};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use sha1::Sha1;
use url::Url;

use crate::config::{TwilioConfig, TwilioSender};
use crate::outbox::SendError;

/// Where Twilio posts delivery reports, relative to the public URL.
pub const STATUS_CALLBACK_PATH: &str = "/hooks/twilio/status";

#[derive(Clone)]
pub struct TwilioClient {
    http: reqwest::Client,
    messages_url: Url,
    account_sid: String,
    auth_token: SecretString,
    sender: TwilioSender,
    status_callback: String,
}

impl std::fmt::Debug for TwilioClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TwilioClient")
            .field("messages_url", &self.messages_url.as_str())
            .finish_non_exhaustive()
    }
}

#[derive(Deserialize)]
struct Created {
    sid: String,
}

/// Twilio's error document.
#[derive(Deserialize)]
struct TwilioError {
    code: Option<i64>,
    message: Option<String>,
}

impl TwilioClient {
    pub fn new(config: &TwilioConfig, public_url: &Url) -> anyhow::Result<Self> {
        crate::tls::install_crypto_provider();
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(20))
            .user_agent(concat!("portico/", env!("CARGO_PKG_VERSION")))
            .build()?;
        let path = format!("2010-04-01/Accounts/{}/Messages.json", config.account_sid);
        let messages_url = config.base_url.join(&path)?;
        let status_callback = public_url
            .join(STATUS_CALLBACK_PATH.trim_start_matches('/'))?
            .to_string();
        Ok(Self {
            http,
            messages_url,
            account_sid: config.account_sid.clone(),
            auth_token: config.auth_token.clone(),
            sender: config.sender.clone(),
            status_callback,
        })
    }

    /// Sends one SMS and returns Twilio's message SID. 429 and 5xx answers and network
    /// failures may succeed later; other 4xx answers (e.g. 21211, invalid number) cannot.
    pub async fn send(&self, to: &str, body: &str) -> Result<String, SendError> {
        let sender = match &self.sender {
            TwilioSender::From(from) => ("From", from.as_str()),
            TwilioSender::MessagingService(sid) => ("MessagingServiceSid", sid.as_str()),
        };
        let form = [
            ("To", to),
            sender,
            ("Body", body),
            ("StatusCallback", &self.status_callback),
        ];
        let response = self
            .http
            .post(self.messages_url.clone())
            .basic_auth(&self.account_sid, Some(self.auth_token.expose_secret()))
            .form(&form)
            .send()
            .await
            .map_err(|e| SendError::retryable(format!("Twilio unreachable: {e}")))?;
        let status = response.status();
        let text = response
            .text()
            .await
            .map_err(|e| SendError::retryable(format!("Twilio answer unreadable: {e}")))?;
        if status.is_success() {
            return serde_json::from_str::<Created>(&text)
                .map(|created| created.sid)
                .map_err(|e| {
                    SendError::retryable(format!("Twilio answered {status} without a sid: {e}"))
                });
        }
        let detail = serde_json::from_str::<TwilioError>(&text)
            .map(|e| {
                format!(
                    "code {}: {}",
                    e.code.unwrap_or(0),
                    e.message.unwrap_or_default()
                )
            })
            .unwrap_or_else(|_| text.chars().take(200).collect());
        let message = format!("Twilio {status}: {detail}");
        if status.as_u16() == 429 || status.is_server_error() {
            Err(SendError::retryable(message))
        } else {
            Err(SendError::permanent(message))
        }
    }
}

/// Twilio's request signature: base64(HMAC-SHA1(auth token, URL + each POST parameter's
/// name and value, sorted by name)).
pub fn signature(auth_token: &str, url: &str, params: &[(String, String)]) -> String {
    BASE64.encode(signing_mac(auth_token, url, params).finalize().into_bytes())
}

/// Whether `given` is Twilio's signature for this request, compared in constant time.
pub fn signature_is_valid(
    auth_token: &str,
    url: &str,
    params: &[(String, String)],
    given: &str,
) -> bool {
    match BASE64.decode(given.trim()) {
        Ok(given) => signing_mac(auth_token, url, params)
            .verify_slice(&given)
            .is_ok(),
        Err(_) => false,
    }
}

fn signing_mac(auth_token: &str, url: &str, params: &[(String, String)]) -> Hmac<Sha1> {
    let mut sorted: Vec<&(String, String)> = params.iter().collect();
    sorted.sort();
    let mut mac =
        Hmac::<Sha1>::new_from_slice(auth_token.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(url.as_bytes());
    for (name, value) in sorted {
        mac.update(name.as_bytes());
        mac.update(value.as_bytes());
    }
    mac
}
