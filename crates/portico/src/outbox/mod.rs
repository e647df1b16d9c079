//! The transactional outbox: messages are rows written with the change that causes them,
//! and a worker delivers them after commit, with retries. No request ever talks to SMTP or
//! Twilio.

pub mod backoff;
pub mod dev;
pub mod email;
pub mod message;
#[cfg(test)]
mod message_snapshots;
pub mod status_hook;
pub mod store;
mod templates;
pub mod twilio;
pub mod worker;

pub use message::{Message, RenderContext};
pub use store::enqueue;
pub use worker::Deliverer;

/// A failed delivery attempt: whether trying again can help, and what went wrong (logged
/// and kept on the row; never contains the message body).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendError {
    pub permanent: bool,
    pub message: String,
}

impl SendError {
    pub fn permanent(message: impl Into<String>) -> Self {
        Self {
            permanent: true,
            message: message.into(),
        }
    }

    pub fn retryable(message: impl Into<String>) -> Self {
        Self {
            permanent: false,
            message: message.into(),
        }
    }
}
