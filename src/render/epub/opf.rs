//! The package document (`package.opf`): Dublin Core and accessibility metadata,
//! the manifest and the spine.

use super::front::volume_title;
use super::xhtml::collapse_spaces;
use super::xml::XmlWriter;
use crate::model::{TextKind, Volume};

/// One resource of the package.
#[derive(Debug, Clone)]
pub struct ManifestItem {
    /// Manifest id (an XML name: letters, digits, `-`).
    pub id: String,
    /// Path relative to the package document.
    pub href: String,
    pub media_type: &'static str,
    /// Manifest properties such as `nav`, when any.
    pub properties: Option<&'static str>,
    /// Whether the item is read in order (in the spine).
    pub in_spine: bool,
}

/// The package's unique identifier's XML id.
const IDENTIFIER_ID: &str = "pub-id";

/// EPUB Accessibility 1.1 conformance as `dcterms:conformsTo` states it.
const CONFORMS_TO: &str = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA";

/// What a reader can rely on; every feature named here is true of every build.
const FEATURES: &[&str] = &[
    "structuralNavigation",
    "tableOfContents",
    "readingOrder",
    "displayTransformability",
];

/// The summary shown by reading systems and catalogues: a plain description of what
/// the package offers a reader using assistive technology. The first sentence depends
/// on whether there is a cover image.
const SUMMARY_TEXT_ONLY: &str =
    "This publication is text only: it contains no images, audio or video.";
const SUMMARY_COVER: &str = "This publication is text, except for a cover image whose text \
    alternative gives its title, subtitle and editors; it contains no other images, audio or video.";
const SUMMARY_PAGES: &str = " Page-break markers and a page list give the page \
    numbers of the printed edition named as the source, so that readers of both can meet \
    on the same page.";
const SUMMARY: &str = "Each text begins with a heading, and its sections are marked with \
    headings in order, which the table of contents lists. Notes are linked from their \
    numbered calls and link back to them. The reading order is the order of the printed \
    book. No styles fix the font, the text size or the colours, so the reader's own \
    settings apply. The language is marked on the publication and on each document, so \
    that text-to-speech and hyphenation follow it.";

/// `dcterms:modified` from the edition date: midnight UTC of that day, never the clock.
pub fn modified(date: &str) -> String {
    format!("{date}T00:00:00Z")
}

