//! Edits of the model at plain-text offsets: the leaf blocks of a text with their plain
//! text (the coordinates of every anchor), inserting a note call at an offset, replacing
//! a range of words, wrapping a range in a container (a foreign phrase). Offsets are
//! bytes of `model::text::inline_text` of the block.
//!
//! Must not know: anchors, registries, files.

use std::ops::Range;

use crate::diag::Span;
use crate::model::text::inline_text;
use crate::model::{Block, BlockId, BlockKind, Inline, InlineKind};

/// Headings and paragraphs (also inside quotations and lists), in reading order, with
/// their plain text.
pub fn leaf_texts(blocks: &[Block]) -> Vec<(BlockId, String)> {
    let mut out = Vec::new();
    walk(blocks, &mut |b, content| {
        out.push((b, inline_text(content)))
    });
    out
}

fn walk(blocks: &[Block], f: &mut dyn FnMut(BlockId, &[Inline])) {
    for b in blocks {
        match &b.kind {
            BlockKind::Heading { content, .. } | BlockKind::Paragraph(content) => f(b.id, content),
            BlockKind::Quote(children) => walk(children, f),
            BlockKind::List { items, .. } => items.iter().for_each(|i| walk(i, f)),
            BlockKind::Rule => {}
        }
    }
}

/// Calls `f` on the inlines of every heading and paragraph of `blocks` (also inside
/// quotations and lists), in reading order, to edit them.
pub fn for_each_leaf_mut(blocks: &mut [Block], f: &mut dyn FnMut(BlockId, &mut Vec<Inline>)) {
    for b in blocks {
        match &mut b.kind {
            BlockKind::Heading { content, .. } | BlockKind::Paragraph(content) => f(b.id, content),
            BlockKind::Quote(children) => for_each_leaf_mut(children, f),
            BlockKind::List { items, .. } => {
                items.iter_mut().for_each(|i| for_each_leaf_mut(i, f))
            }
            BlockKind::Rule => {}
        }
    }
}

