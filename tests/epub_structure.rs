//! The EPUB's files parse as XML, every internal link resolves, notes follow the
//! markup that makes them pop up in Apple Books, Kobo, Kindle and KOReader, every block
//! has its id, languages are marked, hostile text survives escaped, and two builds are
//! byte-identical.

mod epub_support;

use std::collections::{BTreeMap, BTreeSet};

use epub_support::checks::*;

/// The package's text files by path, from a fresh build.
fn files() -> BTreeMap<String, String> {
    files_of(&epub_support::build())
}

#[test]
fn every_xml_file_parses() {
    assert!(
        check_xml(&files()) >= 10,
        "container, package, NCX and seven XHTML files"
    );
    assert!(check_xml(&files_of(&epub_support::build_edge())) >= 9);
}

#[test]
fn notes_pop_up_in_every_reader() {
    assert_eq!(check_notes(&files()), 5);
    assert_eq!(check_notes(&files_of(&epub_support::build_edge())), 3);
}

#[test]
fn zip_starts_with_stored_mimetype_and_is_byte_identical() {
    let a = epub_support::build();
    let b = epub_support::build();
    assert!(a == b, "two builds differ");
    let entries = epub_support::unzip(&a);
    assert_eq!(entries[0].0, "mimetype");
    assert_eq!(entries[0].1, b"application/epub+zip");
    assert_eq!(entries[1].0, "META-INF/container.xml");
}

#[test]
fn every_internal_link_resolves() {
    assert!(check_links(&files()) > 30);
    assert!(check_links(&files_of(&epub_support::build_edge())) > 10);
}

#[test]
fn every_block_has_its_id() {
    let files = files();
    let mut present = BTreeSet::new();
    for (name, text) in xhtml_files(&files) {
        present.extend(
            parse(name, text)
                .descendants()
                .filter_map(|n| n.attribute("id"))
                .map(str::to_string),
        );
    }
    let volume = epub_support::volume();
    let mut expected = Vec::new();
    for text in &volume.texts {
        block_ids(&text.blocks, &mut expected);
        text.notes
            .iter()
            .for_each(|n| block_ids(&n.blocks, &mut expected));
    }
    for id in expected {
        assert!(present.contains(&id), "block {id} has no XHTML id");
    }
}

#[test]
fn languages_are_marked_on_every_document() {
    let files = files();
    for (name, text) in xhtml_files(&files) {
        let doc = parse(name, text);
        let root = doc.root_element();
        let lang = root
            .attribute("lang")
            .unwrap_or_else(|| panic!("{name} has no lang"));
        assert_eq!(
            root.attribute((XML_NS, "lang")),
            Some(lang),
            "{name}: xml:lang and lang differ"
        );
        let expected = if name.contains("enriquez-speech") {
            "es"
        } else {
            "en"
        };
        assert_eq!(lang, expected, "{name}");
    }
    // The editors' notes on a Spanish source are in English, and marked so.
    let speech_file = files
        .iter()
        .find(|(n, _)| n.contains("enriquez-speech"))
        .unwrap();
    let speech_doc = parse(speech_file.0, speech_file.1);
    let notes = speech_doc
        .descendants()
        .find(|n| n.attribute("class") == Some("notes"))
        .unwrap();
    assert_eq!(notes.attribute("lang"), Some("en"));
    assert_eq!(notes.attribute((XML_NS, "lang")), Some("en"));
    let nav = parse("nav.xhtml", &files["EPUB/nav.xhtml"]);
    let speech = nav
        .descendants()
        .find(|n| {
            n.attribute("href")
                .is_some_and(|h| h.ends_with("enriquez-speech.xhtml"))
        })
        .unwrap();
    assert_eq!(
        speech.attribute("lang"),
        Some("es"),
        "a Spanish title in the nav is marked"
    );
    let opf = parse("package.opf", &files["EPUB/package.opf"]);
    assert_eq!(opf.root_element().attribute((XML_NS, "lang")), Some("en"));
}

