//! Rotating the secret key without downtime. Everything keyed or sealed with a key derived
//! from `PORTICO_SECRET_KEY` is made with the current key; while
//! `PORTICO_SECRET_KEY_PREVIOUS` is set, what the previous key made still verifies and opens
//! (`crypto::Keys`). What is stored keyed or sealed is made again with the current key by
//! [`rekey`], which `portico admin keys rotate` and the worker run: page by page, each page
//! kept once written, so it may stop and start again at any point and run on several
//! workers at once.
//!
//! What cannot be made again from the database waits for its source: a product key's
//! fingerprint is keyed again when its PC next reports (`licenses::apply`). Codes and form
//! tokens are never re-keyed: they live minutes to hours, and the previous key verifies
//! them meanwhile.

pub mod store;

use serde::Serialize;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::crypto::{Generation, KeyId, Keys, SEAL_KEY_ID};
use crate::licenses::rules::device_fingerprints;

/// What one pass did (or, not applied, would do).
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
pub struct Progress {
    /// Whether `PORTICO_SECRET_KEY_PREVIOUS` is set.
    pub rotating: bool,
    /// Licenses tied to a device, keyed again with the current key.
    pub licenses_rekeyed: u64,
    /// Licenses still keyed with another key: a product key's, until its PC next reports;
    /// without a previous key configured, ones no configured key made.
    pub licenses_waiting: u64,
    /// BitLocker recovery passwords sealed again.
    pub recovery_keys_resealed: u64,
    /// ID token signing keys sealed again.
    pub signing_keys_resealed: u64,
    /// Sealed values that neither configured key opens.
    pub unreadable: u64,
}

impl Progress {
    /// Whether nothing stored needs the previous key any more.
    pub fn finished(&self) -> bool {
        self.licenses_waiting == 0 && self.unreadable == 0
    }

    pub fn changed(&self) -> bool {
        self.licenses_rekeyed + self.recovery_keys_resealed + self.signing_keys_resealed > 0
    }
}

/// One pass over everything stored keyed or sealed with the previous key: made again with
/// the current one when `apply`, only counted otherwise.
pub async fn rekey(conn: &mut PgConnection, keys: &Keys, apply: bool) -> sqlx::Result<Progress> {
    let (current, previous) = keys.ids();
    let mut progress = Progress {
        rotating: previous.is_some(),
        ..Progress::default()
    };
    // Rows from before `keyed_with` were made with the oldest key configured: the only one
    // then, or the one being rotated out now.
    if apply {
        store::stamp_unkeyed(conn, &previous.unwrap_or(current).0).await?;
    }
    match previous {
        Some(previous) => rekey_licenses(conn, keys, previous, apply, &mut progress).await?,
        None => progress.licenses_waiting = count(store::licenses_left(conn, &current.0).await?),
    }
    // Without a previous key nothing can be sealed again, but a check (not applied) still
    // reads every sealed value: one that does not open was sealed with a key removed too
    // early.
    if previous.is_some() || !apply {
        reseal(conn, keys, apply, &mut progress).await?;
    }
    Ok(progress)
}

async fn rekey_licenses(
    conn: &mut PgConnection,
    keys: &Keys,
    previous: KeyId,
    apply: bool,
    progress: &mut Progress,
) -> sqlx::Result<()> {
    let (current, _) = keys.ids();
    let mut after = Uuid::nil();
    loop {
        let page = store::device_licenses(conn, &previous.0, after).await?;
        let Some(last) = page.last() else { break };
        after = last.id;
        for license in &page {
            let made =
                device_fingerprints(keys, license.device_id, &license.product, &license.edition);
            // Stored from the report's own words, which the stored ones may not repeat
            // exactly: only a fingerprint that matches is replaced; the rest wait for a report.
            if !made.iter().any(|(f, _)| f[..] == license.fingerprint[..]) {
                continue;
            }
            let (fingerprint, _) = made[0];
            if !apply
                || store::rekey_license(
                    conn,
                    license.id,
                    &license.fingerprint,
                    &fingerprint,
                    &current.0,
                )
                .await?
            {
                progress.licenses_rekeyed += 1;
            }
        }
    }
    let left = count(store::licenses_left(conn, &current.0).await?);
    progress.licenses_waiting = if apply {
        left
    } else {
        left.saturating_sub(progress.licenses_rekeyed)
    };
    Ok(())
}

async fn reseal(
    conn: &mut PgConnection,
    keys: &Keys,
    apply: bool,
    progress: &mut Progress,
) -> sqlx::Result<()> {
    let mut after = Uuid::nil();
    loop {
        let page = store::recovery_keys(conn, after).await?;
        let Some(last) = page.last() else { break };
        after = last.id;
        for key in &page {
            let context = crate::recovery::rules::seal_context(&key.device_id, &key.protector_id);
            match keys.open_aged(key.seal_key_id, &key.sealed_password, &context) {
                Some((_, Generation::Current)) => {}
                Some((password, Generation::Previous)) => {
                    let sealed = keys.seal(&password, &context);
                    if !apply
                        || store::reseal_recovery_key(
                            conn,
                            key.id,
                            &key.sealed_password,
                            sealed.key_id,
                            &sealed.bytes,
                        )
                        .await?
                    {
                        progress.recovery_keys_resealed += 1;
                    }
                }
                None => progress.unreadable += 1,
            }
        }
    }

    for key in store::signing_keys(conn).await? {
        let context = crate::idp::keys::seal_context(&key.kid);
        match keys.open_aged(key.seal_key_id, &key.private_key, &context) {
            Some((_, Generation::Current)) => {}
            Some((secret, Generation::Previous)) => {
                let sealed = keys.seal(&secret, &context);
                debug_assert_eq!(sealed.key_id, SEAL_KEY_ID);
                if !apply
                    || store::reseal_signing_key(
                        conn,
                        &key.kid,
                        &key.private_key,
                        sealed.key_id,
                        &sealed.bytes,
                    )
                    .await?
                {
                    progress.signing_keys_resealed += 1;
                }
            }
            None => progress.unreadable += 1,
        }
    }
    Ok(())
}

fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}
