//! Pagination: cuts the vertical list of each text into pages. Honours keeps (no widows,
//! orphans or lonely headings), puts each note at the foot of the page that calls it
//! (continuing a long note on the next page), evens out the page foot, and brings the
//! facing pages of a text level (`spread.rs`).

mod room;
mod spread;

use std::collections::BTreeMap;

use super::flow::{FlowItem, FlowLine};
use super::geometry::Geometry;
use super::notes::NoteLines;
use super::page::Rule;
use crate::model::NoteId;

pub use spread::{Spreads, unequal_spreads_in};

/// The most white a page may gain between its blocks and paragraphs to end on the last
/// baseline, in body lines: more would look like a hole rather than air.
const MAX_FILL_LINES: f32 = 2.5;
/// The most white one gap between blocks or paragraphs may gain, in body lines.
const MAX_GAP_LINES: f32 = 0.5;
/// White between the text and the notes, in body lines; the note rule sits in it.
pub(super) const FOOT_SEPARATION_LINES: f32 = 1.0;
/// The note rule: a short hairline, as in most books (a third of the measure at most).
const FOOT_RULE_WIDTH_EMS: f32 = 8.0;
const FOOT_RULE_THICKNESS: f32 = 0.4;
/// Where the rule sits in the white above the notes, as a fraction of it measured up from
/// the notes: the last text line's descenders eat into the white above the rule, and the
/// first note's ascenders leave white below it, so an off-centre rule looks centred.
const FOOT_RULE_RISE: f32 = 0.3;
/// How many lines a page may give up to avoid ending in a hyphenated word: a few lines of
/// white at the foot (rare: once in a hundred pages of the volume) are less disturbing
/// than a word split across a page turn, which also splits it in extracted text.
const HYPHEN_BACKTRACK_LINES: usize = 3;
/// The last resort before a page ends in a hyphen: when keeps (a heading with the two
/// lines it holds on to) leave no break within `HYPHEN_BACKTRACK_LINES`, up to this many
/// lines move over. A short page is a blemish; a word split across the page turn is an
/// error (the rule: never hyphenate the last word of a page), and it also splits
/// the word for search and text extraction. Seen once in the volume (a heading of three
/// lines followed by two), so six lines cover it with a line to spare.
const HYPHEN_BACKTRACK_MAX_LINES: usize = 6;
/// A note split across pages keeps at least this many lines on each page; when fewer fit,
/// the line with the call moves to the next page instead.
const MIN_NOTE_LINES: usize = 2;
/// A hundredth of a point: slack against rounding in sums of heights.
const HEIGHT_EPSILON: f32 = 0.01;

/// One page of the body before placement.
#[derive(Debug, Default)]
pub struct BodyPage {
    /// Lines (text, then notes) with their baseline from the top of the text block.
    pub lines: Vec<(f32, FlowLine)>,
    /// Rules, y from the top of the text block.
    pub rules: Vec<Rule>,
    /// The text (index in the volume) this page belongs to; `None` for a blank page.
    pub text: Option<usize>,
    /// The page opens a text (no running head).
    pub opening: bool,
    /// How many of `lines` are text; the rest are notes.
    pub body_lines: usize,
    /// The height the page could fill: the text block's, less on a page shortened to
    /// its facing page, more on a spread run one line long (0 on a blank page).
    pub height: f32,
}

/// How to paginate.
#[derive(Debug, Clone, Copy, Default)]
pub struct PageOptions {
    pub spreads: Spreads,
}

/// The body being paginated.
#[derive(Debug, Default)]
pub struct Body {
    pub pages: Vec<BodyPage>,
    options: PageOptions,
    /// The height a page may fill (text, separation and notes), by page index, where it is
    /// not the text block's: set by spread balancing.
    heights: BTreeMap<usize, f32>,
    current: Vec<FlowItem>,
    used: f32,
    text: usize,
    opening: bool,
    /// Note lines at the foot of the current page, and their height with the separation.
    foot: Vec<(NoteId, FlowLine)>,
    foot_used: f32,
    /// Lines of a note that continue on the next page.
    carry: Vec<(NoteId, FlowLine)>,
    notes: NoteLines,
    /// Notes continued across a page break.
    pub continued: usize,
    /// Pages that nothing added later can change: those before the current text's.
    settled: usize,
}

