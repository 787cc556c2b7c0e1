//! Where the back matter's locators land in the paginated body, before the front matter
//! is set: the page of each place (the same rule as the finished `PageMap`, so the PDF's
//! locators and the EPUB's labels agree), the line it is on (for a link to land on), and
//! page numbers with ranges merged ("12, 45–47").

use std::collections::BTreeMap;

use super::super::page::{PageFinder, PageMap, PageStart};
use super::super::paginate::Body;
use crate::backmatter::Locator;
use crate::model::Volume;

/// A place in the body: the body page (0-based, page 1 of the body is 0) and the y of the
/// top of its line from the top of the page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BodyPlace {
    pub page: usize,
    pub y: f32,
}

/// The body's pages as a page map (indices and labels of the body alone).
pub struct BodyLocate<'a> {
    map: PageFinder<PageMap>,
    body: &'a Body,
    /// From the top edge of the page to the top of the text block.
    top: f32,
}

impl<'a> BodyLocate<'a> {
    /// Locators in `body`, whose page map ([`body_page_map`]) is `map`.
    pub fn new(body: &'a Body, map: PageMap, top: f32) -> BodyLocate<'a> {
        BodyLocate {
            map: PageFinder::new(map),
            body,
            top,
        }
    }

    /// The body page of `loc` and the top of its line.
    pub fn place(&self, loc: &Locator) -> Option<BodyPlace> {
        let page = self.map.page_of(loc.block, loc.range.start)?;
        let lines = &self.body.pages.get(page)?.lines;
        let line = lines
            .iter()
            .rfind(|(_, l)| {
                l.block == Some(loc.block) && l.offset.is_none_or(|o| o <= loc.range.start)
            })
            .or_else(|| lines.iter().find(|(_, l)| l.block == Some(loc.block)));
        let y = line.map_or(0.0, |(baseline, l)| self.top + baseline - l.leading);
        Some(BodyPlace { page, y })
    }
}

/// The page map of the paginated body alone, as printed: each body page's label (the body
/// is numbered from 1), where it begins in the text, and each block's first page. The
/// back matter's locators are found in it, and the EPUB's print page numbers come from
/// it (its labels are those of the finished edition, whose other pages are front and
/// back matter).
pub fn body_page_map(body: &Body, volume: &Volume) -> PageMap {
    let mut map = PageMap::default();
    let mut blocks = BTreeMap::new();
    for (i, bp) in body.pages.iter().enumerate() {
        let mut start = None;
        for (_, line) in &bp.lines {
            if let (Some(block), Some(offset), None) = (line.block, line.offset, &start) {
                let text = &volume.texts[bp.text.unwrap_or(0)];
                start = Some(PageStart {
                    text: text.id.clone(),
                    block,
                    offset,
                });
            }
            if let Some(block) = line.block {
                blocks.entry(block).or_insert(i);
            }
        }
        map.starts.push(start);
        map.labels.push(body_label(i));
    }
    map.blocks = blocks;
    map
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
