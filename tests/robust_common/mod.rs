//! Shared by the robustness tests: builds that must be refused, an output folder holding
//! an earlier build's outputs that must stay byte-identical, golden files.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use super::common::repo;

/// The files of a folder (name → bytes), sorted by name.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| {
                    let name = e.file_name().to_string_lossy().to_string();
                    let bytes = std::fs::read(e.path()).unwrap_or_default();
                    (name, bytes)
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// A temporary folder with `out/` holding the outputs of an earlier build.
pub struct PreviousOutputs {
    pub tmp: tempfile::TempDir,
    pub out: PathBuf,
    before: Vec<(String, Vec<u8>)>,
}

impl PreviousOutputs {
    pub fn new() -> PreviousOutputs {
        let tmp = tempfile::tempdir().expect("a temporary folder");
        let out = tmp.path().join("out");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("edition.epub"), b"the EPUB of an earlier build").unwrap();
        std::fs::write(out.join("edition-a5.pdf"), b"the PDF of an earlier build").unwrap();
        let before = snapshot(&out);
        PreviousOutputs { tmp, out, before }
    }

    /// Panics unless `out/` holds exactly what it held before: same names, same bytes,
    /// no temporary file.
    pub fn assert_untouched(&self, what: &str) {
        let now = snapshot(&self.out);
        let names = |v: &[(String, Vec<u8>)]| v.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
        assert_eq!(
            names(&now),
            names(&self.before),
            "{what}: files in out/ changed"
        );
        assert!(
            now == self.before,
            "{what}: an earlier output was overwritten"
        );
    }

    /// `text` with the temporary folder's path written `<tmp>`.
    pub fn anonymise(&self, text: &str) -> String {
        text.replace(self.tmp.path().to_str().unwrap(), "<tmp>")
    }
}

/// Runs `edition` with `args` and `env` in the repository's root.
pub fn edition_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_edition"));
    cmd.args(args).current_dir(repo());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("the edition binary runs")
}

/// Checks a refused run: the exit code, no panic; returns stderr.
pub fn refused(out: &Output, code: i32) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(
        !stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"),
        "panic:\n{stderr}"
    );
    assert_eq!(
        out.status.code(),
        Some(code),
        "exit code; stderr:\n{stderr}"
    );
    stderr
}

/// `edition build ARGS --out <earlier outputs>` must exit with `code` and leave the
/// earlier outputs as they were. Returns stderr with the temporary path as `<tmp>`.
pub fn build_refused(args: &[&str], code: i32) -> String {
    build_refused_with_env(args, code, &[])
}

pub fn build_refused_with_env(args: &[&str], code: i32, env: &[(&str, &str)]) -> String {
    let previous = PreviousOutputs::new();
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    let out_dir = previous.out.to_str().unwrap().to_string();
    all.extend_from_slice(&["--out", &out_dir]);
    let out = edition_env(&all, env);
    let stderr = refused(&out, code);
    previous.assert_untouched(&args.join(" "));
    previous.anonymise(&stderr)
}

/// Compares `actual` with the golden file `rel` (UPDATE_GOLDEN=1 rewrites it).
pub fn golden(rel: &str, actual: &str) {
    let path = repo().join(rel);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("no {rel} (run with UPDATE_GOLDEN=1)"));
    assert_eq!(actual, expected, "{rel}: differs from the golden output");
}
