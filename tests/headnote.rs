//! Headnotes: the `headnote` key of a text's configuration is set between the title and
//! the text, in the EPUB (a `div.headnote` in the text's document) and in the PDF (on the
//! opening page, before the text's first words); an unusable headnote is E303.

mod common;

use common::*;

fn build_fixture() -> std::path::PathBuf {
    build_fixture_into_temp("tests/fixtures/headnote", "headnote").0
}

#[test]
fn headnote_sits_between_title_and_text_in_both_outputs() {
    let dir = build_fixture();
    // EPUB: in the text's document, after the title, inside div.headnote, before the text.
    let files = epub_files(&dir.join("edition.epub"));
    let (_, doc) = files
        .iter()
        .find(|(_, b)| String::from_utf8_lossy(b).contains("quokka"))
        .expect("a document holds the text");
    let doc = String::from_utf8_lossy(doc);
    let title = doc.find("<h1").expect("title");
    let div = doc.find("<div class=\"headnote\">").expect("div.headnote");
    let marker = doc.find("zanzibar").expect("headnote text");
    let text = doc.find("quokka").expect("text");
    assert!(
        title < div && div < marker && marker < text,
        "order in:\n{doc}"
    );
    assert!(
        doc.contains("<em>Caupolicán Theatre</em>"),
        "inline Markdown kept"
    );
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let xml = roxmltree::Document::parse_with_options(&doc, options).expect("well-formed XHTML");
    let close = xml
        .descendants()
        .find(|n| n.attribute("class") == Some("headnote"))
        .expect("headnote element");
    assert!(
        !close
            .descendants()
            .any(|n| n.text().is_some_and(|t| t.contains("quokka"))),
        "the text is not inside the headnote"
    );
    // PDF: the opening page holds title, headnote and the first words, in that order.
    let text = pdftotext(&dir.join("edition-a5.pdf"));
    let page = text
        .split('\u{c}')
        .find(|p| p.contains("quokka"))
        .expect("a page with the text");
    let (t, h, q) = (
        page.find("A Speech").expect("title on the opening page"),
        page.find("zanzibar").expect("headnote on the opening page"),
        page.find("quokka").unwrap(),
    );
    assert!(t < h && h < q, "order on the page:\n{page}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn unusable_headnotes_are_reported_together() {
    check_golden_dir("tests/fixtures/bad/headnote-errors");
}
