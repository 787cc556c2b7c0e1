//! The chronology document: one timeline, a heading per year, each event with its date
//! in words, its description and note, and per text that mentions it the short title and
//! a link per print page with a mention ("*Memoir* 41, 56").

use std::collections::BTreeSet;

use super::{Locate, place_link, titled_place_link};
use crate::backmatter::ChronologyPart;
use crate::backmatter::first_per;
use crate::diag::Diagnostic;
use crate::render::epub::spots::Spots;
use crate::render::epub::xhtml::BodyWriter;
use crate::render::epub::xml::XmlWriter;

pub fn write(
    w: &mut XmlWriter,
    part: &ChronologyPart,
    locate: &Locate,
    spots: &mut Spots,
) -> Result<(), Diagnostic> {
    for year in &part.years {
        let year_id = format!("year-{}", year.year);
        w.start(
            "section",
            &[("class", "year"), ("aria-labelledby", &year_id)],
        );
        w.newline();
        w.element("h2", &[("id", &year_id)], &year.year.to_string());
        w.newline();
        w.start("ol", &[("class", "chronology")]);
        w.newline();
        for event in &year.events {
            w.start("li", &[("id", &format!("event-{}", event.key))]);
            w.start("p", &[("class", "event")]);
            // A year-only event stands under its year's heading without a date.
            if let Some(date) = &event.date {
                w.element("span", &[("class", "date")], date);
                w.text(" — ");
            }
            BodyWriter::new(w, &[], BTreeSet::new()).inlines(&event.what)?;
            w.end();
            if !event.note.is_empty() {
                w.start("div", &[("class", "event-note")]);
                BodyWriter::new(w, &[], BTreeSet::new()).blocks(&event.note)?;
                w.end();
            }
            if !event.refs.is_empty() {
                // Per text its short title, then one link per print page, labelled with
                // the page ("*Memoir* 41, 56"); without pages, one per text.
                w.start("p", &[("class", "refs")]);
                let mut n = 0;
                for (k, (text, refs)) in event.refs_by_text().into_iter().enumerate() {
                    if k > 0 {
                        w.text("; ");
                    }
                    let refs: Vec<_> = refs.into_iter().cloned().collect();
                    let pages = first_per(&refs, |r| locate.place(r));
                    for (i, (place, r)) in pages.iter().enumerate() {
                        n += 1;
                        let id = format!("ch{}-{n}", event.key);
                        spots.add_id(r.block, r.range.clone(), id.clone());
                        let href = locate.href(text, &id);
                        if i == 0 {
                            titled_place_link(w, locate, place, &href);
                        } else {
                            w.text(", ");
                            place_link(w, place, &href);
                        }
                    }
                }
                w.end();
            }
            w.end();
            w.newline();
        }
        w.end();
        w.newline();
        w.end();
        w.newline();
    }
    Ok(())
}