impl Body {
    /// Paginates the vertical list of text `text` with its notes.
    pub fn add(&mut self, g: &Geometry, text: usize, items: &[FlowItem], notes: NoteLines) {
        // A page still open belongs to the text before.
        if matches!(items.first(), Some(FlowItem::NewPage { .. })) {
            self.flush(g, false);
            self.flush_carry(g);
            // The text before is finished: spreads are balanced within a text only.
            self.settled = self.pages.len();
        }
        self.text = text;
        self.notes = notes;
        self.fill(g, items);
    }

    /// How many of `pages` are final: those before the text being added (all of them
    /// once [`Body::finish`]ed). A text only ever goes back over its own pages.
    pub fn settled(&self) -> usize {
        self.settled
    }

    /// A body paginated with `options`.
    pub fn new(options: PageOptions) -> Body {
        Body {
            options,
            ..Body::default()
        }
    }

    /// The height page `index` may fill: the text block's unless balancing changed it.
    fn height_of(&self, index: usize, g: &Geometry) -> f32 {
        self.heights.get(&index).copied().unwrap_or(g.text_height())
    }

    /// The height of the page being filled.
    fn height(&self, g: &Geometry) -> f32 {
        self.height_of(self.pages.len(), g)
    }

    fn capacity(&self, g: &Geometry) -> f32 {
        // A hundredth of a point of slack against rounding in the sums.
        self.height(g) + HEIGHT_EPSILON
    }

    fn separation(g: &Geometry) -> f32 {
        FOOT_SEPARATION_LINES * g.body.leading
    }

    fn push(&mut self, g: &Geometry, item: FlowItem) {
        let capacity = self.capacity(g);
        match item {
            FlowItem::NewPage { recto } => {
                self.flush(g, false);
                self.flush_carry(g);
                if recto && self.pages.len() % 2 == 1 {
                    self.pages.push(BodyPage::default());
                }
                self.opening = true;
            }
            FlowItem::Space(h) => {
                if self.current.is_empty() {
                } else if self.used + self.foot_used + h > capacity {
                    // A heading before the space goes on with what it keeps with, and
                    // the space after it.
                    let kept =
                        matches!(self.current.last(), Some(FlowItem::Line(l)) if l.keep_with_next);
                    if self.turn_page(g, kept) {
                        self.push(g, FlowItem::Space(h));
                    }
                } else {
                    self.used += h;
                    self.current.push(FlowItem::Space(h));
                }
            }
            FlowItem::Line(line) => {
                if self.try_place(g, &line)
                    || (self.make_room(g, &line) && self.try_place(g, &line))
                {
                    self.used += line.leading;
                    self.current.push(FlowItem::Line(line));
                    return;
                }
                self.turn_page(g, true);
                if self.try_place(g, &line) || self.current.is_empty() {
                    self.used += line.leading;
                    self.current.push(FlowItem::Line(line));
                } else {
                    self.push(g, FlowItem::Line(line));
                }
            }
        }
    }

    /// Ends the page at its last legal break (when `at_break`, else after all it holds)
    /// and starts the next one with the lines after the break; returns whether any moved.
    fn turn_page(&mut self, g: &Geometry, at_break: bool) -> bool {
        let tail = match self.last_legal_break().filter(|_| at_break) {
            Some(k) => self.current.split_off(k),
            None => Vec::new(),
        };
        self.withdraw_notes(g, &tail);
        self.flush(g, true);
        let moved = !tail.is_empty();
        for item in tail {
            self.push(g, item);
        }
        moved
    }

