//! One text of the volume as a vertical list: its opening (new recto, title, author,
//! source line), its blocks, and its notes at the end.

use std::ops::Range;

use super::flow::{FlowItem, FlowLine, Frame, Mark, ParaCtx, TextNotes, sink};
use super::fonts::Style;
use super::geometry::TypeSize;
use super::notes::NoteLines;
use super::paragraph::{Align, Piece};
use super::shape::Variant;
use super::{Layout, NotePlacement};
use crate::diag::{FileId, Span};
use crate::model::{BlockId, Text, TextMeta};

/// Lines of white above a text's title on its opening page ("sinkage"): the opening reads
/// as a beginning, as in most books.
const SINK_LINES: f32 = 5.0;
/// White between the opening (title to source line) and the first line of the text.
const AFTER_OPENING_LINES: f32 = 2.5;
/// White between the rule closing a headnote and the text: a little less than after the
/// opening, since the rule already separates.
const AFTER_HEADNOTE_LINES: f32 = 1.5;
/// Length of the rule closing a headnote, in ems of the body: short enough to read as a
/// divider, not as an underline of the last line.
const HEADNOTE_RULE_EMS: f32 = 6.0;
/// Height of that rule above its line's baseline, in ems: about the x-height's middle,
/// so it sits centred in the line of white it occupies.
const HEADNOTE_RULE_RISE: f32 = 0.3;
/// Thickness of that rule, in points: the weight of the foot-note separator.
const HEADNOTE_RULE_THICKNESS: f32 = 0.4;

impl Layout<'_, '_> {
    /// The vertical list of `text`, and its notes set as lines (placed at the foot of
    /// the pages by pagination, or already appended at the end). The same as its pieces
    /// ([`Layout::opening`], [`Layout::text_blocks`], [`Layout::text_notes`]) joined; the
    /// typesetter sets the pieces apart (`parallel`), and tests compare with this.
    #[cfg(test)]
    pub fn text(&mut self, text: &Text) -> (Vec<FlowItem>, NoteLines) {
        let mut out = Vec::new();
        self.opening(text, &mut out);
        self.text_blocks(text, 0..text.blocks.len(), &mut out);
        let (notes, end) = self.text_notes(text);
        out.extend(end);
        (out, notes)
    }

    /// Blocks `range` of `text`'s body, appended to `out`. Nothing carries over from one
    /// block to the next but the indent of a paragraph after a paragraph, so a range that
    /// starts at a heading (or at the first block) sets as it does within the whole text.
    pub fn text_blocks(&mut self, text: &Text, range: Range<usize>, out: &mut Vec<FlowItem>) {
        let frame = Frame {
            left: 0.0,
            right: 0.0,
            size: self.geometry.body,
            style: Style::Regular,
            align: Align::Justify,
        };
        self.blocks(&text.blocks[range], &frame, &TextNotes(text), out);
    }

    /// The notes of `text`: set as lines for the foot of the pages, or, when notes go at
    /// the end of the text, as the items that end it.
    pub fn text_notes(&mut self, text: &Text) -> (NoteLines, Vec<FlowItem>) {
        let notes = self.note_lines(text);
        match self.options.notes {
            NotePlacement::Foot => (notes, Vec::new()),
            NotePlacement::EndOfText => {
                let mut out = Vec::new();
                self.end_notes(text, &notes, &mut out);
                (NoteLines::new(), out)
            }
        }
    }

    /// A text's opening, appended to `out`: a new recto, the sinkage, title, subtitle,
    /// author and source line, and the headnote.
    pub fn opening(&mut self, text: &Text, out: &mut Vec<FlowItem>) {
        let g = self.geometry.clone();
        let first = out.len();
        out.push(FlowItem::NewPage { recto: true });
        out.push(sink(SINK_LINES * g.body.leading));
        let span = text
            .blocks
            .first()
            .map_or(Span::new(FileId(0), 0..0), |b| b.span);
        let centered = |size: TypeSize, style: Style| Frame {
            left: 0.0,
            right: 0.0,
            size,
            style,
            align: Align::Center,
        };
        let start = out.len();
        self.plain(
            &text.meta.title,
            &centered(g.title, Style::Regular),
            span,
            out,
        );
        if let Some(FlowItem::Line(first)) = out.get_mut(start) {
            first.mark = Some(Mark {
                depth: 0,
                title: text.meta.title.clone(),
            });
        }
        if let Some(sub) = &text.meta.subtitle {
            out.push(FlowItem::Space(g.body.leading / 2.0));
            self.plain(sub, &centered(g.heading, Style::Italic), span, out);
        }
        if let Some(author) = &text.meta.author {
            out.push(FlowItem::Space(g.body.leading));
            let line = self.small_caps_line(author, g.heading, span);
            out.push(FlowItem::Line(line));
        }
        let source = source_line(&text.meta);
        if !source.is_empty() {
            out.push(FlowItem::Space(g.body.leading / 2.0));
            self.plain(&source, &centered(g.note, Style::Italic), span, out);
        }
        for item in &mut out[first..] {
            if let FlowItem::Line(l) = item {
                l.keep_with_next = true;
            }
        }
        out.push(FlowItem::Space(AFTER_OPENING_LINES * g.body.leading));
        if !text.headnote.is_empty() {
            self.headnote(&text.headnote, out);
        }
    }

