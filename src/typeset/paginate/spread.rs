//! Spreads: facing pages inside a text end at the same height. How far a page ends above
//! its text block's last baseline, when a spread is unequal and which page to shorten,
//! the setting of a spread again to bring them level, and the report's count.
//!
//! A keep (no widow, no orphan, a heading with its lines), a note that will not split or
//! the rule against a hyphen at the page foot can leave a page short. A good compositor
//! then runs both pages of the spread one line long, when that lets the short page take
//! what it could not; or shortens the verso so that the recto takes lines it could not
//! end on; or makes the longer page short by as much as the other, so the spread still
//! reads as one block. All are tried, and the level one with the least white is kept.

use std::ops::Range;

use super::{Body, BodyPage, FOOT_SEPARATION_LINES};
use crate::model::NoteId;
use crate::typeset::flow::{FlowItem, FlowLine};
use crate::typeset::geometry::Geometry;

/// How often one spread may be set again with a page shortened to bring its pages level:
/// each try shortens one of its pages, so this only bounds a chain of keeps that leaves
/// the other page short each time.
const MAX_SPREAD_TRIES: usize = 4;
/// What running a spread one line long costs, in lines of white at the foot: it is
/// accepted practice (both pages alike), but its folios stand a line lower than their
/// neighbours' and its pages look fuller, so a spread runs long only when that saves
/// more than a line and a half of white over the other settings.
const LONG_SPREAD_COST_LINES: f32 = 1.5;
/// A spread that ends level as it comes is kept when the white on its two pages (above
/// notes, or at a foot that runs short) is at most this many lines: less is what note
/// lines in their own leading leave anyway.
const GOOD_WHITE_LINES: f32 = 2.0;
/// How many lines a verso may be shortened by, one at a time, to give its recto lines:
/// as many as a heading with its two lines and the white around it.
const MAX_VERSO_STEPS: usize = 6;
/// Pages end level when their ends differ by less than this, in points: no eye sees half
/// a point, and sums of heights round by far less.
const LEVEL_POINTS: f32 = 0.5;
/// A page with notes may end up to this many body lines above or below its facing page:
/// the allowance for a note that forces it.
const NOTE_SLACK_LINES: f32 = 1.0;

/// Which page of a spread to shorten, and to what height.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Fix {
    /// Index of the page in the body.
    pub page: usize,
    /// The height it may fill (text, the separation and its notes).
    pub height: f32,
}

/// How pagination treats the two pages of a spread.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Spreads {
    /// Each page is filled on its own (front and back matter).
    #[default]
    Free,
    /// Facing pages inside a text end at the same height.
    Balanced,
}

/// How far `page` ends above its text block's last baseline, in points: its last line
/// is its last note's when it has notes (they stand at the foot of the height the page
/// may fill, and the white above them floats), else its last line of text. `None` for a
/// page without text.
pub(crate) fn shortfall(page: &BodyPage, g: &Geometry) -> Option<f32> {
    page.lines[..page.body_lines].last()?;
    let (last, _) = page.lines.last()?;
    Some(g.text_height() - last)
}

/// The white on `page` below its text, in points: between the text and the notes beyond
/// their separation, and at the foot, down to the last baseline of the text block (of
/// the line below it on a page that runs long, `height` past the block).
fn white(page: &BodyPage, height: f32, g: &Geometry) -> f32 {
    let Some((last, _)) = page.lines[..page.body_lines].last() else {
        return 0.0;
    };
    let notes: f32 = page.lines[page.body_lines..]
        .iter()
        .map(|(_, l)| l.leading)
        .sum();
    let foot = if page.lines.len() > page.body_lines {
        FOOT_SEPARATION_LINES * g.body.leading + notes
    } else {
        0.0
    };
    (height.max(g.text_height()) - last - foot).max(0.0)
}

/// How far apart the ends of facing pages may be and still count as level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Allowance {
    /// The same line: what pagination aims at.
    Exact,
    /// Up to a line when either page has notes: what the report accepts, for a spread
    /// that no setting brings level (a note that forces it).
    Note,
}

/// The page of the spread (`verso_index`, the next) to shorten so that both end level,
/// if they do not: the longer one, to where the shorter one ends.
pub(crate) fn balance(
    verso: &BodyPage,
    recto: &BodyPage,
    verso_index: usize,
    g: &Geometry,
    allowance: Allowance,
) -> Option<Fix> {
    let (v, r) = (shortfall(verso, g)?, shortfall(recto, g)?);
    let notes = [verso, recto].iter().any(|p| p.lines.len() > p.body_lines);
    let slack = if notes && allowance == Allowance::Note {
        NOTE_SLACK_LINES * g.body.leading
    } else {
        LEVEL_POINTS
    };
    if (v - r).abs() <= slack {
        return None;
    }
    let (page, short) = if v < r {
        (verso_index, r)
    } else {
        (verso_index + 1, v)
    };
    Some(Fix {
        page,
        height: g.text_height() - short,
    })
}

