//! Pagination: cuts the vertical list of each text into pages (honouring keeps, so no
//! widows, orphans or lonely headings), evens out the page foot, then places everything
//! on the page with running heads and folios and records the page map and outline.

use super::Layout;
use super::flow::{FlowItem, FlowLine};
use super::page::{Numbering, OutlineEntry, Page, PageMap, PageStart, Rule};
use super::quality::Quality;
use super::{PagedVolume, shape::Variant};

/// The most white a page may gain between its blocks to end on the last baseline, in
/// body lines: more would look like a hole rather than air.
const MAX_FILL_LINES: f32 = 2.5;

/// One page of the body before placement.
#[derive(Debug, Default)]
pub struct BodyPage {
    /// Lines with their baseline from the top of the text block, and rules.
    pub lines: Vec<(f32, FlowLine)>,
    /// The text (index in the volume) this page belongs to; `None` for a blank page.
    pub text: Option<usize>,
    /// The page opens a text (no running head).
    pub opening: bool,
}

/// The body being paginated.
#[derive(Debug, Default)]
pub struct Body {
    pub pages: Vec<BodyPage>,
    current: Vec<FlowItem>,
    used: f32,
    text: usize,
    opening: bool,
}

impl Body {
    /// Paginates the vertical list of text `text`.
    pub fn add(&mut self, layout: &Layout, text: usize, items: &[FlowItem]) {
        self.text = text;
        for item in items {
            self.push(layout, item.clone());
        }
    }

    fn push(&mut self, layout: &Layout, item: FlowItem) {
        let capacity = layout.geometry.text_height() + 0.01;
        match item {
            FlowItem::NewPage { recto } => {
                self.flush(layout, false);
                if recto && self.pages.len() % 2 == 1 {
                    self.pages.push(BodyPage::default());
                }
                self.opening = true;
            }
            FlowItem::Space(h) => {
                if self.current.is_empty() {
                } else if self.used + h > capacity {
                    self.flush(layout, true);
                } else {
                    self.used += h;
                    self.current.push(FlowItem::Space(h));
                }
            }
            FlowItem::Line(line) => {
                if self.used + line.leading <= capacity {
                    self.used += line.leading;
                    self.current.push(FlowItem::Line(line));
                    return;
                }
                let tail = match self.last_legal_break() {
                    Some(k) => self.current.split_off(k),
                    None => Vec::new(),
                };
                self.flush(layout, true);
                for item in tail {
                    self.push(layout, item);
                }
                self.push(layout, FlowItem::Line(line));
            }
        }
    }

    /// The last place on the current page where a break is allowed: before a line or a
    /// space whose preceding line does not keep with the next.
    fn last_legal_break(&self) -> Option<usize> {
        let mut k = self.current.len();
        while k > 1 {
            let prev_line = self.current[..k].iter().rev().find_map(|i| match i {
                FlowItem::Line(l) => Some(l),
                _ => None,
            });
            if prev_line.is_some_and(|l| !l.keep_with_next) {
                return Some(k);
            }
            k -= 1;
        }
        None
    }

    /// Ends the current page; a `full` page has its spaces stretched to end on the last
    /// baseline of the text block.
    fn flush(&mut self, layout: &Layout, full: bool) {
        if self.current.is_empty() {
            return;
        }
        let g = &layout.geometry;
        let items = std::mem::take(&mut self.current);
        let leftover = g.text_height() - self.used;
        let spaces = items
            .iter()
            .skip(1)
            .filter(|i| matches!(i, FlowItem::Space(_)))
            .count();
        let extra = if full && spaces > 0 && leftover < MAX_FILL_LINES * g.body.leading {
            leftover / spaces as f32
        } else {
            0.0
        };
        let mut y = 0.0;
        let mut lines = Vec::new();
        for (i, item) in items.into_iter().enumerate() {
            match item {
                FlowItem::Space(h) => y += h + if i > 0 { extra } else { 0.0 },
                FlowItem::Line(l) => {
                    y += l.leading;
                    lines.push((y, l));
                }
                FlowItem::NewPage { .. } => {}
            }
        }
        self.pages.push(BodyPage {
            lines,
            text: Some(self.text),
            opening: self.opening,
        });
        self.opening = false;
        self.used = 0.0;
    }

