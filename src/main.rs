//! The `edition` binary: see `reader_edition::cli`.

/// mimalloc rather than the system allocator: a build makes and frees millions of small
/// objects (shaped words, glyph runs, lines), and glibc's frees, which coalesce chunks,
/// were a tenth of the build's time. Measured on this volume (interleaved runs): 8% less
/// CPU time; at 50 copies 7.9 s and 756 MiB instead of 8.9 s and 876 MiB; for one copy
/// a peak of 56 MiB instead of 48 MiB. Built without transparent huge pages (`no_thp`):
/// on this project's machines (virtual, whose freed memory the host takes back) a 2 MiB
/// page costs the host 512 faults however little of it is used, and a build's threads
/// touch their heaps sparsely; in runs a few seconds apart, as in the benchmark, a build
/// took 396 ms with huge pages against 331 ms without (system time 223 against 74 ms),
/// though back to back it was 8% faster with them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let code = reader_edition::cli::run_code();
    // Everything is written (outputs renamed into place, reports printed): flush what
    // stdout still buffers and end the process without tearing down its memory. The
    // allocator's exit-time collection walked and returned every page of the heap, a
    // few milliseconds at the end of every build that the system does anyway.
    use std::io::Write;
    let flushed = std::io::stdout().flush().is_ok() && std::io::stderr().flush().is_ok();
    let code = if flushed {
        code
    } else {
        reader_edition::cli::EXIT_ERRORS.max(code)
    };
    // SAFETY: `_exit` ends the process at once; no Rust code runs after it, so no
    // destructor can observe a half-torn-down state.
    unsafe { libc::_exit(i32::from(code)) }
}
