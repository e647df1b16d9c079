//! Hashing passwords: argon2id, off the async runtime on threads of their own at idle
//! priority, a bounded number at a time, each thread keeping its argon2 memory while
//! sign-ins keep coming and giving it back once they stop.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{Output, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

use super::Password;
use super::kept_memory::{self, hash_into, matches, release_when_idle};

/// Argon2id at the OWASP parameters (m = 19456 KiB, t = 2, p = 1) unless told otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HashParams {
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
}

impl Default for HashParams {
    fn default() -> Self {
        Self {
            memory_kib: 19_456,
            iterations: 2,
            parallelism: 1,
        }
    }
}

/// The outcome of checking a password against a stored hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verification {
    Mismatch,
    Match,
    /// Right password, but hashed with other parameters: store a new hash.
    MatchNeedsRehash,
}

/// Hashes and verifies on threads of its own, one per CPU, at a lower CPU priority than
/// everything else: a flood of sign-ins queues here and takes only the CPU that page
/// rendering (and PostgreSQL) leave free, instead of starving them.
#[derive(Debug, Clone)]
pub struct PasswordHasher {
    params: HashParams,
    threads: Arc<rayon::ThreadPool>,
    /// Verified when the alias is unknown, so that a miss costs as much as a hit.
    dummy_hash: Arc<str>,
    /// Hashes finished so far: the releaser sees from it whether the threads were idle.
    finished: Arc<AtomicU64>,
    /// How many times the threads gave their memory back (tests wait on it).
    releases: Arc<(Mutex<u64>, Condvar)>,
}

/// How long the hashing threads keep their argon2 memory after the last hash (given back
/// within twice this): a flood, whose hashes follow each other without a pause, reuses it;
/// a quiet server does not hold 19 MiB per thread for long after a sign-in. A sign-in after
/// a pause pays for fresh memory (page faults: a few milliseconds beside the hash's tens).
pub const KEEP_MEMORY_FOR: Duration = Duration::from_secs(2);

#[derive(Debug, thiserror::Error)]
pub enum HashError {
    #[error("password hashing failed: {0}")]
    Argon2(String),
    #[error("password hashing was cancelled")]
    Cancelled,
}

/// A hash that could not be computed is a failure of ours: a 500 with its detail logged.
impl From<HashError> for crate::ui::InternalError {
    fn from(e: HashError) -> Self {
        Self::detail(e.to_string())
    }
}

impl PasswordHasher {
    /// A hasher computing at most `threads` hashes at once.
    pub fn new(params: HashParams, threads: usize) -> Result<Self, HashError> {
        Self::keeping_memory_for(params, threads, KEEP_MEMORY_FOR)
    }

    /// As [`Self::new`], the threads giving their memory back after `keep` without a hash.
    pub fn keeping_memory_for(
        params: HashParams,
        threads: usize,
        keep: Duration,
    ) -> Result<Self, HashError> {
        let threads = rayon::ThreadPoolBuilder::new()
            .num_threads(threads.max(1))
            .thread_name(|i| format!("portico-hash-{i}"))
            .start_handler(|_| lower_cpu_priority())
            .build()
            .map_err(|e| HashError::Argon2(format!("cannot start hashing threads: {e}")))?;
        let dummy_hash = dummy_hash(&params)?;
        let hasher = Self {
            params,
            threads: Arc::new(threads),
            dummy_hash: dummy_hash.into(),
            finished: Arc::new(AtomicU64::new(0)),
            releases: Arc::new((Mutex::new(0), Condvar::new())),
        };
        let (pool, finished) = (Arc::downgrade(&hasher.threads), hasher.finished.clone());
        let releases = hasher.releases.clone();
        std::thread::Builder::new()
            .name("portico-hash-release".to_owned())
            .spawn(move || release_when_idle(&pool, &finished, &releases, keep))
            .map_err(|e| HashError::Argon2(format!("cannot start the memory releaser: {e}")))?;
        Ok(hasher)
    }

    /// Waits up to `timeout` for the threads to give their memory back `count` times in all;
    /// whether they did.
    pub fn wait_for_releases(&self, count: u64, timeout: Duration) -> bool {
        let (done, changed) = &*self.releases;
        let Ok(guard) = done.lock() else {
            return false;
        };
        changed
            .wait_timeout_while(guard, timeout, |done| *done < count)
            .is_ok_and(|(done, _)| *done >= count)
    }

    /// The argon2 memory each hashing thread holds now, in bytes (what argon2 uses of it).
    pub fn memory_held(&self) -> Vec<usize> {
        self.threads.broadcast(|_| kept_memory::held())
    }

    pub async fn hash(&self, password: &Password) -> Result<String, HashError> {
        let params = self.params;
        let bytes = password.bytes().to_vec();
        self.blocking(move || hash_now(&params, &bytes)).await?
    }

