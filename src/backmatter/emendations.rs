//! The appendix of emendations: every correction of a source, in reading order, with
//! the text, where it stands, the reading printed by the source and the edition's, and
//! the editor's note.
//!
//! Must not know: XHTML, fonts, pages.

use super::Locator;
use crate::apparatus::Emendation;
use crate::model::{Block, TextId};

/// How the list reads, said once above it (in both outputs).
pub const INTRODUCTION: &str = "The edition corrects these obvious errors of its sources. \
Each entry gives the text and page, the reading of the source, and after the arrow the \
reading of this edition.";

/// The emendations part.
#[derive(Debug, Clone)]
pub struct EmendationsPart {
    pub rows: Vec<EmendationRow>,
}

/// One emendation.
#[derive(Debug, Clone)]
pub struct EmendationRow {
    pub text: TextId,
    /// The corrected words in the edition's text.
    pub locator: Locator,
    /// The source's reading ("thrille") and the edition's ("thrilled").
    pub printed: String,
    pub corrected: String,
    /// The editor's note, parsed; empty without one.
    pub note: Vec<Block>,
}

/// The appendix of `emendations` (already in reading order), or `None` without any.
pub fn part(emendations: &[Emendation]) -> Option<EmendationsPart> {
    if emendations.is_empty() {
        return None;
    }
    let rows = emendations
        .iter()
        .map(|e| EmendationRow {
            text: e.text.clone(),
            locator: Locator {
                text: e.text.clone(),
                block: e.block,
                range: e.range.clone(),
            },
            printed: e.original.clone(),
            corrected: e.corrected.clone(),
            note: e.note_blocks.clone(),
        })
        .collect();
    Some(EmendationsPart { rows })
}
