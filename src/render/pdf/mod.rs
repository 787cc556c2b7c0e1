//! PDF writer: walks the positioned pages of `typeset` and writes them with krilla (fonts
//! embedded and subset, each glyph with its text so extraction gives the exact words).
//!
//! Knows krilla and nothing of shaping, line breaking or pagination: it draws glyph runs,
//! rules and links where `typeset` put them.

mod outline;
mod reorder;

use std::num::NonZeroU32;

use krilla::Document;
use krilla::action::{Action, LinkAction};
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::destination::{Destination, XyzDestination};
use krilla::geom::{PathBuilder, Point, Rect, Size};
use krilla::metadata::{DateTime, Metadata};
use krilla::page::{NumberingStyle, PageLabel, PageSettings};
use krilla::text::{Font, GlyphId};

use crate::diag::{Diagnostic, codes};
use crate::model::VolumeMeta;
use crate::typeset::{
    FontSet, Geometry, Glyph, GlyphRun, LinkTarget, Numbering, OutlineEntry, Page, PagedVolume,
    Style,
};

/// Writes `paged` as a PDF document.
// The error is one diagnostic, as the CLI expects of every writer.
#[allow(clippy::result_large_err)]
pub fn write_pdf(
    paged: &PagedVolume,
    fonts: &FontSet,
    meta: &VolumeMeta,
) -> Result<Vec<u8>, Diagnostic> {
    let mut writer = PdfWriter::new(fonts, &paged.geometry, DrawOrder::InOrder)?;
    crate::timings::time("pdf: draw pages", || {
        for (index, page) in paged.pages.iter().enumerate() {
            writer.draw(index, page);
        }
    });
    writer.finish(&paged.outline, meta)
}

/// The order in which pages reach a [`PdfWriter`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DrawOrder {
    /// The volume's order.
    InOrder,
    /// The body and the back matter first, in order, from the first page after the front
    /// matter (whose count is thus the index of the first page drawn), and the front
    /// matter last: as `typeset::typeset_streamed` finishes them (the contents is set
    /// last).
    FrontLast,
}

/// A PDF document being drawn a page at a time, in a [`DrawOrder`]; finished, its pages
/// are in the volume's order whatever the order they were drawn in.
pub struct PdfWriter {
    document: Document,
    faces: Vec<(Style, Font)>,
    size: Size,
    order: DrawOrder,
    drawn: usize,
    /// The index of the first page drawn: the front matter's page count.
    front_pages: Option<usize>,
    /// How many pages were drawn before the front matter, once it has begun.
    before_front: Option<usize>,
    /// What went wrong with the order, reported at [`PdfWriter::finish`].
    misordered: Option<String>,
}

impl PdfWriter {
    /// A writer of pages of `geometry` in the text face `fonts`.
    #[allow(clippy::result_large_err)]
    pub fn new(
        fonts: &FontSet,
        geometry: &Geometry,
        order: DrawOrder,
    ) -> Result<PdfWriter, Diagnostic> {
        let mut faces = Vec::new();
        for style in Style::ALL {
            let face = fonts.face(style);
            let font = Font::new(face.data.clone().into(), 0).ok_or_else(|| {
                fail(format!(
                    "krilla cannot read the font {}",
                    face.path.display()
                ))
            })?;
            faces.push((style, font));
        }
        let size = Size::from_wh(geometry.page_width, geometry.page_height)
            .ok_or_else(|| fail("invalid page size".to_string()))?;
        Ok(PdfWriter {
            document: Document::new(),
            faces,
            size,
            order,
            drawn: 0,
            front_pages: None,
            before_front: None,
            misordered: None,
        })
    }

