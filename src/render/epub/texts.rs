//! One XHTML document per text: its title as `h1`, the author and source lines, the
//! body, and its notes at the foot as pop-up footnotes (each after its call in reading
//! order, the backlink first).

use std::collections::BTreeSet;

use super::outline::{NavEntry, nest};
use super::pages::{PageMarks, write_marker};
use super::spots::Spots;
use super::xhtml::{
    BodyWriter, Matter, call_id, collapse_spaces, finish_document, lang_attrs, start_document_with,
};
use super::xml::XmlWriter;
use crate::config::display_date;
use crate::diag::Diagnostic;
use crate::model::{Block, BlockId, BlockKind, LangTag, Note, NoteId, Text, TextKind};

/// The id of a text's `h1`, the target of links to the text as a whole.
pub const TITLE_ID: &str = "title";

/// A text written as a content document.
#[derive(Debug, Clone)]
pub struct TextDocument {
    pub xhtml: String,
    /// The text's title as shown in navigation.
    pub label: String,
    /// Its sections, nested, with links into `file`.
    pub sections: Vec<NavEntry>,
    /// Labels of the print pages whose markers it holds, in order.
    pub pages: Vec<String>,
}

/// The first block of `blocks` that holds text (descending into quotations and lists).
fn first_leaf(blocks: &[Block]) -> Option<BlockId> {
    let first = blocks.first()?;
    match &first.kind {
        BlockKind::Quote(inner) => first_leaf(inner),
        BlockKind::List { items, .. } => items.first().and_then(|i| first_leaf(i)),
        _ => Some(first.id),
    }
}

/// The title of a text as shown, never empty (the slug stands in for a missing title).
pub fn text_label(text: &Text) -> String {
    let title = collapse_spaces(&text.meta.title);
    if title.is_empty() {
        text.id.to_string()
    } else {
        title
    }
}

/// The language of a text: its own when the manuscript gives one, else the volume's.
pub fn text_language<'a>(text: &'a Text, volume_language: &'a str) -> &'a str {
    text.meta
        .language
        .as_ref()
        .map_or(volume_language, |l| l.as_str())
}

/// The language of a text's title when it is not that of its document.
pub fn title_language<'a>(text: &'a Text, volume_language: &str) -> Option<&'a str> {
    own_language(&text.meta.title_language, text, volume_language)
}

/// The language of a text's subtitle when it is not that of its document.
fn subtitle_language<'a>(text: &'a Text, volume_language: &str) -> Option<&'a str> {
    own_language(&text.meta.subtitle_language, text, volume_language)
}

fn own_language<'a>(
    lang: &'a Option<LangTag>,
    text: &Text,
    volume_language: &str,
) -> Option<&'a str> {
    let lang = lang.as_ref()?.as_str();
    (lang != text_language(text, volume_language)).then_some(lang)
}

/// Writes `text` as the document `file`, with the markers of the print pages in
/// `marks` and the back matter's `spots` (ids, acronyms).
pub fn text_document(
    text: &Text,
    file: &str,
    volume_language: &str,
    mut marks: PageMarks,
    spots: Spots,
) -> Result<TextDocument, Diagnostic> {
    let label = text_label(text);
    let doc_lang = text_language(text, volume_language);
    let title_lang = title_language(text, volume_language);
    let mut w = start_document_with(&label, title_lang, doc_lang, Matter::Body);
    w.start(
        "section",
        &[
            ("epub:type", "chapter"),
            ("role", "doc-chapter"),
            ("aria-labelledby", TITLE_ID),
        ],
    );
    w.newline();
    // A page that begins with the text begins with its title.
    let mut pages = Vec::new();
    let first = first_leaf(&text.headnote).or_else(|| first_leaf(&text.blocks));
    for mark in first.map(|b| marks.take_opening(b)).unwrap_or_default() {
        write_marker(&mut w, &mark.label);
        pages.push(mark.label);
    }
    header(&mut w, text, &label, volume_language);
    let mut body = BodyWriter::new(&mut w, &text.notes, BTreeSet::new())
        .with_marks(marks)
        .with_spots(spots);
    body.headnote(&text.headnote)?;
    body.blocks(&text.blocks)?;
    let parts = body.into_parts();
    pages.extend(parts.pages);
    w.end();
    w.newline();
    if !text.notes.is_empty() {
        // The notes of a source are the editors' words, in the volume's language; an
        // editorial text's footnotes are in its own.
        let notes_lang = match text.kind {
            TextKind::Source => volume_language,
            TextKind::Editorial => text_language(text, volume_language),
        };
        let lang = (notes_lang != text_language(text, volume_language)).then_some(notes_lang);
        pages.extend(notes(&mut w, &text.notes, parts.called, parts.marks, lang)?);
    }
    Ok(TextDocument {
        xhtml: finish_document(w),
        label,
        sections: nest(file, &parts.headings),
        pages,
    })
}

