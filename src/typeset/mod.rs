//! Typesetting: shapes, breaks and paginates the model into positioned pages (PDF only).
//!
//! After the body come the parts of the back matter (`back/`), paginated before the
//! front matter so that the contents lists them.
//!
//! Knows fonts and page geometry; must not know PDF syntax or krilla: its output,
//! [`PagedVolume`], is glyph runs, rules and links on pages, plus the [`PageMap`].

mod assemble;
mod back;
mod flow;
mod fonts;
mod front;
mod geometry;
mod impose;
mod notes;
mod page;
mod paginate;
pub mod paragraph;
mod parallel;
mod quality;
mod shape;
mod text;
mod warm;

pub use fonts::{Face, FontSet, Style};
pub use geometry::{Geometry, Preset, TypeSize, mm};
pub use page::{
    Glyph, GlyphRun, Link, LinkTarget, Numbering, OutlineEntry, Page, PageFinder, PageMap,
    PageStart, Rule, roman,
};
pub use paragraph::Breaker;
pub use quality::Quality;
pub use shape::{Shaped, Shaper, Variant};
pub use warm::{Warm, warm};

use crate::backmatter::BackMatter;
use crate::diag::{Diagnostic, codes};
use crate::model::Volume;
use paragraph::Hyphenation;

/// How to typeset a volume.
#[derive(Debug, Clone)]
pub struct TypesetOptions {
    pub preset: Preset,
    /// The line breaker of justified text (Knuth–Plass unless comparing).
    pub breaker: Breaker,
    /// Where notes go.
    pub notes: NotePlacement,
    /// Words never hyphenated: the proper names of the name index (every variant) and the
    /// acronyms of the glossary. Short capitalised words are never hyphenated anyway.
    pub keep_whole: std::collections::BTreeSet<String>,
    /// Words shaped and hyphenated before the run ([`warm`]), looked up before shaping
    /// or hyphenating one: the output is the same with or without them.
    pub warm: Option<std::sync::Arc<Warm>>,
}

/// Where notes are set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotePlacement {
    /// At the foot of the page that calls them.
    Foot,
    /// At the end of each text, under a "Notes" heading.
    EndOfText,
}

impl Default for TypesetOptions {
    /// The reference edition: A5, Knuth–Plass, notes at the foot of the page.
    fn default() -> TypesetOptions {
        TypesetOptions::new(Preset::A5)
    }
}

impl TypesetOptions {
    pub fn new(preset: Preset) -> TypesetOptions {
        TypesetOptions {
            preset,
            breaker: Breaker::TotalFit,
            notes: NotePlacement::Foot,
            keep_whole: Default::default(),
            warm: None,
        }
    }
}

/// The typeset volume: pages ready for a writer, where everything landed, and how well.
#[derive(Debug, Clone)]
pub struct PagedVolume {
    pub preset: Preset,
    pub geometry: Geometry,
    pub pages: Vec<Page>,
    pub page_map: PageMap,
    pub outline: Vec<OutlineEntry>,
    pub quality: Quality,
    /// Number of front-matter pages (numbered in roman) before the body.
    pub front_pages: usize,
}

/// State shared by the stages of one typesetting run.
pub(crate) struct Layout<'f, 'v> {
    pub volume: &'v Volume,
    pub geometry: Geometry,
    pub options: TypesetOptions,
    pub shaper: Shaper<'f>,
    pub hyphenation: Option<Hyphenation>,
    pub missing: Vec<flow::Missing>,
    /// The text being set, for diagnostics.
    pub current_text: Option<usize>,
    /// Paragraphs are only shaped and hyphenated, not broken into lines ([`warm`]).
    pub warming: bool,
}

impl<'f, 'v> Layout<'f, 'v> {
    /// A fresh layout state (its own shaping and hyphenation caches).
    pub(crate) fn new(
        volume: &'v Volume,
        fonts: &'f FontSet,
        options: &TypesetOptions,
    ) -> Layout<'f, 'v> {
        Layout {
            volume,
            geometry: Geometry::for_preset(options.preset),
            options: options.clone(),
            shaper: Shaper::new(fonts, &volume.meta.language).warmed(options.warm.clone()),
            hyphenation: Hyphenation::for_language(&volume.meta.language).map(|h| Hyphenation {
                keep_whole: std::rc::Rc::new(options.keep_whole.clone()),
                warm: options.warm.clone(),
                ..h
            }),
            missing: Vec::new(),
            current_text: None,
            warming: false,
        }
    }
}

