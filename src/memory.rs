//! How the process takes memory from the system: in 2 MiB pages (transparent huge pages)
//! for a manuscript of ordinary size, in 4 KiB pages for a very large one.
//!
//! The allocator (mimalloc, in `main.rs`) asks the kernel for huge pages on its arenas.
//! A build of one volume then takes 450 page faults instead of 10,500 (each a trap,
//! a cleared page and a page-table entry), and its memory goes back at exit in a few
//! large pieces instead of 12,000 small ones: the process's end, after the last line is
//! printed, 7.5–8.9 → 1.3–1.5 ms; its system time 74 → 38 ms and its wall-clock time
//! 307 → 283 ms (medians of 20 interleaved runs). The price is memory: a huge page is
//! resident as soon as one byte of it is touched, and a build's threads touch their heaps
//! sparsely, which costs 50–70 MiB at any size (one volume: a peak of 49 → 97–111 MiB;
//! ten: 113 → 186 MiB). Fifty volumes, whose peak must stay under 400 MiB, would take
//! 424 MiB: past [`HUGE_PAGES_UP_TO`] the process turns huge pages off before it reads
//! the manuscript (fifty volumes: 357 MiB).
//!
//! Must not know: what is built; only how large the manuscript folder is.

use std::path::Path;

/// The largest manuscript folder (bytes of all its files) built with huge pages: 8 MiB,
/// seventeen times the reference volume (0.47 MB). Ten copies of it (3.7 MB) still use
/// them; fifty (18 MB) do not, so that their peak stays under 400 MiB.
pub const HUGE_PAGES_UP_TO: u64 = 8 << 20;

/// Whether the process uses huge pages for the memory it touches from now on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pages {
    Huge,
    Small,
}

/// The pages a build of the manuscript in `root` should use: huge unless its files add
/// up to more than [`HUGE_PAGES_UP_TO`] (or the folder cannot be read: the load then
/// says why, and small pages are the safe side).
pub fn pages_for(root: &Path) -> Pages {
    match folder_size_up_to(root, HUGE_PAGES_UP_TO) {
        Some(size) if size <= HUGE_PAGES_UP_TO => Pages::Huge,
        _ => Pages::Small,
    }
}

/// Sets the pages the rest of the process uses. Huge pages are the allocator's default
/// (where the system offers them); `Small` turns them off for every page touched from
/// now on (`PR_SET_THP_DISABLE`). Best effort: a system without huge pages, or one that
/// refuses, keeps its default, which changes only speed and memory, never an output.
pub fn use_pages(pages: Pages) {
    #[cfg(target_os = "linux")]
    if pages == Pages::Small {
        // SAFETY: prctl with PR_SET_THP_DISABLE takes plain integers and changes only
        // how the kernel backs this process's future page faults.
        unsafe {
            libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = pages;
}

/// The total size of the regular files under `root` (symbolic links not followed), or
/// as soon as it exceeds `limit`, some total above it; `None` when `root` cannot be read.
fn folder_size_up_to(root: &Path, limit: u64) -> Option<u64> {
    let mut total = 0u64;
    let mut folders = vec![root.to_path_buf()];
    let mut first = true;
    while let Some(folder) = folders.pop() {
        let entries = match std::fs::read_dir(&folder) {
            Ok(entries) => entries,
            Err(_) if first => return None,
            Err(_) => continue,
        };
        first = false;
        for entry in entries.flatten() {
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                folders.push(entry.path());
            } else if kind.is_file() {
                total += entry.metadata().map_or(0, |m| m.len());
                if total > limit {
                    return Some(total);
                }
            }
        }
    }
    Some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reference_volume_uses_huge_pages_and_a_large_manuscript_does_not() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("manuscript");
        let size = folder_size_up_to(&root, u64::MAX).expect("the manuscript is readable");
        assert!(size > 100_000 && size < HUGE_PAGES_UP_TO, "{size}");
        assert_eq!(pages_for(&root), Pages::Huge);

        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sources")).unwrap();
        let big = vec![b'a'; 3 << 20];
        for i in 0..3 {
            std::fs::write(dir.path().join(format!("sources/{i}.txt")), &big).unwrap();
        }
        // 9 MiB in all: counting stops once past the limit.
        let counted = folder_size_up_to(dir.path(), HUGE_PAGES_UP_TO).unwrap();
        assert!(counted > HUGE_PAGES_UP_TO, "{counted}");
        assert_eq!(pages_for(dir.path()), Pages::Small);
        assert_eq!(pages_for(&dir.path().join("missing")), Pages::Small);
    }
}
