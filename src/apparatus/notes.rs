//! Editorial notes from `notes.toml`: each resolved by its anchor, its body parsed as
//! Markdown (spans into notes.toml), its call inserted at the end of the quotation (after
//! any punctuation that directly closes it); then
//! every text's notes (these and the Markdown footnotes of editorial texts) numbered
//! from 1 in reading order.
//!
//! Must not know: how notes are rendered.

use crate::diag::{Diagnostic, FileId, Span, codes};
use crate::manuscript::markdown::{self, IdAlloc, MarkdownSource};
use crate::model::text::inline_text;
use crate::model::{Block, BlockKind, Inline, InlineKind, Note, NoteId, TextId, Volume};

use super::registry::NoteEntry;
use super::resolve::{Anchor, Resolver};
use super::surgery::{insert_at, leaf_mut};

/// A note of `notes.toml` as placed in the model.
#[derive(Debug, Clone)]
pub struct PlacedNote {
    pub id: NoteId,
    pub anchor: Anchor,
    /// The `[[note]]` entry in notes.toml.
    pub span: Span,
}

/// Places the notes of `entries` (from `file`, whose text is `src`) into the volume.
/// Ids are allocated after all existing ones, in reading order of the calls.
pub fn place(
    volume: &mut Volume,
    resolver: &Resolver,
    file: FileId,
    src: &str,
    entries: &[toml::Spanned<NoteEntry>],
    ids: &mut IdAlloc,
    diags: &mut Vec<Diagnostic>,
) -> Vec<PlacedNote> {
    let mut resolved: Vec<(Anchor, usize)> = Vec::new();
    for (k, e) in entries.iter().enumerate() {
        match resolver.resolve(file, e.get_ref().anchor(), "note") {
            Ok(a) => resolved.push((a, k)),
            Err(d) => diags.push(d),
        }
    }
    // Block ids run in reading order across the volume; several calls at one place
    // keep the order of notes.toml.
    resolved.sort_by_key(|(a, k)| (a.block, a.range.end, *k));
    let mut placed = Vec::new();
    for (anchor, k) in resolved {
        let entry = &entries[k];
        let id = ids.note();
        let Some(blocks) = parse_body(src, file, &entry.get_ref().body, ids, diags) else {
            continue;
        };
        let Some(text) = volume.texts.iter_mut().find(|t| t.id == anchor.text) else {
            continue;
        };
        let quote_span = Span::new(file, entry.get_ref().quote.span());
        let call = Inline {
            span: quote_span,
            kind: InlineKind::NoteRef(id),
        };
        let inserted = leaf_mut(&mut text.blocks, anchor.block).is_some_and(|inlines| {
            let at = after_closing_punctuation(&inline_text(inlines), anchor.range.end);
            insert_at(inlines, at, call)
        });
        if !inserted {
            continue;
        }
        let span = Span::new(file, entry.span());
        text.notes.push(Note {
            id,
            number: 0,
            span,
            blocks,
        });
        placed.push(PlacedNote { id, anchor, span });
    }
    placed
}

