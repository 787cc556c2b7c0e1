//! Shared by the `epub_*` tests: a hand-built volume that exercises every block and
//! inline kind with hostile text, the EPUB's files unzipped, and the two EPUBCheck runs.
#![allow(dead_code)]

pub mod checks;

use std::io::Read;
use std::path::{Path, PathBuf};

use reader_edition::diag::{FileId, Span};
use reader_edition::model::*;
use reader_edition::render::epub::{EpubOptions, write_epub};

/// Hostile text: markup, entities, the end of a CDATA section, quotes, a BOM, a tab and
/// control characters that XML 1.0 forbids.
pub const HOSTILE: &str = "<script>alert(\"x\")</script> & &amp; ]]> 'q' \u{FEFF}tab\there \u{0}\u{1}\u{B}\u{1F}\u{7F}\u{FFFE}end";

fn span() -> Span {
    Span::new(FileId(0), 0..0)
}

pub fn t(s: &str) -> Inline {
    Inline {
        span: span(),
        kind: InlineKind::Text(s.to_string()),
    }
}

pub fn em(c: Vec<Inline>) -> Inline {
    Inline {
        span: span(),
        kind: InlineKind::Emph(c),
    }
}

pub fn strong(c: Vec<Inline>) -> Inline {
    Inline {
        span: span(),
        kind: InlineKind::Strong(c),
    }
}

pub fn link(url: &str, c: Vec<Inline>) -> Inline {
    Inline {
        span: span(),
        kind: InlineKind::Link {
            url: url.to_string(),
            content: c,
        },
    }
}

pub fn call(n: u32) -> Inline {
    Inline {
        span: span(),
        kind: InlineKind::NoteRef(NoteId(n)),
    }
}

/// Hands out block ids in reading order, as the model does.
pub struct Ids(pub u32);

impl Ids {
    pub fn block(&mut self, kind: BlockKind) -> Block {
        self.0 += 1;
        Block {
            id: BlockId(self.0),
            span: span(),
            kind,
        }
    }

    pub fn p(&mut self, c: Vec<Inline>) -> Block {
        self.block(BlockKind::Paragraph(c))
    }

    pub fn h(&mut self, level: u8, title: &str) -> Block {
        self.block(BlockKind::Heading {
            level,
            content: vec![t(title)],
        })
    }
}

fn note(ids: &mut Ids, id: u32, number: u32, c: Vec<Inline>) -> Note {
    Note {
        id: NoteId(id),
        number,
        span: span(),
        blocks: vec![ids.p(c)],
    }
}

fn meta(title: &str) -> TextMeta {
    TextMeta {
        title: title.into(),
        short_title: title.into(),
        ..TextMeta::default()
    }
}

