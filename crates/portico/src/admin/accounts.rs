//! `portico admin accounts find|show|disable|enable|end-sessions|send-reset`: answering "I
//! can't sign in" and acting on an incident.

use serde_json::json;
use sqlx::PgPool;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use super::{Answer, Change, Refused, confirmed, operator_client, store};
use crate::app::AppState;
use crate::audit::{self, Kind};
use crate::outbox::{self, Message};
use crate::text::format_time;

#[derive(Debug, clap::Subcommand)]
pub enum AccountsCommand {
    /// Accounts by an alias (any way of writing an email or a phone number, as sign-in reads
    /// it) or by id.
    Find {
        who: String,
        #[arg(long)]
        json: bool,
    },
    /// One account: aliases, live sessions, devices, linked identities, recent activity, and
    /// the messages of the past day to its addresses (never their content).
    Show {
        id: Uuid,
        #[arg(long)]
        json: bool,
    },
    /// Disable: every session, device token and app token ends, sign-in is refused with the
    /// usual message, and the account's addresses are told.
    Disable {
        id: Uuid,
        #[command(flatten)]
        change: Change,
        #[arg(long)]
        json: bool,
    },
    /// Enable a disabled account again.
    Enable {
        id: Uuid,
        #[command(flatten)]
        change: Change,
        #[arg(long)]
        json: bool,
    },
    /// End every session of the account, in every browser.
    EndSessions {
        id: Uuid,
        #[command(flatten)]
        change: Change,
        #[arg(long)]
        json: bool,
    },
    /// Send the usual password reset code to a verified alias, under the usual limits; the
    /// person enters it on the reset page and chooses a password. Never sets one.
    SendReset {
        alias: String,
        #[command(flatten)]
        change: Change,
        #[arg(long)]
        json: bool,
    },
}

impl AccountsCommand {
    pub fn json(&self) -> bool {
        match self {
            Self::Find { json, .. }
            | Self::Show { json, .. }
            | Self::Disable { json, .. }
            | Self::Enable { json, .. }
            | Self::EndSessions { json, .. }
            | Self::SendReset { json, .. } => *json,
        }
    }
}

fn ts(t: OffsetDateTime) -> String {
    format_time(t)
}

pub async fn run(
    app: &AppState,
    command: &AccountsCommand,
    now: OffsetDateTime,
) -> anyhow::Result<Answer> {
    let db = &app.db;
    match command {
        AccountsCommand::Find { who, .. } => find(db, who, region(app)).await,
        AccountsCommand::Show { id, .. } => show(db, *id, now).await,
        AccountsCommand::Disable { id, change, .. } => disable(db, *id, change, now).await,
        AccountsCommand::Enable { id, change, .. } => enable(db, *id, change, now).await,
        AccountsCommand::EndSessions { id, change, .. } => end_sessions(db, *id, change, now).await,
        AccountsCommand::SendReset { alias, change, .. } => {
            super::reset::send_reset(app, alias, change).await
        }
    }
}

/// The country a phone number written without `+` is read in, as sign-in reads it.
pub(super) fn region(app: &AppState) -> &str {
    app.config.default_region.as_deref().unwrap_or_default()
}

/// An alias as the operator typed it, read as sign-in reads it.
pub(super) fn alias_of(who: &str, region: &str) -> anyhow::Result<crate::contact::Destination> {
    Ok(
        crate::signup::form::parse_address(who, region).map_err(|e| {
            Refused(format!(
                "{who:?} is not an account id, an email address or a phone number: {e}"
            ))
        })?,
    )
}

