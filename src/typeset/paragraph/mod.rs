//! A paragraph as a pipeline, one stage per file: `collect` (inlines → styled pieces) →
//! `tokens` (words, spaces, calls) → `items` (shape words, hyphenate → boxes, glue,
//! penalties) → `knuth_plass` (choose the
//! breaks) → `finalize` (justified lines of glyph runs).

pub mod collect;
pub mod finalize;
pub mod first_fit;
pub mod hyphenate;
pub mod items;
pub mod knuth_plass;
mod tokens;

pub use collect::{NoteNumbers, Piece, collect, links};
pub use finalize::{Align, SetLine};
pub use hyphenate::Hyphenation;
pub use items::ParaSpec;

use crate::typeset::shape::Shaper;
use knuth_plass::Params;

/// Which line breaker sets justified paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Breaker {
    /// Greedy: each line as full as it goes.
    FirstFit,
    /// Knuth–Plass: the best set of breaks for the whole paragraph.
    TotalFit,
}

/// A set paragraph.
#[derive(Debug)]
pub struct SetParagraph {
    pub lines: Vec<SetLine>,
    pub missing: Vec<char>,
}

/// Shapes, breaks and sets one paragraph of `pieces` on lines of `width(line)` points.
pub fn set(
    pieces: &[Piece],
    spec: &ParaSpec,
    width: &dyn Fn(usize) -> f32,
    align: Align,
    breaker: Breaker,
    shaper: &mut Shaper,
) -> SetParagraph {
    let prepared = items::prepare(pieces, spec, shaper);
    let breaks = match (align, breaker) {
        (Align::Justify, Breaker::TotalFit) => {
            let unhyphenated = without_hyphenation(&prepared);
            // TeX's first pass: when the paragraph sets well without hyphenating any word
            // (every line within ratio 1, TeX's \pretolerance of 100), keep it so.
            let pretolerance = Params {
                tolerance: 1.0,
                ..Params::default()
            };
            knuth_plass::total_fit(&unhyphenated, width, &pretolerance)
                .unwrap_or_else(|| total_fit_with_fallbacks(&prepared.items, width))
        }
        _ => first_fit::first_fit(&prepared.items, width),
    };
    let lines = finalize::finalize(&prepared, &breaks, width, align);
    SetParagraph {
        lines,
        missing: prepared.missing,
    }
}

/// The items with the breaks at hyphenation points forbidden (explicit hyphens stay).
fn without_hyphenation(prepared: &items::Prepared) -> Vec<knuth_plass::Item> {
    prepared
        .items
        .iter()
        .zip(&prepared.contents)
        .map(|(item, content)| match (item, content) {
            (knuth_plass::Item::Penalty { width, flagged, .. }, items::Content::Hyphen(_)) => {
                knuth_plass::Item::Penalty {
                    width: *width,
                    cost: knuth_plass::INFINITE,
                    flagged: *flagged,
                }
            }
            _ => *item,
        })
        .collect()
}

/// Knuth–Plass in passes of growing tolerance, as TeX does; the last pass allows extra
/// stretch on every line (better a loose line than one sticking into the margin), and
/// first fit is the last resort for a paragraph nothing else can set.
fn total_fit_with_fallbacks(
    items: &[knuth_plass::Item],
    width: &dyn Fn(usize) -> f32,
) -> Vec<knuth_plass::Break> {
    let first = Params::default();
    if let Some(b) = knuth_plass::total_fit(items, width, &first) {
        return b;
    }
    // Second pass: accept loose lines (ratio 10 is TeX's \tolerance=10000 territory):
    // when a long unbreakable word forces one, the demerits still pick the least bad.
    let loose = Params {
        tolerance: 10.0,
        ..first
    };
    if let Some(b) = knuth_plass::total_fit(items, width, &loose) {
        return b;
    }
    // Emergency: a third of the measure of extra stretch, as large as TeX users set
    // \emergencystretch for narrow columns.
    let emergency = Params {
        tolerance: 10.0,
        emergency_stretch: width(0) / 3.0,
        ..first
    };
    if let Some(b) = knuth_plass::total_fit(items, width, &emergency) {
        return b;
    }
    first_fit::first_fit(items, width)
}
