//! The transactional outbox: messages are rows written with the change that causes them,
//! and a worker delivers them after commit, with retries. No request ever talks to SMTP or
//! Twilio.

pub mod backoff;
mod context;
pub mod dev;
pub mod email;
pub mod message;
#[cfg(test)]
mod message_snapshots;
mod render;
pub mod status_hook;
pub mod store;
mod templates;
pub mod twilio;
pub mod worker;

pub use message::{Message, RenderContext};
pub use store::enqueue;
pub use worker::Deliverer;

/// Queues `message` to every verified alias of the account, in the caller's transaction:
/// what every security notice does.
pub async fn to_verified_aliases(
    conn: &mut sqlx::PgConnection,
    now: time::OffsetDateTime,
    account_id: uuid::Uuid,
    message: &Message,
) -> sqlx::Result<()> {
    let (_, aliases) = crate::auth::accounts::name_and_verified_aliases(conn, account_id).await?;
    for alias in &aliases {
        enqueue(conn, now, alias.channel(), &alias.address(), message).await?;
    }
    Ok(())
}

/// Queues `message` to where the account's security notices go: its primary address, or
/// every verified one when the person chose so (on the privacy page).
pub async fn to_notice_recipients(
    conn: &mut sqlx::PgConnection,
    now: time::OffsetDateTime,
    account_id: uuid::Uuid,
    message: &Message,
) -> sqlx::Result<()> {
    for (kind, value) in store::notice_recipients(conn, account_id).await? {
        if let Some(to) = crate::contact::Destination::from_stored(&kind, &value) {
            enqueue(conn, now, to.channel(), &to.address(), message).await?;
        }
    }
    Ok(())
}

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
