//! Where a word may break: after explicit hyphens, dashes and slashes, else at the
//! hyphenation points of Knuth–Liang patterns (hypher) of the word's language (the
//! paragraph's, or a foreign phrase's own). Names of the name index, acronyms, short
//! capitalised words and words with figures are never hyphenated.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::model::LangTag;
use crate::typeset::warm::Warm;

/// Capitalised words shorter than this are never hyphenated: the names of persons are
/// (Enríquez, Hernández, Pinochet); long capitalised words are mostly names of bodies or
/// foreign words (Revolucionaria, Confederation), whose hyphenation spares a loose line.
const CAPITALIZED_MIN_LETTERS: usize = 10;

/// Hyphenation settings of a paragraph.
#[derive(Debug, Clone)]
pub struct Hyphenation {
    /// The patterns of the paragraph's language.
    pub lang: hypher::Lang,
    /// Letters kept before a hyphenation point: at least 2 ("re-", "un-").
    pub left: usize,
    /// Letters carried after it: at least 3, so no line starts with a two-letter stub
    /// like "-ed" or "-ly" (nor, in a Spanish phrase, like "-do": the same house rule,
    /// stricter than the two letters Spanish custom allows).
    pub right: usize,
    /// Words never hyphenated whatever their length: the proper names of the name index
    /// and the acronyms of the glossary (as the apparatus supplies them).
    pub keep_whole: Rc<BTreeSet<String>>,
    /// The break points of each distinct word the warm-up did not find, found once per
    /// run (in the volume 34,600 words ask for break points and 6,600 are distinct; the
    /// patterns are the costly part).
    pub cache: Rc<RefCell<BreakCache>>,
    /// Break points found before the run, with no word kept whole; looked up before
    /// `cache`, which holds the words they miss.
    pub warm: Option<Arc<Warm>>,
}

/// The break points found so far, by language of the patterns and word.
pub type BreakCache = FxHashMap<hypher::Lang, FxHashMap<Box<str>, Arc<[BreakPoint]>>>;

impl Hyphenation {
    /// The settings for a BCP 47 language tag, when there are patterns for it.
    pub fn for_language(tag: &str) -> Option<Hyphenation> {
        let lang = patterns_for(tag)?;
        Some(Hyphenation {
            lang,
            left: 2,
            right: 3,
            keep_whole: Rc::default(),
            cache: Rc::default(),
            warm: None,
        })
    }

    /// The break points of `word` in the paragraph's language, from the cache when it
    /// was seen before.
    pub fn break_points(&self, word: &str) -> Arc<[BreakPoint]> {
        self.break_points_in(word, None)
    }

    /// The break points of `word` of a foreign phrase in `lang` (`None`: the
    /// paragraph's language): its own patterns, and none when hypher has no patterns
    /// for it (better no hyphen than one placed by the rules of another language).
    pub fn break_points_in(&self, word: &str, lang: Option<&LangTag>) -> Arc<[BreakPoint]> {
        let patterns = match lang {
            None => Some(self.lang),
            Some(tag) => patterns_for(tag.language()),
        };
        let Some(patterns) = patterns else {
            return break_points(word, None).into();
        };
        // The warm-up's points first: found before the run for nearly every word of the
        // texts, they need only the words this run keeps whole taken out, which is
        // cheaper than keeping a copy of each in the run's own cache.
        let warmed = self
            .warm
            .as_ref()
            .and_then(|w| w.breaks(word, patterns, (self.left, self.right)));
        if let Some(found) = warmed {
            return if self.kept_whole(word, found) {
                Arc::from([])
            } else {
                found.clone()
            };
        }
        if let Some(points) = self.cache.borrow().get(&patterns).and_then(|c| c.get(word)) {
            return points.clone();
        }
        let points: Arc<[BreakPoint]> = points_in(word, Some((self, patterns))).into();
        let mut cache = self.cache.borrow_mut();
        cache
            .entry(patterns)
            .or_default()
            .insert(word.into(), points.clone());
        points
    }

    /// Whether `word`, whose break points `found` were found with no word kept whole, is
    /// one this paragraph keeps whole: it then has none. Only hyphenation points are
    /// dropped, and a word has them only when it has no explicit hyphen, which would
    /// have been its only break points whatever words are kept whole.
    fn kept_whole(&self, word: &str, found: &[BreakPoint]) -> bool {
        found.iter().any(|p| p.hyphen)
            && word_core(word).is_some_and(|core| self.keep_whole.contains(&word[core]))
    }
}

/// The core of a word: from its first letter to its last, without leading and trailing
/// punctuation (quotes, commas); `None` for a word without letters.
fn word_core(word: &str) -> Option<std::ops::Range<usize>> {
    let start = word.find(char::is_alphabetic)?;
    let end = word.rfind(char::is_alphabetic).map_or(word.len(), |i| {
        i + word[i..].chars().next().map_or(1, char::len_utf8)
    });
    Some(start..end)
}

/// The hypher patterns of a language tag's language code of two letters (hypher has
/// none for codes of three).
fn patterns_for(tag: &str) -> Option<hypher::Lang> {
    let bytes = tag.as_bytes();
    if bytes.get(2).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let code = [
        bytes.first()?.to_ascii_lowercase(),
        bytes.get(1)?.to_ascii_lowercase(),
    ];
    hypher::Lang::from_iso(code)
}

