//! Generated paragraphs of the back matter: text in roman, italic and bold with links to
//! places in the body, set through the paragraph pipeline ragged right with a hanging
//! indent (the turnover lines of an index entry stand in from its first).

use std::ops::Range;

use super::super::Layout;
use super::super::flow::{FlowItem, Frame, PlaceLink};
use super::super::fonts::Style;
use super::super::geometry::TypeSize;
use super::super::paragraph::{self, Align, NoteNumbers, ParaSpec};
use super::locate::BodyPlace;
use crate::diag::{FileId, Span};
use crate::model::{Inline, InlineKind, NoteId};

/// A paragraph being built: inlines and the links of their byte ranges.
#[derive(Debug, Default)]
pub struct Rich {
    inlines: Vec<Inline>,
    len: usize,
    links: Vec<(Range<usize>, PlaceLink)>,
}

/// Generated text has no source; its diagnostics point at the start of the first file.
fn span() -> Span {
    Span::new(FileId(0), 0..0)
}

impl Rich {
    fn push(&mut self, s: &str, wrap: Option<fn(Vec<Inline>) -> InlineKind>) {
        if s.is_empty() {
            return;
        }
        let text = Inline {
            span: span(),
            kind: InlineKind::Text(s.to_string()),
        };
        self.inlines.push(match wrap {
            Some(w) => Inline {
                span: span(),
                kind: w(vec![text]),
            },
            None => text,
        });
        self.len += s.len();
    }

    pub fn text(&mut self, s: &str) -> &mut Rich {
        self.push(s, None);
        self
    }

    pub fn italic(&mut self, s: &str) -> &mut Rich {
        self.push(s, Some(InlineKind::Emph));
        self
    }

    pub fn bold(&mut self, s: &str) -> &mut Rich {
        self.push(s, Some(InlineKind::Strong));
        self
    }

    /// Model inlines as they are (an editor's note).
    pub fn inlines(&mut self, inlines: &[Inline]) -> &mut Rich {
        self.len += crate::model::text::inline_text(inlines).len();
        self.inlines.extend(inlines.iter().cloned());
        self
    }

    /// Bytes of text so far.
    pub fn len(&self) -> usize {
        self.len
    }

    /// `s` as a link to `place` in the body.
    pub fn link(&mut self, s: &str, place: BodyPlace) -> &mut Rich {
        let to = PlaceLink::Body {
            page: place.page,
            y: place.y,
        };
        self.link_to(s, to)
    }

    /// `s` as a link to the index heading with key `key`.
    pub fn heading_link(&mut self, s: &str, key: usize) -> &mut Rich {
        self.link_to(s, PlaceLink::IndexHeading(key))
    }

    fn link_to(&mut self, s: &str, to: PlaceLink) -> &mut Rich {
        let start = self.len;
        self.push(s, None);
        self.links.push((start..self.len, to));
        self
    }
}

/// Generated paragraphs call no notes.
struct NoNotes;
impl NoteNumbers for NoNotes {
    fn number(&self, _: NoteId) -> u32 {
        0
    }
}

impl Layout<'_, '_> {
    /// Sets `rich` ragged right at `size`, `left` in from the text block, its lines after
    /// the first `hang` further in; appends the lines to `out`.
    pub(super) fn hanging(
        &mut self,
        rich: &Rich,
        size: TypeSize,
        left: f32,
        hang: f32,
        out: &mut Vec<FlowItem>,
    ) {
        let pieces = paragraph::collect(&rich.inlines, Style::Regular, &NoNotes);
        let spec = ParaSpec {
            size: size.size,
            indent: 0.0,
            hyphenation: None,
        };
        let measure = self.geometry.measure() - left;
        let width = |line: usize| if line == 0 { measure } else { measure - hang };
        let set = paragraph::set(
            &pieces,
            &spec,
            &width,
            Align::Left,
            self.options.breaker,
            &mut self.shaper,
        );
        for c in set.missing {
            self.missing.push(super::super::flow::Missing {
                c,
                span: span(),
                text: None,
            });
        }
        let frame = Frame {
            left,
            right: 0.0,
            size,
            style: Style::Regular,
            align: Align::Left,
        };
        let start = out.len();
        self.push_lines(set.lines, &frame, None, out);
        for (k, item) in out[start..].iter_mut().enumerate() {
            let FlowItem::Line(line) = item else { continue };
            line.offset = None;
            let shift = if k == 0 { 0.0 } else { hang };
            line.runs.make_mut().iter_mut().for_each(|r| r.x += shift);
            line.spans.iter_mut().for_each(|s| s.0 += shift);
            line.page_links = link_areas(&line.spans, &rich.links);
        }
    }
}

/// The area of each link on a line: from its first piece to its last.
fn link_areas(
    spans: &[(f32, f32, Range<usize>)],
    links: &[(Range<usize>, PlaceLink)],
) -> Vec<(f32, f32, PlaceLink)> {
    let mut areas = Vec::new();
    for (range, to) in links {
        let extent = spans
            .iter()
            .filter(|(_, _, r)| r.start < range.end && r.end > range.start)
            .fold(None, |acc: Option<(f32, f32)>, (x, w, _)| {
                Some(acc.map_or((*x, x + w), |(a, b)| (a.min(*x), b.max(x + w))))
            });
        if let Some((from, to_x)) = extent {
            areas.push((from, to_x - from, *to));
        }
    }
    areas
}
