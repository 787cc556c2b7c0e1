//! Markdown → model: walks pulldown-cmark's events with their byte ranges and builds
//! blocks, inlines and notes with spans and stable ids. The only place that knows
//! pulldown-cmark.

use std::collections::BTreeMap;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::diag::{Diagnostic, FileId, Span, codes};
use crate::model::{Block, BlockId, BlockKind, Inline, InlineKind, Note, NoteId};

/// Hands out block and note ids in reading order across the whole volume.
#[derive(Debug, Default)]
pub struct IdAlloc {
    next_block: u32,
    next_note: u32,
}

impl IdAlloc {
    pub fn block(&mut self) -> BlockId {
        self.next_block += 1;
        BlockId(self.next_block)
    }

    pub fn note(&mut self) -> NoteId {
        self.next_note += 1;
        NoteId(self.next_note)
    }

    /// How many block and note ids were handed out.
    pub fn counts(&self) -> (u32, u32) {
        (self.next_block, self.next_note)
    }

    /// Goes on past the ids `other` handed out (a text numbered on its own, moved
    /// after the ids handed out here).
    pub fn advance(&mut self, other: IdAlloc) {
        self.next_block += other.next_block;
        self.next_note += other.next_note;
    }
}

/// Where a piece of Markdown lives: its file and the offset of `src` inside it.
#[derive(Debug, Clone, Copy)]
pub struct MarkdownSource<'a> {
    pub text: &'a str,
    pub file: FileId,
    pub offset: usize,
}

/// How deep blocks and inlines may nest (quotations, lists, emphasis, links): far more
/// than any book uses (a list in a quotation in a note is five), and shallow enough
/// that every recursive walk of the model downstream stays well within a thread's
/// stack. Deeper Markdown (`>>>>…`, thousands of `*`) is refused with E111.
const MAX_NESTING: usize = 48;

/// The blocks and notes of one text.
#[derive(Debug, Default)]
pub struct Parsed {
    pub blocks: Vec<Block>,
    pub notes: Vec<Note>,
}

/// Parses one text's Markdown. Footnotes become notes numbered from 1 in the order of
/// their first call; undefined and unused footnotes are reported.
pub fn parse(src: MarkdownSource, ids: &mut IdAlloc, diags: &mut Vec<Diagnostic>) -> Parsed {
    let options = Options::ENABLE_FOOTNOTES
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut b = Builder {
        src,
        ids,
        stack: vec![Frame::blocks(FrameKind::Root, None, 0)],
        note_ids: BTreeMap::new(),
        note_order: Vec::new(),
        definitions: BTreeMap::new(),
        found: Vec::new(),
    };
    let mut too_deep = false;
    for (event, range) in Parser::new_ext(src.text, options).into_offset_iter() {
        if b.stack.len() >= MAX_NESTING && matches!(event, Event::Start(_)) {
            diags.push(
                Diagnostic::new(
                    codes::MARKDOWN_TOO_DEEP,
                    format!("Markdown nested more than {MAX_NESTING} levels deep"),
                )
                .at(b.span(range.start..range.start)),
            );
            too_deep = true;
            break;
        }
        b.event(event, range);
    }
    // A text refused for its nesting has no blocks: the error stops the build anyway.
    let blocks = match b.stack.pop() {
        _ if too_deep => Vec::new(),
        Some(Frame {
            content: Content::Blocks(blocks),
            ..
        }) => blocks,
        _ => Vec::new(),
    };
    let Builder {
        note_ids,
        note_order,
        mut definitions,
        found,
        ..
    } = b;
    diags.extend(found);
    let mut notes = Vec::new();
    for (number, label) in note_order.iter().enumerate() {
        let (id, call_span) = note_ids[label];
        match definitions.remove(label) {
            Some((span, blocks)) => notes.push(Note {
                id,
                number: number as u32 + 1,
                span,
                blocks,
            }),
            None => diags.push(
                Diagnostic::new(
                    codes::UNDEFINED_FOOTNOTE,
                    format!("footnote `[^{label}]` is called but never defined"),
                )
                .at(call_span)
                .hint(format!(
                    "add a line `[^{label}]: …` with the note's text, or remove the call"
                )),
            ),
        }
    }
    for (label, (span, _)) in definitions {
        diags.push(
            Diagnostic::new(
                codes::UNUSED_FOOTNOTE,
                format!("footnote `[^{label}]` is defined but never called"),
            )
            .at(span),
        );
    }
    let parsed = Parsed { blocks, notes };
    calls::find_unparsed_calls(&parsed, src, diags);
    parsed
}

