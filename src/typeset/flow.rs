//! The vertical list: a text's blocks set as lines (through `paragraph`) with the spaces,
//! keeps and page breaks between them, ready for pagination. Positions are relative to
//! the left edge of the text block; baselines are not placed yet.

use std::sync::Arc;

use super::Layout;
use super::fonts::Style;
use super::geometry::TypeSize;
use super::page::{GlyphRun, Rule};
use super::paragraph::{self, Align, NoteNumbers, ParaSpec, Piece, SetLine};
use crate::diag::Span;
use crate::model::{Block, BlockId, BlockKind, Inline, NoteId, Text};

/// An entry for the PDF outline carried by the line it points to.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub depth: u8,
    pub title: String,
}

/// A line's glyph runs, shared by the copies of the line that pagination makes while it
/// tries settings of a spread (a copy counts one more user instead of copying every
/// glyph: the copies were half of pagination), and moved out whole when the line is
/// placed on its page.
#[derive(Debug, Clone, Default)]
pub struct LineRuns(Arc<Vec<GlyphRun>>);

impl LineRuns {
    pub fn new(runs: Vec<GlyphRun>) -> LineRuns {
        LineRuns(Arc::new(runs))
    }

    /// The runs to change: this line's own (copied first if a copy of the line shares
    /// them, which no caller does while lines are being set).
    pub fn make_mut(&mut self) -> &mut Vec<GlyphRun> {
        Arc::make_mut(&mut self.0)
    }

    /// Takes the runs out, leaving none: moved when no copy shares them (a placed line
    /// is the last of its copies), else copied.
    pub fn take(&mut self) -> Vec<GlyphRun> {
        let shared = std::mem::take(&mut self.0);
        Arc::try_unwrap(shared).unwrap_or_else(|shared| shared.as_ref().clone())
    }
}

impl std::ops::Deref for LineRuns {
    type Target = [GlyphRun];
    fn deref(&self) -> &[GlyphRun] {
        &self.0
    }
}

/// One line of the vertical list.
#[derive(Debug, Clone)]
pub struct FlowLine {
    pub runs: LineRuns,
    /// Rules on this line, y relative to its baseline.
    pub rules: Vec<Rule>,
    /// Distance from the previous baseline to this one.
    pub leading: f32,
    /// A page break may not fall between this line and the next.
    pub keep_with_next: bool,
    pub block: Option<BlockId>,
    pub offset: Option<usize>,
    pub notes: Vec<NoteId>,
    /// x and width of each note call, parallel to `notes` (for links).
    pub calls: Vec<(f32, f32)>,
    /// x, width and byte range in the block's plain text of each piece of text.
    pub spans: Vec<(f32, f32, std::ops::Range<usize>)>,
    /// Links to the web on this line: x, width and URL.
    pub uris: Vec<(f32, f32, String)>,
    pub mark: Option<Mark>,
    pub hyphenated: bool,
    pub ratio: f32,
    pub overfull: bool,
    /// Set on body text lines (not titles or headings), for the quality report.
    pub justified: bool,
    /// Index of this line in its paragraph and the paragraph's number of lines.
    pub para: Option<(u32, u32)>,
    /// The line links to this body page (contents entries).
    pub link: Option<usize>,
    /// Links on this line to places in the volume (back-matter locators and "see"
    /// references): x, width and where they go.
    pub page_links: Vec<(f32, f32, PlaceLink)>,
    /// The heading of the index of names with this key begins on this line (where its
    /// "see" references lead).
    pub anchor: Option<usize>,
}

/// Where a link of a back-matter line goes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PlaceLink {
    /// A body page (its index in the body) and the y of the top of the line there.
    Body { page: usize, y: f32 },
    /// The heading of the index of names with this key, wherever it lands.
    IndexHeading(usize),
}

/// An element of the vertical list.
// Lines are nearly all of the list: boxing them would only add an allocation each.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum FlowItem {
    Line(FlowLine),
    /// Vertical space; dropped at the top of a page.
    Space(f32),
    /// Start a new page (a recto when asked).
    NewPage {
        recto: bool,
    },
}

/// White at the head of a page that pagination keeps (a `Space` there is dropped): an
/// empty line of that height, kept with what follows.
pub fn sink(height: f32) -> FlowItem {
    let mut line = super::text::bare_line(Vec::new(), height, None);
    line.keep_with_next = true;
    FlowItem::Line(line)
}

/// Indents and type of the blocks being set.
#[derive(Debug, Clone, Copy)]
pub struct Frame {
    pub left: f32,
    pub right: f32,
    pub size: TypeSize,
    pub style: Style,
    pub align: Align,
}

