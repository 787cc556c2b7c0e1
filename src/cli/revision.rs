//! The revision report of `check` and `build`: this build's summary compared with the one
//! the last successful build left in the output folder (`<name>.summary.toml`).

use std::path::{Path, PathBuf};

use crate::apparatus::revision::{self, Revision, Summary};
use crate::diag::Sources;
use crate::manuscript::Manuscript;
use crate::output::OutputFile;

/// This build's summary and, when the output folder holds a readable summary of an
/// earlier build, the comparison with it.
pub struct Compared {
    pub summary: Summary,
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

/// The summary an earlier build left, read before this build's is made (`build` reads it
/// while the manuscript loads).
pub enum Earlier {
    /// No file at this path (or none readable).
    Missing(PathBuf),
    /// A file this version did not write.
    Foreign(PathBuf),
    Read(Summary),
}

impl Earlier {
    /// Reads and parses the summary file at `path`.
    pub fn read(path: &Path) -> Earlier {
        match std::fs::read_to_string(path) {
            Err(_) => Earlier::Missing(path.to_path_buf()),
            Ok(text) => match revision::parse(&text) {
                Some(old) => Earlier::Read(old),
                None => Earlier::Foreign(path.to_path_buf()),
            },
        }
    }
}

/// Summarises `m` and compares it with `earlier`.
pub fn compare_with(m: &Manuscript, sources: &Sources, earlier: Earlier) -> Compared {
    let summary = revision::summarize(&m.volume, &m.apparatus, sources);
    let (revision, note) = match earlier {
        Earlier::Missing(path) => (
            None,
            Some(format!(
                "  no earlier build's summary in {} to compare with",
                path.display()
            )),
        ),
        Earlier::Read(old) => (Some(revision::compare(&old, &summary)), None),
        Earlier::Foreign(path) => (
            None,
            Some(format!(
                "  {} is not a summary this version writes; it will be replaced",
                path.display()
            )),
        ),
    };
    Compared {
        summary,
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

    /// The summary as an output file, written with the others.
    pub fn file(&self, m: &Manuscript) -> OutputFile {
        OutputFile {
            name: summary_name(m),
            bytes: revision::to_toml(&self.summary).into_bytes(),
        }
    }
}
