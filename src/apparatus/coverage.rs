//! The coverage lists of `edition check`: acronym-like words no glossary entry covers and
//! capitalised names the name index lacks, as warnings with their counts and texts, each
//! pointing at its first occurrence. Only `check` shows them: a build stays quiet.
//!
//! Must not know: how diagnostics are printed.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use crate::diag::{Code, Diagnostic, Sources, Span, codes};
use crate::model::{BlockId, Volume};

use super::Apparatus;
use super::glossary::Uncovered;
use super::occur::Occurrence;
use super::surgery::{find_block, leaf_texts};

/// The candidates (`candidates` finds them in a block's plain text) that no occurrence
/// of a registry overlaps and `ignore` does not list, each counted with its texts and
/// first place, most frequent first. Shared by the glossary's and the name index's lists.
pub fn uncovered<'a>(
    volume: &Volume,
    occurrences: impl Iterator<Item = &'a Occurrence>,
    ignore: &BTreeSet<String>,
    candidates: fn(&str) -> Vec<Range<usize>>,
) -> Vec<Uncovered> {
    let mut covered: BTreeMap<BlockId, Vec<Range<usize>>> = BTreeMap::new();
    for o in occurrences {
        covered.entry(o.block).or_default().push(o.range.clone());
    }
    let mut found: BTreeMap<String, Uncovered> = BTreeMap::new();
    for text in &volume.texts {
        for (block, plain) in leaf_texts(&text.blocks) {
            for r in candidates(&plain) {
                let hit = covered
                    .get(&block)
                    .is_some_and(|c| c.iter().any(|o| o.start < r.end && r.start < o.end));
                let word = plain[r.clone()].to_string();
                if hit || ignore.contains(&word) {
                    continue;
                }
                let u = found.entry(word.clone()).or_insert_with(|| Uncovered {
                    word,
                    count: 0,
                    texts: Vec::new(),
                    first: Occurrence {
                        text: text.id.clone(),
                        block,
                        range: r.clone(),
                    },
                });
                u.count += 1;
                if !u.texts.contains(&text.id) {
                    u.texts.push(text.id.clone());
                }
            }
        }
    }
    let mut list: Vec<Uncovered> = found.into_values().collect();
    list.sort_by(|a, b| b.count.cmp(&a.count).then(a.word.cmp(&b.word)));
    list
}

/// Every coverage warning: acronyms first, then names; each list most frequent first.
pub fn diagnostics(app: &Apparatus, volume: &Volume, sources: &Sources) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for u in &app.coverage.acronyms {
        out.push(warning(
            codes::ACRONYM_UNDEFINED,
            "acronym",
            u,
            volume,
            sources,
        ));
    }
    for u in &app.coverage.names {
        out.push(warning(codes::NAME_UNINDEXED, "name", u, volume, sources));
    }
    out
}

fn warning(
    code: Code,
    what: &str,
    u: &Uncovered,
    volume: &Volume,
    sources: &Sources,
) -> Diagnostic {
    let texts: Vec<&str> = u.texts.iter().map(|t| t.as_str()).collect();
    let times = if u.count == 1 {
        "once".to_string()
    } else {
        format!("{} times", u.count)
    };
    Diagnostic::new(
        code,
        format!(
            "{what} “{}” ({times}, in {}) is not registered",
            u.word,
            texts.join(", ")
        ),
    )
    .at_opt(first_span(volume, sources, u))
}

/// The span of the word's first occurrence: inside its block's source when the word
/// stands there verbatim, else the block.
fn first_span(volume: &Volume, sources: &Sources, u: &Uncovered) -> Option<Span> {
    let text = volume.text(&u.first.text)?;
    let block = find_block(&text.blocks, u.first.block)?;
    let src = sources.text(block.span.file).get(block.span.range())?;
    Some(match src.find(&u.word) {
        Some(p) => block.span.sub(p..p + u.word.len()),
        None => block.span,
    })
}
