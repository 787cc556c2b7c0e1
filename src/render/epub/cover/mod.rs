//! The generated cover: a 1600×2560 PNG with the title, subtitle, editors and publisher
//! set in the edition's fonts (drawn from their outlines by `raster`, written by
//! `png`), and the XHTML page that shows it with its alternative text.

mod png;
mod raster;

use std::sync::Arc;

use read_fonts::model::Font;
use read_fonts::model::glyph::outline::{DrawMemory, DrawOptions};
use read_fonts::types::GlyphId;

use super::front::{imprint, join_names, volume_title};
use super::xhtml::{Matter, collapse_spaces, finish_document, start_document};
use crate::diag::{Diagnostic, codes};
use crate::model::VolumeMeta;
use raster::{Coverage, PathBuilder};

/// The cover's size in pixels: the 1:1.6 portrait that e-book stores ask for, large
/// enough for high-density screens.
pub const WIDTH: usize = 1600;
pub const HEIGHT: usize = 2560;

/// A deep red ground with cream type: strong contrast (about 9:1) in colour and in
/// greyscale on e-ink.
const GROUND: [u8; 3] = [0x7A, 0x1C, 0x1C];
const INK: [u8; 3] = [0xF6, 0xEF, 0xE3];

/// Side margins of the type area.
const MARGIN: f32 = 170.0;

/// The faces the cover is set in, as font file bytes (OpenType, CFF or TrueType), shared
/// with the typesetter's font set rather than copied (1.3 MB for the edition's faces).
#[derive(Clone, PartialEq, Eq)]
pub struct CoverFonts {
    /// The title (bold).
    pub title: Arc<Vec<u8>>,
    /// The subtitle and "Edited by" (italic).
    pub subtitle: Arc<Vec<u8>>,
    /// The editors and the publisher (regular).
    pub names: Arc<Vec<u8>>,
}

impl std::fmt::Debug for CoverFonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "CoverFonts {{ title: {} bytes, subtitle: {} bytes, names: {} bytes }}",
            self.title.len(),
            self.subtitle.len(),
            self.names.len()
        )
    }
}

/// A shaped glyph: its id, advance and offsets in font units.
struct Placed {
    glyph: GlyphId,
    advance: f32,
    dx: f32,
    dy: f32,
}

/// A font ready to set lines of text.
struct Face {
    font: Font,
    units_per_em: f32,
}

impl Face {
    fn load(bytes: &Arc<Vec<u8>>, role: &str) -> Result<Face, Diagnostic> {
        let shared: Arc<dyn AsRef<[u8]> + Send + Sync> = bytes.clone();
        let font = Font::new(shared, 0).ok_or_else(|| {
            Diagnostic::new(
                codes::EPUB_COVER_FONT,
                format!("the {role} font of the cover is not a font the tool can read"),
            )
        })?;
        let units_per_em = f32::from(font.units_per_em().max(1));
        Ok(Face { font, units_per_em })
    }

    /// The glyphs of `text`, shaped (kerning and ligatures) by harfrust, with their
    /// advance and offsets in font units. Unshapeable text falls back to the
    /// character map and plain advances.
    fn shape(&self, text: &str) -> Vec<Placed> {
        let shaper = harfrust::ShaperFont::new(&self.font);
        let mut buffer = harfrust::Buffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        if harfrust::shape(&shaper, &mut buffer, harfrust::ShapeOptions::new()).is_ok() {
            let placed = buffer.glyph_infos().iter().zip(buffer.glyph_positions());
            return placed
                .map(|(info, pos)| Placed {
                    glyph: GlyphId::new(info.glyph_id),
                    advance: pos.x_advance as f32,
                    dx: pos.x_offset as f32,
                    dy: pos.y_offset as f32,
                })
                .collect();
        }
        let charmap = self.font.charmap();
        let metrics = self.font.glyph_metrics();
        text.chars()
            .map(|c| {
                let glyph = charmap.map_unicode(c as u32).unwrap_or(GlyphId::NOTDEF);
                Placed {
                    glyph,
                    advance: metrics.h_advance(glyph),
                    dx: 0.0,
                    dy: 0.0,
                }
            })
            .collect()
    }

    /// The advance of `text` at `size` pixels per em.
    fn width(&self, text: &str, size: f32) -> f32 {
        self.shape(text).iter().map(|p| p.advance).sum::<f32>() * size / self.units_per_em
    }

    /// Sets `text` with its left end at `x` on the baseline `y`.
    fn draw(&self, text: &str, size: f32, x: f32, y: f32, coverage: &mut Coverage) {
        let outlines = self.font.outline_glyphs();
        let options = DrawOptions::new().with_ppem(Some(size));
        let scale = size / self.units_per_em;
        let mut pen = x;
        for p in self.shape(text) {
            if let Some(outline) = outlines.get(p.glyph) {
                let mut path = PathBuilder::new(pen + p.dx * scale, y - p.dy * scale);
                // A glyph that fails to draw is left blank rather than failing the build.
                if outline
                    .draw(&options, DrawMemory::Scratch, &mut path)
                    .is_ok()
                {
                    coverage.fill(&path);
                }
            }
            pen += p.advance * scale;
        }
    }

