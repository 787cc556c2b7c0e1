//! Unit tests of spread balancing and of room made at the foot, on synthetic vertical
//! lists: pages of ten 10-point lines, paragraphs with the keeps `flow.rs` gives them.

use super::*;
use crate::typeset::geometry::Preset;
use crate::typeset::notes::NoteLines;
use crate::typeset::paginate::PageOptions;
use crate::typeset::text::bare_line;

const LEADING: f32 = 10.0;

/// A text block of ten lines of 10 points.
fn geometry() -> Geometry {
    let mut g = Geometry::for_preset(Preset::A5);
    g.lines = 10;
    g.body.leading = LEADING;
    g
}

/// A line of a paragraph: line `i` of `n`, keeping with the next as `flow.rs` does
/// against widows and orphans.
fn line(i: usize, n: usize) -> FlowLine {
    let mut line = bare_line(Vec::new(), LEADING, None);
    line.keep_with_next = n >= 2 && (i == 0 || i + 2 == n);
    line.justified = true;
    line.para = Some((i as u32, n as u32));
    line
}

/// Paragraphs of the given numbers of lines, after a new recto.
fn text(paragraphs: &[usize]) -> Vec<FlowItem> {
    let mut items = vec![FlowItem::NewPage { recto: true }];
    for &n in paragraphs {
        items.extend((0..n).map(|i| FlowItem::Line(line(i, n))));
    }
    items
}

/// A heading-like group: `n` lines that all keep with the next.
fn kept(items: &mut Vec<FlowItem>, n: usize) {
    for _ in 0..n {
        let mut l = bare_line(Vec::new(), LEADING, None);
        l.keep_with_next = true;
        items.push(FlowItem::Line(l));
    }
}

fn paginate(items: &[FlowItem], spreads: Spreads, notes: NoteLines) -> Vec<BodyPage> {
    let g = geometry();
    let mut body = Body::new(PageOptions { spreads });
    body.add(&g, 0, items, notes);
    body.finish(&g);
    body.pages
}

/// The baseline each page ends on, in lines from the top of the text block.
fn ends(pages: &[BodyPage]) -> Vec<f32> {
    let g = geometry();
    pages
        .iter()
        .map(|p| (g.text_height() - shortfall(p, &g).unwrap_or(g.text_height())) / LEADING)
        .collect()
}

#[test]
fn an_orphan_kept_off_the_verso_runs_the_spread_one_line_long() {
    // Page 0 is the opening recto; the verso (page 1) holds 9 lines of a paragraph and
    // the first line of the next, which cannot stay alone at its foot.
    let items = text(&[10, 9, 4, 40]);
    let free = paginate(&items, Spreads::Free, NoteLines::new());
    assert_eq!(&ends(&free)[..3], &[10.0, 9.0, 10.0]);
    assert_eq!(unequal_spreads(&free, &geometry()), 1);
    // Both pages of the spread take a line more: the verso the two lines of the
    // paragraph it could not end on, the recto a line of the long one.
    let balanced = paginate(&items, Spreads::Balanced, NoteLines::new());
    assert_eq!(&ends(&balanced)[..4], &[10.0, 11.0, 11.0, 10.0]);
    assert_eq!(unequal_spreads(&balanced, &geometry()), 0);
    // The pages say so, for their folios to keep their distance.
    let heights: Vec<f32> = balanced[..4].iter().map(|p| p.height / LEADING).collect();
    assert_eq!(heights, [10.0, 11.0, 11.0, 10.0]);
}

#[test]
fn a_verso_left_short_by_a_kept_group_shortens_its_recto() {
    // The verso holds 7 lines; a group of five kept lines and the two lines it keeps
    // with fit neither there nor in a spread run one line long.
    let mut items = text(&[10, 7]);
    kept(&mut items, 5);
    items.extend((0..40).map(|i| FlowItem::Line(line(i, 40))));
    let free = paginate(&items, Spreads::Free, NoteLines::new());
    assert_eq!(&ends(&free)[..3], &[10.0, 7.0, 10.0]);
    let balanced = paginate(&items, Spreads::Balanced, NoteLines::new());
    assert_eq!(&ends(&balanced)[..4], &[10.0, 7.0, 7.0, 10.0]);
    assert_eq!(unequal_spreads(&balanced, &geometry()), 0);
    // Nothing is lost or repeated.
    let lines: usize = balanced.iter().map(|p| p.lines.len()).sum();
    assert_eq!(lines, 10 + 7 + 5 + 40);
}

#[test]
fn a_level_spread_is_left_as_it_comes() {
    let items = text(&[10, 10, 10, 10, 10]);
    let free = paginate(&items, Spreads::Free, NoteLines::new());
    let balanced = paginate(&items, Spreads::Balanced, NoteLines::new());
    assert_eq!(ends(&free), ends(&balanced));
    assert_eq!(ends(&balanced), vec![10.0; 5]);
}

#[test]
fn the_report_leaves_out_the_last_page_of_a_text() {
    // 10 + 10 + 3: the spread of pages 1 and 2 ends the text on its recto.
    let pages = paginate(&text(&[10, 10, 3]), Spreads::Balanced, NoteLines::new());
    assert_eq!(ends(&pages), vec![10.0, 10.0, 3.0]);
    assert_eq!(unequal_spreads(&pages, &geometry()), 0);
}

#[test]
fn a_note_gives_lines_to_the_next_page_rather_than_leave_a_hole() {
    // Page 1: 3 lines, then a paragraph of 4 whose first line calls a 4-line note of
    // 8-point lines and whose second ends in a hyphen. With the note whole, the page has
    // room for two lines of the paragraph, and may end neither after its first (an
    // orphan) nor its second (a hyphen): it would end after 3 lines, 7 short.
    let note = crate::model::NoteId(1);
    let mut items = text(&[10, 3]);
    for i in 0..4 {
        let mut l = line(i, 4);
        l.hyphenated = i == 1;
        if i == 0 {
            l.notes = vec![note];
        }
        items.push(FlowItem::Line(l));
    }
    items.extend(text(&[20]).into_iter().skip(1));
    let mut notes = NoteLines::new();
    notes.insert(
        note,
        (0..4).map(|_| bare_line(Vec::new(), 8.0, None)).collect(),
    );
    let pages = paginate(&items, Spreads::Free, notes);
    // The whole paragraph and two lines of the note stay; two go on to the next page.
    let (page, next) = (&pages[1], &pages[2]);
    assert_eq!(page.body_lines, 7);
    assert_eq!(page.lines.len() - page.body_lines, 2);
    assert_eq!(next.lines.len() - next.body_lines, 2);
}

#[test]
fn a_heading_at_the_foot_goes_on_with_the_space_under_it() {
    // The heading is the verso's tenth line; the space under it does not fit.
    let mut items = text(&[10, 9]);
    kept(&mut items, 1);
    items.push(FlowItem::Space(LEADING));
    items.extend(text(&[20]).into_iter().skip(1));
    let pages = paginate(&items, Spreads::Free, NoteLines::new());
    assert_eq!(pages[1].lines.len(), 9);
    let (first, second) = (&pages[2].lines[0], &pages[2].lines[1]);
    assert!(first.1.keep_with_next && first.1.para.is_none());
    // The space stays between the heading and the text.
    assert_eq!(second.0 - first.0, 2.0 * LEADING);
}