    /// Checks `password` against `stored`, or against a dummy hash when there is none, so
    /// that "no such account" and "wrong password" take the same time.
    pub async fn verify(
        &self,
        stored: Option<&str>,
        password: &Password,
    ) -> Result<Verification, HashError> {
        let known = stored.is_some();
        let stored = stored.map_or_else(|| self.dummy_hash.to_string(), str::to_owned);
        let params = self.params;
        let bytes = password.bytes().to_vec();
        let outcome = self
            .blocking(move || verify_now(&params, &stored, &bytes))
            .await?;
        Ok(if known {
            outcome
        } else {
            Verification::Mismatch
        })
    }

    async fn blocking<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, HashError> {
        let (done, outcome) = tokio::sync::oneshot::channel();
        let finished = self.finished.clone();
        let queued = std::time::Instant::now();
        self.threads.spawn(move || {
            crate::http::metrics::observe_hash_wait(queued.elapsed().as_secs_f64());
            let result = work();
            finished.fetch_add(1, Ordering::Relaxed);
            // The request may have gone (client hung up); its result is then dropped.
            let _ = done.send(result);
        });
        outcome.await.map_err(|_| HashError::Cancelled)
    }
}

/// The hashing threads run in the idle scheduling class where the OS has one (Linux's
/// `SCHED_IDLE`), else at the lowest priority: they get the whole CPU when nothing else
/// wants it, and give way at once to page rendering and PostgreSQL when something does.
fn lower_cpu_priority() {
    use thread_priority::{NormalThreadSchedulePolicy, ThreadPriority, ThreadSchedulePolicy};
    let idle = thread_priority::set_thread_priority_and_policy(
        thread_priority::thread_native_id(),
        ThreadPriority::Min,
        ThreadSchedulePolicy::Normal(NormalThreadSchedulePolicy::Idle),
    );
    if idle.is_err()
        && let Err(e) = ThreadPriority::Min.set_for_current()
    {
        tracing::warn!(error = ?e, "cannot lower the CPU priority of a hashing thread");
    }
}

fn argon2(params: &HashParams) -> Result<Argon2<'static>, HashError> {
    let p = Params::new(
        params.memory_kib,
        params.iterations,
        params.parallelism,
        None,
    )
    .map_err(|e| HashError::Argon2(e.to_string()))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, p))
}

fn hash_now(params: &HashParams, password: &[u8]) -> Result<String, HashError> {
    let failed = |e: &dyn std::fmt::Display| HashError::Argon2(e.to_string());
    let argon2 = argon2(params)?;
    let salt = SaltString::generate(&mut OsRng);
    let mut salt_bytes = [0u8; 64];
    let salt_raw = salt.decode_b64(&mut salt_bytes).map_err(|e| failed(&e))?;
    let mut out = [0u8; 32];
    hash_into(&argon2, password, salt_raw, &mut out).map_err(|e| failed(&e))?;
    phc_string(&argon2, &salt, &out)
}

/// The PHC string of an argon2id hash: `$argon2id$v=19$m=…,t=…,p=…$salt$hash`.
fn phc_string(argon2: &Argon2<'_>, salt: &SaltString, out: &[u8]) -> Result<String, HashError> {
    let failed = |e: argon2::password_hash::Error| HashError::Argon2(e.to_string());
    let hash = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: argon2.params().try_into().map_err(failed)?,
        salt: Some(salt.as_salt()),
        hash: Some(Output::new(out).map_err(failed)?),
    };
    Ok(hash.to_string())
}

/// The hash verified for an unknown alias: the current parameters, so verifying it costs
/// what a real one costs, and an output that no password is known to produce. Written, not
/// computed: computing it would take a hash's time and memory at every start.
fn dummy_hash(params: &HashParams) -> Result<String, HashError> {
    let salt = SaltString::encode_b64(b"portico dummy salt")
        .map_err(|e| HashError::Argon2(e.to_string()))?;
    phc_string(&argon2(params)?, &salt, &[0x5a; 32])
}

fn verify_now(params: &HashParams, stored: &str, password: &[u8]) -> Verification {
    let Ok(parsed) = PasswordHash::new(stored) else {
        return Verification::Mismatch;
    };
    if !matches(password, &parsed) {
        return Verification::Mismatch;
    }
    let current = Params::try_from(&parsed).ok().map(|p| HashParams {
        memory_kib: p.m_cost(),
        iterations: p.t_cost(),
        parallelism: p.p_cost(),
    });
    let same_algorithm = parsed.algorithm.as_str() == "argon2id";
    if same_algorithm && current == Some(*params) {
        Verification::Match
    } else {
        Verification::MatchNeedsRehash
    }
}

#[cfg(test)]
mod tests;
