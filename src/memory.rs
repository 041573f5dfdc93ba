//! How the process's allocator treats large blocks.

/// Serve every allocation of 128 KiB or more (a long text's token, seed and mention vectors)
/// from a mapping of its own, returned to the system when it is freed. glibc starts out so,
/// but once such a block is freed it raises that threshold (up to 32 MiB) and takes later
/// large blocks from its heap, whose freed memory stays resident and seldom fits the next
/// large block: the analysis of a 10 MB text then peaks in its last stages, over memory it
/// no longer uses. Call it first thing, before other threads start; it does nothing on
/// other allocators.
///
/// Fixing that threshold also fixes the one for giving the free top of the heap back to the
/// system at its 128 KiB default, and an analysis of a 100 KB text frees and takes back more
/// than that on every keystroke: each page then faults in again (some 250 faults an edit, a
/// sixth of its CPU time). Keeping up to [`KEEP_FREE_TOP`] avoids that at no cost to the peak
/// of a long text (its large blocks are mapped; the server trims after analysing one).
pub fn keep_large_blocks_mapped() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets tunables of the allocator, before any other thread runs.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
        libc::mallopt(libc::M_TRIM_THRESHOLD, KEEP_FREE_TOP);
    }
}

/// Free memory at the top of the heap kept rather than given back (see
/// [`keep_large_blocks_mapped`]). Measured on 300 edits of a 100 KB article (lsp_latency,
/// debounce 0): 128 KiB, 1 and 2 MiB leave 110-133k page faults, 3 MiB 36k, 4 MiB 25k; the
/// server's peak RSS is 3-5 MB above 128 KiB's 29.7 MB for every threshold of 1 MiB or
/// more (the differences among those are noise). Below 3 MiB the win is gone.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const KEEP_FREE_TOP: libc::c_int = 4 << 20;
