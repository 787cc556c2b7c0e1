//! The revision report of `check` and `build`: this build's summary compared with the one
//! the last successful build left in the output folder (`<name>.summary.toml`).

use std::path::{Path, PathBuf};

use crate::apparatus::revision::{self, Revision};
use crate::diag::Sources;
use crate::manuscript::Manuscript;
use crate::output::OutputFile;

/// This build's summary and, when the output folder holds a readable summary of an
/// earlier build, the comparison with it.
pub struct Compared {
    /// This build's summary, as written to the summary file.
    pub toml: String,
    pub revision: Option<Revision>,
    /// What to print when there was nothing to compare with.
    pub note: Option<String>,
}

/// The summary file of `m` in `out`.
pub fn summary_name(m: &Manuscript) -> String {
    summary_file(&m.output_name())
}

/// The summary file of an edition whose outputs are named `name`.
pub fn summary_file(name: &str) -> String {
    format!("{name}.summary.toml")
}

fn summary_path(out: &Path, m: &Manuscript) -> PathBuf {
    out.join(summary_name(m))
}

/// Summarises `m` and compares it with the summary in `out`, if any.
pub fn compare(m: &Manuscript, sources: &Sources, out: &Path) -> Compared {
    compare_with(m, sources, Earlier::read(&summary_path(out, m)))
}

/// The summary file an earlier build left, read before this build's summary is made
/// (`build` reads it while the manuscript loads).
pub enum Earlier {
    /// No file at this path (or none readable).
    Missing(PathBuf),
    /// The file's text, parsed only when it differs from this build's summary: a file
    /// equal to it byte for byte is that summary (a summary written and read back is the
    /// same summary), and is compared as such, unparsed.
    Read(PathBuf, String),
}

impl Earlier {
    /// Reads the summary file at `path`.
    pub fn read(path: &Path) -> Earlier {
        match std::fs::read_to_string(path) {
            Err(_) => Earlier::Missing(path.to_path_buf()),
            Ok(text) => Earlier::Read(path.to_path_buf(), text),
        }
    }
}

/// Summarises `m` and compares it with `earlier`.
pub fn compare_with(m: &Manuscript, sources: &Sources, earlier: Earlier) -> Compared {
    let summary = revision::summarize(&m.volume, &m.apparatus, sources);
    let toml = revision::to_toml(&summary);
    let (revision, note) = match earlier {
        Earlier::Missing(path) => (
            None,
            Some(format!(
                "  no earlier build's summary in {} to compare with",
                path.display()
            )),
        ),
        // Unchanged since the last build: no need to parse it back.
        Earlier::Read(_, text) if text == toml => {
            (Some(revision::compare(&summary, &summary)), None)
        }
        Earlier::Read(path, text) => match revision::parse(&text) {
            Some(old) => (Some(revision::compare(&old, &summary)), None),
            None => (
                None,
                Some(format!(
                    "  {} is not a summary this version writes; it will be replaced",
                    path.display()
                )),
            ),
        },
    };
    Compared {
        toml,
        revision,
        note,
    }
}

impl Compared {
    /// The lines printed after the summary.
    pub fn report(&self) -> String {
        match (&self.revision, &self.note) {
            (Some(r), _) => r.report(),
            (None, Some(n)) => format!("{n}\n"),
            (None, None) => String::new(),
        }
    }

    /// The summary as an output file, written with the others: the summary's text
    /// moves into it (`toml` is left empty; a summary of fifty volumes is 7 MB).
    pub fn file(&mut self, m: &Manuscript) -> OutputFile {
        OutputFile {
            name: summary_name(m),
            bytes: std::mem::take(&mut self.toml).into_bytes(),
        }
    }
}
