//! Emendations: applied to the model, recorded with their readings, offsets and context,
//! and shown in both outputs in place of the source's reading.

mod common;

use common::*;
use reader_edition::apparatus::surgery::leaf_texts;

const CASE: &str = "tests/fixtures/apparatus/emendation";

#[test]
fn emendations_are_applied_and_recorded_in_reading_order() {
    let m = load_without_diagnostics(CASE);
    let text = &m.volume.texts[0];
    let plain: Vec<String> = leaf_texts(&text.blocks)
        .into_iter()
        .map(|(_, s)| s)
        .collect();
    assert_eq!(
        plain,
        [
            "I was thrilled that an organisation spoke of class struggle; it was the the first time.",
            "The comrade was thrilled too."
        ]
    );
    let ems = &m.apparatus.emendations;
    let readings: Vec<(&str, &str)> = ems
        .iter()
        .map(|e| (e.original.as_str(), e.corrected.as_str()))
        .collect();
    assert_eq!(
        readings,
        [
            ("thrille", "thrilled"),
            ("strugle", "struggle"),
            ("was thrille too", "was thrilled too")
        ]
    );
    // Ranges point at the corrected words in the emended text.
    for e in ems {
        let block = leaf_texts(&text.blocks)
            .into_iter()
            .find(|(b, _)| *b == e.block)
            .unwrap()
            .1;
        assert_eq!(&block[e.range.clone()], e.corrected);
    }
    assert_eq!(ems[0].context_before, "I was");
    assert_eq!(ems[0].note.as_deref(), Some("A letter lost in the source."));
    let note = reader_edition::model::text::block_text(&ems[0].note_blocks[0]);
    assert_eq!(
        note, "A letter lost in the source.\n",
        "parsed for the renderers"
    );
    assert!(ems[1].note_blocks.is_empty());
    assert_eq!(
        m.apparatus.notes.len(),
        1,
        "the note anchors on corrected words"
    );
    assert_eq!(m.apparatus.anchors_resolved, 4);
}

#[test]
fn both_outputs_show_the_corrected_reading() {
    let dir = std::env::temp_dir().join(format!("reader-edition-emend-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = edition(&["build", "-m", CASE, "--out", dir.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The texts, without the appendix of emendations (which shows the printed readings).
    let epub: String = epub_spine_text(&dir.join("edition.epub"))
        .iter()
        .filter(|(name, _)| !name.contains("emendations"))
        .map(|(_, t)| t.clone())
        .collect();
    let pdf: String = pdftotext(&dir.join("edition-a5.pdf"))
        .split('\u{c}')
        .filter(|page| {
            page.lines().find(|l| !l.trim().is_empty()).map(str::trim) != Some("Emendations")
        })
        .collect::<Vec<_>>()
        .join("\u{c}");
    for (name, t) in [("EPUB", &epub), ("PDF", &pdf)] {
        let flat = t.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains("I was thrilled that"), "{name}: {flat}");
        assert!(flat.contains("was thrilled too"), "{name}: {flat}");
        assert!(
            !flat.contains("thrille ") && !flat.contains("strugle"),
            "{name}: {flat}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
