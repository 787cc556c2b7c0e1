//! The summary of a build that the next build compares with (`out/<name>.summary.toml`):
//! per text its words, notes, index occurrences, acronym uses and chronology references;
//! every anchor with the passage it matched; every registry form with its uses. Written
//! as TOML in a fixed order, so two builds of one manuscript give the same bytes.
//!
//! Must not know: files on disk (the command reads and writes the summary's text).

mod compare;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Apparatus;
use super::chronology::dated::sentence;
use super::surgery::leaf_texts;
use crate::diag::{Sources, Span};
use crate::model::text::{block_text, word_count};
use crate::model::{TextId, Volume};

pub use compare::{Revision, compare};

/// The version of the summary's layout: a summary of another version is not compared.
pub const FORMAT: u32 = 1;
/// Characters of a passage's sentence kept on each side of the anchored words: enough to
/// notice a change around them, short enough to keep the summary small.
const PASSAGE_CONTEXT: usize = 60;

/// What one build found.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub format: u32,
    #[serde(default)]
    pub text: Vec<TextTotals>,
    #[serde(default)]
    pub anchor: Vec<AnchorSummary>,
    #[serde(default)]
    pub form: Vec<FormUses>,
}

/// The totals of one text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextTotals {
    pub slug: String,
    pub words: usize,
    /// Notes of the text: editorial notes and Markdown footnotes.
    pub notes: usize,
    /// Occurrences of the name index.
    pub index: usize,
    /// Uses of glossary acronyms.
    pub acronyms: usize,
    /// References of chronology events.
    pub chronology: usize,
}

/// One resolved anchor and the passage it matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnchorSummary {
    /// "note", "emendation", "chronology reference", "registry anchor"…
    pub kind: String,
    /// The registry file, relative to the manuscript.
    pub file: String,
    /// Line of `quote` in that file.
    pub line: usize,
    pub text: String,
    pub quote: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// The block's id ("b12").
    pub block: String,
    /// The anchored words in their sentence (at most [`PASSAGE_CONTEXT`] characters on
    /// each side), whitespace collapsed.
    pub passage: String,
    /// Where `quote` is now (not written: a span is only good for this build).
    #[serde(skip)]
    pub span: Option<Span>,
}

/// How often one form of a registry entry is used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormUses {
    /// "glossary" or "names".
    pub registry: String,
    /// The short form of an acronym or the heading of a person.
    pub entry: String,
    pub form: String,
    pub uses: usize,
    #[serde(skip)]
    pub span: Option<Span>,
}

impl AnchorSummary {
    /// What identifies an anchor from one build to the next: its file, kind and keys.
    fn key(&self) -> (String, String, String, String, String, String) {
        let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        (
            self.file.clone(),
            self.kind.clone(),
            self.text.clone(),
            norm(&self.quote),
            norm(self.before.as_deref().unwrap_or("")),
            norm(self.after.as_deref().unwrap_or("")),
        )
    }
}

/// Summarises a volume and its apparatus.
pub fn summarize(volume: &Volume, app: &Apparatus, sources: &Sources) -> Summary {
    let mut per_text: BTreeMap<TextId, TextTotals> = BTreeMap::new();
    for t in &volume.texts {
        per_text.insert(
            t.id.clone(),
            TextTotals {
                slug: t.id.as_str().to_string(),
                words: t.blocks.iter().map(|b| word_count(&block_text(b))).sum(),
                notes: t.notes.len(),
                ..TextTotals::default()
            },
        );
    }
    let index = app.index.iter().flat_map(|e| &e.occurrences);
    for o in index {
        if let Some(t) = per_text.get_mut(&o.text) {
            t.index += 1;
        }
    }
    for o in app.glossary.iter().flat_map(|e| &e.occurrences) {
        if let Some(t) = per_text.get_mut(&o.text) {
            t.acronyms += 1;
        }
    }
    for o in app.chronology.iter().flat_map(|e| &e.refs) {
        if let Some(t) = per_text.get_mut(&o.text) {
            t.chronology += 1;
        }
    }
    let text = volume
        .texts
        .iter()
        .filter_map(|t| per_text.remove(&t.id))
        .collect();
    Summary {
        format: FORMAT,
        text,
        anchor: anchors(app, sources),
        form: forms(volume, app),
    }
}

