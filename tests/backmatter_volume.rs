//! The back matter of the real volume: the PDF's index of names and the EPUB's list the
//! same print pages for the same headings, and every part is in both outputs.

mod backmatter_support;
mod common;

use backmatter_support::*;
use common::*;

fn epub_member(name: &str) -> String {
    let built = built_volume();
    let (_, bytes) = epub_files(&built.epub)
        .into_iter()
        .find(|(n, _)| n.ends_with(name))
        .unwrap_or_else(|| panic!("the EPUB has no {name}"));
    String::from_utf8(bytes).unwrap()
}

#[test]
fn pdf_and_epub_index_list_the_same_pages() {
    let built = built_volume();
    let pdf = pdf_index(&pdftotext_layout(&built.pdf));
    let epub = epub_index(&epub_member("index.xhtml"));
    assert!(
        pdf.values().any(|pages| pages.len() > 5),
        "the PDF has index entries with their pages: {pdf:?}"
    );
    assert_eq!(
        pdf.keys().collect::<Vec<_>>(),
        epub.keys().collect::<Vec<_>>(),
        "the same headings"
    );
    for (heading, pages) in &pdf {
        assert_eq!(pages, &epub[heading], "{heading}: the same pages");
    }
}

#[test]
fn every_part_is_in_both_outputs() {
    let built = built_volume();
    let text = pdftotext_layout(&built.pdf);
    let nav = epub_member("nav.xhtml");
    for (title, file, landmark) in [
        ("Chronology", "chronology.xhtml", "appendix"),
        ("Glossary", "glossary.xhtml", "glossary"),
        ("Emendations", "emendations.xhtml", ""),
        ("Index of Names", "index.xhtml", "index"),
    ] {
        assert!(
            text.lines().any(|l| l.trim() == title),
            "the PDF opens a part titled {title}"
        );
        assert!(
            text.lines()
                .any(|l| l.starts_with(title)
                    && l.trim_end().ends_with(|c: char| c.is_ascii_digit())),
            "the PDF's contents list {title} with its page"
        );
        assert!(
            nav.contains(&format!("href=\"{file}\">{title}</a>")),
            "{title} in the toc"
        );
        if !landmark.is_empty() {
            assert!(
                nav.contains(&format!("<a epub:type=\"{landmark}\" href=\"{file}\">")),
                "{title} among the landmarks"
            );
        }
    }
    let opf = epub_member("package.opf");
    assert!(opf.contains("<meta property=\"schema:accessibilityFeature\">index</meta>"));
}