/// Three texts: an editorial introduction, a CC BY-SA encyclopedia article with every
/// block kind and hostile text, and a Spanish speech.
pub fn volume() -> Volume {
    let mut ids = Ids(0);
    let intro_blocks = vec![
        ids.p(vec![
            t("This reader gathers five texts on the MIR."),
            call(1),
            t(" They are reproduced as received."),
        ]),
        ids.p(vec![
            t("Emphasis is "),
            em(vec![t("kept")]),
            t(", and so is "),
            strong(vec![t("strong text")]),
            t("."),
        ]),
    ];
    let intro_notes = vec![note(
        &mut ids,
        1,
        1,
        vec![t(
            "The sources are listed in the colophon, with their licences.",
        )],
    )];
    let intro = Text {
        id: TextId("about-this-edition".into()),
        kind: TextKind::Editorial,
        meta: TextMeta {
            author: Some("The editors".into()),
            ..meta("About this edition")
        },
        blocks: intro_blocks,
        headnote: Vec::new(),
        notes: intro_notes,
    };

    let quote = {
        let inner = vec![ids.p(vec![t(
            "“The revolution is not an apple that falls when it is ripe.”",
        )])];
        ids.block(BlockKind::Quote(inner))
    };
    let item = |ids: &mut Ids, s: &str| vec![ids.p(vec![t(s)])];
    let list_items = vec![
        item(&mut ids, "Founded: 15 August 1965"),
        item(&mut ids, "Ideology: Marxism–Leninism"),
        vec![
            ids.p(vec![t("Two paragraphs,")]),
            ids.p(vec![t("one item.")]),
        ],
    ];
    let article_blocks = vec![
        ids.block(BlockKind::List { ordered: false, start: 1, items: list_items }),
        ids.h(1, "History"),
        ids.p(vec![t("The MIR was founded in Concepción by Miguel Enríquez, Bautista van Schouwen and others."), call(2)]),
        quote,
        ids.h(3, "Hostile matter"),
        ids.p(vec![t(HOSTILE), call(3)]),
        ids.p(vec![link("https://example.org/a b/<script>]]>&x=\"1\"", vec![t("a link with ]]> & <b> in its URL")]), t(" and "), link("javascript:alert(1)", vec![t("a script link shown as text")])]),
        ids.p(vec![link("https://en.wikipedia.org/wiki/Revolutionary_Left_Movement_(Chile)", vec![t("a link holding a note call"), call(4)]), t(".")]),
        ids.block(BlockKind::Rule),
        ids.h(1, "See also"),
        {
            let items = vec![item(&mut ids, "Unidad Popular"), item(&mut ids, "Salvador Allende")];
            ids.block(BlockKind::List { ordered: true, start: 3, items })
        },
        ids.p(vec![t("Line one"), Inline { span: span(), kind: InlineKind::LineBreak }, t("line two, "), Inline { span: span(), kind: InlineKind::Code("code & <code>".into()) }]),
    ];
    let article_notes = vec![
        note(
            &mut ids,
            2,
            1,
            vec![t("The infobox of the same article gives 15 August 1965.")],
        ),
        note(&mut ids, 3, 2, vec![t("A note with "), t(HOSTILE)]),
        note(
            &mut ids,
            4,
            3,
            vec![t("A call inside a link is written after the link.")],
        ),
    ];
    let article = Text {
        id: TextId("mir-wikipedia".into()),
        kind: TextKind::Source,
        meta: TextMeta {
            author: Some("Wikipedia contributors".into()),
            published_in: Some("Wikipedia, The Free Encyclopedia".into()),
            date: Some("2024-05-01".into()),
            url: Some("https://en.wikipedia.org/wiki/Revolutionary_Left_Movement_(Chile)".into()),
            licence: Some("CC BY-SA 4.0".into()),
            licence_url: Some("https://creativecommons.org/licenses/by-sa/4.0/".into()),
            provenance: Some(
                "Plain text of the article as of 1 May 2024; infobox kept as a list <&>.".into(),
            ),
            ..meta("Revolutionary Left Movement (Chile) & <friends>")
        },
        blocks: article_blocks,
        headnote: Vec::new(),
        notes: article_notes,
    };

    let speech_blocks = vec![
        ids.h(1, "Compañeros y compañeras"),
        ids.p(vec![t("Los trabajadores de Santiago, de Concepción y de Valparaíso saben que la unidad es la única garantía."), call(5)]),
        ids.h(2, "La lucha"),
        ids.p(vec![t("¡Adelante, compañeros! Ñuñoa, Peñalolén, Chiloé.")]),
    ];
    let speech_notes = vec![note(
        &mut ids,
        5,
        1,
        vec![t(
            "Enríquez spoke at the Caupolicán Theatre on 17 July 1973.",
        )],
    )];
    let speech = Text {
        id: TextId("enriquez-speech".into()),
        kind: TextKind::Source,
        meta: TextMeta {
            author: Some("Miguel Enríquez".into()),
            publisher: Some("The Rebel".into()),
            date: Some("1973-07".into()),
            licence: Some("All rights reserved".into()),
            provenance: Some("Abridged and edited by Jorge Jorquera.".into()),
            language: LangTag::parse("es").ok(),
            subtitle: Some("Teatro Caupolicán, 17 de julio de 1973".into()),
            ..meta("Discurso del Teatro Caupolicán")
        },
        blocks: speech_blocks,
        headnote: Vec::new(),
        notes: speech_notes,
    };

    Volume {
        meta: VolumeMeta {
            title: "The MIR and the Chilean Revolution".into(),
            subtitle: Some("An Annotated Reader".into()),
            editors: vec!["Ana Pérez".into(), "John Smith & Co".into()],
            language: "en".into(),
            identifier: "urn:uuid:6f1c8f7e-2b9a-4c61-9d1e-0a3b5c7d9e11".into(),
            date: "2026-11-21".into(),
            publisher: Some("Ediciones <Rebeldía>".into()),
            rights: Some("Editorial matter © 2026 the editors, CC BY-SA 4.0.".into()),
            description: Some("An annotated reader of five texts on the MIR.".into()),
        },
        texts: vec![intro, article, speech],
    }
}

