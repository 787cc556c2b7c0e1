//! Folding for quotation matching: the text an editor types into a TOML file and the
//! cleaned text of the volume compare equal when they differ only in whitespace,
//! typographic quotes (“ ” ‘ ’ vs " '), dashes (– — vs -) or the ellipsis (… vs ...).
//! Every folded byte remembers which bytes of the original produced it, so a match in
//! the folded text maps back to an exact range of the original.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;

/// A folded string with the original byte range behind each of its bytes.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    pub text: String,
    /// For each byte of `text`: the range of the original it comes from, as `[start,
    /// end)` in 32 bits (a text is far below 4 GiB; a `Range<usize>` per byte took 16
    /// bytes for each byte of the volume, most of the memory of a 50-volume build).
    origin: Vec<[u32; 2]>,
    original_len: usize,
}

impl Folded {
    /// Folds `s` (already NFC, as the model's text is). Runs of whitespace become one
    /// space; leading and trailing whitespace is kept as one space so offsets stay exact.
    pub fn new(s: &str) -> Folded {
        let mut f = Folded {
            text: String::with_capacity(s.len()),
            origin: Vec::with_capacity(s.len()),
            original_len: s.len(),
        };
        let mut in_space = false;
        for (i, c) in s.char_indices() {
            let range = i..i + c.len_utf8();
            if c.is_whitespace() {
                if in_space {
                    // Extend the previous space over this character.
                    if let Some(last) = f.origin.last_mut() {
                        last[1] = range.end as u32;
                    }
                } else {
                    f.push(" ", range);
                }
                in_space = true;
                continue;
            }
            in_space = false;
            match fold_char(c) {
                Some(rep) => f.push(rep, range),
                None => {
                    let mut buf = [0u8; 4];
                    f.push(c.encode_utf8(&mut buf), range);
                }
            }
        }
        f
    }

    fn push(&mut self, s: &str, range: Range<usize>) {
        self.text.push_str(s);
        let entry = [range.start as u32, range.end as u32];
        self.origin.extend(std::iter::repeat_n(entry, s.len()));
    }

    /// The original byte range behind the folded range `r` (non-empty, on char bounds).
    pub fn original(&self, r: Range<usize>) -> Range<usize> {
        if r.start >= self.origin.len() {
            return self.original_len..self.original_len;
        }
        let start = self.origin[r.start][0] as usize;
        let end = if r.end == 0 {
            start
        } else {
            self.origin[(r.end - 1).min(self.origin.len() - 1)][1] as usize
        };
        start..end.max(start)
    }
}

/// The folded form of a character that has one, else `None`.
fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        '“' | '”' | '„' | '‟' | '«' | '»' | '″' => "\"",
        '‘' | '’' | '‚' | '‛' | '′' => "'",
        '–' | '—' | '‐' | '‑' | '‒' | '−' => "-",
        '…' => "...",
        '\u{AD}' => "",
        _ => return None,
    })
}

/// Folds a quotation as typed by the editor: NFC first (TOML files may hold decomposed
/// accents), then as [`Folded::new`], with the ends trimmed.
pub fn fold_query(s: &str) -> String {
    let nfc: String = s.nfc().collect();
    Folded::new(&nfc).text.trim().to_string()
}

/// Whether `c` continues a word (a quotation may not start or end inside a word).
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_quotes_dashes_and_spaces() {
        let f = Folded::new("“Venceremos” – he said…  now");
        assert_eq!(f.text, "\"Venceremos\" - he said... now");
        assert_eq!(
            fold_query("  \"Venceremos\"   -  he "),
            "\"Venceremos\" - he"
        );
    }

    #[test]
    fn maps_back_to_the_original() {
        let s = "a “b”  c…d";
        let f = Folded::new(s);
        let at = f.text.find("\"b\" c").unwrap();
        let r = f.original(at..at + "\"b\" c".len());
        assert_eq!(&s[r], "“b”  c");
        let at = f.text.find("...d").unwrap();
        assert_eq!(&s[f.original(at..at + 4)], "…d");
    }

    #[test]
    fn query_is_nfc() {
        assert_eq!(fold_query("Concepcio\u{301}n"), "Concepción");
    }
}
