//! The unified chronology as a part of the back matter: one timeline grouped by year,
//! each event with its date in words, its description, its note where the sources
//! disagree, and its places in every text that mentions it (in the order of the texts).
//!
//! Must not know: XHTML, fonts, pages.

use super::Locator;
use crate::apparatus::{Event, EventDate};
use crate::model::{Block, Inline, TextId, Volume};

/// The chronology part.
#[derive(Debug, Clone)]
pub struct ChronologyPart {
    pub years: Vec<YearGroup>,
}

/// The events of one year (of their start), in date order.
#[derive(Debug, Clone)]
pub struct YearGroup {
    pub year: i32,
    pub events: Vec<ChronologyEvent>,
}

/// One event.
#[derive(Debug, Clone)]
pub struct ChronologyEvent {
    /// Position in the chronology: the event's stable key (ids).
    pub key: usize,
    /// "11 September 1973", "c. 1968", "September–November 1970"; `None` for an event
    /// dated by its year alone, which the heading of its year group already gives.
    pub date: Option<String>,
    pub what: Vec<Inline>,
    pub note: Vec<Block>,
    /// The passages that mention it, in reading order of the volume.
    pub refs: Vec<Locator>,
}

impl ChronologyEvent {
    /// The references grouped by text, texts in reading order.
    pub fn refs_by_text(&self) -> Vec<(&TextId, Vec<&Locator>)> {
        let mut out: Vec<(&TextId, Vec<&Locator>)> = Vec::new();
        for r in &self.refs {
            match out.last_mut() {
                Some((t, list)) if *t == &r.text => list.push(r),
                _ => out.push((&r.text, vec![r])),
            }
        }
        out
    }
}

/// The chronology of `events` (already in date order), or `None` without any.
pub fn part(events: &[Event], volume: &Volume) -> Option<ChronologyPart> {
    if events.is_empty() {
        return None;
    }
    let order: Vec<&TextId> = volume.texts.iter().map(|t| &t.id).collect();
    let position = |t: &TextId| order.iter().position(|o| *o == t).unwrap_or(usize::MAX);
    let mut years: Vec<YearGroup> = Vec::new();
    for (key, e) in events.iter().enumerate() {
        let mut refs = e.refs.clone();
        refs.sort_by_key(|r| (position(&r.text), r.block, r.range.start));
        let event = ChronologyEvent {
            key,
            date: (!year_only(&e.date)).then(|| e.date.words()),
            what: e.what.clone(),
            note: e.note.clone(),
            refs,
        };
        let year = e.date.year();
        match years.last_mut() {
            Some(g) if g.year == year => g.events.push(event),
            _ => years.push(YearGroup {
                year,
                events: vec![event],
            }),
        }
    }
    Some(ChronologyPart { years })
}

/// A date that is a bare year: no month, no range, not circa ("1927", not "c. 1927").
fn year_only(date: &EventDate) -> bool {
    date.start.month.is_none() && date.end.is_none() && !date.circa
}