    pub fn finish(&mut self, layout: &Layout) {
        self.flush(layout, false);
    }
}

/// Front matter and body as the finished pages of the volume.
pub fn assemble(layout: &mut Layout, front: Vec<Page>, body: Body) -> PagedVolume {
    let g = layout.geometry.clone();
    let front_pages = front.len();
    let mut pages = front;
    let mut map = PageMap::default();
    let mut outline = Vec::new();
    let mut quality = Quality::default();
    for _ in 0..front_pages {
        map.starts.push(None);
    }
    // Front-matter links (contents) were made with body page indices.
    for page in &mut pages {
        for link in &mut page.links {
            if let super::LinkTarget::Internal { page, .. } = &mut link.target {
                *page += front_pages;
            }
        }
    }
    let note_of_block: std::collections::BTreeMap<_, _> = layout
        .volume
        .texts
        .iter()
        .flat_map(|t| {
            t.notes
                .iter()
                .flat_map(|n| n.blocks.iter().map(move |b| (b.id, n.id)))
        })
        .collect();
    for (i, bp) in body.pages.iter().enumerate() {
        let index = pages.len();
        let recto = index.is_multiple_of(2);
        let left = g.left(recto);
        let mut page = Page::new(Numbering::Arabic, i as u32 + 1);
        let mut start = None;
        for (baseline, line) in &bp.lines {
            let y = g.top + baseline;
            for run in &line.runs {
                let mut run = run.clone();
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
            if let (Some(block), Some(offset), None) = (line.block, line.offset, &start) {
                let text = &layout.volume.texts[bp.text.unwrap_or(0)];
                start = Some(PageStart {
                    text: text.id.clone(),
                    block,
                    offset,
                });
            }
            if let Some(block) = line.block {
                map.blocks.entry(block).or_insert(index);
                if let Some(note) = note_of_block.get(&block) {
                    map.notes.entry(*note).or_insert(index);
                }
            }
            for note in &line.notes {
                map.note_calls.entry(*note).or_insert(index);
            }
            if let Some(mark) = &line.mark {
                outline.push(OutlineEntry {
                    depth: mark.depth,
                    title: mark.title.clone(),
                    page: index,
                    y: y - line.leading,
                });
            }
            quality.line(line);
        }
        quality.page(&bp.lines);
        if let Some(text) = bp.text {
            furniture(layout, &mut page, text, recto, bp.opening);
        }
        map.starts.push(start);
        pages.push(page);
    }
    map.labels = pages.iter().map(Page::label).collect();
    quality.pages = pages.len();
    PagedVolume {
        preset: layout.options.preset,
        geometry: g,
        pages,
        page_map: map,
        outline,
        quality,
        front_pages,
    }
}

/// Running head and folio of a body page.
fn furniture(layout: &mut Layout, page: &mut Page, text: usize, recto: bool, opening: bool) {
    let g = layout.geometry.clone();
    let left = g.left(recto);
    let folio = layout
        .shaper
        .shape(&page.label(), super::Style::Regular, Variant::Normal);
    let w = folio.width(0..folio.glyphs.len()) * g.body.size;
    let mut run = super::text_run(&folio, g.body.size, left + (g.measure() - w) / 2.0);
    run.y = g.folio_baseline();
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
fn fit_head(
    layout: &mut Layout,
    head: &str,
    size: f32,
    measure: f32,
) -> std::rc::Rc<super::Shaped> {
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

impl PageMap {
    /// The 1-based label of page `index`, as printed.
    pub fn label(&self, index: usize) -> Option<&str> {
        self.labels.get(index).map(String::as_str)
    }
}