/// Typesets `volume` in the text face `fonts` with `options`.
pub fn typeset(
    volume: &Volume,
    fonts: &FontSet,
    options: &TypesetOptions,
) -> Result<PagedVolume, Vec<Diagnostic>> {
    typeset_with(volume, None, fonts, options)
}

/// Typesets `volume` and, after its texts, the parts of `back` (glossary, emendations,
/// index of names), whose locators are the body's page numbers.
pub fn typeset_with(
    volume: &Volume,
    back: Option<&BackMatter>,
    fonts: &FontSet,
    options: &TypesetOptions,
) -> Result<PagedVolume, Vec<Diagnostic>> {
    typeset_observed(volume, back, fonts, options, |_| {})
}

/// [`typeset_with`], handing `body_paginated` the page map of the body alone as soon as
/// the body is paginated, before the back and front matter are set: its labels are the
/// finished edition's body folios, where each page begins and each block's first page,
/// all that a writer of print page numbers (the EPUB) needs, so it can start then.
pub fn typeset_observed(
    volume: &Volume,
    back: Option<&BackMatter>,
    fonts: &FontSet,
    options: &TypesetOptions,
    body_paginated: impl FnOnce(PageMap),
) -> Result<PagedVolume, Vec<Diagnostic>> {
    let mut pages: Vec<(usize, Page)> = Vec::new();
    let typeset = typeset_streamed(volume, back, fonts, options, body_paginated, &mut |i, p| {
        pages.push((i, p))
    })?;
    pages.sort_by_key(|(i, _)| *i);
    let paged = typeset.with_pages(pages.into_iter().map(|(_, p)| p).collect());
    Ok(if options.preset == Preset::Booklet {
        impose::impose(paged)
    } else {
        paged
    })
}

/// A typeset volume whose pages went to a writer as they were finished
/// ([`typeset_streamed`]): everything of a [`PagedVolume`] but the pages.
#[derive(Debug, Clone)]
pub struct Typeset {
    pub preset: Preset,
    pub geometry: Geometry,
    pub page_map: PageMap,
    pub outline: Vec<OutlineEntry>,
    pub quality: Quality,
    pub front_pages: usize,
}

impl Typeset {
    /// The paged volume of these `pages`, in order.
    pub fn with_pages(self, pages: Vec<Page>) -> PagedVolume {
        PagedVolume {
            preset: self.preset,
            geometry: self.geometry,
            pages,
            page_map: self.page_map,
            outline: self.outline,
            quality: self.quality,
            front_pages: self.front_pages,
        }
    }
}

/// Texts set together before they are paginated, at least this many bytes of them (whole
/// texts): the whole volume in one go (the two threads share its units out best), while
/// fifty copies of it are set, paginated and handed to the writer about a copy at a
/// time, so that the lines of only one batch wait in memory.
const BATCH_BYTES: usize = 400_000;

