//! `portico admin outbox stats|list`: what waits, retries or died. Codes live in the
//! payload, which is never read here.

use sqlx::PgPool;

use super::Answer;
use super::store;

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
}

impl OutboxCommand {
    pub fn json(&self) -> bool {
        match self {
            Self::Stats { json } | Self::List { json, .. } => *json,
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
            let stats = store::outbox_stats(&mut conn, now).await?;
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
    })
}
