//! A private PostgreSQL cluster for running Portico with no configuration.
//!
//! The cluster lives in `$PORTICO_DATA_DIR/pg`, listens only on a Unix socket in that
//! directory (mode 0700, trust authentication: only its owner and root can connect), and is
//! stopped when this value is dropped. PostgreSQL refuses to run as root, so when Portico is
//! started as root the cluster runs as the `postgres` system user and owns its directory.
//! When that user cannot reach the data directory (root's home, or any private directory
//! of mode 0700), the cluster lives in the `postgres` user's home instead, in a directory
//! named after the data directory, and `$PORTICO_DATA_DIR/pg` is a symbolic link to it.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use super::cluster_dir::{RunAs, SYSTEM_USER, cluster_dir, hand_to};
use anyhow::{Context, bail};
use sqlx::ConnectOptions;
use sqlx::postgres::PgConnectOptions;

/// Database and role the embedded cluster serves Portico from.
const DATABASE: &str = "portico";
const SUPERUSER: &str = "portico";
/// Unix socket paths are limited to 107 bytes; ours is `<pg dir>/.s.PGSQL.5432`.
const MAX_SOCKET_PATH: usize = 107;

/// A running embedded cluster. Dropping it stops PostgreSQL.
#[derive(Debug)]
pub struct EmbeddedPostgres {
    bin_dir: PathBuf,
    dir: PathBuf,
    run_as: Option<RunAs>,
    running: bool,
    /// Held for the cluster's lifetime so that a second Portico cannot share it.
    _lock: File,
}

impl EmbeddedPostgres {
    /// Locks the data directory, creates the cluster if needed and starts it.
    pub fn start(data_dir: &Path, bin_dir_override: Option<&Path>) -> anyhow::Result<Self> {
        std::fs::create_dir_all(data_dir)
            .with_context(|| format!("cannot create PORTICO_DATA_DIR {}", data_dir.display()))?;
        let data_dir = data_dir
            .canonicalize()
            .with_context(|| format!("cannot resolve PORTICO_DATA_DIR {}", data_dir.display()))?;
        let lock = lock_data_dir(&data_dir)?;
        let bin_dir = find_bin_dir(bin_dir_override)?;
        let run_as = run_as_for_current_user()?;
        let dir = cluster_dir(&data_dir, run_as.as_ref())?;
        let socket_len = dir.as_os_str().len() + "/.s.PGSQL.5432".len();
        if socket_len > MAX_SOCKET_PATH {
            bail!(
                "PORTICO_DATA_DIR {} is too long for PostgreSQL's Unix socket path \
                 (limit {MAX_SOCKET_PATH} bytes): choose a shorter data directory",
                data_dir.display()
            );
        }
        let mut pg = Self {
            bin_dir,
            dir,
            run_as,
            running: false,
            _lock: lock,
        };
        pg.init_if_needed()?;
        pg.write_settings()?;
        pg.start_server()?;
        Ok(pg)
    }

    /// Options for connecting to Portico's database through the private socket.
    pub fn connect_options(&self) -> PgConnectOptions {
        self.connect_options_for(DATABASE)
    }

    fn connect_options_for(&self, database: &str) -> PgConnectOptions {
        PgConnectOptions::new()
            .socket(&self.dir)
            .username(SUPERUSER)
            .database(database)
            .application_name("portico")
            .disable_statement_logging()
    }

    /// Creates Portico's database on first start.
    pub async fn ensure_database(&self) -> anyhow::Result<()> {
        let mut conn = self
            .connect_options_for("postgres")
            .connect()
            .await
            .context("cannot connect to the embedded PostgreSQL")?;
        let exists: bool = sqlx::query_scalar!(
            r#"select exists (select 1 from pg_database where datname = $1) as "exists!""#,
            DATABASE
        )
        .fetch_one(&mut conn)
        .await?;
        if !exists {
            // A statement with an identifier, not a value: it cannot be prepared, and the
            // name is a constant of ours.
            sqlx::query(&format!("create database {DATABASE}"))
                .execute(&mut conn)
                .await
                .context("cannot create the portico database")?;
            tracing::info!(database = DATABASE, "created the embedded database");
        }
        Ok(())
    }