#[derive(Debug)]
enum FrameKind {
    Root,
    Quote,
    Item,
    Footnote(String),
    List {
        ordered: bool,
        start: u64,
    },
    Paragraph {
        implicit: bool,
    },
    Heading(u8),
    Emph,
    Strong,
    Link(String),
    /// An image's alt text, kept as plain text.
    Image,
}

#[derive(Debug)]
enum Content {
    Blocks(Vec<Block>),
    Items(Vec<Vec<Block>>),
    Inlines(Vec<Inline>),
}

#[derive(Debug)]
struct Frame {
    kind: FrameKind,
    id: Option<BlockId>,
    start: usize,
    content: Content,
}

impl Frame {
    fn blocks(kind: FrameKind, id: Option<BlockId>, start: usize) -> Frame {
        Frame {
            kind,
            id,
            start,
            content: Content::Blocks(Vec::new()),
        }
    }

    fn inlines(kind: FrameKind, id: Option<BlockId>, start: usize) -> Frame {
        Frame {
            kind,
            id,
            start,
            content: Content::Inlines(Vec::new()),
        }
    }
}

struct Builder<'a, 'i> {
    src: MarkdownSource<'a>,
    ids: &'i mut IdAlloc,
    stack: Vec<Frame>,
    /// Footnote label → (note id, span of its first call).
    note_ids: BTreeMap<String, (NoteId, Span)>,
    note_order: Vec<String>,
    /// Footnote label → (span of the definition, its blocks).
    definitions: BTreeMap<String, (Span, Vec<Block>)>,
    /// Diagnostics found while walking the events.
    found: Vec<Diagnostic>,
}

impl Builder<'_, '_> {
    fn span(&self, range: std::ops::Range<usize>) -> Span {
        Span::new(
            self.src.file,
            self.src.offset + range.start..self.src.offset + range.end,
        )
    }

