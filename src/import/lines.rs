//! Splits a raw text into lines, remembering where each starts, and normalises their
//! whitespace (BOM, CR, tabs, control characters, runs of spaces) so that recipe patterns
//! and the output see the same text. Normalising whitespace never changes a word.

/// One line of the raw text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Byte offset of the line in the raw text (for diagnostics).
    pub start: usize,
    /// The line with surrounding whitespace trimmed and inner runs collapsed to one space.
    pub text: String,
    /// Length in bytes of the raw line without its line end.
    pub raw_len: usize,
    /// Whether the raw line ends in whitespace: `conditions- ` is a dash, not a split.
    pub space_after: bool,
}

impl Line {
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }
}

/// The lines of `raw`, split at LF (a CR before it is dropped); 1-based numbers are the
/// index plus one. An empty text has no lines; a final line without LF counts.
pub fn split_lines(raw: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut start = 0;
    for piece in raw.split_inclusive('\n') {
        let body = piece.trim_end_matches(['\n', '\r']);
        let space_after = body.chars().next_back().is_some_and(char::is_whitespace);
        lines.push(Line {
            raw_len: body.len(),
            start,
            text: normalize(piece),
            space_after,
        });
        start += piece.len();
    }
    lines
}

/// Trims a line (all kinds of space), collapses runs of ordinary whitespace and control
/// characters to one space, keeps no-break and thin spaces inside the line (they are
/// typography, not layout), and composes accents (NFC), as the rest of the tool reads text.
pub fn normalize(line: &str) -> String {
    if line.is_ascii() {
        normalize_ascii(line.as_bytes())
    } else {
        normalize_chars(line)
    }
}

/// [`normalize`] character by character.
fn normalize_chars(line: &str) -> String {
    let composed = crate::model::text::nfc(line);
    let mut out = String::with_capacity(line.len());
    let mut pending_space = false;
    for c in composed.chars() {
        if is_layout_space(c) {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    }
    out.trim_end_matches(char::is_whitespace)
        .trim_start_matches(char::is_whitespace)
        .to_string()
}

/// [`normalize`] of an ASCII line (most lines of the sources), byte by byte: its layout
/// spaces are its whitespace and control bytes, and it is composed already.
fn normalize_ascii(line: &[u8]) -> String {
    let mut out = Vec::with_capacity(line.len());
    let mut pending_space = false;
    for &b in line {
        // ASCII's whitespace is the space and control bytes.
        if b == b' ' || b.is_ascii_control() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(b' ');
            pending_space = false;
        }
        out.push(b);
    }
    // Only ASCII bytes of the line were kept.
    String::from_utf8(out).unwrap_or_default()
}

/// Whitespace that only reflects the layout of the raw file. U+FEFF is a byte-order mark
/// or zero-width no-break space: invisible and never part of a word; noncharacters
/// (U+FDD0–U+FDEF, U+FFFE, U+FFFF and their kin in every plane) are never text at all.
fn is_layout_space(c: char) -> bool {
    let typographic = matches!(c, '\u{A0}' | '\u{2007}' | '\u{2009}' | '\u{202F}');
    let noncharacter = matches!(c, '\u{FDD0}'..='\u{FDEF}') || (c as u32) & 0xFFFE == 0xFFFE;
    (c.is_whitespace() && !typographic) || c.is_control() || c == '\u{FEFF}' || noncharacter
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_normalises() {
        let lines = split_lines("\u{FEFF} a\t b \r\n\r\nc");
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["a b", "", "c"]);
        assert_eq!(lines[2].start, 13);
        assert!(split_lines("").is_empty());
        assert_eq!(normalize("x\u{7}y"), "x y");
        assert_eq!(normalize("\u{A0}10\u{A0}000 \u{A0}"), "10\u{A0}000");
        assert_eq!(normalize("Concepcio\u{301}n"), "Concepción");
    }

    /// Every ASCII line, control and layout bytes included, normalises alike by bytes
    /// and by characters.
    #[test]
    fn ascii_lines_normalise_as_characters_do() {
        let bytes: Vec<u8> = (0u8..128).collect();
        let mut seed = 7u32;
        for len in 0..400 {
            let line: String = (0..len % 40)
                .map(|_| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    // Mostly letters and spaces, now and then any ASCII byte.
                    let pick = (seed >> 16) as usize;
                    match pick % 4 {
                        0 => ' ',
                        1 => bytes[pick % bytes.len()] as char,
                        _ => (b'a' + (pick % 26) as u8) as char,
                    }
                })
                .collect();
            assert_eq!(
                normalize_ascii(line.as_bytes()),
                normalize_chars(&line),
                "{line:?}"
            );
        }
    }
}
