//! Print page numbers in the EPUB: where each page of the printed A5 edition begins, as
//! the typesetter's `PageMap` records it, becomes a page-break marker at that exact
//! word, listed in the nav's `page-list` and the NCX's `pageList`.

use std::collections::BTreeMap;

use super::xml::XmlWriter;
use crate::model::{BlockId, TextId};
use crate::typeset::PageMap;

/// The pagination of the printed edition that the EPUB's page numbers follow.
#[derive(Debug, Clone, PartialEq)]
pub struct PrintPages {
    /// The page map of the reference (A5) typesetting.
    pub map: PageMap,
    /// The printed edition, as `dc:source` names it (its identifier or a description).
    pub edition: String,
}

/// A page that begins in a block: its printed label and the byte offset of its first
/// word in the block's plain text (`model::text::inline_text`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub offset: usize,
    pub label: String,
}

/// The page marks of one text, by block, each list in page order.
#[derive(Debug, Clone, Default)]
pub struct PageMarks {
    by_block: BTreeMap<BlockId, Vec<Mark>>,
}

/// Whether a printed label belongs to the body (arabic numerals). Front matter pages
/// (roman) have no place in the texts.
pub fn is_body_label(label: &str) -> bool {
    !label.is_empty() && label.bytes().all(|b| b.is_ascii_digit())
}

impl PageMarks {
    /// The marks of every text, in one walk of the page map: each body page that begins
    /// in the text, and each body page that begins with no text (a blank page) placed
    /// where the next page begins. (A walk per text would grow with texts × pages.)
    pub fn by_text(map: &PageMap) -> BTreeMap<TextId, PageMarks> {
        let mut out: BTreeMap<TextId, PageMarks> = BTreeMap::new();
        let mut blank: Vec<String> = Vec::new();
        for (index, start) in map.starts.iter().enumerate() {
            let Some(label) = map.label(index).filter(|l| is_body_label(l)) else {
                continue;
            };
            match start {
                None => blank.push(label.to_string()),
                Some(start) => {
                    let labels = std::mem::take(&mut blank)
                        .into_iter()
                        .chain([label.to_string()]);
                    let marks = out.entry(start.text.clone()).or_default();
                    let list = marks.by_block.entry(start.block).or_default();
                    list.extend(labels.map(|label| Mark {
                        offset: start.offset,
                        label,
                    }));
                }
            }
        }
        out
    }

    /// Removes and returns the marks of `block` (in page order).
    pub fn take(&mut self, block: BlockId) -> Vec<Mark> {
        self.by_block.remove(&block).unwrap_or_default()
    }

    /// Removes and returns the marks at the very start of `block`: a page that begins
    /// with the text's opening begins with its title, before the first block.
    pub fn take_opening(&mut self, block: BlockId) -> Vec<Mark> {
        let Some(list) = self.by_block.get_mut(&block) else {
            return Vec::new();
        };
        let (opening, rest): (Vec<Mark>, Vec<Mark>) = list.drain(..).partition(|m| m.offset == 0);
        *list = rest;
        opening
    }
}

/// The XHTML id of the marker of the page labelled `label`.
pub fn page_id(label: &str) -> String {
    format!("page-{label}")
}

/// Writes the marker of a page: an empty span that reading systems and assistive
/// technology announce as the page number.
pub fn write_marker(w: &mut XmlWriter, label: &str) {
    w.empty(
        "span",
        &[
            ("epub:type", "pagebreak"),
            ("role", "doc-pagebreak"),
            ("id", &page_id(label)),
            ("aria-label", label),
        ],
    );
}

/// The largest char boundary of `s` at or before `i`.
pub fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The start of the word of `s` that byte `i` falls in: a page that the print edition
/// begins inside a hyphenated word (`prod-` / `uct`) is marked before the whole word,
/// so that no marker splits a word for search, speech or copying.
pub fn word_start(s: &str, mut i: usize) -> usize {
    while let Some(c) = s[..i].chars().next_back().filter(|c| !c.is_whitespace()) {
        i -= c.len_utf8();
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::typeset::PageStart;

    fn start(text: &str, block: u32, offset: usize) -> Option<PageStart> {
        Some(PageStart {
            text: TextId(text.into()),
            block: BlockId(block),
            offset,
        })
    }

    #[test]
    fn body_pages_are_marked_and_blank_pages_join_the_next() {
        let map = PageMap {
            starts: vec![
                None,
                None,
                start("a", 1, 0),
                start("a", 1, 120),
                None,
                start("b", 7, 0),
                start("b", 9, 4),
            ],
            labels: ["i", "ii", "1", "2", "3", "4", "5"]
                .map(String::from)
                .to_vec(),
            ..PageMap::default()
        };
        let mut by_text = PageMarks::by_text(&map);
        assert_eq!(by_text.len(), 2, "two texts have pages");
        let mut a = by_text.remove(&TextId("a".into())).unwrap();
        assert_eq!(
            a.take_opening(BlockId(1)),
            vec![Mark {
                offset: 0,
                label: "1".into()
            }]
        );
        assert_eq!(
            a.take(BlockId(1)),
            vec![Mark {
                offset: 120,
                label: "2".into()
            }]
        );
        let mut b = by_text.remove(&TextId("b".into())).unwrap();
        let labels: Vec<String> = b.take(BlockId(7)).into_iter().map(|m| m.label).collect();
        assert_eq!(labels, ["3", "4"]);
        assert_eq!(
            b.take(BlockId(9)),
            vec![Mark {
                offset: 4,
                label: "5".into()
            }]
        );
    }

    #[test]
    fn marks_move_to_the_start_of_their_word() {
        assert_eq!(word_start("the prod-uct of", 8), 4);
        assert_eq!(word_start("the product", 4), 4);
        assert_eq!(word_start("counter-revolution", 8), 0);
        assert_eq!(word_start("Enríquez", 5), 0);
    }

    #[test]
    fn boundaries_never_split_a_character() {
        assert_eq!(floor_boundary("Enríquez", 4), 3);
        assert_eq!(floor_boundary("abc", 10), 3);
    }
}
