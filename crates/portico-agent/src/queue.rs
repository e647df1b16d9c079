//! Reports not yet accepted, kept on disk so that a portal outage (or a restart during
//! one) loses nothing within the bound: one file per report, sent oldest first, the oldest
//! dropped when the bound is passed. A report leaves the queue only once the portal
//! accepted it; sending it twice is harmless (its `report_id` makes it idempotent).

use std::path::{Path, PathBuf};

use anyhow::Context;
use portico_wire::report::Report;

/// How many reports are kept by default: with hourly reports, four days of outage.
pub const DEFAULT_LIMIT: usize = 100;

#[derive(Debug, Clone)]
pub struct Queue {
    dir: PathBuf,
    limit: usize,
}

/// A queued report's sequence number, from its file name.
fn sequence(path: &Path) -> Option<u64> {
    path.file_name()?
        .to_str()?
        .strip_suffix(".json")?
        .parse()
        .ok()
}

impl Queue {
    /// The queue in `dir` (made, owner-only, when missing), keeping at most `limit`.
    pub fn open(dir: &Path, limit: usize) -> anyhow::Result<Self> {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
        }
        Ok(Self {
            dir: dir.to_owned(),
            limit: limit.max(1),
        })
    }

    /// Where the queue of the agent whose state is at `state` lives: beside it.
    pub fn dir_for(state: &Path) -> PathBuf {
        state.with_extension("queue")
    }

    /// The queued reports' files, oldest first.
    pub fn files(&self) -> anyhow::Result<Vec<PathBuf>> {
        let mut files: Vec<(u64, PathBuf)> = std::fs::read_dir(&self.dir)
            .with_context(|| format!("cannot read {}", self.dir.display()))?
            .filter_map(|entry| {
                let path = entry.ok()?.path();
                Some((sequence(&path)?, path))
            })
            .collect();
        files.sort();
        Ok(files.into_iter().map(|(_, path)| path).collect())
    }

    pub fn len(&self) -> anyhow::Result<usize> {
        Ok(self.files()?.len())
    }

    pub fn is_empty(&self) -> anyhow::Result<bool> {
        Ok(self.files()?.is_empty())
    }

    /// Adds a report; returns how many of the oldest were dropped to stay in the bound.
    pub fn push(&self, report: &Report) -> anyhow::Result<usize> {
        let files = self.files()?;
        let next = files.last().and_then(|p| sequence(p)).unwrap_or(0) + 1;
        let path = self.dir.join(format!("{next:012}.json"));
        let partial = self.dir.join(format!("{next:012}.partial"));
        // Written aside then renamed: a crash mid-write leaves no half report to send.
        std::fs::write(&partial, serde_json::to_vec(report)?)
            .with_context(|| format!("cannot write {}", partial.display()))?;
        std::fs::rename(&partial, &path)?;
        let excess = (files.len() + 1).saturating_sub(self.limit);
        for old in files.iter().take(excess) {
            std::fs::remove_file(old)?;
        }
        Ok(excess)
    }

    /// The report in `path`; `None` when the file is damaged (it is then removed).
    pub fn read(&self, path: &Path) -> anyhow::Result<Option<Report>> {
        let bytes =
            std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        match serde_json::from_slice(&bytes) {
            Ok(report) => Ok(Some(report)),
            Err(_) => {
                self.remove(path)?;
                Ok(None)
            }
        }
    }

    pub fn remove(&self, path: &Path) -> anyhow::Result<()> {
        match std::fs::remove_file(path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(e).with_context(|| format!("cannot remove {}", path.display()))
            }
            _ => Ok(()),
        }
    }

    /// Forgets every queued report (the PC was removed from its account).
    pub fn clear(&self) -> anyhow::Result<()> {
        for path in self.files()? {
            self.remove(&path)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(n: u32) -> Report {
        let mut r = crate::report::build(&crate::collect::Facts::default(), "install", &[0; 32]);
        r.device.name = format!("PC-{n}");
        r
    }

    fn names(queue: &Queue) -> Vec<String> {
        queue
            .files()
            .expect("files")
            .iter()
            .map(|p| queue.read(p).expect("read").expect("a report").device.name)
            .collect()
    }

    #[test]
    fn reports_wait_oldest_first_and_the_oldest_go_past_the_bound() {
        let dir = tempfile::tempdir().expect("dir");
        let queue = Queue::open(&dir.path().join("agent.queue"), 3).expect("queue");
        assert!(queue.is_empty().expect("empty"));
        for n in 1..=3 {
            assert_eq!(queue.push(&report(n)).expect("push"), 0);
        }
        assert_eq!(queue.push(&report(4)).expect("push"), 1, "one dropped");
        assert_eq!(names(&queue), ["PC-2", "PC-3", "PC-4"]);
        // Survives a restart: a new handle on the same directory sees the same order.
        let again = Queue::open(&dir.path().join("agent.queue"), 3).expect("queue");
        again.push(&report(5)).expect("push");
        assert_eq!(names(&again), ["PC-3", "PC-4", "PC-5"]);
        again.clear().expect("clear");
        assert_eq!(again.len().expect("len"), 0);
    }

    #[test]
    fn a_damaged_file_is_dropped_not_sent() {
        let dir = tempfile::tempdir().expect("dir");
        let queue = Queue::open(dir.path(), 10).expect("queue");
        queue.push(&report(1)).expect("push");
        std::fs::write(dir.path().join("000000000002.json"), b"{half").expect("write");
        std::fs::write(dir.path().join("notes.txt"), b"not a report").expect("write");
        let files = queue.files().expect("files");
        assert_eq!(files.len(), 2, "only numbered reports count");
        assert!(queue.read(&files[1]).expect("read").is_none());
        assert_eq!(queue.len().expect("len"), 1);
    }

    #[cfg(unix)]
    #[test]
    fn only_its_owner_can_read_the_queue() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("dir");
        let queue_dir = dir.path().join("q");
        Queue::open(&queue_dir, 10).expect("queue");
        let mode = std::fs::metadata(&queue_dir)
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o700);
    }
}
