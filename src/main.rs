//! The `edition` binary: see `reader_edition::cli`.

/// mimalloc rather than the system allocator: a build makes and frees millions of small
/// objects (shaped words, glyph runs, lines), and glibc's frees, which coalesce chunks,
/// were a tenth of the build's time. Measured on this volume (interleaved runs): 8% less
/// CPU time; at 50 copies 7.9 s and 756 MiB instead of 8.9 s and 876 MiB; for one copy
/// a peak of 56 MiB instead of 48 MiB. Built without transparent huge pages (`no_thp`):
/// with them, every page the allocator touched was a 2 MiB page the kernel had to clear,
/// which doubled the peak memory and cost more system time than the allocator saved.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    reader_edition::cli::run()
}
