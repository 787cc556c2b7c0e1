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
            InlineKind::Emph(c) | InlineKind::Strong(c) | InlineKind::Link { content: c, .. } => {
                push_inlines(c, out)
            }
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
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count()
}

/// The words of a string as compared by the "nothing lost" checks: NFC, hyphens, soft
/// hyphens and apostrophes deleted (so `com-`/`rade`, `comrade` and a typeset `com-rade`
/// compare equal, and straight or curly apostrophes do not matter), then split into runs
/// of letters and digits. Case is kept: the words must come back exactly.
pub fn normalize_words(s: &str) -> Vec<String> {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    // Nearly every text is composed already: the quick check spares it the composer.
    let composed: std::borrow::Cow<str> = if is_nfc_quick(s.chars()) == IsNormalized::Yes {
        s.into()
    } else {
        s.nfc().collect::<String>().into()
    };
    let cleaned: String = composed
        .chars()
        .filter(|c| {
            !matches!(
                c,
                '-' | '\u{2010}' | '\u{2011}' | '\u{AD}' | '\'' | '\u{2019}' | '\u{2018}'
            )
        })
        .collect();
    cleaned
        // Note calls come back from a PDF's text layer as superscript digits: not words.
        .split(|c: char| !c.is_alphanumeric() || is_superscript_digit(c))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn is_superscript_digit(c: char) -> bool {
    matches!(
        c,
        '\u{2070}' | '\u{B9}' | '\u{B2}' | '\u{B3}' | '\u{2074}'..='\u{2079}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_words_joins_hyphens_and_apostrophes() {
        assert_eq!(
            normalize_words("com-rade’s “Enríquez”, counter-revolution"),
            vec!["comrades", "Enríquez", "counterrevolution"]
        );
        assert_eq!(normalize_words("Concepcio\u{301}n"), vec!["Concepción"]);
        assert_eq!(
            normalize_words("Enríquez¹² said⁷"),
            vec!["Enríquez", "said"]
        );
    }
}
