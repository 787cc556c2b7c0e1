//! The page map agrees with the PDF: the word at each recorded page start is the first
//! word `pdftotext` finds in that page's text block.

mod pdf_common;

use reader_edition::render::pdf::write_pdf;
use reader_edition::typeset::{FontSet, Preset, TypesetOptions, typeset};

#[test]
fn page_starts_match_pdftotext() {
    let volume = pdf_common::volume();
    let fonts = FontSet::load(&pdf_common::fonts_dir()).unwrap();
    let paged = typeset(&volume, &fonts, &TypesetOptions::new(Preset::A5)).unwrap();
    let bytes = write_pdf(&paged, &fonts, &volume.meta).unwrap();
    let path = std::env::temp_dir().join("reader-edition-page-map.pdf");
    std::fs::write(&path, bytes).unwrap();
    let checked = pdf_common::check_page_starts(&volume, &paged, &path);
    assert!(checked >= 5, "only {checked} page starts checked");
}

#[test]
fn an_offset_is_located_on_the_page_that_prints_it() {
    let volume = pdf_common::volume();
    let fonts = FontSet::load(&pdf_common::fonts_dir()).unwrap();
    let paged = typeset(&volume, &fonts, &TypesetOptions::new(Preset::A5)).unwrap();
    let map = &paged.page_map;
    // A page that starts inside a paragraph: the paragraph's start is on the page before.
    let (index, start) = map
        .starts
        .iter()
        .enumerate()
        .find_map(|(i, s)| s.as_ref().filter(|s| s.offset > 0).map(|s| (i, s)))
        .expect("some page starts mid-paragraph");
    assert_eq!(map.page_of(start.block, start.offset), Some(index));
    assert_eq!(map.page_of(start.block, start.offset + 1), Some(index));
    assert_eq!(map.page_of(start.block, start.offset - 1), Some(index - 1));
    assert_eq!(
        map.page_of(start.block, 0),
        map.blocks.get(&start.block).copied()
    );
}
