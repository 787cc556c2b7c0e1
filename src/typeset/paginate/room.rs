//! Room at the foot of a page: when breaking the page before a line would leave more than
//! two lines of white, the last note at the foot gives lines to the next page (a continued
//! note) so that the line, and those after it, stay on this page; the notes of lines
//! that move to the next page go with them; carried note lines start the next page.
//!
//! Without it, a long note called a few lines before the foot takes its lines with it
//! to the next page whenever the paragraph cannot break there (a widow, a hyphen at the
//! page end), and the page ends many lines short; a book splits the note instead.

use super::{Body, FOOT_SEPARATION_LINES, MIN_NOTE_LINES};
use crate::model::NoteId;
use crate::typeset::flow::{FlowItem, FlowLine};
use crate::typeset::geometry::Geometry;

/// A note gives up lines only when the page would otherwise end more than this many
/// body lines short: up to two lines, a spread run one line long or the white stretched
/// between paragraphs takes up the difference without a page turn inside a note (on the
/// volume, 2 leaves the least white with the fewest continued notes: 9 in A5 against 15
/// at 1 line, 8 at 3 lines).
const ROOM_LINES: f32 = 2.0;

impl Body {
    /// Makes room for `line` (which calls no note) by moving the last lines of the
    /// page's last note to the next page, if a break before it would leave a hole and
    /// that note is called on this page and long enough to keep `MIN_NOTE_LINES` here and
    /// there; returns whether it did.
    pub(super) fn make_room(&mut self, g: &Geometry, line: &FlowLine) -> bool {
        let Some(&(id, _)) = self.foot.last() else {
            return false;
        };
        // What is carried already can only be the rest of that note, split before.
        if !line.notes.is_empty() || self.carry.iter().any(|(n, _)| *n != id) {
            return false;
        }
        let whole = self.notes.get(&id).map_or(0, Vec::len);
        let carried = self.carry.len();
        let on_page = self.foot.iter().filter(|(n, _)| *n == id).count();
        let called_here = self
            .current
            .iter()
            .any(|i| matches!(i, FlowItem::Line(l) if l.notes.contains(&id)));
        if on_page + carried != whole
            || !called_here
            || self.white_at_break(g) <= ROOM_LINES * g.body.leading
        {
            return false;
        }
        let over = self.used + line.leading + self.foot_used - self.capacity(g);
        // The fewest lines to move: enough to free `over`, `MIN_NOTE_LINES` at least
        // on each page, and the part that stays does not end in a hyphenated word.
        let fewest = MIN_NOTE_LINES.saturating_sub(carried).max(1);
        let moved = (fewest..=on_page.saturating_sub(MIN_NOTE_LINES)).find(|&m| {
            let cut = self.foot.len() - m;
            let freed: f32 = self.foot[cut..].iter().map(|(_, l)| l.leading).sum();
            freed >= over && !self.foot[cut - 1].1.hyphenated
        });
        let Some(moved) = moved else {
            return false;
        };
        let cut = self.foot.len() - moved;
        let mut rest = self.foot.split_off(cut);
        self.foot_used -= rest.iter().map(|(_, l)| l.leading).sum::<f32>();
        rest.append(&mut self.carry);
        self.carry = rest;
        if carried == 0 {
            self.continued += 1;
        }
        true
    }

    /// The white the page would end with if it broke now at its last legal break: the
    /// lines after the break would take their notes with them.
    fn white_at_break(&self, g: &Geometry) -> f32 {
        let k = self.last_legal_break().unwrap_or(self.current.len());
        let mut kept = 0.0;
        let mut y = 0.0;
        for item in &self.current[..k] {
            match item {
                FlowItem::Line(l) => {
                    y += l.leading;
                    kept = y;
                }
                FlowItem::Space(h) => y += h,
                FlowItem::NewPage { .. } => {}
            }
        }
        let moving: Vec<_> = self.current[k..]
            .iter()
            .flat_map(|i| match i {
                FlowItem::Line(l) => l.notes.clone(),
                _ => Vec::new(),
            })
            .collect();
        let notes: f32 = self
            .foot
            .iter()
            .filter(|(n, _)| !moving.contains(n))
            .map(|(_, l)| l.leading)
            .sum();
        let foot = if notes > 0.0 {
            notes + FOOT_SEPARATION_LINES * g.body.leading
        } else {
            0.0
        };
        self.height(g) - kept - foot
    }

    /// Takes back the notes of lines that move to the next page.
    pub(super) fn withdraw_notes(&mut self, g: &Geometry, moving: &[FlowItem]) {
        let ids: Vec<NoteId> = moving
            .iter()
            .flat_map(|i| match i {
                FlowItem::Line(l) => l.notes.clone(),
                _ => Vec::new(),
            })
            .collect();
        if ids.is_empty() {
            return;
        }
        if self.carry.iter().any(|(id, _)| ids.contains(id)) {
            self.continued -= 1;
        }
        self.foot.retain(|(id, _)| !ids.contains(id));
        self.carry.retain(|(id, _)| !ids.contains(id));
        self.foot_used = if self.foot.is_empty() {
            0.0
        } else {
            Self::separation(g) + self.foot.iter().map(|(_, l)| l.leading).sum::<f32>()
        };
    }

    /// Starts a page with the note lines carried over, as many as leave room for text.
    pub(super) fn start_page(&mut self, g: &Geometry) {
        if self.carry.is_empty() {
            return;
        }
        let room = self.capacity(g) - Self::separation(g) - 2.0 * g.body.leading;
        let mut height = 0.0;
        let mut n = 0;
        while n < self.carry.len() && height + self.carry[n].1.leading <= room {
            height += self.carry[n].1.leading;
            n += 1;
        }
        let rest = self.carry.split_off(n.max(1));
        self.foot = std::mem::replace(&mut self.carry, rest);
        self.foot_used =
            Self::separation(g) + self.foot.iter().map(|(_, l)| l.leading).sum::<f32>();
    }

    /// Sets the note lines still carried on pages of their own (the text ended first).
    pub(super) fn flush_carry(&mut self, g: &Geometry) {
        while !self.foot.is_empty() || !self.carry.is_empty() {
            if self.foot.is_empty() {
                self.start_page(g);
            }
            self.flush(g, false);
        }
    }
}
