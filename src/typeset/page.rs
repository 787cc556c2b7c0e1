//! Positioned pages: what `typeset` hands to a writer. Glyph runs (glyph ids with their
//! text), rules and link areas, in points from the top-left corner of the page. No PDF
//! syntax: any writer that can place glyphs can draw these.

use std::borrow::Borrow;
use std::ops::Range;

use super::fonts::Style;
use crate::model::{BlockId, NoteId, TextId};

/// One glyph placed in a run. Lengths in points. Twelve bytes: a volume holds its
/// hundreds of thousands of glyphs until the PDF is written, so their size is most of the
/// memory of a large build (its text range is kept as a start and a length, and the rare
/// offsets of a positioned mark live beside the run, in [`GlyphRun::offsets`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    pub id: u16,
    text_len: u16,
    text_start: u32,
    /// Distance to the next glyph's origin (justification already applied to spaces).
    pub advance: f32,
}

impl Glyph {
    /// A glyph standing for the bytes `text` of its run's text. A cluster longer than
    /// 65,535 bytes (only hostile text has one) keeps its first 65,535 bytes.
    pub fn new(id: u16, advance: f32, text: Range<usize>) -> Glyph {
        Glyph {
            id,
            text_len: text.len().min(usize::from(u16::MAX)) as u16,
            text_start: text.start.min(u32::MAX as usize) as u32,
            advance,
        }
    }

    /// The bytes of the run's `text` this glyph stands for (a ligature covers several
    /// characters; every glyph of one cluster covers the whole cluster).
    pub fn text(&self) -> Range<usize> {
        let start = self.text_start as usize;
        start..start + usize::from(self.text_len)
    }
}

/// A glyph moved off its origin by the font (a mark placed over its base): the glyph's
/// index in the run and the offset in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GlyphOffset {
    pub index: u32,
    pub x: f32,
    pub y: f32,
}

/// Glyphs of one face and size on one baseline, starting at (`x`, `y`).
#[derive(Debug, Clone, PartialEq)]
pub struct GlyphRun {
    pub style: Style,
    pub size: f32,
    pub x: f32,
    /// Baseline, from the top of the page.
    pub y: f32,
    /// The text the glyphs stand for, exactly (a line-end hyphen is a `-` here).
    pub text: String,
    pub glyphs: Vec<Glyph>,
    /// The glyphs with an offset, in glyph order; most runs have none.
    pub offsets: Vec<GlyphOffset>,
}

impl GlyphRun {
    /// An empty run at (`x`, `y`).
    pub fn new(style: Style, size: f32, x: f32, y: f32) -> GlyphRun {
        GlyphRun {
            style,
            size,
            x,
            y,
            text: String::new(),
            glyphs: Vec::new(),
            offsets: Vec::new(),
        }
    }

    /// Appends a glyph with its offset (in points; zero for nearly every glyph).
    pub fn push(&mut self, glyph: Glyph, x_offset: f32, y_offset: f32) {
        if x_offset != 0.0 || y_offset != 0.0 {
            self.offsets.push(GlyphOffset {
                index: self.glyphs.len() as u32,
                x: x_offset,
                y: y_offset,
            });
        }
        self.glyphs.push(glyph);
    }

    /// The offset of every glyph, in glyph order.
    pub fn glyph_offsets(&self) -> impl Iterator<Item = (f32, f32)> + '_ {
        let mut offsets = self.offsets.iter().peekable();
        (0..self.glyphs.len() as u32).map(move |i| match offsets.next_if(|o| o.index == i) {
            Some(o) => (o.x, o.y),
            None => (0.0, 0.0),
        })
    }

    pub fn width(&self) -> f32 {
        self.glyphs.iter().map(|g| g.advance).sum()
    }
}

/// Where a link goes.
#[derive(Debug, Clone, PartialEq)]
pub enum LinkTarget {
    /// A place in this document: page index and the y of the top of the target line.
    Internal {
        page: usize,
        y: f32,
    },
    Uri(String),
}

/// A clickable area.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
    pub target: LinkTarget,
}

/// A horizontal rule (note separator, thematic break).
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub thickness: f32,
}

/// How a page is numbered: front matter in roman, the body in arabic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numbering {
    Roman,
    Arabic,
}

/// One finished page.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub runs: Vec<GlyphRun>,
    pub rules: Vec<Rule>,
    pub links: Vec<Link>,
    pub numbering: Numbering,
    /// The printed (or implied, on pages without a folio) page number.
    pub number: u32,
}

impl Page {
    pub fn new(numbering: Numbering, number: u32) -> Page {
        Page {
            runs: Vec::new(),
            rules: Vec::new(),
            links: Vec::new(),
            numbering,
            number,
        }
    }

    /// The page number as printed: `xii` or `45`.
    pub fn label(&self) -> String {
        match self.numbering {
            Numbering::Roman => roman(self.number),
            Numbering::Arabic => self.number.to_string(),
        }
    }
}

/// Lower-case roman numerals (front matter folios).
pub fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for (value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// An entry of the PDF outline (bookmarks): a text or a section heading.
#[derive(Debug, Clone, PartialEq)]
pub struct OutlineEntry {
    /// 0 for a text (or a front-matter page), 1 + heading level for sections.
    pub depth: u8,
    pub title: String,
    pub page: usize,
    pub y: f32,
}

/// Where a page begins in the model: the block and the byte offset in that block's plain
/// text (`model::text::inline_text` of its content) of the page's first line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageStart {
    pub text: TextId,
    pub block: BlockId,
    pub offset: usize,
}

