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
    let mut layout = Layout::new(volume, fonts, options);
    let mut body = paginate::Body::new(paginate::PageOptions {
        spreads: paginate::Spreads::Balanced,
    });
    let set = crate::timings::time("typeset: set texts", || parallel::set_texts(&mut layout));
    crate::timings::time("typeset: paginate", || {
        for (index, set) in set.into_iter().enumerate() {
            layout.current_text = Some(index);
            layout.missing.extend(set.missing);
            body.add(&layout.geometry, index, &set.items, set.notes);
        }
        body.finish(&layout.geometry);
    });
    layout.current_text = None;
    // The body's page map, made once: for the caller and the back matter's locators.
    let body_map = back::body_page_map(&body, volume);
    body_paginated(body_map.clone());
    let body_pages = body.pages.len();
    let back = crate::timings::time("typeset: back matter", || {
        back.map(|b| layout.back_matter(b, &body, body_map))
    });
    let parts: Vec<(String, usize)> = back
        .iter()
        .flat_map(|b| &b.parts)
        .map(|(kind, first)| (kind.title().to_string(), body_pages + first))
        .collect();
    let (front, contents) = crate::timings::time("typeset: front matter", || {
        layout.front_matter(&body, &parts)
    });
    if !layout.missing.is_empty() {
        return Err(missing_diagnostics(volume, &layout.missing));
    }
    let mut paged = crate::timings::time("typeset: assemble", || {
        assemble::assemble(&mut layout, front, body)
    });
    if let Some(mut back) = back.filter(|b| !b.is_empty()) {
        let (pages, outline) = crate::timings::time("typeset: place back", || {
            layout.place_back(&mut back, paged.front_pages, body_pages)
        });
        paged.page_map.labels.extend(pages.iter().map(Page::label));
        paged.page_map.starts.extend(pages.iter().map(|_| None));
        paged.quality.pages += pages.len();
        paged.pages.extend(pages);
        paged.outline.extend(outline);
    }
    if let Some(page) = contents {
        let entry = OutlineEntry {
            depth: 0,
            title: "Contents".into(),
            page,
            y: 0.0,
        };
        paged.outline.insert(0, entry);
    }
    Ok(if options.preset == Preset::Booklet {
        impose::impose(paged)
    } else {
        paged
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