/// Typesets `volume` (with the parts of `back` after the body) and hands every finished
/// page to `sink` with its index in the volume, as soon as it is finished: the body's
/// pages a text at a time, then the back matter's, then the front matter's (whose
/// contents needs every other page's number; its page count is known ahead, so the
/// indices are final from the first page on). `body_paginated` gets the body's page map
/// as [`typeset_observed`]. Booklets are imposed from whole volumes: see there.
pub fn typeset_streamed(
    volume: &Volume,
    back: Option<&BackMatter>,
    fonts: &FontSet,
    options: &TypesetOptions,
    body_paginated: impl FnOnce(PageMap),
    sink: &mut dyn FnMut(usize, Page),
) -> Result<Typeset, Vec<Diagnostic>> {
    let mut layout = Layout::new(volume, fonts, options);
    let kinds = back.map(BackMatter::parts).unwrap_or_default();
    let titles: Vec<String> = kinds.iter().map(|k| k.title().to_string()).collect();
    let front_pages = crate::timings::time("typeset: front count", || layout.front_pages(&titles));
    let mut body = paginate::Body::new(paginate::PageOptions {
        spreads: paginate::Spreads::Balanced,
    });
    let mut placer = assemble::Placer::new(&layout, front_pages);
    for batch in parallel::batches(volume, BATCH_BYTES) {
        crate::timings::time("typeset: set, paginate and place texts", || {
            parallel::set_texts_streamed(&mut layout, batch, &mut |layout, index, set| {
                layout.current_text = Some(index);
                layout.missing.extend(set.missing);
                body.add(&layout.geometry, index, &set.items, set.notes);
                // The next text opens on a new page: this one's pages are final now, to
                // be placed and drawn while the next is set (not once it is paginated).
                body.finish(&layout.geometry);
                placer.place(layout, &mut body, sink);
            })
        });
    }
    // Every text was finished and its pages placed as it was added: the body is whole.
    layout.current_text = None;
    let body_pages = placer.placed();
    placer.quality.continued_notes = body.continued;
    drop(body);
    body_paginated(placer.body_map.clone());
    let back = crate::timings::time("typeset: back matter", || {
        back.map(|b| layout.back_matter(b, &placer.lines, &placer.body_map))
    });
    let parts: Vec<(String, usize)> = back
        .iter()
        .flat_map(|b| &b.parts)
        .map(|(kind, first)| (kind.title().to_string(), body_pages + first))
        .collect();
    let (mut front, contents) = crate::timings::time("typeset: front matter", || {
        layout.front_matter(&placer.openings, &parts)
    });
    if !layout.missing.is_empty() {
        return Err(missing_diagnostics(volume, &layout.missing));
    }
    if front.len() != front_pages {
        let message = format!(
            "the front matter took {} pages, not the {front_pages} counted before the body was placed",
            front.len()
        );
        return Err(vec![Diagnostic::new(codes::PDF_WRITE, message)]);
    }
    let mut outline = std::mem::take(&mut placer.outline);
    let mut back_labels = Vec::new();
    if let Some(mut back) = back.filter(|b| !b.is_empty()) {
        let (pages, back_outline) = crate::timings::time("typeset: place back", || {
            layout.place_back(&mut back, front_pages, body_pages)
        });
        for (k, page) in pages.into_iter().enumerate() {
            back_labels.push(page.label());
            sink(front_pages + body_pages + k, page);
        }
        outline.extend(back_outline);
    }
    // The contents' links were made with body page indices.
    let front_labels: Vec<String> = front.iter().map(Page::label).collect();
    for (i, mut page) in front.drain(..).enumerate() {
        for link in &mut page.links {
            if let LinkTarget::Internal { page, .. } = &mut link.target {
                *page += front_pages;
            }
        }
        sink(i, page);
    }
    if let Some(page) = contents {
        let entry = OutlineEntry {
            depth: 0,
            title: "Contents".into(),
            page,
            y: 0.0,
        };
        outline.insert(0, entry);
    }
    let mut quality = placer.quality.clone();
    quality.pages += front_pages + back_labels.len();
    Ok(Typeset {
        preset: options.preset,
        geometry: layout.geometry.clone(),
        page_map: placer.volume_map(&front_labels, &back_labels),
        outline,
        quality,
        front_pages,
    })
}

/// One diagnostic per character and text, at its first occurrence.
fn missing_diagnostics(volume: &Volume, missing: &[flow::Missing]) -> Vec<Diagnostic> {
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for m in missing {
        if !seen.insert((m.c, m.text)) {
            continue;
        }
        let name = m.text.map_or_else(
            || "the front matter".to_string(),
            |t| format!("text `{}`", volume.texts[t].id),
        );
        let message = format!(
            "{name}: the text face has no glyph for {:?} (U+{:04X})",
            m.c, m.c as u32
        );
        out.push(Diagnostic::new(codes::GLYPH_MISSING, message).at(m.span));
    }
    out
}

/// A glyph run of a whole shaped string at `x` on baseline 0.
pub(crate) fn text_run(shaped: &Shaped, size: f32, x: f32) -> GlyphRun {
    let mut run = GlyphRun::new(shaped.style, size, x, 0.0);
    run.text = shaped.text.clone();
    for (i, g) in shaped.glyphs.iter().enumerate() {
        let end = shaped.glyphs[i..]
            .iter()
            .find(|h| h.cluster != g.cluster)
            .map_or(shaped.text.len(), |h| h.cluster as usize);
        let text = shaped.text_range(i..i + 1).start..end;
        run.push(
            Glyph::new(g.id, g.advance * size, text),
            g.x_offset * size,
            g.y_offset * size,
        );
    }
    run
}
