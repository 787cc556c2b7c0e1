//! `chronology.toml` as strict serde types with spans: dated events, each anchored to the
//! passages that mention it, and the dated passages the chronology leaves out on purpose.
//! Parsing only.
//!
//! Must not know: the model, how anchors are resolved, how dates are read.

use serde::Deserialize;
use toml::Spanned;

use crate::apparatus::registry::{AnchorKeys, AtAnchor};

/// `chronology.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChronologyFile {
    #[serde(default)]
    pub event: Vec<Spanned<EventEntry>>,
    #[serde(default)]
    pub ignore: Vec<Spanned<IgnoreEntry>>,
}

/// `[[event]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventEntry {
    /// `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `START/END`, `c. YYYY`.
    pub date: Spanned<String>,
    /// Inline Markdown: the event in a sentence or two.
    pub what: Spanned<String>,
    /// Markdown: where the sources disagree.
    pub note: Option<Spanned<String>>,
    /// `[[event.ref]]`: the passages that mention the event (one or more), each an anchor like a note's.
    #[serde(rename = "ref", default)]
    pub refs: Vec<Spanned<AtAnchor>>,
}

/// `[[ignore]]`: either date expressions as written (`matches`, maybe limited to some
/// `texts`), or one passage by anchor (`text`, `quote`, optional `before`/`after`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IgnoreEntry {
    pub matches: Option<Vec<Spanned<String>>>,
    pub texts: Option<Vec<Spanned<String>>>,
    pub text: Option<Spanned<String>>,
    pub quote: Option<Spanned<String>>,
    pub before: Option<Spanned<String>>,
    pub after: Option<Spanned<String>>,
    /// Why these passages stay out of the chronology.
    pub reason: Spanned<String>,
}

impl IgnoreEntry {
    /// The anchor of a passage ignore, when `text` and `quote` are both given.
    pub fn anchor(&self) -> Option<AnchorKeys<'_>> {
        Some(AnchorKeys {
            text: self.text.as_ref()?,
            quote: self.quote.as_ref()?,
            before: self.before.as_ref(),
            after: self.after.as_ref(),
        })
    }
}
