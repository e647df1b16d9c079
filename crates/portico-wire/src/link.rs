//! Linking a PC: the OAuth 2.0 device authorization grant (RFC 8628), as the agent and the
//! portal speak it.

use serde::{Deserialize, Serialize};

/// The `grant_type` of a device-code token request.
pub const DEVICE_CODE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";

/// The client id the agent presents.
pub const AGENT_CLIENT_ID: &str = "portico-agent";

/// Path of the device authorization endpoint, under [`crate::API_PREFIX`].
pub const DEVICE_AUTHORIZATIONS_PATH: &str = "/device-authorizations";

/// Path of the token endpoint, under [`crate::API_PREFIX`].
pub const TOKEN_PATH: &str = "/token";

/// `POST /api/agent/v1/device-authorizations` (a form or JSON): who asks, and hints about
/// the PC that the person will see before approving.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeviceAuthorizationRequest {
    #[cfg_attr(feature = "openapi", schema(value_type = AgentClientId))]
    pub client_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hostname: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub os: Option<String>,
}

/// The answer to a device authorization request (RFC 8628 §3.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeviceAuthorizationResponse {
    pub device_code: String,
    /// Eight letters, shown as `XXXX-XXXX`.
    pub user_code: String,
    pub verification_uri: String,
    pub verification_uri_complete: String,
    /// Seconds.
    pub expires_in: u64,
    /// Seconds to wait between polls.
    pub interval: u64,
}

/// `POST /api/agent/v1/token` (a form, as RFC 8628 §3.4 has it, or JSON).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TokenRequest {
    #[cfg_attr(feature = "openapi", schema(value_type = DeviceCodeGrantType))]
    pub grant_type: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1))]
    pub device_code: String,
    #[cfg_attr(feature = "openapi", schema(value_type = AgentClientId))]
    pub client_id: String,
}

/// The one `client_id` there is ([`AGENT_CLIENT_ID`]): its OpenAPI shape.
#[cfg(feature = "openapi")]
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub enum AgentClientId {
    #[serde(rename = "portico-agent")]
    PorticoAgent,
}

/// The one grant the token endpoint offers ([`DEVICE_CODE_GRANT`]): its OpenAPI shape.
#[cfg(feature = "openapi")]
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub enum DeviceCodeGrantType {
    #[serde(rename = "urn:ietf:params:oauth:grant-type:device_code")]
    DeviceCode,
}

/// The device token, once the person approved (RFC 6749 §5.1, plus who it is for).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TokenResponse {
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// The device this token writes to.
    pub device_id: String,
    /// The account, as the agent shows it: "Linked to {account}".
    pub account: String,
    /// The person chose, when approving, to back up this PC's BitLocker recovery keys
    /// (absent from older portals: no).
    #[serde(default)]
    pub backup_recovery_keys: bool,
}

/// A refusal from either endpoint (RFC 6749 §5.2 and RFC 8628 §3.5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TokenError {
    pub error: TokenErrorCode,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_description: Option<String>,
    /// With `slow_down`: the interval to use from now on, in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval: Option<u64>,
}

/// The error codes of RFC 8628 §3.5 and the RFC 6749 ones the endpoints use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TokenErrorCode {
    /// The person has not approved or denied yet: poll again after the interval.
    AuthorizationPending,
    /// Polled too soon: the interval grew by 5 seconds.
    SlowDown,
    /// The person denied the request.
    AccessDenied,
    /// The device code expired: start again.
    ExpiredToken,
    InvalidRequest,
    InvalidClient,
    /// The device code is unknown or already used.
    InvalidGrant,
    UnsupportedGrantType,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_codes_are_the_rfc_names() {
        for (code, name) in [
            (
                TokenErrorCode::AuthorizationPending,
                "authorization_pending",
            ),
            (TokenErrorCode::SlowDown, "slow_down"),
            (TokenErrorCode::AccessDenied, "access_denied"),
            (TokenErrorCode::ExpiredToken, "expired_token"),
            (TokenErrorCode::InvalidGrant, "invalid_grant"),
        ] {
            let json = serde_json::to_value(TokenError {
                error: code,
                error_description: None,
                interval: None,
            })
            .expect("json");
            assert_eq!(json["error"], name);
            assert!(json.get("interval").is_none());
        }
    }
}