    /// The editors' headnote: indented like a quotation, in the quotation size, closed
    /// by a short rule and the white of the opening before the text itself begins.
    fn headnote(&mut self, blocks: &[crate::model::Block], out: &mut Vec<FlowItem>) {
        let g = self.geometry.clone();
        let frame = Frame {
            left: g.block_indent,
            right: g.block_indent,
            size: g.quote,
            style: Style::Regular,
            align: Align::Justify,
        };
        self.blocks(blocks, &frame, &NoNotes, out);
        out.push(FlowItem::Space(g.body.leading / 2.0));
        let width = HEADNOTE_RULE_EMS * g.body.size;
        let mut line = bare_line(Vec::new(), g.body.leading, None);
        line.rules.push(super::page::Rule {
            x: (g.measure() - width) / 2.0,
            y: -g.body.size * HEADNOTE_RULE_RISE,
            width,
            thickness: HEADNOTE_RULE_THICKNESS,
        });
        out.push(FlowItem::Line(line));
        out.push(FlowItem::Space(AFTER_HEADNOTE_LINES * g.body.leading));
    }

    /// Sets a plain string (titles, generated text) as lines of `frame`.
    pub fn plain(&mut self, s: &str, frame: &Frame, span: Span, out: &mut Vec<FlowItem>) {
        let pieces = vec![Piece::Text {
            text: s.to_string(),
            style: frame.style,
            offset: 0,
            lang: None,
        }];
        let numbers = NoNotes;
        let ctx = ParaCtx {
            block: None,
            span,
            numbers: &numbers,
        };
        self.paragraph(&[], pieces, frame, 0.0, ctx, out);
        for item in out.iter_mut().rev() {
            match item {
                FlowItem::Line(l) if l.block.is_none() => l.offset = None,
                _ => break,
            }
        }
    }

    /// One centered line in real small capitals (upper case kept as capitals).
    pub fn small_caps_line(&mut self, s: &str, size: TypeSize, span: Span) -> FlowLine {
        let shaped = self.shaper.shape(s, Style::Regular, Variant::SmallCaps);
        for &c in &shaped.missing {
            self.missing.push(super::flow::Missing {
                c,
                span,
                text: self.current_text,
            });
        }
        let width = shaped.width(0..shaped.glyphs.len()) * size.size;
        let x = ((self.geometry.measure() - width) / 2.0).max(0.0);
        let run = super::text_run(&shaped, size.size, x);
        bare_line(vec![run], size.leading, None)
    }

    /// One centered line of plain text (short strings only: it is not broken).
    pub fn centered_line(
        &mut self,
        s: &str,
        style: Style,
        size: TypeSize,
        block: Option<BlockId>,
    ) -> FlowLine {
        let shaped = self.shaper.shape(s, style, Variant::Normal);
        let width = shaped.width(0..shaped.glyphs.len()) * size.size;
        let x = ((self.geometry.measure() - width) / 2.0).max(0.0);
        let run = super::text_run(&shaped, size.size, x);
        bare_line(vec![run], size.leading, block)
    }
}

/// A line of the vertical list that is not body text.
pub fn bare_line(
    runs: Vec<super::page::GlyphRun>,
    leading: f32,
    block: Option<BlockId>,
) -> FlowLine {
    FlowLine {
        runs: super::flow::LineRuns::new(runs),
        rules: Vec::new(),
        leading,
        keep_with_next: false,
        block,
        offset: None,
        notes: Vec::new(),
        calls: Vec::new(),
        spans: Vec::new(),
        uris: Vec::new(),
        mark: None,
        hyphenated: false,
        ratio: 0.0,
        overfull: false,
        justified: false,
        para: None,
        link: None,
        page_links: Vec::new(),
        anchor: None,
    }
}

struct NoNotes;
impl super::paragraph::NoteNumbers for NoNotes {
    fn number(&self, _: crate::model::NoteId) -> u32 {
        0
    }
}

/// "Published in Punto Final, 1973. CC BY-SA 4.0." from what the text's metadata gives.
pub fn source_line(meta: &TextMeta) -> String {
    let mut parts = Vec::new();
    if let Some(p) = meta.published_in.as_ref().or(meta.publisher.as_ref()) {
        parts.push(p.clone());
    }
    if let Some(d) = &meta.date {
        parts.push(crate::config::display_date(d));
    }
    let mut line = parts.join(", ");
    if let Some(l) = &meta.licence {
        if !line.is_empty() {
            line.push_str(". ");
        }
        line.push_str(l);
    }
    line
}
