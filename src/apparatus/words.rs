//! Whole-word matching of many forms at once (names, acronyms) with one aho-corasick
//! automaton, leftmost-longest, case-sensitive: in "Andrés Pascal Allende" the longest
//! form starting leftmost wins, so "Allende" alone is not found inside it. A form may be
//! followed by a possessive (`’s`, `'s`, `’`) and, where allowed, a plural `s`
//! ("JAPs", "NCOs", "MIR's"); a hyphen may follow or precede it ("MIR-led", "POI-CI").
//!
//! Must not know: registries, the model.

use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};

/// What may follow a form inside the same word.
#[derive(Debug, Clone, Copy, Default)]
pub struct MatchOptions {
    /// Accept a plural `s` ("JAPs"): right for acronyms, wrong for surnames.
    pub plural_s: bool,
}

/// A form found: which owner's, and the byte range of the whole word (suffix included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub owner: usize,
    pub range: Range<usize>,
}

/// An automaton over the forms of many owners.
#[derive(Debug, Clone)]
pub struct Forms {
    ac: Option<AhoCorasick>,
    owners: Vec<usize>,
    options: MatchOptions,
}

/// Suffixes tried longest first; the plural ones only with `plural_s`.
const POSSESSIVES: &[&str] = &["’s", "'s", "’", "'"];
const PLURALS: &[&str] = &["s’", "s'", "s"];

impl Forms {
    /// `forms`: (form, owner). Empty forms are ignored.
    pub fn new(forms: &[(String, usize)], options: MatchOptions) -> Forms {
        let kept: Vec<&(String, usize)> = forms.iter().filter(|(f, _)| !f.is_empty()).collect();
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(kept.iter().map(|(f, _)| f.as_str()))
            .ok()
            .filter(|_| !kept.is_empty());
        Forms {
            ac,
            owners: kept.iter().map(|(_, o)| *o).collect(),
            options,
        }
    }

    /// Every whole-word occurrence in `text`, in order.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        let Some(ac) = &self.ac else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for m in ac.find_iter(text) {
            let before = text[..m.start()].chars().next_back();
            if before.is_some_and(char::is_alphanumeric) {
                continue;
            }
            let Some(end) = self.word_end(text, m.end()) else {
                continue;
            };
            out.push(Hit {
                owner: self.owners[m.pattern().as_usize()],
                range: m.start()..end,
            });
        }
        out
    }

    /// The end of the word after a form ending at `end`, or `None` when the form stops
    /// inside a longer word.
    fn word_end(&self, text: &str, end: usize) -> Option<usize> {
        let ends_word = |at: usize| !text[at..].chars().next().is_some_and(char::is_alphanumeric);
        let plurals = if self.options.plural_s { PLURALS } else { &[] };
        for suffix in plurals.iter().chain(POSSESSIVES) {
            if text[end..].starts_with(suffix) && ends_word(end + suffix.len()) {
                return Some(end + suffix.len());
            }
        }
        ends_word(end).then_some(end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(list: &[(&str, usize)], plural_s: bool) -> Forms {
        let v: Vec<(String, usize)> = list.iter().map(|(f, o)| (f.to_string(), *o)).collect();
        Forms::new(&v, MatchOptions { plural_s })
    }

    fn found<'a>(f: &Forms, text: &'a str) -> Vec<(usize, &'a str)> {
        f.find(text)
            .into_iter()
            .map(|h| (h.owner, &text[h.range]))
            .collect()
    }

    #[test]
    fn leftmost_longest_whole_words() {
        let f = forms(
            &[
                ("Andrés Pascal Allende", 0),
                ("Allende", 1),
                ("Salvador Allende", 1),
            ],
            false,
        );
        assert_eq!(
            found(
                &f,
                "in Andrés Pascal Allende, nephew of Salvador Allende. Allende’s"
            ),
            [
                (0, "Andrés Pascal Allende"),
                (1, "Salvador Allende"),
                (1, "Allende’s")
            ]
        );
        assert_eq!(found(&f, "Allendes"), []);
    }

    #[test]
    fn acronym_plurals_possessives_and_hyphens() {
        let f = forms(&[("JAP", 0), ("MIR", 1), ("POI-CI", 2), ("POI", 3)], true);
        assert_eq!(
            found(
                &f,
                "the JAPs, the MIR's line, MIR-led, POI-CI and POI; MIRA, aJAP"
            ),
            [
                (0, "JAPs"),
                (1, "MIR's"),
                (1, "MIR"),
                (2, "POI-CI"),
                (3, "POI")
            ]
        );
    }
}
