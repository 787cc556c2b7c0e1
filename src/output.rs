//! Writing outputs safely: every file goes to a temporary file in the target folder and
//! is renamed over the old one, so a failed or killed build never leaves a half-written
//! output. A file may be staged as soon as it is made ([`Pending::early`]); the renames
//! come only when every file is staged, and none if any failed.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, codes};

/// Unix permissions of a written output: readable by all, writable by the owner, like a
/// file made by any other program under the usual umask.
#[cfg(unix)]
const OUTPUT_MODE: u32 = 0o644;

/// One finished output: its file name in the output folder and its bytes.
#[derive(Debug)]
pub struct OutputFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// An output on its way to the output folder: its bytes, or already staged there
/// ([`Pending::early`]).
#[derive(Debug)]
pub enum Pending {
    Bytes(OutputFile),
    /// Written to a temporary file, or the error that gave (reported by [`write_all`]
    /// in the files' order, as if it came then).
    Staged(Result<Staged, Diagnostic>),
}

/// A file written in full to a temporary file in the output folder and synced, to be
/// renamed over its target by [`write_all`]; dropped, the temporary file is removed.
#[derive(Debug)]
pub struct Staged {
    tmp: tempfile::NamedTempFile,
    target: PathBuf,
}

impl Pending {
    /// `file`, staged into `dir` at once when `dir` is a folder already (so the file's
    /// writing and syncing overlap the rest of the build, and its bytes are freed), else
    /// kept in memory: a build that then fails creates no folder. Staged files are
    /// renamed only by [`write_all`], so the previous outputs stay until every file is
    /// ready; a failed build drops them, which removes them.
    pub fn early(dir: &Path, file: OutputFile) -> Pending {
        if dir.is_dir() {
            Pending::Staged(Staged::new(dir, &file))
        } else {
            Pending::Bytes(file)
        }
    }
}

impl Staged {
    /// `file` written to a new temporary file in `dir`.
    fn new(dir: &Path, file: &OutputFile) -> Result<Staged, Diagnostic> {
        let target = dir.join(&file.name);
        stage(dir, &target, &file.bytes).map(|tmp| Staged { tmp, target })
    }
}

/// Writes every file into `dir` (created if missing), each atomically. Returns the paths
/// written.
pub fn write_all(dir: &Path, files: Vec<Pending>) -> Result<Vec<PathBuf>, Diagnostic> {
    if dir.exists() && !dir.is_dir() {
        return Err(Diagnostic::new(
            codes::OUTPUT_WRITE,
            format!(
                "the output path `{}` is a file, not a folder",
                dir.display()
            ),
        )
        .hint("remove the file or choose another folder with --out"));
    }
    std::fs::create_dir_all(dir).map_err(|e| write_error(dir, &e))?;
    // Every file is written in full to its temporary file first; only when all are on
    // disk are they renamed, so a full disk half-way leaves the old set whole (the
    // temporary files are removed when `staged` is dropped). The files not staged yet
    // are staged side by side: most of a file's staging is waiting for the disk to sync
    // it, and those waits overlap. The first failure in the files' order is reported.
    let staged: Vec<Result<Staged, Diagnostic>> = std::thread::scope(|scope| {
        // Each file's staging: done already, or running on a thread of its own.
        enum Staging<'s> {
            Done(Result<Staged, Diagnostic>),
            Running(std::thread::ScopedJoinHandle<'s, Result<Staged, Diagnostic>>),
        }
        let staging: Vec<Staging> = files
            .into_iter()
            .map(|pending| match pending {
                Pending::Staged(staged) => Staging::Done(staged),
                Pending::Bytes(f) => Staging::Running(scope.spawn(move || Staged::new(dir, &f))),
            })
            .collect();
        staging
            .into_iter()
            .map(|s| match s {
                Staging::Done(staged) => staged,
                Staging::Running(h) => h.join().expect("staging a file does not panic"),
            })
            .collect()
    });
    let staged = staged.into_iter().collect::<Result<Vec<_>, _>>()?;
    if std::env::var(FAULT_ENV).as_deref() == Ok("pause-before-rename") {
        std::thread::sleep(std::time::Duration::from_secs(PAUSE_SECONDS));
    }
    let mut written = Vec::new();
    for Staged { tmp, target } in staged {
        tmp.persist(&target)
            .map_err(|e| write_error(&target, &e.error))?;
        written.push(target);
    }
    Ok(written)
}

/// Writes `bytes` to a new temporary file in `dir`, synced, with an output's permissions.
fn stage(dir: &Path, target: &Path, bytes: &[u8]) -> Result<tempfile::NamedTempFile, Diagnostic> {
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)
        .map_err(|e| write_error(dir, &e))?;
    if let Some(e) = injected_fault() {
        return Err(write_error(target, &e));
    }
    tmp.write_all(bytes).map_err(|e| write_error(target, &e))?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| write_error(target, &e))?;
    // Temporary files are created private (0600); an output is an ordinary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(OUTPUT_MODE))
            .map_err(|e| write_error(target, &e))?;
    }
    Ok(tmp)
}