    /// Draws `page`, which is page `index` of the volume and must come next in the
    /// writer's order (else [`PdfWriter::finish`] fails).
    pub fn draw(&mut self, index: usize, page: &Page) {
        let front_pages = *self.front_pages.get_or_insert(index);
        if self.order == DrawOrder::FrontLast && index < front_pages && self.before_front.is_none()
        {
            self.before_front = Some(self.drawn);
        }
        if self.position(index) != Some(self.drawn) && self.misordered.is_none() {
            self.misordered = Some(format!(
                "page {index} came as the {}th page drawn",
                self.drawn + 1
            ));
        }
        let label = page_label(page);
        let font_of = |style: Style| {
            self.faces
                .iter()
                .find(|(s, _)| *s == style)
                .map(|(_, f)| f.clone())
                .expect("all four styles")
        };
        // Each link's area and target, its page found where it is drawn.
        let mut missing_target = None;
        let mut links = Vec::with_capacity(page.links.len());
        for link in &page.links {
            let Some(rect) = Rect::from_xywh(link.x, link.y, link.width, link.height) else {
                continue;
            };
            let target = match &link.target {
                LinkTarget::Internal { page, y } => match self.position(*page) {
                    Some(at) => Target::Destination(Destination::Xyz(XyzDestination::new(
                        at,
                        Point::from_xy(0.0, *y),
                    ))),
                    None => {
                        missing_target = Some(*page);
                        continue;
                    }
                },
                LinkTarget::Uri(uri) => Target::Action(Action::Link(LinkAction::new(uri.clone()))),
            };
            links.push(Annotation::new_link(
                LinkAnnotation::new(rect, target),
                None,
            ));
        }
        let mut pdf_page = self
            .document
            .start_page_with(PageSettings::new(self.size).with_page_label(label));
        draw_content(&mut pdf_page, page, &font_of);
        for link in links {
            pdf_page.add_annotation(link);
        }
        pdf_page.finish();
        if let Some(target) = missing_target
            && self.misordered.is_none()
        {
            self.misordered = Some(format!(
                "page {index} links to page {target}, not drawn before it and not in the body"
            ));
        }
        self.drawn += 1;
    }

    /// Where page `index` of the volume is drawn, when that is known yet: the body and
    /// back matter follow each other from the first page drawn; the front matter follows
    /// them.
    fn position(&self, index: usize) -> Option<usize> {
        let front_pages = self.front_pages.unwrap_or(0);
        match self.order {
            DrawOrder::InOrder => Some(index),
            DrawOrder::FrontLast if index >= front_pages => Some(index - front_pages),
            DrawOrder::FrontLast => self.before_front.map(|before| before + index),
        }
    }

    /// The document, with `outline` (pages of the volume) and `meta`, its pages in the
    /// volume's order.
    #[allow(clippy::result_large_err)]
    pub fn finish(
        mut self,
        outline: &[OutlineEntry],
        meta: &VolumeMeta,
    ) -> Result<Vec<u8>, Diagnostic> {
        if let Some(problem) = self.misordered.take() {
            return Err(fail(format!("pages came out of order: {problem}")));
        }
        let mut entries = Vec::with_capacity(outline.len());
        for entry in outline {
            let page = self.position(entry.page).ok_or_else(|| {
                fail(format!(
                    "an outline entry on page {} that was not drawn",
                    entry.page
                ))
            })?;
            entries.push(OutlineEntry {
                page,
                ..entry.clone()
            });
        }
        self.document.set_outline(outline::build(&entries));
        self.document.set_metadata(metadata(meta));
        let rotate = match (self.order, self.before_front) {
            (DrawOrder::FrontLast, Some(before)) => before,
            (DrawOrder::FrontLast, None) if self.front_pages.unwrap_or(0) > 0 => {
                return Err(fail("the front matter was never drawn".to_string()));
            }
            _ => 0,
        };
        let mut bytes = crate::timings::time("pdf: finish", || self.document.finish())
            .map_err(|e| fail(format!("krilla could not write the PDF: {e:?}")))?;
        if rotate > 0 {
            reorder::rotate_pages(&mut bytes, rotate)
                .map_err(|e| fail(format!("cannot put the front matter first: {e}")))?;
        }
        Ok(bytes)
    }
}

fn fail(what: String) -> Diagnostic {
    Diagnostic::new(codes::PDF_WRITE, what)
}

/// Draws one positioned page's glyph runs and rules.
fn draw_content(pdf_page: &mut krilla::page::Page, page: &Page, font_of: &dyn Fn(Style) -> Font) {
    let mut surface = pdf_page.surface();
    // One buffer for the page's runs (a page has about forty).
    let mut glyphs: Vec<PdfGlyph> = Vec::new();
    for run in &page.runs {
        glyphs.clear();
        glyphs.extend(
            run.glyphs
                .iter()
                .zip(text_space_advances(run))
                .zip(run.glyph_offsets())
                .map(|((g, advance), offset)| PdfGlyph {
                    glyph: g,
                    advance,
                    size: run.size,
                    offset,
                }),
        );
        surface.draw_glyphs(
            Point::from_xy(run.x, run.y),
            &glyphs,
            font_of(run.style),
            &run.text,
            run.size,
            false,
        );
    }
    for rule in &page.rules {
        let mut path = PathBuilder::new();
        if let Some(rect) = Rect::from_xywh(
            rule.x,
            rule.y - rule.thickness / 2.0,
            rule.width,
            rule.thickness,
        ) {
            path.push_rect(rect);
        }
        if let Some(path) = path.finish() {
            surface.draw_path(&path);
        }
    }
    surface.finish();
}

