//! Sending the queue: where reports go, and what the portal's answers mean for the loop.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use portico_wire::report::Report;

use super::Event;
use crate::client::Delivery;
use crate::collect::RecoverySource;
use crate::queue::Queue;

/// Where reports go: the portal, or a stand-in in unit tests.
pub trait Transport {
    fn send(&self, report: &Report) -> impl Future<Output = Delivery> + Send;
}

/// The portal, with this PC's device token and one HTTP client for every send.
#[derive(Clone)]
pub struct Portal {
    server: String,
    token: String,
    client: reqwest::Client,
    recovery: RecoveryKeys,
}

impl std::fmt::Debug for Portal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Portal")
            .field("server", &self.server)
            .finish_non_exhaustive()
    }
}

/// Backing up the BitLocker recovery keys: while the portal says the person lets this PC
/// (at link time, then in every report's answer), the keys are read as each report leaves
/// and go with it. They are never written to the queue on disk, and a change of the
/// person's mind is kept in the state file at `state`.
#[derive(Clone)]
struct RecoveryKeys {
    source: Arc<dyn RecoverySource + Send + Sync>,
    backup: Arc<AtomicBool>,
    state: PathBuf,
}

impl Portal {
    /// The portal `linked` names; `recovery` is where this PC's recovery keys are read,
    /// and `state` the file the link is kept in.
    pub fn new(
        linked: &crate::state::Linked,
        recovery: Arc<dyn RecoverySource + Send + Sync>,
        state: PathBuf,
    ) -> anyhow::Result<Self> {
        Ok(Self {
            server: linked.server.clone(),
            token: linked.token.clone(),
            client: crate::client::http()?,
            recovery: RecoveryKeys {
                source: recovery,
                backup: Arc::new(AtomicBool::new(linked.backup_recovery_keys)),
                state,
            },
        })
    }

    /// `report` with the PC's recovery keys, when they are to go with it and can be read
    /// (else they go with a later report, and the portal keeps what it had).
    async fn with_recovery_keys(&self, report: &Report) -> Option<Report> {
        if !self.recovery.backup.load(Ordering::Relaxed) {
            return None;
        }
        let source = Arc::clone(&self.recovery.source);
        let read = tokio::task::spawn_blocking(move || source.recovery_passwords()).await;
        let found = read.ok()?.ok()??;
        let mut with = report.clone();
        with.recovery_keys = Some(
            found
                .iter()
                .take(portico_wire::report::MAX_RECOVERY_KEYS)
                .map(crate::bitlocker::Protector::to_wire)
                .collect(),
        );
        Some(with)
    }

    /// The portal said what the person lets this PC share: remembered, here and in the
    /// state file (which the next collection reads).
    fn heard(&self, heard: crate::client::Heard) {
        if let Some(backup) = heard.backup_recovery_keys {
            self.recovery.backup.store(backup, Ordering::Relaxed);
        }
        let path = &self.recovery.state;
        // The answer rules from now on; a state file that cannot be written leaves the old
        // choices for the next start only, until that start's first answer.
        if let Ok(Some(mut linked)) = crate::state::load(path) {
            let before = (
                linked.backup_recovery_keys,
                linked.portal_location,
                linked.share_hardware,
            );
            linked.backup_recovery_keys = heard
                .backup_recovery_keys
                .unwrap_or(linked.backup_recovery_keys);
            linked.portal_location = heard.location.unwrap_or(linked.portal_location);
            linked.share_hardware = heard.hardware.unwrap_or(linked.share_hardware);
            let after = (
                linked.backup_recovery_keys,
                linked.portal_location,
                linked.share_hardware,
            );
            if before != after {
                let _ = crate::state::save(path, &linked);
            }
        }
    }
}

impl Transport for Portal {
    async fn send(&self, report: &Report) -> Delivery {
        let with_keys = self.with_recovery_keys(report).await;
        let report = with_keys.as_ref().unwrap_or(report);
        let (delivery, heard) =
            crate::client::send_report(&self.client, &self.server, &self.token, report).await;
        if heard != crate::client::Heard::default() {
            self.heard(heard);
        }
        delivery
    }
}

/// Why `run` ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// Ctrl-C or a service stop.
    Asked,
    /// The PC was removed from its account on the portal.
    Removed,
    /// The portal no longer accepts this PC's token.
    Revoked,
}

/// How sending the queue went.
#[derive(Debug, PartialEq, Eq)]
pub enum Flushed {
    /// Everything queued was sent (or refused and dropped).
    Empty {
        sent: usize,
    },
    /// The portal could not be reached: the rest waits.
    Waiting {
        sent: usize,
        why: String,
    },
    Stopped(Stop),
}

/// Sends the queued reports, oldest first, until the queue is empty or a send fails.
pub async fn flush(
    queue: &Queue,
    transport: &impl Transport,
    log: &mut impl FnMut(Event),
) -> anyhow::Result<Flushed> {
    let mut sent = 0;
    for path in queue.files()? {
        let Some(report) = queue.read(&path)? else {
            continue;
        };
        match transport.send(&report).await {
            Delivery::Accepted => {
                queue.remove(&path)?;
                sent += 1;
            }
            Delivery::Refused(why) => {
                queue.remove(&path)?;
                log(Event::Refused(why));
            }
            Delivery::Unreachable(why) => return Ok(Flushed::Waiting { sent, why }),
            Delivery::Removed => return Ok(Flushed::Stopped(Stop::Removed)),
            Delivery::Revoked => return Ok(Flushed::Stopped(Stop::Revoked)),
        }
    }
    Ok(Flushed::Empty { sent })
}
