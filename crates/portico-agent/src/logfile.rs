//! The agent's log when nobody reads its output (the Windows service): timestamped lines
//! appended beside the state file (`agent.log`), the file moved to `agent.log.1` once it
//! passes a size, so it never grows without bound. Lines never hold a key or a token.

use std::io::Write;
use std::path::{Path, PathBuf};

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// Past this size the log starts over (the previous one kept as `.1`).
pub const MAX_BYTES: u64 = 1024 * 1024;

#[derive(Debug, Clone)]
pub struct LogFile {
    path: PathBuf,
    max_bytes: u64,
}

impl LogFile {
    /// The log of the agent whose state is at `state`.
    pub fn beside(state: &Path) -> Self {
        Self {
            path: state.with_extension("log"),
            max_bytes: MAX_BYTES,
        }
    }

    pub fn with_max_bytes(mut self, max_bytes: u64) -> Self {
        self.max_bytes = max_bytes;
        self
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends a line; a log that cannot be written is not a reason to stop reporting.
    pub fn write(&self, line: &str) {
        let _ = self.try_write(line);
    }

    #[expect(
        clippy::disallowed_methods,
        reason = "a log line's timestamp is the wall clock's, not the schedule's"
    )]
    fn try_write(&self, line: &str) -> std::io::Result<()> {
        if std::fs::metadata(&self.path).is_ok_and(|m| m.len() >= self.max_bytes) {
            std::fs::rename(&self.path, self.path.with_extension("log.1"))?;
        }
        let now = OffsetDateTime::now_utc()
            .replace_nanosecond(0)
            .ok()
            .and_then(|t| t.format(&Rfc3339).ok())
            .unwrap_or_default();
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)?;
        writeln!(file, "{now} {line}")
    }

    /// The last line written, if any.
    pub fn last_line(&self) -> Option<String> {
        let text = std::fs::read_to_string(&self.path).ok()?;
        text.lines().last().map(str::to_owned)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_timestamped_and_the_log_starts_over_past_its_size() {
        let dir = tempfile::tempdir().expect("dir");
        let log = LogFile::beside(&dir.path().join("agent.json")).with_max_bytes(100);
        assert_eq!(log.path(), dir.path().join("agent.log"));
        assert_eq!(log.last_line(), None);
        log.write("Report sent");
        let last = log.last_line().expect("a line");
        assert!(last.ends_with("Z Report sent"), "{last}");
        for n in 0..5 {
            log.write(&format!("line {n} of some length to pass the bound"));
        }
        let kept = std::fs::read_to_string(log.path()).expect("log");
        assert!(kept.len() < 200, "started over: {kept}");
        assert!(dir.path().join("agent.log.1").exists());
        assert!(
            log.last_line()
                .expect("a line")
                .ends_with("line 4 of some length to pass the bound")
        );
    }
}
