//! The back matter in the EPUB: one document per part (chronology, glossary,
//! emendations, index of names), and the spots in the texts its links land on. Each locator becomes a link
//! labelled with the page of the printed A5 edition where it stands (from the page map),
//! or, without a page map, with the short title of its text (`Locate::FALLBACK` names
//! that case), so the EPUB's index shows the book's page numbers.

mod chronology;
mod emendations;
mod glossary;
mod index;

use std::collections::BTreeMap;

use super::outline::NavEntry;
use super::pages::is_body_label;
use super::spots::{Abbr, Spot, Spots};
use super::xhtml::{Matter, finish_document, start_document};
use super::xml::XmlWriter;
use crate::backmatter::{BackMatter, Locator, PartKind};
use crate::diag::Diagnostic;
use crate::model::TextId;
use crate::typeset::{PageFinder, PageMap};

/// The id of a part's `h1`.
pub const TITLE_ID: &str = "title";

/// One document of the back matter.
#[derive(Debug, Clone)]
pub struct BackDocument {
    pub kind: PartKind,
    pub file: String,
    pub xhtml: String,
    pub nav: NavEntry,
}

/// The back matter's documents and the spots they need in the texts.
#[derive(Debug, Clone, Default)]
pub struct BackDocuments {
    pub documents: Vec<BackDocument>,
    pub spots: Spots,
}

/// The file name of a part's document.
pub fn part_file(kind: PartKind) -> String {
    format!("{}.xhtml", kind.slug())
}

/// Where locators point: each text's document, and the print page map when there is one.
pub struct Locate<'a> {
    pub back: &'a BackMatter,
    pub files: &'a BTreeMap<TextId, String>,
    pub pages: Option<PageFinder<&'a PageMap>>,
}

/// A locator's label and where its link goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The print page label ("47"), or without one the text's short title.
    pub label: String,
    /// Whether `label` is a print page.
    pub is_page: bool,
    pub text: TextId,
}

impl Locate<'_> {
    /// What a locator shows when the book has no print page numbers: the short title of
    /// its text. Replaced by the page label as soon as a page map is given.
    pub fn fallback_label(&self, text: &TextId) -> String {
        self.back.short_title(text).to_string()
    }

    /// The print page of a locator, or [`Locate::fallback_label`].
    pub fn place(&self, loc: &Locator) -> Place {
        let page = self
            .pages
            .as_ref()
            .and_then(|f| f.map().label(f.page_of(loc.block, loc.range.start)?))
            .filter(|l| is_body_label(l));
        match page {
            Some(label) => Place {
                label: label.to_string(),
                is_page: true,
                text: loc.text.clone(),
            },
            None => Place {
                label: self.fallback_label(&loc.text),
                is_page: false,
                text: loc.text.clone(),
            },
        }
    }

    /// A link to the element with `id` in the document of `text`.
    pub fn href(&self, text: &TextId, id: &str) -> String {
        let file = self.files.get(text).map_or("", String::as_str);
        format!("{file}#{id}")
    }
}

/// Writes the documents of the back matter and collects the spots of the texts.
pub fn documents(
    back: &BackMatter,
    locate: &Locate,
    lang: &str,
) -> Result<BackDocuments, Diagnostic> {
    let mut out = BackDocuments::default();
    for kind in back.parts() {
        let file = part_file(kind);
        let mut w = start_document(kind.title(), lang, Matter::Back);
        let (epub_type, role) = match kind {
            PartKind::Chronology => ("appendix", "doc-appendix"),
            PartKind::Glossary => ("glossary", "doc-glossary"),
            PartKind::Index => ("index", "doc-index"),
            PartKind::Emendations => ("appendix", "doc-appendix"),
        };
        w.start(
            "section",
            &[
                ("epub:type", epub_type),
                ("role", role),
                ("aria-labelledby", TITLE_ID),
            ],
        );
        w.newline();
        w.element("h1", &[("id", TITLE_ID)], kind.title());
        w.newline();
        match kind {
            PartKind::Chronology => {
                if let Some(part) = &back.chronology {
                    chronology::write(&mut w, part, locate, &mut out.spots)?;
                }
            }
            PartKind::Glossary => {
                if let Some(part) = &back.glossary {
                    glossary::write(&mut w, part, locate, &file, &mut out.spots);
                }
            }
            PartKind::Index => {
                if let Some(part) = &back.index {
                    index::write(&mut w, part, locate, &mut out.spots);
                }
            }
            PartKind::Emendations => {
                if let Some(part) = &back.emendations {
                    emendations::write(&mut w, part, locate, &mut out.spots)?;
                }
            }
        }
        w.end();
        w.newline();
        out.documents.push(BackDocument {
            kind,
            nav: NavEntry::leaf(kind.title(), file.clone()),
            file,
            xhtml: finish_document(w),
        });
    }
    Ok(out)
}

/// A link to a place: `<a href>47</a>`.
fn place_link(w: &mut XmlWriter, place: &Place, href: &str) {
    w.element("a", &[("href", href)], &place.label);
}

/// A place named with its text: "*Memoir* 47" (the page is the link), or the title
/// alone as the link when there is no page.
fn titled_place_link(w: &mut XmlWriter, locate: &Locate, place: &Place, href: &str) {
    if place.is_page {
        w.element("cite", &[], locate.back.short_title(&place.text));
        w.text("\u{a0}");
    }
    place_link(w, place, href);
}

/// The spot of an acronym's use.
fn abbr_spot(range: std::ops::Range<usize>, title: &str, link: Option<(String, String)>) -> Spot {
    let (ids, href) = match link {
        Some((id, href)) => (vec![id], Some(href)),
        None => (Vec::new(), None),
    };
    Spot {
        range,
        ids,
        abbr: Some(Abbr {
            title: title.to_string(),
            href,
        }),
    }
}
