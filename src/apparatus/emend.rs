//! Emendations: corrections of obvious errors in a source, each anchored by quotation in
//! `notes.toml`, applied to the model (the quoted words replaced by `correct`) and
//! recorded for the appendix and for the "nothing lost" check.
//!
//! Must not know: how the appendix is rendered.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;

use crate::diag::{Diagnostic, FileId, Span, codes};
use crate::model::{Block, BlockId, TextId, Volume};

use super::notes::parse_body;
use super::registry::EmendationEntry;
use super::resolve::{Anchor, Resolver};
use super::surgery::{ReplaceError, leaf_mut, leaf_texts, replace_range};
use crate::manuscript::markdown::IdAlloc;

/// Words of context kept before an emended passage: enough to single out a short word
/// sequence in a text of tens of thousands of words.
const CONTEXT_WORDS: usize = 8;

/// One applied emendation.
#[derive(Debug, Clone)]
pub struct Emendation {
    pub text: TextId,
    pub block: BlockId,
    /// The corrected words' byte range in the block's plain text (as emended).
    pub range: Range<usize>,
    /// The reading of the source ("thrille").
    pub original: String,
    /// The edition's reading ("thrilled").
    pub corrected: String,
    /// The editor's reason as written (Markdown).
    pub note: Option<String>,
    /// The editor's reason parsed (spans into notes.toml); empty without a note.
    pub note_blocks: Vec<Block>,
    /// Up to a few words of the source right before the passage, to find it again.
    pub context_before: String,
    /// The `[[emendation]]` entry.
    pub span: Span,
}

/// Resolves and applies the emendations; returns them in reading order.
pub fn apply(
    volume: &mut Volume,
    resolver: &Resolver,
    file: FileId,
    entries: &[toml::Spanned<EmendationEntry>],
    diags: &mut Vec<Diagnostic>,
) -> Vec<Emendation> {
    let mut found: Vec<(Anchor, &toml::Spanned<EmendationEntry>)> = Vec::new();
    for e in entries {
        match resolver.resolve(file, e.get_ref().anchor(), "emendation") {
            Ok(a) => found.push((a, e)),
            Err(d) => diags.push(d),
        }
    }
    found.sort_by_key(|(a, _)| (a.block, a.range.start));
    // Refuse overlaps: each later one that overlaps an earlier one is an error.
    let mut kept: Vec<(Anchor, &toml::Spanned<EmendationEntry>)> = Vec::new();
    for (a, e) in found {
        let overlapped = kept
            .last()
            .filter(|(p, _)| p.block == a.block && a.range.start < p.range.end);
        if let Some((_, other)) = overlapped {
            diags.push(
                Diagnostic::new(
                    codes::EMENDATION_UNAPPLIED,
                    "this emendation overlaps another one",
                )
                .at(Span::new(file, e.span()))
                .label(Span::new(file, other.span()), "the emendation it overlaps"),
            );
            continue;
        }
        kept.push((a, e));
    }
    let mut out = Vec::new();
    for (a, e) in &kept {
        let Some(text) = volume.texts.iter().find(|t| t.id == a.text) else {
            continue;
        };
        let plain = leaf_texts(&text.blocks)
            .into_iter()
            .find(|(b, _)| *b == a.block)
            .map(|(_, s)| s)
            .unwrap_or_default();
        let words: Vec<&str> = plain[..a.range.start].split_whitespace().collect();
        let context_before = words[words.len().saturating_sub(CONTEXT_WORDS)..].join(" ");
        let entry = e.get_ref();
        out.push(Emendation {
            text: a.text.clone(),
            block: a.block,
            range: a.range.clone(),
            original: plain[a.range.clone()].to_string(),
            corrected: entry.correct.get_ref().nfc().collect(),
            note: entry.note.as_ref().map(|n| n.get_ref().clone()),
            note_blocks: Vec::new(),
            context_before,
            span: Span::new(file, e.span()),
        });
    }
    // Apply from the end of each block, so earlier offsets stay valid.
    let mut applied = vec![true; out.len()];
    for (k, em) in out.iter().enumerate().rev() {
        let Some(text) = volume.texts.iter_mut().find(|t| t.id == em.text) else {
            continue;
        };
        let result = leaf_mut(&mut text.blocks, em.block)
            .ok_or(ReplaceError::OutOfRange)
            .and_then(|inl| replace_range(inl, em.range.clone(), &em.corrected));
        if let Err(why) = result {
            applied[k] = false;
            let message = match why {
                ReplaceError::CrossesFormatting => {
                    "this emendation's quotation crosses emphasis, a link or a note call"
                }
                ReplaceError::OutOfRange => "this emendation's quotation could not be located",
            };
            diags.push(Diagnostic::new(codes::EMENDATION_UNAPPLIED, message).at(em.span));
        }
    }
    let mut out: Vec<Emendation> = out
        .into_iter()
        .zip(applied)
        .filter_map(|(e, ok)| ok.then_some(e))
        .collect();
    // Ranges in the emended text: shifted by the emendations before them in the block.
    let mut shift: isize = 0;
    let mut block = None;
    for em in &mut out {
        if block != Some(em.block) {
            block = Some(em.block);
            shift = 0;
        }
        let start = (em.range.start as isize + shift) as usize;
        em.range = start..start + em.corrected.len();
        shift += em.corrected.len() as isize - em.original.len() as isize;
    }
    out
}

/// Parses the notes of applied emendations (after the texts' blocks, so their ids follow).
pub fn parse_notes(
    emendations: &mut [Emendation],
    entries: &[toml::Spanned<EmendationEntry>],
    src: &str,
    file: FileId,
    ids: &mut IdAlloc,
    diags: &mut Vec<Diagnostic>,
) {
    for em in emendations {
        let entry = entries
            .iter()
            .find(|e| Span::new(file, e.span()) == em.span);
        if let Some(note) = entry.and_then(|e| e.get_ref().note.as_ref()) {
            em.note_blocks = parse_body(src, file, note, ids, diags).unwrap_or_default();
        }
    }
}