/// The spreads inside a text whose pages do not end level (beyond what a note forces).
/// A spread with a blank page, a text's opening or its last page does not count: a text
/// ends where it ends, and the next begins on a recto of its own.
#[cfg(test)]
pub fn unequal_spreads(pages: &[BodyPage], g: &Geometry) -> usize {
    unequal_spreads_in(pages, 0..pages.len(), g)
}

/// [`unequal_spreads`] counted over the spreads whose verso is in `versos`: the pages of
/// a text are counted once the text is paginated (a spread that reaches past them into
/// the next text is not inside a text, so pages not yet paginated change nothing).
pub fn unequal_spreads_in(pages: &[BodyPage], versos: Range<usize>, g: &Geometry) -> usize {
    // Versos are the odd pages: from the first odd index in `versos`.
    let first = versos.start | 1;
    (first..versos.end.min(pages.len()))
        .step_by(2)
        .filter(|&v| {
            let (verso, Some(recto), Some(after)) = (&pages[v], pages.get(v + 1), pages.get(v + 2))
            else {
                return false;
            };
            let inside = verso.text.is_some()
                && [recto, after]
                    .iter()
                    .all(|p| p.text == verso.text && !p.opening);
            inside && balance(verso, recto, v, g, Allowance::Note).is_some()
        })
        .count()
}

/// Where a spread began: what `Body::restore` needs to set it again.
#[derive(Debug)]
pub(super) struct Snapshot {
    /// Index of the verso.
    page: usize,
    /// The next item of the text's vertical list.
    item: usize,
    current: Vec<FlowItem>,
    used: f32,
    opening: bool,
    foot: Vec<(NoteId, FlowLine)>,
    foot_used: f32,
    carry: Vec<(NoteId, FlowLine)>,
    continued: usize,
}

/// How a setting of a spread came out.
#[derive(Debug, Clone, Copy)]
struct Outcome {
    /// The item of the text to go on from.
    next: usize,
    /// Both pages were set and the text goes on.
    complete: bool,
    /// Its pages end on the same line.
    level: bool,
    /// Its pages end level within what a note allows.
    near: bool,
    /// The white at the feet of both pages, in points: below the text block's last
    /// baseline, or the line below it on a page that runs long.
    white: f32,
}

impl Body {
    /// Paginates `items`; with balanced spreads, each spread inside the text is set so
    /// that its pages end level.
    pub(super) fn fill(&mut self, g: &Geometry, items: &[FlowItem]) {
        let mut next = 0;
        let mut last_verso = None;
        while let Some(item) = items.get(next) {
            // A verso (odd index) is being filled: set its spread as a whole, once.
            let verso = self.pages.len();
            if self.options.spreads == Spreads::Balanced
                && verso % 2 == 1
                && last_verso != Some(verso)
            {
                last_verso = Some(verso);
                next = self.set_spread(g, items, next);
                continue;
            }
            self.push(g, item.clone());
            next += 1;
        }
    }

