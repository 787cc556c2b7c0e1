//! Thread priorities: the build's critical path is served first.
//!
//! A PDF preset is drawn on one thread, page after page, and finished there; that
//! thread is the last to end. The work beside it has slack: typesetting the pages ahead
//! of the drawing, the EPUB, the revision summary, krilla's compression of the pages
//! drawn. On a machine of two cores all of it wants the CPU at once, and with equal
//! shares the drawing fell 25 ms behind the typesetting, and drew its last pages and
//! finished the document while the other core idled. So the threads beside the critical
//! path lower their own priority ([`off_critical_path`]): they yield a core to the
//! drawing when both want it, and run at full speed whenever a core is free. Nothing
//! else changes: the same work, the same outputs, in any order the scheduler picks.
//! Measured on the volume (100 interleaved runs): 304 → 296 ms median.
//!
//! Linux only (there `setpriority` on a thread id sets that thread alone); elsewhere a
//! no-op. A priority is a hint: a refusal is ignored.

/// How far below the process's own priority a thread off the critical path runs. At nice
/// +5 the scheduler weighs it 335 against 1024 (the kernel's table), so a drawing thread
/// sharing a core with it gets three quarters of that core. Much lower starves the
/// EPUB's thread, which must also end before the outputs are written (at +15 it became
/// the build's last thread); +3, +5 and +10, and other orders among the threads beside
/// the drawing, measured alike.
const OFF_PATH_NICE: i32 = 5;

/// Lowers the calling thread (and the threads it starts after) below the critical
/// path. Calling it again, or from a thread started by a lowered one, changes nothing.
pub fn off_critical_path() {
    #[cfg(target_os = "linux")]
    linux::lower(OFF_PATH_NICE);
}

/// Lowers the threads of rayon's global pool, which krilla's compression of drawn pages
/// runs on, below the critical path; call it before anything uses that pool. A pool
/// that exists already (a second build in one process) is left as it is.
pub fn lower_compression_pool() {
    let _ = rayon_core::ThreadPoolBuilder::new()
        .start_handler(|_| off_critical_path())
        .build_global();
}

#[cfg(target_os = "linux")]
mod linux {
    use std::sync::OnceLock;

    /// The priority the process started with (its nice value), read once by the first
    /// thread that lowers itself, before any thread was lowered.
    static BASE: OnceLock<i32> = OnceLock::new();

    pub fn lower(by: i32) {
        let base = *BASE.get_or_init(current);
        // SAFETY: `gettid` and `setpriority` take and return plain integers; this sets
        // the nice value of the calling thread only.
        unsafe {
            let tid = libc::gettid();
            libc::setpriority(libc::PRIO_PROCESS, tid as libc::id_t, (base + by).min(19));
        }
    }

    /// The calling thread's nice value (0 when it cannot be read).
    fn current() -> i32 {
        // SAFETY: errno is thread-local; it is cleared so that a nice value of -1 can be
        // told from an error, as `getpriority`'s manual asks.
        unsafe {
            *libc::__errno_location() = 0;
            let nice = libc::getpriority(libc::PRIO_PROCESS, 0);
            if nice == -1 && *libc::__errno_location() != 0 {
                0
            } else {
                nice
            }
        }
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    fn nice_of_this_thread() -> i32 {
        // SAFETY: as in `linux::current`.
        unsafe { libc::getpriority(libc::PRIO_PROCESS, libc::gettid() as libc::id_t) }
    }

    #[test]
    fn a_lowered_thread_runs_below_the_others_and_lowering_twice_changes_nothing() {
        let before = nice_of_this_thread();
        let (once, twice, child) = std::thread::spawn(|| {
            off_critical_path();
            let once = nice_of_this_thread();
            off_critical_path();
            let twice = nice_of_this_thread();
            let child = std::thread::spawn(|| {
                off_critical_path();
                nice_of_this_thread()
            })
            .join()
            .unwrap();
            (once, twice, child)
        })
        .join()
        .unwrap();
        assert_eq!(once, (before + OFF_PATH_NICE).min(19));
        assert_eq!(twice, once);
        assert_eq!(child, once);
        // The thread that did not lower itself keeps its priority.
        assert_eq!(nice_of_this_thread(), before);
    }
}
