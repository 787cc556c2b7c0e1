//! Where the back matter's locators land in the paginated body, before the front matter
//! is set: the page of each place (the same rule as the finished `PageMap`, so the PDF's
//! locators and the EPUB's labels agree), the line it is on (for a link to land on), and
//! page numbers with ranges merged ("12, 45–47").

use super::super::page::{PageFinder, PageMap};
use crate::backmatter::Locator;
use crate::model::BlockId;

/// A place in the body: the body page (0-based, page 1 of the body is 0) and the y of the
/// top of its line from the top of the page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BodyPlace {
    pub page: usize,
    pub y: f32,
}

/// What a locator needs of a body line: where it stands on its page and what it sets.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LineMark {
    /// Baseline from the top of the text block.
    pub baseline: f32,
    pub leading: f32,
    pub block: Option<BlockId>,
    /// Byte offset in the block's plain text where the line begins.
    pub offset: Option<usize>,
}

/// The body's pages as a page map (indices and labels of the body alone), with the lines
/// of each page, to find the line a locator lands on.
pub struct BodyLocate<'a> {
    map: PageFinder<&'a PageMap>,
    lines: &'a [Vec<LineMark>],
    /// From the top edge of the page to the top of the text block.
    top: f32,
}

impl<'a> BodyLocate<'a> {
    /// Locators in the body whose page map is `map` and whose pages hold `lines`.
    pub fn new(lines: &'a [Vec<LineMark>], map: &'a PageMap, top: f32) -> BodyLocate<'a> {
        BodyLocate {
            map: PageFinder::new(map),
            lines,
            top,
        }
    }

    /// The body page of `loc` and the top of its line.
    pub fn place(&self, loc: &Locator) -> Option<BodyPlace> {
        let page = self.map.page_of(loc.block, loc.range.start)?;
        let lines = self.lines.get(page)?;
        let line = lines
            .iter()
            .rfind(|l| l.block == Some(loc.block) && l.offset.is_none_or(|o| o <= loc.range.start))
            .or_else(|| lines.iter().find(|l| l.block == Some(loc.block)));
        let y = line.map_or(0.0, |l| self.top + l.baseline - l.leading);
        Some(BodyPlace { page, y })
    }
}

/// The printed number of body page `index` (the body is numbered from 1 in arabic).
pub fn body_label(index: usize) -> String {
    (index + 1).to_string()
}

/// Pages as printed in a locator list: each page once, in order, runs of consecutive
/// pages merged ("12, 45–47"); each item with the place its first and last page go to.
pub fn merge_pages(places: &[BodyPlace]) -> Vec<(BodyPlace, Option<BodyPlace>)> {
    let mut firsts: Vec<BodyPlace> = Vec::new();
    for p in places {
        if !firsts.iter().any(|f| f.page == p.page) {
            firsts.push(*p);
        }
    }
    firsts.sort_by_key(|p| p.page);
    let mut out: Vec<(BodyPlace, Option<BodyPlace>)> = Vec::new();
    for p in firsts {
        match out.last_mut() {
            Some((first, last)) if last.unwrap_or(*first).page + 1 == p.page => *last = Some(p),
            _ => out.push((p, None)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(page: usize) -> BodyPlace {
        BodyPlace { page, y: 0.0 }
    }

    #[test]
    fn consecutive_pages_merge_into_ranges() {
        let pages = |v: &[usize]| {
            merge_pages(&v.iter().map(|&p| at(p)).collect::<Vec<_>>())
                .into_iter()
                .map(|(a, b)| match b {
                    Some(b) => format!("{}–{}", body_label(a.page), body_label(b.page)),
                    None => body_label(a.page),
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        assert_eq!(pages(&[11, 44, 45, 45, 46]), "12, 45–47");
        assert_eq!(pages(&[3]), "4");
        assert_eq!(pages(&[5, 3, 4, 9, 10]), "4–6, 10–11");
        assert_eq!(pages(&[]), "");
    }
}
