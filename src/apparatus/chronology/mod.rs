//! The unified chronology: the events of `chronology.toml`, each with its date checked
//! and written in words, its description and note parsed as Markdown (spans into the
//! file), and its references resolved like notes' anchors; sorted by date (less precise
//! dates after the precise ones of their period, ties in file order).
//!
//! Must not know: how the chronology is rendered, pages.

pub mod date;
pub mod dated;
pub mod registry;
pub mod uncovered;

use std::collections::BTreeMap;

use crate::diag::{Diagnostic, FileId, Span, codes};
use crate::manuscript::markdown::IdAlloc;
use crate::model::{Block, BlockKind, Inline};

use super::notes::parse_body;
use super::occur::Occurrence;
use super::resolve::Resolver;

pub use date::{DatePoint, EventDate};
pub use registry::ChronologyFile;
pub use uncovered::UncoveredDate;

/// One event of the chronology, ready for the outputs.
#[derive(Debug, Clone)]
pub struct Event {
    pub date: EventDate,
    /// The description (inline Markdown of `what`).
    pub what: Vec<Inline>,
    /// Where the sources disagree (Markdown of `note`); empty when there is none.
    pub note: Vec<Block>,
    /// The passages that mention the event, in the order of the file.
    pub refs: Vec<Occurrence>,
    /// The `[[event]]` entry in chronology.toml.
    pub span: Span,
}

/// What the chronology needs from its surroundings.
pub struct Context<'a> {
    pub file: FileId,
    /// The text of chronology.toml (Markdown spans point into it).
    pub src: &'a str,
    pub resolver: &'a Resolver,
}

/// The events of `chronology.toml` in date order. An event with an unreadable date or
/// description is left out (with its diagnostic); its references are still resolved so
/// that every error shows at once.
pub fn compute(
    cx: &Context,
    file: &ChronologyFile,
    ids: &mut IdAlloc,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Event> {
    let mut events = Vec::new();
    // (date, description with whitespace collapsed) → span of the first entry.
    let mut seen: BTreeMap<(EventDate, String), Span> = BTreeMap::new();
    for entry in &file.event {
        let span = Span::new(cx.file, entry.span());
        let e = entry.get_ref();
        let date = read_date(cx.file, &e.date, diags);
        let what = read_what(cx, &e.what, ids, diags);
        let note = match &e.note {
            Some(n) => parse_body(cx.src, cx.file, n, ids, diags),
            None => Some(Vec::new()),
        };
        let refs = read_refs(cx, e, span, diags);
        let (Some(date), Some(what), Some(note)) = (date, what, note) else {
            continue;
        };
        let key = (date, collapse(e.what.get_ref()));
        if let Some(first) = seen.get(&key) {
            diags.push(
                Diagnostic::new(
                    codes::CHRONOLOGY_DUPLICATE,
                    format!("the event of {} “{}” is listed twice", date.words(), key.1),
                )
                .at(Span::new(cx.file, e.date.span()))
                .label(*first, "first listed here"),
            );
            continue;
        }
        seen.insert(key, span);
        events.push(Event {
            date,
            what,
            note,
            refs,
            span,
        });
    }
    // A stable sort: events of equal dates keep the order of the file.
    events.sort_by_key(|e| e.date);
    events
}

fn read_date(
    file: FileId,
    date: &toml::Spanned<String>,
    diags: &mut Vec<Diagnostic>,
) -> Option<EventDate> {
    match EventDate::parse(date.get_ref()) {
        Ok(d) => Some(d),
        Err(e) => {
            let code = if e.reversed {
                codes::CHRONOLOGY_RANGE
            } else {
                codes::CHRONOLOGY_DATE
            };
            diags.push(Diagnostic::new(code, e.message).at(Span::new(file, date.span())));
            None
        }
    }
}

/// `what` as inline Markdown: exactly one paragraph.
fn read_what(
    cx: &Context,
    what: &toml::Spanned<String>,
    ids: &mut IdAlloc,
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<Inline>> {
    let at = Span::new(cx.file, what.span());
    if what.get_ref().trim().is_empty() {
        diags
            .push(Diagnostic::new(codes::CHRONOLOGY_WHAT, "this event has an empty `what`").at(at));
        return None;
    }
    let blocks = parse_body(cx.src, cx.file, what, ids, diags)?;
    match <[Block; 1]>::try_from(blocks) {
        Ok(
            [
                Block {
                    kind: BlockKind::Paragraph(inlines),
                    ..
                },
            ],
        ) => Some(inlines),
        _ => {
            diags.push(
                Diagnostic::new(
                    codes::CHRONOLOGY_WHAT,
                    "`what` must be one paragraph of inline Markdown (no headings, lists, quotations or blank lines)",
                )
                .at(at),
            );
            None
        }
    }
}

fn read_refs(
    cx: &Context,
    e: &registry::EventEntry,
    span: Span,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Occurrence> {
    if e.refs.is_empty() {
        diags.push(
            Diagnostic::new(
                codes::CHRONOLOGY_NO_REF,
                format!(
                    "the event of `{}` points to no passage of any text",
                    e.date.get_ref()
                ),
            )
            .at(span),
        );
    }
    let mut refs = Vec::new();
    for r in &e.refs {
        match cx
            .resolver
            .resolve(cx.file, r.get_ref().anchor(), "chronology reference")
        {
            Ok(a) => refs.push(Occurrence {
                text: a.text,
                block: a.block,
                range: a.range,
            }),
            Err(d) => diags.push(d),
        }
    }
    refs
}

/// Runs of whitespace as one space, ends trimmed: two descriptions that differ only in
/// line breaks are the same.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The number of references of all events.
pub fn reference_count(events: &[Event]) -> usize {
    events.iter().map(|e| e.refs.len()).sum()
}
