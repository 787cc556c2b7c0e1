//! Placement: the body's pages become finished pages, with running heads, folios and the
//! links between note calls and notes, as soon as pagination has settled them (a text at
//! a time), so that a writer can draw them while the rest is set. Records the body's page
//! map, where its lines stand (for the back matter's locators), the outline and the
//! quality counts.

use std::collections::BTreeMap;

use super::Layout;
use super::back::{LineMark, body_label};
use super::flow::FlowLine;
use super::page::{Link, LinkTarget};
use super::page::{Numbering, OutlineEntry, Page, PageMap, PageStart, Rule};
use super::paginate::{Body, unequal_spreads_in};
use super::quality::Quality;
use super::shape::Variant;
use crate::model::{BlockId, NoteId};

/// What the placed body pages leave behind once handed over.
pub struct Placer {
    /// Pages before the body, whose count fixes every body page's index.
    front_pages: usize,
    /// Body pages placed so far.
    placed: usize,
    /// The body's page map: body page indices, labels and starts ([`back::body_label`]).
    pub body_map: PageMap,
    /// Body page index of each note call and of each note's first line.
    note_calls: BTreeMap<NoteId, usize>,
    notes: BTreeMap<NoteId, usize>,
    /// The lines of each body page, for the back matter's locators.
    pub lines: Vec<Vec<LineMark>>,
    /// The body page on which each text opens.
    pub openings: Vec<Option<usize>>,
    /// Outline entries of the body, with their pages' final indices.
    pub outline: Vec<OutlineEntry>,
    pub quality: Quality,
    /// The note each note block belongs to.
    note_of_block: BTreeMap<BlockId, NoteId>,
}

impl Placer {
    /// A placer for the body of `layout`'s volume after `front_pages` of front matter.
    pub fn new(layout: &Layout, front_pages: usize) -> Placer {
        let texts = &layout.volume.texts;
        Placer {
            front_pages,
            placed: 0,
            body_map: PageMap::default(),
            note_calls: BTreeMap::new(),
            notes: BTreeMap::new(),
            lines: Vec::new(),
            openings: vec![None; texts.len()],
            outline: Vec::new(),
            quality: Quality::default(),
            note_of_block: texts
                .iter()
                .flat_map(|t| {
                    t.notes
                        .iter()
                        .flat_map(|n| n.blocks.iter().map(move |b| (b.id, n.id)))
                })
                .collect(),
        }
    }

    /// Body pages placed so far.
    pub fn placed(&self) -> usize {
        self.placed
    }

