//! Talking to the portal: the device authorization grant (RFC 8628) and reports.

use std::time::Duration;

use anyhow::{Context, bail};
use portico_wire::link::{
    AGENT_CLIENT_ID, DEVICE_CODE_GRANT, DeviceAuthorizationResponse, TokenError, TokenErrorCode,
    TokenResponse,
};
use portico_wire::report::{
    BACKUP_RECOVERY_KEYS_HEADER, Report, SHARE_HARDWARE_HEADER, SHARE_LOCATION_HEADER, parse_choice,
};
use portico_wire::{API_PREFIX, Problem};

/// The agent's HTTP client: made once per command and reused, so its connections are too.
pub fn http() -> anyhow::Result<reqwest::Client> {
    let _ = rustls::crypto::ring::default_provider().install_default();
    Ok(reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .user_agent(concat!("portico-agent/", env!("CARGO_PKG_VERSION")))
        .build()?)
}

fn api(server: &str, path: &str) -> String {
    format!("{}{API_PREFIX}{path}", server.trim_end_matches('/'))
}

/// Asks to be linked; `hints` are the PC's name, model and OS.
pub async fn start_link(
    server: &str,
    hints: [(&str, Option<String>); 3],
) -> anyhow::Result<DeviceAuthorizationResponse> {
    let mut form = vec![("client_id", AGENT_CLIENT_ID.to_owned())];
    form.extend(hints.into_iter().filter_map(|(k, v)| Some((k, v?))));
    let r = http()?
        .post(api(server, portico_wire::link::DEVICE_AUTHORIZATIONS_PATH))
        .form(&form)
        .send()
        .await
        .with_context(|| format!("cannot reach {server}"))?;
    if !r.status().is_success() {
        let status = r.status();
        let body: Option<TokenError> = r.json().await.ok();
        bail!(
            "the portal refused to link ({status}): {}",
            body.and_then(|b| b.error_description).unwrap_or_default()
        );
    }
    Ok(r.json().await?)
}

/// Polls until the person approves or denies, with RFC 8628's rules (`slow_down` adds 5 s).
pub async fn wait_for_token(
    server: &str,
    auth: &DeviceAuthorizationResponse,
) -> anyhow::Result<TokenResponse> {
    let client = http()?;
    let mut interval = auth.interval.max(1);
    loop {
        tokio::time::sleep(Duration::from_secs(interval)).await;
        let r = client
            .post(api(server, portico_wire::link::TOKEN_PATH))
            .form(&[
                ("grant_type", DEVICE_CODE_GRANT),
                ("device_code", auth.device_code.as_str()),
                ("client_id", AGENT_CLIENT_ID),
            ])
            .send()
            .await
            .with_context(|| format!("cannot reach {server}"))?;
        if r.status().is_success() {
            return Ok(r.json().await?);
        }
        let error: TokenError = r.json().await.context("an unreadable answer")?;
        match error.error {
            TokenErrorCode::AuthorizationPending => {}
            TokenErrorCode::SlowDown => interval = error.interval.unwrap_or(interval + 5),
            TokenErrorCode::AccessDenied => bail!("the link was denied on the portal"),
            TokenErrorCode::ExpiredToken => {
                bail!("the code expired: run `portico-agent link` again")
            }
            other => bail!("the portal refused: {other:?}"),
        }
    }
}

/// How sending a report went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    Accepted,
    /// The device was removed on the portal (409): stop reporting.
    Removed,
    /// The portal no longer accepts this device token (401), e.g. after "Secure my
    /// account": link again.
    Revoked,
    /// The portal refused this report as it is (a 4xx naming a field): sending it again
    /// would not help.
    Refused(String),
    /// The portal could not be reached or failed (network, 5xx, 429): try again later.
    Unreachable(String),
}

/// What an applied report's answer says of the person's choices (`None`: it does not say,
/// as an older portal would not).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Heard {
    pub backup_recovery_keys: Option<bool>,
    pub location: Option<bool>,
    pub hardware: Option<bool>,
}

impl Heard {
    fn from_headers(headers: &reqwest::header::HeaderMap) -> Self {
        let choice = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .and_then(parse_choice)
        };
        Self {
            backup_recovery_keys: choice(BACKUP_RECOVERY_KEYS_HEADER),
            location: choice(SHARE_LOCATION_HEADER),
            hardware: choice(SHARE_HARDWARE_HEADER),
        }
    }
}

/// Sends one report with the device token: how it went, and what an applied report's
/// answer says of the person's choices.
pub async fn send_report(
    client: &reqwest::Client,
    server: &str,
    token: &str,
    report: &Report,
) -> (Delivery, Heard) {
    let r = match client
        .put(api(server, portico_wire::report::REPORT_PATH))
        .bearer_auth(token)
        .json(report)
        .send()
        .await
    {
        Ok(r) => r,
        Err(e) => {
            let why = format!("cannot reach {server}: {e}");
            return (Delivery::Unreachable(why), Heard::default());
        }
    };
    let status = r.status();
    let delivery = match status.as_u16() {
        200..=299 => return (Delivery::Accepted, Heard::from_headers(r.headers())),
        409 => Delivery::Removed,
        401 => Delivery::Revoked,
        408 | 429 | 500..=599 => Delivery::Unreachable(format!("the portal answered {status}")),
        _ => {
            let problem: Option<Problem> = r.json().await.ok();
            Delivery::Refused(format!(
                "the portal refused the report ({status}): {}",
                problem.and_then(|p| p.detail).unwrap_or_default()
            ))
        }
    };
    (delivery, Heard::default())
}