    /// Lines of `text` no wider than `max_width` at `size`, broken between words.
    fn wrap(&self, text: &str, size: f32, max_width: f32) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        for word in text.split_whitespace() {
            match lines.last_mut() {
                Some(line) if self.width(&format!("{line} {word}"), size) <= max_width => {
                    line.push(' ');
                    line.push_str(word);
                }
                _ => lines.push(word.to_string()),
            }
        }
        lines
    }

    /// The largest size from `max` down to `min` (in 4% steps) at which `text` fits
    /// in `max_lines` lines of `max_width`, with those lines.
    fn fit(
        &self,
        text: &str,
        max: f32,
        min: f32,
        max_lines: usize,
        max_width: f32,
    ) -> (f32, Vec<String>) {
        let mut size = max;
        loop {
            let lines = self.wrap(text, size, max_width);
            let fits =
                lines.len() <= max_lines && lines.iter().all(|l| self.width(l, size) <= max_width);
            if fits || size * 0.96 < min {
                return (size, lines);
            }
            size *= 0.96;
        }
    }

    /// Sets `lines` centred, the first baseline at `y`; returns the last baseline.
    fn centred(
        &self,
        lines: &[String],
        size: f32,
        leading: f32,
        mut y: f32,
        coverage: &mut Coverage,
    ) -> f32 {
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                y += size * leading;
            }
            let x = (WIDTH as f32 - self.width(line, size)) / 2.0;
            self.draw(line, size, x, y, coverage);
        }
        y
    }
}

/// A rendered cover: its PNG file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoverImage {
    pub png: Vec<u8>,
}

/// Renders the cover of the volume described by `meta` in `fonts`.
pub fn render_cover(meta: &VolumeMeta, fonts: &CoverFonts) -> Result<CoverImage, Diagnostic> {
    crate::timings::time("epub cover", || cover_png(meta, fonts)).map(|png| CoverImage { png })
}

/// The cover as a PNG file.
fn cover_png(meta: &VolumeMeta, fonts: &CoverFonts) -> Result<Vec<u8>, Diagnostic> {
    let title_face = Face::load(&fonts.title, "title")?;
    let subtitle_face = Face::load(&fonts.subtitle, "subtitle")?;
    let names_face = Face::load(&fonts.names, "names")?;
    let measure = WIDTH as f32 - 2.0 * MARGIN;
    let mut coverage = Coverage::new(WIDTH, HEIGHT);

    // Title from the upper third, then a short rule and the subtitle.
    let (size, lines) = title_face.fit(&volume_title(meta), 190.0, 90.0, 4, measure);
    let mut y = title_face.centred(&lines, size, 1.12, 640.0, &mut coverage);
    y += size * 0.75;
    let rule = 260;
    coverage.fill_rect((WIDTH - rule) / 2, y as usize, rule, 6);
    if let Some(sub) = meta
        .subtitle
        .as_deref()
        .map(collapse_spaces)
        .filter(|s| !s.is_empty())
    {
        let (size, lines) = subtitle_face.fit(&sub, 96.0, 56.0, 3, measure);
        subtitle_face.centred(&lines, size, 1.2, y + 60.0 + size, &mut coverage);
    }

    // Editors and publisher at the foot.
    let editors = join_names(&meta.editors);
    if !editors.is_empty() {
        subtitle_face.centred(&["Edited by".to_string()], 58.0, 1.0, 2050.0, &mut coverage);
        let (size, lines) = names_face.fit(&editors, 70.0, 44.0, 3, measure);
        names_face.centred(&lines, size, 1.2, 2050.0 + 40.0 + size, &mut coverage);
    }
    if let Some(publisher) = imprint(meta) {
        let (size, lines) = names_face.fit(&publisher, 46.0, 32.0, 1, measure);
        names_face.centred(&lines, size, 1.0, 2440.0, &mut coverage);
    }

    // Coverage in 255ths indexes a palette of blends of ground and ink: at most half a
    // level from the exact blend in each channel, which no eye tells apart.
    let pixels = coverage.values;
    png::encode(&png::IndexedImage {
        width: WIDTH,
        height: HEIGHT,
        palette: palette(),
        pixels,
    })
    .map_err(|e| {
        Diagnostic::new(
            codes::EPUB_PACKAGING,
            format!("cannot encode the cover image: {e}"),
        )
    })
}

/// Palette entry `k`: the ground covered `k / 255` by ink.
fn palette() -> Vec<[u8; 3]> {
    (0..=raster::FULL)
        .map(|k| {
            let c = f32::from(k) / f32::from(raster::FULL);
            let mut rgb = [0; 3];
            for ((out, g), i) in rgb.iter_mut().zip(GROUND).zip(INK) {
                *out = (f32::from(g) * (1.0 - c) + f32::from(i) * c).round() as u8;
            }
            rgb
        })
        .collect()
}

/// What the cover shows, for readers who cannot see it.
pub fn alt_text(meta: &VolumeMeta) -> String {
    let mut alt = format!("Cover: {}", volume_title(meta));
    if let Some(sub) = meta
        .subtitle
        .as_deref()
        .map(collapse_spaces)
        .filter(|s| !s.is_empty())
    {
        alt = format!("{alt}: {sub}");
    }
    let editors = join_names(&meta.editors);
    if !editors.is_empty() {
        alt = format!("{alt}. Edited by {editors}");
    }
    format!("{alt}.")
}

/// The cover page of the spine: the image alone, with its alternative text.
pub fn cover_page(meta: &VolumeMeta, image_href: &str) -> String {
    let mut w = start_document("Cover", &meta.language, Matter::Front);
    w.start("section", &[("epub:type", "cover"), ("class", "cover")]);
    w.empty(
        "img",
        &[
            ("src", image_href),
            ("alt", &alt_text(meta)),
            ("role", "doc-cover"),
        ],
    );
    w.end();
    w.newline();
    finish_document(w)
}