    /// Places the body pages that `body` has settled and not yet placed, handing each to
    /// `sink` with its index in the finished volume. Their lines give their glyph runs to
    /// the pages and are dropped; what the pages' heights say (spreads, folio drops)
    /// stays in `body`.
    pub fn place(
        &mut self,
        layout: &mut Layout,
        body: &mut Body,
        sink: &mut dyn FnMut(usize, Page),
    ) {
        let g = layout.geometry.clone();
        let range = self.placed..body.settled();
        if range.is_empty() {
            return;
        }
        self.quality.unequal_spreads += unequal_spreads_in(&body.pages, range.clone(), &g);
        // A spread run long keeps a line of white above its folios: how far each page's
        // folio drops, decided before the pages give up their lines. A text's last page
        // faces the next text's opening or a blank page, neither of which runs long.
        let drops: Vec<f32> = range
            .clone()
            .map(|i| {
                let facing = if i % 2 == 1 { i + 1 } else { i.wrapping_sub(1) };
                [body.pages.get(i), body.pages.get(facing)]
                    .into_iter()
                    .flatten()
                    .map(|p| p.height - g.text_height())
                    .fold(0.0, f32::max)
            })
            .collect();
        // Note calls and the notes' first lines of these pages, to link them both ways: a
        // note begins on the page of its call, and these are whole texts.
        let mut calls: BTreeMap<NoteId, (usize, Link)> = BTreeMap::new();
        let mut notes_at: BTreeMap<NoteId, (usize, Link)> = BTreeMap::new();
        let mut pages = Vec::with_capacity(range.len());
        for (k, i) in range.clone().enumerate() {
            let bp = &mut body.pages[i];
            let index = self.front_pages + i;
            let recto = index.is_multiple_of(2);
            let left = g.left(recto);
            let mut page = Page::new(Numbering::Arabic, i as u32 + 1);
            let label = page.label();
            let mut start = None;
            let mut marks = Vec::with_capacity(bp.lines.len());
            if bp.opening
                && let Some(slot) = bp.text.and_then(|t| self.openings.get_mut(t))
            {
                slot.get_or_insert(i);
            }
            for (baseline, line) in &mut bp.lines {
                let y = g.top + *baseline;
                marks.push(LineMark {
                    baseline: *baseline,
                    leading: line.leading,
                    block: line.block,
                    offset: line.offset,
                });
                place_line(&mut page, line, left, y);
                if let (Some(block), Some(offset), None) = (line.block, line.offset, &start) {
                    let text = &layout.volume.texts[bp.text.unwrap_or(0)];
                    start = Some(PageStart {
                        text: text.id.clone(),
                        block,
                        offset,
                    });
                }
                if let Some(block) = line.block {
                    self.body_map.blocks.entry(block).or_insert(i);
                    if let Some(note) = self.note_of_block.get(&block) {
                        self.notes.entry(*note).or_insert(i);
                    }
                }
                for (note, (x, w)) in line.notes.iter().zip(&line.calls) {
                    self.note_calls.entry(*note).or_insert(i);
                    let size = line.leading;
                    calls.entry(*note).or_insert((
                        k,
                        Link {
                            x: left + x,
                            y: y - size * 0.8,
                            width: *w,
                            height: size,
                            target: LinkTarget::Internal {
                                page: index,
                                y: y - size,
                            },
                        },
                    ));
                }
                if let Some(note) = line.block.and_then(|b| self.note_of_block.get(&b)) {
                    // The note's number, at the start of its first line, links back to the
                    // call.
                    notes_at.entry(*note).or_insert((
                        k,
                        Link {
                            x: left,
                            y: y - line.leading * 0.8,
                            width: line.leading * 1.5,
                            height: line.leading,
                            target: LinkTarget::Internal {
                                page: index,
                                y: y - line.leading,
                            },
                        },
                    ));
                }
                for (x, w, url) in &line.uris {
                    page.links.push(Link {
                        x: left + x,
                        y: y - line.leading * 0.8,
                        width: *w,
                        height: line.leading,
                        target: LinkTarget::Uri(url.clone()),
                    });
                }
                if let Some(mark) = &line.mark {
                    self.outline.push(OutlineEntry {
                        depth: mark.depth,
                        title: mark.title.clone(),
                        page: index,
                        y: y - line.leading,
                    });
                }
                self.quality.line(line, &label);
            }
            for rule in &bp.rules {
                page.rules.push(Rule {
                    x: rule.x + left,
                    y: rule.y + g.top,
                    ..*rule
                });
            }
            self.quality.page(&bp.lines[..bp.body_lines]);
            if let Some(text) = bp.text {
                furniture(layout, &mut page, text, recto, bp.opening, drops[k]);
            }
            // The page keeps its height and kind for the spreads and drops still to come.
            bp.lines = Vec::new();
            bp.rules = Vec::new();
            self.body_map.starts.push(start);
            self.body_map.labels.push(body_label(i));
            self.lines.push(marks);
            pages.push(page);
        }
        for (note, (call_page, call)) in &calls {
            let Some((note_page, at)) = notes_at.get(note) else {
                continue;
            };
            pages[*call_page].links.push(Link {
                target: at.target.clone(),
                ..call.clone()
            });
            pages[*note_page].links.push(Link {
                target: call.target.clone(),
                ..at.clone()
            });
        }
        for (k, page) in pages.into_iter().enumerate() {
            sink(self.front_pages + range.start + k, page);
        }
        self.quality.pages += range.len();
        self.placed = range.end;
    }

