//! A text's headnote: the Markdown of the `headnote` key of its configuration, parsed
//! into blocks whose spans point into the configuration file.

use toml::Spanned;

use crate::apparatus::notes::body_offset;
use crate::diag::{Diagnostic, FileId, Span, codes};
use crate::model::{Block, BlockKind};

use super::markdown::{self, IdAlloc, MarkdownSource};

/// Where the headnote lives: the configuration file, its text, and the offset of its TOML.
pub struct HeadnoteSource<'a> {
    pub file: FileId,
    pub file_text: &'a str,
    pub toml_offset: usize,
}

/// The headnote's blocks; empty, with a diagnostic, when it is empty or holds headings or
/// footnotes (a headnote is a few paragraphs under the title, not a section).
pub fn parse(
    value: &Spanned<String>,
    at: HeadnoteSource,
    ids: &mut IdAlloc,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Block> {
    let token = at.toml_offset + value.span().start..at.toml_offset + value.span().end;
    let span = Span::new(at.file, token.clone());
    let parsed = markdown::parse(
        MarkdownSource {
            text: value.get_ref(),
            file: at.file,
            offset: body_offset(at.file_text, token),
        },
        ids,
        diags,
    );
    let problem = if parsed.blocks.is_empty() {
        Some("this headnote is empty")
    } else if !parsed.notes.is_empty() {
        Some("this headnote has footnotes")
    } else if parsed
        .blocks
        .iter()
        .any(|b| matches!(b.kind, BlockKind::Heading { .. }))
    {
        Some("this headnote has a heading")
    } else {
        None
    };
    match problem {
        Some(message) => {
            diags.push(Diagnostic::new(codes::HEADNOTE_UNUSABLE, message).at(span));
            Vec::new()
        }
        None => parsed.blocks,
    }
}
