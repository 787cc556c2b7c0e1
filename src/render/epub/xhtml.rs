//! XHTML content: model blocks and inlines rendered into a document (whose shell is
//! in `shell`), each block with its `BlockId` as XHTML id, page markers where print
//! pages begin, and the spots of the back matter (ids, acronyms) at their words.

use std::collections::BTreeSet;
use std::ops::Range;

use super::pages::{Mark, PageMarks, floor_boundary, word_start, write_marker};
use super::spots::{Spot, Spots};
use super::url::safe_url;
use super::xml::XmlWriter;

use super::error;
pub use super::shell::{
    Matter, finish_document, lang_attrs, start_document, start_document_with, text_with_langs,
};
use crate::diag::Diagnostic;
use crate::model::text::{inline_text, label_with_langs};
use crate::model::{Block, BlockId, BlockKind, Inline, InlineKind, LangTag, Note, NoteId};

/// A section heading as written, for the table of contents.
#[derive(Debug, Clone)]
pub struct HeadingRef {
    /// The HTML level written (2 to 6; the text's title is the `h1`).
    pub level: u8,
    pub label: String,
    /// The foreign phrases of the label: byte ranges and their languages.
    pub langs: Vec<(Range<usize>, LangTag)>,
    pub id: String,
}

/// Writes the blocks of one text (or of the notes of one text) into a document.
pub struct BodyWriter<'a> {
    w: &'a mut XmlWriter,
    notes: &'a [Note],
    /// Note calls written so far: the first call of a note carries the id `nr…`.
    called: BTreeSet<NoteId>,
    /// HTML level of the last heading; the text's title is `h1`.
    last_level: u8,
    headings: Vec<HeadingRef>,
    /// Print pages that begin in the blocks still to be written.
    marks: PageMarks,
    /// The marks of the block being written, and how many bytes of its plain text
    /// are written so far.
    pending: Vec<Mark>,
    pos: usize,
    /// Labels of the page markers written, in order.
    pages: Vec<String>,
    /// Spots of the blocks still to be written, those of the block being written, and
    /// the end offset and element count of the spot open.
    spots: Spots,
    pending_spots: Vec<Spot>,
    open: Option<(usize, usize)>,
    /// Inside a link: no link of a spot is nested in it.
    in_link: bool,
}

/// What a [`BodyWriter`] leaves for the rest of the document.
pub struct BodyParts {
    /// Notes whose first call is written.
    pub called: BTreeSet<NoteId>,
    pub headings: Vec<HeadingRef>,
    /// Labels of the page markers written, in order.
    pub pages: Vec<String>,
    /// Page marks of blocks not written here (those of the notes).
    pub marks: PageMarks,
}

