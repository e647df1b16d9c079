//! The agent API's OpenAPI document, served at `/api/agent/v1/openapi.json` and built from
//! the handlers' own annotations and the wire types, so it cannot drift from the code.

use axum::Json;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

/// The device token as a bearer credential.
struct DeviceToken;

impl Modify for DeviceToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "device_token",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Portico agent API",
        version = "1",
        description = "How portico-agent links a PC (RFC 8628) and reports its facts and activation state."
    ),
    paths(super::grant::authorize, super::grant::token, super::report::receive),
    modifiers(&DeviceToken),
)]
#[derive(Debug)]
pub struct AgentApi;

/// No control characters (Unicode Cc), as the server checks every text field of a report.
pub const NO_CONTROL: &str = "^[^\\u0000-\\u001F\\u007F-\\u009F]*$";
/// No control characters, and at least one that is not white space (names, products).
pub const VISIBLE: &str = "^[^\\u0000-\\u001F\\u007F-\\u009F]*[^\\s\\u0000-\\u001F\\u007F-\\u009F][^\\u0000-\\u001F\\u007F-\\u009F]*$";

/// The report's schemas whose text the server checks (see `report::validate`).
const REPORT_SCHEMAS: &[&str] = &[
    "Report",
    "Agent",
    "DeviceFacts",
    "Activation",
    "License",
    "Specs",
    "Drive",
    "Tpm",
    "VolumeEncryption",
    "RecoveryKey",
];

/// The document, with what the derive cannot say written in one place: every report text
/// field refuses control characters, names must show something, and a license's key hash
/// and last five characters come together.
pub fn document_json() -> serde_json::Value {
    let mut doc = serde_json::to_value(AgentApi::openapi()).unwrap_or_default();
    let schemas = &mut doc["components"]["schemas"];
    for name in REPORT_SCHEMAS {
        let Some(properties) = schemas[*name]["properties"].as_object_mut() else {
            continue;
        };
        for property in properties.values_mut() {
            let is_text = match &property["type"] {
                serde_json::Value::String(t) => t == "string",
                serde_json::Value::Array(ts) => ts.iter().any(|t| t == "string"),
                _ => false,
            };
            if is_text && property.get("pattern").is_none() && property.get("enum").is_none() {
                property["pattern"] = NO_CONTROL.into();
            }
        }
    }
    schemas["DeviceFacts"]["properties"]["name"]["pattern"] = VISIBLE.into();
    schemas["License"]["properties"]["product"]["pattern"] = VISIBLE.into();
    schemas["Drive"]["properties"]["name"]["pattern"] = VISIBLE.into();
    schemas["VolumeEncryption"]["properties"]["volume"]["pattern"] = VISIBLE.into();
    schemas["RecoveryKey"]["properties"]["volume"]["pattern"] = VISIBLE.into();
    // Both given, or neither (absent or null).
    schemas["License"]["anyOf"] = serde_json::json!([
        {
            "required": ["key_sha256", "last5"],
            "properties": { "key_sha256": { "type": "string" }, "last5": { "type": "string" } }
        },
        { "properties": { "key_sha256": { "type": "null" }, "last5": { "type": "null" } } }
    ]);
    doc
}

/// `GET /api/agent/v1/openapi.json`
pub async fn document() -> Json<serde_json::Value> {
    Json(document_json())
}
