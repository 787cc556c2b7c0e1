//! One XHTML document per text: its title as `h1`, the author and source lines, the
//! body, and its notes at the foot as pop-up footnotes (each after its call in reading
//! order, the backlink first).

use std::collections::BTreeSet;

use super::outline::{NavEntry, nest};
use super::xhtml::{BodyWriter, Matter, call_id, collapse_spaces, finish_document, start_document};
use super::xml::XmlWriter;
use crate::diag::Diagnostic;
use crate::model::{Note, NoteId, Text, TextKind};

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
    text.meta.language.as_deref().unwrap_or(volume_language)
}

/// Writes `text` as the document `file`.
pub fn text_document(
    text: &Text,
    file: &str,
    volume_language: &str,
) -> Result<TextDocument, Diagnostic> {
    let label = text_label(text);
    let mut w = start_document(&label, text_language(text, volume_language), Matter::Body);
    w.start(
        "section",
        &[
            ("epub:type", "chapter"),
            ("role", "doc-chapter"),
            ("aria-labelledby", TITLE_ID),
        ],
    );
    w.newline();
    header(&mut w, text, &label);
    let mut body = BodyWriter::new(&mut w, &text.notes, BTreeSet::new());
    body.blocks(&text.blocks)?;
    let (called, headings) = body.into_parts();
    w.end();
    w.newline();
    if !text.notes.is_empty() {
        notes(&mut w, &text.notes, called)?;
    }
    Ok(TextDocument {
        xhtml: finish_document(w),
        label,
        sections: nest(file, &headings),
    })
}

/// Title, subtitle, author, and for a source where and when it was published.
fn header(w: &mut XmlWriter, text: &Text, label: &str) {
    let meta = &text.meta;
    w.start("header", &[]);
    w.newline();
    w.element("h1", &[("id", TITLE_ID)], label);
    w.newline();
    if let Some(sub) = meta
        .subtitle
        .as_deref()
        .map(collapse_spaces)
        .filter(|s| !s.is_empty())
    {
        w.element("p", &[("class", "subtitle")], &sub);
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
            w.element("p", &[("class", "source")], &line);
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
    for part in [&meta.published_in, &meta.publisher, &meta.date] {
        if let Some(p) = part
            .as_deref()
            .map(collapse_spaces)
            .filter(|p| !p.is_empty())
        {
            if !parts.contains(&p) {
                parts.push(p);
            }
        }
    }
    parts.join(", ")
}

/// The notes of a text, after the body (so after every call): one `aside` each, whose
/// first element is the backlink to the call.
fn notes(
    w: &mut XmlWriter,
    notes: &[Note],
    mut called: BTreeSet<NoteId>,
) -> Result<(), Diagnostic> {
    w.start(
        "section",
        &[
            ("class", "notes"),
            ("epub:type", "footnotes"),
            ("aria-label", "Notes"),
        ],
    );
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
        let mut body = BodyWriter::new(w, notes, called);
        body.blocks(&note.blocks)?;
        called = body.into_parts().0;
        w.end();
        w.newline();
    }
    w.end();
    w.newline();
    Ok(())
}
