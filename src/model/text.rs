//! Plain-text views of model nodes, shared by the outputs and the tests (word counts,
//! "nothing lost", page starts).

use std::ops::Range;

use super::{Block, BlockKind, Inline, InlineKind, LangTag};

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
            InlineKind::Emph(c)
            | InlineKind::Strong(c)
            | InlineKind::Link { content: c, .. }
            | InlineKind::Lang { content: c, .. } => push_inlines(c, out),
            InlineKind::NoteRef(_) => {}
            InlineKind::LineBreak => out.push(' '),
        }
    }
}

/// A label for navigation: the visible text of `inlines` with runs of whitespace as one
/// space, trimmed, and the byte ranges of the label that are foreign phrases with their
/// language (a space between a phrase and its surroundings stays outside the range).
pub fn label_with_langs(inlines: &[Inline]) -> (String, Vec<(Range<usize>, LangTag)>) {
    let mut runs = Vec::new();
    lang_runs(inlines, None, &mut runs);
    let mut out = String::new();
    let mut ranges = Vec::new();
    let mut open: Option<(usize, &LangTag)> = None;
    let mut space = false;
    for (text, lang) in runs {
        for c in text.chars() {
            if c.is_whitespace() {
                space = !out.is_empty();
                continue;
            }
            if open.map(|(_, l)| l) != lang
                && let Some((start, l)) = open.take()
            {
                ranges.push((start..out.len(), l.clone()));
            }
            if std::mem::take(&mut space) {
                out.push(' ');
            }
            if open.is_none() {
                open = lang.map(|l| (out.len(), l));
            }
            out.push(c);
        }
    }
    if let Some((start, l)) = open {
        ranges.push((start..out.len(), l.clone()));
    }
    (out, ranges)
}

/// The visible text of `inlines` as runs, each with the language of the innermost
/// foreign phrase around it.
fn lang_runs<'a>(
    inlines: &'a [Inline],
    lang: Option<&'a LangTag>,
    out: &mut Vec<(&'a str, Option<&'a LangTag>)>,
) {
    for i in inlines {
        match &i.kind {
            InlineKind::Text(s) | InlineKind::Code(s) => out.push((s, lang)),
            InlineKind::Lang { lang, content } => lang_runs(content, Some(lang), out),
            InlineKind::LineBreak => out.push((" ", lang)),
            InlineKind::NoteRef(_) => {}
            _ => lang_runs(i.children().unwrap_or_default(), lang, out),
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

/// `s` composed (NFC), as all text of the tool is. Nearly all text is composed already:
/// ASCII is by definition, and the quick check spares the rest the composer, so the
/// string is borrowed unless it really changes.
pub fn nfc(s: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    if s.is_ascii() || is_nfc_quick(s.chars()) == IsNormalized::Yes {
        s.into()
    } else {
        s.nfc().collect::<String>().into()
    }
}

/// The words of a string as compared by the "nothing lost" checks: NFC, hyphens, soft
/// hyphens and apostrophes deleted (so `com-`/`rade`, `comrade` and a typeset `com-rade`
/// compare equal, and straight or curly apostrophes do not matter), then split into runs
/// of letters and digits. Case is kept: the words must come back exactly.
pub fn normalize_words(s: &str) -> Vec<String> {
    let composed = nfc(s);
    let cleaned: String = composed.chars().filter(|&c| !joins_word(c)).collect();
    cleaned
        // Note calls come back from a PDF's text layer as superscript digits: not words.
        .split(|c: char| !c.is_alphanumeric() || is_superscript_digit(c))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// How many words [`normalize_words`] finds in `s`, counted without making them (the
/// import counts the words of every line each rule removes).
pub fn count_words(s: &str) -> usize {
    if s.is_ascii() {
        return count_ascii_words(s.as_bytes());
    }
    let mut count = 0;
    let mut in_word = false;
    for c in nfc(s).chars().filter(|&c| !joins_word(c)) {
        let word = c.is_alphanumeric() && !is_superscript_digit(c);
        count += usize::from(word && !in_word);
        in_word = word;
    }
    count
}

/// [`count_words`] of ASCII text, byte by byte: an ASCII word is a run of letters and
/// digits, across hyphens and apostrophes.
fn count_ascii_words(s: &[u8]) -> usize {
    let mut count = 0;
    let mut in_word = false;
    for &b in s.iter().filter(|&&b| b != b'-' && b != b'\'') {
        let word = b.is_ascii_alphanumeric();
        count += usize::from(word && !in_word);
        in_word = word;
    }
    count
}

/// Characters deleted before words are compared: hyphens, soft hyphens and apostrophes
/// (the word goes on across them).
fn joins_word(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}' | '\u{2011}' | '\u{AD}' | '\'' | '\u{2019}' | '\u{2018}'
    )
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
    use crate::diag::{FileId, Span};

    #[test]
    fn counted_words_are_the_normalized_words() {
        for s in [
            "",
            "  ",
            "com-\nrade, the comrade's “word”",
            "Concepcio\u{301}n 1973–1990 ¹² x²y",
            "a\u{AD}b -- ' '' - c",
            "MIR: el Movimiento de Izquierda Revolucionaria…",
        ] {
            assert_eq!(count_words(s), normalize_words(s).len(), "{s:?}");
        }
        assert_eq!(count_words("com-rade x²y"), 3);
        // ASCII text takes the byte path: any mix of letters, digits, hyphens,
        // apostrophes, punctuation and controls counts as the normalized words.
        let alphabet = b"ab Z9-'_.,;\t\n\x07(";
        let mut seed = 11u32;
        for len in 0..300 {
            let s: String = (0..len % 30)
                .map(|_| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    alphabet[(seed >> 16) as usize % alphabet.len()] as char
                })
                .collect();
            assert_eq!(count_words(&s), normalize_words(&s).len(), "{s:?}");
        }
    }

    #[test]
    fn labels_keep_the_ranges_of_foreign_phrases() {
        let inline = |kind| Inline {
            span: Span::new(FileId(0), 0..0),
            kind,
        };
        let text = |s: &str| inline(InlineKind::Text(s.into()));
        let es = LangTag::parse("es").unwrap();
        let phrase = inline(InlineKind::Lang {
            lang: es.clone(),
            content: vec![text("Cordones  Industriales")],
        });
        let (label, langs) = label_with_langs(&[text(" The  "), phrase, text("  of 1973 ")]);
        assert_eq!(label, "The Cordones Industriales of 1973");
        assert_eq!(langs, vec![(4..25, es)]);
        assert_eq!(&label[4..25], "Cordones Industriales");
    }

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
