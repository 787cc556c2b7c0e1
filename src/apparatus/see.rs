//! Explicit cross-references of the name index (`[[see]]` in names.toml): a form a reader
//! may look up, sent to a heading. Checked here, once, so `edition check` reports them;
//! the cross-references generated from variants are the back matter's business.
//!
//! Must not know: how the index is sorted or printed.

use toml::Spanned;

use super::names::IndexEntry;
use super::registry::SeeEntry;
use crate::diag::{Diagnostic, FileId, Span, codes};

/// One checked `[[see]]`: `from` is printed in the index, followed by "see `to`".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeeRef {
    pub from: String,
    /// The heading of an index entry, exactly.
    pub to: String,
    /// The `[[see]]` entry in names.toml.
    pub span: Span,
}

/// The `[[see]]` entries whose target is a heading of `index` and whose form is another;
/// each other one is a diagnostic.
pub fn check(
    index: &[IndexEntry],
    file: FileId,
    entries: &[Spanned<SeeEntry>],
    diags: &mut Vec<Diagnostic>,
) -> Vec<SeeRef> {
    let mut out = Vec::new();
    for e in entries {
        let entry = e.get_ref();
        let (from, to) = (squeeze(entry.from.get_ref()), squeeze(entry.to.get_ref()));
        let to_span = Span::new(file, entry.to.span());
        if !index.iter().any(|h| h.heading == to) {
            let mut d = Diagnostic::new(
                codes::SEE_TARGET_UNKNOWN,
                format!("“{to}” is not a heading of the name index"),
            )
            .at(to_span);
            if let Some(near) = closest(index, &to) {
                d = d.label(near.span, format!("did you mean “{}”?", near.heading));
            }
            diags.push(d);
            continue;
        }
        if from.is_empty() || from == to {
            diags.push(
                Diagnostic::new(
                    codes::SEE_TO_ITSELF,
                    format!("“{from}” sends the reader to itself"),
                )
                .at(Span::new(file, entry.from.span()))
                .label(to_span, "the same heading"),
            );
            continue;
        }
        out.push(SeeRef {
            from,
            to,
            span: Span::new(file, e.span()),
        });
    }
    out
}

/// Runs of whitespace as one space, trimmed.
fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The heading most like `to`, when it is like enough to be a misspelling.
fn closest<'a>(index: &'a [IndexEntry], to: &str) -> Option<&'a IndexEntry> {
    // Below this similarity (0–1) a suggestion is noise rather than help.
    const SIMILAR: f64 = 0.7;
    index
        .iter()
        .map(|h| (strsim::normalized_levenshtein(&h.heading, to), h))
        .filter(|(s, _)| *s >= SIMILAR)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, h)| h)
}
