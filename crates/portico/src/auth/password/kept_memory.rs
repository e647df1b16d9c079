//! A hashing thread's argon2 memory: kept from one verification to the next while sign-ins
//! keep coming, given back to the OS once they stop.

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Condvar, Mutex, Weak};
use std::time::Duration;

use argon2::password_hash::{Output, PasswordHash};
use argon2::{Algorithm, Argon2, Block, Params, Version};

/// Every `keep`, gives the threads' memory back if no hash finished since the last look and
/// some ran before; ends with the pool.
pub(super) fn release_when_idle(
    pool: &Weak<rayon::ThreadPool>,
    finished: &AtomicU64,
    releases: &(Mutex<u64>, Condvar),
    keep: Duration,
) {
    let mut seen = finished.load(Ordering::Relaxed);
    let mut held = false;
    loop {
        std::thread::park_timeout(keep);
        let Some(pool) = pool.upgrade() else {
            return;
        };
        let now = finished.load(Ordering::Relaxed);
        if now != seen {
            (seen, held) = (now, true);
            continue;
        }
        if held {
            pool.broadcast(|_| {
                MEMORY.take();
                crate::alloc::give_back_freed();
            });
            held = false;
            let (done, changed) = releases;
            if let Ok(mut done) = done.lock() {
                *done += 1;
                changed.notify_all();
            }
        }
    }
}

/// Above glibc's `DEFAULT_MMAP_THRESHOLD_MAX` on 64-bit systems.
const ALWAYS_MAPPED_BYTES: usize = 32 * 1024 * 1024;

thread_local! {
    /// A hashing thread's argon2 memory, kept from one verification to the next while
    /// sign-ins keep coming (`hasher::KEEP_MEMORY_FOR`). A fresh 19 MiB each time costs thousands of
    /// page faults, and unmapping it flushes the TLB of every CPU running this process — the
    /// ones rendering pages included.
    static MEMORY: RefCell<Vec<Block>> = const { RefCell::new(Vec::new()) };
}

/// Whether `password` hashes to the argon2 PHC string `stored`, in this thread's kept
/// memory: the raw verification the hashing threads run (the sign-in benchmark's baseline).
pub fn matches_in_kept_memory(stored: &str, password: &[u8]) -> bool {
    PasswordHash::new(stored).is_ok_and(|parsed| matches(password, &parsed))
}

/// Whether `password` hashes to the argon2 PHC string `parsed`, computed in this thread's
/// kept memory and compared in constant time (`Output`'s equality).
pub(super) fn matches(password: &[u8], parsed: &PasswordHash<'_>) -> bool {
    let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
        return false;
    };
    let Ok(algorithm) = Algorithm::try_from(parsed.algorithm) else {
        return false;
    };
    let Ok(version) = parsed.version.map(Version::try_from).transpose() else {
        return false;
    };
    let Ok(params) = Params::try_from(parsed) else {
        return false;
    };
    let mut salt_bytes = [0u8; 64];
    let Ok(salt) = salt.decode_b64(&mut salt_bytes) else {
        return false;
    };
    let hasher = Argon2::new(algorithm, version.unwrap_or_default(), params);
    let mut out = vec![0u8; expected.len()];
    let hashed = hash_into(&hasher, password, salt, &mut out);
    hashed.is_ok() && Output::new(&out).is_ok_and(|out| out == expected)
}

/// Hashes `password` with `salt` into `out`, in this thread's kept memory. Every argon2 hash
/// Portico computes goes through here: one that allocated its own 19 MiB would, once freed,
/// raise glibc's mmap and trim thresholds for the whole process (its heap would then keep
/// up to twice that after any burst of small allocations).
pub(super) fn hash_into(
    hasher: &Argon2<'_>,
    password: &[u8],
    salt: &[u8],
    out: &mut [u8],
) -> argon2::Result<()> {
    let blocks = hasher.params().block_count();
    MEMORY.with_borrow_mut(|memory| {
        if memory.len() < blocks {
            // Room for more than glibc's largest mmap threshold (32 MiB): the block is then
            // always a mapping of its own, so dropping it gives its pages back to the OS
            // (a smaller one, once freed, stays in malloc's arena for good). Only the pages
            // argon2 touches are resident.
            let room = blocks.max(ALWAYS_MAPPED_BYTES / size_of::<Block>() + 1);
            let mut fresh = Vec::with_capacity(room);
            fresh.resize(blocks, Block::default());
            *memory = fresh;
        }
        hasher.hash_password_into_with_memory(password, salt, out, &mut memory[..blocks])
    })
}

/// What argon2 uses of this thread's memory now, in bytes.
pub(super) fn held() -> usize {
    MEMORY.with_borrow(|m| m.len() * size_of::<Block>())
}

#[cfg(test)]
mod tests {
    use argon2::password_hash::rand_core::OsRng;
    use argon2::password_hash::{PasswordHasher as _, SaltString};

    use super::*;

    #[test]
    fn kept_memory_verifies_as_the_argon2_crate_does_whatever_the_sizes() {
        use argon2::password_hash::PasswordVerifier as _;
        // One thread, sizes up, down and up again: the kept memory grows and is reused.
        let cases = [
            (Algorithm::Argon2id, 256, 1),
            (Algorithm::Argon2id, 1024, 2),
            (Algorithm::Argon2i, 256, 1),
            (Algorithm::Argon2d, 512, 1),
            (Algorithm::Argon2id, 8, 1),
        ];
        for (algorithm, m, t) in cases {
            let params = Params::new(m, t, 1, None).expect("params");
            let salt = SaltString::generate(&mut OsRng);
            let hasher = Argon2::new(algorithm, Version::V0x13, params);
            let stored = hasher
                .hash_password(b"violet tundra", &salt)
                .expect("hash")
                .to_string();
            let parsed = PasswordHash::new(&stored).expect("phc");
            for tried in [&b"violet tundra"[..], b"violet tundrb", b""] {
                assert_eq!(
                    matches(tried, &parsed),
                    Argon2::default().verify_password(tried, &parsed).is_ok(),
                    "{stored} with {tried:?}"
                );
            }
            assert!(matches(b"violet tundra", &parsed));
        }
        // Damaged hashes never match.
        let light = Params::new(256, 1, 1, None).expect("params");
        let stored = Argon2::new(Algorithm::Argon2id, Version::V0x13, light)
            .hash_password(b"violet tundra", &SaltString::generate(&mut OsRng))
            .expect("hash")
            .to_string();
        // A character inside the hash (the last one also holds padding bits).
        let at = stored.len() - 10;
        let was = stored.as_bytes()[at];
        let tampered = format!(
            "{}{}{}",
            &stored[..at],
            if was == b'A' { 'B' } else { 'A' },
            &stored[at + 1..]
        );
        for bad in [
            tampered.as_str(),
            "$argon2id$v=19$m=256,t=1,p=1",
            "$argon2id$v=99$m=256,t=1,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "$scrypt$ln=16,r=8,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        ] {
            let parsed = PasswordHash::new(bad).expect("phc");
            assert!(!matches(b"violet tundra", &parsed), "{bad}");
        }
    }
}
