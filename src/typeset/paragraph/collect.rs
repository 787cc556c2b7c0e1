//! Stage 1 of a paragraph: collect its inlines into flat pieces of styled text, note calls
//! and forced breaks, each with its byte offset in the block's plain text (the offsets of
//! `model::text::inline_text`, which the page map uses).

use crate::model::{Inline, InlineKind, NoteId};
use crate::typeset::fonts::Style;

/// One piece of a paragraph's content.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    /// Text in one style; spaces inside it are break opportunities.
    Text {
        text: String,
        style: Style,
        offset: usize,
    },
    /// A note call, set as a superior figure after the preceding word.
    NoteCall { note: NoteId, number: u32 },
    /// A forced line break.
    LineBreak { offset: usize },
}

/// What a collected paragraph needs to know about note numbers.
pub trait NoteNumbers {
    /// The printed number of a note call (per text).
    fn number(&self, note: NoteId) -> u32;
}

/// Flattens `inlines` set in `base` style.
pub fn collect(inlines: &[Inline], base: Style, numbers: &dyn NoteNumbers) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut offset = 0;
    walk(inlines, base, numbers, &mut offset, &mut out);
    out
}

fn walk(
    inlines: &[Inline],
    style: Style,
    numbers: &dyn NoteNumbers,
    offset: &mut usize,
    out: &mut Vec<Piece>,
) {
    for inline in inlines {
        match &inline.kind {
            InlineKind::Text(s) | InlineKind::Code(s) => {
                push_text(out, s, style, *offset);
                *offset += s.len();
            }
            InlineKind::Emph(c) => walk(c, style.emphasized(), numbers, offset, out),
            InlineKind::Strong(c) => walk(c, style.strong(), numbers, offset, out),
            InlineKind::Link { content, .. } => walk(content, style, numbers, offset, out),
            InlineKind::NoteRef(note) => out.push(Piece::NoteCall {
                note: *note,
                number: numbers.number(*note),
            }),
            InlineKind::LineBreak => {
                out.push(Piece::LineBreak { offset: *offset });
                // `inline_text` counts a forced break as one space.
                *offset += 1;
            }
        }
    }
}

/// The links of a run of inlines: byte ranges of the block's plain text and their URLs.
pub fn links(inlines: &[Inline]) -> Vec<(std::ops::Range<usize>, String)> {
    fn walk(
        inlines: &[Inline],
        offset: &mut usize,
        out: &mut Vec<(std::ops::Range<usize>, String)>,
    ) {
        for inline in inlines {
            match &inline.kind {
                InlineKind::Text(s) | InlineKind::Code(s) => *offset += s.len(),
                InlineKind::Emph(c) | InlineKind::Strong(c) => walk(c, offset, out),
                InlineKind::Link { url, content } => {
                    let start = *offset;
                    walk(content, offset, out);
                    out.push((start..*offset, url.clone()));
                }
                InlineKind::NoteRef(_) => {}
                InlineKind::LineBreak => *offset += 1,
            }
        }
    }
    let mut out = Vec::new();
    walk(inlines, &mut 0, &mut out);
    out
}

/// Appends text, merging with the previous piece when the style is the same and the
/// offsets are contiguous (fewer, longer pieces shape better across inline boundaries).
fn push_text(out: &mut Vec<Piece>, s: &str, style: Style, offset: usize) {
    if s.is_empty() {
        return;
    }
    if let Some(Piece::Text {
        text,
        style: prev,
        offset: start,
    }) = out.last_mut()
        && *prev == style
        && *start + text.len() == offset
    {
        text.push_str(s);
        return;
    }
    out.push(Piece::Text {
        text: s.to_string(),
        style,
        offset,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{FileId, Span};

    struct Numbers;
    impl NoteNumbers for Numbers {
        fn number(&self, note: NoteId) -> u32 {
            note.0 + 1
        }
    }

    fn inline(kind: InlineKind) -> Inline {
        Inline {
            span: Span::new(FileId(0), 0..0),
            kind,
        }
    }

    #[test]
    fn offsets_follow_inline_text() {
        let inlines = vec![
            inline(InlineKind::Text("The ".into())),
            inline(InlineKind::Emph(vec![inline(InlineKind::Text(
                "MIR".into(),
            ))])),
            inline(InlineKind::NoteRef(NoteId(2))),
            inline(InlineKind::Text(" was".into())),
            inline(InlineKind::LineBreak),
            inline(InlineKind::Text("founded".into())),
        ];
        let pieces = collect(&inlines, Style::Regular, &Numbers);
        let plain = crate::model::text::inline_text(&inlines);
        assert_eq!(
            pieces[1],
            Piece::Text {
                text: "MIR".into(),
                style: Style::Italic,
                offset: 4
            }
        );
        assert_eq!(
            pieces[2],
            Piece::NoteCall {
                note: NoteId(2),
                number: 3
            }
        );
        let Piece::Text { offset, .. } = pieces.last().unwrap() else {
            panic!()
        };
        assert_eq!(&plain[*offset..], "founded");
    }
}
