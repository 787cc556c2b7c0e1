//! Booklet imposition: the A5 pages placed two-up on A4 landscape sheet sides in
//! saddle-stitch order, in signatures of at most 40 pages, so that a study group can print
//! double-sided, fold each signature and staple it.

use super::geometry::mm;
use super::page::{LinkTarget, Numbering, OutlineEntry, Page};
use super::{Geometry, PagedVolume};

/// The most pages in one signature: ten A4 sheets still fold and staple flat.
const MAX_SIGNATURE_PAGES: usize = 40;

/// Which A5 page (if any; `None` is a blank) goes left and right on each sheet side.
pub fn booklet_order(pages: usize) -> Vec<[Option<usize>; 2]> {
    let padded = pages.div_ceil(4) * 4;
    let signatures = padded.div_ceil(MAX_SIGNATURE_PAGES).max(1);
    // Even signatures (multiples of 4 pages), the last one taking what is left.
    let size = (padded / 4).div_ceil(signatures) * 4;
    let mut sides = Vec::new();
    let mut first = 0;
    while first < padded {
        let n = size.min(padded - first);
        let page = |i: usize| Some(first + i).filter(|&p| p < pages);
        for sheet in 0..n / 4 {
            // Front of the sheet: last and first pages of the signature's outer pair.
            sides.push([page(n - 1 - 2 * sheet), page(2 * sheet)]);
            // Back: the next first page and the next last page.
            sides.push([page(2 * sheet + 1), page(n - 2 - 2 * sheet)]);
        }
        first += n;
    }
    sides
}

/// Imposes typeset A5 pages on A4 landscape sides.
pub fn impose(a5: PagedVolume) -> PagedVolume {
    let order = booklet_order(a5.pages.len());
    let sheet_width = mm(297.0);
    let sheet_height = mm(210.0);
    // The two A5 pages meet at the fold, centred on the sheet.
    let margin = (sheet_width - 2.0 * a5.geometry.page_width) / 2.0;
    let mut place = vec![(0usize, 0.0f32); a5.pages.len()];
    for (side, pair) in order.iter().enumerate() {
        for (slot, page) in pair.iter().enumerate() {
            if let Some(p) = page {
                place[*p] = (side, margin + slot as f32 * a5.geometry.page_width);
            }
        }
    }
    let mut sides: Vec<Page> = (0..order.len())
        .map(|i| Page::new(Numbering::Arabic, i as u32 + 1))
        .collect();
    for (index, page) in a5.pages.into_iter().enumerate() {
        let (side, dx) = place[index];
        let target = &mut sides[side];
        for mut run in page.runs {
            run.x += dx;
            target.runs.push(run);
        }
        for mut rule in page.rules {
            rule.x += dx;
            target.rules.push(rule);
        }
        for mut link in page.links {
            link.x += dx;
            if let LinkTarget::Internal { page, .. } = &mut link.target {
                *page = place[*page].0;
            }
            target.links.push(link);
        }
    }
    let outline = a5
        .outline
        .into_iter()
        .map(|e| OutlineEntry {
            page: place[e.page].0,
            ..e
        })
        .collect();
    let geometry = Geometry {
        page_width: sheet_width,
        page_height: sheet_height,
        ..a5.geometry
    };
    let mut quality = a5.quality.clone();
    // The booklet's pages are the sheet sides.
    quality.pages = sides.len();
    PagedVolume {
        quality,
        pages: sides,
        outline,
        geometry,
        front_pages: 0,
        ..a5
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eight_pages_fold_into_two_sheets() {
        let s = |l: usize, r: usize| [Some(l), Some(r)];
        assert_eq!(booklet_order(8), vec![s(7, 0), s(1, 6), s(5, 2), s(3, 4)]);
    }

    #[test]
    fn blanks_pad_and_signatures_stay_small() {
        let order = booklet_order(6);
        assert_eq!(order[0], [None, Some(0)]);
        assert_eq!(order[1], [Some(1), None]);
        let long = booklet_order(130);
        // 132 pages in 4 signatures of 36, 36, 36 and 24: every page exactly once.
        let mut seen: Vec<usize> = long.iter().flatten().flatten().copied().collect();
        seen.sort();
        assert_eq!(seen, (0..130).collect::<Vec<_>>());
        assert_eq!(long[0], [Some(35), Some(0)]);
    }
}
