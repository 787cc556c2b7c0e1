//! The anchor resolver: finds a quotation (with optional `before`/`after` context) in the
//! cleaned text of one text, exactly once, whitespace- and typography-insensitively; or
//! explains why it cannot, with the closest passages. Pure: plain strings in, ranges or a
//! [`Failure`] out; it never attaches to an approximate match.
//!
//! Must not know: TOML files, diagnostics, the model beyond block ids.

use std::ops::Range;

use super::fold::{Folded, fold_query, is_word_char};
use crate::model::BlockId;

/// Similarity (normalised Levenshtein, 0–1) below which a passage is not shown as a
/// "closest passage": under one half, more than half the characters differ and the
/// passage would mislead rather than help.
pub const MIN_SIMILARITY: f64 = 0.5;
/// How many closest passages a failure shows (the issue asks for one to three).
pub const MAX_CANDIDATES: usize = 3;
/// Characters of context shown on each side of a passage in a message: enough to
/// recognise the sentence, short enough for one terminal line.
const EXCERPT_CONTEXT: usize = 30;

/// One leaf block (heading or paragraph) of a text: its id and its plain text.
#[derive(Debug, Clone, Copy)]
pub struct Passage<'a> {
    pub block: BlockId,
    pub text: &'a str,
}

/// What an anchor asks for.
#[derive(Debug, Clone, Copy)]
pub struct Query<'a> {
    pub quote: &'a str,
    /// Words standing right before the quotation (whitespace between is free).
    pub before: Option<&'a str>,
    /// Words standing right after the quotation.
    pub after: Option<&'a str>,
}

/// A resolved anchor: byte range into the block's plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub block: BlockId,
    pub range: Range<usize>,
}

/// A passage shown to the editor: where it is and how it reads.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub block: BlockId,
    pub range: Range<usize>,
    /// The passage with a little context, `…` where cut.
    pub excerpt: String,
    /// Similarity to the quotation (1.0 for exact matches).
    pub similarity: f64,
}

/// Which key of the anchor the editor should change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Quote,
    Before,
    After,
}

impl Key {
    pub fn name(self) -> &'static str {
        match self {
            Key::Quote => "quote",
            Key::Before => "before",
            Key::After => "after",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// The quotation is empty once whitespace is removed.
    Empty,
    /// No passage has these words; the closest ones (maybe none).
    NoMatch { closest: Vec<Place> },
    /// The quotation stands in several places and the context does not choose one.
    Several { places: Vec<Place> },
    /// The quotation exists, but `key`'s words are not next to any of its occurrences.
    Context { key: Key, places: Vec<Place> },
}

/// The folded leaf blocks of one text, ready for many queries.
#[derive(Debug, Clone)]
pub struct TextIndex {
    blocks: Vec<(BlockId, Folded)>,
    /// The folded blocks joined by NUL (which no folded quotation contains), searched in
    /// one pass per query instead of one search per block.
    joined: String,
    /// Where each block starts in `joined`.
    starts: Vec<usize>,
    /// Every word start of `joined`, sorted by the (at most [`SORT_PREFIX`] bytes of)
    /// text that follows it: a quotation that begins with a word can only stand at a word
    /// start, and those are found by binary search instead of a scan of the whole text
    /// per quotation (a twentieth of a build's instructions before).
    word_starts: Vec<u32>,
    /// The original plain texts, for excerpts as the editor will read them.
    originals: Vec<String>,
}

impl TextIndex {
    pub fn new(passages: &[Passage]) -> TextIndex {
        let blocks: Vec<(BlockId, Folded)> = passages
            .iter()
            .map(|p| (p.block, Folded::new(p.text)))
            .collect();
        let mut joined = String::new();
        let mut starts = Vec::with_capacity(blocks.len());
        for (_, f) in &blocks {
            starts.push(joined.len());
            joined.push_str(&f.text);
            joined.push('\0');
        }
        let word_starts = sorted_word_starts(&joined);
        TextIndex {
            blocks,
            joined,
            starts,
            word_starts,
            originals: passages.iter().map(|p| p.text.to_string()).collect(),
        }
    }

    /// Resolves `q` to exactly one place, or says why not.
    pub fn resolve(&self, q: &Query) -> Result<Resolved, Failure> {
        let quote = fold_query(q.quote);
        if quote.is_empty() {
            return Err(Failure::Empty);
        }
        let hits = self.find_all(&quote);
        if hits.is_empty() {
            return Err(Failure::NoMatch {
                closest: self.closest(&quote),
            });
        }
        let mut kept = hits.clone();
        for (key, context) in [(Key::Before, q.before), (Key::After, q.after)] {
            let Some(context) = context.map(fold_query).filter(|c| !c.is_empty()) else {
                continue;
            };
            let fitting: Vec<_> = kept
                .iter()
                .filter(|(b, r)| self.context_fits(*b, r, key, &context))
                .cloned()
                .collect();
            if fitting.is_empty() {
                let places = kept
                    .iter()
                    .map(|(b, r)| self.context_place(*b, r, key, context.chars().count()))
                    .collect();
                return Err(Failure::Context { key, places });
            }
            kept = fitting;
        }
        match kept.as_slice() {
            [(b, r)] => Ok(Resolved {
                block: self.blocks[*b].0,
                range: self.blocks[*b].1.original(r.clone()),
            }),
            _ => Err(Failure::Several {
                places: kept.iter().map(|(b, r)| self.place(*b, r, 1.0)).collect(),
            }),
        }
    }

