//! Settings for sending messages: SMTP, Twilio, and the limits on codes.

use std::path::PathBuf;

use secrecy::SecretString;
use url::Url;

use super::sources::{ConfigError, Sources};

/// How the SMTP connection is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpTls {
    /// TLS from the first byte (`smtps://`, usually port 465).
    Wrapper,
    /// STARTTLS, refusing servers that do not offer it (`?tls=required`, the default).
    Required,
    /// STARTTLS when offered (`?tls=opportunistic`).
    Opportunistic,
    /// Plain text (`?tls=none`): only for a mail catcher on this machine.
    None,
}

/// `PORTICO_SMTP_URL`, parsed.
#[derive(Clone)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub tls: SmtpTls,
    pub username: Option<String>,
    pub password: Option<SecretString>,
    /// Extra CA certificate (PEM) to trust, for a server with a private CA.
    pub ca_file: Option<PathBuf>,
}

impl std::fmt::Debug for SmtpConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpConfig")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("tls", &self.tls)
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "<redacted>"))
            .finish()
    }
}

/// Who an SMS comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TwilioSender {
    From(String),
    MessagingService(String),
}

#[derive(Clone)]
pub struct TwilioConfig {
    pub account_sid: String,
    pub auth_token: SecretString,
    pub sender: TwilioSender,
    pub base_url: Url,
}

impl std::fmt::Debug for TwilioConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TwilioConfig")
            .field("account_sid", &self.account_sid)
            .field("sender", &self.sender)
            .field("base_url", &self.base_url.as_str())
            .finish_non_exhaustive()
    }
}

/// Limits on sending codes; all per rolling hour unless named otherwise.
#[derive(Debug, Clone)]
pub struct SendLimits {
    pub per_destination: i32,
    pub per_account: i32,
    pub per_ip: i32,
    pub sms_per_prefix: i32,
    pub sms_daily_budget: i32,
    /// Country calling codes SMS may go to.
    pub sms_countries: Vec<u16>,
    /// Kinds of number SMS may go to (mobile ones by default).
    pub sms_number_types: Vec<crate::contact::PhoneKind>,
}

#[derive(Debug, Clone)]
pub struct DeliveryConfig {
    /// `None`: the dev outbox (development only).
    pub smtp: Option<SmtpConfig>,
    pub mail_from: String,
    /// `None`: SMS go to the dev outbox in development, and are refused in production.
    pub twilio: Option<TwilioConfig>,
    pub limits: SendLimits,
}

fn count(s: &Sources, name: &str, default: i32) -> Result<i32, ConfigError> {
    s.parse_or(name, Some(default), |v| match v.parse() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err("expected a whole number of at least 1"),
    })
}

pub fn load(s: &Sources, production: bool) -> Result<DeliveryConfig, ConfigError> {
    let smtp = match s.get("PORTICO_SMTP_URL") {
        Some(v) => Some(parse_smtp_url(&v.value).map_err(|why| v.invalid(why))?),
        None if production => {
            return Err(ConfigError::missing(
                "PORTICO_SMTP_URL",
                "production needs an SMTP server; the dev outbox is for development only",
            ));
        }
        None => None,
    };
    let smtp = smtp.map(|mut smtp| {
        smtp.ca_file = s
            .get("PORTICO_SMTP_CA_FILE")
            .map(|v| PathBuf::from(v.value));
        smtp
    });
    let mail_from = match s.get("PORTICO_MAIL_FROM") {
        Some(v) => {
            v.value.parse::<lettre::message::Mailbox>().map_err(|_| {
                v.invalid("expected an address such as `Portico <no-reply@example.com>`")
            })?;
            v.value
        }
        None if smtp.is_some() => {
            return Err(ConfigError::missing(
                "PORTICO_MAIL_FROM",
                "sending mail needs a sender address such as `Portico <no-reply@example.com>`",
            ));
        }
        None => "Portico <no-reply@portico.localhost>".to_owned(),
    };
    let twilio = load_twilio(s)?;
    let sms_countries = match s.get("PORTICO_SMS_COUNTRIES") {
        Some(v) => v
            .value
            .split(',')
            .map(|c| c.trim().trim_start_matches('+').parse::<u16>())
            .collect::<Result<Vec<_>, _>>()
            .map_err(|_| {
                v.invalid("expected country calling codes separated by commas, e.g. 1,44,49")
            })?,
        None => vec![1, 44, 49],
    };
    let sms_number_types = match s.get("PORTICO_SMS_NUMBER_TYPES") {
        Some(v) => v
            .value
            .split(',')
            .map(|t| crate::contact::PhoneKind::parse(t.trim()))
            .collect::<Option<Vec<_>>>()
            .filter(|kinds| !kinds.is_empty())
            .ok_or_else(|| {
                v.invalid(
                    "expected kinds of number separated by commas, from mobile, \
                     fixed_line_or_mobile, fixed_line, voip, toll_free, personal_number, \
                     premium_rate, shared_cost, uan, pager, voicemail, other",
                )
            })?,
        None => vec![
            crate::contact::PhoneKind::Mobile,
            crate::contact::PhoneKind::FixedLineOrMobile,
        ],
    };
    Ok(DeliveryConfig {
        smtp,
        mail_from,
        twilio,
        limits: SendLimits {
            per_destination: count(s, "PORTICO_SEND_LIMIT_PER_DESTINATION", 5)?,
            per_account: count(s, "PORTICO_SEND_LIMIT_PER_ACCOUNT", 10)?,
            per_ip: count(s, "PORTICO_SEND_LIMIT_PER_IP", 20)?,
            sms_per_prefix: count(s, "PORTICO_SMS_LIMIT_PER_PREFIX", 10)?,
            sms_daily_budget: count(s, "PORTICO_SMS_DAILY_BUDGET", 1000)?,
            sms_countries,
            sms_number_types,
        },
    })
}

