//! Footnote calls that pulldown-cmark could not resolve: it passes an undefined
//! `[^label]` through as plain text, so they are found here and reported.

use super::{MarkdownSource, Parsed};
use crate::diag::{Diagnostic, codes};
use crate::model::{Block, BlockKind, Inline, InlineKind};

/// pulldown-cmark passes an undefined `[^label]` through as plain text: find those.
pub(super) fn find_unparsed_calls(
    parsed: &Parsed,
    src: MarkdownSource,
    diags: &mut Vec<Diagnostic>,
) {
    fn walk_inlines(inlines: &[Inline], src: MarkdownSource, diags: &mut Vec<Diagnostic>) {
        for i in inlines {
            match &i.kind {
                InlineKind::Text(s) => {
                    if let Some(pos) = s.find("[^") {
                        if let Some(len) = s[pos..].find(']') {
                            let label = &s[pos + 2..pos + len];
                            if !label.is_empty() && !label.contains(char::is_whitespace) {
                                // Point at the call itself when it stands verbatim in the source.
                                let call = format!("[^{label}]");
                                let local = i.span.start as usize - src.offset
                                    ..(i.span.end as usize - src.offset).min(src.text.len());
                                let span = src
                                    .text
                                    .get(local.clone())
                                    .and_then(|t| t.find(&call))
                                    .map_or(i.span, |p| i.span.sub(p..p + call.len()));
                                diags.push(
                                    Diagnostic::new(codes::UNDEFINED_FOOTNOTE, format!("footnote `[^{label}]` is called but never defined"))
                                        .at(span)
                                        .hint(format!("add a line `[^{label}]: …` with the note's text, or write `\\[^{label}]` for literal text")),
                                );
                            }
                        }
                    }
                }
                InlineKind::Emph(c)
                | InlineKind::Strong(c)
                | InlineKind::Link { content: c, .. } => walk_inlines(c, src, diags),
                _ => {}
            }
        }
    }
    fn walk_blocks(blocks: &[Block], src: MarkdownSource, diags: &mut Vec<Diagnostic>) {
        for b in blocks {
            match &b.kind {
                BlockKind::Heading { content, .. } | BlockKind::Paragraph(content) => {
                    walk_inlines(content, src, diags)
                }
                BlockKind::Quote(children) => walk_blocks(children, src, diags),
                BlockKind::List { items, .. } => {
                    items.iter().for_each(|i| walk_blocks(i, src, diags))
                }
                BlockKind::Rule => {}
            }
        }
    }
    walk_blocks(&parsed.blocks, src, diags);
    parsed
        .notes
        .iter()
        .for_each(|n| walk_blocks(&n.blocks, src, diags));
}