/// The inlines of the leaf block `id`.
pub fn leaf_mut(blocks: &mut [Block], id: BlockId) -> Option<&mut Vec<Inline>> {
    for b in blocks {
        let found = match &mut b.kind {
            BlockKind::Heading { content, .. } | BlockKind::Paragraph(content) => {
                (b.id == id).then_some(content)
            }
            BlockKind::Quote(children) => leaf_mut(children, id),
            BlockKind::List { items, .. } => items.iter_mut().find_map(|i| leaf_mut(i, id)),
            BlockKind::Rule => None,
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

fn visible_len(i: &Inline) -> usize {
    inline_text(std::slice::from_ref(i)).len()
}

/// Inserts `new` at plain-text `offset`: after an inline that ends there (outside any
/// emphasis or link that ends there), else inside the text run that spans it, split.
/// Returns false when `offset` lies beyond the text.
pub fn insert_at(inlines: &mut Vec<Inline>, offset: usize, new: Inline) -> bool {
    let mut pos = 0;
    for k in 0..inlines.len() {
        let len = visible_len(&inlines[k]);
        let end = pos + len;
        if offset == end && len > 0 {
            inlines.insert(k + 1, new);
            return true;
        }
        if offset < end {
            let local = offset - pos;
            let span = inlines[k].span;
            match &mut inlines[k].kind {
                InlineKind::Text(s) if s.is_char_boundary(local) => {
                    let tail = s.split_off(local);
                    let tail = Inline {
                        span,
                        kind: InlineKind::Text(tail),
                    };
                    inlines.insert(k + 1, new);
                    inlines.insert(k + 2, tail);
                    return true;
                }
                _ => {
                    if let Some(c) = inlines[k].children_mut() {
                        return insert_at(c, local, new);
                    }
                    // Inside inline code or a bad boundary: after the inline.
                    inlines.insert(k + 1, new);
                    return true;
                }
            }
        }
        pos = end;
    }
    if offset == pos {
        inlines.push(new);
        return true;
    }
    false
}

/// Why a replacement could not be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplaceError {
    /// The range spans more than one run of plain text (emphasis, a link, a note call).
    CrossesFormatting,
    /// The range lies beyond the text.
    OutOfRange,
}

/// Replaces the plain-text `range` by `with`; the range must lie inside one text run.
pub fn replace_range(
    inlines: &mut [Inline],
    range: Range<usize>,
    with: &str,
) -> Result<(), ReplaceError> {
    let mut pos = 0;
    for i in inlines.iter_mut() {
        let len = visible_len(i);
        let end = pos + len;
        if range.start >= pos && range.start < end || (range.start == pos && len > 0) {
            if range.end > end {
                return Err(ReplaceError::CrossesFormatting);
            }
            let local = range.start - pos..range.end - pos;
            if let InlineKind::Text(s) = &mut i.kind {
                s.replace_range(local, with);
                return Ok(());
            }
            return match i.children_mut() {
                Some(c) => replace_range(c, local, with),
                None => Err(ReplaceError::CrossesFormatting),
            };
        }
        pos = end;
    }
    Err(ReplaceError::OutOfRange)
}

/// Wraps the plain-text `range` in containers made by `make` (a foreign phrase) and
/// returns how many it made: one around the inlines the range covers, split at the ends
/// of the range when they fall inside a run of text. The range is never wrapped across
/// the edge of an emphasis or a link (the part inside one is wrapped inside it, so the
/// link stays whole) and never around a note call (the parts on either side are wrapped
/// apart); inline code is wrapped only whole.
pub fn wrap_range(
    inlines: &mut Vec<Inline>,
    range: Range<usize>,
    make: &dyn Fn(Vec<Inline>) -> InlineKind,
) -> usize {
    split_text_at(inlines, range.start);
    split_text_at(inlines, range.end);
    let mut out = Vec::with_capacity(inlines.len());
    let mut group: Vec<Inline> = Vec::new();
    let mut made = 0;
    // Wraps the inlines gathered so far; 1 when it made a container.
    let flush = |group: &mut Vec<Inline>, out: &mut Vec<Inline>| -> usize {
        let (Some(first), Some(last)) = (group.first(), group.last()) else {
            return 0;
        };
        let joined = first.span.file == last.span.file && first.span.start <= last.span.end;
        let span = match joined {
            true => Span {
                end: last.span.end,
                ..first.span
            },
            false => first.span,
        };
        out.push(Inline {
            span,
            kind: make(std::mem::take(group)),
        });
        1
    };
    let mut pos = 0;
    for mut i in std::mem::take(inlines) {
        let len = visible_len(&i);
        let (start, end) = (pos, pos + len);
        pos = end;
        let inside = start >= range.start && end <= range.end;
        let calls = has_note_call(&i);
        if len > 0 && inside && !calls {
            group.push(i);
            continue;
        }
        made += flush(&mut group, &mut out);
        let overlaps = start < range.end && range.start < end;
        if overlaps && let Some(c) = i.children_mut() {
            let local = range.start.max(start) - start..range.end.min(end) - start;
            made += wrap_range(c, local, make);
        }
        out.push(i);
    }
    made += flush(&mut group, &mut out);
    *inlines = out;
    made
}

/// Splits the run of text (at this level) that `offset` falls inside, on a character
/// boundary, so that an inline ends there.
fn split_text_at(inlines: &mut Vec<Inline>, offset: usize) {
    let mut pos = 0;
    for k in 0..inlines.len() {
        let len = visible_len(&inlines[k]);
        if offset > pos && offset < pos + len {
            let span = inlines[k].span;
            if let InlineKind::Text(s) = &mut inlines[k].kind
                && s.is_char_boundary(offset - pos)
            {
                let tail = s.split_off(offset - pos);
                let tail = Inline {
                    span,
                    kind: InlineKind::Text(tail),
                };
                inlines.insert(k + 1, tail);
            }
            return;
        }
        pos += len;
    }
}

/// Whether a note call stands in `i` or inside it.
fn has_note_call(i: &Inline) -> bool {
    matches!(i.kind, InlineKind::NoteRef(_))
        || i.children().is_some_and(|c| c.iter().any(has_note_call))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::FileId;
    use crate::model::{LangTag, NoteId};

    fn t(s: &str) -> Inline {
        Inline {
            span: Span::new(FileId(0), 0..0),
            kind: InlineKind::Text(s.to_string()),
        }
    }

    fn call(n: u32) -> Inline {
        Inline {
            span: Span::new(FileId(0), 0..0),
            kind: InlineKind::NoteRef(NoteId(n)),
        }
    }

    fn shape(inlines: &[Inline]) -> String {
        inlines
            .iter()
            .map(|i| match &i.kind {
                InlineKind::Text(s) => format!("[{s}]"),
                InlineKind::NoteRef(n) => format!("^{n}"),
                InlineKind::Emph(c) => format!("*{}*", shape(c)),
                InlineKind::Link { content, .. } => format!("<{}>", shape(content)),
                InlineKind::Lang { content, .. } => format!("{{{}}}", shape(content)),
                _ => "?".into(),
            })
            .collect()
    }

    #[test]
    fn inserts_inside_a_run_and_after_emphasis() {
        let mut v = vec![t("founded on 12 October 1965. At its")];
        assert!(insert_at(
            &mut v,
            "founded on 12 October 1965".len(),
            call(1)
        ));
        assert_eq!(shape(&v), "[founded on 12 October 1965]^n1[. At its]");
        let emph = Inline {
            span: Span::new(FileId(0), 0..0),
            kind: InlineKind::Emph(vec![t("mediagua")]),
        };
        let mut v = vec![t("a little "), emph, t(" we put up")];
        assert!(insert_at(&mut v, "a little mediagua".len(), call(2)));
        assert_eq!(shape(&v), "[a little ]*[mediagua]*^n2[ we put up]");
        assert!(!insert_at(&mut v, 999, call(3)));
    }

    #[test]
    fn replaces_inside_one_run_only() {
        let mut v = vec![t("I was thrille by it")];
        replace_range(&mut v, 6..13, "thrilled").unwrap();
        assert_eq!(shape(&v), "[I was thrilled by it]");
        let emph = Inline {
            span: Span::new(FileId(0), 0..0),
            kind: InlineKind::Emph(vec![t("b")]),
        };
        let mut v = vec![t("a "), emph, t(" c")];
        assert_eq!(
            replace_range(&mut v, 0..3, "x"),
            Err(ReplaceError::CrossesFormatting)
        );
    }

    fn es(content: Vec<Inline>) -> InlineKind {
        InlineKind::Lang {
            lang: LangTag::parse("es").unwrap(),
            content,
        }
    }

    fn link(content: Vec<Inline>) -> Inline {
        Inline {
            span: Span::new(FileId(0), 0..0),
            kind: InlineKind::Link {
                url: "https://example.org".into(),
                content,
            },
        }
    }

    #[test]
    fn wraps_inside_a_run_and_around_emphasis() {
        let mut v = vec![t("the cordones industriales grew")];
        assert_eq!(wrap_range(&mut v, 4..25, &es), 1);
        assert_eq!(shape(&v), "[the ]{[cordones industriales]}[ grew]");
        let emph = Inline {
            span: Span::new(FileId(0), 0..0),
            kind: InlineKind::Emph(vec![t("mediagua")]),
        };
        let mut v = vec![t("a little "), emph, t(" we put up")];
        assert_eq!(wrap_range(&mut v, 9..17, &es), 1);
        assert_eq!(shape(&v), "[a little ]{*[mediagua]*}[ we put up]");
        // The plain text, and so every offset of the apparatus, is unchanged.
        assert_eq!(inline_text(&v), "a little mediagua we put up");
    }

    #[test]
    fn never_wraps_a_note_call_nor_across_a_link_edge() {
        let mut v = vec![t("Poder"), call(1), t(" Popular now")];
        assert_eq!(wrap_range(&mut v, 0..13, &es), 2);
        assert_eq!(shape(&v), "{[Poder]}^n1{[ Popular]}[ now]");
        // A phrase that begins before a link and ends inside it: the link stays whole.
        let mut v = vec![t("the Unidad "), link(vec![t("Popular pact")])];
        assert_eq!(wrap_range(&mut v, 4..18, &es), 2);
        assert_eq!(shape(&v), "[the ]{[Unidad ]}<{[Popular]}[ pact]>");
        // Inside one link: wrapped inside it.
        let mut v = vec![link(vec![t("El Rebelde")]), t(", a paper")];
        assert_eq!(wrap_range(&mut v, 0..10, &es), 1);
        assert_eq!(shape(&v), "{<[El Rebelde]>}[, a paper]");
    }
}