/// A possible break inside a word, as a byte offset into the word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BreakPoint {
    pub at: usize,
    /// The break adds a hyphen (a hyphenation point), rather than following a character
    /// already there (a hyphen, dash or slash).
    pub hyphen: bool,
    /// The point is in a capitalised word: a break there costs more.
    pub capitalized: bool,
}

/// The break points of `word` (a run of text between spaces, punctuation included) in
/// the language of `hyphenation`.
pub fn break_points(word: &str, hyphenation: Option<&Hyphenation>) -> Vec<BreakPoint> {
    points_in(word, hyphenation.map(|h| (h, h.lang)))
}

/// [`break_points`] with the patterns of `lang` and the other settings of `h`.
fn points_in(word: &str, hyphenation: Option<(&Hyphenation, hypher::Lang)>) -> Vec<BreakPoint> {
    let mut points = Vec::new();
    let mut seen_alnum = false;
    for (i, c) in word.char_indices() {
        let after = i + c.len_utf8();
        let rest_has_alnum = word[after..].chars().any(char::is_alphanumeric);
        // An en dash between figures is a range ("45–47", "1970–1973"): never split.
        let range = c == '–'
            && word[..i].ends_with(|p: char| p.is_ascii_digit())
            && word[after..].starts_with(|n: char| n.is_ascii_digit());
        if matches!(c, '-' | '\u{2010}' | '–' | '—' | '/') && seen_alnum && rest_has_alnum && !range
        {
            points.push(BreakPoint {
                at: after,
                hyphen: false,
                capitalized: false,
            });
        }
        seen_alnum |= c.is_alphanumeric();
    }
    if !points.is_empty() {
        // Words with explicit hyphens or dashes break only there.
        return points;
    }
    let Some((h, lang)) = hyphenation else {
        return points;
    };
    let Some(core) = word_core(word) else {
        return points;
    };
    let start = core.start;
    let core = &word[core];
    let letters = core.chars().count();
    let mut chars = core.chars();
    let capitalized = chars.next().is_some_and(char::is_uppercase);
    let rest_lower = chars.all(char::is_lowercase);
    let hyphenatable = core.chars().all(char::is_alphabetic)
        && rest_lower
        && letters >= h.left + h.right
        && (!capitalized || letters >= CAPITALIZED_MIN_LETTERS)
        && !h.keep_whole.contains(core);
    if !hyphenatable {
        return points;
    }
    let mut at = start;
    let syllables: Vec<&str> = hypher::hyphenate_bounded(core, lang, h.left, h.right).collect();
    for syllable in &syllables[..syllables.len().saturating_sub(1)] {
        at += syllable.len();
        points.push(BreakPoint {
            at,
            hyphen: true,
            capitalized,
        });
    }
    points
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en() -> Hyphenation {
        Hyphenation::for_language("en-GB").unwrap()
    }

    fn split(word: &str) -> String {
        let mut out = String::new();
        let mut last = 0;
        for p in break_points(word, Some(&en())) {
            out.push_str(&word[last..p.at]);
            out.push(if p.hyphen { '|' } else { '^' });
            last = p.at;
        }
        out + &word[last..]
    }

    #[test]
    fn hyphenates_common_words_with_margins() {
        assert_eq!(split("revolutionary"), "rev|o|lu|tion|ary");
        assert_eq!(split("“organization,”"), "“or|ga|ni|za|tion,”");
        // Never two letters carried over: "walked" has no point before "-ed".
        assert!(!split("walked").ends_with("|ed"));
    }

    #[test]
    fn explicit_hyphens_and_dashes_only() {
        assert_eq!(split("counter-revolution"), "counter-^revolution");
        assert_eq!(split("years—and"), "years—^and");
        assert_eq!(split("-"), "-");
        // Ranges of figures stay whole; a dash between words or figure and word breaks.
        assert_eq!(split("45–47,"), "45–47,");
        assert_eq!(split("1970–1973"), "1970–1973");
        assert_eq!(split("1973–ending"), "1973–^ending");
    }

    #[test]
    fn names_acronyms_and_figures_are_kept_whole() {
        assert_eq!(split("Enríquez"), "Enríquez");
        assert_eq!(split("MAPU"), "MAPU");
        assert_eq!(split("1970s"), "1970s");
        assert_eq!(split("MacPherson"), "MacPherson");
        // Long capitalised words break, unless the name index keeps them whole.
        assert!(split("Confederation").contains('|'));
        let mut h = en();
        h.keep_whole = Rc::new(["Confederation".to_string()].into());
        assert!(break_points("Confederation", Some(&h)).is_empty());
    }

    #[test]
    fn a_foreign_word_takes_the_patterns_of_its_language() {
        let h = en();
        let es = LangTag::parse("es").unwrap();
        let cut = |points: &[BreakPoint], word: &str| {
            let mut out = String::new();
            let mut last = 0;
            for p in points {
                out.push_str(&word[last..p.at]);
                out.push('|');
                last = p.at;
            }
            out + &word[last..]
        };
        // Spanish syllables, not the English patterns' guesses.
        let word = "industriales";
        assert_eq!(
            cut(&h.break_points_in(word, Some(&es)), word),
            "in|dus|tria|les"
        );
        assert_ne!(
            cut(&h.break_points(word), word),
            cut(&h.break_points_in(word, Some(&es)), word)
        );
        // A language without patterns: no hyphenation point at all.
        let mapudungun = LangTag::parse("arn").unwrap();
        assert!(
            h.break_points_in("pobladores", Some(&mapudungun))
                .is_empty()
        );
        // Both cached, apart.
        assert_eq!(h.cache.borrow().len(), 2);
    }
}