    /// Every whole-word occurrence of the folded quotation: (block index, folded range).
    fn find_all(&self, quote: &str) -> Vec<(usize, Range<usize>)> {
        let mut out = Vec::new();
        for start in self.occurrences(quote) {
            let bi = self.starts.partition_point(|&s| s <= start) - 1;
            let block = &self.blocks[bi].1.text;
            let (local, end) = (
                start - self.starts[bi],
                start - self.starts[bi] + quote.len(),
            );
            if end <= block.len() && word_bounded(block, local..end) {
                out.push((bi, local..end));
            }
        }
        out
    }

    /// Every byte offset of `joined` where `quote` begins, in text order (overlapping
    /// ones included).
    fn occurrences(&self, quote: &str) -> Vec<usize> {
        let t = &self.joined;
        if !quote.chars().next().is_some_and(is_word_char) {
            // A quotation that opens with punctuation may stand anywhere: scan.
            let mut out = Vec::new();
            let mut from = 0;
            while let Some(p) = t[from..].find(quote) {
                let start = from + p;
                out.push(start);
                from = start + t[start..].chars().next().map_or(1, char::len_utf8);
            }
            return out;
        }
        let q = quote.as_bytes();
        let head = &q[..q.len().min(SORT_PREFIX)];
        let key = |p: &u32| sort_key(t, *p as usize);
        let from = self.word_starts.partition_point(|p| key(p) < head);
        let to = from + self.word_starts[from..].partition_point(|p| key(p).starts_with(head));
        let mut out: Vec<usize> = self.word_starts[from..to]
            .iter()
            .map(|&p| p as usize)
            .filter(|&p| t.as_bytes()[p..].starts_with(q))
            .collect();
        out.sort_unstable();
        out
    }

    fn context_fits(&self, b: usize, r: &Range<usize>, key: Key, context: &str) -> bool {
        let t = &self.blocks[b].1.text;
        match key {
            Key::Before => t[..r.start].trim_end().ends_with(context),
            Key::After => t[r.end..].trim_start().starts_with(context),
            Key::Quote => true,
        }
    }

    /// What actually stands on the `key` side of a match: as many characters as the
    /// editor's context has, and a few more.
    fn context_place(&self, b: usize, r: &Range<usize>, key: Key, chars: usize) -> Place {
        let t = &self.blocks[b].1.text;
        let want = chars + EXCERPT_CONTEXT / 3;
        let range = match key {
            Key::Before => {
                let start = t[..r.start]
                    .char_indices()
                    .rev()
                    .nth(want.saturating_sub(1))
                    .map_or(0, |(i, _)| i);
                start..r.start
            }
            _ => {
                let end = t[r.end..]
                    .char_indices()
                    .nth(want)
                    .map_or(t.len(), |(i, _)| r.end + i);
                r.end..end
            }
        };
        let orig = self.blocks[b].1.original(range);
        Place {
            block: self.blocks[b].0,
            excerpt: self.originals[b][orig.clone()].trim().to_string(),
            range: orig,
            similarity: 1.0,
        }
    }

    fn place(&self, b: usize, r: &Range<usize>, similarity: f64) -> Place {
        let (id, f) = &self.blocks[b];
        Place {
            block: *id,
            range: f.original(r.clone()),
            excerpt: excerpt(f, &self.originals[b], r.clone()),
            similarity,
        }
    }

    /// The passages most like the quotation: windows of the quotation's length starting
    /// at each word, scored by normalised Levenshtein, best first, never overlapping.
    fn closest(&self, quote: &str) -> Vec<Place> {
        let qchars: Vec<char> = quote.chars().collect();
        let mut scored: Vec<(f64, usize, Range<usize>)> = Vec::new();
        for (bi, (_, f)) in self.blocks.iter().enumerate() {
            let t = &f.text;
            let chars: Vec<(usize, char)> = t.char_indices().collect();
            for (k, &(start, c)) in chars.iter().enumerate() {
                let word_start = is_word_char(c) && (k == 0 || !is_word_char(chars[k - 1].1));
                if !word_start {
                    continue;
                }
                // Window of the quotation's length, extended to the end of its last word.
                let mut e = (k + qchars.len()).min(chars.len());
                while e < chars.len() && is_word_char(chars[e].1) && is_word_char(chars[e - 1].1) {
                    e += 1;
                }
                let end = chars.get(e).map_or(t.len(), |(i, _)| *i);
                let window: Vec<char> = chars[k..e].iter().map(|(_, c)| *c).collect();
                let score = similarity(&qchars, &window);
                if score >= MIN_SIMILARITY {
                    scored.push((score, bi, start..end));
                }
            }
        }
        // Best first; ties in reading order, so the output is deterministic.
        scored.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then(a.1.cmp(&b.1))
                .then(a.2.start.cmp(&b.2.start))
        });
        let mut chosen: Vec<(f64, usize, Range<usize>)> = Vec::new();
        for c in scored {
            let overlaps = chosen
                .iter()
                .any(|o| o.1 == c.1 && o.2.start < c.2.end && c.2.start < o.2.end);
            if !overlaps {
                chosen.push(c);
            }
            if chosen.len() == MAX_CANDIDATES {
                break;
            }
        }
        chosen
            .into_iter()
            .map(|(s, b, r)| self.place(b, &r, s))
            .collect()
    }
}