fn anchors(app: &Apparatus, sources: &Sources) -> Vec<AnchorSummary> {
    let mut out: Vec<AnchorSummary> = app
        .resolutions
        .iter()
        .map(|r| {
            let (line, _) = sources.line_col(r.span.file, r.span.start as usize);
            AnchorSummary {
                kind: r.what.clone(),
                file: sources.get(r.span.file).name.clone(),
                line,
                text: r.anchor.text.as_str().to_string(),
                quote: r.quote.clone(),
                before: r.before.clone(),
                after: r.after.clone(),
                block: r.anchor.block.to_string(),
                passage: passage(&r.block_text, &r.anchor.range),
                span: Some(r.span),
            }
        })
        .collect();
    // In the order of the registry files, whatever order the apparatus resolved them in.
    out.sort_by(|a, b| (&a.file, a.line, &a.kind).cmp(&(&b.file, b.line, &b.kind)));
    out
}

/// The sentence around `range`, clipped to [`PASSAGE_CONTEXT`] characters either side.
fn passage(plain: &str, range: &std::ops::Range<usize>) -> String {
    let range = range.start.min(plain.len())..range.end.min(plain.len());
    let s = sentence(plain, &range);
    let start = plain[s.start..range.start]
        .char_indices()
        .rev()
        .nth(PASSAGE_CONTEXT - 1)
        .map_or(s.start, |(i, _)| s.start + i);
    let end = plain[range.end..s.end.max(range.end)]
        .char_indices()
        .nth(PASSAGE_CONTEXT)
        .map_or(s.end.max(range.end), |(i, _)| range.end + i);
    plain
        .get(start..end)
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The uses of every form of every glossary and index entry: an occurrence counts for
/// the longest form its words begin with (a plural or possessive ending follows it).
fn forms(volume: &Volume, app: &Apparatus) -> Vec<FormUses> {
    let plains: BTreeMap<_, String> = volume
        .texts
        .iter()
        .flat_map(|t| leaf_texts(&t.blocks))
        .collect();
    let mut out = Vec::new();
    let glossary = app.glossary.iter().map(|e| {
        let forms: Vec<&String> = std::iter::once(&e.short).chain(&e.aliases).collect();
        ("glossary", &e.short, forms, &e.occurrences, e.span)
    });
    let names = app.index.iter().map(|e| {
        let forms: Vec<&String> = e.variants.iter().collect();
        ("names", &e.heading, forms, &e.occurrences, e.span)
    });
    for (registry, entry, forms, occurrences, span) in glossary.chain(names) {
        let mut uses = vec![0usize; forms.len()];
        for o in occurrences {
            let words = plains
                .get(&o.block)
                .and_then(|p| p.get(o.range.clone()))
                .unwrap_or("");
            let best = forms
                .iter()
                .enumerate()
                .filter(|(_, f)| words.starts_with(f.as_str()))
                .max_by_key(|(_, f)| f.len());
            if let Some((k, _)) = best {
                uses[k] += 1;
            }
        }
        for (form, uses) in forms.iter().zip(uses) {
            out.push(FormUses {
                registry: registry.to_string(),
                entry: entry.clone(),
                form: form.to_string(),
                uses,
                span: Some(span),
            });
        }
    }
    out
}

/// The summary as TOML.
pub fn to_toml(summary: &Summary) -> String {
    let body = toml::to_string(summary).unwrap_or_default();
    format!(
        "# Written by `edition build`: what the build found. The next `edition check` or\n# `edition build` compares its own findings with these and reports the differences.\n\n{body}"
    )
}

/// Reads a summary written by [`to_toml`]; `None` when it is not one (of this format).
pub fn parse(text: &str) -> Option<Summary> {
    toml::from_str::<Summary>(text)
        .ok()
        .filter(|s| s.format == FORMAT)
}