/// The page label of every page: its numbering style and number, so viewers show the
/// printed folio. Every page gets its own label: krilla 0.8 writes a label for each page
/// that has one (and a wrong restart for pages without), so a label per page is the form
/// that is always right.
fn page_label(page: &Page) -> PageLabel {
    let style = match page.numbering {
        Numbering::Roman => NumberingStyle::LowerRoman,
        Numbering::Arabic => NumberingStyle::Arabic,
    };
    PageLabel::new(Some(style), None, NonZeroU32::new(page.number))
}

/// Document metadata from the manuscript only: no clock, so the file is reproducible.
fn metadata(meta: &VolumeMeta) -> Metadata {
    let mut m = Metadata::new()
        .title(match &meta.subtitle {
            Some(s) => format!("{}: {s}", meta.title),
            None => meta.title.clone(),
        })
        .authors(meta.editors.clone())
        .language(meta.language.clone())
        .creator("reader-edition".to_string())
        .document_id(meta.identifier.clone());
    if let Some(d) = &meta.description {
        m = m.description(d.clone());
    }
    if let Some(date) = parse_date(&meta.date) {
        m = m.creation_date(date);
    }
    m
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` as a krilla date.
fn parse_date(s: &str) -> Option<DateTime> {
    let mut parts = s.split('-').map(|p| p.parse::<u16>().ok());
    let mut date = DateTime::new(parts.next()??);
    if let Some(Some(m)) = parts.next() {
        date = date.month(m as u8);
        if let Some(Some(d)) = parts.next() {
            date = date.day(d as u8);
        }
    }
    Some(date)
}

/// Units of PDF text space per em: the unit of the glyph displacements of a `TJ` array
/// (kerning, justified spaces).
const TEXT_SPACE_UNITS: f32 = 1000.0;

/// The advance of each glyph of `run` in ems, rounded so that every glyph's position is a
/// whole number of text-space units from the run's start: within half a unit (0.005 pt
/// at 10.5 pt) of where `typeset` put it, the rounding errors never adding up (each
/// advance is the difference of two rounded positions). krilla writes an advance that
/// differs from the font's as a displacement in those units: rounded, a kern is written
/// `8`, not `7.9999695`, and a justified space `-42`, not `-42.207733`, which makes the
/// content streams about a sixth shorter, to write and to compress.
fn text_space_advances(run: &GlyphRun) -> impl Iterator<Item = f32> + '_ {
    let units_per_point = f64::from(TEXT_SPACE_UNITS) / f64::from(run.size);
    let (mut exact, mut placed) = (0.0f64, 0.0f64);
    run.glyphs.iter().map(move |g| {
        exact += f64::from(g.advance) * units_per_point;
        let to = exact.round();
        let units = to - placed;
        placed = to;
        // As krilla computes a font's advance in ems (a division in f32), so that an
        // advance equal to the font's gives no displacement at all.
        units as f32 / TEXT_SPACE_UNITS
    })
}

/// A typeset glyph as krilla sees it. krilla asks for lengths at a font size (and at size
/// 1 for ems): the advance is in ems ([`text_space_advances`]), the offset in points at
/// the run's size.
struct PdfGlyph<'a> {
    glyph: &'a Glyph,
    advance: f32,
    size: f32,
    offset: (f32, f32),
}

impl krilla::text::Glyph for PdfGlyph<'_> {
    fn glyph_id(&self) -> GlyphId {
        GlyphId::new(u32::from(self.glyph.id))
    }
    fn text_range(&self) -> std::ops::Range<usize> {
        self.glyph.text()
    }
    fn x_advance(&self, size: f32) -> f32 {
        self.advance * size
    }
    fn x_offset(&self, size: f32) -> f32 {
        self.offset.0 / self.size * size
    }
    fn y_offset(&self, size: f32) -> f32 {
        self.offset.1 / self.size * size
    }
    fn y_advance(&self, _size: f32) -> f32 {
        0.0
    }
    fn location(&self) -> Option<krilla::surface::Location> {
        None
    }
}
