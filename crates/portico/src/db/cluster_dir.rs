//! Where the embedded cluster lives. Under root it runs as the `postgres` user, which may
//! not be able to enter the data directory (root's home, any private directory): then it
//! lives in that user's home, linked from `<data dir>/pg`.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use sha2::Digest;

/// The system user that runs the cluster when Portico runs as root.
pub(super) const SYSTEM_USER: &str = "postgres";

/// The user the cluster runs as, when it is not Portico's own.
#[derive(Debug, Clone)]
pub(super) struct RunAs {
    pub(super) uid: u32,
    pub(super) gid: u32,
    /// Every group the user is in, for deciding which directories it can reach.
    pub(super) groups: Vec<u32>,
    pub(super) home: PathBuf,
}

/// Gives `path` to the cluster's owner (when that is not us), a directory with mode 0700.
pub(super) fn hand_to(owner: Option<&RunAs>, path: &Path) -> anyhow::Result<()> {
    if let Some(RunAs { uid, gid, .. }) = owner {
        std::os::unix::fs::chown(path, Some(*uid), Some(*gid))
            .with_context(|| format!("cannot give {} to the {SYSTEM_USER} user", path.display()))?;
    }
    use std::os::unix::fs::PermissionsExt;
    if path.is_dir() {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// Where the cluster lives: `<data dir>/pg`, unless the cluster runs as another user who
/// cannot reach the data directory; then in that user's home, linked from `<data dir>/pg`.
pub(super) fn cluster_dir(data_dir: &Path, owner: Option<&RunAs>) -> anyhow::Result<PathBuf> {
    let inside = data_dir.join("pg");
    let Some(owner) = owner else {
        return Ok(inside);
    };
    if inside.is_symlink() {
        let target = std::fs::read_link(&inside)
            .with_context(|| format!("cannot read the link {}", inside.display()))?;
        if let Some(blocker) = first_blocking_dir(&target, owner) {
            bail!(blocked(&blocker, &target));
        }
        return Ok(target);
    }
    let Some(blocker) = first_blocking_dir(data_dir, owner) else {
        return Ok(inside);
    };
    if inside.exists() {
        // A cluster made while the directory was reachable: moving it is the operator's call.
        bail!(blocked(&blocker, &inside));
    }
    let homes = owner.home.join("portico");
    if let Some(home_blocker) = first_blocking_dir(&owner.home, owner) {
        bail!(blocked(&home_blocker, &inside));
    }
    let name = hex::encode(&sha2::Sha256::digest(data_dir.as_os_str().as_encoded_bytes())[..8]);
    let place = homes.join(name);
    for dir in [&homes, &place] {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        hand_to(Some(owner), dir)?;
    }
    std::os::unix::fs::symlink(&place, &inside)
        .with_context(|| format!("cannot link {} to {}", inside.display(), place.display()))?;
    tracing::info!(
        cluster = %place.display(),
        blocked_by = %blocker.display(),
        "the {SYSTEM_USER} user cannot reach PORTICO_DATA_DIR: the embedded cluster lives in its home, linked from {}",
        inside.display()
    );
    Ok(place)
}

fn blocked(blocker: &Path, cluster: &Path) -> String {
    format!(
        "the {SYSTEM_USER} user, which runs the embedded PostgreSQL when Portico runs as root, \
         cannot enter {} on the way to {}: allow it (chmod o+x {}), set PORTICO_DATA_DIR to a \
         directory it can reach, run Portico as a normal user, or set DATABASE_URL",
        blocker.display(),
        cluster.display(),
        blocker.display()
    )
}

/// The first directory on the way to `dir` (itself included) that `user` may not enter,
/// judged by the permission bits.
fn first_blocking_dir(dir: &Path, user: &RunAs) -> Option<PathBuf> {
    use std::os::unix::fs::MetadataExt;
    dir.ancestors()
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .find(|d| {
            let Ok(meta) = std::fs::metadata(d) else {
                return false;
            };
            let mode = meta.mode();
            let may_enter = if meta.uid() == user.uid {
                mode & 0o100 != 0
            } else if user.groups.contains(&meta.gid()) {
                mode & 0o010 != 0
            } else {
                mode & 0o001 != 0
            };
            !may_enter
        })
        .map(Path::to_path_buf)
}
