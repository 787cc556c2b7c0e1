//! Stage timings for `edition build --timings`: each stage of the build (load, apparatus,
//! typeset, PDF, EPUB cover, documents and zip, write) records when it started and how
//! long it took, from whichever thread ran it; the build prints them on stderr.
//!
//! Each stage also records the process's resident memory when it ended (Linux only, from
//! `/proc/self/statm`), which shows which stage holds the peak of a large build.
//!
//! Off unless enabled, and never part of any output file (the outputs stay
//! deterministic): a disabled timer costs one atomic load.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

static ENABLED: AtomicBool = AtomicBool::new(false);
static RECORDS: Mutex<Vec<Stage>> = Mutex::new(Vec::new());

/// One timed stage.
#[derive(Debug, Clone)]
pub struct Stage {
    pub name: String,
    /// When the stage started, from [`enable`].
    pub start: Duration,
    pub took: Duration,
    /// Resident memory when the stage ended, in bytes, where the system tells.
    pub resident: Option<u64>,
}

static ORIGIN: Mutex<Option<Instant>> = Mutex::new(None);

/// Starts recording; times are measured from now.
pub fn enable() {
    if let Ok(mut origin) = ORIGIN.lock() {
        *origin = Some(Instant::now());
    }
    ENABLED.store(true, Ordering::Relaxed);
}

/// Runs `f`, recording its duration under `name` when timings are enabled.
pub fn time<T>(name: impl Into<String>, f: impl FnOnce() -> T) -> T {
    if !ENABLED.load(Ordering::Relaxed) {
        return f();
    }
    let started = Instant::now();
    let result = f();
    let took = started.elapsed();
    let origin = ORIGIN.lock().ok().and_then(|o| *o).unwrap_or(started);
    if let Ok(mut records) = RECORDS.lock() {
        records.push(Stage {
            name: name.into(),
            start: started.saturating_duration_since(origin),
            took,
            resident: resident_bytes(),
        });
    }
    result
}

/// The process's resident set size in bytes: `/proc/self/statm` gives it in pages (its
/// second field).
fn resident_bytes() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    // SAFETY: sysconf reads a constant of the system and has no preconditions.
    let page_bytes = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    u64::try_from(page_bytes).ok().map(|size| pages * size)
}

/// The stages recorded so far, in the order they started.
pub fn take() -> Vec<Stage> {
    let mut stages = RECORDS
        .lock()
        .map(|mut r| std::mem::take(&mut *r))
        .unwrap_or_default();
    stages.sort_by_key(|s| s.start);
    stages
}

/// The stages as lines: start, duration and name, in milliseconds.
pub fn report(stages: &[Stage]) -> String {
    let mut out = String::from("timings (ms):   start   took  resident  stage\n");
    for s in stages {
        let resident = s
            .resident
            .map(|b| format!("{:>5.0} MiB", b as f64 / (1024.0 * 1024.0)))
            .unwrap_or_else(|| "        -".to_string());
        out.push_str(&format!(
            "               {:>6.1} {:>6.1} {resident}  {}\n",
            s.start.as_secs_f64() * 1e3,
            s.took.as_secs_f64() * 1e3,
            s.name
        ));
    }
    out
}