    fn event(&mut self, event: Event, range: std::ops::Range<usize>) {
        if let Event::Text(s) | Event::Code(s) | Event::Html(s) | Event::InlineHtml(s) = &event
            && s.chars().any(is_never_text)
        {
            self.report_never_text(s, range.clone());
            let clean: String = s.chars().filter(|c| !is_never_text(*c)).collect();
            let event = match event {
                Event::Code(_) => Event::Code(clean.into()),
                _ => Event::Text(clean.into()),
            };
            return self.event(event, range);
        }
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(end) => self.end(end, range),
            Event::Text(s) => self.text(&s, range),
            Event::Code(s) => self.inline(InlineKind::Code(nfc(&s)), range),
            // Raw HTML is never passed through: it is reproduced as the text it is.
            Event::Html(s) | Event::InlineHtml(s) => self.text(&s, range),
            Event::SoftBreak => self.text(" ", range),
            Event::HardBreak => self.inline(InlineKind::LineBreak, range),
            Event::FootnoteReference(label) => self.note_call(label, range),
            Event::Rule => {
                let id = self.ids.block();
                self.push_block(Block {
                    id,
                    span: self.span(range),
                    kind: BlockKind::Rule,
                });
            }
            Event::InlineMath(s) | Event::DisplayMath(s) => self.text(&s, range),
            Event::TaskListMarker(done) => self.text(if done { "[x] " } else { "[ ] " }, range),
        }
    }

    fn start(&mut self, tag: Tag, range: std::ops::Range<usize>) {
        let start = range.start;
        let frame = match tag {
            Tag::Paragraph => {
                self.close_implicit_paragraph();
                Frame::inlines(
                    FrameKind::Paragraph { implicit: false },
                    Some(self.ids.block()),
                    start,
                )
            }
            Tag::Heading { level, .. } => {
                self.close_implicit_paragraph();
                Frame::inlines(
                    FrameKind::Heading(heading_level(level)),
                    Some(self.ids.block()),
                    start,
                )
            }
            Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::DefinitionList
            | Tag::Table(_) => {
                self.close_implicit_paragraph();
                Frame::blocks(FrameKind::Quote, Some(self.ids.block()), start)
            }
            Tag::List(first) => {
                self.close_implicit_paragraph();
                let kind = FrameKind::List {
                    ordered: first.is_some(),
                    start: first.unwrap_or(1),
                };
                Frame {
                    kind,
                    id: Some(self.ids.block()),
                    start,
                    content: Content::Items(Vec::new()),
                }
            }
            Tag::Item
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::TableHead
            | Tag::TableRow
            | Tag::TableCell => {
                self.close_implicit_paragraph();
                Frame::blocks(FrameKind::Item, None, start)
            }
            Tag::FootnoteDefinition(label) => {
                self.close_implicit_paragraph();
                Frame::blocks(FrameKind::Footnote(label.to_string()), None, start)
            }
            Tag::Emphasis | Tag::Strikethrough | Tag::Superscript | Tag::Subscript => {
                Frame::inlines(FrameKind::Emph, None, start)
            }
            Tag::Strong => Frame::inlines(FrameKind::Strong, None, start),
            Tag::Link { dest_url, .. } => {
                Frame::inlines(FrameKind::Link(dest_url.to_string()), None, start)
            }
            Tag::Image { .. } => Frame::inlines(FrameKind::Image, None, start),
            Tag::MetadataBlock(_) => Frame::inlines(FrameKind::Image, None, start),
        };
        if matches!(frame.content, Content::Inlines(_))
            && !matches!(
                frame.kind,
                FrameKind::Paragraph { .. } | FrameKind::Heading(_)
            )
        {
            self.ensure_inline_context(start);
        }
        self.stack.push(frame);
    }

    fn end(&mut self, end: TagEnd, range: std::ops::Range<usize>) {
        if matches!(
            end,
            TagEnd::Item
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition
                | TagEnd::CodeBlock
                | TagEnd::HtmlBlock
        ) || matches!(
            end,
            TagEnd::DefinitionListTitle
                | TagEnd::DefinitionListDefinition
                | TagEnd::TableCell
                | TagEnd::TableRow
                | TagEnd::TableHead
        ) {
            self.close_implicit_paragraph();
        }
        let Some(frame) = self.stack.pop() else {
            return;
        };
        let span = self.span(frame.start..range.end);
        match (frame.kind, frame.content) {
            (FrameKind::Paragraph { .. }, Content::Inlines(content)) => {
                let id = frame.id.unwrap_or_else(|| self.ids.block());
                self.push_block(Block {
                    id,
                    span,
                    kind: BlockKind::Paragraph(content),
                });
            }
            (FrameKind::Heading(level), Content::Inlines(content)) => {
                let id = frame.id.unwrap_or_else(|| self.ids.block());
                self.push_block(Block {
                    id,
                    span,
                    kind: BlockKind::Heading { level, content },
                });
            }
            (FrameKind::Quote, Content::Blocks(blocks)) => {
                let id = frame.id.unwrap_or_else(|| self.ids.block());
                self.push_block(Block {
                    id,
                    span,
                    kind: BlockKind::Quote(blocks),
                });
            }
            (FrameKind::List { ordered, start }, Content::Items(items)) => {
                let id = frame.id.unwrap_or_else(|| self.ids.block());
                self.push_block(Block {
                    id,
                    span,
                    kind: BlockKind::List {
                        ordered,
                        start,
                        items,
                    },
                });
            }
            (FrameKind::Item, Content::Blocks(blocks)) => match self.stack.last_mut() {
                Some(Frame {
                    content: Content::Items(items),
                    ..
                }) => items.push(blocks),
                _ => blocks.into_iter().for_each(|b| self.push_block(b)),
            },
            (FrameKind::Footnote(label), Content::Blocks(blocks)) => {
                self.definitions.entry(label).or_insert((span, blocks));
            }
            (FrameKind::Emph, Content::Inlines(c)) => {
                self.inline(InlineKind::Emph(c), frame.start..range.end)
            }
            (FrameKind::Strong, Content::Inlines(c)) => {
                self.inline(InlineKind::Strong(c), frame.start..range.end)
            }
            (FrameKind::Link(url), Content::Inlines(c)) => {
                self.inline(InlineKind::Link { url, content: c }, frame.start..range.end)
            }
            (FrameKind::Image, Content::Inlines(c)) => {
                c.into_iter().for_each(|i| self.push_inline(i))
            }
            (_, Content::Blocks(blocks)) => blocks.into_iter().for_each(|b| self.push_block(b)),
            (_, Content::Inlines(c)) => c.into_iter().for_each(|i| self.push_inline(i)),
            (_, Content::Items(items)) => {
                items.into_iter().flatten().for_each(|b| self.push_block(b))
            }
        }
    }

    /// E114 at the first character of `s` that is never text, with how many follow.
    fn report_never_text(&mut self, s: &str, range: std::ops::Range<usize>) {
        let bad: Vec<char> = s.chars().filter(|c| is_never_text(*c)).collect();
        let first = bad[0];
        // Point at the character itself when the event's text stands verbatim in the
        // source (an escape in a TOML string shifts it: then the whole run is shown).
        let verbatim = self.src.text.get(range.clone()) == Some(s);
        let span = match s.find(first) {
            Some(p) if verbatim => self.span(range.start + p..range.start + p + first.len_utf8()),
            _ => self.span(range),
        };
        let mut d = Diagnostic::new(
            codes::NEVER_TEXT,
            format!(
                "U+{:04X} ({}) is not a character of any text",
                first as u32,
                char_kind(first)
            ),
        )
        .at(span);
        if bad.len() > 1 {
            d = d.note(format!(
                "{} more such characters in this run of text",
                bad.len() - 1
            ));
        }
        self.found.push(d);
    }

    fn text(&mut self, s: &str, range: std::ops::Range<usize>) {
        let span = self.span(range.clone());
        self.ensure_inline_context(range.start);
        let text = nfc(s);
        if let Some(Frame {
            content: Content::Inlines(list),
            ..
        }) = self.stack.last_mut()
        {
            // pulldown-cmark splits text at every special character; keep one run.
            if let Some(Inline {
                span: last_span,
                kind: InlineKind::Text(last),
            }) = list.last_mut()
                && last_span.end <= span.start
                && span.start - last_span.end <= 1
            {
                last.push_str(&text);
                last_span.end = span.end;
                return;
            }
            list.push(Inline {
                span,
                kind: InlineKind::Text(text),
            });
        }
    }

    fn inline(&mut self, kind: InlineKind, range: std::ops::Range<usize>) {
        self.ensure_inline_context(range.start);
        let span = self.span(range);
        self.push_inline(Inline { span, kind });
    }

    fn push_inline(&mut self, inline: Inline) {
        self.ensure_inline_context(inline.span.start as usize);
        if let Some(Frame {
            content: Content::Inlines(list),
            ..
        }) = self.stack.last_mut()
        {
            list.push(inline);
        }
    }

    fn note_call(&mut self, label: CowStr, range: std::ops::Range<usize>) {
        let span = self.span(range.clone());
        let label = label.to_string();
        let id = match self.note_ids.get(&label) {
            Some((id, _)) => *id,
            None => {
                let id = self.ids.note();
                self.note_ids.insert(label.clone(), (id, span));
                self.note_order.push(label);
                id
            }
        };
        self.inline(InlineKind::NoteRef(id), range);
    }

    fn push_block(&mut self, block: Block) {
        self.close_implicit_paragraph();
        match self.stack.last_mut() {
            Some(Frame {
                content: Content::Blocks(blocks),
                ..
            }) => blocks.push(block),
            Some(Frame {
                content: Content::Items(items),
                ..
            }) => match items.last_mut() {
                Some(item) => item.push(block),
                None => items.push(vec![block]),
            },
            _ => {}
        }
    }

    /// Tight list items carry text without a paragraph: open one so inlines have a home.
    fn ensure_inline_context(&mut self, start: usize) {
        if matches!(
            self.stack.last(),
            Some(Frame {
                content: Content::Blocks(_) | Content::Items(_),
                ..
            })
        ) {
            let id = self.ids.block();
            self.stack.push(Frame::inlines(
                FrameKind::Paragraph { implicit: true },
                Some(id),
                start,
            ));
        }
    }

    fn close_implicit_paragraph(&mut self) {
        if let Some(Frame {
            kind: FrameKind::Paragraph { implicit: true },
            ..
        }) = self.stack.last()
        {
            let frame = self.stack.pop().expect("checked above");
            let end = match &frame.content {
                Content::Inlines(list) => list
                    .last()
                    .map_or(self.src.offset + frame.start, |i| i.span.end as usize),
                _ => self.src.offset + frame.start,
            };
            let span = Span::new(
                self.src.file,
                self.src.offset + frame.start..end.max(self.src.offset + frame.start),
            );
            if let (Some(id), Content::Inlines(content)) = (frame.id, frame.content) {
                self.push_block(Block {
                    id,
                    span,
                    kind: BlockKind::Paragraph(content),
                });
            }
        }
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Characters copied by accident from the web or a PDF that no text holds: C0 controls
/// but tab and line feed, DEL, C1 controls, and Unicode's noncharacters. XML cannot hold
/// most of them and no font draws them; the import of a raw source reads them as layout
/// space, Markdown written by the editors gets E114.
pub fn is_never_text(c: char) -> bool {
    match c {
        '\t' | '\n' => false,
        '\u{0}'..='\u{1F}' | '\u{7F}'..='\u{9F}' => true,
        '\u{FDD0}'..='\u{FDEF}' => true,
        c => (c as u32) & 0xFFFE == 0xFFFE,
    }
}

fn char_kind(c: char) -> &'static str {
    if c.is_control() {
        "a control character"
    } else {
        "a noncharacter"
    }
}

fn nfc(s: &str) -> String {
    crate::model::text::nfc(s).into_owned()
}

mod calls;
#[cfg(test)]
mod tests;
