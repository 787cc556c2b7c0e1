//! Stage 1 of a paragraph: collect its inlines into flat pieces of styled text, note calls
//! and forced breaks, each with its byte offset in the block's plain text (the offsets of
//! `model::text::inline_text`, which the page map uses); a piece of a foreign phrase
//! carries its language (for its hyphenation).

use crate::model::{Inline, InlineKind, LangTag, NoteId};
use crate::typeset::fonts::Style;

/// One piece of a paragraph's content.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    /// Text in one style; spaces inside it are break opportunities.
    Text {
        text: String,
        style: Style,
        offset: usize,
        /// The language of a foreign phrase; `None` in the paragraph's own language.
        lang: Option<LangTag>,
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
    let mut cx = Walk {
        numbers,
        offset: 0,
        out: &mut out,
    };
    cx.walk(inlines, base, None);
    out
}

/// The state of one walk through a paragraph's inlines.
struct Walk<'a> {
    numbers: &'a dyn NoteNumbers,
    offset: usize,
    out: &'a mut Vec<Piece>,
}

impl Walk<'_> {
    fn walk(&mut self, inlines: &[Inline], style: Style, lang: Option<&LangTag>) {
        for inline in inlines {
            let offset = &mut self.offset;
            let out = &mut *self.out;
            match &inline.kind {
                InlineKind::Text(s) | InlineKind::Code(s) => {
                    push_text(out, s, style, *offset, lang);
                    *offset += s.len();
                }
                InlineKind::Emph(c) => self.walk(c, style.emphasized(), lang),
                InlineKind::Strong(c) => self.walk(c, style.strong(), lang),
                InlineKind::Link { content, .. } => self.walk(content, style, lang),
                InlineKind::Lang { lang, content } => self.walk(content, style, Some(lang)),
                InlineKind::NoteRef(note) => out.push(Piece::NoteCall {
                    note: *note,
                    number: self.numbers.number(*note),
                }),
                InlineKind::LineBreak => {
                    out.push(Piece::LineBreak { offset: *offset });
                    // `inline_text` counts a forced break as one space.
                    *offset += 1;
                }
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
                InlineKind::Emph(c)
                | InlineKind::Strong(c)
                | InlineKind::Lang { content: c, .. } => walk(c, offset, out),
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

/// Appends text, merging with the previous piece when the style and language are the
/// same and the offsets are contiguous (fewer, longer pieces shape better across inline
/// boundaries).
fn push_text(out: &mut Vec<Piece>, s: &str, style: Style, offset: usize, lang: Option<&LangTag>) {
    if s.is_empty() {
        return;
    }
    if let Some(Piece::Text {
        text,
        style: prev,
        offset: start,
        lang: prev_lang,
    }) = out.last_mut()
        && *prev == style
        && prev_lang.as_ref() == lang
        && *start + text.len() == offset
    {
        text.push_str(s);
        return;
    }
    out.push(Piece::Text {
        text: s.to_string(),
        style,
        offset,
        lang: lang.cloned(),
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
                offset: 4,
                lang: None,
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

    #[test]
    fn a_foreign_phrase_gives_its_pieces_its_language() {
        let es = LangTag::parse("es").unwrap();
        let inlines = vec![
            inline(InlineKind::Text("the ".into())),
            inline(InlineKind::Lang {
                lang: es.clone(),
                content: vec![
                    inline(InlineKind::Text("cordones ".into())),
                    inline(InlineKind::Emph(vec![inline(InlineKind::Text(
                        "industriales".into(),
                    ))])),
                ],
            }),
            inline(InlineKind::Text(" grew".into())),
        ];
        let pieces = collect(&inlines, Style::Regular, &Numbers);
        let langs: Vec<(&str, Option<&str>)> = pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Text { text, lang, .. } => {
                    Some((text.as_str(), lang.as_ref().map(LangTag::as_str)))
                }
                _ => None,
            })
            .collect();
        assert_eq!(
            langs,
            [
                ("the ", None),
                ("cordones ", Some("es")),
                ("industriales", Some("es")),
                (" grew", None)
            ]
        );
    }
}