impl<'a> BodyWriter<'a> {
    /// `notes` are the notes the calls of these blocks may refer to; `called`, the notes
    /// whose first call is already written in this document.
    pub fn new(
        w: &'a mut XmlWriter,
        notes: &'a [Note],
        called: BTreeSet<NoteId>,
    ) -> BodyWriter<'a> {
        BodyWriter {
            w,
            notes,
            called,
            last_level: 1,
            headings: Vec::new(),
            marks: PageMarks::default(),
            pending: Vec::new(),
            pos: 0,
            pages: Vec::new(),
            spots: Spots::default(),
            pending_spots: Vec::new(),
            open: None,
            in_link: false,
        }
    }

    /// Writes the spots of the back matter (ids, acronyms) at their words.
    pub fn with_spots(mut self, spots: Spots) -> BodyWriter<'a> {
        self.spots = spots;
        self
    }

    /// Writes a page marker wherever a print page begins in the blocks.
    pub fn with_marks(mut self, marks: PageMarks) -> BodyWriter<'a> {
        self.marks = marks;
        self
    }

    /// The notes called, headings and page markers written, and the marks left.
    pub fn into_parts(self) -> BodyParts {
        BodyParts {
            called: self.called,
            headings: self.headings,
            pages: self.pages,
            marks: self.marks,
        }
    }

    /// Starts the plain text of a block that holds inlines: its page marks are due.
    fn begin_marks(&mut self, block: BlockId) {
        self.pending = self.marks.take(block);
        self.pending_spots = self.spots.take(block);
        self.pos = 0;
    }

    /// Writes the marks not yet written (those at the end of a block, or of a block
    /// without inlines).
    fn flush_marks(&mut self) {
        for mark in std::mem::take(&mut self.pending) {
            self.marker(&mark.label);
        }
        // Spots beyond the text still give their ids, so no link is left dangling.
        for spot in std::mem::take(&mut self.pending_spots) {
            spot.ids
                .iter()
                .for_each(|id| self.w.empty("span", &[("id", id)]));
        }
    }

    /// Writes a page marker (also used for the marks of a text's opening).
    pub fn marker(&mut self, label: &str) {
        write_marker(self.w, label);
        self.pages.push(label.to_string());
    }

    /// Writes text of the block's plain text, with the markers of the pages that
    /// begin inside it at their exact byte and the spots that lie in it around their
    /// words (a spot that runs past this run of text, across emphasis or a link, gives
    /// its ids as empty spans at its start).
    fn marked_text(&mut self, s: &str) {
        let mut rest = s;
        loop {
            let end = self.pos + rest.len();
            let local = |offset: usize, rest: &str, pos: usize| {
                floor_boundary(rest, offset.saturating_sub(pos))
            };
            // The next event in this run: the open spot ends, a page begins, a spot
            // begins; at one place, in that order.
            let close = self.open.map(|(e, _)| local(e, rest, self.pos));
            let page = self
                .pending
                .first()
                .filter(|m| m.offset < end)
                .map(|m| word_start(rest, local(m.offset, rest, self.pos)));
            let open = self
                .pending_spots
                .first()
                .filter(|sp| self.open.is_none() && sp.range.start < end)
                .map(|sp| local(sp.range.start, rest, self.pos));
            let next = [(close, 0), (page, 1), (open, 2)]
                .into_iter()
                .filter_map(|(at, kind)| at.map(|a| (a, kind)))
                .min();
            let Some((at, kind)) = next else { break };
            self.w.text(&rest[..at]);
            self.pos += at;
            rest = &rest[at..];
            match kind {
                0 => {
                    let (_, depth) = self.open.take().unwrap_or_default();
                    (0..depth).for_each(|_| self.w.end());
                }
                1 => {
                    let mark = self.pending.remove(0);
                    self.marker(&mark.label);
                }
                _ => {
                    let spot = self.pending_spots.remove(0);
                    self.open_spot(spot, self.pos + rest.len());
                }
            }
        }
        self.w.text(rest);
        self.pos += rest.len();
    }

    /// Opens the element(s) of a spot whose words end by `run_end`; else writes its ids.
    fn open_spot(&mut self, spot: Spot, run_end: usize) {
        let fits = spot.range.end <= run_end && spot.range.end > self.pos;
        let mut ids = spot.ids.iter();
        let wrap = fits && (spot.abbr.is_some() || !spot.ids.is_empty());
        let first = if wrap { ids.next() } else { None };
        for id in ids {
            self.w.empty("span", &[("id", id)]);
        }
        if !wrap {
            return;
        }
        let mut depth = 1;
        match &spot.abbr {
            Some(abbr) => {
                if let Some(href) = abbr.href.as_deref().filter(|_| !self.in_link) {
                    self.w.start("a", &[("class", "gloss"), ("href", href)]);
                    depth += 1;
                }
                let mut attrs = vec![("title", abbr.title.as_str())];
                if let Some(id) = first {
                    attrs.push(("id", id));
                }
                self.w.start("abbr", &attrs);
            }
            None => {
                let id = first.map_or("", String::as_str);
                self.w.start("span", &[("id", id)]);
            }
        }
        self.open = Some((spot.range.end, depth));
    }

    pub fn blocks(&mut self, blocks: &[Block]) -> Result<(), Diagnostic> {
        blocks.iter().try_for_each(|b| self.block(b))
    }

    /// A text's headnote: its blocks in a `div.headnote` (the editors' words, set apart
    /// from the text by the stylesheet).
    pub fn headnote(&mut self, blocks: &[Block]) -> Result<(), Diagnostic> {
        if blocks.is_empty() {
            return Ok(());
        }
        self.w.start("div", &[("class", "headnote")]);
        self.w.newline();
        self.blocks(blocks)?;
        self.w.end();
        self.w.newline();
        Ok(())
    }

    /// The HTML level of a model heading: level 1 is `h2`, and a level never skips
    /// below the previous heading's plus one, so headings stay in order.
    fn heading_level(&mut self, level: u8) -> u8 {
        let html = level.saturating_add(1).clamp(2, 6).min(self.last_level + 1);
        self.last_level = html;
        html
    }

    fn block(&mut self, block: &Block) -> Result<(), Diagnostic> {
        let id = block.id.to_string();
        self.begin_marks(block.id);
        if !matches!(
            block.kind,
            BlockKind::Heading { .. } | BlockKind::Paragraph(_)
        ) {
            // Pages start in paragraphs and headings; any other mark goes before the block.
            self.flush_marks();
        }
        match &block.kind {
            BlockKind::Heading { content, .. }
                if collapse_spaces(&inline_text(content)).is_empty() =>
            {
                // A heading without words would be an empty heading for screen readers;
                // its place is kept (for links and the page map) by an empty block.
                self.w.start("div", &[("id", &id)]);
                self.inlines(content)?;
                self.flush_marks();
                self.w.end();
            }
            BlockKind::Heading { level, content } => {
                let html = self.heading_level(*level);
                let tag = match html {
                    2 => "h2",
                    3 => "h3",
                    4 => "h4",
                    5 => "h5",
                    _ => "h6",
                };
                self.w.start(tag, &[("id", &id)]);
                self.inlines(content)?;
                self.flush_marks();
                self.w.end();
                let (label, langs) = label_with_langs(content);
                self.headings.push(HeadingRef {
                    level: html,
                    label,
                    langs,
                    id,
                });
            }
            BlockKind::Paragraph(content) => {
                self.w.start("p", &[("id", &id)]);
                self.inlines(content)?;
                self.flush_marks();
                self.w.end();
            }
            BlockKind::Quote(blocks) => {
                self.w.start("blockquote", &[("id", &id)]);
                self.w.newline();
                self.blocks(blocks)?;
                self.w.end();
            }
            BlockKind::List {
                ordered,
                start,
                items,
            } => {
                let start_attr = start.to_string();
                let mut attrs = vec![("id", id.as_str())];
                if *ordered && *start != 1 {
                    attrs.push(("start", &start_attr));
                }
                self.w.start(if *ordered { "ol" } else { "ul" }, &attrs);
                self.w.newline();
                for item in items {
                    self.list_item(item)?;
                }
                self.w.end();
            }
            BlockKind::Rule => self.w.empty("hr", &[("id", &id), ("class", "break")]),
        }
        self.w.newline();
        Ok(())
    }

    /// An item of one paragraph is written inline (`<li id="b9">…</li>`), so that tight
    /// lists keep their spacing; longer items hold their blocks.
    fn list_item(&mut self, item: &[Block]) -> Result<(), Diagnostic> {
        match item {
            [
                Block {
                    id,
                    kind: BlockKind::Paragraph(content),
                    ..
                },
            ] => {
                self.w.start("li", &[("id", &id.to_string())]);
                self.begin_marks(*id);
                self.inlines(content)?;
                self.flush_marks();
            }
            blocks => {
                self.w.start("li", &[]);
                self.blocks(blocks)?;
            }
        }
        self.w.end();
        self.w.newline();
        Ok(())
    }

    pub fn inlines(&mut self, inlines: &[Inline]) -> Result<(), Diagnostic> {
        let mut deferred = Vec::new();
        self.inlines_in(inlines, false, &mut deferred)?;
        deferred.into_iter().try_for_each(|n| self.note_call(n))
    }

    /// Inside a link (`in_link`), links are not nested and note calls are collected in
    /// `deferred`, to be written after the link closes.
    fn inlines_in(
        &mut self,
        inlines: &[Inline],
        in_link: bool,
        deferred: &mut Vec<NoteId>,
    ) -> Result<(), Diagnostic> {
        for inline in inlines {
            match &inline.kind {
                InlineKind::Text(s) => self.marked_text(s),
                InlineKind::Emph(c) => self.wrapped("em", c, in_link, deferred)?,
                InlineKind::Strong(c) => self.wrapped("strong", c, in_link, deferred)?,
                InlineKind::Code(s) => {
                    self.w.start("code", &[]);
                    self.marked_text(s);
                    self.w.end();
                }
                InlineKind::LineBreak => {
                    // One space in the plain text the page offsets count in.
                    self.w.empty("br", &[]);
                    self.pos += 1;
                }
                InlineKind::NoteRef(n) if in_link => deferred.push(*n),
                InlineKind::NoteRef(n) => self.note_call(*n)?,
                InlineKind::Link { url, content } => self.link(url, content, in_link, deferred)?,
                InlineKind::Lang { lang, content } => {
                    self.w.start("span", &lang_attrs(lang.as_str()));
                    self.inlines_in(content, in_link, deferred)?;
                    self.w.end();
                }
            }
        }
        Ok(())
    }

    fn wrapped(
        &mut self,
        tag: &'static str,
        content: &[Inline],
        in_link: bool,
        deferred: &mut Vec<NoteId>,
    ) -> Result<(), Diagnostic> {
        self.w.start(tag, &[]);
        self.inlines_in(content, in_link, deferred)?;
        self.w.end();
        Ok(())
    }

    /// A link to an `http(s)` or `mailto` URL; any other target, or a link inside a
    /// link, is written as its text. A link with no visible text shows its URL.
    fn link(
        &mut self,
        url: &str,
        content: &[Inline],
        in_link: bool,
        deferred: &mut Vec<NoteId>,
    ) -> Result<(), Diagnostic> {
        let visible = inline_text(content);
        let target = if in_link { None } else { safe_url(url) };
        let Some(target) = target else {
            if visible.trim().is_empty() {
                self.w.text(url);
            }
            return self.inlines_in(content, in_link, deferred);
        };
        self.w.start("a", &[("href", target.as_str())]);
        if visible.trim().is_empty() {
            self.w.text(url);
        }
        let mut inner = Vec::new();
        let outer = std::mem::replace(&mut self.in_link, true);
        self.inlines_in(content, true, &mut inner)?;
        self.in_link = outer;
        self.w.end();
        inner.into_iter().try_for_each(|n| self.note_call(n))
    }

    /// `<sup class="noteref"><a epub:type="noteref" role="doc-noteref" href="#n7"
    /// id="nr7">3</a></sup>`: the id is volume-wide, the number per text.
    fn note_call(&mut self, id: NoteId) -> Result<(), Diagnostic> {
        let note = self
            .notes
            .iter()
            .find(|n| n.id == id)
            .ok_or_else(|| error::note_without_definition(id))?;
        let href = format!("#{id}");
        let call_id = call_id(id);
        let number = note.number.to_string();
        let first = self.called.insert(id);
        let mut attrs = vec![
            ("epub:type", "noteref"),
            ("role", "doc-noteref"),
            ("href", href.as_str()),
        ];
        if first {
            attrs.push(("id", &call_id));
        }
        self.w.start("sup", &[("class", "noteref")]);
        self.w.element("a", &attrs, &number);
        self.w.end();
        Ok(())
    }
}

/// The XHTML id of the (first) call of a note: `nr7` for `n7`.
pub fn call_id(id: NoteId) -> String {
    format!("nr{}", id.0)
}

/// Runs of whitespace as one space, trimmed: labels for navigation.
pub fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
