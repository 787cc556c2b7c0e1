//! The real manuscript's EPUB, built through the library with its generated cover:
//! well-formed, every internal link resolving, notes in pop-up markup, every block of
//! the model with its id, and the note lint run (its warnings printed).

mod epub_support;

use std::collections::BTreeSet;

use epub_support::checks::*;
use reader_edition::render::epub::lint_notes;

#[test]
fn real_volume_epub_is_well_formed_and_linked() {
    let volume = &epub_support::manuscript_volume();
    let epub = epub_support::build_manuscript();
    assert!(
        epub == epub_support::build_manuscript(),
        "two builds differ"
    );

    let files = files_of(&epub);
    assert!(check_xml(&files) >= volume.texts.len() + 7);
    let links = check_links(&files);
    let calls = check_notes(&files);
    let notes: usize = volume.texts.iter().map(|t| t.notes.len()).sum();
    assert!(calls >= notes, "{calls} calls for {notes} notes");

    let mut present = BTreeSet::new();
    for (name, text) in xhtml_files(&files) {
        present.extend(
            parse(name, text)
                .descendants()
                .filter_map(|n| n.attribute("id"))
                .map(str::to_string),
        );
    }
    let mut expected = Vec::new();
    for text in &volume.texts {
        block_ids(&text.blocks, &mut expected);
        text.notes
            .iter()
            .for_each(|n| block_ids(&n.blocks, &mut expected));
    }
    let missing: Vec<_> = expected
        .iter()
        .filter(|id| !present.contains(*id))
        .collect();
    assert!(
        missing.is_empty(),
        "blocks without an XHTML id: {missing:?}"
    );

    let warnings = lint_notes(volume);
    for w in &warnings {
        println!("{} {}", w.code.id, w.message);
    }
    println!(
        "{} texts, {} blocks, {notes} notes, {links} internal links, {} note warnings",
        volume.texts.len(),
        expected.len(),
        warnings.len()
    );
}