/// Normalised Levenshtein similarity of two character sequences (1.0 = equal).
fn similarity(a: &Vec<char>, b: &Vec<char>) -> f64 {
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 1.0;
    }
    1.0 - strsim::generic_levenshtein(a, b) as f64 / longest as f64
}

/// How many bytes after a word start decide its place in [`TextIndex::word_starts`]:
/// enough to tell nearly all passages apart, and a bound on each comparison when a text
/// repeats itself at length (a hostile line of one word ten thousand times).
const SORT_PREFIX: usize = 48;

fn sort_key(t: &str, p: usize) -> &[u8] {
    &t.as_bytes()[p..(p + SORT_PREFIX).min(t.len())]
}

/// The offsets of `t` where a word begins (a word character after none), sorted by the
/// text that follows them.
fn sorted_word_starts(t: &str) -> Vec<u32> {
    let mut starts = word_starts(t);
    // Sorted by the first eight bytes packed in a number (big-endian, so numbers order
    // as the bytes do) and by the whole key only where those agree: the same order as
    // comparing keys alone, with most comparisons one instruction instead of a `memcmp`
    // (the sort was half the time of indexing a text). A radix sort on the number, then
    // the runs that agree sorted by key, measured no better (18.5 against 19.6 M
    // instructions under callgrind).
    let mut keyed: Vec<(u64, u32)> = starts.iter().map(|&p| (head(t, p), p)).collect();
    keyed.sort_unstable_by(|&(ka, a), &(kb, b)| {
        ka.cmp(&kb).then_with(|| {
            sort_key(t, a as usize)
                .cmp(sort_key(t, b as usize))
                .then(a.cmp(&b))
        })
    });
    starts.clear();
    starts.extend(keyed.iter().map(|&(_, p)| p));
    starts
}

/// The offsets of `t` where a word begins (a word character after none), in text order.
fn word_starts(t: &str) -> Vec<u32> {
    let mut starts = Vec::new();
    let mut previous_is_word = false;
    for (i, c) in t.char_indices() {
        let word = is_word_char(c);
        if word && !previous_is_word {
            starts.push(i as u32);
        }
        previous_is_word = word;
    }
    starts
}

/// The first eight bytes of the sort key at `p` as a big-endian number, zero-padded: it
/// orders two keys as they do whenever it differs (a shorter key pads with zeros, which
/// sort first, as a prefix does).
fn head(t: &str, p: u32) -> u64 {
    let key = sort_key(t, p as usize);
    let mut bytes = [0u8; 8];
    let n = key.len().min(8);
    bytes[..n].copy_from_slice(&key[..n]);
    u64::from_be_bytes(bytes)
}

/// A match may not begin or end inside a word.
fn word_bounded(t: &str, r: Range<usize>) -> bool {
    let first = t[r.clone()].chars().next();
    let last = t[r.clone()].chars().next_back();
    let before = t[..r.start].chars().next_back();
    let after = t[r.end..].chars().next();
    let starts_ok = !(first.is_some_and(is_word_char) && before.is_some_and(is_word_char));
    let ends_ok = !(last.is_some_and(is_word_char) && after.is_some_and(is_word_char));
    starts_ok && ends_ok
}

/// The original of the folded range `r` with up to [`EXCERPT_CONTEXT`] characters
/// either side.
fn excerpt(f: &Folded, original: &str, r: Range<usize>) -> String {
    let t = &f.text;
    let start = t[..r.start]
        .char_indices()
        .rev()
        .nth(EXCERPT_CONTEXT - 1)
        .map(|(i, _)| i);
    let end = t[r.end..]
        .char_indices()
        .nth(EXCERPT_CONTEXT)
        .map(|(i, _)| r.end + i);
    let mut out = String::new();
    if start.is_some() {
        out.push('…');
    }
    let shown = f.original(start.unwrap_or(0)..end.unwrap_or(t.len()));
    out.push_str(original[shown].trim());
    if end.is_some() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests;
