//! Anchors of the registry files resolved against the volume: one [`TextIndex`] per text,
//! and every failure turned into a diagnostic that names the anchor (file:line), shows the
//! closest passages and says which key to change. Successful resolutions are logged for
//! the revision report.
//!
//! Must not know: what the anchor is for (note, emendation, index exception).

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::sync::Arc;

use super::anchor::{Failure, Key, Passage, Place, Query, TextIndex};
use super::registry::AnchorKeys;
use super::surgery::leaf_texts;
use crate::diag::{Diagnostic, FileId, Span, codes};
use crate::model::{BlockId, Text, TextId, Volume, text::block_text};

/// A quotation found exactly once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    pub text: TextId,
    pub block: BlockId,
    /// Byte range into the block's plain text.
    pub range: Range<usize>,
}

/// A successful resolution, kept for the revision report (`revision`): which anchor it
/// was and the words it stands in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolution {
    /// "note", "emendation", "chronology reference"…
    pub what: String,
    /// The `quote` key of the anchor.
    pub span: Span,
    pub anchor: Anchor,
    pub quote: String,
    pub before: Option<String>,
    pub after: Option<String>,
    /// The plain text of the block the anchor stands in: one copy per block, however
    /// many anchors stand in it (fifty volumes' anchors would otherwise copy 30 MB).
    pub block_text: Arc<str>,
}

/// The texts of a volume, indexed for anchors.
#[derive(Debug)]
pub struct Resolver {
    /// The index, shared with the resolvers [`forked`](Resolver::fork) from this one.
    index: Arc<Indexed>,
    /// Every successful resolution of this resolver, in the order of the calls.
    log: std::cell::RefCell<Vec<Resolution>>,
}

/// What a resolver looks anchors up in.
#[derive(Debug, Clone, Default)]
struct Indexed {
    texts: BTreeMap<TextId, TextIndex>,
    /// Slugs in reading order, for "did you mean".
    order: Vec<TextId>,
    /// The plain text of every leaf block, for [`Resolution::block_text`].
    plains: BTreeMap<BlockId, Arc<str>>,
}

impl Resolver {
    pub fn new(volume: &Volume) -> Resolver {
        let mut resolver = Resolver {
            index: Arc::new(Indexed {
                order: volume.texts.iter().map(|t| t.id.clone()).collect(),
                ..Indexed::default()
            }),
            log: std::cell::RefCell::new(Vec::new()),
        };
        resolver.index(volume.texts.iter().collect());
        resolver
    }

    /// A resolver on the same index with a log of its own, to resolve on another
    /// thread; its log is taken there and joined to this one's in the order the caller
    /// chooses, so the log stays in a fixed order whatever the threads do.
    pub fn fork(&self) -> Resolver {
        Resolver {
            index: Arc::clone(&self.index),
            log: std::cell::RefCell::new(Vec::new()),
        }
    }

    /// Indexes the texts `changed` again after their words changed (an emendation file
    /// was applied); the other texts keep their index. One resolver serves the whole
    /// apparatus this way: a new one per registry file would index the whole volume once
    /// per file, which grows with the square of a volume made of many texts.
    pub fn refresh(&mut self, volume: &Volume, changed: &BTreeSet<TextId>) {
        let texts = volume.texts.iter().filter(|t| changed.contains(&t.id));
        self.index(texts.collect());
    }

    /// Indexes `texts`, on two threads when there is enough text to repay the second.
    fn index(&mut self, texts: Vec<&Text>) {
        let size = |t: &&Text| t.blocks.iter().map(|b| block_text(b).len()).sum::<usize>();
        let threaded = crate::threads::worth_two(texts.iter().map(size));
        let indexed = crate::threads::map_jobs(
            &texts,
            size,
            threaded,
            || (),
            |_, t| {
                let leaves = leaf_texts(&t.blocks);
                let passages: Vec<Passage> = leaves
                    .iter()
                    .map(|(block, text)| Passage {
                        block: *block,
                        text,
                    })
                    .collect();
                let index = TextIndex::new(&passages);
                (leaves, index)
            },
        );
        // No fork outlives the work it was made for, so the index is never shared here
        // (were it, the copy would keep the fork's view intact).
        let shared = Arc::make_mut(&mut self.index);
        for (t, (leaves, index)) in texts.iter().zip(indexed) {
            shared.texts.insert(t.id.clone(), index);
            shared
                .plains
                .extend(leaves.into_iter().map(|(b, text)| (b, Arc::from(text))));
        }
    }

    /// The resolutions logged since the last call.
    pub fn take_log(&self) -> Vec<Resolution> {
        self.log.take()
    }

    /// Whether `slug` names a text of the volume.
    pub fn has_text(&self, slug: &str) -> bool {
        self.index.texts.contains_key(&TextId(slug.to_string()))
    }

