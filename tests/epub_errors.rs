//! What the EPUB writer refuses, with a coded diagnostic instead of an invalid file:
//! metadata it cannot write, and notes whose calls and definitions do not match.

mod epub_support;

use reader_edition::model::{InlineKind, NoteId};
use reader_edition::render::epub::{EpubOptions, write_epub};

fn code_of(volume: &reader_edition::model::Volume) -> &'static str {
    match write_epub(volume, &EpubOptions::default()) {
        Ok(_) => panic!("the volume must be refused"),
        Err(d) => d.code.id,
    }
}

#[test]
fn unusable_metadata_is_e511() {
    let mut v = epub_support::volume();
    v.meta.language = "English".into();
    assert_eq!(code_of(&v), "E511");
    let mut v = epub_support::volume();
    v.meta.date = "21 November 2026".into();
    assert_eq!(code_of(&v), "E511");
    let mut v = epub_support::volume();
    v.meta.identifier = "  ".into();
    assert_eq!(code_of(&v), "E511");
    // A text's language cannot be wrong here: the model holds a checked `LangTag`
    // (a manuscript's `es_CL` is E115 when the text is read).
}

#[test]
fn mismatched_notes_are_e512() {
    let mut v = epub_support::volume();
    v.texts[0].notes[0].id = NoteId(99);
    let Err(d) = write_epub(&v, &EpubOptions::default()) else {
        panic!("must be refused")
    };
    assert_eq!(d.code.id, "E512");
    assert!(d.message.contains("n99"), "{}", d.message);

    let mut v = epub_support::volume();
    v.texts[0].notes.clear();
    assert_eq!(code_of(&v), "E512");
}

#[test]
fn duplicate_ids_are_e513() {
    let mut v = epub_support::volume();
    let first = v.texts[0].blocks[0].id;
    v.texts[1].blocks[1].id = first;
    assert_eq!(code_of(&v), "E513");
    // A note call inside a note body is fine as long as the note exists.
    let mut v = epub_support::volume();
    v.texts[1].notes[0]
        .blocks
        .push(epub_support::Ids(500).p(vec![
            epub_support::t("See also note "),
            epub_support::call(3),
        ]));
    assert!(
        matches!(v.texts[1].notes[0].blocks[1].kind, reader_edition::model::BlockKind::Paragraph(ref c) if matches!(c[1].kind, InlineKind::NoteRef(_)))
    );
    write_epub(&v, &EpubOptions::default()).expect("a call inside a note is written");
}

#[test]
fn notes_that_fail_as_pop_ups_are_warned_about() {
    use reader_edition::render::epub::lint_notes;
    let v = epub_support::volume();
    assert!(lint_notes(&v).is_empty(), "{:?}", lint_notes(&v));

    let mut v = epub_support::volume();
    let mut ids = epub_support::Ids(900);
    v.texts[1].notes[0].blocks = vec![ids.p(vec![
        epub_support::em(vec![epub_support::t("Ibid.")]),
        epub_support::t(", p. 4; see below."),
    ])];
    v.texts[2].notes[0].blocks = vec![ids.p(vec![epub_support::t("Ibidem")])];
    let found: Vec<(&str, String)> = lint_notes(&v)
        .into_iter()
        .map(|d| (d.code.id, d.message))
        .collect();
    assert_eq!(found.len(), 4, "{found:?}");
    assert_eq!(found[0].0, "W511");
    assert!(found[0].1.contains("“Ibid.”"), "{found:?}");
    assert!(found[1].1.contains("“see below"), "{found:?}");
    assert_eq!(found[2].0, "W511");
    assert_eq!(found[3].0, "W512");
    assert!(found[3].1.contains("6 characters"), "{found:?}");
}
