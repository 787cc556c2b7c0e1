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
            BlockKind::List { items, .. } => items.iter_mut().for_each(|i| for_each_leaf_mut(i, f)),
            BlockKind::Rule => {}
        }
    }
}

/// The block `id`, at any depth (inside quotations and list items).
pub fn find_block(blocks: &[Block], id: BlockId) -> Option<&Block> {
    blocks.iter().find_map(|b| {
        if b.id == id {
            return Some(b);
        }
        match &b.kind {
            BlockKind::Quote(children) => find_block(children, id),
            BlockKind::List { items, .. } => items.iter().find_map(|i| find_block(i, id)),
            _ => None,
        }
    })
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
    // Wraps the inlines gathered so far, the spaces at their edges left outside (a
    // piece beside a note call); 1 when it made a container.
    let flush = |group: &mut Vec<Inline>, out: &mut Vec<Inline>| -> usize {
        let (lead, trail) = edge_spaces(group);
        out.extend(lead);
        let (Some(first), Some(last)) = (group.first(), group.last()) else {
            out.extend(trail);
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
        out.extend(trail);
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

/// Takes the spaces that begin the first and end the last of `group`'s inlines (when
/// they are text) out of it, as inlines of their own.
fn edge_spaces(group: &mut Vec<Inline>) -> (Option<Inline>, Option<Inline>) {
    let mut cut = |at_start: bool| -> Option<Inline> {
        let k = if at_start {
            0
        } else {
            group.len().checked_sub(1)?
        };
        group.get(k)?;
        let span = group[k].span;
        let InlineKind::Text(s) = &mut group[k].kind else {
            return None;
        };
        let kept = if at_start {
            s.trim_start()
        } else {
            s.trim_end()
        };
        if kept.len() == s.len() {
            return None;
        }
        let spaces = if at_start {
            let rest = s.split_off(s.len() - kept.len());
            std::mem::replace(s, rest)
        } else {
            s.split_off(kept.len())
        };
        if s.is_empty() {
            group.remove(k);
        }
        Some(Inline {
            span,
            kind: InlineKind::Text(spaces),
        })
    };
    let lead = cut(true);
    let trail = cut(false);
    (lead, trail)
}

/// Whether a note call stands in `i` or inside it.
fn has_note_call(i: &Inline) -> bool {
    matches!(i.kind, InlineKind::NoteRef(_))
        || i.children().is_some_and(|c| c.iter().any(has_note_call))
}

#[cfg(test)]
mod tests;
