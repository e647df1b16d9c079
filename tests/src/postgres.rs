//! A PostgreSQL server of a test's own, which the test may stop and start again (an outage,
//! a restart), on a free loopback port. As root it runs as the `postgres` user, since
//! PostgreSQL refuses root.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

/// A private cluster; stopped and deleted when dropped.
#[derive(Debug)]
pub struct PrivatePostgres {
    pub port: u16,
    bin: PathBuf,
    dir: tempfile::TempDir,
    run_as: Option<(u32, u32)>,
}

impl PrivatePostgres {
    /// Creates a cluster and starts it.
    pub fn start() -> anyhow::Result<Self> {
        let bin = bin_dir()?;
        let dir = crate::shared_tempdir();
        let run_as = if nix::unistd::geteuid().is_root() {
            let user = nix::unistd::User::from_name("postgres")?
                .context("running as root needs a `postgres` user for PostgreSQL")?;
            std::os::unix::fs::chown(dir.path(), Some(user.uid.as_raw()), Some(user.gid.as_raw()))?;
            Some((user.uid.as_raw(), user.gid.as_raw()))
        } else {
            None
        };
        let pg = Self {
            port: crate::free_port(),
            bin,
            dir,
            run_as,
        };
        pg.run(
            "initdb",
            &[
                "-D",
                &pg.data(),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
            ],
            &["--locale=C", "--no-sync"],
        )?;
        pg.resume()?;
        Ok(pg)
    }

    /// A streaming standby of `primary` (`pg_basebackup -R` on a replication slot of its
    /// own, so the primary keeps what the standby has not received), started, and made synchronous:
    /// from now on the primary acknowledges a commit only once the standby has it.
    pub fn standby_of(primary: &Self) -> anyhow::Result<Self> {
        let dir = crate::shared_tempdir();
        if let Some((uid, gid)) = primary.run_as {
            std::os::unix::fs::chown(dir.path(), Some(uid), Some(gid))?;
        }
        let standby = Self {
            port: crate::free_port(),
            bin: primary.bin.clone(),
            dir,
            run_as: primary.run_as,
        };
        standby.run(
            "pg_basebackup",
            &[
                "-h",
                "127.0.0.1",
                "-p",
                &primary.port.to_string(),
                "-U",
                "postgres",
                "-D",
                &standby.data(),
            ],
            &["-R", "-X", "stream", "-C", "-S", "standby", "--no-sync"],
        )?;
        standby.resume()?;
        primary.sql("alter system set synchronous_standby_names = '*'")?;
        primary.sql("select pg_reload_conf()")?;
        Ok(standby)
    }

    /// Makes this standby the primary, and waits until it is.
    pub fn promote(&self) -> anyhow::Result<()> {
        self.run("pg_ctl", &["promote", "-D", &self.data()], &["-w", "-s"])
    }

    /// Runs one statement with `psql`.
    pub fn sql(&self, statement: &str) -> anyhow::Result<()> {
        self.run(
            "psql",
            &[
                "-h",
                "127.0.0.1",
                "-p",
                &self.port.to_string(),
                "-U",
                "postgres",
            ],
            &["-d", "postgres", "-v", "ON_ERROR_STOP=1", "-c", statement],
        )
    }

    /// The URL of its `postgres` database.
    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    /// Stops the server at once (open connections are cut), as a crash looks to clients.
    pub fn halt(&self) -> anyhow::Result<()> {
        self.run(
            "pg_ctl",
            &["stop", "-D", &self.data()],
            &["-m", "immediate", "-w", "-s"],
        )
    }

    /// Starts the server again on the same port, and waits until it accepts connections.
    pub fn resume(&self) -> anyhow::Result<()> {
        // fsync off is safe here (the machine does not crash); synchronous_commit stays on,
        // or `halt` would lose the last commits.
        let options = format!(
            "-c listen_addresses=127.0.0.1 -p {} -k {} -c fsync=off",
            self.port,
            self.dir.path().display()
        );
        let log = self.dir.path().join("postgres.log");
        self.run(
            "pg_ctl",
            &[
                "start",
                "-D",
                &self.data(),
                "-l",
                &log.display().to_string(),
            ],
            &["-w", "-s", "-o", &options],
        )
    }

    fn data(&self) -> String {
        self.dir.path().join("data").display().to_string()
    }

    fn run(&self, program: &str, args: &[&str], more: &[&str]) -> anyhow::Result<()> {
        let mut command = Command::new(self.bin.join(program));
        command.args(args).args(more).current_dir(self.dir.path());
        if let Some((uid, gid)) = self.run_as {
            use std::os::unix::process::CommandExt;
            command.uid(uid).gid(gid);
        }
        let out = command
            .output()
            .with_context(|| format!("cannot run {program}"))?;
        if !out.status.success() {
            bail!(
                "{program} failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            );
        }
        Ok(())
    }
}

impl Drop for PrivatePostgres {
    fn drop(&mut self) {
        let _ = self.halt();
    }
}

/// The newest `/usr/lib/postgresql/*/bin`, or where `pg_config` says.
fn bin_dir() -> anyhow::Result<PathBuf> {
    let has = |dir: &Path| dir.join("initdb").is_file() && dir.join("pg_ctl").is_file();
    let mut versioned: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| Some((e.file_name().to_str()?.parse().ok()?, e.path().join("bin"))))
        .collect();
    versioned.sort_by_key(|(v, _)| std::cmp::Reverse(*v));
    let from_pg_config = Command::new("pg_config")
        .arg("--bindir")
        .output()
        .ok()
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()));
    versioned
        .into_iter()
        .map(|(_, dir)| dir)
        .chain(from_pg_config)
        .find(|dir| has(dir))
        .context("no PostgreSQL server binaries (initdb, pg_ctl): apt-get install postgresql")
}
