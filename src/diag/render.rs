//! Renders diagnostics as text: `error[E101]: message`, then `file:line:col`, the source
//! line with a caret, and the hint (through codespan-reporting). Terminal controls from
//! the manuscript are shown, never sent to the terminal.

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
        files.add(visible(&f.name), visible_same_length(&f.text));
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
                    visible(&d.message)
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
                .with_message(visible(&l.message)),
        );
    }
    let mut notes = d.notes.clone();
    let hint = d.hint.as_deref().unwrap_or(d.code.hint);
    if !hint.is_empty() {
        notes.push(format!("hint: {hint}"));
    }
    CsDiagnostic::new(severity)
        .with_code(d.code.id)
        .with_message(visible(&d.message))
        .with_labels(labels)
        .with_notes(notes.iter().map(|n| visible(n)).collect())
}

/// Whether printing `c` to a terminal could do something other than show a character:
/// C0 controls but tab and line feed (an ESC starts a terminal command), DEL, C1 controls.
fn is_terminal_control(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

/// `s` with every terminal control written as an escape (`\u{1b}`): a message may quote
/// hostile text from the manuscript, and must not drive the terminal.
fn visible(s: &str) -> String {
    s.chars()
        .map(|c| {
            if is_terminal_control(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// A file's text for display with every terminal control replaced by a visible
/// character of the same UTF-8 length (`?` for C0 and DEL, `¿` for C1 controls), so that
/// the byte offsets of the spans stay valid.
fn visible_same_length(s: &str) -> String {
    if !s.chars().any(is_terminal_control) {
        return s.to_string();
    }
    s.chars()
        .map(|c| match c {
            c if !is_terminal_control(c) => c,
            c if c.len_utf8() == 1 => '?',
            _ => '¿',
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Diagnostic, Span, codes};

    #[test]
    fn terminal_controls_are_shown_not_sent() {
        let mut sources = Sources::new();
        let text = "a \u{1b}]0;pwned\u{7} b \u{9b}31m c\n".to_string();
        let file = sources.add("t.md", std::path::Path::new("t.md"), text.clone());
        let d = Diagnostic::new(codes::NEVER_TEXT, "quote \u{1b}[2J here")
            .at(Span::new(file, 2..3))
            .note("and \u{7}");
        let out = render_all(&sources, &[d]);
        assert!(!out.chars().any(is_terminal_control), "{out:?}");
        assert!(out.contains("\\u{1b}[2J"), "{out}");
        assert!(out.contains("a ?]0;pwned? b ¿31m c"), "{out}");
    }
}