/// Title, subtitle, author, and for a source where and when it was published.
fn header(w: &mut XmlWriter, text: &Text, label: &str, volume_language: &str) {
    let meta = &text.meta;
    w.start("header", &[]);
    w.newline();
    let mut attrs = vec![("id", TITLE_ID)];
    attrs.extend(
        title_language(text, volume_language)
            .map(lang_attrs)
            .into_iter()
            .flatten(),
    );
    w.element("h1", &attrs, label);
    w.newline();
    if let Some(sub) = meta
        .subtitle
        .as_deref()
        .map(collapse_spaces)
        .filter(|s| !s.is_empty())
    {
        let mut attrs = vec![("class", "subtitle")];
        let own = subtitle_language(text, volume_language);
        attrs.extend(own.map(lang_attrs).into_iter().flatten());
        w.element("p", &attrs, &sub);
        w.newline();
    }
    if let Some(author) = meta
        .author
        .as_deref()
        .map(collapse_spaces)
        .filter(|s| !s.is_empty())
    {
        w.element("p", &[("class", "byline")], &author);
        w.newline();
    }
    if text.kind == TextKind::Source {
        let line = source_line(text);
        if !line.is_empty() {
            // The line is the edition's description (dates in English), not the text's.
            let mut attrs = vec![("class", "source")];
            if text_language(text, volume_language) != volume_language {
                attrs.push(("xml:lang", volume_language));
                attrs.push(("lang", volume_language));
            }
            w.element("p", &attrs, &line);
            w.newline();
        }
    }
    w.end();
    w.newline();
}

/// "Published in, publisher, date" of a source, each part when known.
pub fn source_line(text: &Text) -> String {
    let meta = &text.meta;
    let mut parts: Vec<String> = Vec::new();
    let date = meta.date.as_deref().map(display_date);
    for part in [&meta.published_in, &meta.publisher, &date] {
        if let Some(p) = part
            .as_deref()
            .map(collapse_spaces)
            .filter(|p| !p.is_empty())
            && !parts.contains(&p)
        {
            parts.push(p);
        }
    }
    parts.join(", ")
}

/// The notes of a text, after the body (so after every call): one `aside` each, whose
/// first element is the backlink to the call.
/// `lang` marks the notes when their language differs from the document's.
fn notes(
    w: &mut XmlWriter,
    notes: &[Note],
    mut called: BTreeSet<NoteId>,
    mut marks: PageMarks,
    lang: Option<&str>,
) -> Result<Vec<String>, Diagnostic> {
    let mut pages = Vec::new();
    let mut attrs = vec![
        ("class", "notes"),
        ("epub:type", "footnotes"),
        ("aria-label", "Notes"),
    ];
    if let Some(lang) = lang {
        attrs.push(("xml:lang", lang));
        attrs.push(("lang", lang));
    }
    w.start("section", &attrs);
    w.newline();
    for note in notes {
        let id = note.id.to_string();
        w.start(
            "aside",
            &[
                ("epub:type", "footnote"),
                ("role", "doc-footnote"),
                ("id", &id),
                ("class", "note"),
            ],
        );
        let back = format!("#{}", call_id(note.id));
        w.element(
            "a",
            &[
                ("class", "backlink"),
                ("role", "doc-backlink"),
                ("href", &back),
            ],
            &format!("{}.", note.number),
        );
        w.newline();
        let mut body = BodyWriter::new(w, notes, called).with_marks(marks);
        body.blocks(&note.blocks)?;
        let parts = body.into_parts();
        (called, marks) = (parts.called, parts.marks);
        pages.extend(parts.pages);
        w.end();
        w.newline();
    }
    w.end();
    w.newline();
    Ok(pages)
}
