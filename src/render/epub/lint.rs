//! Warnings about notes that will not read well as pop-ups: wording that points at
//! other notes or pages ("ibid.", "see above"), and lengths outside what Kobo pops up.

use crate::diag::{Diagnostic, codes};
use crate::model::text::block_text;
use crate::model::walk::for_each_inline;
use crate::model::{InlineKind, Note, Volume};

/// Phrases that only make sense when notes are read in sequence or on a page, which a
/// pop-up shows alone. Lower case; matched at the start of a word.
const POPUP_PHRASES: &[&str] = &[
    "ibid",
    "op. cit",
    "op cit",
    "loc. cit",
    "see above",
    "see below",
];

/// Kobo shows a note as a pop-up only when its text has 9 to 5,000 characters
/// (otherwise it follows the link), so notes outside the range behave differently there.
const KOBO_MIN_CHARS: usize = 9;
const KOBO_MAX_CHARS: usize = 5000;

/// Every warning about the notes of the volume, in reading order.
pub fn lint_notes(volume: &Volume) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for text in &volume.texts {
        for note in &text.notes {
            wording(note, text.id.as_str(), &mut out);
            length(note, text.id.as_str(), &mut out);
        }
    }
    out
}

/// The words of `s` from byte `start`: `len` bytes, extended to the end of the word and
/// a following full stop (`Ibidem`, `ibid.`).
fn quote_at(s: &str, start: usize, len: usize) -> String {
    let mut end = start + len;
    for c in s[end..].chars() {
        if c.is_alphanumeric() {
            end += c.len_utf8();
        } else {
            if c == '.' {
                end += 1;
            }
            break;
        }
    }
    s[start..end].to_string()
}

/// Byte offset of `phrase` in `lower` where it starts a word.
fn find_phrase(lower: &str, phrase: &str) -> Option<usize> {
    lower.match_indices(phrase).map(|(i, _)| i).find(|&i| {
        !lower[..i]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
    })
}

fn wording(note: &Note, text: &str, out: &mut Vec<Diagnostic>) {
    let mut runs = Vec::new();
    for_each_inline(&note.blocks, &mut |i| {
        if let InlineKind::Text(s) = &i.kind {
            runs.push((s.clone(), i.span));
        }
    });
    for phrase in POPUP_PHRASES {
        let hit = runs.iter().find_map(|(s, span)| {
            // ASCII lower-casing keeps byte offsets, so the hit can be quoted as written.
            let lower = s.to_ascii_lowercase();
            find_phrase(&lower, phrase).map(|i| (quote_at(s, i, phrase.len()), *span))
        });
        if let Some((found, span)) = hit {
            out.push(
                Diagnostic::new(
                    codes::NOTE_POPUP_WORDING,
                    format!(
                        "note {} of `{text}` says “{found}”, which a pop-up cannot resolve",
                        note.number
                    ),
                )
                .at(span)
                .label(note.span, "the note"),
            );
        }
    }
}

fn length(note: &Note, text: &str, out: &mut Vec<Diagnostic>) {
    let body: String = note.blocks.iter().map(block_text).collect();
    let chars = body
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .count();
    if !(KOBO_MIN_CHARS..=KOBO_MAX_CHARS).contains(&chars) {
        out.push(
            Diagnostic::new(
                codes::NOTE_POPUP_LENGTH,
                format!("note {} of `{text}` has {chars} characters", note.number),
            )
            .at(note.span),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_match_at_word_starts_only() {
        assert_eq!(find_phrase("ibid., p. 4", "ibid"), Some(0));
        assert_eq!(find_phrase("as said (see above)", "see above"), Some(9));
        assert_eq!(find_phrase("caribidae", "ibid"), None);
        assert_eq!(find_phrase("foresee above", "see above"), None);
    }
}
