//! `portico admin outbox stats|list`: what waits, retries or died. Codes live in the
//! payload, which is never read here.

use sqlx::PgPool;

use serde_json::json;
use uuid::Uuid;

use super::{Answer, Change, Refused, store};

#[derive(Debug, clap::Subcommand)]
pub enum OutboxCommand {
    /// Per channel: queued, retrying, dead, and how long the oldest unsent one has waited.
    Stats {
        #[arg(long)]
        json: bool,
    },
    /// The messages that died (or, with --retrying, that are being retried).
    List {
        /// Dead letters (the default).
        #[arg(long, conflicts_with = "retrying")]
        dead: bool,
        /// Messages waiting for another attempt.
        #[arg(long)]
        retrying: bool,
        #[arg(long)]
        json: bool,
    },
    /// Put a dead message (or every dead one) back in the queue. Codes are not retried:
    /// theirs were wiped; the person asks for a new one.
    Retry {
        /// The message's id (from `outbox list`).
        #[arg(required_unless_present = "all_dead")]
        id: Option<Uuid>,
        /// Every dead message.
        #[arg(long, conflicts_with = "id")]
        all_dead: bool,
        #[command(flatten)]
        change: Change,
        #[arg(long)]
        json: bool,
    },
    /// Give up on a message that has not been sent.
    Discard {
        id: Uuid,
        #[command(flatten)]
        change: Change,
        #[arg(long)]
        json: bool,
    },
}

impl OutboxCommand {
    pub fn json(&self) -> bool {
        match self {
            Self::Stats { json }
            | Self::List { json, .. }
            | Self::Retry { json, .. }
            | Self::Discard { json, .. } => *json,
        }
    }
}

pub async fn run(
    db: &PgPool,
    command: &OutboxCommand,
    now: time::OffsetDateTime,
) -> anyhow::Result<Answer> {
    let mut conn = db.acquire().await?;
    Ok(match command {
        OutboxCommand::Stats { .. } => {
            let stats = crate::outbox::store::stats(&mut conn, now).await?;
            let rows = stats
                .iter()
                .map(|s| {
                    vec![
                        s.channel.clone(),
                        s.queued.to_string(),
                        s.retrying.to_string(),
                        s.dead.to_string(),
                        s.oldest_waiting_secs
                            .map_or("-".to_owned(), |s| format!("{s} s")),
                    ]
                })
                .collect();
            Answer::table(
                vec!["channel", "queued", "retrying", "dead", "oldest waiting"],
                rows,
                &stats,
            )
        }
        OutboxCommand::List { retrying, .. } => {
            let messages = store::messages_in_state(&mut conn, !retrying).await?;
            let rows = messages
                .iter()
                .map(|m| {
                    vec![
                        m.id.to_string(),
                        m.channel.clone(),
                        m.recipient.clone(),
                        m.template.clone(),
                        m.attempts.to_string(),
                        m.last_error.clone().unwrap_or_default(),
                    ]
                })
                .collect();
            Answer::table(
                vec!["id", "channel", "to", "template", "attempts", "last error"],
                rows,
                &messages,
            )
        }
        OutboxCommand::Retry { id, change, .. } => {
            let which = id.map_or("every dead message".to_owned(), |id| {
                format!("message {id}")
            });
            super::confirmed(change, &format!("put {which} back in the queue"))?;
            let retried = store::retry(&mut conn, *id, now).await?;
            if retried == 0 && id.is_some() {
                return Err(Refused(format!(
                    "{which} is not a dead message that can be retried (codes never are)"
                ))
                .into());
            }
            tracing::info!(operator = %Change::operator(), reason = %change.reason, retried, "outbox messages retried");
            Answer::Said {
                text: format!("{retried} message(s) back in the queue"),
                json: json!({ "retried": retried }),
            }
        }
        OutboxCommand::Discard { id, change, .. } => {
            super::confirmed(change, &format!("give up on message {id}"))?;
            let why = format!("discarded by {}: {}", Change::operator(), change.reason);
            if !store::discard(&mut conn, *id, &why, now).await? {
                return Err(Refused(format!("message {id} is not waiting to be sent")).into());
            }
            tracing::info!(operator = %Change::operator(), reason = %change.reason, %id, "outbox message discarded");
            Answer::Said {
                text: format!("message {id} discarded"),
                json: json!({ "discarded": id }),
            }
        }
    })
}
