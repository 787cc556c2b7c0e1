//! Per-text note files: `notes/<slug>.toml` holds the notes and emendations of one text,
//! `text` implied by the file name; they are placed and numbered with those of
//! notes.toml in reading order. (Kept beside the chronology tests: the same helper wrote
//! both.)

mod common;

use common::*;
use reader_edition::model::text::inline_text;
use reader_edition::model::{BlockKind, Inline, InlineKind, TextId};

const CASE: &str = "tests/fixtures/chronology/note-files";

/// The paragraphs of `slug` with each call as `[number: first words of the note]`.
fn with_calls(m: &reader_edition::manuscript::Manuscript, slug: &str) -> Vec<String> {
    let text = m.text(&TextId(slug.into())).unwrap();
    let mut out = Vec::new();
    for b in &text.blocks {
        let BlockKind::Paragraph(content) = &b.kind else {
            continue;
        };
        let mut s = String::new();
        for i in content {
            match &i.kind {
                InlineKind::NoteRef(id) => {
                    let note = text.note(*id).unwrap();
                    let body: String = note
                        .blocks
                        .iter()
                        .map(reader_edition::model::text::block_text)
                        .collect();
                    let words: Vec<&str> = body.split_whitespace().take(2).collect();
                    s.push_str(&format!("[{}: {}]", note.number, words.join(" ")));
                }
                _ => s.push_str(&inline_text(std::slice::from_ref::<Inline>(i))),
            }
        }
        out.push(s);
    }
    out
}

#[test]
fn per_text_files_imply_their_text_and_number_with_notes_toml_in_reading_order() {
    let loaded = reader_edition::manuscript::load(&repo().join(CASE));
    assert!(
        loaded.diagnostics.is_empty(),
        "{:?}",
        loaded.diagnostics.list
    );
    let m = loaded.manuscript.unwrap();
    assert_eq!(
        with_calls(&m, "history"),
        [
            "The Movement was founded on 12 October 1965[1: From notes/history.toml,] in Santiago. Allende won the election of 4 September 1970 and took office on 3 November 1970.[2: From notes.toml.]",
            "The coup came on 11 September 1973. In 1973 the Movement[3: From notes/history.toml,] numbered about 10,000 members.",
            "Its founders had met around 1962, in Concepción.",
        ]
    );
    assert_eq!(
        with_calls(&m, "memoir"),
        [
            "The coup of September 11 found me at the factory. I had joined the cordón in 1972.[1: From notes/memoir.toml.]"
        ]
    );
    assert_eq!(m.apparatus.notes.len(), 4);
    assert_eq!(m.apparatus.emendations.len(), 1);
    // Spans of a per-text file's entries point into that file.
    let em = &m.apparatus.emendations[0];
    let file = loaded.sources.get(em.span.file);
    assert_eq!(file.name, "notes/history.toml");
}

/// E646 (an entry naming another text than its file's), E105 (no `text` in
/// notes.toml), E604 (a file named after no text).
#[test]
fn bad_note_files_golden() {
    check_golden_dir("tests/fixtures/chronology/bad-note-files");
}
