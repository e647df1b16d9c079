//! Portico as it is deployed for availability, on loopback: a PostgreSQL primary with a
//! synchronous streaming standby (on a replication slot), several `portico serve
//! --no-worker` and `portico worker` processes, and HAProxy (Debian's) in front with health
//! checks on `/readyz`, round robin, no stickiness, and retries on another instance for
//! requests that never reached one.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use tokio::process::Command;

use crate::postgres::PrivatePostgres;
use crate::process::Process;
use crate::server::{Portico, PorticoBuilder};

/// The secret every instance shares (forms and codes made by one are read by another).
const SECRET: &str = "the-secret-every-instance-of-the-cluster-shares-0123";
/// Columns of HAProxy's CSV statistics: sessions in all (`stot`), and the status.
const SESSIONS: usize = 7;
const STATUS: usize = 17;
/// How long HAProxy may take to see an instance come or go.
const SEEN: Duration = Duration::from_secs(20);

/// What to start.
#[derive(Debug, Clone)]
pub struct Shape {
    pub servers: usize,
    pub workers: usize,
    /// `PORTICO_SMTP_URL` of every process.
    pub smtp_url: String,
}

/// A running cluster; everything stops when it is dropped.
pub struct Cluster {
    pub primary: PrivatePostgres,
    pub standby: PrivatePostgres,
    /// The balancer's address: what browsers and agents use.
    pub base_url: String,
    /// `DATABASE_URL` as every instance has it (both hosts, libpq's form).
    pub database_url: String,
    servers: Vec<Option<Portico>>,
    server_ports: Vec<u16>,
    workers: Vec<Option<Process>>,
    stats_port: u16,
    shape: Shape,
    haproxy: Option<Process>,
    dir: tempfile::TempDir,
}

impl std::fmt::Debug for Cluster {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cluster")
            .field("base_url", &self.base_url)
            .finish_non_exhaustive()
    }
}