/// The EPUB of [`volume`] with default options.
pub fn build() -> Vec<u8> {
    write_epub(&volume(), &EpubOptions::default()).expect("the synthetic volume builds")
}

/// Every file of the zip, in zip order, as (name, bytes).
pub fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    (0..archive.len())
        .map(|i| {
            let mut f = archive.by_index(i).unwrap();
            let mut buf = Vec::new();
            f.read_to_end(&mut buf).unwrap();
            (f.name().unwrap().to_string(), buf)
        })
        .collect()
}

/// Writes `bytes` to a fresh file `name` in a folder under the target directory.
pub fn write_temp(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("epub-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// A volume at the edges: no optional metadata, an untitled text, headings that skip
/// levels or are empty, calls inside headings, links inside links, empty links, notes
/// holding lists and calls, nested block quotations and lists, a regional language tag.
pub fn edge_volume() -> Volume {
    let mut ids = Ids(0);
    let nested = {
        let inner_quote = vec![ids.p(vec![t("Quoted inside a list inside a quote.")])];
        let q = ids.block(BlockKind::Quote(inner_quote));
        let items = vec![vec![q], vec![]];
        let list = ids.block(BlockKind::List {
            ordered: true,
            start: 0,
            items,
        });
        ids.block(BlockKind::Quote(vec![list]))
    };
    let blocks = vec![
        ids.h(6, "A level-six heading first"),
        ids.block(BlockKind::Heading {
            level: 2,
            content: vec![
                t("Heading with a call"),
                call(2),
                em(vec![t(" and emphasis")]),
            ],
        }),
        ids.block(BlockKind::Heading {
            level: 3,
            content: vec![],
        }),
        ids.p(vec![
            link(
                "https://example.org/outer",
                vec![
                    t("outer "),
                    link("https://example.org/inner", vec![t("inner")]),
                    call(1),
                ],
            ),
            t(" "),
        ]),
        ids.p(vec![
            link("mailto:editors@example.org", vec![]),
            t(" "),
            link("ftp://example.org/x", vec![]),
            t(" "),
            link("", vec![t("no target")]),
        ]),
        nested,
        ids.block(BlockKind::Rule),
        ids.p(vec![]),
    ];
    let note_list = {
        let items = vec![
            vec![ids.p(vec![t("first point of the note")])],
            vec![ids.p(vec![t("second, calling "), call(2)])],
        ];
        ids.block(BlockKind::List {
            ordered: false,
            start: 1,
            items,
        })
    };
    let quoted_note = vec![ids.p(vec![t("A quoted note of some length.")])];
    let notes = vec![
        Note {
            id: NoteId(1),
            number: 1,
            span: span(),
            blocks: vec![note_list],
        },
        Note {
            id: NoteId(2),
            number: 2,
            span: span(),
            blocks: vec![ids.block(BlockKind::Quote(quoted_note))],
        },
    ];
    let untitled = Text {
        id: TextId("Untitled Text!".into()),
        kind: TextKind::Source,
        meta: TextMeta {
            language: LangTag::parse("es-CL").ok(),
            ..TextMeta::default()
        },
        blocks,
        headnote: Vec::new(),
        notes,
    };
    let empty = Text {
        id: TextId("empty".into()),
        kind: TextKind::Editorial,
        meta: meta("An empty text"),
        blocks: vec![],
        headnote: Vec::new(),
        notes: vec![],
    };
    Volume {
        meta: VolumeMeta {
            title: String::new(),
            subtitle: None,
            editors: vec![],
            language: "en-GB".into(),
            identifier: "isbn-like & <odd> identifier".into(),
            date: "1999-12-31".into(),
            publisher: None,
            rights: None,
            description: None,
        },
        texts: vec![untitled, empty],
    }
}

/// The EPUB of [`edge_volume`].
pub fn build_edge() -> Vec<u8> {
    write_epub(
        &edge_volume(),
        &EpubOptions {
            contents_depth: 3,
            nav_depth: 1,
            cover: None,
            cover_image: None,
            pages: None,
            heading_fonts: None,
            back_matter: None,
        },
    )
    .expect("the edge volume builds")
}

/// The edition's fonts for the cover, from the repository's `fonts/`.
pub fn cover_fonts() -> reader_edition::render::epub::CoverFonts {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
    let read = |name: &str| {
        std::sync::Arc::new(
            std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("fonts/{name}: {e}")),
        )
    };
    reader_edition::render::epub::CoverFonts {
        title: read("LinLibertine_RB.otf"),
        subtitle: read("LinLibertine_RI.otf"),
        names: read("LinLibertine_R.otf"),
    }
}

/// The edition's heading faces, read from `fonts/`.
pub fn heading_fonts() -> reader_edition::render::epub::HeadingFonts {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
    let read = |name: &str| {
        std::sync::Arc::new(
            std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("fonts/{name}: {e}")),
        )
    };
    reader_edition::render::epub::HeadingFonts {
        regular: read("LinLibertine_R.otf"),
        bold: read("LinLibertine_RB.otf"),
    }
}

