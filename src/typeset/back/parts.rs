//! The entries of each part as paragraphs: the glossary's terms, the index's letters,
//! headings and cross-references, the emendations; each locator the printed page of its
//! place in the body, linked to it.

use super::super::Layout;
use super::super::flow::{FlowItem, Frame};
use super::super::fonts::Style;
use super::super::paragraph::Align;
use super::locate::{BodyLocate, BodyPlace, body_label, merge_pages};
use super::rich::Rich;
use crate::backmatter::{BackMatter, EmendationsPart, GlossaryPart, IndexItem, IndexPart, Locator};
use crate::diag::{FileId, Span};
use crate::model::BlockKind;

/// White between two entries of the glossary or the emendations, in body lines.
const ENTRY_GAP_LINES: f32 = 0.4;
/// White above a letter of the index, in body lines.
const LETTER_GAP_LINES: f32 = 1.0;

/// `s` with a full stop, unless it ends a sentence already.
fn sentence(s: &str) -> String {
    let s = s.trim();
    if s.ends_with(['.', '!', '?', '…']) {
        s.to_string()
    } else {
        format!("{s}.")
    }
}

impl Layout<'_, '_> {
    /// "*Memoir* 41", the page linked; the title alone when the place has no page.
    pub(super) fn titled_locator(
        rich: &mut Rich,
        back: &BackMatter,
        locate: &BodyLocate,
        loc: &Locator,
    ) {
        rich.italic(back.short_title(&loc.text));
        if let Some(place) = locate.place(loc) {
            rich.text(" ");
            rich.link(&body_label(place.page), place);
        }
    }

    /// The pages of `places`, ranges merged ("12, 45–47"), each linked to its first
    /// place; `lead` goes before the first.
    pub(super) fn page_list(rich: &mut Rich, places: &[BodyPlace], lead: &str) {
        for (k, (first, last)) in merge_pages(places).into_iter().enumerate() {
            let label = match last {
                Some(last) => format!("{}–{}", body_label(first.page), body_label(last.page)),
                None => body_label(first.page),
            };
            rich.text(if k == 0 { lead } else { ", " });
            rich.link(&label, first);
        }
    }

    pub(super) fn glossary_flow(
        &mut self,
        part: &GlossaryPart,
        back: &BackMatter,
        locate: &BodyLocate,
        out: &mut Vec<FlowItem>,
    ) {
        let g = self.geometry.clone();
        for term in &part.terms {
            let mut rich = Rich::default();
            rich.bold(&term.short);
            if !term.aliases.is_empty() {
                rich.text(&format!(" (also {})", term.aliases.join(", ")));
            }
            rich.text("  ");
            rich.italic(term.expansion.trim());
            match term.english.as_deref().map(str::trim) {
                Some(e) if !e.is_empty() && e != term.expansion.trim() => {
                    rich.text(&format!(" — {}", sentence(e)));
                }
                _ => {
                    rich.text(".");
                }
            }
            if let Some(about) = term.about.as_deref().filter(|a| !a.trim().is_empty()) {
                rich.text(" ").text(&sentence(about));
            }
            if !term.first_uses.is_empty() {
                rich.text(" First use: ");
                for (n, u) in term.first_uses.iter().enumerate() {
                    if n > 0 {
                        rich.text("; ");
                    }
                    Self::titled_locator(&mut rich, back, locate, u);
                }
                rich.text(".");
            }
            self.hanging(&rich, g.quote, 0.0, g.indent, out);
            out.push(FlowItem::Space(ENTRY_GAP_LINES * g.body.leading));
        }
    }

    /// The heading of a group of entries (a letter of the index, a year of the
    /// chronology): bold, in the heading size, kept with the first entry.
    pub(super) fn group_heading(&mut self, label: &str, out: &mut Vec<FlowItem>) {
        let frame = Frame {
            left: 0.0,
            right: 0.0,
            size: self.geometry.heading,
            style: Style::Bold,
            align: Align::Left,
        };
        let start = out.len();
        self.plain(label, &frame, Span::new(FileId(0), 0..0), out);
        for item in &mut out[start..] {
            if let FlowItem::Line(l) = item {
                l.keep_with_next = true;
            }
        }
    }

    pub(super) fn index_flow(
        &mut self,
        part: &IndexPart,
        locate: &BodyLocate,
        out: &mut Vec<FlowItem>,
    ) {
        let g = self.geometry.clone();
        for (k, group) in part.groups.iter().enumerate() {
            if k > 0 {
                out.push(FlowItem::Space(LETTER_GAP_LINES * g.body.leading));
            }
            self.group_heading(&group.letter, out);
            for item in &group.items {
                let mut rich = Rich::default();
                match item {
                    IndexItem::Heading(h) => {
                        rich.text(&h.heading);
                        let places: Vec<_> =
                            h.locators.iter().filter_map(|l| locate.place(l)).collect();
                        Self::page_list(&mut rich, &places, ", ");
                        let about = h.about.as_deref().filter(|a| !a.trim().is_empty());
                        let start = out.len();
                        self.hanging(&rich, g.quote, 0.0, g.indent, out);
                        // Where the "see" references to this heading lead.
                        if let Some(FlowItem::Line(l)) = out.get_mut(start) {
                            l.anchor = Some(h.key);
                        }
                        if let Some(about) = about {
                            // The identification stays with its heading.
                            if let Some(FlowItem::Line(l)) = out[start..].last_mut() {
                                l.keep_with_next = true;
                            }
                            let mut who = Rich::default();
                            who.italic(about.trim());
                            self.hanging(&who, g.note, g.indent, 0.0, out);
                        }
                    }
                    IndexItem::See(see) => {
                        rich.text(&see.from).text(", ").italic("see").text(" ");
                        for (k, (heading, key)) in see.to.iter().enumerate() {
                            if k > 0 {
                                rich.text("; ");
                            }
                            rich.heading_link(heading, *key);
                        }
                        self.hanging(&rich, g.quote, 0.0, g.indent, out);
                    }
                }
            }
        }
    }

    pub(super) fn emendations_flow(
        &mut self,
        part: &EmendationsPart,
        back: &BackMatter,
        locate: &BodyLocate,
        out: &mut Vec<FlowItem>,
    ) {
        let g = self.geometry.clone();
        let mut intro = Rich::default();
        intro.text(crate::backmatter::emendations::INTRODUCTION);
        self.hanging(&intro, g.quote, 0.0, 0.0, out);
        out.push(FlowItem::Space(g.body.leading));
        for row in &part.rows {
            let mut rich = Rich::default();
            Self::titled_locator(&mut rich, back, locate, &row.locator);
            rich.text(": ")
                .text(&row.printed)
                .text(" → ")
                .text(&row.corrected);
            let mut first = true;
            for block in &row.note {
                if let BlockKind::Paragraph(inlines) = &block.kind {
                    rich.text(if first { ". " } else { " " });
                    rich.inlines(inlines);
                    first = false;
                }
            }
            self.hanging(&rich, g.quote, 0.0, g.indent, out);
            out.push(FlowItem::Space(ENTRY_GAP_LINES * g.body.leading));
        }
    }
}
