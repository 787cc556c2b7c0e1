//! Footnote calls that pulldown-cmark could not resolve: it passes an undefined
//! `[^label]` through as plain text, so they are found here and reported.

use super::{MarkdownSource, Parsed};
use crate::diag::{Diagnostic, codes};
use crate::model::walk::for_each_inline;
use crate::model::{Inline, InlineKind};

pub(super) fn find_unparsed_calls(
    parsed: &Parsed,
    src: MarkdownSource,
    diags: &mut Vec<Diagnostic>,
) {
    let mut check = |i: &Inline| {
        if let InlineKind::Text(s) = &i.kind
            && let Some(d) = unparsed_call(i, s, src)
        {
            diags.push(d);
        }
    };
    for_each_inline(&parsed.blocks, &mut check);
    parsed
        .notes
        .iter()
        .for_each(|n| for_each_inline(&n.blocks, &mut check));
}

/// The diagnostic for the first `[^label]` left in the text of `inline`, if any.
fn unparsed_call(inline: &Inline, text: &str, src: MarkdownSource) -> Option<Diagnostic> {
    let pos = text.find("[^")?;
    let len = text[pos..].find(']')?;
    let label = &text[pos + 2..pos + len];
    if label.is_empty() || label.contains(char::is_whitespace) {
        return None;
    }
    // Point at the call itself when it stands verbatim in the source.
    let call = format!("[^{label}]");
    let start = inline.span.start as usize - src.offset;
    let end = (inline.span.end as usize - src.offset).min(src.text.len());
    let span = src
        .text
        .get(start..end)
        .and_then(|t| t.find(&call))
        .map_or(inline.span, |p| inline.span.sub(p..p + call.len()));
    Some(
        Diagnostic::new(codes::UNDEFINED_FOOTNOTE, format!("footnote `[^{label}]` is called but never defined"))
            .at(span)
            .hint(format!("add a line `[^{label}]: …` with the note's text, or write `\\[^{label}]` for literal text")),
    )
}
