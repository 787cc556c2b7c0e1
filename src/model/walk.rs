//! Walking the model: every inline of a run of blocks, depth first in reading order, so
//! the checks and views that look at text or note calls need no tree code of their own.

use super::{Block, BlockKind, Inline};

/// Calls `f` on every inline of `blocks` (containers and their contents alike), in
/// reading order: a quotation's and a list's blocks in turn, an emphasis (or a link, or
/// a foreign phrase) before its contents.
pub fn for_each_inline<'a>(blocks: &'a [Block], f: &mut impl FnMut(&'a Inline)) {
    for block in blocks {
        for_each_inline_of(block, f);
    }
}

/// [`for_each_inline`] on one block.
pub fn for_each_inline_of<'a>(block: &'a Block, f: &mut impl FnMut(&'a Inline)) {
    match &block.kind {
        BlockKind::Heading { content, .. } | BlockKind::Paragraph(content) => inlines(content, f),
        BlockKind::Quote(children) => for_each_inline(children, f),
        BlockKind::List { items, .. } => items.iter().for_each(|item| for_each_inline(item, f)),
        BlockKind::Rule => {}
    }
}

fn inlines<'a>(list: &'a [Inline], f: &mut impl FnMut(&'a Inline)) {
    for i in list {
        f(i);
        if let Some(c) = i.children() {
            inlines(c, f);
        }
    }
}
