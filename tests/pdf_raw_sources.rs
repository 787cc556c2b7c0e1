//! The five raw sources of the manuscript, paragraphs split at blank lines (a crude
//! import, enough to typeset real prose of the volume's size): the quality counts must be
//! zero and typesetting fast.

mod pdf_common;

use std::path::Path;

use pdf_common::{span, t};
use reader_edition::model::*;
use reader_edition::render::pdf::write_pdf;
use reader_edition::typeset::{FontSet, Preset, TypesetOptions, typeset};

fn crude_text(slug: &str, raw: &str, first_block: &mut u32) -> Text {
    let mut blocks = Vec::new();
    for para in raw.split("\n\n") {
        let joined = para.replace("-\n", "").replace('\n', " ");
        let joined = joined.split_whitespace().collect::<Vec<_>>().join(" ");
        if joined.is_empty() {
            continue;
        }
        *first_block += 1;
        let kind = match joined
            .strip_prefix("== ")
            .and_then(|s| s.strip_suffix(" =="))
        {
            Some(h) => BlockKind::Heading {
                level: 1,
                content: vec![t(h)],
            },
            None => BlockKind::Paragraph(vec![t(&joined)]),
        };
        blocks.push(Block {
            id: BlockId(*first_block),
            span: span(),
            kind,
        });
    }
    Text {
        id: TextId(slug.into()),
        kind: TextKind::Source,
        meta: TextMeta {
            title: slug.replace('-', " "),
            short_title: slug.into(),
            ..TextMeta::default()
        },
        blocks,
        headnote: Vec::new(),
        notes: Vec::new(),
    }
}

#[test]
fn raw_sources_typeset_cleanly_and_fast() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("manuscript/sources");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    let mut files: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
    files.sort();
    let mut next = 0;
    let texts: Vec<Text> = files
        .iter()
        .map(|f| {
            let raw = std::fs::read_to_string(f).unwrap();
            let raw: String =
                unicode_normalization::UnicodeNormalization::nfc(raw.as_str()).collect();
            crude_text(f.file_stem().unwrap().to_str().unwrap(), &raw, &mut next)
        })
        .collect();
    let mut volume = pdf_common::volume();
    volume.texts = texts;
    let fonts = FontSet::load(&pdf_common::fonts_dir()).unwrap();
    let start = std::time::Instant::now();
    let paged = typeset(&volume, &fonts, &TypesetOptions::new(Preset::A5))
        .unwrap_or_else(|d| panic!("{d:?}"));
    let typeset_time = start.elapsed();
    let bytes = write_pdf(&paged, &fonts, &volume.meta).unwrap();
    let total = start.elapsed();
    std::fs::write(
        std::env::temp_dir().join("reader-edition-raw-a5.pdf"),
        &bytes,
    )
    .unwrap();
    println!(
        "typeset {typeset_time:?}, with PDF {total:?}: {}",
        paged.quality.summary()
    );
    let q = &paged.quality;
    assert_eq!(
        (
            q.overfull,
            q.widows,
            q.orphans,
            q.hyphen_runs,
            q.hyphenated_page_ends
        ),
        (0, 0, 0, 0, 0),
        "{}",
        q.summary()
    );
}