/// The package document.
/// `pagination` names the printed edition whose page numbers the book carries;
/// `features` are accessibility features of this book beyond those of every book
/// (`index` when it has one).
pub fn package_document(
    volume: &Volume,
    items: &[ManifestItem],
    languages: &[String],
    pagination: Option<&str>,
    features: &[&str],
) -> String {
    let meta = &volume.meta;
    let mut w = XmlWriter::new(None);
    w.start(
        "package",
        &[
            ("xmlns", "http://www.idpf.org/2007/opf"),
            ("version", "3.0"),
            ("unique-identifier", IDENTIFIER_ID),
            ("xml:lang", &meta.language),
        ],
    );
    w.newline();
    w.start(
        "metadata",
        &[("xmlns:dc", "http://purl.org/dc/elements/1.1/")],
    );
    w.newline();
    let line = |w: &mut XmlWriter, name: &'static str, attrs: &[(&str, &str)], text: &str| {
        w.element(name, attrs, text);
        w.newline();
    };
    line(
        &mut w,
        "dc:identifier",
        &[("id", IDENTIFIER_ID)],
        meta.identifier.trim(),
    );
    let mut title = volume_title(meta);
    if let Some(sub) = meta
        .subtitle
        .as_deref()
        .map(collapse_spaces)
        .filter(|s| !s.is_empty())
    {
        title = format!("{title}: {sub}");
    }
    line(&mut w, "dc:title", &[], &title);
    for lang in
        std::iter::once(&meta.language).chain(languages.iter().filter(|l| **l != meta.language))
    {
        line(&mut w, "dc:language", &[], lang);
    }
    for (i, editor) in meta
        .editors
        .iter()
        .map(|e| collapse_spaces(e))
        .filter(|e| !e.is_empty())
        .enumerate()
    {
        let id = format!("editor-{}", i + 1);
        line(&mut w, "dc:creator", &[("id", &id)], &editor);
        let refines = format!("#{id}");
        line(
            &mut w,
            "meta",
            &[
                ("refines", &refines),
                ("property", "role"),
                ("scheme", "marc:relators"),
            ],
            "edt",
        );
    }
    let mut authors: Vec<String> = Vec::new();
    for text in volume.texts.iter().filter(|t| t.kind == TextKind::Source) {
        if let Some(a) = text
            .meta
            .author
            .as_deref()
            .map(collapse_spaces)
            .filter(|a| !a.is_empty())
            && !authors.contains(&a)
            && !meta.editors.iter().any(|e| collapse_spaces(e) == a)
        {
            authors.push(a);
        }
    }
    for (i, author) in authors.iter().enumerate() {
        let id = format!("author-{}", i + 1);
        line(&mut w, "dc:contributor", &[("id", &id)], author);
        let refines = format!("#{id}");
        line(
            &mut w,
            "meta",
            &[
                ("refines", &refines),
                ("property", "role"),
                ("scheme", "marc:relators"),
            ],
            "aut",
        );
    }
    if let Some(p) = meta
        .publisher
        .as_deref()
        .map(collapse_spaces)
        .filter(|p| !p.is_empty())
    {
        line(&mut w, "dc:publisher", &[], &p);
    }
    line(&mut w, "dc:date", &[], &meta.date);
    if let Some(edition) = pagination {
        // The print edition the page-break markers and the page list follow.
        line(&mut w, "dc:source", &[("id", "pagination-source")], edition);
        line(
            &mut w,
            "meta",
            &[("refines", "#pagination-source"), ("property", "source-of")],
            "pagination",
        );
    }
    if let Some(r) = meta
        .rights
        .as_deref()
        .map(collapse_spaces)
        .filter(|r| !r.is_empty())
    {
        line(&mut w, "dc:rights", &[], &r);
    }
    if let Some(d) = meta
        .description
        .as_deref()
        .map(collapse_spaces)
        .filter(|d| !d.is_empty())
    {
        line(&mut w, "dc:description", &[], &d);
    }
    line(
        &mut w,
        "meta",
        &[("property", "dcterms:modified")],
        &modified(&meta.date),
    );
    let cover = items.iter().find(|i| i.properties == Some("cover-image"));
    if let Some(cover) = cover {
        // For EPUB 2 reading systems (and Kindle), which look for the cover this way.
        w.empty("meta", &[("name", "cover"), ("content", &cover.id)]);
        w.newline();
    }
    line(
        &mut w,
        "meta",
        &[("property", "schema:accessMode")],
        "textual",
    );
    if cover.is_some() {
        line(
            &mut w,
            "meta",
            &[("property", "schema:accessMode")],
            "visual",
        );
    }
    line(
        &mut w,
        "meta",
        &[("property", "schema:accessModeSufficient")],
        "textual",
    );
    let cover_feature = cover.map(|_| "alternativeText");
    let page_features = pagination
        .map(|_| ["printPageNumbers", "pageBreakMarkers"])
        .into_iter()
        .flatten();
    for f in FEATURES
        .iter()
        .copied()
        .chain(cover_feature)
        .chain(page_features)
        .chain(features.iter().copied())
    {
        line(
            &mut w,
            "meta",
            &[("property", "schema:accessibilityFeature")],
            f,
        );
    }
    line(
        &mut w,
        "meta",
        &[("property", "schema:accessibilityHazard")],
        "none",
    );
    line(
        &mut w,
        "meta",
        &[("property", "schema:accessibilitySummary")],
        &format!(
            "{} {SUMMARY}{}",
            if cover.is_some() {
                SUMMARY_COVER
            } else {
                SUMMARY_TEXT_ONLY
            },
            if pagination.is_some() {
                SUMMARY_PAGES
            } else {
                ""
            }
        ),
    );
    line(
        &mut w,
        "meta",
        &[("property", "dcterms:conformsTo")],
        CONFORMS_TO,
    );
    w.end();
    w.newline();
    manifest_and_spine(&mut w, items);
    w.end();
    w.finish()
}

fn manifest_and_spine(w: &mut XmlWriter, items: &[ManifestItem]) {
    w.start("manifest", &[]);
    w.newline();
    for item in items {
        let mut attrs = vec![
            ("id", item.id.as_str()),
            ("href", item.href.as_str()),
            ("media-type", item.media_type),
        ];
        if let Some(p) = item.properties {
            attrs.push(("properties", p));
        }
        w.empty("item", &attrs);
        w.newline();
    }
    w.end();
    w.newline();
    let ncx = items
        .iter()
        .find(|i| i.media_type == "application/x-dtbncx+xml");
    match ncx {
        Some(n) => w.start("spine", &[("toc", &n.id)]),
        None => w.start("spine", &[]),
    }
    w.newline();
    for item in items.iter().filter(|i| i.in_spine) {
        w.empty("itemref", &[("idref", &item.id)]);
        w.newline();
    }
    w.end();
    w.newline();
}