/// Which page each model node lands on, and where each body page begins.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageMap {
    /// Page index (0-based, in the PDF) of the first line of each block.
    pub blocks: std::collections::BTreeMap<BlockId, usize>,
    /// Page index of each note call and of the note's first line.
    pub note_calls: std::collections::BTreeMap<NoteId, usize>,
    pub notes: std::collections::BTreeMap<NoteId, usize>,
    /// For each page index, where it begins in the body text (None for pages that begin
    /// with no text: blank pages, front matter, title lines).
    pub starts: Vec<Option<PageStart>>,
    /// The printed label of each page index (`iii`, `45`).
    pub labels: Vec<String>,
}

impl PageMap {
    /// The printed label of page `index` (`iii`, `45`).
    pub fn label(&self, index: usize) -> Option<&str> {
        self.labels.get(index).map(String::as_str)
    }

    /// The page on which byte `offset` of `block`'s plain text is printed: the last page
    /// that starts inside the block at or before the offset, else the block's first page.
    /// This is the locator of an anchor (index entry, chronology reference).
    ///
    /// One lookup walks the pages after the block's first; for many lookups (a back
    /// matter's locators) build a [`PageFinder`] once, which gives the same answers.
    pub fn page_of(&self, block: BlockId, offset: usize) -> Option<usize> {
        let first = *self.blocks.get(&block)?;
        let mut later = self
            .starts
            .iter()
            .enumerate()
            .skip(first + 1)
            .filter_map(|(i, s)| {
                s.as_ref()
                    .filter(|s| s.block == block && s.offset <= offset)
                    .map(|_| i)
            });
        Some(later.next_back().unwrap_or(first))
    }
}

/// The pages of a finished [`PageMap`] that start inside a block, grouped by block, so that
/// the page of each of a volume's thousands of locators is found among its own block's
/// page starts instead of by a walk of the rest of the book (which grew with the square
/// of the volume). Same rule and answers as [`PageMap::page_of`]. Holds the map (owned or
/// borrowed), so the index cannot fall out of step with it.
pub struct PageFinder<M: Borrow<PageMap>> {
    map: M,
    /// `(block, page index)` of every page that starts inside a block, sorted.
    starts: Vec<(BlockId, usize)>,
}

impl<M: Borrow<PageMap>> PageFinder<M> {
    pub fn new(map: M) -> PageFinder<M> {
        let mut starts: Vec<(BlockId, usize)> = map
            .borrow()
            .starts
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.as_ref().map(|s| (s.block, i)))
            .collect();
        starts.sort_unstable();
        PageFinder { map, starts }
    }

    pub fn map(&self) -> &PageMap {
        self.map.borrow()
    }

    /// [`PageMap::page_of`]: the last page after the block's first that starts inside the
    /// block at or before `offset`, else the block's first page.
    pub fn page_of(&self, block: BlockId, offset: usize) -> Option<usize> {
        let map = self.map.borrow();
        let first = *map.blocks.get(&block)?;
        let from = self.starts.partition_point(|&(b, _)| b < block);
        let to = self.starts.partition_point(|&(b, _)| b <= block);
        let later = self.starts[from..to].iter().rev().find(|&&(_, page)| {
            page > first
                && map.starts[page]
                    .as_ref()
                    .is_some_and(|s| s.offset <= offset)
        });
        Some(later.map_or(first, |&(_, page)| page))
    }
}

#[cfg(test)]
mod finder_tests {
    use super::*;

    fn start(block: u32, offset: usize) -> Option<PageStart> {
        Some(PageStart {
            text: TextId("t".to_string()),
            block: BlockId(block),
            offset,
        })
    }

    /// A map whose block 2 starts on page 1 and runs over pages 2 and 3 (page 3 starting
    /// at offset 900), with a page without a start between, and block 5 starting again
    /// on a later page (as no pagination makes, but the rule allows).
    fn map() -> PageMap {
        let mut map = PageMap {
            starts: vec![
                None,
                start(1, 0),
                start(2, 300),
                None,
                start(2, 900),
                start(3, 0),
                start(5, 10),
                start(4, 0),
                start(5, 40),
            ],
            ..PageMap::default()
        };
        for (block, page) in [(1, 1), (2, 1), (3, 5), (4, 7), (5, 6), (6, 8)] {
            map.blocks.insert(BlockId(block), page);
        }
        map
    }

    #[test]
    fn the_finder_gives_the_answers_of_the_walk() {
        let map = map();
        let finder = PageFinder::new(&map);
        for block in 0..8 {
            for offset in [0, 5, 10, 40, 299, 300, 301, 899, 900, 5000] {
                assert_eq!(
                    finder.page_of(BlockId(block), offset),
                    map.page_of(BlockId(block), offset),
                    "block {block}, offset {offset}"
                );
            }
        }
        assert_eq!(finder.page_of(BlockId(2), 299), Some(1));
        assert_eq!(finder.page_of(BlockId(2), 300), Some(2));
        assert_eq!(finder.page_of(BlockId(2), 950), Some(4));
        assert_eq!(finder.page_of(BlockId(5), 50), Some(8));
        assert_eq!(finder.page_of(BlockId(9), 0), None);
    }
}
