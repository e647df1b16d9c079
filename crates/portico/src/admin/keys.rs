//! `portico admin keys rotate`: makes again, with the current secret key, what the previous
//! one keyed or sealed (see `rotation`), and says whether the previous key is still needed.

use serde_json::json;
use sqlx::PgPool;

use super::{Answer, Change, confirmed};
use crate::crypto::Keys;
use crate::rotation::{self, Progress};

#[derive(Debug, clap::Subcommand)]
pub enum KeysCommand {
    /// Key again with PORTICO_SECRET_KEY what PORTICO_SECRET_KEY_PREVIOUS made (license
    /// fingerprints, sealed recovery passwords and signing keys). Safe to run again at any
    /// time; the worker also runs it hourly.
    Rotate {
        #[command(flatten)]
        change: Change,
        #[arg(long)]
        json: bool,
    },
}

impl KeysCommand {
    pub fn json(&self) -> bool {
        match self {
            Self::Rotate { json, .. } => *json,
        }
    }
}

pub async fn run(db: &PgPool, keys: &Keys, command: &KeysCommand) -> anyhow::Result<Answer> {
    let KeysCommand::Rotate { change, .. } = command;
    let (current, previous) = keys.ids();
    let mut conn = db.acquire().await?;
    if previous.is_none() {
        let progress = rotation::rekey(&mut conn, keys, false).await?;
        let mut text = format!(
            "No rotation under way: PORTICO_SECRET_KEY_PREVIOUS is not set (current key id {current}).\n\
             To rotate: set PORTICO_SECRET_KEY_PREVIOUS to the current key and PORTICO_SECRET_KEY \
             to a new one on every instance, restart them, then run this command."
        );
        if progress.licenses_waiting > 0 {
            text.push_str(&format!(
                "\n{} license(s) are keyed with a key that is no longer configured: their PCs' \
                 next reports list them again as new licenses.",
                progress.licenses_waiting
            ));
        }
        return Ok(said(text, current.to_string(), None, &progress));
    }
    let would = rotation::rekey(&mut conn, keys, false).await?;
    confirmed(
        change,
        &format!(
            "key again {} license(s) and seal again {} recovery password(s) and {} signing key(s)",
            would.licenses_rekeyed, would.recovery_keys_resealed, would.signing_keys_resealed
        ),
    )?;
    let done = rotation::rekey(&mut conn, keys, true).await?;
    tracing::info!(
        operator = %Change::operator(),
        reason = %change.reason,
        licenses = done.licenses_rekeyed,
        recovery_keys = done.recovery_keys_resealed,
        signing_keys = done.signing_keys_resealed,
        "keys rotate: re-keyed with the current secret key"
    );
    let mut text = format!(
        "Keyed again with the current key ({current}): {} license(s), {} recovery password(s), \
         {} signing key(s).",
        done.licenses_rekeyed, done.recovery_keys_resealed, done.signing_keys_resealed
    );
    if done.licenses_waiting > 0 {
        text.push_str(&format!(
            "\n{} license(s) of product keys are keyed again when their PC next reports \
             (agents report daily): keep PORTICO_SECRET_KEY_PREVIOUS and run this again later.",
            done.licenses_waiting
        ));
    }
    if done.unreadable > 0 {
        text.push_str(&format!(
            "\n{} sealed value(s) open with neither key: they were sealed with a key that is no \
             longer configured.",
            done.unreadable
        ));
    }
    if done.finished() {
        text.push_str(
            "\nNothing stored needs the previous key any more. Remove PORTICO_SECRET_KEY_PREVIOUS \
             once a day has passed since the new key took over (codes and open forms made \
             before it still need the old one until then).",
        );
    }
    Ok(said(
        text,
        current.to_string(),
        previous.map(|p| p.to_string()),
        &done,
    ))
}

fn said(text: String, current: String, previous: Option<String>, progress: &Progress) -> Answer {
    let mut json = json!({ "current_key_id": current, "previous_key_id": previous });
    if let (Some(map), Ok(serde_json::Value::Object(more))) =
        (json.as_object_mut(), serde_json::to_value(progress))
    {
        map.extend(more);
        map.insert("finished".to_owned(), progress.finished().into());
    }
    Answer::Said { text, json }
}
