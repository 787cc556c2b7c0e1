//! Print page numbers: the real volume typeset in A5, its page map given to the EPUB.
//! Every body page has a marker and a page-list entry, in page order; each marker sits
//! before the word its page begins with (the word the PDF's page map names); blank
//! pages sit with the page after them; no marker splits a word.

mod epub_support;

use std::collections::BTreeMap;

use epub_support::checks::*;
use reader_edition::model::text::{inline_text, normalize_words};
use reader_edition::model::{Block, BlockId, BlockKind, Volume};
use reader_edition::render::epub::{EpubOptions, write_epub};

fn find(blocks: &[Block], id: BlockId) -> Option<&Block> {
    blocks.iter().find_map(|b| match &b.kind {
        _ if b.id == id => Some(b),
        BlockKind::Quote(inner) => find(inner, id),
        BlockKind::List { items, .. } => items.iter().find_map(|i| find(i, id)),
        _ => None,
    })
}

fn first_leaf(blocks: &[Block]) -> Option<BlockId> {
    let first = blocks.first()?;
    match &first.kind {
        BlockKind::Quote(inner) => first_leaf(inner),
        BlockKind::List { items, .. } => items.first().and_then(|i| first_leaf(i)),
        _ => Some(first.id),
    }
}

/// The first word of the page that begins at `offset` of block `id`: the whole word
/// the offset falls in.
fn expected_word(volume: &Volume, id: BlockId, offset: usize) -> String {
    let block = volume
        .texts
        .iter()
        .find_map(|t| {
            find(&t.blocks, id)
                .or_else(|| find(&t.headnote, id))
                .or_else(|| t.notes.iter().find_map(|n| find(&n.blocks, id)))
        })
        .expect("the page map names a block");
    let plain = match &block.kind {
        BlockKind::Paragraph(c) | BlockKind::Heading { content: c, .. } => inline_text(c),
        _ => panic!("a page starts in a container block"),
    };
    let start = plain[..offset]
        .rfind(char::is_whitespace)
        .map_or(0, |i| i + plain[i..].chars().next().unwrap().len_utf8());
    normalize_words(&plain[start..])
        .into_iter()
        .next()
        .unwrap_or_default()
}

#[test]
fn every_body_page_is_marked_at_its_first_word() {
    let volume = epub_support::manuscript_volume();
    let pages = epub_support::print_pages(&volume);
    let map = pages.map.clone();
    let epub = write_epub(
        &volume,
        &EpubOptions {
            pages: Some(pages),
            ..EpubOptions::default()
        },
    )
    .unwrap();
    let files = files_of(&epub);

    // Page list: every body page, in order.
    let body: Vec<(usize, &str)> = map
        .labels
        .iter()
        .enumerate()
        .filter(|(_, l)| l.bytes().all(|b| b.is_ascii_digit()))
        .map(|(i, l)| (i, l.as_str()))
        .collect();
    let nav = parse("nav.xhtml", &files["EPUB/nav.xhtml"]);
    let list = nav
        .descendants()
        .find(|n| n.attribute((OPS, "type")) == Some("page-list"))
        .expect("a page-list nav");
    let listed: Vec<&str> = list
        .descendants()
        .filter(|n| n.tag_name().name() == "a")
        .map(|a| a.text().unwrap())
        .collect();
    let labels: Vec<&str> = body.iter().map(|(_, l)| *l).collect();
    assert_eq!(
        listed, labels,
        "the page list has one entry per body page, in order"
    );
    let opf = &files["EPUB/package.opf"];
    for needed in [
        r#"<dc:source id="pagination-source">"#,
        r##"<meta refines="#pagination-source" property="source-of">pagination</meta>"##,
        ">printPageNumbers</meta>",
        ">pageBreakMarkers</meta>",
        "page numbers of the printed edition",
    ] {
        assert!(opf.contains(needed), "the OPF lacks {needed}");
    }
    let ncx = &files["EPUB/toc.ncx"];
    assert!(ncx.contains(&format!(
        r#"<meta name="dtb:totalPageCount" content="{}"/>"#,
        labels.len()
    )));
    assert_eq!(ncx.matches("<pageTarget ").count(), labels.len());

    // Markers: where each one is, and the words after it.
    let mut words_after: BTreeMap<String, String> = BTreeMap::new();
    let mut next_marker: BTreeMap<String, Option<String>> = BTreeMap::new();
    for (name, text) in xhtml_files(&files) {
        for (i, _) in text.match_indices("<span epub:type=\"pagebreak\"") {
            let before = text[..i].chars().next_back().unwrap();
            assert!(
                before == '>' || before.is_whitespace(),
                "{name}: a marker splits a word: …{}",
                &text[i.saturating_sub(40)..i]
            );
        }
        let doc = parse(name, text);
        let nodes: Vec<_> = doc.descendants().collect();
        for (k, node) in nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.attribute((OPS, "type")) == Some("pagebreak"))
        {
            let label = node.attribute("aria-label").unwrap().to_string();
            assert_eq!(node.attribute("id"), Some(format!("page-{label}").as_str()));
            let following: String = nodes[k + 1..]
                .iter()
                .filter(|n| n.is_text())
                .map(|n| n.text().unwrap())
                .take(20)
                .collect::<Vec<_>>()
                .join(" ");
            words_after.insert(
                label.clone(),
                normalize_words(&following)
                    .into_iter()
                    .next()
                    .unwrap_or_default(),
            );
            let next = nodes[k + 1..].iter().find(|n| {
                n.is_element()
                    && !(n.tag_name().name() == "span" && n.attribute((OPS, "type")).is_none())
            });
            next_marker.insert(
                label,
                next.filter(|n| n.attribute((OPS, "type")) == Some("pagebreak"))
                    .and_then(|n| n.attribute("aria-label"))
                    .map(str::to_string),
            );
        }
    }
    let mut checked = 0;
    for (n, (index, label)) in body.iter().enumerate() {
        assert!(
            words_after.contains_key(*label),
            "page {label} has no marker"
        );
        match &map.starts[*index] {
            // A blank page: its marker stands right before the next page's.
            None => {
                let next = body.get(n + 1).map(|(_, l)| l.to_string());
                assert_eq!(
                    next_marker[*label], next,
                    "blank page {label} is not kept with the next page"
                );
            }
            Some(start) => {
                // A page that begins with a text begins with its title, before its
                // first block that holds words.
                let opening = start.offset == 0
                    && volume.texts.iter().any(|t| {
                        first_leaf(&t.headnote).or_else(|| first_leaf(&t.blocks))
                            == Some(start.block)
                    });
                if !opening {
                    assert_eq!(
                        words_after[*label],
                        expected_word(&volume, start.block, start.offset),
                        "page {label}: {start:?}"
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked >= 50, "only {checked} page starts checked");
    println!(
        "{} body pages marked, {checked} first words checked against the page map",
        labels.len()
    );
}
