//! A child process whose output lines are kept, so tests can wait for what it says
//! instead of sleeping.

use std::process::{ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Context, bail};
use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;
use regex::Regex;
use tokio::io::{AsyncBufReadExt, AsyncRead, BufReader};
use tokio::process::{Child, Command};
use tokio::sync::watch;

/// A running child with its stdout and stderr collected line by line.
#[derive(Debug)]
pub struct Process {
    name: String,
    child: Child,
    lines: Arc<Mutex<Vec<String>>>,
    changed: watch::Receiver<usize>,
}

impl Process {
    /// Spawns `command` with piped output. The child is killed if the `Process` is dropped
    /// while it still runs.
    pub fn spawn(name: &str, mut command: Command) -> anyhow::Result<Self> {
        command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        let mut child = command
            .spawn()
            .with_context(|| format!("cannot start {name}"))?;
        let lines = Arc::new(Mutex::new(Vec::new()));
        let (tx, changed) = watch::channel(0);
        let tx = Arc::new(tx);
        if let Some(out) = child.stdout.take() {
            collect(out, lines.clone(), tx.clone());
        }
        if let Some(err) = child.stderr.take() {
            collect(err, lines.clone(), tx);
        }
        Ok(Self {
            name: name.to_owned(),
            child,
            lines,
            changed,
        })
    }

    /// The process id, while it runs.
    pub fn pid(&self) -> Option<u32> {
        self.child.id()
    }

    /// Everything the process has printed so far.
    pub fn output(&self) -> String {
        self.lines.lock().map(|l| l.join("\n")).unwrap_or_default()
    }

    /// Waits until a line matches `pattern`, and returns that line's first capture group
    /// (or the whole line). Fails if the process closes its output first or `timeout` passes.
    pub async fn wait_for_line(
        &mut self,
        pattern: &str,
        timeout: Duration,
    ) -> anyhow::Result<String> {
        self.wait_for_nth_line(pattern, 1, timeout).await
    }

    /// Like [`Process::wait_for_line`], for the `n`-th line (from the start of the output)
    /// that matches `pattern`: for what a process says more than once.
    pub async fn wait_for_nth_line(
        &mut self,
        pattern: &str,
        n: usize,
        timeout: Duration,
    ) -> anyhow::Result<String> {
        let re = Regex::new(pattern)?;
        let search = async {
            let mut seen = 0;
            let mut matched = 0;
            loop {
                let found = {
                    let lines = self.lines.lock().map_err(|_| anyhow::anyhow!("poisoned"))?;
                    let hit = lines[seen..].iter().find_map(|line| {
                        let c = re.captures(line)?;
                        matched += 1;
                        (matched == n).then(|| {
                            c.get(1)
                                .map_or_else(|| line.clone(), |m| m.as_str().to_owned())
                        })
                    });
                    seen = lines.len();
                    hit
                };
                if let Some(hit) = found {
                    return Ok(hit);
                }
                if self.changed.changed().await.is_err() {
                    bail!(
                        "{} closed its output before printing /{pattern}/ {n} time(s)",
                        self.name
                    );
                }
            }
        };
        match tokio::time::timeout(timeout, search).await {
            Ok(Ok(hit)) => Ok(hit),
            Ok(Err(e)) => Err(e.context(format!("output of {}:\n{}", self.name, self.output()))),
            Err(_) => bail!(
                "{} did not print /{pattern}/ {n} time(s) within {timeout:?}; output:\n{}",
                self.name,
                self.output()
            ),
        }
    }

    /// Sends a signal (e.g. SIGTERM) to the process.
    pub fn signal(&self, signal: Signal) -> anyhow::Result<()> {
        let pid = self.child.id().context("the process has already exited")?;
        let pid = i32::try_from(pid).context("pid out of range")?;
        kill(Pid::from_raw(pid), signal).context("cannot signal the process")
    }

    /// Waits for the process to exit, at most `timeout`, and for everything it printed to
    /// be collected, so that [`Process::output`] is complete afterwards.
    pub async fn wait(&mut self, timeout: Duration) -> anyhow::Result<ExitStatus> {
        let exited = async {
            let status = self.child.wait().await?;
            // Everything printed is collected once both output streams close.
            while self.changed.changed().await.is_ok() {}
            Ok::<_, std::io::Error>(status)
        };
        match tokio::time::timeout(timeout, exited).await {
            Ok(status) => Ok(status?),
            Err(_) => bail!(
                "{} did not exit within {timeout:?}; output:\n{}",
                self.name,
                self.output()
            ),
        }
    }

    /// Asks the process to stop (SIGTERM) and waits; kills it after `timeout`.
    pub async fn stop(&mut self, timeout: Duration) -> anyhow::Result<ExitStatus> {
        if let Ok(Some(status)) = self.child.try_wait() {
            return Ok(status);
        }
        self.signal(Signal::SIGTERM)?;
        match self.wait(timeout).await {
            Ok(status) => Ok(status),
            Err(e) => {
                let _ = self.child.kill().await;
                Err(e)
            }
        }
    }
}

fn collect(
    stream: impl AsyncRead + Unpin + Send + 'static,
    lines: Arc<Mutex<Vec<String>>>,
    tx: Arc<watch::Sender<usize>>,
) {
    tokio::spawn(async move {
        let mut reader = BufReader::new(stream).lines();
        while let Ok(Some(line)) = reader.next_line().await {
            let count = match lines.lock() {
                Ok(mut l) => {
                    l.push(line);
                    l.len()
                }
                Err(_) => return,
            };
            tx.send_replace(count);
        }
    });
}
