//! Shaping with harfrust behind one small interface: a string in one style and variant
//! becomes glyph ids with advances (in ems) and the byte cluster of each glyph. Each
//! distinct (text, style, variant) is shaped once; the result is shared from a cache.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use harfrust::{
    Buffer, Direction, Feature, Language, Script, ShapeOptions, ShapePlan, ShaperFont, Tag,
};

use super::fonts::{FontSet, Style};
use super::warm::Warm;

/// OpenType features beyond the defaults (kerning and standard ligatures are on by
/// default in harfrust, as in HarfBuzz).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Variant {
    Normal,
    /// Real small capitals (`smcp`) for lower case letters.
    SmallCaps,
    /// Real superior figures (`sups`), for note calls.
    Superior,
}

impl Variant {
    const ALL: [Variant; 3] = [Variant::Normal, Variant::SmallCaps, Variant::Superior];

    fn features(self) -> Vec<Feature> {
        let tag = match self {
            Variant::Normal => return Vec::new(),
            Variant::SmallCaps => b"smcp",
            Variant::Superior => b"sups",
        };
        vec![Feature::new(Tag::new(tag), 1, ..)]
    }
}

/// Number of (style, variant) pairs: the shaper's tables are arrays of this length.
pub(crate) const SLOTS: usize = Style::ALL.len() * Variant::ALL.len();

/// Every (style, variant), in the order of their slots.
const SLOT_KEYS: [(Style, Variant); SLOTS] = {
    let mut keys = [(Style::Regular, Variant::Normal); SLOTS];
    let mut i = 0;
    while i < SLOTS {
        keys[i] = (
            Style::ALL[i / Variant::ALL.len()],
            Variant::ALL[i % Variant::ALL.len()],
        );
        i += 1;
    }
    keys
};

/// The index of `(style, variant)` in the shaper's tables (and the warm-up's).
pub(crate) fn slot(style: Style, variant: Variant) -> usize {
    style as usize * Variant::ALL.len() + variant as usize
}

/// The strings kept apart from the cache's hash maps ([`Shaper::shape`]).
const COMMON: [&str; 2] = [" ", "-"];

/// One glyph of a shaped string. Advances and offsets are in ems (multiply by the size).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ShapedGlyph {
    pub id: u16,
    pub advance: f32,
    pub x_offset: f32,
    pub y_offset: f32,
    /// Byte offset in the shaped string where this glyph's cluster starts.
    pub cluster: u32,
    /// The string may be cut before this glyph without reshaping.
    pub safe_to_break: bool,
}

/// A shaped string.
#[derive(Debug, Clone)]
pub struct Shaped {
    pub text: String,
    pub style: Style,
    pub variant: Variant,
    pub glyphs: Vec<ShapedGlyph>,
    /// Characters the face has no glyph for.
    pub missing: Vec<char>,
}

impl Shaped {
    /// Width of glyphs `range` in ems.
    pub fn width(&self, range: std::ops::Range<usize>) -> f32 {
        self.glyphs[range].iter().map(|g| g.advance).sum()
    }

    /// Byte range of the text covered by glyphs `range` (clusters are in logical order
    /// for the left-to-right scripts of this edition).
    pub fn text_range(&self, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
        let start = self
            .glyphs
            .get(range.start)
            .map_or(self.text.len(), |g| g.cluster as usize);
        let end = self
            .glyphs
            .get(range.end)
            .map_or(self.text.len(), |g| g.cluster as usize);
        start..end
    }
}

/// Shapes strings with a per-run cache. One per typesetting run (not shared across
/// threads).
pub struct Shaper<'f> {
    fonts: &'f FontSet,
    /// The plan of each style and variant, by [`slot`].
    plans: Vec<ShapePlan>,
    /// Per style and variant (by [`slot`]: an index, not a lookup, on every call), each
    /// distinct string this shaper shaped: looked up by `&str` (no allocation per call)
    /// with a fast non-random hash (the map is never iterated). Shared (`Arc`) with the
    /// lines set from it, and, for a warm-up's shaper, with the run's layouts.
    cache: [FxHashMap<Box<str>, Arc<Shaped>>; SLOTS],
    buffer: Option<Buffer>,
    /// Whether the face has real glyphs for each variant (else the variant falls back).
    real: [bool; SLOTS],
    /// Strings shaped before the run, looked up before `cache`: they are nearly every
    /// word of the texts, so a word of the run's paragraphs takes one lookup, not two.
    warm: Option<Arc<Warm>>,
    /// The two strings asked for most, by [`slot`]: a space (every glue) and a hyphen
    /// (every hyphenation point), found without hashing.
    common: [[Option<Arc<Shaped>>; SLOTS]; COMMON.len()],
    pub calls: usize,
    pub misses: usize,
}

