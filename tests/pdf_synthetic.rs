//! The PDF of a synthetic volume: valid, subset fonts, exact text, reproducible.

mod pdf_common;

use reader_edition::render::pdf::write_pdf;
use reader_edition::typeset::{FontSet, Preset, TypesetOptions, typeset};

fn build(preset: Preset) -> Vec<u8> {
    let volume = pdf_common::volume();
    let fonts = FontSet::load(&pdf_common::fonts_dir()).unwrap();
    let paged = typeset(&volume, &fonts, &TypesetOptions::new(preset)).unwrap();
    write_pdf(&paged, &fonts, &volume.meta).unwrap()
}

fn write(name: &str, bytes: &[u8]) -> String {
    // A name of its own per process: other test runs on the machine use the same folder.
    let path = std::env::temp_dir().join(format!("{}-{name}", std::process::id()));
    std::fs::write(&path, bytes).unwrap();
    path.display().to_string()
}

#[test]
fn a5_pdf_is_valid_subset_and_exact() {
    let bytes = build(Preset::A5);
    let path = write("reader-edition-synthetic-a5.pdf", &bytes);
    if let Some(out) = pdf_common::tool("qpdf", &["--check", &path]) {
        assert!(out.contains("No syntax or stream encoding errors"), "{out}");
    }
    if let Some(out) = pdf_common::tool("pdffonts", &[&path]) {
        let rows: Vec<&str> = out.lines().skip(2).collect();
        assert!(!rows.is_empty());
        for row in rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            let n = cols.len();
            assert!(cols[0].contains('+'), "subset prefix: {row}");
            assert_eq!(
                &cols[n - 5..n - 2],
                &["yes", "yes", "yes"],
                "emb sub uni: {row}"
            );
        }
    }
    if let Some(text) = pdf_common::tool("pdftotext", &[&path, "-"]) {
        for word in [
            "Enríquez",
            "Concepción",
            "Piñera",
            "“We are not a sect,”",
            "‘the workers’",
            "1970–1973",
            "—",
            "first",
            "office",
            "efficient",
            "flag",
            "affluent",
        ] {
            assert!(text.contains(word), "{word} missing from the text layer");
        }
        // A hyphen used as a dash never ends a line (extraction would join the words).
        assert!(!text.contains("herewhere") && text.contains("here- where"));
    }
}

#[test]
fn two_builds_are_byte_identical() {
    assert!(build(Preset::A5) == build(Preset::A5));
}

#[test]
fn every_preset_builds_and_reads_back() {
    for preset in Preset::ALL {
        let bytes = build(preset);
        let path = write(
            &format!("reader-edition-synthetic-preset-{}.pdf", preset.name()),
            &bytes,
        );
        if let Some(out) = pdf_common::tool("qpdf", &["--check", &path]) {
            assert!(
                out.contains("No syntax or stream encoding errors"),
                "{preset:?}: {out}"
            );
        }
        if let Some(text) = pdf_common::tool("pdftotext", &[&path, "-"]) {
            assert!(text.matches("Enríquez").count() >= 20, "{preset:?}");
        }
    }
}

#[test]
fn booklet_first_sheet_holds_the_outer_pages() {
    let volume = pdf_common::volume();
    let fonts = FontSet::load(&pdf_common::fonts_dir()).unwrap();
    let a5 = typeset(&volume, &fonts, &TypesetOptions::new(Preset::A5)).unwrap();
    let booklet = typeset(&volume, &fonts, &TypesetOptions::new(Preset::Booklet)).unwrap();
    let n = a5.pages.len().div_ceil(4) * 4;
    assert_eq!(booklet.pages.len(), n / 2);
    // The first side carries the first page on the right half.
    let first_run = &a5.pages[0].runs[0];
    let half = booklet.geometry.page_width / 2.0;
    assert!(
        booklet.pages[0]
            .runs
            .iter()
            .any(|r| r.text == first_run.text && r.x > half)
    );
}

#[test]
fn a_character_no_font_covers_is_a_diagnostic_naming_the_text() {
    let mut volume = pdf_common::volume();
    let block = &mut volume.texts[1].blocks[0];
    block.span = reader_edition::diag::Span::new(reader_edition::diag::FileId(3), 10..20);
    if let reader_edition::model::BlockKind::Paragraph(inlines) = &mut block.kind {
        inlines.push(pdf_common::t(" Thai \u{0E01} here"));
    }
    let fonts = FontSet::load(&pdf_common::fonts_dir()).unwrap();
    let errors = typeset(&volume, &fonts, &TypesetOptions::default()).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].code.id, "E403");
    assert!(
        errors[0].message.contains("`speech`") && errors[0].message.contains("U+0E01"),
        "{}",
        errors[0].message
    );
    assert_eq!(errors[0].span.unwrap().start, 10);
}

#[test]
fn contents_links_lead_to_the_openings_they_number() {
    let volume = pdf_common::volume();
    let fonts = FontSet::load(&pdf_common::fonts_dir()).unwrap();
    let paged = typeset(&volume, &fonts, &TypesetOptions::default()).unwrap();
    let contents = &paged.pages[..paged.front_pages];
    let mut targets = Vec::new();
    for page in contents {
        for link in &page.links {
            if let reader_edition::typeset::LinkTarget::Internal { page: target, .. } = link.target
            {
                targets.push(target);
            }
        }
    }
    targets.dedup();
    assert_eq!(targets.len(), volume.texts.len());
    for (text, target) in volume.texts.iter().zip(targets) {
        let label = &paged.page_map.labels[target];
        let printed = contents
            .iter()
            .flat_map(|p| &p.runs)
            .any(|r| &r.text == label);
        assert!(printed, "{label} is printed in the contents");
        let first_word = text.meta.title.split_whitespace().next().unwrap();
        assert!(
            paged.pages[target]
                .runs
                .iter()
                .any(|r| r.text.contains(first_word)),
            "{}",
            text.meta.title
        );
    }
}
