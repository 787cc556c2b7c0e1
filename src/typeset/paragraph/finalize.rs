//! Stage 4 of a paragraph: turn the chosen breaks into lines of positioned glyph runs,
//! spaces justified to the measure, a hyphen drawn where a word was broken.

use super::items::{Content, Frag, Prepared, superior_text};
use super::knuth_plass::{Break, Item};
use crate::model::NoteId;
use crate::typeset::fonts::Style;
use crate::typeset::page::{Glyph, GlyphRun};

/// How the lines of a paragraph sit on the measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Justify,
    Left,
    Center,
}

/// One finished line; runs are placed from x = 0 on baseline y = 0.
#[derive(Debug, Clone)]
pub struct SetLine {
    pub runs: Vec<GlyphRun>,
    /// The adjustment ratio used (0 for unjustified lines).
    pub ratio: f32,
    /// The line ends with a hyphen: one added at a hyphenation point, or the word's own
    /// (`worker-`/`controlled`).
    pub hyphenated: bool,
    pub overfull: bool,
    /// Notes called on this line, in order.
    pub notes: Vec<NoteId>,
    /// Where each note call sits on the line: x and width, parallel to `notes`.
    pub calls: Vec<(f32, f32)>,
    /// Where each piece of the block's text sits on the line: x, width and byte range in
    /// the block's plain text (for links).
    pub spans: Vec<(f32, f32, std::ops::Range<usize>)>,
    /// Byte offset in the block's plain text of the line's first character.
    pub offset: Option<usize>,
}

/// Sets the lines between `breaks`, each `width(line)` wide.
pub fn finalize(
    prepared: &Prepared,
    breaks: &[Break],
    width: &dyn Fn(usize) -> f32,
    align: Align,
) -> Vec<SetLine> {
    let items = &prepared.items;
    let mut lines = Vec::with_capacity(breaks.len());
    let mut line = LineBuilder::default();
    let mut start = 0;
    for (n, brk) in breaks.iter().enumerate() {
        // Skip what a break discards: glue and penalties before the first box.
        while start < brk.index && !matches!(items[start], Item::Box { .. }) {
            start += 1;
        }
        let end = brk.index;
        let (mut natural, mut stretch, mut shrink) = (0.0f32, 0.0f32, 0.0f32);
        for item in &items[start..end] {
            match *item {
                Item::Box { width } => natural += width,
                Item::Glue {
                    width,
                    stretch: y,
                    shrink: z,
                } => {
                    natural += width;
                    stretch += y;
                    shrink += z;
                }
                Item::Penalty { .. } => {}
            }
        }
        let hyphen = match (&items[end], &prepared.contents[end]) {
            (Item::Penalty { width, .. }, Content::Hyphen(frag)) => {
                natural += width;
                Some(frag)
            }
            _ => None,
        };
        let target = width(n);
        let ratio = match align {
            Align::Justify if natural < target && stretch > 0.0 => (target - natural) / stretch,
            Align::Justify if natural > target && shrink > 0.0 => {
                ((target - natural) / shrink).max(-1.0)
            }
            _ => 0.0,
        };
        let set_width = if ratio >= 0.0 {
            natural + ratio * stretch
        } else {
            natural + ratio * shrink
        };
        line.start();
        for (item, content) in items[start..end].iter().zip(&prepared.contents[start..end]) {
            match (item, content) {
                (_, Content::Frag(frag)) => line.push_frag(frag, None),
                (
                    Item::Glue {
                        width,
                        stretch: y,
                        shrink: z,
                    },
                    Content::Space(frag),
                ) => {
                    let w = if ratio >= 0.0 {
                        width + ratio * y
                    } else {
                        width + ratio * z
                    };
                    line.push_frag(frag, Some(w));
                }
                (
                    Item::Glue {
                        width,
                        stretch: y,
                        shrink: z,
                    },
                    Content::Nothing,
                ) => {
                    let w = if ratio >= 0.0 {
                        width + ratio * y
                    } else {
                        width + ratio * z
                    };
                    // Glue of infinite stretch (paragraph end, forced break) takes no room.
                    if *y < super::knuth_plass::FILL {
                        line.skip(w);
                    }
                }
                (Item::Box { width }, Content::Nothing) => line.skip(*width),
                _ => {}
            }
        }
        if let Some(frag) = hyphen {
            line.push_frag(frag, None);
        }
        let shift = match align {
            Align::Center => ((target - set_width) / 2.0).max(0.0),
            _ => 0.0,
        };
        let built = line.finish(shift);
        lines.push(SetLine {
            runs: built.runs,
            ratio,
            hyphenated: matches!(items[end], Item::Penalty { flagged: true, .. }),
            overfull: set_width > target + 0.01,
            notes: built.notes,
            calls: built.calls,
            spans: built.spans,
            offset: built.offset,
        });
        start = end + 1;
    }
    lines
}

/// What a finished line holds besides its ratio and flags.
struct Built {
    runs: Vec<GlyphRun>,
    notes: Vec<NoteId>,
    calls: Vec<(f32, f32)>,
    spans: Vec<(f32, f32, std::ops::Range<usize>)>,
    offset: Option<usize>,
}