    /// Resolves the anchor of an entry of `file`; `what` names the entry in messages
    /// ("note", "emendation").
    pub fn resolve(
        &self,
        file: FileId,
        keys: AnchorKeys,
        what: &str,
    ) -> Result<Anchor, Diagnostic> {
        let slug = keys.text.get_ref();
        let span = |s: &toml::Spanned<String>| Span::new(file, s.span());
        let Some(index) = self.index.texts.get(&TextId(slug.clone())) else {
            return Err(self.unknown_text(file, keys.text, what));
        };
        let query = Query {
            quote: keys.quote.get_ref(),
            before: keys.before.map(|b| b.get_ref().as_str()),
            after: keys.after.map(|a| a.get_ref().as_str()),
        };
        let quote = keys.quote.get_ref().trim();
        match index.resolve(&query) {
            Ok(r) => {
                let anchor = Anchor {
                    text: TextId(slug.clone()),
                    block: r.block,
                    range: r.range,
                };
                self.log.borrow_mut().push(Resolution {
                    what: what.to_string(),
                    span: span(keys.quote),
                    anchor: anchor.clone(),
                    quote: keys.quote.get_ref().clone(),
                    before: keys.before.map(|b| b.get_ref().clone()),
                    after: keys.after.map(|a| a.get_ref().clone()),
                    block_text: self
                        .index
                        .plains
                        .get(&r.block)
                        .cloned()
                        .unwrap_or_else(|| Arc::from("")),
                });
                Ok(anchor)
            }
            Err(Failure::Empty) => Err(Diagnostic::new(
                codes::ANCHOR_EMPTY,
                format!("the quotation of this {what} is empty"),
            )
            .at(span(keys.quote))),
            Err(Failure::NoMatch { closest }) => {
                let mut d = Diagnostic::new(
                    codes::ANCHOR_NO_MATCH,
                    format!("the quotation of this {what} is not in `{slug}`: “{quote}”"),
                )
                .at(span(keys.quote));
                if closest.is_empty() {
                    d = d.note(format!("no passage of `{slug}` is even half similar"));
                }
                for p in &closest {
                    d = d.note(describe("closest passage", p, true));
                }
                Err(d.hint(format!(
                    "change `quote` to the exact words of the passage meant (never a look-alike); `edition import {slug}` prints the cleaned text"
                )))
            }
            Err(Failure::Several { places }) => {
                let mut d = Diagnostic::new(
                    codes::ANCHOR_SEVERAL,
                    format!(
                        "the quotation of this {what} occurs {} times in `{slug}`: “{quote}”",
                        places.len()
                    ),
                )
                .at(span(keys.quote));
                for p in &places {
                    d = d.note(describe("occurs", p, false));
                }
                Err(d.hint(
                    "add `before` (the words right before the passage meant) or `after` (right after it), or lengthen `quote`",
                ))
            }
            Err(Failure::Context { key, places }) => {
                let (context, other) = match key {
                    Key::Before => (keys.before, "before"),
                    _ => (keys.after, "after"),
                };
                let at = context.map_or(span(keys.quote), span);
                let given = context.map_or("", |c| c.get_ref().as_str());
                let mut d = Diagnostic::new(
                    codes::ANCHOR_CONTEXT,
                    format!(
                        "`{}` of this {what} (“{}”) does not stand {other} any occurrence of “{quote}” in `{slug}`",
                        key.name(),
                        given.trim()
                    ),
                )
                .at(at);
                for p in &places {
                    d = d.note(format!(
                        "{other} the quotation in {} stands: “{}”",
                        p.block, p.excerpt
                    ));
                }
                Err(d.hint(format!(
                    "change `{}` to the words that stand right {other} the passage meant",
                    key.name()
                )))
            }
        }
    }

    fn unknown_text(&self, file: FileId, text: &toml::Spanned<String>, what: &str) -> Diagnostic {
        let slug = text.get_ref();
        let closest = self
            .index
            .order
            .iter()
            .map(|t| (strsim::normalized_levenshtein(t.as_str(), slug), t))
            .filter(|(s, _)| *s > 0.5)
            .max_by(|a, b| a.0.total_cmp(&b.0));
        let d = Diagnostic::new(
            codes::ANCHOR_TEXT,
            format!("this {what} names the text `{slug}`, which is not in the volume"),
        )
        .at(Span::new(file, text.span()));
        match closest {
            Some((_, t)) => d.hint(format!(
                "did you mean `{t}`? `text` must be a slug from `order` in edition.toml"
            )),
            None => d,
        }
    }
}

fn describe(what: &str, p: &Place, similarity: bool) -> String {
    if similarity {
        format!(
            "{what} ({:.0}% similar, in {}): “{}”",
            p.similarity * 100.0,
            p.block,
            p.excerpt
        )
    } else {
        format!("{what} in {}: “{}”", p.block, p.excerpt)
    }
}