/// Parses a Markdown body held in a TOML string of `src` (spans point into the file).
/// `None`, with a diagnostic, when it is empty or has footnotes of its own.
pub fn parse_body(
    src: &str,
    file: FileId,
    body: &toml::Spanned<String>,
    ids: &mut IdAlloc,
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<Block>> {
    let mut found = Vec::new();
    let parsed = markdown::parse(
        MarkdownSource {
            text: body.get_ref(),
            file,
            offset: body_offset(src, body.span()),
        },
        ids,
        &mut found,
    );
    // A body the parser refused (nested too deeply) has its own diagnostic already.
    let refused = found.iter().any(|d| d.code == codes::MARKDOWN_TOO_DEEP);
    diags.extend(found);
    if refused {
        return None;
    }
    if parsed.blocks.is_empty() || !parsed.notes.is_empty() {
        let message = if parsed.blocks.is_empty() {
            "this body is empty"
        } else {
            "this body has footnotes of its own"
        };
        diags.push(Diagnostic::new(codes::NOTE_BODY, message).at(Span::new(file, body.span())));
        return None;
    }
    Some(parsed.blocks)
}

/// Punctuation that a note call follows when it closes the quotation (Chicago Manual of
/// Style 14.26: the call comes after any punctuation mark except the dash). It also keeps
/// the call from touching the quotation's last word.
const CLOSING: &[char] = &[
    '.', ',', ';', ':', '!', '?', ')', ']', '”', '’', '»', '"', '\'',
];

/// The offset after the closing punctuation that directly follows `end` in `text`.
fn after_closing_punctuation(text: &str, end: usize) -> usize {
    let tail = &text[end.min(text.len())..];
    let skip: usize = tail
        .chars()
        .take_while(|c| CLOSING.contains(c))
        .map(char::len_utf8)
        .sum();
    end + skip
}

/// Where the value of a TOML string starts inside its token: after `"`, `'`, or after
/// `"""`/`'''` and the newline TOML trims right after them. (Escapes inside a basic
/// string shift later offsets slightly; diagnostics then point a few bytes off.)
pub(crate) fn body_offset(src: &str, token: std::ops::Range<usize>) -> usize {
    let raw = src.get(token.clone()).unwrap_or("");
    let open = if raw.starts_with("\"\"\"") || raw.starts_with("'''") {
        3 + if raw[3..].starts_with("\r\n") {
            2
        } else {
            usize::from(raw[3..].starts_with('\n'))
        }
    } else {
        usize::from(raw.starts_with('"') || raw.starts_with('\''))
    };
    token.start + open
}

/// Numbers every text's notes from 1 in the order of their first call, and orders
/// `Text::notes` so.
pub fn renumber(volume: &mut Volume) {
    for text in &mut volume.texts {
        let mut calls = Vec::new();
        collect_calls(&text.blocks, &mut calls);
        let position = |id: NoteId| calls.iter().position(|c| *c == id).unwrap_or(usize::MAX);
        text.notes.sort_by_key(|n| position(n.id));
        for (k, n) in text.notes.iter_mut().enumerate() {
            n.number = k as u32 + 1;
        }
    }
}

fn collect_calls(blocks: &[Block], out: &mut Vec<NoteId>) {
    fn inlines(list: &[Inline], out: &mut Vec<NoteId>) {
        for i in list {
            match (&i.kind, i.children()) {
                (InlineKind::NoteRef(id), _) if !out.contains(id) => out.push(*id),
                (_, Some(c)) => inlines(c, out),
                _ => {}
            }
        }
    }
    for b in blocks {
        match &b.kind {
            BlockKind::Heading { content, .. } | BlockKind::Paragraph(content) => {
                inlines(content, out)
            }
            BlockKind::Quote(children) => collect_calls(children, out),
            BlockKind::List { items, .. } => items.iter().for_each(|i| collect_calls(i, out)),
            BlockKind::Rule => {}
        }
    }
}

/// The notes of `text` as (number, id), for tests and reports.
pub fn numbers(volume: &Volume, text: &TextId) -> Vec<(u32, NoteId)> {
    volume
        .text(text)
        .map(|t| t.notes.iter().map(|n| (n.number, n.id)).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn call_follows_closing_punctuation_but_not_a_dash() {
        let t = "in 1965.” Then – more";
        assert_eq!(
            after_closing_punctuation(t, "in 1965".len()),
            "in 1965.”".len()
        );
        let t = "the belts – and";
        assert_eq!(after_closing_punctuation(t, 9), 9);
    }

    #[test]
    fn body_offsets_skip_the_string_delimiters() {
        let src = "body = \"x\"\nlong = \"\"\"\nyz\"\"\"\n";
        assert_eq!(&src[body_offset(src, 7..10)..][..1], "x");
        let start = src.find("\"\"\"").unwrap();
        assert_eq!(&src[body_offset(src, start..src.len() - 1)..][..2], "yz");
    }
}
