//! Placement: the paginated body and the front matter become finished pages, with running
//! heads and folios; records the page map, the outline and the quality counts.

use std::collections::BTreeMap;

use super::Layout;
use super::flow::FlowLine;
use super::page::{Link, LinkTarget};
use super::page::{Numbering, OutlineEntry, Page, PageMap, PageStart, Rule};
use super::paginate::Body;
use super::quality::Quality;
use super::{PagedVolume, shape::Variant};
use crate::model::NoteId;

/// Front matter and body as the finished pages of the volume.
pub fn assemble(layout: &mut Layout, front: Vec<Page>, mut body: Body) -> PagedVolume {
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
            if let LinkTarget::Internal { page, .. } = &mut link.target {
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
    // Note calls and the notes' first lines, to link them both ways.
    let mut calls: BTreeMap<NoteId, Link> = BTreeMap::new();
    let mut notes_at: BTreeMap<NoteId, Link> = BTreeMap::new();
    // A spread run long keeps a line of white above its folios: how far each page's
    // folio drops, decided before the pages give up their lines.
    let drops: Vec<f32> = (0..body.pages.len())
        .map(|i| {
            let facing = if i % 2 == 1 { i + 1 } else { i.wrapping_sub(1) };
            [body.pages.get(i), body.pages.get(facing)]
                .into_iter()
                .flatten()
                .map(|p| p.height - g.text_height())
                .fold(0.0, f32::max)
        })
        .collect();
    for (i, bp) in body.pages.iter_mut().enumerate() {
        let index = pages.len();
        let recto = index.is_multiple_of(2);
        let left = g.left(recto);
        let mut page = Page::new(Numbering::Arabic, i as u32 + 1);
        let label = page.label();
        let mut start = None;
        for (baseline, line) in &mut bp.lines {
            let y = g.top + *baseline;
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
                map.blocks.entry(block).or_insert(index);
                if let Some(note) = note_of_block.get(&block) {
                    map.notes.entry(*note).or_insert(index);
                }
            }
            for (note, (x, w)) in line.notes.iter().zip(&line.calls) {
                map.note_calls.entry(*note).or_insert(index);
                let size = line.leading;
                calls.entry(*note).or_insert(Link {
                    x: left + x,
                    y: y - size * 0.8,
                    width: *w,
                    height: size,
                    target: LinkTarget::Internal {
                        page: index,
                        y: y - size,
                    },
                });
            }
            if let Some(note) = line.block.and_then(|b| note_of_block.get(&b)) {
                // The note's number, at the start of its first line, links back to the call.
                notes_at.entry(*note).or_insert(Link {
                    x: left,
                    y: y - line.leading * 0.8,
                    width: line.leading * 1.5,
                    height: line.leading,
                    target: LinkTarget::Internal {
                        page: index,
                        y: y - line.leading,
                    },
                });
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
                outline.push(OutlineEntry {
                    depth: mark.depth,
                    title: mark.title.clone(),
                    page: index,
                    y: y - line.leading,
                });
            }
            quality.line(line, &label);
        }
        for rule in &bp.rules {
            page.rules.push(Rule {
                x: rule.x + left,
                y: rule.y + g.top,
                ..*rule
            });
        }
        quality.page(&bp.lines[..bp.body_lines]);
        let drop = drops[i];
        if let Some(text) = bp.text {
            furniture(layout, &mut page, text, recto, bp.opening, drop);
        }
        map.starts.push(start);
        pages.push(page);
    }
    for (note, call) in &calls {
        let Some(at) = notes_at.get(note) else {
            continue;
        };
        let (
            LinkTarget::Internal {
                page: call_page, ..
            },
            LinkTarget::Internal {
                page: note_page, ..
            },
        ) = (&call.target, &at.target)
        else {
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
    map.labels = pages.iter().map(Page::label).collect();
    quality.pages = pages.len();
    quality.continued_notes = body.continued;
    quality.unequal_spreads = super::paginate::unequal_spreads(&body.pages, &g);
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