    /// Places the notes called by `line` if the line and its notes fit (a long note may
    /// be split, leaving at least two lines here); returns whether the line fits.
    fn try_place(&mut self, g: &Geometry, line: &FlowLine) -> bool {
        let capacity = self.capacity(g);
        let mut used = self.used + line.leading + self.foot_used;
        if used > capacity {
            return false;
        }
        let mut placed: Vec<(NoteId, FlowLine)> = Vec::new();
        let mut carry = Vec::new();
        for note in &line.notes {
            let lines = self.notes.get(note).cloned().unwrap_or_default();
            if self.foot.is_empty() && placed.is_empty() {
                used += Self::separation(g);
            }
            let fit = lines.iter().scan(used, |u, l| {
                *u += l.leading;
                Some(*u)
            });
            let mut fitting = fit.take_while(|&u| u <= capacity).count();
            // A split note leaves `MIN_NOTE_LINES` for the next page, however many fit here.
            if fitting < lines.len() {
                fitting = fitting.min(lines.len().saturating_sub(MIN_NOTE_LINES));
            }
            // A split note does not end its first part with a hyphenated word.
            while fitting > 1 && fitting < lines.len() && lines[fitting - 1].hyphenated {
                fitting -= 1;
            }
            if fitting == lines.len() && carry.is_empty() {
                used += lines.iter().map(|l| l.leading).sum::<f32>();
                placed.extend(lines.into_iter().map(|l| (*note, l)));
            } else if carry.is_empty()
                && fitting >= MIN_NOTE_LINES.min(lines.len())
                && lines.len() - fitting >= MIN_NOTE_LINES
            {
                used += lines[..fitting].iter().map(|l| l.leading).sum::<f32>();
                let mut lines = lines;
                let rest = lines.split_off(fitting);
                placed.extend(lines.into_iter().map(|l| (*note, l)));
                carry.extend(rest.into_iter().map(|l| (*note, l)));
            } else if carry.is_empty() && placed.is_empty() && self.current.is_empty() {
                // Nothing can move to an emptier page: set the note here whatever it takes.
                placed.extend(lines.into_iter().map(|l| (*note, l)));
            } else {
                return false;
            }
        }
        if !placed.is_empty() {
            if self.foot.is_empty() {
                self.foot_used += Self::separation(g);
            }
            self.foot_used += placed.iter().map(|(_, l)| l.leading).sum::<f32>();
            self.foot.extend(placed);
        }
        if !carry.is_empty() {
            self.continued += 1;
            self.carry.extend(carry);
        }
        true
    }

    /// The last place on the current page where a break is allowed: before a line or a
    /// space whose preceding line does not keep with the next. A page should not end in
    /// a hyphenated word (the reader turns the page mid-word, and text extraction meets the
    /// folio inside the word): the break moves up to `HYPHEN_BACKTRACK_LINES` lines earlier
    /// to avoid one, as a last resort up to `HYPHEN_BACKTRACK_MAX_LINES`, and ends in the
    /// hyphen only when no such break exists.
    fn last_legal_break(&self) -> Option<usize> {
        let prev_line = |k: usize| {
            self.current[..k].iter().rev().find_map(|i| match i {
                FlowItem::Line(l) => Some(l),
                _ => None,
            })
        };
        let allowed = |k: usize| prev_line(k).is_some_and(|l| !l.keep_with_next);
        let last = (2..=self.current.len()).rev().find(|&k| allowed(k))?;
        if !prev_line(last).is_some_and(|l| l.hyphenated) {
            return Some(last);
        }
        let lines_between = |from: usize| {
            self.current[from..last]
                .iter()
                .filter(|i| matches!(i, FlowItem::Line(_)))
                .count()
        };
        let within = |limit: usize| {
            (2..last)
                .rev()
                .take_while(|&k| lines_between(k) <= limit)
                .find(|&k| allowed(k) && !prev_line(k).is_some_and(|l| l.hyphenated))
        };
        within(HYPHEN_BACKTRACK_LINES)
            .or_else(|| within(HYPHEN_BACKTRACK_MAX_LINES))
            .or(Some(last))
    }

