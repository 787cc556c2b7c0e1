//! The EPUB's files parse as XML, every internal link resolves, notes follow the
//! markup that makes them pop up in Apple Books, Kobo, Kindle and KOReader, every block
//! has its id, languages are marked, hostile text survives escaped, and two builds are
//! byte-identical.

mod epub_support;

use std::collections::{BTreeMap, BTreeSet};

use reader_edition::model::{Block, BlockKind};

const OPS: &str = "http://www.idpf.org/2007/ops";
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// The package's text files by path, from a fresh build.
fn files() -> BTreeMap<String, String> {
    files_of(&epub_support::build())
}

fn files_of(epub: &[u8]) -> BTreeMap<String, String> {
    epub_support::unzip(epub)
        .into_iter()
        .map(|(name, bytes)| (name, String::from_utf8(bytes).expect("UTF-8")))
        .collect()
}

fn parse<'a>(name: &str, text: &'a str) -> roxmltree::Document<'a> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    roxmltree::Document::parse_with_options(text, options)
        .unwrap_or_else(|e| panic!("{name} is not well-formed XML: {e}"))
}

fn xhtml_files(files: &BTreeMap<String, String>) -> impl Iterator<Item = (&String, &String)> {
    files.iter().filter(|(n, _)| n.ends_with(".xhtml"))
}

#[test]
fn every_xml_file_parses() {
    check_xml(&files());
    check_xml(&files_of(&epub_support::build_edge()));
}

fn check_xml(files: &BTreeMap<String, String>) {
    let xml: Vec<_> = files
        .iter()
        .filter(|(n, _)| {
            n.ends_with(".xhtml")
                || n.ends_with(".opf")
                || n.ends_with(".ncx")
                || n.ends_with(".xml")
        })
        .collect();
    assert!(
        xml.len() >= 9,
        "expected the package documents and five XHTML files, got {:?}",
        files.keys()
    );
    for (name, text) in xml {
        parse(name, text);
    }
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

/// Resolves `href` (relative to the package folder) into (file, fragment).
fn split_href(from: &str, href: &str) -> (String, Option<String>) {
    let (file, fragment) = match href.split_once('#') {
        Some((f, frag)) => (f, Some(frag.to_string())),
        None => (href, None),
    };
    let file = if file.is_empty() {
        from.to_string()
    } else {
        format!("EPUB/{file}")
    };
    (file, fragment)
}

#[test]
fn every_internal_link_resolves() {
    assert!(check_links(&files()) > 30);
    assert!(check_links(&files_of(&epub_support::build_edge())) > 10);
}

/// Checks every relative link of the package and returns how many there are.
fn check_links(files: &BTreeMap<String, String>) -> usize {
    let mut ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (name, text) in files
        .iter()
        .filter(|(n, _)| n.ends_with(".xhtml") || n.ends_with(".ncx"))
    {
        let doc = parse(name, text);
        ids.insert(
            name.clone(),
            doc.descendants()
                .filter_map(|n| n.attribute("id"))
                .map(str::to_string)
                .collect(),
        );
    }
    let mut checked = 0;
    for (name, text) in files
        .iter()
        .filter(|(n, _)| n.ends_with(".xhtml") || n.ends_with(".ncx") || n.ends_with(".opf"))
    {
        let doc = parse(name, text);
        for node in doc.descendants().filter(|n| n.is_element()) {
            let Some(href) = node.attribute("href").or_else(|| node.attribute("src")) else {
                continue;
            };
            if href.starts_with("http://")
                || href.starts_with("https://")
                || href.starts_with("mailto:")
            {
                continue;
            }
            let (file, fragment) = split_href(name, href);
            assert!(
                files.contains_key(&file),
                "{name}: link {href} to a file not in the package"
            );
            if let Some(fragment) = fragment {
                let known = ids.get(&file).is_some_and(|set| set.contains(&fragment));
                assert!(known, "{name}: link {href} to a missing id");
            }
            checked += 1;
        }
    }
    checked
}

#[test]
fn notes_pop_up_in_every_reader() {
    let files = files();
    let mut calls = 0;
    for (name, text) in xhtml_files(&files) {
        let doc = parse(name, text);
        let order: Vec<_> = doc.descendants().collect();
        let position = |id: &str| order.iter().position(|n| n.attribute("id") == Some(id));
        for call in doc
            .descendants()
            .filter(|n| n.attribute((OPS, "type")) == Some("noteref"))
        {
            calls += 1;
            assert_eq!(call.tag_name().name(), "a");
            assert_eq!(call.attribute("role"), Some("doc-noteref"));
            let target = call
                .attribute("href")
                .and_then(|h| h.strip_prefix('#'))
                .expect("a call links into its own file");
            let call_id = call
                .attribute("id")
                .expect("the call has an id for the backlink");
            assert_eq!(call_id, format!("nr{}", &target[1..]));
            let note = doc
                .descendants()
                .find(|n| n.attribute("id") == Some(target))
                .expect("the note is in the same file");
            // Kobo: the note comes after its call in reading order.
            assert!(
                position(target) > position(call_id),
                "{name}: note {target} before its call"
            );
            assert_eq!(note.tag_name().name(), "aside");
            assert_eq!(note.attribute((OPS, "type")), Some("footnote"));
            assert_eq!(note.attribute("role"), Some("doc-footnote"));
            // Kindle: the first element of the note is the backlink.
            let first = note
                .children()
                .find(|c| c.is_element())
                .expect("the note has content");
            assert_eq!(first.tag_name().name(), "a");
            assert_eq!(first.attribute("role"), Some("doc-backlink"));
            assert_eq!(
                first.attribute("href"),
                Some(format!("#{call_id}").as_str())
            );
            // The number shown at the call is the number of the note.
            assert_eq!(
                first.text().unwrap().trim_end_matches('.'),
                call.text().unwrap()
            );
            // Kobo pops up notes of 9 to 5,000 characters.
            let len = note
                .descendants()
                .filter(|n| n.is_text())
                .map(|n| n.text().unwrap())
                .collect::<String>()
                .trim()
                .chars()
                .count();
            assert!(
                (9..=5000).contains(&len),
                "{name}: note {target} has {len} characters"
            );
        }
    }
    assert_eq!(calls, 5);
}

fn block_ids(blocks: &[Block], out: &mut Vec<String>) {
    for b in blocks {
        out.push(b.id.to_string());
        match &b.kind {
            BlockKind::Quote(inner) => block_ids(inner, out),
            BlockKind::List { items, .. } => items.iter().for_each(|i| block_ids(i, out)),
            _ => {}
        }
    }
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
    for declaration in code
        .split([';', '{', '}'])
        .map(str::trim)
        .filter(|d| d.contains(':') && !d.contains("::"))
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
        ) && value != "inherit";
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
