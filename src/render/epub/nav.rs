//! Navigation documents: the EPUB 3 `nav.xhtml` (toc and landmarks) and the EPUB 2
//! `toc.ncx` with the same tree, for older reading systems.

use super::outline::NavEntry;
use super::xhtml::{Matter, finish_document, start_document};
use super::xml::XmlWriter;
use crate::model::VolumeMeta;

/// A landmark: a structural point of the book (`epub:type`), its label and link.
#[derive(Debug, Clone)]
pub struct Landmark {
    pub epub_type: &'static str,
    pub label: String,
    pub href: String,
}

/// The navigation document: `toc` (the whole tree), `landmarks`, and when the book
/// has print page numbers, the `page-list` (hidden: readers offer it as "go to page").
pub fn nav_document(
    meta: &VolumeMeta,
    toc: &[NavEntry],
    landmarks: &[Landmark],
    page_list: &[NavEntry],
    toc_label: &str,
) -> String {
    let mut w = start_document(toc_label, &meta.language, Matter::Front);
    w.start(
        "nav",
        &[
            ("epub:type", "toc"),
            ("role", "doc-toc"),
            ("id", "toc"),
            ("aria-labelledby", "toc-title"),
        ],
    );
    w.newline();
    w.element("h1", &[("id", "toc-title")], toc_label);
    w.newline();
    nav_list(&mut w, toc);
    w.end();
    w.newline();
    w.start(
        "nav",
        &[
            ("epub:type", "landmarks"),
            ("id", "landmarks"),
            ("aria-labelledby", "landmarks-title"),
        ],
    );
    w.newline();
    w.element("h2", &[("id", "landmarks-title")], "Landmarks");
    w.newline();
    w.start("ol", &[]);
    w.newline();
    for l in landmarks {
        w.start("li", &[]);
        w.element(
            "a",
            &[("epub:type", l.epub_type), ("href", &l.href)],
            &l.label,
        );
        w.end();
        w.newline();
    }
    w.end();
    w.newline();
    w.end();
    w.newline();
    if !page_list.is_empty() {
        w.start(
            "nav",
            &[
                ("epub:type", "page-list"),
                ("id", "page-list"),
                ("hidden", ""),
                ("aria-labelledby", "page-list-title"),
            ],
        );
        w.newline();
        w.element("h2", &[("id", "page-list-title")], "Pages");
        w.newline();
        nav_list(&mut w, page_list);
        w.end();
        w.newline();
    }
    finish_document(w)
}

/// An `ol` of entries; children get their own `ol` only when there are any (an empty
/// `ol` is invalid in a nav).
fn nav_list(w: &mut XmlWriter, entries: &[NavEntry]) {
    w.start("ol", &[]);
    w.newline();
    for e in entries {
        w.start("li", &[]);
        e.write_link(w);
        if !e.children.is_empty() {
            w.newline();
            nav_list(w, &e.children);
        }
        w.end();
        w.newline();
    }
    w.end();
    w.newline();
}

/// The NCX: the same tree as the toc, with play order in reading order and the
/// package's identifier as `dtb:uid` (readers match the two).
pub fn ncx_document(
    meta: &VolumeMeta,
    title: &str,
    toc: &[NavEntry],
    page_list: &[NavEntry],
) -> String {
    let depth = toc
        .iter()
        .map(NavEntry::depth)
        .max()
        .unwrap_or(1)
        .to_string();
    let total = page_list.len().to_string();
    let max = page_list
        .iter()
        .filter_map(|p| p.label.parse::<u32>().ok())
        .max()
        .unwrap_or(0)
        .to_string();
    let mut w = XmlWriter::new(None);
    w.start(
        "ncx",
        &[
            ("xmlns", "http://www.daisy.org/z3986/2005/ncx/"),
            ("version", "2005-1"),
            ("xml:lang", &meta.language),
        ],
    );
    w.newline();
    w.start("head", &[]);
    w.newline();
    for (name, content) in [
        ("dtb:uid", meta.identifier.as_str()),
        ("dtb:depth", &depth),
        ("dtb:totalPageCount", &total),
        ("dtb:maxPageNumber", &max),
    ] {
        w.empty("meta", &[("name", name), ("content", content)]);
        w.newline();
    }
    w.end();
    w.newline();
    w.start("docTitle", &[]);
    w.element("text", &[], title);
    w.end();
    w.newline();
    w.start("navMap", &[]);
    w.newline();
    let mut order = 0;
    nav_points(&mut w, toc, &mut order);
    w.end();
    w.newline();
    if !page_list.is_empty() {
        page_targets(&mut w, page_list, &mut order);
    }
    w.end();
    w.finish()
}

fn nav_points(w: &mut XmlWriter, entries: &[NavEntry], order: &mut usize) {
    for e in entries {
        *order += 1;
        let id = format!("np{order}");
        w.start(
            "navPoint",
            &[("id", &id), ("playOrder", &order.to_string())],
        );
        match &e.lang {
            Some(lang) => w.start("navLabel", &[("xml:lang", lang)]),
            None => w.start("navLabel", &[]),
        }
        w.element("text", &[], &e.label);
        w.end();
        w.empty("content", &[("src", &e.href)]);
        w.newline();
        nav_points(w, &e.children, order);
        w.end();
        w.newline();
    }
}

/// The NCX `pageList`: one `pageTarget` per print page, numbered on from the navMap's
/// play order.
fn page_targets(w: &mut XmlWriter, pages: &[NavEntry], order: &mut usize) {
    w.start("pageList", &[]);
    w.start("navLabel", &[]);
    w.element("text", &[], "Pages");
    w.end();
    w.newline();
    for page in pages {
        *order += 1;
        let id = format!("pt-{}", page.label);
        w.start(
            "pageTarget",
            &[
                ("id", &id),
                ("type", "normal"),
                ("value", &page.label),
                ("playOrder", &order.to_string()),
            ],
        );
        w.start("navLabel", &[]);
        w.element("text", &[], &page.label);
        w.end();
        w.empty("content", &[("src", &page.href)]);
        w.end();
        w.newline();
    }
    w.end();
    w.newline();
}