/// Names of the temporary files: hidden, and recognisable by [`clean_stale_temporaries`].
const TEMP_PREFIX: &str = ".edition-";
const TEMP_SUFFIX: &str = ".tmp";

/// Environment variable for the tests only: `disk-full` or `read-only` makes every
/// output write fail as a full disk (ENOSPC) or a read-only file system (EROFS) would,
/// once the temporary file exists, so the diagnostic and the clean-up can be tested on
/// any machine without mounting a file system; `pause-before-rename` waits
/// [`PAUSE_SECONDS`] with every temporary file written, so a test can kill the build
/// exactly there.
pub const FAULT_ENV: &str = "EDITION_TEST_WRITE_FAULT";

/// Long enough for a test on a loaded machine to see the temporary files and kill.
const PAUSE_SECONDS: u64 = 5;

fn injected_fault() -> Option<std::io::Error> {
    match std::env::var(FAULT_ENV).ok()?.as_str() {
        "disk-full" => Some(std::io::Error::from(std::io::ErrorKind::StorageFull)),
        "read-only" => Some(std::io::Error::from(std::io::ErrorKind::ReadOnlyFilesystem)),
        _ => None,
    }
}

fn write_error(path: &Path, e: &std::io::Error) -> Diagnostic {
    let d = Diagnostic::new(
        codes::OUTPUT_WRITE,
        format!("cannot write `{}`: {}", path.display(), io_reason(e)),
    );
    match e.kind() {
        std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => {
            d.hint("free space on the disk that holds the output folder, or choose another folder with --out; the previous outputs are untouched")
        }
        std::io::ErrorKind::ReadOnlyFilesystem | std::io::ErrorKind::PermissionDenied => {
            d.hint("make the output folder writable, or choose another folder with --out; the previous outputs are untouched")
        }
        _ => d,
    }
}

/// The reason of an I/O error in words, without the OS error number (the same on every
/// machine, so golden tests can compare it).
fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::StorageFull => "no space left on the device".to_string(),
        std::io::ErrorKind::QuotaExceeded => "disk quota exceeded".to_string(),
        std::io::ErrorKind::ReadOnlyFilesystem => "read-only file system".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        std::io::ErrorKind::NotADirectory => "a part of the path is a file".to_string(),
        _ => e.to_string(),
    }
}

/// Removes temporary files left in `dir` by a build that was killed.
pub fn clean_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        if name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, text: &str) -> OutputFile {
        OutputFile {
            name: name.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    fn temporaries(dir: &Path) -> usize {
        std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with(TEMP_PREFIX))
            .count()
    }

    /// A file staged early waits in a temporary file, the old output untouched, until
    /// every file is written; dropped (a failed build), it leaves nothing behind.
    #[test]
    fn early_staging_renames_only_with_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        // No folder yet: nothing is written early.
        assert!(matches!(
            Pending::early(&out, file("a.txt", "one")),
            Pending::Bytes(_)
        ));
        write_all(&out, vec![Pending::Bytes(file("a.txt", "one"))]).unwrap();
        let early = Pending::early(&out, file("a.txt", "two"));
        assert!(matches!(early, Pending::Staged(Ok(_))));
        assert_eq!(temporaries(&out), 1);
        assert_eq!(std::fs::read(out.join("a.txt")).unwrap(), b"one");
        drop(early);
        assert_eq!(temporaries(&out), 0, "a dropped staged file is removed");
        let early = Pending::early(&out, file("a.txt", "three"));
        let paths = write_all(&out, vec![early, Pending::Bytes(file("b.txt", "four"))]).unwrap();
        assert_eq!(paths, vec![out.join("a.txt"), out.join("b.txt")]);
        assert_eq!(std::fs::read(out.join("a.txt")).unwrap(), b"three");
        assert_eq!(std::fs::read(out.join("b.txt")).unwrap(), b"four");
        assert_eq!(temporaries(&out), 0);
    }

    #[test]
    fn writes_and_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        write_all(&out, vec![Pending::Bytes(file("a.txt", "one"))]).unwrap();
        write_all(&out, vec![Pending::Bytes(file("a.txt", "two"))]).unwrap();
        assert_eq!(std::fs::read(out.join("a.txt")).unwrap(), b"two");
        assert_eq!(
            std::fs::read_dir(&out).unwrap().count(),
            1,
            "no temporary file left"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(out.join("a.txt"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, OUTPUT_MODE);
        }
    }

    #[test]
    fn output_path_that_is_a_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f");
        std::fs::write(&file, b"x").unwrap();
        let err = write_all(&file, Vec::new()).unwrap_err();
        assert_eq!(err.code.id, codes::OUTPUT_WRITE.id);
    }
}
