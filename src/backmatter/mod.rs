//! The back matter of the volume as rendering-neutral parts, made from the volume and its
//! apparatus: the unified chronology (grouped by year), the glossary of acronyms, the index of names (sorted with Spanish collation,
//! grouped by letter, with "see" cross-references), and the appendix of emendations.
//! Every locator is a place in a text (text, block, byte range of the block's plain
//! text), never a page: the EPUB turns them into links, the PDF into page numbers.
//!
//! Must not know: XHTML, fonts, pages.

pub mod chronology;
pub mod emendations;
pub mod glossary;
pub mod index;
mod letters;

use crate::apparatus::Apparatus;
use crate::model::{TextId, Volume};

pub use chronology::{ChronologyEvent, ChronologyPart, YearGroup};
pub use emendations::{EmendationRow, EmendationsPart};
pub use glossary::{GlossaryPart, GlossaryTerm};
pub use index::{IndexHeading, IndexItem, IndexPart, LetterGroup, SeeItem};

pub use crate::apparatus::Occurrence as Locator;

/// Which part of the back matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PartKind {
    Chronology,
    Glossary,
    Emendations,
    Index,
}

impl PartKind {
    /// The title as printed.
    pub fn title(self) -> &'static str {
        match self {
            PartKind::Chronology => "Chronology",
            PartKind::Glossary => "Glossary",
            PartKind::Emendations => "Emendations",
            PartKind::Index => "Index of Names",
        }
    }

    /// A short stable name (file names, ids).
    pub fn slug(self) -> &'static str {
        match self {
            PartKind::Chronology => "chronology",
            PartKind::Glossary => "glossary",
            PartKind::Emendations => "emendations",
            PartKind::Index => "index",
        }
    }
}

/// The parts of the back matter that have content, each once.
#[derive(Debug, Clone, Default)]
pub struct BackMatter {
    pub chronology: Option<ChronologyPart>,
    pub glossary: Option<GlossaryPart>,
    pub index: Option<IndexPart>,
    pub emendations: Option<EmendationsPart>,
    /// The short title of each text (its locators' label where no page is known).
    pub short_titles: Vec<(TextId, String)>,
}

impl BackMatter {
    /// The back matter of `volume` from its `apparatus`.
    pub fn new(volume: &Volume, apparatus: &Apparatus) -> BackMatter {
        let short_titles = volume
            .texts
            .iter()
            .map(|t| {
                let short = if t.meta.short_title.trim().is_empty() {
                    t.meta.title.clone()
                } else {
                    t.meta.short_title.clone()
                };
                (t.id.clone(), short)
            })
            .collect();
        BackMatter {
            chronology: chronology::part(&apparatus.chronology, volume),
            glossary: glossary::part(&apparatus.glossary),
            index: index::part(&apparatus.index, &apparatus.see),
            emendations: emendations::part(&apparatus.emendations),
            short_titles,
        }
    }

    /// The parts present, in the order of the book: the chronology, the glossary, the
    /// emendations (read alongside the texts), and the index last, as is usual.
    pub fn parts(&self) -> Vec<PartKind> {
        let mut parts = Vec::new();
        if self.chronology.is_some() {
            parts.push(PartKind::Chronology);
        }
        if self.glossary.is_some() {
            parts.push(PartKind::Glossary);
        }
        if self.emendations.is_some() {
            parts.push(PartKind::Emendations);
        }
        if self.index.is_some() {
            parts.push(PartKind::Index);
        }
        parts
    }

    /// The number of entries of part `kind` (events, terms, rows, headings and "see"
    /// references): a measure of how long it takes to set.
    pub fn entries(&self, kind: PartKind) -> usize {
        match kind {
            PartKind::Chronology => self
                .chronology
                .iter()
                .flat_map(|c| &c.years)
                .map(|y| y.events.len())
                .sum(),
            PartKind::Glossary => self.glossary.as_ref().map_or(0, |g| g.terms.len()),
            PartKind::Emendations => self.emendations.as_ref().map_or(0, |e| e.rows.len()),
            PartKind::Index => self
                .index
                .iter()
                .flat_map(|i| &i.groups)
                .map(|g| g.items.len())
                .sum(),
        }
    }

    /// The short title of `text` ("Memoir"), or its slug when the volume lacks it.
    pub fn short_title<'a>(&'a self, text: &'a TextId) -> &'a str {
        self.short_titles
            .iter()
            .find(|(id, _)| id == text)
            .map_or(text.as_str(), |(_, s)| s.as_str())
    }
}

/// The first of `locators` (in reading order) for each value of `key` — in the outputs,
/// the page a locator lands on — in the order the values first occur.
pub fn first_per<K: PartialEq>(
    locators: &[Locator],
    key: impl Fn(&Locator) -> K,
) -> Vec<(K, &Locator)> {
    let mut out: Vec<(K, &Locator)> = Vec::new();
    for loc in locators {
        let k = key(loc);
        if !out.iter().any(|(seen, _)| *seen == k) {
            out.push((k, loc));
        }
    }
    out
}
