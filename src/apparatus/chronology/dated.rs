//! Dated passages of the texts: every year from 1900 to 2029 and every day with its month
//! ("4 September", "September 4th", "11 September 1973" as one), found in each leaf
//! block; and which of them no event references and no `[[ignore]]` covers, so that
//! `edition check` can list what the chronology still lacks after a revision.
//!
//! Must not know: how the list is printed.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use crate::apparatus::occur::Occurrence;
use crate::apparatus::surgery::leaf_texts;
use crate::config::MONTHS;
use crate::model::{BlockId, TextId, Volume};

/// The earliest and latest years taken for dates: the volume's century of events, and a
/// little past its newest text (2023); other four-digit numbers are counts or pages.
const FIRST_YEAR: u32 = 1900;
const LAST_YEAR: u32 = 2029;

/// A date expression as written in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedPassage {
    pub text: TextId,
    pub block: BlockId,
    /// Byte range of the expression in the block's plain text.
    pub range: Range<usize>,
    /// The expression with its whitespace collapsed ("11 September 1973").
    pub expression: String,
}

/// An `[[ignore]]` of date expressions as written, maybe limited to some texts.
#[derive(Debug, Clone)]
pub struct MatchIgnore {
    /// Each as a sequence of tokens ("4 September" → ["4", "September"]).
    pub matches: Vec<Vec<String>>,
    /// Slugs; empty for every text.
    pub texts: Vec<String>,
}

fn pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        // A day and month (either order, an ordinal suffix allowed) with maybe a year,
        // or a year alone; years of four digits not inside a longer number or word. The
        // word boundaries are ASCII ones, which regex's DFAs can search (Unicode ones send
        // every block with an accent to the slow backtracker, a tenth of a build);
        // `unicode_boundaries` then refuses a match that touches a non-ASCII letter.
        let year = r"(?:19\d\d|20[0-2]\d)";
        let months = MONTHS.join("|");
        let source = format!(
            r"(?-u:\b)(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{months})|(?:{months})\s+\d{{1,2}}(?:st|nd|rd|th)?)(?-u:\b)(?:,?\s+{year}(?-u:\b))?|(?-u:\b){year}(?-u:\b)"
        );
        Regex::new(&source).expect("the date pattern is valid")
    })
}

/// The date expressions of one plain text: (byte range, expression).
pub fn find_dates(plain: &str) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    for m in pattern().find_iter(plain) {
        if !unicode_boundaries(plain, m.range()) {
            continue;
        }
        let day = day_of(m.as_str());
        if day.is_some_and(|d| !(1..=31).contains(&d)) {
            continue;
        }
        // A year inside a number such as 1,973 or 2.019 is no year.
        let before = plain[..m.start()].chars().next_back();
        if day.is_none() && matches!(before, Some(',' | '.')) && digit_before(plain, m.start()) {
            continue;
        }
        if day.is_none() {
            let year: u32 = m.as_str().parse().unwrap_or(0);
            if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
                continue;
            }
        }
        out.push((m.range(), collapse(m.as_str())));
    }
    out
}

/// Whether the match stands between word boundaries in the Unicode sense: no letter or
/// digit (an accented one included) right before or right after it.
fn unicode_boundaries(plain: &str, range: Range<usize>) -> bool {
    let word = |c: char| c.is_alphanumeric() || c == '_';
    !plain[..range.start].chars().next_back().is_some_and(word)
        && !plain[range.end..].chars().next().is_some_and(word)
}

