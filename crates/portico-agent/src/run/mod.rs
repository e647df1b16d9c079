//! `portico-agent run`: report often in the first hour, then hourly with jitter, and at
//! once when Windows' activation state changes; keep what cannot be sent in the on-disk
//! queue and try again with exponential back-off; stop when the PC is removed from its
//! account (409), when its token is revoked (401), or when asked (Ctrl-C, service stop).

mod schedule;
mod send;

use std::time::Duration;

use portico_wire::report::Report;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

pub use schedule::Schedule;
pub use send::{Flushed, Portal, Stop, Transport, flush};

use crate::collect::Facts;
use crate::queue::Queue;

/// What happened, for the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// Reports the portal accepted.
    Sent(usize),
    /// The activation state changed since the last report: one goes now.
    ActivationChanged,
    /// The portal could not be reached: `waiting` reports are kept, the next try is in
    /// `retry_in`.
    Unreachable {
        why: String,
        waiting: usize,
        retry_in: Duration,
    },
    /// The oldest queued reports were dropped to stay within the bound.
    Dropped(usize),
    /// The portal refused a report as it is: it was dropped.
    Refused(String),
    /// This PC could not be read this time.
    CollectFailed(String),
}

impl std::fmt::Display for Event {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Sent(1) => write!(f, "Report sent"),
            Self::Sent(n) => write!(f, "{n} reports sent"),
            Self::ActivationChanged => write!(f, "Activation state changed: reporting now"),
            Self::Unreachable {
                why,
                waiting,
                retry_in,
            } => write!(
                f,
                "Portal unreachable ({why}): {waiting} report(s) kept, next try in {} s",
                retry_in.as_secs()
            ),
            Self::Dropped(n) => write!(f, "Queue full: the {n} oldest report(s) dropped"),
            Self::Refused(why) => write!(f, "Report dropped: {why}"),
            Self::CollectFailed(why) => write!(f, "Could not read this PC: {why}"),
        }
    }
}

/// How much of the PC to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Read {
    /// Everything a report carries.
    Everything,
    /// Only the activation state: the check between reports (on Windows, one WMI query
    /// instead of the registry, the firmware and four).
    ActivationOnly,
}

/// The loop. `collect` reads the PC (the activation state at every check, everything when
/// a report is due), `build` makes a report of what it read; `log` hears every event. Ends
/// only with a [`Stop`] (or a queue that cannot be written).
pub async fn run(
    mut collect: impl AsyncFnMut(Read) -> anyhow::Result<Facts>,
    build: impl Fn(&Facts) -> Report,
    transport: &impl Transport,
    queue: &Queue,
    schedule: &Schedule,
    stop: &CancellationToken,
    mut log: impl FnMut(Event),
) -> anyhow::Result<Stop> {
    let mut rng = rand::rng();
    let started = Instant::now();
    let mut next_report = started;
    // The activation state of the last report queued (None before the first).
    let mut reported: Option<Option<(u8, Option<String>)>> = None;
    let mut backoff = Backoff::default();
    loop {
        let round = async {
            let now = Instant::now();
            let due = now >= next_report;
            let read = if due {
                Read::Everything
            } else {
                Read::ActivationOnly
            };
            let mut facts = collect(read).await;
            let changed = facts.as_ref().is_ok_and(|f| {
                reported
                    .as_ref()
                    .is_some_and(|r| *r != f.activation_state())
            });
            if changed {
                log(Event::ActivationChanged);
                if !due {
                    facts = collect(Read::Everything).await;
                }
            }
            match facts {
                Ok(facts) if due || changed => {
                    let dropped = queue.push(&build(&facts))?;
                    if dropped > 0 {
                        log(Event::Dropped(dropped));
                    }
                    reported = Some(facts.activation_state());
                    next_report = now + schedule.next_report(now - started, &mut rng);
                }
                Ok(_) => {}
                Err(e) => log(Event::CollectFailed(format!("{e:#}"))),
            }
            if backoff.due(now) && !queue.is_empty()? {
                let flushed = flush(queue, transport, &mut log).await?;
                if let Some(why) = backoff.after(flushed, queue, schedule, &mut rng, &mut log)? {
                    return anyhow::Ok((Some(why), now));
                }
            }
            let mut wake = (Instant::now() + schedule.check_every).min(next_report);
            if let Some(at) = backoff.retry_at {
                wake = wake.min(at);
            }
            anyhow::Ok((None, wake))
        };
        // A stop interrupts even a send in flight: its report stays queued.
        let wake = tokio::select! {
            biased;
            () = stop.cancelled() => return Ok(Stop::Asked),
            outcome = round => match outcome? {
                (Some(why), _) => return Ok(why),
                (None, wake) => wake,
            },
        };
        tokio::select! {
            biased;
            () = stop.cancelled() => return Ok(Stop::Asked),
            () = tokio::time::sleep_until(wake) => {}
        }
    }
}

/// Failed sends in a row, and when to try again.
#[derive(Debug, Default)]
struct Backoff {
    failures: u32,
    retry_at: Option<Instant>,
}

impl Backoff {
    fn due(&self, now: Instant) -> bool {
        self.retry_at.is_none_or(|at| now >= at)
    }

    /// Logs a flush and sets the next try: at once after a success, later and later after
    /// failures. A stop the portal asked for is answered.
    fn after(
        &mut self,
        flushed: Flushed,
        queue: &Queue,
        schedule: &Schedule,
        rng: &mut impl rand::Rng,
        log: &mut impl FnMut(Event),
    ) -> anyhow::Result<Option<Stop>> {
        match flushed {
            Flushed::Empty { sent } => {
                if sent > 0 {
                    log(Event::Sent(sent));
                }
                *self = Self::default();
            }
            Flushed::Waiting { sent, why } => {
                if sent > 0 {
                    log(Event::Sent(sent));
                }
                self.failures += 1;
                let retry_in = schedule.retry_after(self.failures, rng);
                self.retry_at = Some(Instant::now() + retry_in);
                log(Event::Unreachable {
                    why,
                    waiting: queue.len()?,
                    retry_in,
                });
            }
            Flushed::Stopped(why) => return Ok(Some(why)),
        }
        Ok(None)
    }
}

#[cfg(test)]
mod tests;