    fn init_if_needed(&mut self) -> anyhow::Result<()> {
        if self.dir.join("PG_VERSION").exists() {
            return Ok(());
        }
        std::fs::create_dir_all(&self.dir)
            .with_context(|| format!("cannot create {}", self.dir.display()))?;
        self.hand_to_cluster_owner(&self.dir)?;
        tracing::info!(dir = %self.dir.display(), "creating the embedded PostgreSQL cluster");
        let out = self.run(
            "initdb",
            &[
                "-D".as_ref(),
                self.dir.as_os_str(),
                "--username".as_ref(),
                SUPERUSER.as_ref(),
                "--auth=trust".as_ref(),
                "--encoding=UTF8".as_ref(),
                "--locale=C".as_ref(),
            ],
        )?;
        check(&out, "initdb", &self.dir)?;
        let conf = self.dir.join("postgresql.conf");
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .open(&conf)
            .with_context(|| format!("cannot open {}", conf.display()))?;
        writeln!(
            file,
            "\n# Portico's settings, rewritten at every start.\ninclude_if_exists = 'portico.conf'"
        )?;
        Ok(())
    }

    /// Rewritten at every start so that a moved data directory keeps working.
    fn write_settings(&self) -> anyhow::Result<()> {
        let path = self.dir.join("portico.conf");
        let socket_dir = self.dir.display().to_string().replace('\'', "''");
        std::fs::write(
            &path,
            format!(
                "listen_addresses = ''\n\
                 unix_socket_directories = '{socket_dir}'\n\
                 unix_socket_permissions = 0700\n\
                 max_connections = 100\n"
            ),
        )
        .with_context(|| format!("cannot write {}", path.display()))?;
        self.hand_to_cluster_owner(&path)
    }

    fn start_server(&mut self) -> anyhow::Result<()> {
        let data = self.dir.as_os_str();
        let status = self.run("pg_ctl", &["status".as_ref(), "-D".as_ref(), data])?;
        if status.status.success() {
            // We hold the data directory lock, so no live Portico owns this server: it was
            // left behind by one that was killed. Adopt it and stop it when we exit.
            tracing::warn!("adopting a PostgreSQL server left running by an earlier Portico");
            self.running = true;
            return Ok(());
        }
        let log = self.dir.join("postgres.log");
        let out = self.run(
            "pg_ctl",
            &[
                "start".as_ref(),
                "-D".as_ref(),
                data,
                "-w".as_ref(),
                "-t".as_ref(),
                "60".as_ref(),
                "-s".as_ref(),
                "-l".as_ref(),
                log.as_os_str(),
            ],
        )?;
        if !out.status.success() {
            let tail = std::fs::read_to_string(&log)
                .map(|text| text.lines().rev().take(3).collect::<Vec<_>>().join(" | "))
                .unwrap_or_default();
            bail!(
                "the embedded PostgreSQL did not start ({}): {} {tail}",
                log.display(),
                String::from_utf8_lossy(&out.stderr).trim()
            );
        }
        self.running = true;
        tracing::info!(socket_dir = %self.dir.display(), "embedded PostgreSQL is running");
        Ok(())
    }

    /// Stops the server (fast shutdown: open sessions are ended, data is flushed).
    pub fn stop(&mut self) {
        if !self.running {
            return;
        }
        self.running = false;
        let data = self.dir.as_os_str();
        let args = [
            "stop".as_ref(),
            "-D".as_ref(),
            data,
            "-m".as_ref(),
            "fast".as_ref(),
            "-w".as_ref(),
            "-s".as_ref(),
        ];
        match self.run("pg_ctl", &args) {
            Ok(out) if out.status.success() => tracing::info!("embedded PostgreSQL stopped"),
            Ok(out) => tracing::error!(
                stderr = %String::from_utf8_lossy(&out.stderr).trim(),
                "embedded PostgreSQL did not stop cleanly"
            ),
            Err(e) => tracing::error!(error = %e, "cannot stop the embedded PostgreSQL"),
        }
    }

    fn run(&self, program: &str, args: &[&std::ffi::OsStr]) -> anyhow::Result<Output> {
        let path = self.bin_dir.join(program);
        let mut cmd = Command::new(&path);
        cmd.args(args).current_dir(&self.dir).env("LC_ALL", "C");
        if let Some(RunAs { uid, gid, .. }) = self.run_as {
            use std::os::unix::process::CommandExt;
            cmd.uid(uid).gid(gid);
        }
        cmd.output()
            .with_context(|| format!("cannot run {}", path.display()))
    }

