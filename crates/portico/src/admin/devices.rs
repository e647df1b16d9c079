//! `portico admin devices show|revoke` and `portico admin purge --now`.

use serde_json::json;
use sqlx::PgPool;
use time::OffsetDateTime;
use uuid::Uuid;

use super::{Answer, Change, Refused, confirmed, operator_client, store};
use crate::audit::{self, Kind};
use crate::text::format_time;

#[derive(Debug, clap::Subcommand)]
pub enum DevicesCommand {
    /// One PC: its account, name, OS, when it was linked and last seen, its live tokens.
    Show {
        id: Uuid,
        #[arg(long)]
        json: bool,
    },
    /// End the PC's tokens: its agent is refused from its next report on (it stays listed
    /// on the account's Devices page until the person removes it).
    Revoke {
        id: Uuid,
        #[command(flatten)]
        change: Change,
        #[arg(long)]
        json: bool,
    },
}

impl DevicesCommand {
    pub fn json(&self) -> bool {
        match self {
            Self::Show { json, .. } | Self::Revoke { json, .. } => *json,
        }
    }
}

pub async fn run(
    db: &PgPool,
    command: &DevicesCommand,
    now: OffsetDateTime,
) -> anyhow::Result<Answer> {
    let mut tx = db.begin().await?;
    let id = match command {
        DevicesCommand::Show { id, .. } | DevicesCommand::Revoke { id, .. } => *id,
    };
    let device = store::device(&mut tx, id)
        .await?
        .ok_or_else(|| Refused(format!("no device has id {id}")))?;
    match command {
        DevicesCommand::Show { .. } => {
            let text = [
                format!("{}  {}", device.id, device.name),
                format!("account {}", device.account_id),
                format!(
                    "{} · {}",
                    device.os.as_deref().unwrap_or("unknown OS"),
                    device.model.as_deref().unwrap_or("unknown model")
                ),
                format!(
                    "linked {} · last seen {}{}",
                    format_time(device.linked_at),
                    device.last_seen_at.map_or("never".to_owned(), format_time),
                    if device.removed { " · removed" } else { "" }
                ),
                format!("live tokens: {}", device.live_tokens),
            ]
            .join("\n");
            Ok(Answer::Said {
                text,
                json: serde_json::to_value(&device)?,
            })
        }
        DevicesCommand::Revoke { change, .. } => {
            confirmed(change, &format!("end the tokens of {} ({id})", device.name))?;
            let revoked = store::revoke_device(&mut tx, id, now).await?;
            let client = operator_client();
            let details =
                change.details(json!({ "device": device.name, "tokens_revoked": revoked }));
            audit::record(
                &mut tx,
                now,
                device.account_id,
                Kind::DeviceRevokedByOperator,
                &client,
                details,
            )
            .await?;
            tx.commit().await?;
            Ok(Answer::Said {
                text: format!("{id}: {revoked} token(s) revoked"),
                json: json!({ "id": id, "tokens_revoked": revoked }),
            })
        }
    }
}

/// `purge --now`: every retention job once.
pub async fn purge(db: &PgPool, now: OffsetDateTime) -> anyhow::Result<Answer> {
    let mut conn = db.acquire().await?;
    let done = crate::worker::purge_once(&mut conn, now).await;
    let rows = done
        .iter()
        .map(|(job, outcome)| {
            vec![
                (*job).to_owned(),
                match outcome {
                    Ok(n) => n.to_string(),
                    Err(e) => format!("failed: {e}"),
                },
            ]
        })
        .collect();
    let json: serde_json::Map<String, serde_json::Value> = done
        .iter()
        .map(|(job, outcome)| {
            let v = match outcome {
                Ok(n) => json!(n),
                Err(e) => json!({ "error": e }),
            };
            ((*job).to_owned(), v)
        })
        .collect();
    if done.iter().any(|(_, o)| o.is_err()) {
        anyhow::bail!("a retention job failed (see the log above)");
    }
    Ok(Answer::Table {
        headers: vec!["job", "removed"],
        rows,
        json: serde_json::Value::Object(json),
    })
}
