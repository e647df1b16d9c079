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

/// `GET /api/agent/v1/openapi.json`
pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(AgentApi::openapi())
}