    fn hand_to_cluster_owner(&self, path: &Path) -> anyhow::Result<()> {
        hand_to(self.run_as.as_ref(), path)
    }
}

impl Drop for EmbeddedPostgres {
    fn drop(&mut self) {
        self.stop();
    }
}

fn check(out: &Output, what: &str, dir: &Path) -> anyhow::Result<()> {
    if out.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    let mut message = format!("{what} failed for {}: {}", dir.display(), stderr.trim());
    if stderr.contains("Permission denied") {
        message.push_str(&format!(
            " (the {SYSTEM_USER} user must be able to reach this directory: \
             make its parent directories traversable, e.g. chmod o+x, or choose another PORTICO_DATA_DIR)"
        ));
    }
    bail!(message)
}

fn lock_data_dir(data_dir: &Path) -> anyhow::Result<File> {
    let path = data_dir.join("portico.lock");
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .with_context(|| format!("cannot open {}", path.display()))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            let holder = std::fs::read_to_string(&path).unwrap_or_default();
            bail!(
                "another Portico (pid {}) is already serving from PORTICO_DATA_DIR {}: \
                 stop it first, or give this one its own data directory",
                holder.trim(),
                data_dir.display()
            );
        }
        Err(std::fs::TryLockError::Error(e)) => {
            return Err(e).with_context(|| format!("cannot lock {}", path.display()));
        }
    }
    file.set_len(0)?;
    write!(file, "{}", std::process::id())?;
    Ok(file)
}

/// PostgreSQL refuses to run as root; under root the cluster belongs to `postgres`.
fn run_as_for_current_user() -> anyhow::Result<Option<RunAs>> {
    if !nix::unistd::geteuid().is_root() {
        return Ok(None);
    }
    match nix::unistd::User::from_name(SYSTEM_USER)? {
        Some(user) => {
            let name = std::ffi::CString::new(user.name.as_str())?;
            let groups = nix::unistd::getgrouplist(&name, user.gid)
                .map(|gs| gs.into_iter().map(nix::unistd::Gid::as_raw).collect())
                .unwrap_or_else(|_| vec![user.gid.as_raw()]);
            Ok(Some(RunAs {
                uid: user.uid.as_raw(),
                gid: user.gid.as_raw(),
                groups,
                home: user.dir,
            }))
        }
        None => bail!(
            "Portico runs as root and PostgreSQL refuses to: create a `{SYSTEM_USER}` system user \
             (apt-get install postgresql creates one), run Portico as a normal user, or set DATABASE_URL"
        ),
    }
}

/// Looks for `initdb` and `pg_ctl`: the override, `PATH`, `pg_config --bindir`, then
/// the newest `/usr/lib/postgresql/*/bin`.
fn find_bin_dir(override_dir: Option<&Path>) -> anyhow::Result<PathBuf> {
    if let Some(dir) = override_dir {
        if has_server_binaries(dir) {
            return Ok(dir.to_owned());
        }
        bail!(
            "PORTICO_PG_BIN_DIR {}: no initdb and pg_ctl there",
            dir.display()
        );
    }
    let on_path = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default();
    let from_pg_config = Command::new("pg_config")
        .arg("--bindir")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()));
    let mut versioned: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let version = entry.file_name().to_str()?.parse().ok()?;
            Some((version, entry.path().join("bin")))
        })
        .collect();
    versioned.sort_by_key(|(version, _)| std::cmp::Reverse(*version));
    on_path
        .into_iter()
        .chain(from_pg_config)
        .chain(versioned.into_iter().map(|(_, dir)| dir))
        .find(|dir| has_server_binaries(dir))
        .context(
            "no PostgreSQL server binaries (initdb, pg_ctl) found on PATH, via pg_config or under \
             /usr/lib/postgresql: install them (Debian/Ubuntu: apt-get install postgresql; \
             macOS: brew install postgresql) or set DATABASE_URL to an existing database",
        )
}

fn has_server_binaries(dir: &Path) -> bool {
    dir.join("initdb").is_file() && dir.join("pg_ctl").is_file()
}
