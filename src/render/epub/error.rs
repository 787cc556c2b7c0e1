//! The diagnostics the EPUB writer can give, and the checks of the model it relies on
//! (metadata it can write, unique ids, notes that match their calls).

use std::collections::BTreeSet;

use crate::diag::codes;
use crate::diag::{Diagnostic, Span};
use crate::model::walk::for_each_inline;
use crate::model::{Block, BlockKind, InlineKind, LangTag, NoteId, Text, Volume};

pub fn note_without_definition(id: NoteId) -> Diagnostic {
    Diagnostic::new(
        codes::EPUB_NOTE_MISMATCH,
        format!("a note call refers to note {id}, which its text does not define"),
    )
}

pub fn packaging(err: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::new(
        codes::EPUB_PACKAGING,
        format!("cannot write the EPUB zip: {err}"),
    )
}

/// Whether `date` is a calendar date `YYYY-MM-DD` (months and days in range).
pub fn is_iso_date(date: &str) -> bool {
    let b = date.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| {
        date.get(r)
            .filter(|s| s.bytes().all(|c| c.is_ascii_digit()))
            .and_then(|s| s.parse::<u32>().ok())
    };
    match (num(0..4), num(5..7), num(8..10)) {
        (Some(_), Some(m), Some(d)) => (1..=12).contains(&m) && (1..=31).contains(&d),
        _ => false,
    }
}

/// Checks what the writer relies on and reports the first problem.
pub fn check_volume(volume: &Volume) -> Result<(), Diagnostic> {
    let meta = &volume.meta;
    // The same check as every language key of the manuscript's (`model::LangTag`).
    if LangTag::parse(&meta.language).is_err() {
        return Err(Diagnostic::new(
            codes::EPUB_METADATA,
            format!(
                "the edition's language `{}` is not a language tag",
                meta.language
            ),
        ));
    }
    if !is_iso_date(&meta.date) {
        return Err(Diagnostic::new(
            codes::EPUB_METADATA,
            format!(
                "the edition's date `{}` is not a date YYYY-MM-DD",
                meta.date
            ),
        ));
    }
    if meta.identifier.trim().is_empty() {
        return Err(Diagnostic::new(
            codes::EPUB_METADATA,
            "the edition has no identifier",
        ));
    }
    let mut blocks = BTreeSet::new();
    let mut notes = BTreeSet::new();
    for text in &volume.texts {
        for note in &text.notes {
            if !notes.insert(note.id) {
                return Err(Diagnostic::new(
                    codes::EPUB_DUPLICATE_ID,
                    format!("note id {} is used twice", note.id),
                )
                .at(note.span));
            }
        }
        let all = text
            .blocks
            .iter()
            .chain(&text.headnote)
            .chain(text.notes.iter().flat_map(|n| &n.blocks));
        for block in all {
            unique_blocks(block, &mut blocks)?;
        }
        check_calls(text)?;
    }
    Ok(())
}

fn unique_blocks(block: &Block, seen: &mut BTreeSet<u32>) -> Result<(), Diagnostic> {
    if !seen.insert(block.id.0) {
        return Err(Diagnostic::new(
            codes::EPUB_DUPLICATE_ID,
            format!("block id {} is used twice", block.id),
        )
        .at(block.span));
    }
    match &block.kind {
        BlockKind::Quote(blocks) => blocks.iter().try_for_each(|b| unique_blocks(b, seen)),
        BlockKind::List { items, .. } => items
            .iter()
            .flatten()
            .try_for_each(|b| unique_blocks(b, seen)),
        _ => Ok(()),
    }
}

/// Every note of the text is called in its body: its backlink needs a target.
fn check_calls(text: &Text) -> Result<(), Diagnostic> {
    let mut called = BTreeSet::new();
    for_each_inline(&text.blocks, &mut |i| {
        if let InlineKind::NoteRef(n) = i.kind {
            called.insert(n);
        }
    });
    match text.notes.iter().find(|n| !called.contains(&n.id)) {
        Some(note) => Err(missing_call(text, note.id, note.span)),
        None => Ok(()),
    }
}

fn missing_call(text: &Text, id: NoteId, span: Span) -> Diagnostic {
    Diagnostic::new(
        codes::EPUB_NOTE_MISMATCH,
        format!(
            "note {id} of text `{}` is never called in the text",
            text.id
        ),
    )
    .at(span)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert!(is_iso_date("2026-11-21"));
        for bad in [
            "2026-13-01",
            "2026-1-1",
            "2026",
            "2026-11-21T00:00",
            "abcd-ef-gh",
        ] {
            assert!(!is_iso_date(bad), "{bad}");
        }
    }
}
