//! The provider's decisions, without a database: what an authorization request asks for
//! and whether it may be answered, which account answers it, whether the person must sign
//! in again or consent, PKCE, and the words a consent page uses.

use serde::Deserialize;
use time::{Duration, OffsetDateTime};

/// The scopes Portico grants.
pub const SUPPORTED_SCOPES: [&str; 5] = ["openid", "profile", "email", "phone", "offline_access"];
/// A code lives this long (RFC 6749 §4.1.2 recommends at most ten minutes; a minute is
/// plenty for an app's back end).
pub const CODE_LIFETIME: Duration = Duration::seconds(60);
/// Access tokens are opaque and looked up at each use, so "Remove access" ends them at once;
/// they last ten minutes.
pub const ACCESS_TOKEN_LIFETIME: Duration = Duration::minutes(10);
pub const ID_TOKEN_LIFETIME: Duration = Duration::hours(1);
/// A refresh token family (offline access) lasts this long from its code, rotation or not.
pub const REFRESH_LIFETIME: Duration = Duration::days(90);
/// An authorization request waits this long for the person (sign-in, chooser, consent).
pub const REQUEST_LIFETIME: Duration = Duration::minutes(30);

/// `prompt`, parsed (OpenID Connect Core §3.1.2.1).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Prompt {
    pub none: bool,
    pub login: bool,
    pub consent: bool,
    pub select_account: bool,
}

impl Prompt {
    pub fn parse(raw: Option<&str>) -> Result<Self, &'static str> {
        let mut p = Self::default();
        for value in raw.unwrap_or_default().split(' ').filter(|v| !v.is_empty()) {
            match value {
                "none" => p.none = true,
                "login" => p.login = true,
                "consent" => p.consent = true,
                "select_account" => p.select_account = true,
                _ => return Err("prompt has a value Portico does not know"),
            }
        }
        if p.none && (p.login || p.consent || p.select_account) {
            return Err("prompt=none cannot be combined with other values");
        }
        Ok(p)
    }

    pub fn values(self) -> Vec<String> {
        [
            (self.none, "none"),
            (self.login, "login"),
            (self.consent, "consent"),
            (self.select_account, "select_account"),
        ]
        .into_iter()
        .filter(|(on, _)| *on)
        .map(|(_, v)| v.to_owned())
        .collect()
    }

    pub fn from_values(values: &[String]) -> Self {
        let has = |v: &str| values.iter().any(|x| x == v);
        Self {
            none: has("none"),
            login: has("login"),
            consent: has("consent"),
            select_account: has("select_account"),
        }
    }
}

/// An authorization request's parameters as sent (query or form), before any check.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct AuthorizeParams {
    pub client_id: Option<String>,
    pub redirect_uri: Option<String>,
    pub response_type: Option<String>,
    pub response_mode: Option<String>,
    pub scope: Option<String>,
    pub state: Option<String>,
    pub nonce: Option<String>,
    pub code_challenge: Option<String>,
    pub code_challenge_method: Option<String>,
    pub prompt: Option<String>,
    pub max_age: Option<String>,
    pub login_hint: Option<String>,
    pub ui_locales: Option<String>,
    pub request: Option<String>,
    pub request_uri: Option<String>,
}

/// A request checked against its client, ready to be stored and answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedRequest {
    pub scopes: Vec<String>,
    pub state: Option<String>,
    pub nonce: Option<String>,
    pub code_challenge: Option<String>,
    pub prompt: Prompt,
    pub max_age: Option<i32>,
    pub login_hint: Option<String>,
    pub ui_locales: Option<String>,
}

/// An error to send back to the client's redirect URI (RFC 6749 §4.1.2.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RedirectError {
    pub error: &'static str,
    pub description: &'static str,
}

const fn refuse(error: &'static str, description: &'static str) -> RedirectError {
    RedirectError { error, description }
}

/// Longest value kept from a client for `state`, `nonce`, hints and locales.
const MAX_PARAM: usize = 512;

/// Checks what may be answered on the redirect URI (the client and the URI itself are
/// checked before: their errors never redirect).
pub fn check_request(
    params: &AuthorizeParams,
    client_scopes: &[String],
    public_client: bool,
) -> Result<CheckedRequest, RedirectError> {
    let too_long = [
        &params.state,
        &params.nonce,
        &params.login_hint,
        &params.ui_locales,
        &params.code_challenge,
    ]
    .iter()
    .any(|v| v.as_ref().is_some_and(|v| v.len() > MAX_PARAM));
    if too_long {
        return Err(refuse("invalid_request", "a parameter is too long"));
    }
    if params.request.is_some() {
        return Err(refuse(
            "request_not_supported",
            "request objects are not supported",
        ));
    }
    if params.request_uri.is_some() {
        return Err(refuse(
            "request_uri_not_supported",
            "request_uri is not supported",
        ));
    }
    match params.response_type.as_deref() {
        Some("code") => {}
        None => return Err(refuse("invalid_request", "response_type is missing")),
        Some(_) => {
            return Err(refuse(
                "unsupported_response_type",
                "only response_type=code is supported",
            ));
        }
    }
    if params
        .response_mode
        .as_deref()
        .is_some_and(|m| m != "query")
    {
        return Err(refuse(
            "invalid_request",
            "only response_mode=query is supported",
        ));
    }
    let scopes = check_scopes(params.scope.as_deref(), client_scopes)?;
    let code_challenge = match (
        params.code_challenge.as_deref(),
        params.code_challenge_method.as_deref(),
    ) {
        (None, None) if public_client => {
            return Err(refuse(
                "invalid_request",
                "a public client must use PKCE (code_challenge with S256)",
            ));
        }
        (None, None) => None,
        (Some(c), Some("S256")) if is_s256_challenge(c) => Some(c.to_owned()),
        (Some(_), Some("S256")) => {
            return Err(refuse(
                "invalid_request",
                "code_challenge must be 43 base64url characters",
            ));
        }
        (None, Some(_)) => return Err(refuse("invalid_request", "code_challenge is missing")),
        (Some(_), _) => {
            return Err(refuse(
                "invalid_request",
                "code_challenge_method must be S256",
            ));
        }
    };
    let prompt =
        Prompt::parse(params.prompt.as_deref()).map_err(|d| refuse("invalid_request", d))?;
    let max_age = match params.max_age.as_deref() {
        None | Some("") => None,
        Some(v) => Some(v.parse::<i32>().ok().filter(|n| *n >= 0).ok_or(refuse(
            "invalid_request",
            "max_age must be a number of seconds",
        ))?),
    };
    Ok(CheckedRequest {
        scopes,
        state: params.state.clone(),
        nonce: params.nonce.clone(),
        code_challenge,
        prompt,
        max_age,
        login_hint: params.login_hint.clone().filter(|h| !h.trim().is_empty()),
        ui_locales: params.ui_locales.clone(),
    })
}

