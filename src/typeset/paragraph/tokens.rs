//! Stage 2a of a paragraph: the collected pieces cut into words (each a list of segments
//! in one style and language: a word continues across a change of style), spaces, note
//! calls and forced breaks, the tokens `items` turns into boxes, glue and penalties.

use super::collect::Piece;
use crate::model::{LangTag, NoteId};
use crate::typeset::fonts::Style;

/// One segment of a word: text in one style (and one language).
pub struct Segment<'a> {
    pub text: &'a str,
    pub style: Style,
    pub offset: usize,
    /// A foreign phrase's language; `None` in the paragraph's.
    pub lang: Option<&'a LangTag>,
}

pub enum Token<'a> {
    Word(Vec<Segment<'a>>),
    Space(Style),
    Call(NoteId, u32, Style),
    Break,
}

fn is_break_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\n' | '\r' | '\u{2009}' | '\u{2002}' | '\u{2003}'
    )
}

pub fn tokenize(pieces: &[Piece]) -> Vec<Token<'_>> {
    let mut tokens: Vec<Token> = Vec::new();
    let mut last_style = Style::Regular;
    for piece in pieces {
        match piece {
            Piece::Text {
                text,
                style,
                offset,
                lang,
            } => {
                last_style = *style;
                let mut start = 0;
                for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
                    let end_of_word = i == text.len() || is_break_space(c);
                    if !end_of_word {
                        continue;
                    }
                    if start < i {
                        let seg = Segment {
                            text: &text[start..i],
                            style: *style,
                            offset: offset + start,
                            lang: lang.as_ref(),
                        };
                        // A word continues across a style change when no space separates.
                        match tokens.last_mut() {
                            Some(Token::Word(segs)) if start == 0 => segs.push(seg),
                            _ => tokens.push(Token::Word(vec![seg])),
                        }
                    }
                    if i < text.len() && !matches!(tokens.last(), Some(Token::Space(_)) | None) {
                        tokens.push(Token::Space(*style));
                    }
                    start = i + c.len_utf8();
                }
            }
            Piece::NoteCall { note, number } => {
                tokens.push(Token::Call(*note, *number, last_style))
            }
            Piece::LineBreak { .. } => tokens.push(Token::Break),
        }
    }
    while matches!(tokens.last(), Some(Token::Space(_))) {
        tokens.pop();
    }
    tokens
}

/// The language of a word: that of its segments with letters when they agree (a word
/// half in a foreign phrase, such as "Unidad-led", takes the paragraph's).
pub fn word_language<'a>(segments: &[Segment<'a>]) -> Option<&'a LangTag> {
    let mut lettered = segments
        .iter()
        .filter(|s| s.text.chars().any(char::is_alphabetic))
        .map(|s| s.lang);
    let first = lettered.next().flatten()?;
    lettered.all(|l| l == Some(first)).then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn piece(text: &str, offset: usize, lang: Option<&LangTag>) -> Piece {
        Piece::Text {
            text: text.into(),
            style: Style::Regular,
            offset,
            lang: lang.cloned(),
        }
    }

    #[test]
    fn a_word_takes_its_language_when_all_its_letters_agree() {
        let es = LangTag::parse("es").unwrap();
        let pieces = [
            piece("the ", 0, None),
            piece("Cordones Industriales", 4, Some(&es)),
            piece("-led, “", 25, None),
            piece("momios", 32, Some(&es)),
            piece("”", 38, None),
        ];
        let tokens = tokenize(&pieces);
        let words: Vec<(String, Option<&str>)> = tokens
            .iter()
            .filter_map(|t| match t {
                Token::Word(segs) => Some((
                    segs.iter().map(|s| s.text).collect(),
                    word_language(segs).map(LangTag::as_str),
                )),
                _ => None,
            })
            .collect();
        assert_eq!(
            words,
            [
                ("the".to_string(), None),
                ("Cordones".to_string(), Some("es")),
                // Half Spanish, half English: the paragraph's patterns.
                ("Industriales-led,".to_string(), None),
                // Quotation marks have no letters: the word is Spanish.
                ("“momios”".to_string(), Some("es")),
            ]
        );
    }
}
