//! Sets the texts' vertical lists on two threads. A text's lines depend only on the text
//! (its paragraphs, headings and notes), never on the pages before it, so the texts can
//! be set side by side and each paginated, in volume order, as soon as it is set.
//!
//! The work is cut finer than texts (the memoir alone is more than half the volume):
//! into units — a text's opening, runs of its blocks that start at a heading, its notes —
//! which the two threads take in reading order, as each finishes the one before. Each
//! thread has its own shaping and hyphenation caches; shaping and breaking are
//! deterministic and a run that starts at a heading sets as it does within its text
//! ([`Layout::text_blocks`]), so the joined lines are the same as when set in one go,
//! whichever thread set which unit.
//!
//! [`run`], the two threads and their queue, also sets the parts of the back matter; the
//! calling thread works in the typesetting run's own layout, whose caches its jobs warm.

use std::ops::Range;

use super::Layout;
use super::flow::{FlowItem, Missing};
use super::notes::NoteLines;
use crate::model::{Block, BlockKind, Text, Volume, text::block_text};

/// A run of blocks is cut at the first heading after this many bytes: units of a few
/// pages. Smaller units balance the two threads more closely (the last unit taken is
/// what one thread may wait for); at this size the volume makes about 40 units, and
/// the last ones, the smallest, take a fraction of a millisecond.
const UNIT_BYTES: usize = 6_000;

/// The set vertical list of one text.
#[derive(Default)]
pub struct SetText {
    pub items: Vec<FlowItem>,
    pub notes: NoteLines,
    /// Characters without a glyph, in the order met.
    pub missing: Vec<Missing>,
}

/// One piece of a text's setting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Unit {
    /// The opening (title to headnote).
    Opening { text: usize },
    /// Blocks `range` of the body; the first is the text's first block or a heading.
    Blocks { text: usize, range: Range<usize> },
    /// The notes.
    Notes { text: usize },
}

impl Unit {
    fn text(&self) -> usize {
        match self {
            Unit::Opening { text } | Unit::Blocks { text, .. } | Unit::Notes { text } => *text,
        }
    }
}

/// What a unit gives: lines of the vertical list, or a text's notes.
pub(super) struct SetUnit {
    items: Vec<FlowItem>,
    notes: NoteLines,
}

/// The volume's texts in consecutive batches of at least `min_bytes` of text each (the
/// last may have less), every text in one batch.
pub fn batches(volume: &Volume, min_bytes: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let (mut start, mut size) = (0, 0);
    for (t, text) in volume.texts.iter().enumerate() {
        size += blocks_size(&text.blocks) + notes_size(text) + blocks_size(&text.headnote);
        if size >= min_bytes {
            out.push(start..t + 1);
            (start, size) = (t + 1, 0);
        }
    }
    if start < volume.texts.len() {
        out.push(start..volume.texts.len());
    }
    out
}

/// The texts `texts` of the layout's volume set, in volume order ([`set_texts_streamed`]
/// gathered).
#[cfg(test)]
pub fn set_texts(layout: &mut Layout, texts: Range<usize>) -> Vec<SetText> {
    let mut out = Vec::new();
    set_texts_streamed(layout, texts, &mut |_, _, set| out.push(set));
    out
}

/// Sets the texts `texts` of the layout's volume on two threads, in units taken in
/// reading order, and hands each text to `ready`, in volume order, on the calling
/// thread and in its layout (`ready` gets the text's index), as soon as its units are
/// set: the first texts can be paginated, and their pages drawn, while the later ones
/// are still being set. The calling thread's units are set in `layout` (warming its
/// caches), which they otherwise leave as it was.
pub fn set_texts_streamed(
    layout: &mut Layout,
    texts: Range<usize>,
    ready: &mut dyn FnMut(&mut Layout, usize, SetText),
) {
    let volume = layout.volume;
    let (fonts, options) = (layout.shaper.fonts(), layout.options.clone());
    let (units, sizes) = units(volume, texts);
    let threaded = crate::threads::worth_two(sizes.iter().copied());
    let mut current = SetText::default();
    crate::threads::stream_jobs_with(
        &units,
        threaded,
        layout,
        || Layout::new(volume, fonts, &options),
        |layout, unit| {
            // What the layout held stays there; the unit's own misses go with its lines.
            let before = std::mem::take(&mut layout.missing);
            let current_text = layout.current_text;
            let set = set_unit(layout, volume, unit);
            layout.current_text = current_text;
            (set, std::mem::replace(&mut layout.missing, before))
        },
        &mut |layout, u, (set, missing): (SetUnit, Vec<Missing>)| {
            current.items.extend(set.items);
            current.notes.extend(set.notes);
            current.missing.extend(missing);
            // A text's units are in reading order and its notes come last.
            if let Unit::Notes { text } = units[u] {
                let mut done = std::mem::take(&mut current);
                done.items.shrink_to_fit();
                ready(layout, text, done);
            }
        },
    );
}

