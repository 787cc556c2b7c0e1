//! A synthetic volume for the PDF tests: two texts with headings, emphasis, a quotation,
//! a list, notes and the accented names and typography the real texts use.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use reader_edition::diag::{FileId, Span};
use reader_edition::model::text::{inline_text, normalize_words};
use reader_edition::model::*;
use reader_edition::typeset::PagedVolume;

pub fn span() -> Span {
    Span::new(FileId(0), 0..0)
}

pub fn t(s: &str) -> Inline {
    Inline {
        span: span(),
        kind: InlineKind::Text(s.to_string()),
    }
}

pub fn em(s: &str) -> Inline {
    Inline {
        span: span(),
        kind: InlineKind::Emph(vec![t(s)]),
    }
}

pub fn note_ref(n: u32) -> Inline {
    Inline {
        span: span(),
        kind: InlineKind::NoteRef(NoteId(n)),
    }
}

struct Ids(u32);
impl Ids {
    fn block(&mut self, kind: BlockKind) -> Block {
        self.0 += 1;
        Block {
            id: BlockId(self.0),
            span: span(),
            kind,
        }
    }
}

const SENTENCES: [&str; 9] = [
    "The Movimiento de Izquierda Revolucionaria was founded in Santiago in 1965, and its first congress met in a trade-union office near the university. ",
    "Miguel Enríquez, a physician from Concepción, argued that the efficient way to build a party was to train cadres in the struggles of the shantytowns and the countryside. ",
    "“We are not a sect,” he said; ‘the workers’ own organizations must lead’ — a line that set the MIR apart from the Communist Party in 1970–1973. ",
    "Critics, among them Sebastián Piñera decades later, called the flag of armed struggle a fiction; the first answer came from the cordones industriales themselves. ",
    "Unlike the older parties, the movement published its analyses in Punto Final, whose circulation grew through the years of the Popular Unity government. ",
    "Historians of counter-revolution have shown how the owners’ associations organized the lockouts of October 1972 with remarkable efficiency and discipline. ",
    "In the textile mills of Santiago the workers took over the machines, and the government had to decide whether to legalize what they had done. ",
    "He went to Melipilla, about 60 km from here- where the comrades had taken the land - and back again. ",
    "The coup of 11 September 1973 ended the experiment; Enríquez died in combat in October 1974, in a house in the San Miguel district of Santiago. ",
];

fn paragraph(seed: usize, sentences: usize) -> Vec<Inline> {
    let mut s = String::new();
    for k in 0..sentences {
        s.push_str(SENTENCES[(seed + k) % SENTENCES.len()]);
    }
    vec![t(s.trim_end())]
}

fn text(
    ids: &mut Ids,
    slug: &str,
    title: &str,
    author: &str,
    first_note: u32,
    paragraphs: usize,
) -> Text {
    let mut blocks = Vec::new();
    blocks.push(ids.block(BlockKind::Paragraph(vec![
        t("This is the first paragraph of "),
        em("“"),
        em(title),
        em("”"),
        t(", set in Linux Libertine with ligatures: first, office, efficient, flag, affluent, fjord."),
        note_ref(first_note),
        t(" It continues with a second sentence about Enríquez and Piñera, as "),
        Inline { span: span(), kind: InlineKind::Link { url: "https://en.wikipedia.org/wiki/Revolutionary_Left_Movement_(Chile)".into(), content: vec![t("Wikipedia tells")] } },
        t("."),
    ])));
    for p in 0..paragraphs {
        if p % 5 == 2 {
            blocks.push(ids.block(BlockKind::Heading {
                level: 1,
                content: vec![t(&format!(
                    "Part {}: from Concepción to Santiago",
                    p / 5 + 1
                ))],
            }));
        }
        if p == 3 {
            let quote = vec![ids.block(BlockKind::Paragraph(paragraph(p + 3, 3)))];
            blocks.push(ids.block(BlockKind::Quote(quote)));
        }
        if p == 6 {
            let items = (0..3)
                .map(|i| vec![ids.block(BlockKind::Paragraph(paragraph(i, 1 + i % 2)))])
                .collect();
            blocks.push(ids.block(BlockKind::List {
                ordered: false,
                start: 1,
                items,
            }));
        }
        let mut inl = paragraph(p, 3 + p % 4);
        if p == 4 {
            inl.push(note_ref(first_note + 1));
        }
        blocks.push(ids.block(BlockKind::Paragraph(inl)));
    }
    let notes = vec![
        Note { id: NoteId(first_note), number: 1, span: span(), blocks: vec![ids.block(BlockKind::Paragraph(vec![t("A note of the editors: the official spelling is Enríquez; see the efficient office files.")]))] },
        Note { id: NoteId(first_note + 1), number: 2, span: span(), blocks: vec![ids.block(BlockKind::Paragraph(paragraph(2, 4)))] },
    ];
    Text {
        id: TextId(slug.to_string()),
        kind: TextKind::Source,
        meta: TextMeta {
            title: title.to_string(),
            short_title: title.to_string(),
            author: Some(author.to_string()),
            published_in: Some("Punto Final".into()),
            date: Some("1973".into()),
            licence: Some("CC BY-SA 4.0".into()),
            ..TextMeta::default()
        },
        blocks,
        headnote: Vec::new(),
        notes,
    }
}