/// Builds the lines of a paragraph one after another in scratch vectors that keep their
/// room from line to line; each finished line gets vectors of exactly its size. A set
/// line lives until its page is written, so growth slack (up to half of each vector)
/// would be a third of a large volume's memory, and growing then shrinking every run
/// was a sixth of setting a paragraph.
#[derive(Default)]
struct LineBuilder {
    /// The runs closed so far on this line.
    runs: Vec<GlyphRun>,
    /// The run being filled, if any, and where its last glyph ends.
    open: Option<GlyphRun>,
    open_end: f32,
    /// A closed run's emptied vectors, for the next run.
    spare: Option<GlyphRun>,
    x: f32,
    notes: Vec<NoteId>,
    calls: Vec<(f32, f32)>,
    spans: Vec<(f32, f32, std::ops::Range<usize>)>,
    offset: Option<usize>,
}

impl LineBuilder {
    /// Starts a new line at x = 0.
    fn start(&mut self) {
        self.x = 0.0;
        self.offset = None;
    }

    /// Ends the line: every run moved right by `shift`, each vector cut to its size.
    fn finish(&mut self, shift: f32) -> Built {
        self.close_run();
        let mut runs: Vec<GlyphRun> = self.runs.drain(..).collect();
        for run in &mut runs {
            run.x += shift;
        }
        let built = Built {
            runs,
            notes: self.notes.as_slice().to_vec(),
            calls: self.calls.as_slice().to_vec(),
            spans: self.spans.as_slice().to_vec(),
            offset: self.offset,
        };
        self.notes.clear();
        self.calls.clear();
        self.spans.clear();
        built
    }

    /// Moves the open run, copied at its exact size, to the line's runs.
    fn close_run(&mut self) {
        if let Some(mut open) = self.open.take() {
            self.runs.push(GlyphRun {
                text: open.text.as_str().to_owned(),
                glyphs: open.glyphs.as_slice().to_vec(),
                offsets: open.offsets.as_slice().to_vec(),
                ..GlyphRun::new(open.style, open.size, open.x, open.y)
            });
            open.text.clear();
            open.glyphs.clear();
            open.offsets.clear();
            self.spare = Some(open);
        }
    }

    /// Opens a run at the current x, reusing the spare vectors.
    fn open_run(&mut self, style: Style, size: f32, y: f32) -> &mut GlyphRun {
        self.close_run();
        let mut run = self
            .spare
            .take()
            .unwrap_or_else(|| GlyphRun::new(style, size, self.x, y));
        (run.style, run.size, run.x, run.y) = (style, size, self.x, y);
        self.open_end = self.x;
        self.open.insert(run)
    }

    fn skip(&mut self, w: f32) {
        self.x += w;
    }

    /// Appends a fragment's glyphs; `advance` replaces the width of a space.
    fn push_frag(&mut self, frag: &Frag, advance: Option<f32>) {
        let shaped = &frag.shaped;
        let y = -frag.rise;
        let same = self.open.as_ref().is_some_and(|r| {
            r.style == shaped.style
                && r.size == frag.size
                && r.y == y
                && (self.open_end - self.x).abs() < 0.001
        });
        if !same {
            self.open_run(shaped.style, frag.size, y);
        }
        if let Some(note) = frag.note {
            self.notes.push(note);
            self.calls.push((self.x, frag.width()));
        }
        if let (Some(o), None) = (frag.offset, frag.note) {
            let r = shaped.text_range(frag.glyphs.clone());
            self.spans
                .push((self.x, frag.width(), o + r.start..o + r.end));
        }
        if self.offset.is_none() && frag.note.is_none() {
            self.offset = frag
                .offset
                .map(|o| o + shaped.text_range(frag.glyphs.clone()).start);
        }
        let run = self.open.as_mut().expect("a run is open");
        let range = frag.glyphs.clone();
        let text_range = shaped.text_range(range.clone());
        let base = run.text.len();
        let text = &shaped.text[text_range.clone()];
        let superior;
        let (text, mapped) = if frag.note.is_some() {
            superior = superior_text(text);
            (superior.as_str(), false)
        } else {
            (text, true)
        };
        run.text.push_str(text);
        let count = range.len();
        for (k, g) in shaped.glyphs[range.clone()].iter().enumerate() {
            let glyph_text = if mapped {
                let from = g.cluster as usize;
                let to = shaped.glyphs[range.start + k..range.end]
                    .iter()
                    .find(|h| h.cluster != g.cluster)
                    .map_or(text_range.end, |h| h.cluster as usize);
                base + from - text_range.start..base + to - text_range.start
            } else {
                // Superior figures: one glyph per digit, each digit one superior character.
                let chars: Vec<(usize, char)> = text.char_indices().collect();
                let (i, c) = chars[k.min(chars.len() - 1)];
                base + i..base + i + c.len_utf8()
            };
            let adv = match advance {
                Some(w) if count == 1 => w,
                _ => g.advance * frag.size,
            };
            run.push(
                Glyph::new(g.id, adv, glyph_text),
                g.x_offset * frag.size,
                g.y_offset * frag.size,
            );
            self.x += adv;
        }
        self.open_end = self.x;
    }
}
