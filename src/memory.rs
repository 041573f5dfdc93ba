//! How the process's allocator treats large blocks.

/// Serve every allocation of 128 KiB or more (a long text's token, seed and mention vectors)
/// from a mapping of its own, returned to the system when it is freed. glibc starts out so,
/// but once such a block is freed it raises that threshold (up to 32 MiB) and takes later
/// large blocks from its heap, whose freed memory stays resident and seldom fits the next
/// large block: the analysis of a 10 MB text then peaks in its last stages, over memory it
/// no longer uses. Call it first thing, before other threads start; it does nothing on
/// other allocators.
pub fn keep_large_blocks_mapped() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a tunable of the allocator, before any other thread runs.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
    }
}
