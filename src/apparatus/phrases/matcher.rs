//! Finding foreign phrases in a run of text with two aho-corasick automata: the phrases
//! compared in lower case (Unicode's, so "Área" finds "área"; the automaton's own case
//! folding is ASCII only), the titles compared as written. Whole words only, the longest
//! phrase starting leftmost wins, and the two lists' hits never overlap.
//!
//! Must not know: the model, registries, languages.

use std::cmp::Reverse;
use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};

/// A phrase found: its owner and the byte range in the text searched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub owner: usize,
    pub range: Range<usize>,
}

/// The automata over every phrase and title.
#[derive(Debug, Clone, Default)]
pub struct Matcher {
    /// Phrases in lower case, searched in the lower-cased text.
    folded: Option<Automaton>,
    /// Titles, searched in the text as it is.
    exact: Option<Automaton>,
}

#[derive(Debug, Clone)]
struct Automaton {
    ac: AhoCorasick,
    owners: Vec<usize>,
}

impl Automaton {
    /// `None` when there is nothing to search for (an empty pattern would match
    /// everywhere: those are left out).
    fn new(forms: impl Iterator<Item = (String, usize)>) -> Option<Automaton> {
        let (patterns, owners): (Vec<String>, Vec<usize>) =
            forms.filter(|(f, _)| !f.is_empty()).unzip();
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .ok()?;
        (!patterns.is_empty()).then_some(Automaton { ac, owners })
    }
}

/// `s` in lower case, as the phrases are compared.
pub fn fold(s: &str) -> String {
    s.chars().flat_map(char::to_lowercase).collect()
}

/// `s` in lower case, with the way back: `None` when every character kept its length in
/// UTF-8 (nearly every text: all of ASCII, and the accented letters of these texts), so
/// that offsets are the same in both; else, for every byte of the lower-cased text, the
/// offset in `s` of the character it comes from (one more entry for the end).
fn fold_mapped(s: &str) -> (String, Option<Vec<usize>>) {
    if s.is_ascii() {
        return (s.to_ascii_lowercase(), None);
    }
    let mut folded = String::with_capacity(s.len());
    let mut same_lengths = true;
    for c in s.chars() {
        let before = folded.len();
        folded.extend(c.to_lowercase());
        same_lengths &= folded.len() - before == c.len_utf8();
    }
    if same_lengths {
        return (folded, None);
    }
    let mut map = Vec::with_capacity(folded.len() + 1);
    for (at, c) in s.char_indices() {
        let lower: usize = c.to_lowercase().map(char::len_utf8).sum();
        map.resize(map.len() + lower, at);
    }
    map.push(s.len());
    (folded, Some(map))
}

impl Matcher {
    /// `phrases` and `titles`: (form, owner).
    pub fn new(phrases: &[(String, usize)], titles: &[(String, usize)]) -> Matcher {
        Matcher {
            folded: Automaton::new(phrases.iter().map(|(f, o)| (fold(f), *o))),
            exact: Automaton::new(titles.iter().cloned()),
        }
    }

    /// Every phrase and title standing as whole words in `text`, in order.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        let mut hits = Vec::new();
        if let Some(a) = &self.folded {
            let (folded, map) = fold_mapped(text);
            // A hit must begin and end where a character of `text` does (a lower-case
            // expansion such as that of "İ" is never cut).
            let back = |p: usize| map.as_ref().map_or(p, |map| map[p]);
            let boundary = |p: usize| {
                map.as_ref()
                    .is_none_or(|map| p == 0 || p == folded.len() || map[p] != map[p - 1])
            };
            for m in a.ac.find_iter(&folded) {
                if boundary(m.start()) && boundary(m.end()) {
                    hits.push(Hit {
                        owner: a.owners[m.pattern().as_usize()],
                        range: back(m.start())..back(m.end()),
                    });
                }
            }
        }
        if let Some(a) = &self.exact {
            hits.extend(a.ac.find_iter(text).map(|m| Hit {
                owner: a.owners[m.pattern().as_usize()],
                range: m.range(),
            }));
        }
        hits.retain(|h| whole_words(text, &h.range));
        // Longest first at one place; then the first of two overlapping hits wins.
        hits.sort_by_key(|h| (h.range.start, Reverse(h.range.end)));
        let mut end = 0;
        hits.retain(|h| {
            let keep = h.range.start >= end;
            if keep {
                end = h.range.end;
            }
            keep
        });
        hits
    }
}

/// Whether `range` of `text` neither begins nor ends inside a word.
fn whole_words(text: &str, range: &Range<usize>) -> bool {
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found<'a>(m: &Matcher, text: &'a str) -> Vec<(usize, &'a str)> {
        m.find(text)
            .into_iter()
            .map(|h| (h.owner, &text[h.range]))
            .collect()
    }

    fn forms(list: &[(&str, usize)]) -> Vec<(String, usize)> {
        list.iter().map(|(f, o)| (f.to_string(), *o)).collect()
    }

    #[test]
    fn phrases_in_any_case_longest_first_whole_words() {
        let m = Matcher::new(
            &forms(&[
                ("cordones industriales", 0),
                ("cordones", 1),
                ("área de propiedad social", 2),
            ]),
            &[],
        );
        assert_eq!(
            found(
                &m,
                "The Cordones Industriales and the cordones’ strength; the ÁREA DE PROPIEDAD SOCIAL."
            ),
            [
                (0, "Cordones Industriales"),
                (1, "cordones"),
                (2, "ÁREA DE PROPIEDAD SOCIAL")
            ]
        );
        // Never inside a word.
        assert_eq!(found(&m, "subcordones, cordonesx"), []);
    }

    #[test]
    fn titles_exactly_and_never_overlapping_a_phrase() {
        let m = Matcher::new(
            &forms(&[("rebelde", 0), ("el pueblo", 1)]),
            &forms(&[("El Rebelde", 2)]),
        );
        assert_eq!(
            found(&m, "El Rebelde and el rebelde; a rebelde; EL REBELDE"),
            [
                (2, "El Rebelde"),
                (0, "rebelde"),
                (0, "rebelde"),
                (0, "REBELDE")
            ]
        );
    }

    #[test]
    fn lower_casing_keeps_offsets_unless_a_character_changes_length() {
        assert_eq!(fold_mapped("The MIR"), ("the mir".to_string(), None));
        assert_eq!(fold_mapped("ÁREA Ñuñoa"), ("área ñuñoa".to_string(), None));
        // "İ" (2 bytes) lower-cases to "i̇" (3 bytes): each byte maps to its character.
        let (folded, map) = fold_mapped("aİb");
        assert_eq!(folded, "ai\u{307}b");
        assert_eq!(map, Some(vec![0, 1, 1, 1, 3, 4]));
    }

    #[test]
    fn offsets_map_back_through_longer_lower_case() {
        // "İ" lower-cases to two characters: the offsets still point into the text.
        let m = Matcher::new(&forms(&[("mirista", 0)]), &[]);
        let text = "İİ the MIRISTA line";
        assert_eq!(found(&m, text), [(0, "MIRISTA")]);
    }
}
