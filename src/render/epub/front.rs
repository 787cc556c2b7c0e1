//! Front matter documents: the typographic title page and the human-readable contents
//! page of the spine.

use super::outline::NavEntry;
use super::xhtml::{Matter, collapse_spaces, finish_document, start_document};
use super::xml::XmlWriter;
use crate::model::VolumeMeta;

/// The heading of the contents page (the volume's language is English for now; the
/// label would follow `VolumeMeta::language` once editions in other languages exist).
pub const CONTENTS_LABEL: &str = "Contents";

/// The label of the title page in landmarks.
pub const TITLE_PAGE_LABEL: &str = "Title Page";

/// "A", "A and B", "A, B and C".
pub fn join_names(names: &[String]) -> String {
    let names: Vec<String> = names
        .iter()
        .map(|n| collapse_spaces(n))
        .filter(|n| !n.is_empty())
        .collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The volume's title as shown, never empty.
pub fn volume_title(meta: &VolumeMeta) -> String {
    let t = collapse_spaces(&meta.title);
    if t.is_empty() {
        meta.identifier.clone()
    } else {
        t
    }
}

/// The publisher as an imprint: named when it is not the editors themselves (who
/// are named already as editors).
pub fn imprint(meta: &VolumeMeta) -> Option<String> {
    let publisher = collapse_spaces(meta.publisher.as_deref().unwrap_or(""));
    (!publisher.is_empty() && publisher != join_names(&meta.editors)).then_some(publisher)
}

/// The title page: title, subtitle, editors and publisher, set as a title page is.
pub fn title_page(meta: &VolumeMeta) -> String {
    let title = volume_title(meta);
    let mut w = start_document(&title, &meta.language, Matter::Front);
    w.start(
        "section",
        &[
            ("epub:type", "titlepage"),
            ("class", "titlepage"),
            ("aria-labelledby", "volume-title"),
        ],
    );
    w.newline();
    w.element(
        "h1",
        &[("id", "volume-title"), ("class", "volume-title")],
        &title,
    );
    w.newline();
    if let Some(sub) = meta
        .subtitle
        .as_deref()
        .map(collapse_spaces)
        .filter(|s| !s.is_empty())
    {
        w.element("p", &[("class", "volume-subtitle")], &sub);
        w.newline();
    }
    let editors = join_names(&meta.editors);
    if !editors.is_empty() {
        w.start("p", &[("class", "editors")]);
        w.element("span", &[("class", "edited-by")], "Edited by");
        w.empty("br", &[]);
        w.text(&editors);
        w.end();
        w.newline();
    }
    if let Some(publisher) = imprint(meta) {
        w.element("p", &[("class", "publisher")], &publisher);
        w.newline();
    }
    w.end();
    w.newline();
    finish_document(w)
}

/// One line of the contents page: a text with its author.
#[derive(Debug, Clone)]
pub struct ContentsLine {
    pub entry: NavEntry,
    pub author: Option<String>,
}

/// The contents page: each text with its author, and its sections down to `depth`
/// levels below the text (0: texts only).
pub fn contents_page(meta: &VolumeMeta, lines: &[ContentsLine], depth: usize) -> String {
    let mut w = start_document(CONTENTS_LABEL, &meta.language, Matter::Front);
    w.start(
        "nav",
        &[
            ("role", "doc-toc"),
            ("class", "contents"),
            ("aria-labelledby", "contents-title"),
        ],
    );
    w.newline();
    w.element("h1", &[("id", "contents-title")], CONTENTS_LABEL);
    w.newline();
    w.start("ol", &[("class", "contents")]);
    w.newline();
    for line in lines {
        w.start("li", &[]);
        line.entry.write_link(&mut w);
        if let Some(author) = line
            .author
            .as_deref()
            .map(collapse_spaces)
            .filter(|a| !a.is_empty())
        {
            w.empty("br", &[]);
            w.element("span", &[("class", "contents-author")], &author);
        }
        if depth > 0 {
            let children: Vec<NavEntry> = line
                .entry
                .children
                .iter()
                .map(|c| c.truncated(depth))
                .collect();
            entries(&mut w, &children);
        }
        w.end();
        w.newline();
    }
    w.end();
    w.newline();
    w.end();
    w.newline();
    finish_document(w)
}

/// A nested list of sections, or nothing when there are none (an empty `ol` is invalid).
fn entries(w: &mut XmlWriter, list: &[NavEntry]) {
    if list.is_empty() {
        return;
    }
    w.start("ol", &[]);
    for e in list {
        w.start("li", &[]);
        e.write_link(w);
        entries(w, &e.children);
        w.end();
    }
    w.end();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_joined_as_in_prose() {
        let n = |v: &[&str]| join_names(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(n(&[]), "");
        assert_eq!(n(&["Ana"]), "Ana");
        assert_eq!(n(&["Ana", "Bo"]), "Ana and Bo");
        assert_eq!(n(&["Ana", " ", "Bo", "Cy"]), "Ana, Bo and Cy");
    }
}
