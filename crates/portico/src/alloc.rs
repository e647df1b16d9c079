//! The allocator: mimalloc. Under a signed-in page's load glibc's malloc and free took a
//! tenth of the machine (`bench/profile.sh`: consolidating and unlinking free chunks as page
//! buffers grew); mimalloc's thread-local free lists serve the same pages in far less.
//! Built without transparent huge pages (`no_thp`): a 2 MiB page for a few KiB in use would
//! make the idle process twice its size.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Gives the memory this thread freed back to the OS now, rather than at this thread's next
/// allocation (a hashing thread that just let go of its argon2 memory may make none for
/// hours).
pub fn give_back_freed() {
    // SAFETY: mi_collect takes no pointer and may be called from any thread at any time.
    #[expect(unsafe_code, reason = "mimalloc's collect has no safe binding")]
    unsafe {
        libmimalloc_sys::mi_collect(true);
    }
}
