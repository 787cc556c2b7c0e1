//! The chronology in the PDF: a heading per year, each event as a ragged paragraph (its
//! date in words in bold, its description), its note, and the places that mention it as
//! the texts' short titles and their page numbers (ranges merged), each a link to its line.

use super::super::Layout;
use super::super::flow::FlowItem;
use super::locate::BodyLocate;
use super::rich::Rich;
use crate::backmatter::{BackMatter, ChronologyPart};
use crate::model::BlockKind;

/// White above a year, in body lines.
const YEAR_GAP_LINES: f32 = 1.0;
/// White between two events, in body lines.
const EVENT_GAP_LINES: f32 = 0.4;

impl Layout<'_, '_> {
    pub(super) fn chronology_flow(
        &mut self,
        part: &ChronologyPart,
        back: &BackMatter,
        locate: &BodyLocate,
        out: &mut Vec<FlowItem>,
    ) {
        let g = self.geometry.clone();
        for (k, year) in part.years.iter().enumerate() {
            if k > 0 {
                out.push(FlowItem::Space(YEAR_GAP_LINES * g.body.leading));
            }
            self.group_heading(&year.year.to_string(), out);
            for (n, event) in year.events.iter().enumerate() {
                if n > 0 {
                    out.push(FlowItem::Space(EVENT_GAP_LINES * g.body.leading));
                }
                let start = out.len();
                let mut rich = Rich::default();
                if let Some(date) = &event.date {
                    rich.bold(date).text("  ");
                }
                rich.inlines(&event.what);
                self.hanging(&rich, g.quote, 0.0, g.indent, out);
                let mut note = Rich::default();
                for block in &event.note {
                    if let BlockKind::Paragraph(inlines) = &block.kind {
                        if note.len() > 0 {
                            note.text(" ");
                        }
                        note.inlines(inlines);
                    }
                }
                if note.len() > 0 {
                    self.hanging(&note, g.note, g.indent, 0.0, out);
                }
                if !event.refs.is_empty() {
                    let mut refs = Rich::default();
                    for (i, (text, list)) in event.refs_by_text().into_iter().enumerate() {
                        if i > 0 {
                            refs.text("; ");
                        }
                        refs.italic(back.short_title(text));
                        let places: Vec<_> = list.iter().filter_map(|r| locate.place(r)).collect();
                        Self::page_list(&mut refs, &places, " ");
                    }
                    self.hanging(&refs, g.note, g.indent, g.indent, out);
                }
                // An event's lines stay on one page when they can.
                let end = out.len();
                for item in &mut out[start..end.saturating_sub(1)] {
                    if let FlowItem::Line(l) = item {
                        l.keep_with_next = true;
                    }
                }
            }
        }
    }
}
