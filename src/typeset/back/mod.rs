//! The back matter in the PDF: each part of `backmatter` (chronology, glossary,
//! emendations, index of names) set after the body, from a new recto with its title, in the note sizes,
//! ragged right; its locators are the body's page numbers (ranges merged), each a link
//! to the line it names. Paginated before the front matter, so the contents can list
//! the parts; placed after the body with running heads and folios that continue it.

mod chronology;
mod locate;
mod parts;
mod rich;

use std::collections::BTreeMap;

use super::Layout;
use super::flow::{FlowItem, Frame, Mark, PlaceLink, sink};
use super::fonts::Style;
use super::page::{Link, LinkTarget, Numbering, OutlineEntry, Page, PageMap};
use super::paginate::{Body, BodyPage};
use super::paragraph::Align;
use super::parallel;
use super::shape::Variant;
use crate::backmatter::{BackMatter, PartKind};
use crate::diag::{FileId, Span};

use locate::BodyLocate;
pub(super) use locate::{LineMark, body_label};

/// Lines of white above a part's title, as above a text's.
const SINK_LINES: f32 = 5.0;
/// White between a part's title and its first entry, in body lines.
const AFTER_TITLE_LINES: f32 = 2.0;
/// Below this many entries in all, the parts are set on one thread: a second one costs
/// its start and cold caches (about half a millisecond), more than a few pages save.
const PARALLEL_MIN_ENTRIES: usize = 60;

/// The paginated back matter, ready to be placed after the body.
pub struct BackPages {
    pages: Vec<BodyPage>,
    kinds: Vec<PartKind>,
    /// Each part and its first page, counted from the back matter's first page.
    pub parts: Vec<(PartKind, usize)>,
}

impl BackPages {
    pub fn is_empty(&self) -> bool {
        self.pages.is_empty()
    }
}

impl Layout<'_, '_> {
    /// Sets and paginates every part of `back`, its locators found in the body whose page
    /// map is `body_map` and whose pages hold `lines`. The parts are set side by side on
    /// two threads ([`parallel::run`]), then paginated in order.
    pub fn back_matter(
        &mut self,
        back: &BackMatter,
        lines: &[Vec<LineMark>],
        body_map: &PageMap,
    ) -> BackPages {
        let body_pages = lines.len();
        let locate = BodyLocate::new(lines, body_map, self.geometry.top);
        let kinds = back.parts();
        let sizes: Vec<usize> = kinds.iter().map(|&kind| back.entries(kind)).collect();
        let threaded = sizes.iter().sum::<usize>() >= PARALLEL_MIN_ENTRIES;
        let flows = parallel::run(self, threaded, &kinds, &sizes, &|layout, &kind| {
            layout.part_flow(kind, back, &locate)
        });
        let mut paged = Body::default();
        for (k, (flow, missing)) in flows.into_iter().enumerate() {
            self.missing.extend(missing);
            paged.add(&self.geometry, k, &flow, Default::default());
        }
        paged.finish(&self.geometry);
        // Pagination starts each part on an even page of its own (a recto when the first
        // is one): after a body of an odd number of pages, a blank verso comes first.
        let lead = body_pages % 2;
        let mut pages: Vec<BodyPage> = (0..lead).map(|_| BodyPage::default()).collect();
        pages.extend(paged.pages);
        let parts = kinds
            .iter()
            .enumerate()
            .filter_map(|(k, kind)| {
                let first = pages.iter().position(|p| p.opening && p.text == Some(k))?;
                Some((*kind, first))
            })
            .collect();
        BackPages {
            pages,
            kinds,
            parts,
        }
    }