fn load_twilio(s: &Sources) -> Result<Option<TwilioConfig>, ConfigError> {
    let Some(sid) = s.get("PORTICO_TWILIO_ACCOUNT_SID") else {
        return Ok(None);
    };
    if !(sid.value.len() == 34 && sid.value.starts_with("AC")) {
        return Err(sid.invalid("expected an Account SID: AC followed by 32 characters"));
    }
    let token = s.get("PORTICO_TWILIO_AUTH_TOKEN").ok_or_else(|| {
        ConfigError::missing(
            "PORTICO_TWILIO_AUTH_TOKEN",
            "Twilio needs the account's auth token",
        )
    })?;
    let sender = match (
        s.get("PORTICO_TWILIO_FROM"),
        s.get("PORTICO_TWILIO_MESSAGING_SERVICE_SID"),
    ) {
        (Some(_), Some(service)) => {
            return Err(
                service.invalid("set either PORTICO_TWILIO_FROM or a messaging service, not both")
            );
        }
        (Some(from), None) => TwilioSender::From(from.value),
        (None, Some(service)) if service.value.starts_with("MG") => {
            TwilioSender::MessagingService(service.value)
        }
        (None, Some(service)) => {
            return Err(service.invalid("expected a Messaging Service SID (MG…)"));
        }
        (None, None) => {
            return Err(ConfigError::missing(
                "PORTICO_TWILIO_FROM",
                "Twilio needs a sender: PORTICO_TWILIO_FROM or PORTICO_TWILIO_MESSAGING_SERVICE_SID",
            ));
        }
    };
    let base_url = match s.get("PORTICO_TWILIO_BASE_URL") {
        Some(v) => Url::parse(&v.value)
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https"))
            .ok_or_else(|| v.invalid("expected an http(s) URL"))?,
        None => {
            Url::parse("https://api.twilio.com").map_err(|e| ConfigError::other(e.to_string()))?
        }
    };
    Ok(Some(TwilioConfig {
        account_sid: sid.value,
        auth_token: SecretString::from(token.value),
        sender,
        base_url,
    }))
}

/// `smtp://user:pass@host:587?tls=required`, `smtps://host`, `smtp://host:1025?tls=none`.
fn parse_smtp_url(raw: &str) -> Result<SmtpConfig, &'static str> {
    let url = Url::parse(raw).map_err(|_| "expected a URL such as smtp://user:pass@host:587")?;
    let host = url.host_str().ok_or("the URL has no host")?.to_owned();
    let query_tls = url
        .query_pairs()
        .find(|(k, _)| k == "tls")
        .map(|(_, v)| v.into_owned());
    let tls = match (url.scheme(), query_tls.as_deref()) {
        ("smtps", None) => SmtpTls::Wrapper,
        ("smtp", None | Some("required")) => SmtpTls::Required,
        ("smtp", Some("opportunistic")) => SmtpTls::Opportunistic,
        ("smtp", Some("none")) => SmtpTls::None,
        ("smtp", Some(_)) => return Err("tls must be required, opportunistic or none"),
        ("smtps", Some(_)) => return Err("smtps:// always uses TLS; drop the tls parameter"),
        _ => return Err("the scheme must be smtp:// or smtps://"),
    };
    let port = url
        .port()
        .unwrap_or(if tls == SmtpTls::Wrapper { 465 } else { 587 });
    let decode = |s: &str| {
        percent_encoding::percent_decode_str(s)
            .decode_utf8_lossy()
            .into_owned()
    };
    let username = (!url.username().is_empty()).then(|| decode(url.username()));
    let password = url.password().map(|p| SecretString::from(decode(p)));
    Ok(SmtpConfig {
        host,
        port,
        tls,
        username,
        password,
        ca_file: None,
    })
}

#[cfg(test)]
mod tests {
    use secrecy::ExposeSecret;

    use super::*;

    #[test]
    fn smtp_urls_cover_the_usual_setups() {
        let c = parse_smtp_url("smtp://me%40example.com:p%2Fss@mail.example.com:587?tls=required")
            .expect("valid");
        assert_eq!(
            (c.host.as_str(), c.port, c.tls),
            ("mail.example.com", 587, SmtpTls::Required)
        );
        assert_eq!(c.username.as_deref(), Some("me@example.com"));
        assert_eq!(
            c.password
                .as_ref()
                .map(|p| p.expose_secret().to_owned())
                .as_deref(),
            Some("p/ss")
        );
        assert_eq!(
            parse_smtp_url("smtps://mail.example.com")
                .expect("valid")
                .port,
            465
        );
        assert_eq!(
            parse_smtp_url("smtp://127.0.0.1:1025?tls=none")
                .expect("valid")
                .tls,
            SmtpTls::None
        );
        assert!(parse_smtp_url("http://mail.example.com").is_err());
        assert!(parse_smtp_url("smtp://mail.example.com?tls=maybe").is_err());
    }
}
