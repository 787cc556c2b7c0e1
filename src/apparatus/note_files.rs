//! Which text the entries of a note file are about: in `notes.toml` each entry names it
//! (`text`); in a per-text file `notes/<slug>.toml` the file name gives it, and an entry
//! that names another text is an error.
//!
//! Must not know: how notes are placed or files read.

use toml::Spanned;

use super::registry::NotesFile;
use crate::diag::{Diagnostic, FileId, Span, codes};

/// Fills in or checks `text` of every note and emendation of `notes`. `slug` is the text
/// of a per-text file (`None` for notes.toml, where `text` is required). Entries in
/// error are dropped, so that they cause no second error when anchored.
pub fn imply_text(
    notes: &mut NotesFile,
    slug: Option<&str>,
    file: FileId,
    diags: &mut Vec<Diagnostic>,
) {
    let mut check = |entry: std::ops::Range<usize>, text: &mut Spanned<String>| {
        let missing = text.span().is_empty();
        match (slug, missing) {
            (None, true) => {
                diags.push(
                    Diagnostic::new(codes::TOML_SCHEMA, "missing key `text`")
                        .at(Span::new(file, entry))
                        .hint("name the text with `text = \"<slug>\"`, or move the entry into notes/<slug>.toml"),
                );
                false
            }
            (Some(s), true) => {
                *text = Spanned::new(entry, s.to_string());
                true
            }
            (Some(s), false) if text.get_ref() != s => {
                diags.push(
                    Diagnostic::new(
                        codes::NOTE_FILE_TEXT,
                        format!(
                            "this entry names the text `{}`, but its file holds the notes of `{s}`",
                            text.get_ref()
                        ),
                    )
                    .at(Span::new(file, text.span())),
                );
                false
            }
            _ => true,
        }
    };
    notes.note.retain_mut(|e| {
        let span = e.span();
        check(span, &mut e.get_mut().text)
    });
    notes.emendation.retain_mut(|e| {
        let span = e.span();
        check(span, &mut e.get_mut().text)
    });
}