impl<'f> Shaper<'f> {
    pub fn new(fonts: &'f FontSet, language: &str) -> Shaper<'f> {
        let lang: Option<Language> = language.parse().ok();
        let plans = SLOT_KEYS
            .iter()
            .map(|&(style, variant)| {
                ShapePlan::new(
                    &fonts.face(style).font,
                    Direction::LeftToRight,
                    Some(Script::LATIN),
                    lang.as_ref(),
                    &variant.features(),
                )
            })
            .collect();
        let mut shaper = Shaper {
            fonts,
            plans,
            cache: Default::default(),
            buffer: None,
            real: [false; SLOTS],
            warm: None,
            common: Default::default(),
            calls: 0,
            misses: 0,
        };
        for style in Style::ALL {
            shaper.real[slot(style, Variant::Normal)] = true;
            let plain = shaper.shape_uncached("x1", style, Variant::Normal);
            for variant in [Variant::SmallCaps, Variant::Superior] {
                let probe = shaper.shape_uncached("x1", style, variant);
                // A real feature substitutes the letter (smcp) or the figure (sups).
                let differs = plain
                    .glyphs
                    .iter()
                    .zip(&probe.glyphs)
                    .any(|(a, b)| a.id != b.id);
                shaper.real[slot(style, variant)] = differs;
            }
        }
        shaper
    }

    /// This shaper, looking strings up in `warm` before shaping them.
    pub fn warmed(self, warm: Option<Arc<Warm>>) -> Shaper<'f> {
        Shaper { warm, ..self }
    }

    /// The strings shaped so far, by the [`slot`] of their style and variant.
    pub(crate) fn into_cache(self) -> [FxHashMap<Box<str>, Arc<Shaped>>; SLOTS] {
        self.cache
    }