async fn find(db: &PgPool, who: &str, default_region: &str) -> anyhow::Result<Answer> {
    let mut conn = db.acquire().await?;
    let accounts = match Uuid::parse_str(who.trim()) {
        Ok(id) => store::account(&mut conn, id).await?.into_iter().collect(),
        Err(_) => {
            let address = alias_of(who, default_region)?;
            store::accounts_with_alias(&mut conn, &address.normalized()).await?
        }
    };
    let rows = accounts
        .iter()
        .map(|a| {
            vec![
                a.id.to_string(),
                a.display_name.clone(),
                a.status.clone(),
                ts(a.created_at),
            ]
        })
        .collect();
    Ok(Answer::table(
        vec!["id", "name", "status", "created"],
        rows,
        &accounts,
    ))
}

async fn known(conn: &mut sqlx::PgConnection, id: Uuid) -> anyhow::Result<store::AccountRow> {
    Ok(store::account(conn, id)
        .await?
        .ok_or_else(|| Refused(format!("no account has id {id}")))?)
}

/// A closing account is the person's to reopen (by signing in) or the worker's to delete:
/// an operator neither disables nor enables it.
fn not_closing(account: store::AccountRow) -> anyhow::Result<store::AccountRow> {
    if account.status == "closing" {
        return Err(Refused(format!(
            "{} is closing at its owner's request: it is deleted after its grace period unless they sign in and reopen it",
            account.id
        ))
        .into());
    }
    Ok(account)
}

async fn show(db: &PgPool, id: Uuid, now: OffsetDateTime) -> anyhow::Result<Answer> {
    let mut conn = db.acquire().await?;
    let account = known(&mut conn, id).await?;
    let aliases = store::aliases(&mut conn, id).await?;
    let sessions = store::live_sessions(&mut conn, id, now).await?;
    let devices = store::devices(&mut conn, id).await?;
    let identities = store::identities(&mut conn, id).await?;
    let events = audit::recent(&mut conn, id, now, 20).await?;
    let messages = store::recent_messages(&mut conn, id, now - Duration::days(1)).await?;
    let mut text = vec![
        format!("{}  {}", account.id, account.display_name),
        format!(
            "status {} · created {} · password {}",
            account.status,
            ts(account.created_at),
            if account.has_password { "set" } else { "none" }
        ),
        String::new(),
        "Aliases:".to_owned(),
    ];
    for a in &aliases {
        let mut flags = Vec::new();
        flags.push(if a.verified { "verified" } else { "pending" });
        if a.primary {
            flags.push("primary");
        }
        if a.sign_in {
            flags.push("signs in");
        }
        text.push(format!(
            "  {:<6} {}  ({})",
            a.kind,
            a.value,
            flags.join(", ")
        ));
    }
    text.push(format!("Live sessions: {}", sessions.len()));
    for s in &sessions {
        text.push(format!(
            "  {}  last seen {}  {}  {}",
            s.id,
            ts(s.last_seen_at),
            s.ip.as_deref().unwrap_or("-"),
            s.user_agent.as_deref().unwrap_or("-")
        ));
    }
    text.push(format!("Devices: {}", devices.len()));
    for d in &devices {
        text.push(format!(
            "  {}  {}  last seen {}",
            d.id,
            d.name,
            d.last_seen_at.as_deref().unwrap_or("never")
        ));
    }
    text.push(format!("Linked identities: {}", identities.len()));
    for i in &identities {
        text.push(format!("  {}  linked {}", i.provider, ts(i.linked_at)));
    }
    text.push("Recent activity:".to_owned());
    for e in &events {
        text.push(format!(
            "  {}  {}  {}",
            ts(e.at),
            audit::describe::title(&e.kind, &e.details),
            e.ip.map(|ip| ip.ip().to_string()).unwrap_or_default()
        ));
    }
    text.push("Messages of the past day:".to_owned());
    for m in &messages {
        text.push(format!(
            "  {}  {} to {}  {}  {}{}",
            ts(m.created_at),
            m.template,
            m.recipient,
            m.state,
            m.delivery_status.as_deref().unwrap_or(""),
            m.last_error
                .as_deref()
                .map(|e| format!("  ({e})"))
                .unwrap_or_default()
        ));
    }
    let json = json!({
        "account": account,
        "aliases": aliases,
        "sessions": sessions,
        "devices": devices,
        "identities": identities,
        "events": events.iter().map(|e| json!({
            "kind": e.kind,
            "at": e.at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default(),
            "ip": e.ip.map(|ip| ip.ip().to_string()),
            "details": e.details,
        })).collect::<Vec<_>>(),
        "messages": messages,
    });
    Ok(Answer::Said {
        text: text.join("\n"),
        json,
    })
}