/// The day of a day-and-month expression ("4 September", "September 4th, 1973"): the
/// digits that precede a letter; `None` for a year alone.
fn day_of(expression: &str) -> Option<u32> {
    if expression.starts_with(|c: char| c.is_ascii_digit()) {
        let digits: String = expression
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        // A year alone is all digits; a day is followed by its month.
        if digits.len() == expression.len() {
            return None;
        }
        return digits.parse().ok();
    }
    // "September 4th, 1973": the first run of digits is the day.
    let rest = expression.trim_start_matches(|c: char| !c.is_ascii_digit());
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

fn digit_before(plain: &str, at: usize) -> bool {
    let mut it = plain[..at].chars().rev();
    it.next();
    it.next().is_some_and(|c| c.is_ascii_digit())
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The tokens of an expression for ignore matching: words without commas.
pub fn tokens(s: &str) -> Vec<String> {
    s.split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// Every dated passage of the volume, in reading order.
pub fn dated_passages(volume: &Volume) -> Vec<DatedPassage> {
    let mut out = Vec::new();
    for text in &volume.texts {
        for (block, plain) in leaf_texts(&text.blocks) {
            for (range, expression) in find_dates(&plain) {
                out.push(DatedPassage {
                    text: text.id.clone(),
                    block,
                    range,
                    expression,
                });
            }
        }
    }
    out
}

/// The sentence of `plain` around the byte range `r`: from after the end of the previous
/// sentence to the end of this one. A sentence ends at `.`, `!` or `?` (and closing
/// quotes or brackets) followed by a space and a capital or an opening quote; so
/// "c. 1968" and "p. 12" do not end one.
pub fn sentence(plain: &str, r: &Range<usize>) -> Range<usize> {
    // Whether a stop ends a sentence depends only on what follows it, and the end after
    // a later stop is later: so the sentence's start is the end of the last stop before
    // `r` that ends one there, and its end the first such end at or after `r`'s — both
    // found near `r`, never by a walk of the whole block.
    let stops_before = plain[..r.start].char_indices().rev();
    let previous = stops_before
        .filter(|&(_, c)| is_stop(c))
        .filter_map(|(i, _)| sentence_end(plain, i))
        .find(|&e| e <= r.start);
    let start = previous.unwrap_or(0);
    if previous == Some(r.end) {
        // An empty range just after a sentence: that sentence's end is also the first
        // end at or after it.
        return start..start;
    }
    let end = plain[start..]
        .char_indices()
        .filter(|&(_, c)| is_stop(c))
        .filter_map(|(i, _)| sentence_end(plain, start + i))
        .find(|&e| e >= r.end)
        .unwrap_or(plain.len());
    start..end
}

/// The characters that may end a sentence.
fn is_stop(c: char) -> bool {
    matches!(c, '.' | '!' | '?')
}

/// When the character at byte `at` of `plain` is a `.`, `!` or `?` that ends a sentence,
/// the byte offset just after the sentence (after closing quotes or brackets, before the
/// following whitespace).
fn sentence_end(plain: &str, at: usize) -> Option<usize> {
    let mut rest = plain[at..].char_indices();
    if !rest.next().is_some_and(|(_, c)| is_stop(c)) {
        return None;
    }
    let mut following = rest
        .skip_while(|(_, c)| matches!(c, '”' | '’' | '"' | '\'' | ')' | ']'))
        .peekable();
    let end = following.peek().map_or(plain.len(), |&(i, _)| at + i);
    let spaced = following.peek().is_some_and(|(_, c)| c.is_whitespace());
    let next_starts = following
        .find(|(_, c)| !c.is_whitespace())
        .is_some_and(|(_, c)| c.is_uppercase() || matches!(c, '“' | '‘' | '"' | '('));
    (spaced && next_starts).then_some(end)
}

/// Whether `cover` (an event reference or an ignored passage) covers the dated passage
/// `p` of the block whose plain text is `plain`: it overlaps the expression or lies in
/// (overlaps) the same sentence.
pub fn covers(cover: &Occurrence, p: &DatedPassage, plain: &str) -> bool {
    if cover.text != p.text || cover.block != p.block {
        return false;
    }
    let s = sentence(plain, &p.range);
    cover.range.start < s.end.max(p.range.end) && s.start.min(p.range.start) < cover.range.end
}

/// Whether the `[[ignore]]` of expressions `ig` covers `p`: one of its matches is the
/// expression or a run of whole words of it ("1915" covers "4 September 1915").
pub fn ignored_by(ig: &MatchIgnore, p: &DatedPassage) -> bool {
    if !ig.texts.is_empty() && !ig.texts.iter().any(|t| t == p.text.as_str()) {
        return false;
    }
    let words = tokens(&p.expression);
    ig.matches
        .iter()
        .any(|m| !m.is_empty() && words.windows(m.len()).any(|w| w == m.as_slice()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exprs(s: &str) -> Vec<String> {
        find_dates(s).into_iter().map(|(_, e)| e).collect()
    }

    #[test]
    fn finds_years_and_days_with_months() {
        assert_eq!(
            exprs("On 11 September 1973, the coup. By September 4th the vote; in 1970 and 2023."),
            ["11 September 1973", "September 4th", "1970", "2023"]
        );
        assert_eq!(
            exprs("The election of September 4, 1970 was won."),
            ["September 4, 1970"]
        );
        assert_eq!(
            exprs("In the 1970s, 10,000 members; 1899 and 2030; 1,973 votes."),
            [] as [&str; 0]
        );
        assert_eq!(exprs("May 40 is no day, but 3 May is."), ["3 May"]);
        assert_eq!(exprs("1973–74"), ["1973"]);
    }

    #[test]
    fn boundaries_are_unicode_ones() {
        // Accented letters are letters: no date inside "é1973" or "1973ñ".
        assert_eq!(exprs("é1973 1973ñ 4 Septemberé"), [] as [&str; 0]);
        assert_eq!(
            exprs("En Concepción 1968, «11 September 1973» y (1970)."),
            ["1968", "11 September 1973", "1970"]
        );
        assert_eq!(exprs("ça 4th May, 1970"), ["4th May, 1970"]);
    }

    /// The sentence ends of the whole of `plain`, each stop checked in turn: what
    /// [`sentence`] finds near its range must be what this finds in the whole block.
    fn all_sentence_ends(plain: &str) -> Vec<usize> {
        let chars: Vec<(usize, char)> = plain.char_indices().collect();
        let mut ends = Vec::new();
        for (k, &(_, c)) in chars.iter().enumerate() {
            if !matches!(c, '.' | '!' | '?') {
                continue;
            }
            let closing = |c: char| matches!(c, '”' | '’' | '"' | '\'' | ')' | ']');
            let j = (k + 1..chars.len())
                .find(|&j| !closing(chars[j].1))
                .unwrap_or(chars.len());
            let n = (j..chars.len())
                .find(|&n| !chars[n].1.is_whitespace())
                .unwrap_or(chars.len());
            let spaced = n > j;
            let next = chars.get(n).map(|&(_, c)| c);
            if spaced && next.is_some_and(|c| c.is_uppercase() || "“‘\"(".contains(c)) {
                ends.push(chars.get(j).map_or(plain.len(), |&(i, _)| i));
            }
        }
        ends
    }

    #[test]
    fn sentences_found_near_a_range_are_those_of_the_whole_block() {
        let pieces = [
            "a", "B", "é", "É", " ", "  ", ".", "!", "?", "”", "’", ")", "]", "“", "(", "1", "\"",
            "'",
        ];
        let mut seed = 5u32;
        for len in 0..400 {
            let plain: String = (0..len % 24)
                .map(|_| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    pieces[(seed >> 16) as usize % pieces.len()]
                })
                .collect();
            let ends = all_sentence_ends(&plain);
            let bounds: Vec<usize> = plain
                .char_indices()
                .map(|(i, _)| i)
                .chain([plain.len()])
                .collect();
            for (a, &from) in bounds.iter().enumerate() {
                for &to in &bounds[a..] {
                    let start = ends.iter().copied().filter(|e| *e <= from).max();
                    let end = ends.iter().copied().find(|e| *e >= to);
                    let expected = start.unwrap_or(0)..end.unwrap_or(plain.len());
                    assert_eq!(
                        sentence(&plain, &(from..to)),
                        expected,
                        "{plain:?} {from}..{to}"
                    );
                }
            }
        }
    }

    #[test]
    fn sentences_end_at_a_stop_before_a_capital() {
        let t = "It began c. 1968 in Concepción. Then “In 1970” it won. p. 12 says so";
        let at = t.find("1968").unwrap();
        assert_eq!(
            &t[sentence(t, &(at..at + 4))],
            "It began c. 1968 in Concepción."
        );
        let at = t.find("1970").unwrap();
        assert_eq!(
            &t[sentence(t, &(at..at + 4))],
            " Then “In 1970” it won. p. 12 says so"
        );
    }

    #[test]
    fn ignores_match_whole_words() {
        let p = |e: &str| DatedPassage {
            text: TextId("a".into()),
            block: BlockId(1),
            range: 0..1,
            expression: e.into(),
        };
        let ig = MatchIgnore {
            matches: vec![tokens("1915"), tokens("4 September")],
            texts: vec![],
        };
        assert!(ignored_by(&ig, &p("4 September 1915")));
        assert!(ignored_by(&ig, &p("September 4, 1915")));
        assert!(ignored_by(&ig, &p("4 September 1970")));
        assert!(!ignored_by(&ig, &p("14 September 1970")));
        let limited = MatchIgnore {
            texts: vec!["b".into()],
            ..ig
        };
        assert!(!ignored_by(&limited, &p("1915")));
    }
}