impl Cluster {
    pub async fn start(shape: Shape) -> anyhow::Result<Self> {
        let primary = PrivatePostgres::start()?;
        let standby = PrivatePostgres::standby_of(&primary)?;
        let database_url = format!(
            "postgres://postgres@127.0.0.1:{},127.0.0.1:{}/postgres?target_session_attrs=read-write",
            primary.port, standby.port
        );
        let dir = tempfile::tempdir()?;
        let port = crate::free_port();
        let stats_port = crate::free_port();
        let server_ports: Vec<u16> = (0..shape.servers).map(|_| crate::free_port()).collect();
        let mut cluster = Self {
            primary,
            standby,
            base_url: format!("http://127.0.0.1:{port}"),
            database_url,
            servers: Vec::new(),
            server_ports,
            workers: Vec::new(),
            stats_port,
            shape: shape.clone(),
            haproxy: None,
            dir,
        };
        // One at a time: the first one migrates the database.
        for i in 0..shape.servers {
            let server = cluster.start_server(i).await?;
            cluster.servers.push(Some(server));
        }
        for i in 0..shape.workers {
            let worker = cluster.start_worker(i)?;
            cluster.workers.push(Some(worker));
        }
        cluster.haproxy = Some(haproxy(
            cluster.dir.path(),
            port,
            stats_port,
            &cluster.server_ports,
        )?);
        for i in 0..shape.servers {
            cluster.wait_until_balanced(i, true).await?;
        }
        Ok(cluster)
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    /// The settings every process shares.
    fn builder(&self, name: &str) -> anyhow::Result<PorticoBuilder> {
        let data = self.dir.path().join(name);
        std::fs::create_dir_all(&data)?;
        Ok(PorticoBuilder::new()
            .data_dir(&data)
            .database_url(&self.database_url)
            .env("PORTICO_SECRET_KEY", SECRET)
            .env("PORTICO_PUBLIC_URL", format!("{}/", self.base_url))
            .env("PORTICO_SMTP_URL", &self.shape.smtp_url)
            .env("PORTICO_MAIL_FROM", "Portico <no-reply@portico.test>")
            .env("PORTICO_LOG", "warn,portico::cli=info")
            // The load comes from one address: the per-address limits are not the subject.
            .env("PORTICO_SEND_LIMIT_PER_IP", "100000")
            .env("PORTICO_SEND_LIMIT_PER_ACCOUNT", "100000")
            .env("PORTICO_ALIAS_ADDITIONS_PER_YEAR", "1000")
            .env("PORTICO_ALIASES_MAX", "1000")
            .env("PORTICO_MAX_CONNECTIONS_PER_IP", "100000")
            // Longer than HAProxy takes to see /readyz fail (two checks 100–250 ms apart).
            .env("PORTICO_SHUTDOWN_DRAIN_SECS", "1"))
    }

    async fn start_server(&self, i: usize) -> anyhow::Result<Portico> {
        self.builder(&format!("server-{i}"))?
            .env(
                "PORTICO_BIND",
                format!("127.0.0.1:{}", self.server_ports[i]),
            )
            .args(&["serve", "--no-worker"])
            .start()
            .await
    }

    fn start_worker(&self, i: usize) -> anyhow::Result<Process> {
        self.builder(&format!("worker-{i}"))?
            .args(&["worker"])
            .spawn()
    }

    /// `kill -9` of instance `i`; returns once it is dead.
    pub async fn kill_server(&mut self, i: usize) -> anyhow::Result<()> {
        let mut server = self.servers[i].take().context("not running")?;
        server.process.signal(nix::sys::signal::Signal::SIGKILL)?;
        server.process.wait(Duration::from_secs(10)).await?;
        Ok(())
    }

    /// SIGTERM to instance `i`, and its exit status once it has finished what it was doing.
    pub async fn stop_server(&mut self, i: usize) -> anyhow::Result<std::process::ExitStatus> {
        let server = self.servers[i].take().context("not running")?;
        server.stop().await
    }

    /// Starts instance `i` again on its port, and waits until the balancer sends it requests.
    pub async fn restart_server(&mut self, i: usize) -> anyhow::Result<()> {
        let server = self.start_server(i).await?;
        self.servers[i] = Some(server);
        self.wait_until_balanced(i, true).await
    }

    /// `kill -9` of worker `i`.
    pub fn kill_worker(&mut self, i: usize) -> anyhow::Result<()> {
        let worker = self.workers[i].take().context("not running")?;
        worker.signal(nix::sys::signal::Signal::SIGKILL)?;
        Ok(())
    }

    /// Starts one more worker.
    pub fn add_worker(&mut self) -> anyhow::Result<()> {
        let worker = self.start_worker(self.workers.len())?;
        self.workers.push(Some(worker));
        Ok(())
    }

    /// Waits until HAProxy's health checks have instance `i` up (or down).
    pub async fn wait_until_balanced(&self, i: usize, up: bool) -> anyhow::Result<()> {
        let started = Instant::now();
        loop {
            let status = self.server_status(i).await.unwrap_or_default();
            if status.starts_with("UP") == up && !status.is_empty() {
                return Ok(());
            }
            if started.elapsed() > SEEN {
                bail!("HAProxy still says {status:?} of instance {i}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The status HAProxy's statistics give instance `i` (`UP`, `DOWN`, …).
    async fn server_status(&self, i: usize) -> anyhow::Result<String> {
        self.statistic(i, STATUS).await
    }

    /// How many requests HAProxy has sent instance `i`.
    pub async fn served(&self, i: usize) -> anyhow::Result<u64> {
        Ok(self.statistic(i, SESSIONS).await?.parse()?)
    }

    /// Column `column` of instance `i`'s line in HAProxy's CSV statistics.
    async fn statistic(&self, i: usize, column: usize) -> anyhow::Result<String> {
        let csv = crate::server::http_client()
            .get(format!("http://127.0.0.1:{}/stats;csv", self.stats_port))
            .send()
            .await?
            .text()
            .await?;
        let name = format!("s{i}");
        csv.lines()
            .map(|line| line.split(',').collect::<Vec<_>>())
            .find(|f| f.first() == Some(&"instances") && f.get(1) == Some(&name.as_str()))
            .and_then(|f| f.get(column).map(|s| (*s).to_owned()))
            .context("no such server in HAProxy's statistics")
    }

    /// What HAProxy has logged (servers going down and up, requests that failed).
    pub fn balancer_log(&self) -> String {
        self.haproxy
            .as_ref()
            .map(Process::output)
            .unwrap_or_default()
    }
}

/// HAProxy in front of `servers`.
fn haproxy(
    dir: &std::path::Path,
    port: u16,
    stats_port: u16,
    servers: &[u16],
) -> anyhow::Result<Process> {
    let bin = haproxy_binary()?;
    let mut config = format!(
        "global
    maxconn 2000
    log stdout format raw local0

defaults
    mode http
    log global
    option httplog
    option dontlog-normal
    timeout connect 2s
    timeout client 30s
    timeout server 30s
    timeout check 2s
    # A request that never reached an instance (refused, reset while connecting) is tried
    # again, on another instance; one that did is never sent twice.
    retries 3
    option redispatch 1
    retry-on conn-failure
    # Each request on a connection of its own to an instance (browsers keep theirs to
    # HAProxy): a connection to an instance that has died is never reused for a request.
    option http-server-close

listen stats
    bind 127.0.0.1:{stats_port}
    stats enable
    stats uri /stats

frontend portal
    bind 127.0.0.1:{port}
    default_backend instances

backend instances
    balance roundrobin
    option httpchk GET /readyz
    http-check expect status 200
    default-server inter 250ms fastinter 100ms downinter 250ms fall 2 rise 1
"
    );
    for (i, server) in servers.iter().enumerate() {
        config.push_str(&format!("    server s{i} 127.0.0.1:{server} check\n"));
    }
    let path = dir.join("haproxy.cfg");
    std::fs::write(&path, config)?;
    let mut command = Command::new(bin);
    command.arg("-db").arg("-f").arg(&path);
    Process::spawn("haproxy", command)
}

fn haproxy_binary() -> anyhow::Result<PathBuf> {
    ["/usr/sbin/haproxy", "/usr/bin/haproxy"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
        .context("haproxy is not installed: apt-get install haproxy (scripts/test does)")
}
