//! Editorial notes from notes.toml: placed at the end of their quotation, numbered per
//! text in reading order together with Markdown footnotes, rendered by both outputs.

mod common;

use common::*;
use reader_edition::apparatus::notes::numbers;
use reader_edition::model::text::inline_text;
use reader_edition::model::{BlockKind, Inline, InlineKind, NoteId, TextId};

const CASE: &str = "tests/fixtures/apparatus/notes";

fn load() -> reader_edition::manuscript::Manuscript {
    load_without_diagnostics(CASE)
}

/// The paragraph texts with each note call written as `[n<number>]`.
fn with_calls(m: &reader_edition::manuscript::Manuscript, slug: &str) -> Vec<String> {
    let text = m.text(&TextId(slug.into())).unwrap();
    let number = |id: NoteId| text.note(id).map(|n| n.number).unwrap();
    fn walk(list: &[Inline], out: &mut String, number: &dyn Fn(NoteId) -> u32) {
        for i in list {
            match &i.kind {
                InlineKind::NoteRef(id) => out.push_str(&format!("[{}]", number(*id))),
                InlineKind::Emph(c) => {
                    out.push('*');
                    walk(c, out, number);
                    out.push('*');
                }
                _ => out.push_str(&inline_text(std::slice::from_ref(i))),
            }
        }
    }
    text.blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Paragraph(c) => {
                let mut s = String::new();
                walk(c, &mut s, &number);
                Some(s)
            }
            _ => None,
        })
        .collect()
}

/// A call follows the punctuation that closes its quotation (the third note).
#[test]
fn notes_sit_at_the_end_of_their_quotation_numbered_in_reading_order() {
    let m = load();
    assert_eq!(
        with_calls(&m, "history"),
        [
            "The Movement was founded on 12 October 1965[1] in Santiago. At its height in 1973, the Movement[2] numbered about 10,000 members.",
            "Its founders came from the University of Concepción. The Movement grew in the shantytowns.",
            "In 1973 the Movement said it was “ready for the final struggle”.[3]",
        ]
    );
    assert_eq!(
        with_calls(&m, "intro"),
        [
            "The editors’ own words.[1] They introduce the *history*[2] of the movement.",
            "A second paragraph of the introduction.[3]",
        ]
    );
    assert_eq!(m.apparatus.notes.len(), 4);
    assert_eq!(m.apparatus.anchors_resolved, 4);
}

#[test]
fn new_note_ids_come_after_the_footnotes_in_reading_order() {
    let m = load();
    // The two footnotes of the introduction keep n1 and n2; notes.toml's are n3… in
    // reading order of their calls (the introduction's first, then the history's).
    let intro: Vec<u32> = numbers(&m.volume, &TextId("intro".into()))
        .iter()
        .map(|(_, id)| id.0)
        .collect();
    assert_eq!(intro, [1, 3, 2]);
    let history: Vec<u32> = numbers(&m.volume, &TextId("history".into()))
        .iter()
        .map(|(_, id)| id.0)
        .collect();
    assert_eq!(history, [4, 5, 6]);
}

#[test]
fn note_bodies_are_markdown_with_spans_into_notes_toml() {
    let m = load();
    let text = m.text(&TextId("history".into())).unwrap();
    let note = &text.notes[0];
    match &note.blocks[0].kind {
        BlockKind::Paragraph(c) => {
            assert!(matches!(c[1].kind, InlineKind::Emph(_)), "{c:?}");
            assert_eq!(
                inline_text(c),
                "The infobox of the same article gives 15 August 1965."
            );
        }
        other => panic!("{other:?}"),
    }
    let loaded = reader_edition::manuscript::load(&repo().join(CASE));
    let file = loaded
        .sources
        .files()
        .find(|(_, f)| f.name == "notes.toml")
        .map(|(id, _)| id)
        .unwrap();
    let span = note.blocks[0].span;
    assert_eq!(span.file, file);
    assert_eq!(
        &loaded.sources.text(file)[span.range()],
        "The infobox of the same article gives *15 August 1965*."
    );
    assert_eq!(text.notes[1].blocks.len(), 2, "two paragraphs");
}

#[test]
fn both_outputs_render_the_notes() {
    let dir = std::env::temp_dir().join(format!("reader-edition-notes-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = edition(&["build", "-m", CASE, "--out", dir.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let spine = epub_spine_text(&dir.join("edition.epub"));
    let all: String = spine.iter().map(|(_, t)| t.as_str()).collect();
    // Tags become spaces in `epub_spine_text`: compare without any whitespace.
    let squeeze = |s: &str| s.split_whitespace().collect::<String>();
    let all = squeeze(&all);
    for body in [
        "The infobox of the same article gives 15 August 1965.",
        "Placed after the emphasis that ends the quotation.",
        "The words are quoted without a source.",
    ] {
        assert!(all.contains(&squeeze(body)), "EPUB lacks «{body}»");
    }
    let files = epub_files(&dir.join("edition.epub"));
    let history = files
        .iter()
        .find(|(n, b)| n.ends_with(".xhtml") && String::from_utf8_lossy(b).contains("12 October"))
        .map(|(_, b)| String::from_utf8_lossy(b).to_string())
        .unwrap();
    assert!(history.contains("epub:type=\"noteref\""), "{history}");
    let pdf = pdftotext(&dir.join("edition-a5.pdf"));
    let flat = pdf.split_whitespace().collect::<Vec<_>>().join(" ");
    for body in [
        "The infobox of the same article gives 15 August 1965.",
        "Placed after the emphasis that ends the quotation.",
    ] {
        assert!(flat.contains(body), "PDF lacks «{body}»:\n{pdf}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
