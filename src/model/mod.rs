//! The document model: plain data, volume → texts → blocks → inlines, each node with a
//! span back to its source and a stable id. Both outputs start from here (the EPUB
//! directly, the PDF through `typeset`).
//!
//! Must not know: Markdown syntax, fonts, pages, PDF or XHTML.

mod ids;
pub mod lang;
pub mod text;
pub mod walk;

pub use ids::{BlockId, NoteId, TextId};
pub use lang::LangTag;

use crate::diag::Span;

/// The whole edition.
#[derive(Debug, Clone)]
pub struct Volume {
    pub meta: VolumeMeta,
    /// The texts in reading order: editorial texts and imported sources alike.
    pub texts: Vec<Text>,
}

/// Metadata of the edition, from `edition.toml`.
#[derive(Debug, Clone, PartialEq)]
pub struct VolumeMeta {
    pub title: String,
    pub subtitle: Option<String>,
    pub editors: Vec<String>,
    /// BCP 47 tag, e.g. `en`.
    pub language: String,
    /// Stable identifier, e.g. a `urn:uuid:` or an ISBN URN.
    pub identifier: String,
    /// Edition date, `YYYY-MM-DD`.
    pub date: String,
    pub publisher: Option<String>,
    pub rights: Option<String>,
    /// A few sentences on how the edition was made (colophon).
    pub description: Option<String>,
}

/// Whether a text is a source reproduced by the edition or the editor's own writing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    /// Imported from `sources/` through a recipe.
    Source,
    /// Written by the editors (`texts/<slug>.md`).
    Editorial,
}

/// Provenance of one text, as the colophon prints it.
#[derive(Debug, Clone, Default)]
pub struct TextMeta {
    pub title: String,
    /// For running heads and locators; defaults to the title.
    pub short_title: String,
    pub subtitle: Option<String>,
    /// Author as credited (e.g. "Wikipedia contributors").
    pub author: Option<String>,
    pub publisher: Option<String>,
    /// Publication date as known (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub date: Option<String>,
    /// Where it was published (site, periodical, book).
    pub published_in: Option<String>,
    pub url: Option<String>,
    pub licence: Option<String>,
    pub licence_url: Option<String>,
    /// One line: how the edition obtained the text.
    pub provenance: Option<String>,
    /// Language of the text, when it differs from the volume's.
    pub language: Option<LangTag>,
    /// Language of the title (and short title), when it differs from the text's.
    pub title_language: Option<LangTag>,
    /// Language of the subtitle, when it differs from the text's.
    pub subtitle_language: Option<LangTag>,
}

/// One text of the volume.
#[derive(Debug, Clone)]
pub struct Text {
    pub id: TextId,
    pub kind: TextKind,
    pub meta: TextMeta,
    pub blocks: Vec<Block>,
    /// The editors' headnote, set between the title and the text (empty when there is
    /// none). Editorial framing: the apparatus neither anchors nor indexes in it.
    pub headnote: Vec<Block>,
    /// Notes of this text, in the order of their calls; `number` restarts per text.
    pub notes: Vec<Note>,
}

/// A block with its stable id and its source span.
#[derive(Debug, Clone)]
pub struct Block {
    pub id: BlockId,
    pub span: Span,
    pub kind: BlockKind,
}

#[derive(Debug, Clone)]
pub enum BlockKind {
    /// Section heading; level 1 is a top-level section inside the text (the text's own
    /// title lives in [`TextMeta`]).
    Heading {
        level: u8,
        content: Vec<Inline>,
    },
    Paragraph(Vec<Inline>),
    /// Block quotation.
    Quote(Vec<Block>),
    /// A list; each item is a sequence of blocks.
    List {
        ordered: bool,
        start: u64,
        items: Vec<Vec<Block>>,
    },
    /// A thematic break (`* * *`) between parts of a text.
    Rule,
}

/// An inline with its source span.
#[derive(Debug, Clone)]
pub struct Inline {
    pub span: Span,
    pub kind: InlineKind,
}

#[derive(Debug, Clone)]
pub enum InlineKind {
    /// Plain text, NFC-normalised, with typographic quotes and dashes already applied.
    Text(String),
    Emph(Vec<Inline>),
    Strong(Vec<Inline>),
    Link {
        url: String,
        content: Vec<Inline>,
    },
    /// Inline code, set in the text face.
    Code(String),
    /// A call of the note `NoteId`.
    NoteRef(NoteId),
    /// A forced line break.
    LineBreak,
    /// A phrase in another language than its surroundings (a Spanish phrase of the
    /// registry in an English text). Never holds a note call: the call is the edition's.
    Lang {
        lang: LangTag,
        content: Vec<Inline>,
    },
}

impl Inline {
    /// The inlines inside a container (emphasis, link, foreign phrase); `None` for a
    /// leaf.
    pub fn children(&self) -> Option<&[Inline]> {
        match &self.kind {
            InlineKind::Emph(c)
            | InlineKind::Strong(c)
            | InlineKind::Link { content: c, .. }
            | InlineKind::Lang { content: c, .. } => Some(c),
            _ => None,
        }
    }

    /// [`Inline::children`], to edit.
    pub fn children_mut(&mut self) -> Option<&mut Vec<Inline>> {
        match &mut self.kind {
            InlineKind::Emph(c)
            | InlineKind::Strong(c)
            | InlineKind::Link { content: c, .. }
            | InlineKind::Lang { content: c, .. } => Some(c),
            _ => None,
        }
    }
}

/// An editorial note (or a footnote of an editorial text).
#[derive(Debug, Clone)]
pub struct Note {
    pub id: NoteId,
    /// Number as printed, 1-based, per text.
    pub number: u32,
    pub span: Span,
    pub blocks: Vec<Block>,
}

impl Volume {
    pub fn text(&self, id: &TextId) -> Option<&Text> {
        self.texts.iter().find(|t| &t.id == id)
    }
}

impl Text {
    pub fn note(&self, id: NoteId) -> Option<&Note> {
        self.notes.iter().find(|n| n.id == id)
    }
}
