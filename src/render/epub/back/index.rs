//! The index document: the headings by letter, each with one link per print page that
//! mentions the person (labelled with the page, landing on the first mention there),
//! and "see" cross-references linked to their headings.

use super::{Locate, place_link};
use crate::backmatter::{IndexItem, IndexPart, first_per};
use crate::render::epub::spots::Spots;
use crate::render::epub::xml::XmlWriter;

/// The id of a heading's entry.
pub fn heading_id(key: usize) -> String {
    format!("name-{key}")
}

pub fn write(w: &mut XmlWriter, part: &IndexPart, locate: &Locate, spots: &mut Spots) {
    for group in &part.groups {
        let letter_id = format!("letter-{}", group.letter_slug());
        w.start(
            "section",
            &[("class", "letter"), ("aria-labelledby", &letter_id)],
        );
        w.newline();
        w.element("h2", &[("id", &letter_id)], &group.letter);
        w.newline();
        w.start("ul", &[("class", "index")]);
        w.newline();
        for item in &group.items {
            match item {
                IndexItem::Heading(h) => {
                    w.start("li", &[("id", &heading_id(h.key))]);
                    w.element("span", &[("class", "name")], &h.heading);
                    let pages = first_per(&h.locators, |loc| locate.place(loc));
                    for (n, (place, loc)) in pages.iter().enumerate() {
                        let id = format!("ix{}-{}", h.key, n + 1);
                        spots.add_id(loc.block, loc.range.clone(), id.clone());
                        w.text(", ");
                        place_link(w, place, &locate.href(&loc.text, &id));
                    }
                    if let Some(about) = h.about.as_deref().filter(|a| !a.trim().is_empty()) {
                        w.text(" ");
                        w.element("span", &[("class", "about")], about.trim());
                    }
                }
                IndexItem::See(see) => {
                    w.start("li", &[("class", "see")]);
                    w.text(&see.from);
                    w.text(", ");
                    w.element("em", &[], "see");
                    w.text(" ");
                    for (k, (heading, key)) in see.to.iter().enumerate() {
                        if k > 0 {
                            w.text("; ");
                        }
                        w.element("a", &[("href", &format!("#{}", heading_id(*key)))], heading);
                    }
                }
            }
            w.end();
            w.newline();
        }
        w.end();
        w.newline();
        w.end();
        w.newline();
    }
}