    /// Ends the current page; a `full` page has its spaces stretched to end on the last
    /// baseline of the text block. The lines carried over start the next page's foot.
    fn flush(&mut self, g: &Geometry, full: bool) {
        if self.current.is_empty() && self.foot.is_empty() {
            return;
        }
        let items = std::mem::take(&mut self.current);
        // What stays on this page (a tail may have been split off for the next one).
        let used: f32 = items
            .iter()
            .map(|i| match i {
                FlowItem::Line(l) => l.leading,
                FlowItem::Space(h) => *h,
                FlowItem::NewPage { .. } => 0.0,
            })
            .sum();
        let height = self.height(g);
        let leftover = (height - used - self.foot_used).max(0.0);
        // Where white may be added: at spaces between blocks, and between paragraphs (as
        // TeX's \flushbottom stretches \parskip), so facing pages end on the same line.
        let stretch_point = |i: usize, item: &FlowItem, before: Option<&FlowItem>| {
            i > 0
                && match item {
                    FlowItem::Space(_) => true,
                    // A paragraph that follows a line directly (not after a space).
                    FlowItem::Line(l) => {
                        l.para.is_some_and(|(k, _)| k == 0)
                            && l.justified
                            && matches!(before, Some(FlowItem::Line(_)))
                    }
                    FlowItem::NewPage { .. } => false,
                }
        };
        let points = (0..items.len())
            .filter(|&i| stretch_point(i, &items[i], i.checked_sub(1).map(|k| &items[k])))
            .count();
        let extra = if full && points > 0 && leftover < MAX_FILL_LINES * g.body.leading {
            // No gap grows by more than half a line: a page with too few gaps stays short.
            (leftover / points as f32).min(MAX_GAP_LINES * g.body.leading)
        } else {
            0.0
        };
        let stretches: Vec<bool> = (0..items.len())
            .map(|i| stretch_point(i, &items[i], i.checked_sub(1).map(|k| &items[k])))
            .collect();
        let mut y = 0.0;
        let mut page = BodyPage {
            text: Some(self.text),
            opening: self.opening,
            height,
            ..BodyPage::default()
        };
        for (i, item) in items.into_iter().enumerate() {
            if stretches[i] {
                y += extra;
            }
            match item {
                FlowItem::Space(h) => y += h,
                FlowItem::Line(l) => {
                    y += l.leading;
                    page.lines.push((y, l));
                }
                FlowItem::NewPage { .. } => {}
            }
        }
        page.body_lines = page.lines.len();
        // Notes sit at the foot of the text block, the last on its last baseline.
        let foot = std::mem::take(&mut self.foot);
        if !foot.is_empty() {
            let notes_height: f32 = foot.iter().map(|(_, l)| l.leading).sum();
            let top = height - notes_height;
            page.rules.push(Rule {
                x: 0.0,
                y: top - Self::separation(g) * FOOT_RULE_RISE,
                width: (FOOT_RULE_WIDTH_EMS * g.body.size).min(g.measure() / 3.0),
                thickness: FOOT_RULE_THICKNESS,
            });
            let mut y = top;
            for (_, l) in foot {
                y += l.leading;
                page.lines.push((y, l));
            }
        }
        self.pages.push(page);
        self.opening = false;
        self.used = 0.0;
        self.foot_used = 0.0;
        self.start_page(g);
    }

    /// Ends the text added last: its last page (and the rest of a note that runs on) is
    /// finished and every page so far is settled. For a text that the next one does not
    /// continue (every text of the volume opens on a new page), and for the last.
    pub fn finish(&mut self, g: &Geometry) {
        self.flush(g, false);
        self.flush_carry(g);
        self.settled = self.pages.len();
    }
}
