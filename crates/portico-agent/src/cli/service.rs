//! `run`: reports on a schedule until stopped (by a signal here, by the service control
//! manager on Windows), queueing while the portal is out of reach.

use std::time::Duration;

use tokio_util::sync::CancellationToken;

use super::{RunArgs, forget, load_linked, read_pc, signal_key};
use crate::queue::Queue;
use crate::run::{Portal, Schedule, Stop};

/// `run`: reports on a schedule until stopped.
pub(super) async fn run_service(args: &RunArgs) -> anyhow::Result<String> {
    if args.service {
        anyhow::bail!(
            "--service is for the Windows service control manager; on Linux, run it from the systemd unit in the README"
        );
    }
    let stop = CancellationToken::new();
    let on_signal = stop.clone();
    tokio::spawn(async move {
        shutdown_signal().await;
        on_signal.cancel();
    });
    run_until_stopped(args, &stop, |line| {
        #[expect(clippy::print_stdout, reason = "the agent's log")]
        {
            println!("{line}");
        }
    })
    .await
}

/// `run`'s loop, until `stop` or the portal ends the link; every event goes to `log`.
pub async fn run_until_stopped(
    args: &RunArgs,
    stop: &CancellationToken,
    mut log: impl FnMut(String),
) -> anyhow::Result<String> {
    let path = args.state.path();
    let mut linked = load_linked(&path)?;
    let key = signal_key(&mut linked, &path)?;
    let limit = usize::try_from(args.queue_limit).unwrap_or(crate::queue::DEFAULT_LIMIT);
    let queue = Queue::open(&Queue::dir_for(&path), limit)?;
    let schedule = Schedule {
        check_every: Duration::from_secs(args.check_every),
        first_retry: Duration::from_secs(args.first_retry),
        ..Schedule::default()
    };
    let portal = Portal::new(&linked, args.sources.sources().recovery(), path.clone())?;
    log(format!(
        "Reporting to {} as {}",
        linked.server, linked.account
    ));
    let stopped = crate::run::run(
        // The person's choices as the portal last said them (kept in the state file by
        // each answer), read again before each collection: a switch turned off on the
        // portal stops the collection from the next report on.
        async |read| {
            let sharing = crate::state::load(&path)
                .ok()
                .flatten()
                .map_or_else(|| linked.sharing(), |l| l.sharing());
            read_pc(&args.sources, sharing, read).await
        },
        |facts| crate::report::build(facts, &linked.install_id, &key),
        &portal,
        &queue,
        &schedule,
        stop,
        |event| log(event.to_string()),
    )
    .await?;
    match stopped {
        Stop::Asked => Ok(format!(
            "Stopped ({} report(s) waiting for the next start)",
            queue.len()?
        )),
        why => Err(forget(&path, &queue, why)),
    }
}

/// Ctrl-C, or SIGTERM (systemd's stop).
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}
