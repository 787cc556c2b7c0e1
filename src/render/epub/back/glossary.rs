//! The glossary document: a definition list of the acronyms, each with its aliases, its
//! expansion (marked with its language), English form and description, and a link back
//! to its first use in each text, labelled with the print page. Every use in the texts
//! becomes an `<abbr>` with the expansion; the first in each text links to the entry.

use super::{Locate, abbr_spot, titled_place_link};
use crate::backmatter::GlossaryPart;
use crate::render::epub::spots::Spots;
use crate::render::epub::xhtml::lang_attrs;
use crate::render::epub::xml::XmlWriter;

/// The id of a term's entry.
pub fn term_id(key: usize) -> String {
    format!("gloss-{key}")
}

pub fn write(
    w: &mut XmlWriter,
    part: &GlossaryPart,
    locate: &Locate,
    file: &str,
    spots: &mut Spots,
) {
    w.start("dl", &[("class", "glossary")]);
    w.newline();
    for term in &part.terms {
        let id = term_id(term.key);
        let gloss = term.gloss();
        let entry_href = format!("{file}#{id}");
        // The first use in each text: an id to come back to, a link to the entry.
        let firsts: Vec<(usize, String)> = term
            .first_uses
            .iter()
            .enumerate()
            .map(|(n, _)| (n, format!("gl{}-{}", term.key, n + 1)))
            .collect();
        for u in &term.uses {
            let first = term.first_uses.iter().position(|f| f == u);
            let link = first.map(|n| (firsts[n].1.clone(), entry_href.clone()));
            spots.add(u.block, abbr_spot(u.range.clone(), &gloss, link));
        }
        w.start("dt", &[("id", &id), ("epub:type", "glossterm")]);
        w.start("dfn", &[]);
        w.element("abbr", &[], &term.short);
        w.end();
        if !term.aliases.is_empty() {
            w.text(" (also ");
            for (k, alias) in term.aliases.iter().enumerate() {
                if k > 0 {
                    w.text(", ");
                }
                w.element("abbr", &[], alias);
            }
            w.text(")");
        }
        w.end();
        w.newline();
        w.start("dd", &[("epub:type", "glossdef")]);
        w.newline();
        w.start("p", &[("class", "expansion")]);
        match &term.lang {
            Some(lang) => w.element("span", &lang_attrs(lang.as_str()), term.expansion.trim()),
            None => w.text(term.expansion.trim()),
        }
        if let Some(english) = term
            .english
            .as_deref()
            .map(str::trim)
            .filter(|e| !e.is_empty() && *e != term.expansion.trim())
        {
            w.text(" — ");
            w.text(english);
        }
        w.end();
        w.newline();
        if let Some(about) = term.about.as_deref().filter(|a| !a.trim().is_empty()) {
            w.element("p", &[], about.trim());
            w.newline();
        }
        if !term.first_uses.is_empty() {
            w.start("p", &[("class", "uses")]);
            w.text("First use: ");
            for ((n, use_id), u) in firsts.iter().zip(&term.first_uses) {
                if *n > 0 {
                    w.text("; ");
                }
                let place = locate.place(u);
                titled_place_link(w, locate, &place, &locate.href(&u.text, use_id));
            }
            w.text(".");
            w.end();
            w.newline();
        }
        w.end();
        w.newline();
    }
    w.end();
    w.newline();
}