async fn disable(
    db: &PgPool,
    id: Uuid,
    change: &Change,
    now: OffsetDateTime,
) -> anyhow::Result<Answer> {
    let mut tx = db.begin().await?;
    let account = not_closing(known(&mut tx, id).await?)?;
    confirmed(
        change,
        &format!(
            "disable {} ({}): end its sessions and device tokens",
            account.display_name, id
        ),
    )?;
    if !store::set_status(&mut tx, id, "disabled").await? {
        return Ok(Answer::Said {
            text: format!("{id} was already disabled"),
            json: json!({ "id": id, "changed": false }),
        });
    }
    let sessions = crate::sessions::store::end_all_for_account(&mut tx, id, now).await?;
    let devices = crate::devices::revoke_all_tokens(&mut tx, id, now).await?;
    let apps = crate::idp::store::revoke_all_for_account(&mut tx, id, now).await?;
    let details = change.details(json!({
        "sessions_ended": sessions,
        "device_tokens_revoked": devices,
        "app_token_families_revoked": apps,
    }));
    audit::record(
        &mut tx,
        now,
        id,
        Kind::AccountDisabled,
        &operator_client(),
        details,
    )
    .await?;
    outbox::to_verified_aliases(
        &mut tx,
        now,
        id,
        &Message::AccountDisabled {
            at: crate::text::stamp(now),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Answer::Said {
        text: format!(
            "{id} disabled: {sessions} session(s) ended, {devices} device token(s) and {apps} app grant(s) revoked; its addresses are told"
        ),
        json: json!({
            "id": id, "changed": true, "sessions_ended": sessions,
            "device_tokens_revoked": devices, "app_token_families_revoked": apps,
        }),
    })
}

async fn enable(
    db: &PgPool,
    id: Uuid,
    change: &Change,
    now: OffsetDateTime,
) -> anyhow::Result<Answer> {
    let mut tx = db.begin().await?;
    let account = not_closing(known(&mut tx, id).await?)?;
    confirmed(
        change,
        &format!("enable {} ({id}) again", account.display_name),
    )?;
    let changed = store::set_status(&mut tx, id, "active").await?;
    if changed {
        let details = change.details(json!({}));
        audit::record(
            &mut tx,
            now,
            id,
            Kind::AccountEnabled,
            &operator_client(),
            details,
        )
        .await?;
    }
    tx.commit().await?;
    let text = if changed {
        format!("{id} enabled: it can sign in again")
    } else {
        format!("{id} was not disabled")
    };
    Ok(Answer::Said {
        text,
        json: json!({ "id": id, "changed": changed }),
    })
}

async fn end_sessions(
    db: &PgPool,
    id: Uuid,
    change: &Change,
    now: OffsetDateTime,
) -> anyhow::Result<Answer> {
    let mut tx = db.begin().await?;
    let account = known(&mut tx, id).await?;
    confirmed(
        change,
        &format!("sign {} ({id}) out everywhere", account.display_name),
    )?;
    let ended = crate::sessions::store::end_all_for_account(&mut tx, id, now).await?;
    let details = change.details(json!({ "sessions_ended": ended }));
    audit::record(
        &mut tx,
        now,
        id,
        Kind::SessionsEndedByOperator,
        &operator_client(),
        details,
    )
    .await?;
    tx.commit().await?;
    Ok(Answer::Said {
        text: format!("{id}: {ended} session(s) ended"),
        json: json!({ "id": id, "sessions_ended": ended }),
    })
}
