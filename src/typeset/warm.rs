//! Caches made before the typesetting run, while the apparatus is still being computed:
//! the words of the texts as parsed, shaped and their hyphenation points found, on a
//! core that would otherwise wait. The run's layouts look a word up here before they
//! shape or hyphenate it themselves.
//!
//! Shaping and hyphenation are pure functions of the word (its style, variant and
//! language), so a warmed entry is what the run would have computed: the output is the
//! same with or without the caches, whatever part of the volume they cover. The one
//! setting the warm-up cannot know is which words the apparatus keeps whole (its names
//! and acronyms); its hyphenation points are found without, and the run drops them for
//! a word it keeps whole ([`Hyphenation::break_points_in`]).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use rustc_hash::FxHashMap;

use super::paragraph::hyphenate::{BreakCache, BreakPoint};
use super::shape::{SLOTS, Shaped};
use super::{Layout, TypesetOptions, parallel};
use crate::model::Volume;
use crate::typeset::FontSet;

/// Shaped strings and hyphenation points found ahead of a run.
#[derive(Default)]
pub struct Warm {
    /// By the shaper's slot of their style and variant ([`super::shape::slot`]).
    shaped: [FxHashMap<Box<str>, Arc<Shaped>>; SLOTS],
    breaks: BreakCache,
    /// The letters kept before and after a hyphenation point when the points were found.
    margins: Option<(usize, usize)>,
}

impl std::fmt::Debug for Warm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Warm")
            .field("shaped", &self.shaped_len())
            .field(
                "breaks",
                &self.breaks.values().map(|m| m.len()).sum::<usize>(),
            )
            .finish()
    }
}

impl Warm {
    /// `text` as shaped in the style and variant of the shaper's `slot` (the variant the
    /// face really has).
    pub(crate) fn shaped(&self, text: &str, slot: usize) -> Option<&Arc<Shaped>> {
        self.shaped.get(slot)?.get(text)
    }

    /// The break points of `word` by the patterns of `lang` with `margins` letters kept
    /// before and after a point, ignoring the words kept whole.
    pub(crate) fn breaks(
        &self,
        word: &str,
        lang: hypher::Lang,
        margins: (usize, usize),
    ) -> Option<&Arc<[BreakPoint]>> {
        if self.margins != Some(margins) {
            return None;
        }
        self.breaks.get(&lang)?.get(word)
    }

    /// Number of strings shaped.
    pub fn shaped_len(&self) -> usize {
        self.shaped.iter().map(|m| m.len()).sum()
    }

    /// What a layout's caches hold.
    fn from_layout(layout: Layout) -> Warm {
        let margins = layout.hyphenation.as_ref().map(|h| (h.left, h.right));
        let breaks: BreakCache = layout
            .hyphenation
            .map(|h| std::mem::take(&mut *h.cache.borrow_mut()))
            .unwrap_or_default();
        Warm {
            shaped: layout.shaper.into_cache(),
            breaks,
            margins,
        }
    }
}

/// Shapes and hyphenates the words of `volume`'s texts as the run will (every paragraph,
/// heading, opening and note, collected and tokenised exactly as when set, but not
/// itemised nor broken into lines), until `stop` is set: it is checked before each unit of a few
/// pages, so the caller waits at most for one.
pub fn warm(volume: &Volume, fonts: &FontSet, stop: &AtomicBool) -> Warm {
    // The words kept whole are the apparatus's, not known yet: none here.
    let options = TypesetOptions::default();
    let mut layout = Layout::new(volume, fonts, &options);
    layout.warming = true;
    let (units, _) = parallel::units(volume, 0..volume.texts.len());
    for unit in &units {
        if stop.load(Ordering::Relaxed) {
            break;
        }
        parallel::set_unit(&mut layout, volume, unit);
    }
    Warm::from_layout(layout)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::typeset::{TypesetOptions, typeset};
    use std::path::Path;

    /// The volume typeset with caches warmed from its texts as parsed (before the
    /// apparatus, with no word kept whole) is the volume typeset without them, page for
    /// page, also when the run keeps whole words the warm-up hyphenated.
    #[test]
    fn warmed_caches_change_nothing() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let parsed = std::cell::RefCell::new(None);
        let counts = crate::manuscript::WordCounts::Counted;
        let loaded = crate::manuscript::load_observed(&root.join("manuscript"), counts, |v| {
            *parsed.borrow_mut() = Some(v.clone())
        });
        let m = loaded.manuscript.expect("the volume loads");
        let parsed = parsed.into_inner().expect("the texts were parsed");
        let fonts = FontSet::load(&root.join("fonts")).expect("the fonts load");
        let warm = Arc::new(super::warm(&parsed, &fonts, &AtomicBool::new(false)));
        assert!(warm.shaped_len() > 5_000, "{warm:?}");
        // Words the warm-up found hyphenation points in, now kept whole.
        let keep: std::collections::BTreeSet<String> =
            ["revolutionary", "government", "Revolucionaria", "Enríquez"]
                .map(String::from)
                .into();
        let hyphenated = |w: &str| {
            warm.breaks(w, hypher::Lang::English, (2, 3))
                .is_some_and(|p| p.iter().any(|p| p.hyphen))
        };
        assert!(hyphenated("revolutionary") && hyphenated("government"));
        let cold = TypesetOptions {
            keep_whole: keep.clone(),
            ..TypesetOptions::default()
        };
        let warmed = TypesetOptions {
            warm: Some(warm.clone()),
            ..cold.clone()
        };
        let a = typeset(&m.volume, &fonts, &cold).expect("typesets");
        let b = typeset(&m.volume, &fonts, &warmed).expect("typesets");
        assert_eq!(a.pages.len(), b.pages.len());
        for (i, (a, b)) in a.pages.iter().zip(&b.pages).enumerate() {
            assert_eq!(format!("{a:?}"), format!("{b:?}"), "page {}", i + 1);
        }
    }
}