    /// The faces this shaper sets.
    pub fn fonts(&self) -> &'f FontSet {
        self.fonts
    }

    /// Whether `variant` has real glyphs in `style` (never faked by scaling).
    pub fn has_real(&self, style: Style, variant: Variant) -> bool {
        self.real[slot(style, variant)]
    }

    /// Shapes `text`, from the cache when it was shaped before: the warm-up's (shared,
    /// not copied: every layout of a run reads the same entries), then this shaper's.
    /// Shaping is a pure function of the string, style and variant, so the order of the
    /// lookups changes nothing but their number.
    pub fn shape(&mut self, text: &str, style: Style, variant: Variant) -> Arc<Shaped> {
        self.calls += 1;
        let variant = if self.has_real(style, variant) {
            variant
        } else {
            Variant::Normal
        };
        let slot = slot(style, variant);
        let common = COMMON.iter().position(|c| *c == text);
        if let Some(s) = common.and_then(|c| self.common[c][slot].as_ref()) {
            return s.clone();
        }
        let found = match self.warm.as_ref().and_then(|w| w.shaped(text, slot)) {
            Some(shaped) => Some(shaped.clone()),
            None => self.cache[slot].get(text).cloned(),
        };
        let shaped = found.unwrap_or_else(|| {
            self.misses += 1;
            let shaped = Arc::new(self.shape_uncached(text, style, variant));
            self.cache[slot].insert(text.into(), shaped.clone());
            shaped
        });
        if let Some(c) = common {
            self.common[c][slot] = Some(shaped.clone());
        }
        shaped
    }

    fn shape_uncached(&mut self, text: &str, style: Style, variant: Variant) -> Shaped {
        let face = self.fonts.face(style);
        let font = ShaperFont::new(&face.font);
        let mut buffer = self.buffer.take().unwrap_or_default();
        buffer.clear();
        buffer.push_str(text);
        buffer.set_direction(Direction::LeftToRight);
        buffer.set_script(Some(Script::LATIN));
        let plan = &self.plans[slot(style, variant)];
        buffer.set_language(plan.language().cloned());
        let features = variant.features();
        let options = ShapeOptions::new().plan(Some(plan)).features(&features);
        let upem = face.units_per_em;
        let mut glyphs = Vec::new();
        let mut missing = Vec::new();
        if harfrust::shape(&font, &mut buffer, options).is_ok() {
            for (info, pos) in buffer.glyph_infos().iter().zip(buffer.glyph_positions()) {
                if info.glyph_id == 0 {
                    missing.extend(text[info.cluster as usize..].chars().next());
                }
                glyphs.push(ShapedGlyph {
                    id: info.glyph_id as u16,
                    advance: pos.x_advance as f32 / upem,
                    x_offset: pos.x_offset as f32 / upem,
                    y_offset: pos.y_offset as f32 / upem,
                    cluster: info.cluster,
                    safe_to_break: !info.unsafe_to_break(),
                });
            }
        } else {
            missing.extend(text.chars());
        }
        self.buffer = Some(buffer);
        Shaped {
            text: text.to_string(),
            style,
            variant,
            glyphs,
            missing,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn fonts() -> FontSet {
        FontSet::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts")).unwrap()
    }

    #[test]
    fn ligatures_kerning_and_cache() {
        let fonts = fonts();
        let mut shaper = Shaper::new(&fonts, "en");
        let office = shaper.shape("office", Style::Regular, Variant::Normal);
        // "ffi" is one glyph whose cluster covers three letters.
        assert_eq!(office.glyphs.len(), 4, "{:?}", office.glyphs);
        assert_eq!(office.text_range(1..2), 1..4);
        let again = shaper.shape("office", Style::Regular, Variant::Normal);
        assert!(Arc::ptr_eq(&office, &again));
        let av = shaper.shape("AV", Style::Regular, Variant::Normal);
        let a = shaper.shape("A", Style::Regular, Variant::Normal);
        let v = shaper.shape("V", Style::Regular, Variant::Normal);
        assert!(
            av.width(0..2) < a.width(0..1) + v.width(0..1),
            "kerning applied"
        );
        assert!(shaper.has_real(Style::Regular, Variant::SmallCaps));
    }

    #[test]
    fn spaces_and_hyphens_are_shaped_once_per_style() {
        let fonts = fonts();
        let mut shaper = Shaper::new(&fonts, "en");
        let space = shaper.shape(" ", Style::Regular, Variant::Normal);
        let misses = shaper.misses;
        assert!(Arc::ptr_eq(
            &space,
            &shaper.shape(" ", Style::Regular, Variant::Normal)
        ));
        let hyphen = shaper.shape("-", Style::Regular, Variant::Normal);
        assert!(Arc::ptr_eq(
            &hyphen,
            &shaper.shape("-", Style::Regular, Variant::Normal)
        ));
        let italic = shaper.shape(" ", Style::Italic, Variant::Normal);
        assert_eq!(italic.style, Style::Italic);
        assert_eq!(
            shaper.misses,
            misses + 2,
            "one miss each for - and italic space"
        );
        // Kept apart from the hash maps, they are still what shaping them gives.
        let fresh = Shaper::new(&fonts, "en").shape("-", Style::Regular, Variant::Normal);
        assert_eq!(hyphen.glyphs, fresh.glyphs);
    }

    #[test]
    fn every_style_and_variant_has_its_own_slot() {
        for (i, &(style, variant)) in SLOT_KEYS.iter().enumerate() {
            assert_eq!(slot(style, variant), i, "{style:?} {variant:?}");
        }
    }

    #[test]
    fn missing_characters_are_reported() {
        let fonts = fonts();
        let mut shaper = Shaper::new(&fonts, "en");
        let s = shaper.shape("a\u{0E01}b", Style::Regular, Variant::Normal);
        assert_eq!(s.missing, vec!['\u{0E01}']);
    }
}
