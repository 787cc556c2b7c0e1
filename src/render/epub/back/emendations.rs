//! The appendix of emendations: per correction, the text and the print page (linked to
//! the corrected words), the source's reading, the edition's, and the editor's note.

use std::collections::BTreeSet;

use super::{Locate, titled_place_link};
use crate::backmatter::EmendationsPart;
use crate::backmatter::emendations::INTRODUCTION;
use crate::diag::Diagnostic;
use crate::render::epub::spots::Spots;
use crate::render::epub::xhtml::BodyWriter;
use crate::render::epub::xml::XmlWriter;

pub fn write(
    w: &mut XmlWriter,
    part: &EmendationsPart,
    locate: &Locate,
    spots: &mut Spots,
) -> Result<(), Diagnostic> {
    w.element("p", &[("class", "intro")], INTRODUCTION);
    w.newline();
    w.start("ul", &[("class", "emendations")]);
    w.newline();
    for (n, row) in part.rows.iter().enumerate() {
        let id = format!("em{}", n + 1);
        spots.add_id(row.locator.block, row.locator.range.clone(), id.clone());
        w.start("li", &[]);
        let place = locate.place(&row.locator);
        titled_place_link(w, locate, &place, &locate.href(&row.text, &id));
        w.text(": ");
        w.element("span", &[("class", "printed")], &row.printed);
        w.text(" → ");
        w.element("span", &[("class", "corrected")], &row.corrected);
        if !row.note.is_empty() {
            w.start("div", &[("class", "em-note")]);
            let mut body = BodyWriter::new(w, &[], BTreeSet::new());
            body.blocks(&row.note)?;
            w.end();
        }
        w.end();
        w.newline();
    }
    w.end();
    w.newline();
    Ok(())
}
