//! Sending the queue: where reports go, and what the portal's answers mean for the loop.

use portico_wire::report::Report;

use super::Event;
use crate::client::Delivery;
use crate::queue::Queue;

/// Where reports go: the portal, or a stand-in in unit tests.
pub trait Transport {
    fn send(&self, report: &Report) -> impl Future<Output = Delivery> + Send;
}

/// The portal, with this PC's device token and one HTTP client for every send.
#[derive(Debug, Clone)]
pub struct Portal {
    server: String,
    token: String,
    client: reqwest::Client,
}

impl Portal {
    pub fn new(linked: &crate::state::Linked) -> anyhow::Result<Self> {
        Ok(Self {
            server: linked.server.clone(),
            token: linked.token.clone(),
            client: crate::client::http()?,
        })
    }
}

impl Transport for Portal {
    fn send(&self, report: &Report) -> impl Future<Output = Delivery> + Send {
        crate::client::send_report(&self.client, &self.server, &self.token, report)
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
