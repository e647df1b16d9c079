//! PCs linked to an account: linking through the device authorization grant (RFC 8628),
//! then the reports of their agents.

pub mod activation;
pub mod grant;
pub mod link;
pub mod manage;
pub mod openapi;
pub mod pages;
pub mod report;
pub mod store;
pub mod user_code;

/// A field a report may not carry as it is: which, and why (the problem's `detail`).
#[derive(Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub why: &'static str,
}

/// How long a location is kept.
pub const LOCATIONS_KEPT: time::Duration = time::Duration::days(30);

pub use store::{prune, revoke_all_tokens};
