//! The page map agrees with the PDF: the word at each recorded page start is the first
//! word `pdftotext` finds in that page's text block.

mod pdf_common;

use reader_edition::model::text::{inline_text, normalize_words};
use reader_edition::model::{Block, BlockId, BlockKind, Volume};
use reader_edition::render::pdf::write_pdf;
use reader_edition::typeset::{FontSet, Preset, TypesetOptions, typeset};

fn find(blocks: &[Block], id: BlockId) -> Option<&Block> {
    blocks.iter().find_map(|b| {
        if b.id == id {
            return Some(b);
        }
        match &b.kind {
            BlockKind::Quote(inner) => find(inner, id),
            BlockKind::List { items, .. } => items.iter().find_map(|i| find(i, id)),
            _ => None,
        }
    })
}

fn block(volume: &Volume, id: BlockId) -> &Block {
    volume
        .texts
        .iter()
        .find_map(|t| {
            find(&t.blocks, id).or_else(|| t.notes.iter().find_map(|n| find(&n.blocks, id)))
        })
        .expect("the page map names a block of the volume")
}

#[test]
fn page_starts_match_pdftotext() {
    let volume = pdf_common::volume();
    let fonts = FontSet::load(&pdf_common::fonts_dir()).unwrap();
    let paged = typeset(&volume, &fonts, &TypesetOptions::new(Preset::A5)).unwrap();
    let bytes = write_pdf(&paged, &fonts, &volume.meta).unwrap();
    let path = std::env::temp_dir().join("reader-edition-page-map.pdf");
    std::fs::write(&path, bytes).unwrap();
    let g = &paged.geometry;
    let map = &paged.page_map;
    assert_eq!(map.starts.len(), paged.pages.len());
    assert_eq!(map.labels[paged.front_pages], "1");
    let mut checked = 0;
    for (index, start) in map.starts.iter().enumerate() {
        let Some(start) = start else { continue };
        let b = block(&volume, start.block);
        let content = match &b.kind {
            BlockKind::Paragraph(c) | BlockKind::Heading { content: c, .. } => c,
            _ => panic!("a page starts in a container block"),
        };
        let plain = inline_text(content);
        let expected = normalize_words(&plain[start.offset..])
            .into_iter()
            .next()
            .unwrap();
        // Only the text block: crop away the running head and the folio.
        let page = (index + 1).to_string();
        let (y, h) = (g.top.floor() as i64, g.text_height().ceil() as i64 + 2);
        let args = [
            "-f",
            &page,
            "-l",
            &page,
            "-x",
            "0",
            "-y",
            &y.to_string(),
            "-W",
            "1000",
            "-H",
            &h.to_string(),
        ];
        let Some(out) = pdf_common::tool(
            "pdftotext",
            &[&args[..], &[path.to_str().unwrap(), "-"]].concat(),
        ) else {
            return;
        };
        let first = normalize_words(&out).into_iter().next().unwrap_or_default();
        // A text's opening page begins with its title, which no block holds.
        let opening = start.offset == 0
            && volume
                .texts
                .iter()
                .any(|t| t.blocks.first().map(|b| b.id) == Some(start.block));
        if !opening {
            assert_eq!(
                first, expected,
                "page {page} ({}): {start:?}",
                map.labels[index]
            );
            checked += 1;
        }
    }
    assert!(checked >= 5, "only {checked} page starts checked");
}
