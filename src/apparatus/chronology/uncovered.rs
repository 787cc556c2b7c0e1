//! The chronology's coverage: the `[[ignore]]` entries read and resolved, the dated
//! passages that no event references and no ignore covers grouped by expression, and
//! `edition check`'s warnings for them, each place given as file:line:col of the raw
//! source when the words can be found there unambiguously, else of the cleaned text.
//!
//! Must not know: how diagnostics are printed.

use std::collections::BTreeMap;

use regex::Regex;

use super::dated::{self, DatedPassage, MatchIgnore};
use super::{Context, Event, registry::ChronologyFile};
use crate::apparatus::occur::Occurrence;
use crate::apparatus::surgery::{find_block, leaf_texts};
use crate::diag::{Diagnostic, FileId, Sources, Span, codes};
use crate::model::{BlockId, TextId, Volume};

/// Places of one expression listed in a warning, beyond the first (the rest are counted):
/// enough to find them all in a short chapter, few enough to keep `check` readable.
const MAX_PLACES_SHOWN: usize = 8;
/// Words of context tried before an expression to find it in the raw source: three make
/// most passages unique without crossing into text the recipe rewrote.
const MAX_CONTEXT_WORDS: usize = 3;

/// The `[[ignore]]` entries of chronology.toml, read.
#[derive(Debug, Default)]
pub struct Ignores {
    /// Ignores by expression, with the entry's span.
    pub matches: Vec<(MatchIgnore, Span)>,
    /// Ignores by passage, with the entry's span.
    pub passages: Vec<(Occurrence, Span)>,
}

/// One date expression that the chronology does not cover, with every place it stands.
#[derive(Debug, Clone)]
pub struct UncoveredDate {
    pub expression: String,
    /// In reading order.
    pub places: Vec<DatedPassage>,
}

/// Reads the `[[ignore]]` entries: either `matches` or a passage anchor (E645 otherwise).
pub fn read_ignores(cx: &Context, file: &ChronologyFile, diags: &mut Vec<Diagnostic>) -> Ignores {
    let mut out = Ignores::default();
    for entry in &file.ignore {
        let span = Span::new(cx.file, entry.span());
        let ig = entry.get_ref();
        match (&ig.matches, ig.anchor()) {
            (Some(m), None) if ig.before.is_none() && ig.after.is_none() => {
                let matches: Vec<Vec<String>> =
                    m.iter().map(|s| dated::tokens(s.get_ref())).collect();
                if let Some(empty) = m.iter().find(|s| s.get_ref().trim().is_empty()) {
                    diags.push(
                        Diagnostic::new(codes::CHRONOLOGY_IGNORE, "an empty date expression")
                            .at(Span::new(cx.file, empty.span())),
                    );
                    continue;
                }
                let texts = ig.texts.iter().flatten();
                for t in texts.clone().filter(|t| !cx.resolver.has_text(t.get_ref())) {
                    diags.push(
                        Diagnostic::new(
                            codes::ANCHOR_TEXT,
                            format!("`{}` is not a text of the volume", t.get_ref()),
                        )
                        .at(Span::new(cx.file, t.span())),
                    );
                }
                let texts = texts.map(|t| t.get_ref().clone()).collect();
                out.matches.push((MatchIgnore { matches, texts }, span));
            }
            (None, Some(keys)) if ig.texts.is_none() => {
                match cx.resolver.resolve(cx.file, keys, "chronology ignore") {
                    Ok(a) => out.passages.push((
                        Occurrence {
                            text: a.text,
                            block: a.block,
                            range: a.range,
                        },
                        span,
                    )),
                    Err(d) => diags.push(d),
                }
            }
            _ => diags.push(
                Diagnostic::new(
                    codes::CHRONOLOGY_IGNORE,
                    "an [[ignore]] needs either `matches` (and maybe `texts`) or `text` and `quote` (and maybe `before`/`after`)",
                )
                .at(span),
            ),
        }
    }
    out
}

/// The dated passages no event references and no ignore covers, grouped by expression
/// in the order of their first place; an ignore that covers nothing is a warning (W641).
pub fn uncovered(
    volume: &Volume,
    events: &[Event],
    ignores: &Ignores,
    diags: &mut Vec<Diagnostic>,
) -> Vec<UncoveredDate> {
    let plains: BTreeMap<(TextId, BlockId), String> = volume
        .texts
        .iter()
        .flat_map(|t| {
            leaf_texts(&t.blocks)
                .into_iter()
                .map(move |(b, s)| ((t.id.clone(), b), s))
        })
        .collect();
    let mut used_matches = vec![false; ignores.matches.len()];
    let mut used_passages = vec![false; ignores.passages.len()];
    let mut groups: Vec<UncoveredDate> = Vec::new();
    let mut group_of: BTreeMap<String, usize> = BTreeMap::new();
    for p in dated::dated_passages(volume) {
        let plain = plains
            .get(&(p.text.clone(), p.block))
            .map_or("", String::as_str);
        let by_event = events
            .iter()
            .flat_map(|e| &e.refs)
            .any(|r| dated::covers(r, &p, plain));
        let mut ignored = false;
        for (k, (ig, _)) in ignores.matches.iter().enumerate() {
            if dated::ignored_by(ig, &p) {
                used_matches[k] = true;
                ignored = true;
            }
        }
        for (k, (o, _)) in ignores.passages.iter().enumerate() {
            if dated::covers(o, &p, plain) {
                used_passages[k] = true;
                ignored = true;
            }
        }
        if by_event || ignored {
            continue;
        }
        let k = *group_of.entry(p.expression.clone()).or_insert_with(|| {
            groups.push(UncoveredDate {
                expression: p.expression.clone(),
                places: Vec::new(),
            });
            groups.len() - 1
        });
        groups[k].places.push(p);
    }
    let unused_matches = ignores.matches.iter().zip(&used_matches);
    let unused_passages = ignores.passages.iter().map(|(_, s)| s).zip(&used_passages);
    let spans = unused_matches
        .map(|((_, s), u)| (s, u))
        .chain(unused_passages)
        .filter(|(_, used)| !**used);
    for (span, _) in spans {
        diags.push(
            Diagnostic::new(
                codes::CHRONOLOGY_IGNORE_UNUSED,
                "this [[ignore]] covers no dated passage of any text",
            )
            .at(*span),
        );
    }
    groups
}

