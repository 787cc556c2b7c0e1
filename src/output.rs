//! Writing outputs safely: every file goes to a temporary file in the target folder and
//! is renamed over the old one, so a failed or killed build never leaves a half-written
//! output. All outputs are produced in memory first; nothing is written if any failed.

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

/// Writes every file into `dir` (created if missing), each atomically. Returns the paths
/// written.
pub fn write_all(dir: &Path, files: &[OutputFile]) -> Result<Vec<PathBuf>, Diagnostic> {
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
    let mut written = Vec::new();
    for f in files {
        let target = dir.join(&f.name);
        write_atomic(dir, &target, &f.bytes)?;
        written.push(target);
    }
    Ok(written)
}

fn write_atomic(dir: &Path, target: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let mut tmp = tempfile::Builder::new()
        .prefix(".edition-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| write_error(dir, &e))?;
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
    tmp.persist(target)
        .map_err(|e| write_error(target, &e.error))?;
    Ok(())
}

fn write_error(path: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::new(
        codes::OUTPUT_WRITE,
        format!("cannot write `{}`: {e}", path.display()),
    )
}

/// Removes temporary files left in `dir` by a build that was killed.
pub fn clean_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        if name.starts_with(".edition-") && name.ends_with(".tmp") {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        write_all(
            &out,
            &[OutputFile {
                name: "a.txt".into(),
                bytes: b"one".to_vec(),
            }],
        )
        .unwrap();
        write_all(
            &out,
            &[OutputFile {
                name: "a.txt".into(),
                bytes: b"two".to_vec(),
            }],
        )
        .unwrap();
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
        let err = write_all(&file, &[]).unwrap_err();
        assert_eq!(err.code.id, codes::OUTPUT_WRITE.id);
    }
}