/// Note numbers of one text.
pub struct TextNotes<'a>(pub &'a Text);

impl NoteNumbers for TextNotes<'_> {
    fn number(&self, note: NoteId) -> u32 {
        self.0.note(note).map_or(0, |n| n.number)
    }
}

/// Something that could not be set, with where it came from.
#[derive(Debug, Clone)]
pub struct Missing {
    pub c: char,
    pub span: Span,
    /// The text being set (index in the volume); `None` in generated front matter.
    pub text: Option<usize>,
}

impl Layout<'_, '_> {
    /// Sets a run of inlines as lines in `frame` and appends them to `out`.
    pub fn paragraph(
        &mut self,
        inlines: &[Inline],
        pieces_before: Vec<Piece>,
        frame: &Frame,
        first_indent: f32,
        ctx: ParaCtx,
        out: &mut Vec<FlowItem>,
    ) {
        let mut pieces = pieces_before;
        pieces.extend(paragraph::collect(inlines, frame.style, ctx.numbers));
        let spec = ParaSpec {
            size: frame.size.size,
            indent: first_indent,
            hyphenation: if frame.align == Align::Justify {
                self.hyphenation.clone()
            } else {
                None
            },
        };
        if self.warming {
            // Shaped and hyphenated into the caches: the lines are not wanted.
            paragraph::items::warm(&pieces, &spec, &mut self.shaper);
            return;
        }
        let measure = self.geometry.measure() - frame.left - frame.right;
        let width = |_: usize| measure;
        let set = paragraph::set(
            &pieces,
            &spec,
            &width,
            frame.align,
            self.options.breaker,
            &mut self.shaper,
        );
        for c in set.missing {
            self.missing.push(Missing {
                c,
                span: ctx.span,
                text: self.current_text,
            });
        }
        let links = paragraph::links(inlines);
        let start = out.len();
        self.push_lines(set.lines, frame, ctx.block, out);
        if !links.is_empty() {
            for item in &mut out[start..] {
                if let FlowItem::Line(line) = item {
                    line.uris = link_areas(&line.spans, &links);
                }
            }
        }
    }

    /// Appends set lines with keeps against widows and orphans.
    pub fn push_lines(
        &mut self,
        lines: Vec<SetLine>,
        frame: &Frame,
        block: Option<BlockId>,
        out: &mut Vec<FlowItem>,
    ) {
        let n = lines.len();
        for (i, line) in lines.into_iter().enumerate() {
            let mut runs = line.runs;
            for r in &mut runs {
                r.x += frame.left;
            }
            // No orphan (a first line alone at a page foot), no widow (a last line alone at
            // a page head): keep the first two and the last two lines together.
            let keep = n >= 2 && (i == 0 || i + 2 == n);
            out.push(FlowItem::Line(FlowLine {
                runs: LineRuns::new(runs),
                rules: Vec::new(),
                leading: frame.size.leading,
                keep_with_next: keep,
                block,
                offset: line.offset,
                notes: line.notes,
                calls: line
                    .calls
                    .iter()
                    .map(|&(x, w)| (x + frame.left, w))
                    .collect(),
                spans: line
                    .spans
                    .into_iter()
                    .map(|(x, w, r)| (x + frame.left, w, r))
                    .collect(),
                uris: Vec::new(),
                mark: None,
                hyphenated: line.hyphenated,
                ratio: line.ratio,
                overfull: line.overfull,
                justified: frame.align == Align::Justify,
                para: Some((i as u32, n as u32)),
                link: None,
                page_links: Vec::new(),
                anchor: None,
            }));
        }
    }