/// `edition check`'s warnings: one per uncovered expression, at its first place, with
/// the other places listed. `raw_file` gives the raw source of an imported text.
pub fn diagnostics(
    groups: &[UncoveredDate],
    volume: &Volume,
    sources: &Sources,
    raw_file: &dyn Fn(&TextId) -> Option<FileId>,
) -> Vec<Diagnostic> {
    let locate = |p: &DatedPassage| place_span(volume, sources, raw_file, p);
    let mut out = Vec::new();
    for g in groups {
        let mut texts: Vec<&str> = Vec::new();
        for p in &g.places {
            if !texts.contains(&p.text.as_str()) {
                texts.push(p.text.as_str());
            }
        }
        let times = match g.places.len() {
            1 => "once".to_string(),
            n => format!("{n} times"),
        };
        let Some(first) = g.places.first() else {
            continue;
        };
        let mut d = Diagnostic::new(
            codes::DATE_UNCOVERED,
            format!(
                "“{}” ({times}, in {}) is in no event of the chronology",
                g.expression,
                texts.join(", ")
            ),
        )
        .at_opt(locate(first));
        if locate(first).is_none() {
            d = d.note(format!("in `{}`, {}", first.text, first.block));
        }
        for p in g.places.iter().skip(1).take(MAX_PLACES_SHOWN) {
            let at = match locate(p) {
                Some(s) => {
                    let (line, col) = sources.line_col(s.file, s.start as usize);
                    format!("{}:{line}:{col}", sources.get(s.file).name)
                }
                None => format!("`{}`, {}", p.text, p.block),
            };
            d = d.note(format!("also at {at}"));
        }
        let more = g.places.len().saturating_sub(1 + MAX_PLACES_SHOWN);
        if more > 0 {
            d = d.note(format!("and {more} more"));
        }
        out.push(d);
    }
    out
}

/// Where a dated passage stands: in the raw source when its words (with up to
/// [`MAX_CONTEXT_WORDS`] before it) occur there exactly once, else in its block's source
/// (the cleaned text of an imported source, or the Markdown of an editorial text).
fn place_span(
    volume: &Volume,
    sources: &Sources,
    raw_file: &dyn Fn(&TextId) -> Option<FileId>,
    p: &DatedPassage,
) -> Option<Span> {
    let text = volume.text(&p.text)?;
    let plain = leaf_texts(&text.blocks)
        .into_iter()
        .find(|(b, _)| *b == p.block)
        .map(|(_, s)| s)?;
    if let Some(raw) = raw_file(&p.text)
        && let Some(span) = find_in_raw(sources, raw, &plain, p)
    {
        return Some(span);
    }
    let block = find_block(&text.blocks, p.block)?;
    let src = sources.text(block.span.file).get(block.span.range())?;
    let written = plain.get(p.range.clone())?;
    Some(match src.find(written) {
        Some(at) => block.span.sub(at..at + written.len()),
        None => block.span,
    })
}

fn find_in_raw(sources: &Sources, raw: FileId, plain: &str, p: &DatedPassage) -> Option<Span> {
    let raw_text = sources.text(raw);
    let before: Vec<&str> = plain[..p.range.start].split_whitespace().collect();
    let expression: Vec<&str> = plain[p.range.clone()].split_whitespace().collect();
    for k in 0..=MAX_CONTEXT_WORDS.min(before.len()) {
        let context = &before[before.len() - k..];
        let words = |w: &[&str]| {
            w.iter()
                .map(|w| regex::escape(w))
                .collect::<Vec<_>>()
                .join(r"\s+")
        };
        let lead = if k == 0 {
            String::new()
        } else {
            format!(r"{}\s+", words(context))
        };
        let open = if k == 0 { r"\b" } else { "" };
        let pattern = format!(r"{open}{lead}({})\b", words(&expression));
        let Ok(re) = Regex::new(&pattern) else {
            return None;
        };
        let mut hits = re.captures_iter(raw_text).filter_map(|c| c.get(1));
        if let (Some(hit), None) = (hits.next(), hits.next()) {
            return Some(Span::new(raw, hit.range()));
        }
    }
    None
}