#[test]
fn hostile_text_survives_escaped_and_unsafe_links_are_text() {
    let files = files();
    let article = files
        .iter()
        .find(|(n, _)| n.contains("mir-wikipedia"))
        .unwrap()
        .1;
    let doc = parse("article", article);
    let hostile = doc
        .descendants()
        .find(|n| n.tag_name().name() == "h3")
        .unwrap()
        .next_sibling_element()
        .unwrap();
    let shown: String = hostile
        .descendants()
        .filter(|n| n.is_text() && n.parent().unwrap().tag_name().name() == "p")
        .map(|n| n.text().unwrap())
        .collect();
    assert_eq!(
        shown,
        "<script>alert(\"x\")</script> & &amp; ]]> 'q' tab\there end"
    );
    assert!(!doc.descendants().any(|n| n.tag_name().name() == "script"));
    for n in doc.descendants().filter_map(|n| n.attribute("href")) {
        assert!(
            !n.to_ascii_lowercase().starts_with("javascript"),
            "unsafe link {n}"
        );
    }
    assert!(article.contains("a script link shown as text"));
    let link = doc
        .descendants()
        .find(|n| n.is_text() && n.text() == Some("a link with ]]> & <b> in its URL"))
        .unwrap();
    assert_eq!(
        link.parent().unwrap().attribute("href"),
        Some("https://example.org/a%20b/%3Cscript%3E%5D%5D%3E&x=%221%22")
    );
}

#[test]
fn colophon_credits_the_wikipedia_text() {
    let files = files();
    let colophon = &files["EPUB/colophon.xhtml"];
    for needed in [
        "Wikipedia contributors",
        "https://en.wikipedia.org/wiki/Revolutionary_Left_Movement_(Chile)",
        "https://creativecommons.org/licenses/by-sa/4.0/",
        "This edition adapts it",
        "shared under the same licence",
        "urn:uuid:6f1c8f7e",
        "21 November 2026",
    ] {
        assert!(colophon.contains(needed), "the colophon lacks {needed:?}");
    }
}

#[test]
fn stylesheet_leaves_sizes_fonts_and_colours_to_the_reader() {
    let files = files();
    let css = &files["EPUB/style.css"];
    let code: String = css
        .split("/*")
        .map(|part| part.split_once("*/").map_or(part, |(_, after)| after))
        .collect();
    // The embedded faces may be named by @font-face and by heading rules, nowhere else.
    let heading_rule = |selector: &str| {
        selector.trim() == "@font-face"
            || selector
                .split(',')
                .map(str::trim)
                .all(|s| ["h1", "h2", "h3", "h4", ".volume-title"].contains(&s))
    };
    let declarations = code.split('}').flat_map(|rule| {
        let (selector, body) = rule.split_once('{').unwrap_or(("", rule));
        body.split(';').map(move |d| (selector, d.trim()))
    });
    for (selector, declaration) in
        declarations.filter(|(_, d)| d.contains(':') && !d.contains("::"))
    {
        let (property, value) = declaration.split_once(':').unwrap();
        let (property, value) = (property.trim(), value.trim());
        for unit in ["px", "pt", "pc", "cm", "mm", "in", "Q"] {
            let absolute = value
                .split(|c: char| !c.is_ascii_alphanumeric() && c != '.')
                .any(|token| {
                    token
                        .strip_suffix(unit)
                        .is_some_and(|n| !n.is_empty() && n.parse::<f32>().is_ok())
                });
            assert!(!absolute, "absolute unit in `{declaration}`");
        }
        // `inherit` keeps the reader's choice; anything else would impose one.
        let imposed = matches!(
            property,
            "color" | "background" | "background-color" | "font-family"
        ) && value != "inherit"
            && !(property == "font-family" && heading_rule(selector));
        assert!(!imposed, "the stylesheet imposes `{declaration}`");
        if property == "font-size" {
            assert!(
                value.ends_with("em") || value.ends_with('%'),
                "font size not relative: `{declaration}`"
            );
        }
    }
    assert!(code.contains("hyphens: auto"));
}
