//! The coverage lists of `edition check`: acronym-like words no glossary entry covers and
//! capitalised names the name index lacks, as warnings with their counts and texts, each
//! pointing at its first occurrence. Only `check` shows them: a build stays quiet.
//!
//! Must not know: how diagnostics are printed.

use crate::diag::{Code, Diagnostic, Sources, Span, codes};
use crate::model::{Block, BlockId, BlockKind, Volume};

use super::Apparatus;
use super::glossary::Uncovered;

/// Every coverage warning: acronyms first, then names; each list most frequent first.
pub fn diagnostics(app: &Apparatus, volume: &Volume, sources: &Sources) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for u in &app.coverage.acronyms {
        out.push(warning(
            codes::ACRONYM_UNDEFINED,
            "acronym",
            u,
            volume,
            sources,
        ));
    }
    for u in &app.coverage.names {
        out.push(warning(codes::NAME_UNINDEXED, "name", u, volume, sources));
    }
    out
}

fn warning(
    code: Code,
    what: &str,
    u: &Uncovered,
    volume: &Volume,
    sources: &Sources,
) -> Diagnostic {
    let texts: Vec<&str> = u.texts.iter().map(|t| t.as_str()).collect();
    let times = if u.count == 1 {
        "once".to_string()
    } else {
        format!("{} times", u.count)
    };
    Diagnostic::new(
        code,
        format!(
            "{what} “{}” ({times}, in {}) is not registered",
            u.word,
            texts.join(", ")
        ),
    )
    .at_opt(first_span(volume, sources, u))
}

/// The span of the word's first occurrence: inside its block's source when the word
/// stands there verbatim, else the block.
fn first_span(volume: &Volume, sources: &Sources, u: &Uncovered) -> Option<Span> {
    let text = volume.text(&u.first.text)?;
    let block = find_block(&text.blocks, u.first.block)?;
    let src = sources.text(block.span.file).get(block.span.range())?;
    Some(match src.find(&u.word) {
        Some(p) => block.span.sub(p..p + u.word.len()),
        None => block.span,
    })
}

fn find_block(blocks: &[Block], id: BlockId) -> Option<&Block> {
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