/// The synthetic volume.
pub fn volume() -> Volume {
    let mut ids = Ids(0);
    let a = text(
        &mut ids,
        "mir",
        "The Revolutionary Left Movement of Chile and Its First Decade",
        "Wikipedia contributors",
        0,
        24,
    );
    let b = text(
        &mut ids,
        "speech",
        "Speech at the Caupolicán Theatre",
        "Miguel Enríquez",
        2,
        9,
    );
    Volume {
        meta: VolumeMeta {
            title: "The MIR and the Chilean Revolution".into(),
            subtitle: Some("An Annotated Reader".into()),
            editors: vec!["Ana Pérez".into(), "John Smith".into()],
            language: "en".into(),
            identifier: "urn:uuid:00000000-0000-4000-8000-000000000000".into(),
            date: "2026-03-01".into(),
            publisher: Some("Study Group Press".into()),
            rights: Some("Editorial matter CC BY-SA 4.0.".into()),
            description: Some("Five texts on the MIR, edited for study groups.".into()),
        },
        texts: vec![a, b],
    }
}

pub fn fonts_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts")
}

/// Runs a tool on a file; `None` when the tool is not installed.
/// Runs a validator; a missing one fails the test with the command that installs it.
pub fn tool(program: &str, args: &[&str]) -> Option<String> {
    let out = std::process::Command::new(program).args(args).output().unwrap_or_else(|e| {
        panic!("`{program}` is required by this test and could not be run ({e}): install it with `apt-get install -y poppler-utils qpdf`")
    });
    Some(String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr))
}

fn find_block(blocks: &[Block], id: BlockId) -> Option<&Block> {
    blocks.iter().find_map(|b| {
        if b.id == id {
            return Some(b);
        }
        match &b.kind {
            BlockKind::Quote(inner) => find_block(inner, id),
            BlockKind::List { items, .. } => items.iter().find_map(|i| find_block(i, id)),
            _ => None,
        }
    })
}

fn model_block(volume: &Volume, id: BlockId) -> &Block {
    volume
        .texts
        .iter()
        .find_map(|t| {
            find_block(&t.blocks, id)
                .or_else(|| find_block(&t.headnote, id))
                .or_else(|| t.notes.iter().find_map(|n| find_block(&n.blocks, id)))
        })
        .expect("the page map names a block of the volume")
}

/// Compares every recorded page start with the first word `pdftotext` finds in the text
/// block of that page; returns how many pages were checked (0 without pdftotext).
pub fn check_page_starts(volume: &Volume, paged: &PagedVolume, path: &Path) -> usize {
    let g = &paged.geometry;
    let map = &paged.page_map;
    assert_eq!(map.starts.len(), paged.pages.len());
    assert_eq!(map.labels[paged.front_pages], "1");
    let mut checked = 0;
    for (index, start) in map.starts.iter().enumerate() {
        let Some(start) = start else { continue };
        let b = model_block(volume, start.block);
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
        let Some(out) = tool(
            "pdftotext",
            &[&args[..], &[path.to_str().unwrap(), "-"]].concat(),
        ) else {
            return checked;
        };
        let first = normalize_words(&out).into_iter().next().unwrap_or_default();
        // A text's opening page begins with its title, which no block holds.
        let opening = start.offset == 0
            && volume
                .texts
                .iter()
                .any(|t| normalize_words(&t.meta.title).first() == Some(&first));
        if !opening {
            assert_eq!(
                first, expected,
                "page {page} ({}): {start:?}",
                map.labels[index]
            );
            checked += 1;
        }
    }
    checked
}