    /// The page map of the finished volume: `front` labels the front matter's pages and
    /// `back` the back matter's, after the body.
    pub fn volume_map(&self, front: &[String], back: &[String]) -> PageMap {
        let body = &self.body_map;
        let mut starts = vec![None; front.len()];
        starts.extend(body.starts.iter().cloned());
        starts.extend(back.iter().map(|_| None));
        let mut labels = front.to_vec();
        labels.extend(body.labels.iter().cloned());
        labels.extend(back.iter().cloned());
        PageMap {
            blocks: shifted(&body.blocks, front.len()),
            note_calls: shifted(&self.note_calls, front.len()),
            notes: shifted(&self.notes, front.len()),
            starts,
            labels,
        }
    }
}

/// `map`'s page indices `by` pages later.
fn shifted<K: Ord + Copy>(map: &BTreeMap<K, usize>, by: usize) -> BTreeMap<K, usize> {
    map.iter().map(|(k, page)| (*k, page + by)).collect()
}

/// Running head and folio of a body page; the folio `drop` lower than on other pages.
fn furniture(
    layout: &mut Layout,
    page: &mut Page,
    text: usize,
    recto: bool,
    opening: bool,
    drop: f32,
) {
    let g = layout.geometry.clone();
    let left = g.left(recto);
    let folio = layout
        .shaper
        .shape(&page.label(), super::Style::Regular, Variant::Normal);
    let w = folio.width(0..folio.glyphs.len()) * g.body.size;
    let mut run = super::text_run(&folio, g.body.size, left + (g.measure() - w) / 2.0);
    run.y = g.folio_baseline() + drop;
    page.runs.push(run);
    if opening {
        return;
    }
    let volume = layout.volume;
    let head = if recto {
        volume.texts[text].meta.short_title.as_str()
    } else {
        volume.meta.title.as_str()
    };
    let head = if head.is_empty() {
        volume.texts[text].meta.title.as_str()
    } else {
        head
    };
    let size = g.note.size + 1.0;
    let shaped = fit_head(layout, head, size, g.measure());
    let w = shaped.width(0..shaped.glyphs.len()) * size;
    let mut run = super::text_run(&shaped, size, left + (g.measure() - w) / 2.0);
    run.y = g.head_baseline();
    page.runs.push(run);
}

/// The running head in italics, shortened at a word boundary with an ellipsis until it
/// fits the measure (it never runs into the margin or the folio).
pub(super) fn fit_head(
    layout: &mut Layout,
    head: &str,
    size: f32,
    measure: f32,
) -> std::sync::Arc<super::Shaped> {
    let mut words: Vec<&str> = head.split_whitespace().collect();
    let mut text = head.to_string();
    loop {
        let shaped = layout
            .shaper
            .shape(&text, super::Style::Italic, Variant::Normal);
        if shaped.width(0..shaped.glyphs.len()) * size <= measure || words.len() <= 1 {
            return shaped;
        }
        words.pop();
        text = format!("{}…", words.join(" ").trim_end_matches([',', ':', ';']));
    }
}

/// Moves a line's glyph runs onto `page` (the line keeps none: a copy would double the
/// memory of a large volume) and copies its rules there, its left edge at `left` and its
/// baseline at `y` (the line's own positions are relative to both).
pub(super) fn place_line(page: &mut Page, line: &mut FlowLine, left: f32, y: f32) {
    for mut run in line.runs.take() {
        run.x += left;
        run.y += y;
        page.runs.push(run);
    }
    for rule in &line.rules {
        page.rules.push(Rule {
            x: rule.x + left,
            y: rule.y + y,
            ..*rule
        });
    }
}
