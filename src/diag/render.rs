//! Renders diagnostics as text: `error[E101]: message`, then `file:line:col`, the source
//! line with a caret, and the hint (through codespan-reporting).

use codespan_reporting::diagnostic::{
    Diagnostic as CsDiagnostic, Label as CsLabel, Severity as CsSeverity,
};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, Config};

use super::{Diagnostic, Severity, Sources};

/// Renders every diagnostic, sorted by nothing: they stay in the order found, which
/// follows the manuscript's order.
pub fn render_all(sources: &Sources, diagnostics: &[Diagnostic]) -> String {
    let mut files = SimpleFiles::new();
    for (_, f) in sources.files() {
        files.add(f.name.clone(), f.text.clone());
    }
    let config = Config::default();
    let mut out = String::new();
    for d in diagnostics {
        let cs = to_codespan(d);
        match term::emit_into_string(&config, &files, &cs) {
            Ok(s) => out.push_str(&s),
            Err(_) => {
                // A span that does not fit its file (should not happen): fall back to the bare message.
                out.push_str(&format!(
                    "{}[{}]: {}\n",
                    severity_word(d.severity()),
                    d.code.id,
                    d.message
                ));
            }
        }
    }
    out
}

fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

fn to_codespan(d: &Diagnostic) -> CsDiagnostic<usize> {
    let severity = match d.severity() {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Note => CsSeverity::Note,
    };
    let mut labels = Vec::new();
    if let Some(span) = d.span {
        labels
            .push(CsLabel::primary(span.file.0 as usize, span.range()).with_message(d.code.title));
    }
    for l in &d.labels {
        labels.push(
            CsLabel::secondary(l.span.file.0 as usize, l.span.range())
                .with_message(l.message.clone()),
        );
    }
    let mut notes = d.notes.clone();
    let hint = d.hint.as_deref().unwrap_or(d.code.hint);
    if !hint.is_empty() {
        notes.push(format!("hint: {hint}"));
    }
    CsDiagnostic::new(severity)
        .with_code(d.code.id)
        .with_message(d.message.clone())
        .with_labels(labels)
        .with_notes(notes)
}