/// The EPUB of [`volume`] with a generated cover and the heading faces.
pub fn build_with_cover() -> Vec<u8> {
    write_epub(
        &volume(),
        &EpubOptions {
            cover: Some(cover_fonts()),
            heading_fonts: Some(heading_fonts()),
            ..EpubOptions::default()
        },
    )
    .expect("the synthetic volume builds with a cover")
}

/// The real manuscript's volume, loaded through the library.
pub fn manuscript_volume() -> Volume {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("manuscript");
    let loaded = reader_edition::manuscript::load(&root);
    let messages: Vec<String> = loaded
        .diagnostics
        .list
        .iter()
        .map(|d| format!("{} {}", d.code.id, d.message))
        .collect();
    loaded
        .manuscript
        .unwrap_or_else(|| panic!("the manuscript loads: {messages:?}"))
        .volume
}

/// The A5 pagination of `volume`, from the typesetter, as the EPUB takes it.
pub fn print_pages(volume: &Volume) -> reader_edition::render::epub::PrintPages {
    use reader_edition::typeset::{FontSet, Preset, TypesetOptions, typeset};
    let fonts =
        FontSet::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts")).unwrap_or_else(|d| {
            panic!(
                "fonts: {:?}",
                d.iter().map(|d| &d.message).collect::<Vec<_>>()
            )
        });
    let paged = typeset(volume, &fonts, &TypesetOptions::new(Preset::A5)).unwrap_or_else(|d| {
        panic!(
            "typeset: {:?}",
            d.iter().map(|d| &d.message).collect::<Vec<_>>()
        )
    });
    reader_edition::render::epub::PrintPages {
        map: paged.page_map,
        edition: format!("{}, A5 print edition", volume.meta.title),
    }
}

/// The real manuscript's EPUB with its generated cover and the print page numbers of
/// its A5 edition.
pub fn build_manuscript() -> Vec<u8> {
    let volume = manuscript_volume();
    let pages = print_pages(&volume);
    write_epub(
        &volume,
        &EpubOptions {
            cover: Some(cover_fonts()),
            pages: Some(pages),
            ..EpubOptions::default()
        },
    )
    .expect("the real volume's EPUB")
}