/// Runs `set` on every job, the largest (by `sizes`) first, on one or two threads
/// ([`crate::threads::map_jobs_with`]): the calling thread's jobs in `layout`, whose
/// shaping and hyphenation caches they warm for the next jobs (the texts' setting warms
/// them for the back matter's, and both for the pagination's), the other thread's in a
/// layout of its own. The results, each with the characters its job found no glyph for,
/// come back in the order of `jobs`; `layout` is otherwise left as it was.
pub fn run<J: Sync, R: Send>(
    layout: &mut Layout,
    threaded: bool,
    jobs: &[J],
    sizes: &[usize],
    set: &(dyn Fn(&mut Layout, &J) -> R + Sync),
) -> Vec<(R, Vec<Missing>)> {
    let (volume, fonts, options) = (layout.volume, layout.shaper.fonts(), layout.options.clone());
    let missing = std::mem::take(&mut layout.missing);
    let current_text = layout.current_text;
    let indexed: Vec<(usize, &J)> = jobs.iter().enumerate().collect();
    let done = crate::threads::map_jobs_with(
        &indexed,
        |(j, _)| sizes.get(*j).copied().unwrap_or(0),
        threaded,
        layout,
        || Layout::new(volume, fonts, &options),
        |layout, (_, job)| {
            let result = set(layout, job);
            (result, std::mem::take(&mut layout.missing))
        },
    );
    layout.missing = missing;
    layout.current_text = current_text;
    done
}

pub(super) fn set_unit(layout: &mut Layout, volume: &Volume, unit: &Unit) -> SetUnit {
    let text = &volume.texts[unit.text()];
    layout.current_text = Some(unit.text());
    let mut items = Vec::new();
    let mut notes = NoteLines::new();
    match unit {
        Unit::Opening { .. } => layout.opening(text, &mut items),
        Unit::Blocks { range, .. } => layout.text_blocks(text, range.clone(), &mut items),
        Unit::Notes { .. } => (notes, items) = layout.text_notes(text),
    }
    SetUnit { items, notes }
}

/// The units of the texts `texts` in volume order, each text's in reading order, and the
/// bytes of text each sets.
pub(super) fn units(volume: &Volume, texts: Range<usize>) -> (Vec<Unit>, Vec<usize>) {
    let mut units = Vec::new();
    let mut sizes = Vec::new();
    for (t, text) in texts.clone().zip(&volume.texts[texts]) {
        units.push(Unit::Opening { text: t });
        sizes.push(blocks_size(&text.headnote) + text.meta.title.len());
        for range in block_runs(&text.blocks, UNIT_BYTES) {
            sizes.push(blocks_size(&text.blocks[range.clone()]));
            units.push(Unit::Blocks { text: t, range });
        }
        units.push(Unit::Notes { text: t });
        sizes.push(notes_size(text));
    }
    (units, sizes)
}

/// `blocks` cut into runs: a run ends before the first heading after `min_bytes` of text.
fn block_runs(blocks: &[Block], min_bytes: usize) -> Vec<Range<usize>> {
    let mut runs = Vec::new();
    let (mut start, mut size) = (0, 0);
    for (i, block) in blocks.iter().enumerate() {
        if size >= min_bytes && matches!(block.kind, BlockKind::Heading { .. }) {
            runs.push(start..i);
            (start, size) = (i, 0);
        }
        size += block_text(block).len();
    }
    if start < blocks.len() {
        runs.push(start..blocks.len());
    }
    runs
}

fn blocks_size(blocks: &[Block]) -> usize {
    blocks.iter().map(|b| block_text(b).len()).sum()
}

fn notes_size(text: &Text) -> usize {
    text.notes.iter().map(|n| blocks_size(&n.blocks)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{FileId, Span};
    use crate::model::{BlockId, Inline, InlineKind};
    use crate::typeset::{FontSet, TypesetOptions};

    fn block(id: u32, heading: bool, len: usize) -> Block {
        let content = vec![Inline {
            span: Span::new(FileId(0), 0..0),
            kind: InlineKind::Text("x".repeat(len)),
        }];
        Block {
            id: BlockId(id),
            span: Span::new(FileId(0), 0..0),
            kind: if heading {
                BlockKind::Heading { level: 2, content }
            } else {
                BlockKind::Paragraph(content)
            },
        }
    }

    /// The volume set in units on two threads gives, text by text, the lines of each
    /// text set in one go on one thread.
    #[test]
    fn units_joined_set_as_whole_texts() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let loaded = crate::manuscript::load(&root.join("manuscript"));
        let m = loaded.manuscript.expect("the volume loads");
        let fonts = FontSet::load(&root.join("fonts")).expect("the fonts load");
        let options = TypesetOptions::default();
        let all = 0..m.volume.texts.len();
        let (units, _) = units(&m.volume, all.clone());
        assert!(
            units.len() > 3 * m.volume.texts.len(),
            "the memoir is cut into several units: {} units",
            units.len()
        );
        let parallel = set_texts(&mut Layout::new(&m.volume, &fonts, &options), all);
        let mut layout = Layout::new(&m.volume, &fonts, &options);
        for (text, set) in m.volume.texts.iter().zip(&parallel) {
            let (items, notes) = layout.text(text);
            assert_eq!(
                format!("{items:?}"),
                format!("{:?}", set.items),
                "{}",
                text.id
            );
            assert_eq!(
                format!("{notes:?}"),
                format!("{:?}", set.notes),
                "{}",
                text.id
            );
        }
    }

    #[test]
    fn runs_are_cut_only_before_headings_once_long_enough() {
        let blocks = vec![
            block(0, false, 50),
            block(1, true, 5),
            block(2, false, 50),
            block(3, false, 50),
            block(4, true, 5),
            block(5, false, 10),
            block(6, true, 5),
        ];
        // 50 bytes reach 40 before the heading at 1; then 105 before the one at 4; the
        // last heading comes after only 15 bytes.
        assert_eq!(block_runs(&blocks, 40), vec![0..1, 1..4, 4..7]);
        // Never cut: one run, whatever the headings.
        assert_eq!(block_runs(&blocks, 10_000), vec![0..7]);
        assert_eq!(block_runs(&[], 40), Vec::<Range<usize>>::new());
    }
}