    /// Sets the spread whose verso is being filled, from item `start` on. As it comes,
    /// when its pages end level with little white; else the best level setting of: as
    /// it comes, both pages one line long, and (when the verso is the longer page) the
    /// verso shortened line by line, each settled by shortening the longer page. Returns
    /// the item to go on from.
    fn set_spread(&mut self, g: &Geometry, items: &[FlowItem], start: usize) -> usize {
        let snap = self.save(start);
        let (verso, recto) = (snap.page, snap.page + 1);
        let plain = self.run_spread(g, items, &snap);
        let lines = g.body.leading;
        if !plain.complete || (plain.level && plain.white <= GOOD_WHITE_LINES * lines) {
            return plain.next;
        }
        let full = g.text_height();
        let mut starts = vec![[full + lines, full + lines]];
        // A verso that ends lower gives lines to the recto: perhaps enough for it to reach
        // further, where shortening it to the recto's end would leave both short.
        let ends = [verso, recto].map(|p| shortfall(&self.pages[p], g).unwrap_or(0.0));
        let steps = ((ends[1] - ends[0]) / lines).ceil().max(0.0) as usize;
        starts.extend((1..=steps.min(MAX_VERSO_STEPS)).map(|k| [full - k as f32 * lines, full]));
        // The best setting so far: level before near, then the least white.
        let mut best: Option<([f32; 2], (u8, f32))> = None;
        let mut consider = |heights: [f32; 2], outcome: Outcome| {
            let long = heights.iter().any(|&h| h > full);
            let cost = outcome.white
                + if long {
                    LONG_SPREAD_COST_LINES * lines
                } else {
                    0.0
                };
            let rank = match (outcome.level, outcome.near) {
                (true, _) => 0,
                (false, true) => 1,
                (false, false) => return,
            };
            if best.is_none_or(|(_, (r, c))| rank < r || (rank == r && cost < c - LEVEL_POINTS)) {
                best = Some((heights, (rank, cost)));
            }
        };
        consider([full, full], plain);
        let (settled, heights) = self.settle(g, items, &snap, [full, full]);
        consider(heights, settled);
        for heights in starts {
            let (outcome, heights) = self.settle(g, items, &snap, heights);
            consider(heights, outcome);
        }
        // With no setting level even within a note's allowance, the last one tried stands.
        let heights = best.map_or([self.height_of(verso, g), self.height_of(recto, g)], |b| {
            b.0
        });
        for (page, height) in [verso, recto].into_iter().zip(heights) {
            self.heights.insert(page, height);
        }
        self.run_spread(g, items, &snap).next
    }

    /// Sets the spread with its pages `heights` high, then shortens its longer page to
    /// where the shorter ends, as often as it takes to bring them level; returns the
    /// last setting and the heights it used.
    fn settle(
        &mut self,
        g: &Geometry,
        items: &[FlowItem],
        snap: &Snapshot,
        heights: [f32; 2],
    ) -> (Outcome, [f32; 2]) {
        let (verso, recto) = (snap.page, snap.page + 1);
        for (page, height) in [verso, recto].into_iter().zip(heights) {
            self.heights.insert(page, height);
        }
        let mut outcome = self.run_spread(g, items, snap);
        for _ in 0..MAX_SPREAD_TRIES {
            if outcome.level || !outcome.complete {
                break;
            }
            let (v, r) = (&self.pages[verso], &self.pages[recto]);
            let fix = balance(v, r, verso, g, Allowance::Exact).filter(|fix| {
                fix.height < self.height_of(fix.page, g) - LEVEL_POINTS
                    // The verso's first lines were placed before the snapshot.
                    && (fix.page != verso || snap.used + snap.foot_used <= fix.height)
            });
            let Some(fix) = fix else {
                break;
            };
            self.heights.insert(fix.page, fix.height);
            outcome = self.run_spread(g, items, snap);
        }
        (
            outcome,
            [self.height_of(verso, g), self.height_of(recto, g)],
        )
    }

    /// Goes back to `snap` and fills pages until its spread is set or the text ends.
    fn run_spread(&mut self, g: &Geometry, items: &[FlowItem], snap: &Snapshot) -> Outcome {
        let mut next = self.restore(snap);
        while next < items.len() && self.pages.len() < snap.page + 2 {
            self.push(g, items[next].clone());
            next += 1;
        }
        let pages = self.pages.get(snap.page..snap.page + 2);
        let Some([verso, recto]) = pages else {
            return Outcome {
                next,
                complete: false,
                level: true,
                near: true,
                white: 0.0,
            };
        };
        let white = white(verso, self.height_of(snap.page, g), g)
            + white(recto, self.height_of(snap.page + 1, g), g);
        Outcome {
            next,
            complete: true,
            level: balance(verso, recto, snap.page, g, Allowance::Exact).is_none(),
            near: balance(verso, recto, snap.page, g, Allowance::Note).is_none(),
            white,
        }
    }

    /// The state before item `item` of the text, the verso being filled.
    fn save(&self, item: usize) -> Snapshot {
        Snapshot {
            page: self.pages.len(),
            item,
            current: self.current.clone(),
            used: self.used,
            opening: self.opening,
            foot: self.foot.clone(),
            foot_used: self.foot_used,
            carry: self.carry.clone(),
            continued: self.continued,
        }
    }

    /// Goes back to `snap`, dropping the pages set since; returns the item to go on from.
    fn restore(&mut self, snap: &Snapshot) -> usize {
        self.pages.truncate(snap.page);
        self.current.clone_from(&snap.current);
        self.used = snap.used;
        self.opening = snap.opening;
        self.foot.clone_from(&snap.foot);
        self.foot_used = snap.foot_used;
        self.carry.clone_from(&snap.carry);
        self.continued = snap.continued;
        snap.item
    }
}

#[cfg(test)]
#[path = "spread_tests.rs"]
mod tests;
