//! Who is on the other end of a request: the peer address and the browser's user agent, as
//! sessions and the audit trail record them.

use std::collections::HashMap;
use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::header;
use axum::http::request::Parts;

/// The longest user agent kept; longer ones are cut (they are for people to read).
const MAX_USER_AGENT: usize = 400;

#[derive(Debug, Clone, Default)]
pub struct ClientInfo {
    pub ip: Option<IpAddr>,
    pub user_agent: Option<String>,
    /// The browser's own mark (`portico_browser`), by which accounts know it again; never
    /// logged (it is as good as a name for this browser).
    pub browser: Option<crate::alerts::BrowserMark>,
}

impl ClientInfo {
    /// Where a request came from, as a notice says it: "Firefox on Windows, 192.0.2.7".
    pub fn described(&self) -> String {
        let browser = browser_label(self.user_agent.as_deref());
        match self.ip {
            Some(ip) => format!("{browser}, {ip}"),
            None => browser,
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for ClientInfo {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        let ip = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip());
        let user_agent = parts
            .headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(|ua| ua.chars().take(MAX_USER_AGENT).collect());
        let browser = crate::alerts::BrowserMark::read(&parts.headers);
        Ok(Self {
            ip,
            user_agent,
            browser,
        })
    }
}

/// User agents whose label was worked out lately: the Security and Recent activity pages
/// list the same few browsers again and again, and parsing one is dozens of regexes.
static LABELS: std::sync::LazyLock<std::sync::Mutex<HashMap<String, String>>> =
    std::sync::LazyLock::new(Default::default);
/// Past this many, the remembered labels are forgotten and start again.
const LABELS_KEPT: usize = 512;

/// "Chrome on Linux", "Safari unter iPhone": a user agent as a person recognises it, in the
/// reader's language.
pub fn browser_label(user_agent: Option<&str>) -> String {
    let Some(ua) = user_agent else {
        return label_of(None);
    };
    let key = format!("{}|{ua}", crate::i18n::current().tag());
    if let Some(label) = LABELS.lock().ok().and_then(|l| l.get(&key).cloned()) {
        return label;
    }
    let label = label_of(Some(ua));
    if let Ok(mut labels) = LABELS.lock() {
        if labels.len() >= LABELS_KEPT {
            labels.clear();
        }
        labels.insert(key, label.clone());
    }
    label
}

fn label_of(user_agent: Option<&str>) -> String {
    let parsed = user_agent.and_then(|ua| woothee::parser::Parser::new().parse(ua));
    match parsed {
        Some(r) if r.name != "UNKNOWN" && r.os != "UNKNOWN" => crate::i18n::t_with(
            "browser-on",
            &[
                ("browser", r.name.to_owned().into()),
                ("os", r.os.to_owned().into()),
            ],
        ),
        Some(r) if r.name != "UNKNOWN" => r.name.to_owned(),
        _ => crate::i18n::t("browser-unknown"),
    }
}

#[cfg(test)]
mod tests {
    use super::browser_label;

    #[test]
    fn user_agents_read_as_browser_and_system() {
        let chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) \
                      Chrome/131.0.0.0 Safari/537.36";
        assert_eq!(browser_label(Some(chrome)), "Chrome on Linux");
        let edge = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like \
                    Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0";
        assert!(
            browser_label(Some(edge)).ends_with("on Windows 10"),
            "{}",
            browser_label(Some(edge))
        );
        assert_eq!(browser_label(Some("curl/8.5.0")), "HTTP Library");
        assert_eq!(browser_label(Some("zz")), "Unknown browser");
        assert_eq!(browser_label(None), "Unknown browser");
        assert_eq!(
            browser_label(Some(chrome)),
            "Chrome on Linux",
            "remembered, the same"
        );
    }
}
