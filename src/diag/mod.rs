//! Diagnostics: coded messages with spans into the manuscript's files, collected and
//! reported all at once. Every code lives in the one table of `codes.rs`.
//!
//! This module knows files and byte ranges, never what the files mean.

pub mod codes;
mod render;

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub use codes::{Code, Severity};
pub use render::render_all;

/// A file known to the diagnostics: an index into [`Sources`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub u32);

/// A byte range in one file of [`Sources`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(file: FileId, range: Range<usize>) -> Span {
        Span {
            file,
            start: range.start as u32,
            end: range.end as u32,
        }
    }

    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The span of the sub-range `range` of this span (offsets relative to its start).
    pub fn sub(&self, range: Range<usize>) -> Span {
        let start = (self.start as usize + range.start).min(self.end as usize);
        let end = (self.start as usize + range.end).min(self.end as usize);
        Span::new(self.file, start..end)
    }
}

/// One file as read (or generated, like an imported text's cleaned Markdown).
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as shown to the user (relative to the manuscript when possible).
    pub name: String,
    pub path: PathBuf,
    pub text: String,
    /// Byte offset of each line's start, built on the first `line_col` call: the
    /// revision summary and the chronology's report ask for thousands of lines, and a
    /// scan from the file's start per call grows with the square of the file.
    line_starts: OnceLock<Vec<u32>>,
}

impl SourceFile {
    fn line_starts(&self) -> &[u32] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i as u32 + 1))
                .collect()
        })
    }
}

/// All files that diagnostics may point into, in the order they were added.
#[derive(Debug, Default, Clone)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl Sources {
    pub fn new() -> Sources {
        Sources::default()
    }

    /// Registers a file; `name` is how it is shown in diagnostics.
    pub fn add(&mut self, name: impl Into<String>, path: &Path, text: String) -> FileId {
        self.files.push(SourceFile {
            name: name.into(),
            path: path.to_path_buf(),
            text,
            line_starts: OnceLock::new(),
        });
        FileId(self.files.len() as u32 - 1)
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    pub fn text(&self, id: FileId) -> &str {
        &self.get(id).text
    }

    pub fn files(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(i as u32), f))
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, id: FileId, offset: usize) -> (usize, usize) {
        let file = self.get(id);
        let text = file.text.as_str();
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let starts = file.line_starts();
        // The last line start at or before the offset (the first is always 0).
        let line = starts.partition_point(|&s| s as usize <= offset);
        let line_start = starts[line - 1] as usize;
        (line, text[line_start..offset].chars().count() + 1)
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A secondary place a diagnostic points to, with what it shows there.
#[derive(Debug, Clone)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// One finding: a code from the table, what is wrong here, where, and how to fix it.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub code: Code,
    pub message: String,
    pub span: Option<Span>,
    pub labels: Vec<Label>,
    /// How to fix it; when `None`, the code's generic hint is shown.
    pub hint: Option<String>,
    pub notes: Vec<String>,
}

impl Diagnostic {
    pub fn new(code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            message: message.into(),
            span: None,
            labels: Vec::new(),
            hint: None,
            notes: Vec::new(),
        }
    }

    pub fn at(mut self, span: Span) -> Diagnostic {
        self.span = Some(span);
        self
    }

    pub fn at_opt(mut self, span: Option<Span>) -> Diagnostic {
        self.span = span;
        self
    }

    pub fn label(mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Diagnostic {
        self.notes.push(note.into());
        self
    }

    pub fn severity(&self) -> Severity {
        self.code.severity
    }

    pub fn is_error(&self) -> bool {
        self.code.severity == Severity::Error
    }
}

/// The diagnostics of one run, in the order they were found.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    pub list: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Diagnostics {
        Diagnostics::default()
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.list.push(d);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.list.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.list.iter().any(Diagnostic::is_error)
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.list
            .iter()
            .filter(|d| d.severity() == severity)
            .count()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}
