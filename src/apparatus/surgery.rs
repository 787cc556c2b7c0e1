//! Edits of the model at plain-text offsets: the leaf blocks of a text with their plain
//! text (the coordinates of every anchor), inserting a note call at an offset, replacing
//! a range of words. Offsets are bytes of `model::text::inline_text` of the block.
//!
//! Must not know: anchors, registries, files.

use std::ops::Range;

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
                InlineKind::Emph(c)
                | InlineKind::Strong(c)
                | InlineKind::Link { content: c, .. } => {
                    return insert_at(c, local, new);
                }
                // Inside inline code or a bad boundary: after the inline.
                _ => {
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
            return match &mut i.kind {
                InlineKind::Text(s) => {
                    s.replace_range(local, with);
                    Ok(())
                }
                InlineKind::Emph(c)
                | InlineKind::Strong(c)
                | InlineKind::Link { content: c, .. } => replace_range(c, local, with),
                _ => Err(ReplaceError::CrossesFormatting),
            };
        }
        pos = end;
    }
    Err(ReplaceError::OutOfRange)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{FileId, Span};
    use crate::model::NoteId;

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
}
