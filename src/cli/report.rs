//! What every command prints: the diagnostics, then a short summary of the volume.

use crate::diag::{Diagnostics, Severity, Sources, render_all};
use crate::model::Volume;
use crate::model::text::{block_text, word_count};

/// Prints all diagnostics to stderr, followed by their counts.
pub fn print_diagnostics(sources: &Sources, diags: &Diagnostics) {
    if diags.is_empty() {
        return;
    }
    eprint!("{}", render_all(sources, &diags.list));
    eprintln!(
        "{} error(s), {} warning(s)",
        diags.count(Severity::Error),
        diags.count(Severity::Warning)
    );
}

/// One line per text and a total: words and notes.
pub fn summary(volume: &Volume) -> String {
    let mut out = String::new();
    let (mut words, mut notes) = (0, 0);
    for t in &volume.texts {
        let w: usize = t.blocks.iter().map(|b| word_count(&block_text(b))).sum();
        words += w;
        notes += t.notes.len();
        out.push_str(&format!(
            "  {:<32} {:>7} words {:>4} notes\n",
            t.id.as_str(),
            w,
            t.notes.len()
        ));
    }
    out.push_str(&format!(
        "  {:<32} {:>7} words {:>4} notes in {} texts\n",
        "total",
        words,
        notes,
        volume.texts.len()
    ));
    out
}
