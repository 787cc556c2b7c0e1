//! Plain-text views of model nodes, shared by the outputs and the tests (word counts,
//! "nothing lost", page starts).

use super::{Block, BlockKind, Inline, InlineKind};

/// The visible text of a run of inlines (note calls excluded).
pub fn inline_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    push_inlines(inlines, &mut out);
    out
}

fn push_inlines(inlines: &[Inline], out: &mut String) {
    for i in inlines {
        match &i.kind {
            InlineKind::Text(s) | InlineKind::Code(s) => out.push_str(s),
            InlineKind::Emph(c) | InlineKind::Strong(c) | InlineKind::Link { content: c, .. } => push_inlines(c, out),
            InlineKind::NoteRef(_) => {}
            InlineKind::LineBreak => out.push(' '),
        }
    }
}

/// The visible text of a block and its children, paragraphs separated by newlines.
pub fn block_text(block: &Block) -> String {
    let mut out = String::new();
    push_block(block, &mut out);
    out
}

fn push_block(block: &Block, out: &mut String) {
    match &block.kind {
        BlockKind::Heading { content, .. } | BlockKind::Paragraph(content) => {
            push_inlines(content, out);
            out.push('\n');
        }
        BlockKind::Quote(blocks) => blocks.iter().for_each(|b| push_block(b, out)),
        BlockKind::List { items, .. } => items.iter().flatten().for_each(|b| push_block(b, out)),
        BlockKind::Rule => {}
    }
}

/// Number of words (runs of letters or digits) in a string.
pub fn word_count(s: &str) -> usize {
    s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).count()
}
