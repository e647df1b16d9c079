//! The dev outbox: in development with no SMTP server or Twilio account, messages are
//! "delivered" to a table shown at `/dev/outbox`, and to the log.

use askama::Template;
use axum::extract::State;
use sqlx::PgPool;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::app::AppState;
use crate::contact::Channel;
use crate::ui::{Layout, PageResult, render_html};

/// Records a delivered message; a second delivery of the same outbox row changes nothing.
pub async fn deliver(
    pool: &PgPool,
    outbox_id: Uuid,
    channel: Channel,
    recipient: &str,
    subject: Option<&str>,
    body: &str,
    now: OffsetDateTime,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into dev_mailbox (outbox_id, channel, recipient, subject, body, delivered_at)
         values ($1, $2, $3, $4, $5, $6)
         on conflict (outbox_id) do nothing",
        outbox_id,
        channel.as_str(),
        recipient,
        subject,
        body,
        now
    )
    .execute(pool)
    .await?;
    // Development only: this is how a newcomer reads the code without a mail server.
    let channel = channel.as_str();
    tracing::info!(%channel, %recipient, subject = subject.unwrap_or(""), %body, "dev outbox: message delivered");
    Ok(())
}

#[derive(Debug)]
pub struct DevMessage {
    pub channel: String,
    pub recipient: String,
    pub subject: Option<String>,
    pub body: String,
    pub delivered_at: OffsetDateTime,
}

impl DevMessage {
    /// The first six-digit run in the body, shown large on the page.
    pub fn code(&self) -> Option<&str> {
        let bytes = self.body.as_bytes();
        (0..bytes.len().saturating_sub(5)).find_map(|i| {
            let run = &bytes[i..i + 6];
            let bounded = (i == 0 || !bytes[i - 1].is_ascii_digit())
                && bytes.get(i + 6).is_none_or(|b| !b.is_ascii_digit());
            (bounded && run.iter().all(u8::is_ascii_digit)).then(|| &self.body[i..i + 6])
        })
    }

    pub fn when(&self) -> String {
        let t = self.delivered_at;
        format!("{:02}:{:02}:{:02} UTC", t.hour(), t.minute(), t.second())
    }
}

pub async fn recent(pool: &PgPool, limit: i64) -> sqlx::Result<Vec<DevMessage>> {
    sqlx::query_as!(
        DevMessage,
        "select channel, recipient, subject, body, delivered_at from dev_mailbox
         order by id desc limit $1",
        limit
    )
    .fetch_all(pool)
    .await
}

#[derive(Template)]
#[template(path = "pages/dev/outbox.html")]
struct OutboxPage<'a> {
    layout: Layout<'a>,
    messages: Vec<DevMessage>,
}

/// `GET /dev/outbox`: the newest 50 messages, newest first.
pub async fn page(State(state): State<AppState>) -> PageResult {
    let messages = recent(&state.db, 50).await?;
    Ok(render_html(&OutboxPage {
        layout: Layout::new(&state, "Dev outbox"),
        messages,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(body: &str) -> DevMessage {
        DevMessage {
            channel: "sms".into(),
            recipient: "+15005550006".into(),
            subject: None,
            body: body.into(),
            delivered_at: OffsetDateTime::UNIX_EPOCH,
        }
    }

    #[test]
    fn finds_the_code_but_not_longer_numbers() {
        assert_eq!(
            message("042917 is your code\n\n@host #042917").code(),
            Some("042917")
        );
        assert_eq!(
            message("call 0123456789, code 111222.").code(),
            Some("111222")
        );
        assert_eq!(message("no code here").code(), None);
    }
}