/// The scopes asked for, which must include `openid` and lie within the client's.
pub fn check_scopes(raw: Option<&str>, allowed: &[String]) -> Result<Vec<String>, RedirectError> {
    let mut scopes: Vec<String> = Vec::new();
    for s in raw.unwrap_or_default().split(' ').filter(|s| !s.is_empty()) {
        if !allowed.iter().any(|a| a == s) {
            return Err(refuse(
                "invalid_scope",
                "a scope asked for is not allowed for this app",
            ));
        }
        if !scopes.iter().any(|x| x == s) {
            scopes.push(s.to_owned());
        }
    }
    if !scopes.iter().any(|s| s == "openid") {
        return Err(refuse("invalid_scope", "the openid scope is required"));
    }
    Ok(scopes)
}

fn is_s256_challenge(c: &str) -> bool {
    c.len() == 43
        && c.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Whether `verifier` answers `challenge` (RFC 7636 §4.6), with the `openidconnect` crate's S256.
pub fn pkce_matches(verifier: &str, challenge: &str) -> bool {
    use subtle::ConstantTimeEq;
    let shaped = (43..=128).contains(&verifier.len())
        && verifier
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'));
    if !shaped {
        return false;
    }
    let computed = openidconnect::PkceCodeChallenge::from_code_verifier_sha256(
        &openidconnect::PkceCodeVerifier::new(verifier.to_owned()),
    );
    bool::from(computed.as_str().as_bytes().ct_eq(challenge.as_bytes()))
}

/// One account signed in within the browser, as the chooser weighs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    pub position: i32,
    pub matches_hint: bool,
    pub last_choice: bool,
}

/// Which account answers a request when nobody has chosen yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    Account(i32),
    /// Show the chooser.
    Choose,
    /// Nobody suitable is signed in here: the sign-in page (with the hint, if any).
    SignIn,
}

pub fn pick_account(candidates: &[Candidate], prompt: Prompt, has_hint: bool) -> Pick {
    if has_hint {
        return candidates
            .iter()
            .find(|c| c.matches_hint)
            .map_or(Pick::SignIn, |c| Pick::Account(c.position));
    }
    if candidates.is_empty() {
        return Pick::SignIn;
    }
    if prompt.select_account {
        return Pick::Choose;
    }
    if let Some(last) = candidates.iter().find(|c| c.last_choice) {
        return Pick::Account(last.position);
    }
    match candidates {
        [only] => Pick::Account(only.position),
        _ => Pick::Choose,
    }
}

/// Whether the chosen account must prove itself again before answering: `prompt=login`
/// (once since the request began) or an authentication older than `max_age`.
pub fn needs_fresh_sign_in(
    prompt: Prompt,
    max_age: Option<i32>,
    authenticated_at: OffsetDateTime,
    request_created_at: OffsetDateTime,
    now: OffsetDateTime,
) -> bool {
    let since_request = authenticated_at > request_created_at;
    if prompt.login && !since_request {
        return true;
    }
    max_age.is_some_and(|max| now - authenticated_at > Duration::seconds(i64::from(max)))
}

/// Whether the person must be asked before the app gets `asked`.
pub fn needs_consent(
    asked: &[String],
    granted: Option<&[String]>,
    first_party: bool,
    prompt: Prompt,
) -> bool {
    if prompt.consent {
        return true;
    }
    if first_party {
        return false;
    }
    let Some(granted) = granted else {
        return true;
    };
    asked.iter().any(|s| !granted.contains(s))
}

/// What each scope gives an app, in the words the consent page and "Apps and services" use.
pub fn scope_words(scope: &str) -> Option<&'static str> {
    match scope {
        "profile" => Some("idp-scope-profile"),
        "email" => Some("idp-scope-email"),
        "phone" => Some("idp-scope-phone"),
        "offline_access" => Some("idp-scope-offline"),
        _ => None,
    }
}

/// `amr` values (RFC 8176) for how a session was last proved, named as sessions record it.
pub fn amr(method: Option<&str>) -> Vec<&'static str> {
    match method {
        Some("password") => vec!["pwd"],
        Some("code") => vec!["otp"],
        Some("sign_up") => vec!["otp"],
        Some("passkey") => vec!["hwk", "user"],
        Some("provider") => vec!["fed"],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests;