    /// The vertical list of one part: its opening (new recto, sinkage, title) and its
    /// entries.
    fn part_flow(
        &mut self,
        kind: PartKind,
        back: &BackMatter,
        locate: &BodyLocate,
    ) -> Vec<FlowItem> {
        let g = self.geometry.clone();
        let span = Span::new(FileId(0), 0..0);
        let mut flow = vec![
            FlowItem::NewPage { recto: true },
            sink(SINK_LINES * g.body.leading),
        ];
        let start = flow.len();
        let title = Frame {
            left: 0.0,
            right: 0.0,
            size: g.title,
            style: Style::Regular,
            align: Align::Center,
        };
        self.plain(kind.title(), &title, span, &mut flow);
        for (i, item) in flow[start..].iter_mut().enumerate() {
            if let FlowItem::Line(l) = item {
                l.keep_with_next = true;
                if i == 0 {
                    l.mark = Some(Mark {
                        depth: 0,
                        title: kind.title().to_string(),
                    });
                }
            }
        }
        flow.push(FlowItem::Space(AFTER_TITLE_LINES * g.body.leading));
        match kind {
            PartKind::Chronology => {
                if let Some(part) = &back.chronology {
                    self.chronology_flow(part, back, locate, &mut flow);
                }
            }
            PartKind::Glossary => {
                if let Some(part) = &back.glossary {
                    self.glossary_flow(part, back, locate, &mut flow);
                }
            }
            PartKind::Index => {
                if let Some(part) = &back.index {
                    self.index_flow(part, locate, &mut flow);
                }
            }
            PartKind::Emendations => {
                if let Some(part) = &back.emendations {
                    self.emendations_flow(part, back, locate, &mut flow);
                }
            }
        }
        flow
    }

    /// The finished pages of the back matter, after `front_pages` of front matter and
    /// `body_pages` of body, and their outline entries. The lines' glyph runs move into
    /// the pages.
    pub fn place_back(
        &mut self,
        back: &mut BackPages,
        front_pages: usize,
        body_pages: usize,
    ) -> (Vec<Page>, Vec<OutlineEntry>) {
        let g = self.geometry.clone();
        let mut pages = Vec::new();
        let mut outline = Vec::new();
        let first = front_pages + body_pages;
        // Where each index heading landed: page and top of its first line.
        let headings: BTreeMap<usize, (usize, f32)> = (back.pages.iter().enumerate())
            .flat_map(|(k, bp)| bp.lines.iter().map(move |line| (k, line)))
            .filter_map(|(k, (baseline, l))| {
                Some((l.anchor?, (first + k, g.top + baseline - l.leading)))
            })
            .collect();
        for (k, bp) in back.pages.iter_mut().enumerate() {
            let index = first + k;
            let recto = index.is_multiple_of(2);
            let left = g.left(recto);
            let mut page = Page::new(Numbering::Arabic, (body_pages + k + 1) as u32);
            for (baseline, line) in &mut bp.lines {
                let y = g.top + *baseline;
                super::assemble::place_line(&mut page, line, left, y);
                for &(x, width, to) in &line.page_links {
                    let (page_index, target_y) = match to {
                        PlaceLink::Body { page, y } => (front_pages + page, y),
                        PlaceLink::IndexHeading(key) => match headings.get(&key) {
                            Some(&place) => place,
                            None => continue,
                        },
                    };
                    page.links.push(Link {
                        x: left + x,
                        y: y - line.leading * 0.8,
                        width,
                        height: line.leading,
                        target: LinkTarget::Internal {
                            page: page_index,
                            y: target_y,
                        },
                    });
                }
                if let Some(mark) = &line.mark {
                    outline.push(OutlineEntry {
                        depth: mark.depth,
                        title: mark.title.clone(),
                        page: index,
                        y: y - line.leading,
                    });
                }
            }
            if let Some(kind) = bp.text.and_then(|t| back.kinds.get(t)) {
                self.back_furniture(&mut page, kind.title(), recto, bp.opening);
            }
            pages.push(page);
        }
        (pages, outline)
    }

    /// Folio, and but on a part's opening page the running head: the volume's title on
    /// versos, the part's on rectos (as a text's pages have it).
    fn back_furniture(&mut self, page: &mut Page, title: &str, recto: bool, opening: bool) {
        let g = self.geometry.clone();
        let left = g.left(recto);
        let folio = self
            .shaper
            .shape(&page.label(), Style::Regular, Variant::Normal);
        let w = folio.width(0..folio.glyphs.len()) * g.body.size;
        let mut run = super::text_run(&folio, g.body.size, left + (g.measure() - w) / 2.0);
        run.y = g.folio_baseline();
        page.runs.push(run);
        if opening {
            return;
        }
        let head = if recto {
            title.to_string()
        } else {
            self.volume.meta.title.clone()
        };
        let size = g.note.size + 1.0;
        let shaped = super::assemble::fit_head(self, &head, size, g.measure());
        let w = shaped.width(0..shaped.glyphs.len()) * size;
        let mut run = super::text_run(&shaped, size, left + (g.measure() - w) / 2.0);
        run.y = g.head_baseline();
        page.runs.push(run);
    }
}
