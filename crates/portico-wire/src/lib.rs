#![doc = include_str!("../README.md")]

pub mod bitlocker;
mod integral;
pub mod link;
pub mod os;
pub mod report;
mod shape;

use serde::{Deserialize, Serialize};

/// Path prefix of version 1 of the agent API.
pub const API_PREFIX: &str = "/api/agent/v1";

/// Media type of an RFC 9457 problem document.
pub const PROBLEM_CONTENT_TYPE: &str = "application/problem+json";

/// An RFC 9457 problem document.
///
/// `type` defaults to `about:blank`; `request_id` is an extension member that lets a
/// person quote the failing request to an operator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Problem {
    #[serde(rename = "type", default = "about_blank")]
    pub type_uri: String,
    pub title: String,
    pub status: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

fn about_blank() -> String {
    "about:blank".to_owned()
}

impl Problem {
    /// A problem of type `about:blank` with the given status and title.
    pub fn new(status: u16, title: impl Into<String>) -> Self {
        Self {
            type_uri: about_blank(),
            title: title.into(),
            status,
            detail: None,
            instance: None,
            request_id: None,
        }
    }

    /// Adds a human-readable explanation specific to this occurrence.
    #[must_use]
    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    /// Adds the request id the server assigned to the failing request.
    #[must_use]
    pub fn with_request_id(mut self, request_id: impl Into<String>) -> Self {
        self.request_id = Some(request_id.into());
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problem_serialises_with_rfc9457_member_names() {
        let problem = Problem::new(404, "Not Found").with_request_id("r-1");
        let json = serde_json::to_value(&problem).expect("serialise");
        assert_eq!(json["type"], "about:blank");
        assert_eq!(json["status"], 404);
        assert_eq!(json["request_id"], "r-1");
        assert!(json.get("detail").is_none(), "absent members are omitted");
    }

    #[test]
    fn problem_without_type_reads_as_about_blank() {
        let problem: Problem =
            serde_json::from_str(r#"{"title":"Gone","status":410,"extra":1}"#).expect("parse");
        assert_eq!(problem.type_uri, "about:blank");
        assert_eq!(problem.status, 410);
    }
}
