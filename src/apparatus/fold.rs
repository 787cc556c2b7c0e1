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
    /// Where the folded bytes come from, as runs ([`Segment`]) sorted by their folded
    /// offset. Nearly every character folds to itself, so a run covers all the text
    /// between two folded characters: a range per byte (8 bytes for every byte of the
    /// volume, most of the memory of a 50-volume build) was a thousand times larger.
    segments: Vec<Segment>,
    original_len: usize,
}

/// A run of folded bytes starting at folded offset `at` and original offset `orig`.
/// Either every character is copied unchanged (`whole_end` is [`COPIED`]: a byte stands
/// for the character around it, `orig - at` bytes further on), or the run is one folded
/// character or space that stands for all of `orig..whole_end`.
#[derive(Debug, Clone, Copy)]
struct Segment {
    at: u32,
    orig: u32,
    whole_end: u32,
}

/// `Segment::whole_end` of a run of copied characters.
const COPIED: u32 = u32::MAX;

impl Folded {
    /// Folds `s` (already NFC, as the model's text is). Runs of whitespace become one
    /// space; leading and trailing whitespace is kept as one space so offsets stay exact.
    /// Offsets are kept in 32 bits: a block is far below 4 GiB.
    pub fn new(s: &str) -> Folded {
        let mut f = Folded {
            text: String::with_capacity(s.len()),
            segments: Vec::new(),
            original_len: s.len(),
        };
        let mut in_space = false;
        // Where the pending run of characters copied unchanged began: such runs (most of
        // a text) are copied whole, not character by character.
        let mut run: Option<usize> = None;
        for (i, c) in s.char_indices() {
            let copied = !c.is_whitespace() && fold_char(c).is_none();
            if copied {
                run.get_or_insert(i);
                in_space = false;
                continue;
            }
            if let Some(start) = run.take() {
                f.copy(&s[start..i], start);
            }
            let end = i + c.len_utf8();
            if c.is_whitespace() {
                if in_space {
                    // The run's one space now stands for this character too.
                    f.whole(f.text.len() - 1, i, end);
                } else if c == ' ' {
                    f.copy(" ", i);
                } else {
                    f.fold(" ", i, end);
                }
                in_space = true;
                continue;
            }
            in_space = false;
            if let Some(rep) = fold_char(c) {
                f.fold(rep, i, end);
            }
        }
        if let Some(start) = run {
            f.copy(&s[start..], start);
        }
        f
    }

    /// Appends `part`, unchanged, from original offset `orig`.
    fn copy(&mut self, part: &str, orig: usize) {
        let at = self.text.len();
        let continues = self.segments.last().is_some_and(|last| {
            last.whole_end == COPIED && (last.orig as usize) + (at - last.at as usize) == orig
        });
        if !continues {
            self.segments.push(Segment {
                at: at as u32,
                orig: orig as u32,
                whole_end: COPIED,
            });
        }
        self.text.push_str(part);
    }

    /// Appends `rep` standing for the original bytes `orig..end` (nothing for an empty
    /// `rep`: the bytes are dropped).
    fn fold(&mut self, rep: &str, orig: usize, end: usize) {
        if rep.is_empty() {
            return;
        }
        self.segments.push(Segment {
            at: self.text.len() as u32,
            orig: orig as u32,
            whole_end: end as u32,
        });
        self.text.push_str(rep);
    }

    /// Makes the one folded byte at `at` (the last) stand for the original `orig..end`,
    /// extended from where its run began.
    fn whole(&mut self, at: usize, orig: usize, end: usize) {
        match self.segments.last_mut() {
            Some(last) if last.at as usize == at => last.whole_end = end as u32,
            _ => {
                // The space was copied at the end of a longer run: it becomes a run of
                // its own, from the original offset it was copied from.
                let from = orig - 1;
                self.segments.push(Segment {
                    at: at as u32,
                    orig: from as u32,
                    whole_end: end as u32,
                });
            }
        }
    }

    /// The original range behind folded byte `p` (< `text.len()`).
    fn origin(&self, p: usize) -> Range<usize> {
        let seg = self.segments[self.segments.partition_point(|s| s.at as usize <= p) - 1];
        let (at, orig) = (seg.at as usize, seg.orig as usize);
        if seg.whole_end != COPIED {
            return orig..seg.whole_end as usize;
        }
        let t = &self.text;
        let start = (at..=p)
            .rev()
            .find(|&b| t.is_char_boundary(b))
            .unwrap_or(at);
        let end = (p + 1..=t.len())
            .find(|&b| t.is_char_boundary(b))
            .unwrap_or(t.len());
        orig + (start - at)..orig + (end - at)
    }

    /// The original byte range behind the folded range `r` (non-empty, on char bounds).
    pub fn original(&self, r: Range<usize>) -> Range<usize> {
        let len = self.text.len();
        if r.start >= len {
            return self.original_len..self.original_len;
        }
        let start = self.origin(r.start).start;
        let end = if r.end == 0 {
            start
        } else {
            self.origin((r.end - 1).min(len - 1)).end
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
    fn maps_spaces_soft_hyphens_and_accents_back() {
        let s = "ab  \n c\u{AD}d ñe\u{A0}f “g”";
        let f = Folded::new(s);
        assert_eq!(f.text, "ab cd ñe f \"g\"");
        // Every folded character maps back to what produced it, whatever run it is in.
        let expect = [
            ("a", "a"),
            ("b", "b"),
            (" ", "  \n "),
            ("c", "c"),
            ("d", "d"),
            ("ñ", "ñ"),
            ("e", "e"),
            ("f", "f"),
            ("\"g\"", "“g”"),
        ];
        for (folded, original) in expect {
            let at = f.text.find(folded).unwrap();
            let r = f.original(at..at + folded.len());
            assert_eq!(&s[r], original, "folded {folded:?}");
        }
        let at = f.text.find("ñe f").unwrap();
        assert_eq!(&s[f.original(at..at + "ñe f".len())], "ñe\u{A0}f");
        // A range ending after a dropped soft hyphen ends before it.
        let at = f.text.find("c").unwrap();
        assert_eq!(&s[f.original(at..at + 1)], "c");
        assert_eq!(f.original(f.text.len()..f.text.len()), s.len()..s.len());
        // A space copied at the end of a longer run, then extended.
        let g = Folded::new("word \t\tnext");
        assert_eq!(g.text, "word next");
        assert_eq!(&"word \t\tnext"[g.original(4..5)], " \t\t");
        assert_eq!(&"word \t\tnext"[g.original(3..6)], "d \t\tn");
    }

    #[test]
    fn query_is_nfc() {
        assert_eq!(fold_query("Concepcio\u{301}n"), "Concepción");
    }
}
