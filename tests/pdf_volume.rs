//! The real volume of the manuscript in every preset: the quality counts are zero, the
//! text comes back exactly, and the page map agrees with `pdftotext`.

mod pdf_common;

use reader_edition::model::Volume;
use reader_edition::model::text::normalize_words;
use reader_edition::render::pdf::write_pdf;
use reader_edition::typeset::{FontSet, PagedVolume, Preset, TypesetOptions, typeset};

fn volume() -> Volume {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("manuscript");
    let loaded = reader_edition::manuscript::load(&root);
    loaded.manuscript.expect("the manuscript loads").volume
}

fn build(volume: &Volume, fonts: &FontSet, preset: Preset) -> (PagedVolume, String) {
    let paged =
        typeset(volume, fonts, &TypesetOptions::new(preset)).unwrap_or_else(|d| panic!("{d:?}"));
    let bytes = write_pdf(&paged, fonts, &volume.meta).unwrap();
    // Tests run in parallel threads: every build gets a file of its own.
    static BUILDS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = BUILDS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let path = std::env::temp_dir().join(format!(
        "reader-edition-volume-{}-{}-{n}.pdf",
        std::process::id(),
        preset.name()
    ));
    std::fs::write(&path, bytes).unwrap();
    (paged, path.display().to_string())
}

#[test]
fn every_preset_sets_the_volume_without_faults() {
    let volume = volume();
    let fonts = FontSet::load(&pdf_common::fonts_dir()).unwrap();
    for preset in Preset::ALL {
        let (paged, path) = build(&volume, &fonts, preset);
        let q = &paged.quality;
        println!("{:<8} {}", preset.name(), q.summary());
        let faults = (q.overfull, q.widows, q.orphans, q.hyphen_runs);
        assert_eq!(faults, (0, 0, 0, 0), "{preset:?}: {}", q.summary());
        // Facing pages inside a text end on the same line (within a line where a note
        // forces it).
        assert_eq!(q.unequal_spreads, 0, "{preset:?}: {}", q.summary());
        // A page ends in a hyphen only when avoiding it would empty more than three lines
        // (never so in the reference edition, rarely elsewhere).
        let limit = if preset == Preset::A5 { 0 } else { 2 };
        assert!(
            q.hyphenated_page_ends <= limit,
            "{preset:?}: {}",
            q.summary()
        );
        if let Some(out) = pdf_common::tool("qpdf", &["--check", &path]) {
            assert!(
                out.contains("No syntax or stream encoding errors"),
                "{preset:?}: {out}"
            );
        }
        if let Some(text) = pdf_common::tool("pdftotext", &[&path, "-"]) {
            let words = normalize_words(&text);
            for name in ["Enríquez", "Concepción", "Caupolicán", "Méndez"] {
                assert!(words.iter().any(|w| w == name), "{preset:?}: {name}");
            }
        }
    }
}

#[test]
fn every_enriquez_of_the_model_is_in_the_text_layer() {
    let volume = volume();
    let fonts = FontSet::load(&pdf_common::fonts_dir()).unwrap();
    let (_, path) = build(&volume, &fonts, Preset::A5);
    let Some(text) = pdf_common::tool("pdftotext", &[&path, "-"]) else {
        return;
    };
    let model: usize = volume
        .texts
        .iter()
        .flat_map(|t| {
            t.blocks
                .iter()
                .chain(t.notes.iter().flat_map(|n| n.blocks.iter()))
        })
        .map(|b| {
            reader_edition::model::text::block_text(b)
                .matches("Enríquez")
                .count()
        })
        .sum();
    // Titles, running heads and the colophon add occurrences; none may be lost.
    assert!(
        text.matches("Enríquez").count() >= model,
        "{} < {model}",
        text.matches("Enríquez").count()
    );
}

#[test]
fn the_page_map_agrees_with_the_pdf() {
    let volume = volume();
    let fonts = FontSet::load(&pdf_common::fonts_dir()).unwrap();
    let (paged, path) = build(&volume, &fonts, Preset::A5);
    let checked = pdf_common::check_page_starts(&volume, &paged, std::path::Path::new(&path));
    assert!(
        checked >= paged.pages.len() / 2,
        "only {checked} page starts checked"
    );
}