    /// Sets a list of blocks in `frame`.
    pub fn blocks(
        &mut self,
        blocks: &[Block],
        frame: &Frame,
        numbers: &dyn NoteNumbers,
        out: &mut Vec<FlowItem>,
    ) {
        let mut after_paragraph = false;
        for block in blocks {
            let ctx = ParaCtx {
                block: Some(block.id),
                span: block.span,
                numbers,
            };
            match &block.kind {
                BlockKind::Paragraph(inlines) => {
                    let indent = if after_paragraph {
                        self.geometry.indent
                    } else {
                        0.0
                    };
                    self.paragraph(inlines, Vec::new(), frame, indent, ctx, out);
                    after_paragraph = true;
                }
                BlockKind::Heading { level, content } => {
                    self.heading(*level, content, ctx, out);
                    after_paragraph = false;
                }
                BlockKind::Quote(inner) => {
                    let quote = Frame {
                        left: frame.left + self.geometry.block_indent,
                        right: frame.right + self.geometry.block_indent,
                        size: self.geometry.quote,
                        ..*frame
                    };
                    out.push(FlowItem::Space(self.geometry.body.leading / 2.0));
                    self.blocks(inner, &quote, numbers, out);
                    out.push(FlowItem::Space(self.geometry.body.leading / 2.0));
                    after_paragraph = false;
                }
                BlockKind::List {
                    ordered,
                    start,
                    items,
                } => {
                    out.push(FlowItem::Space(self.geometry.body.leading / 4.0));
                    for (i, item) in items.iter().enumerate() {
                        let label = if *ordered {
                            format!("{}.", start + i as u64)
                        } else {
                            "•".to_string()
                        };
                        self.list_item(&label, item, frame, numbers, out);
                    }
                    out.push(FlowItem::Space(self.geometry.body.leading / 4.0));
                    after_paragraph = false;
                }
                BlockKind::Rule => {
                    out.push(FlowItem::Space(self.geometry.body.leading / 2.0));
                    let line = self.centered_line(
                        "*\u{2003}*\u{2003}*",
                        frame.style,
                        frame.size,
                        Some(block.id),
                    );
                    out.push(FlowItem::Line(line));
                    out.push(FlowItem::Space(self.geometry.body.leading / 2.0));
                    after_paragraph = false;
                }
            }
        }
    }

    /// One list item: its blocks indented, the label hanging in the indent.
    fn list_item(
        &mut self,
        label: &str,
        item: &[Block],
        frame: &Frame,
        numbers: &dyn NoteNumbers,
        out: &mut Vec<FlowItem>,
    ) {
        let inner = Frame {
            left: frame.left + self.geometry.block_indent,
            ..*frame
        };
        let first = out.len();
        self.blocks(item, &inner, numbers, out);
        let shaped = self
            .shaper
            .shape(label, frame.style, super::shape::Variant::Normal);
        let label_width = shaped.width(0..shaped.glyphs.len()) * frame.size.size;
        // The label ends a third of the indent before the text (a clear gap, as in lists
        // set by hand).
        let x = inner.left - label_width - self.geometry.block_indent / 3.0;
        let run = super::text_run(&shaped, frame.size.size, x);
        if let Some(FlowItem::Line(line)) = out[first..]
            .iter_mut()
            .find(|i| matches!(i, FlowItem::Line(_)))
        {
            line.runs.make_mut().insert(0, run);
        }
    }

    /// A section heading: space above, kept with the lines that follow.
    fn heading(&mut self, level: u8, content: &[Inline], ctx: ParaCtx, out: &mut Vec<FlowItem>) {
        let g = self.geometry.clone();
        let (style, size) = match level {
            1 => (Style::Bold, g.heading),
            2 => (Style::Italic, g.heading),
            _ => (Style::Italic, g.body),
        };
        // Space above and below add up to two body lines: the following text stays on the
        // baseline grid of the page.
        let above = if level == 1 { 1.5 } else { 1.0 } * g.body.leading;
        let below = 2.0 * g.body.leading - above;
        out.push(FlowItem::Space(above));
        let frame = Frame {
            left: 0.0,
            right: g.measure() / 6.0,
            size,
            style,
            align: Align::Left,
        };
        let start = out.len();
        self.paragraph(content, Vec::new(), &frame, 0.0, ctx, out);
        let title = crate::model::text::inline_text(content);
        for (i, item) in out[start..].iter_mut().enumerate() {
            if let FlowItem::Line(line) = item {
                line.keep_with_next = true;
                if i == 0 {
                    line.mark = Some(Mark {
                        depth: level,
                        title: title.clone(),
                    });
                }
            }
        }
        out.push(FlowItem::Space(below));
    }
}

/// The area of a line covered by each link: a link's text is contiguous, so on one line
/// it runs from its first piece to its last.
fn link_areas(
    spans: &[(f32, f32, std::ops::Range<usize>)],
    links: &[(std::ops::Range<usize>, String)],
) -> Vec<(f32, f32, String)> {
    let mut areas = Vec::new();
    for (range, url) in links {
        let hits = spans
            .iter()
            .filter(|(_, _, r)| r.start < range.end && r.end > range.start);
        let extent = hits.fold(None, |acc: Option<(f32, f32)>, (x, w, _)| {
            Some(acc.map_or((*x, x + w), |(a, b)| (a.min(*x), b.max(x + w))))
        });
        if let Some((from, to)) = extent {
            areas.push((from, to - from, url.clone()));
        }
    }
    areas
}

/// What a paragraph reports its lines and diagnostics against.
#[derive(Clone, Copy)]
pub struct ParaCtx<'a> {
    pub block: Option<BlockId>,
    pub span: Span,
    pub numbers: &'a dyn NoteNumbers,
}
