//! Notes set as lines: each note of a text in the note size with its number in front,
//! ready for the foot of the page (pagination places them) or for the end of the text.

use std::collections::BTreeMap;

use super::Layout;
use super::flow::{FlowItem, FlowLine, Frame, Mark, ParaCtx, TextNotes};
use super::fonts::Style;
use super::paragraph::{Align, Piece};
use crate::model::{BlockKind, NoteId, Text};

/// The lines of each note, by note.
pub type NoteLines = BTreeMap<NoteId, Vec<FlowLine>>;

impl Layout<'_, '_> {
    /// Sets every note of `text`.
    pub fn note_lines(&mut self, text: &Text) -> NoteLines {
        let g = self.geometry.clone();
        let numbers = TextNotes(text);
        let frame = Frame {
            left: 0.0,
            right: 0.0,
            size: g.note,
            style: Style::Regular,
            align: Align::Justify,
        };
        let mut all = NoteLines::new();
        for note in &text.notes {
            let mut out = Vec::new();
            for (i, block) in note.blocks.iter().enumerate() {
                let ctx = ParaCtx {
                    block: Some(block.id),
                    span: block.span,
                    numbers: &numbers,
                };
                match (&block.kind, i) {
                    (BlockKind::Paragraph(inlines), 0) => {
                        // The number in text figures, then an en space: the usual form
                        // of a note at the foot of a page.
                        let label = vec![Piece::Text {
                            text: format!("{}.\u{2002}", note.number),
                            style: Style::Regular,
                            offset: 0,
                            lang: None,
                        }];
                        self.paragraph(inlines, label, &frame, 0.0, ctx, &mut out);
                    }
                    (BlockKind::Paragraph(inlines), _) => {
                        self.paragraph(inlines, Vec::new(), &frame, g.indent, ctx, &mut out)
                    }
                    _ => self.blocks(std::slice::from_ref(block), &frame, &numbers, &mut out),
                }
            }
            let lines = out
                .into_iter()
                .filter_map(|item| match item {
                    FlowItem::Line(l) => Some(l),
                    _ => None,
                })
                .collect();
            all.insert(note.id, lines);
        }
        all
    }

    /// Appends the notes of a text under a "Notes" heading after its last block.
    pub fn end_notes(&mut self, text: &Text, notes: &NoteLines, out: &mut Vec<FlowItem>) {
        if text.notes.is_empty() {
            return;
        }
        let g = self.geometry.clone();
        out.push(FlowItem::Space(1.5 * g.body.leading));
        let heading = Frame {
            left: 0.0,
            right: 0.0,
            size: g.heading,
            style: Style::Italic,
            align: Align::Left,
        };
        let start = out.len();
        self.plain("Notes", &heading, text.notes[0].span, out);
        for item in &mut out[start..] {
            if let FlowItem::Line(l) = item {
                l.keep_with_next = true;
                l.mark = Some(Mark {
                    depth: 1,
                    title: "Notes".into(),
                });
            }
        }
        out.push(FlowItem::Space(g.body.leading / 2.0));
        for note in &text.notes {
            out.push(FlowItem::Space(g.note.leading / 4.0));
            for line in notes.get(&note.id).into_iter().flatten() {
                out.push(FlowItem::Line(line.clone()));
            }
        }
    }
}
