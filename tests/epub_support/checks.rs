//! Checks shared by the structure tests and the real volume's test: every XML file
//! parses, every relative link resolves, notes follow the pop-up markup.

use std::collections::BTreeMap;
use std::collections::BTreeSet;

use reader_edition::model::{Block, BlockKind};

pub const OPS: &str = "http://www.idpf.org/2007/ops";
pub const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// The files of the package by path: text files as text, images as empty strings
/// (present, for link checks).
pub fn files_of(epub: &[u8]) -> BTreeMap<String, String> {
    super::unzip(epub)
        .into_iter()
        .map(|(name, bytes)| {
            let text = if name.ends_with(".png") {
                String::new()
            } else {
                String::from_utf8(bytes).unwrap_or_else(|_| panic!("{name} is not UTF-8"))
            };
            (name, text)
        })
        .collect()
}

pub fn parse<'a>(name: &str, text: &'a str) -> roxmltree::Document<'a> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    roxmltree::Document::parse_with_options(text, options)
        .unwrap_or_else(|e| panic!("{name} is not well-formed XML: {e}"))
}

pub fn xhtml_files(files: &BTreeMap<String, String>) -> impl Iterator<Item = (&String, &String)> {
    files.iter().filter(|(n, _)| n.ends_with(".xhtml"))
}

/// Parses every XML file of the package; returns how many there are.
pub fn check_xml(files: &BTreeMap<String, String>) -> usize {
    let xml: Vec<_> = files
        .iter()
        .filter(|(n, _)| {
            n.ends_with(".xhtml")
                || n.ends_with(".opf")
                || n.ends_with(".ncx")
                || n.ends_with(".xml")
        })
        .collect();
    for (name, text) in &xml {
        parse(name, text);
    }
    xml.len()
}

/// Resolves `href` (relative to the package folder) into (file, fragment).
pub fn split_href(from: &str, href: &str) -> (String, Option<String>) {
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

/// Checks every relative link of the package and returns how many there are.
pub fn check_links(files: &BTreeMap<String, String>) -> usize {
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

pub fn block_ids(blocks: &[Block], out: &mut Vec<String>) {
    for b in blocks {
        out.push(b.id.to_string());
        match &b.kind {
            BlockKind::Quote(inner) => block_ids(inner, out),
            BlockKind::List { items, .. } => items.iter().for_each(|i| block_ids(i, out)),
            _ => {}
        }
    }
}

/// Checks the markup of every note call and note (the rules of Apple Books, Kobo,
/// Kindle and KOReader) and returns the number of calls.
pub fn check_notes(files: &BTreeMap<String, String>) -> usize {
    let mut calls = 0;
    for (name, text) in xhtml_files(files) {
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
            let Some(call_id) = call.attribute("id") else {
                // A repeated call of a note: the first call carries the id that the
                // note's backlink returns to.
                let first = format!("nr{}", &target[1..]);
                assert!(
                    position(&first).is_some(),
                    "{name}: no first call of {target}"
                );
                continue;
            };
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
    calls
}
