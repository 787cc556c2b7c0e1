//! The colophon: the edition (identifier, date, rights, how it was made) and every
//! text's provenance and licence, with the attribution Creative Commons licences require
//! (title, author, source link, licence link, and that the text was modified).

use super::front::{imprint, join_names, volume_title};
use super::texts::{self, text_label, text_language};
use super::url::safe_url;
use super::xhtml::{Matter, collapse_spaces, finish_document, start_document};
use super::xml::XmlWriter;
use crate::config::display_date;
use crate::model::{Text, TextKind, Volume};

/// The colophon's heading and its label in navigation.
pub const COLOPHON_LABEL: &str = "Colophon";

/// How a text is licensed, as far as the colophon must say more than its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Licence {
    /// A Creative Commons licence requiring attribution; `share_alike` when adaptations
    /// must be shared under the same licence (BY-SA).
    CreativeCommons {
        share_alike: bool,
    },
    Other,
}

fn classify(licence: &str) -> Licence {
    let l = licence.to_ascii_lowercase();
    let cc = l.contains("cc by") || l.contains("cc-by") || l.contains("creative commons");
    let share_alike = l.contains("by-sa")
        || l.contains("sharealike")
        || l.contains("share-alike")
        || l.contains("share alike");
    if cc {
        Licence::CreativeCommons { share_alike }
    } else {
        Licence::Other
    }
}

fn present(s: &Option<String>) -> Option<String> {
    s.as_deref().map(collapse_spaces).filter(|s| !s.is_empty())
}

/// The colophon document.
pub fn colophon(volume: &Volume) -> String {
    let meta = &volume.meta;
    let mut w = start_document(COLOPHON_LABEL, &meta.language, Matter::Front);
    w.start(
        "section",
        &[
            ("epub:type", "colophon"),
            ("role", "doc-colophon"),
            ("class", "colophon"),
            ("aria-labelledby", "colophon-title"),
        ],
    );
    w.newline();
    w.element("h1", &[("id", "colophon-title")], COLOPHON_LABEL);
    w.newline();
    edition(&mut w, volume);
    w.element("h2", &[("id", "sources")], "The texts");
    w.newline();
    for (i, text) in volume.texts.iter().enumerate() {
        source(&mut w, text, i, volume);
    }
    w.end();
    w.newline();
    finish_document(w)
}

fn edition(w: &mut XmlWriter, volume: &Volume) {
    let meta = &volume.meta;
    w.element("h2", &[("id", "edition")], "This edition");
    w.newline();
    let mut line = volume_title(meta);
    if let Some(sub) = present(&meta.subtitle) {
        line = format!("{line}: {sub}");
    }
    let editors = join_names(&meta.editors);
    if !editors.is_empty() {
        line = format!("{line}. Edited by {editors}");
    }
    if let Some(publisher) = imprint(&volume.meta) {
        line = format!("{line}. Published by {publisher}");
    }
    w.element("p", &[("class", "edition")], &format!("{line}."));
    w.newline();
    if let Some(description) = present(&meta.description) {
        w.element("p", &[], &description);
        w.newline();
    }
    w.start("dl", &[("class", "facts")]);
    pair(w, "Identifier", &meta.identifier);
    pair(w, "Edition date", &display_date(&meta.date));
    if let Some(rights) = present(&meta.rights) {
        pair(w, "Rights", &rights);
    }
    w.end();
    w.newline();
}

fn pair(w: &mut XmlWriter, term: &str, value: &str) {
    w.element("dt", &[], term);
    w.element("dd", &[], value);
}

/// A value that is a link when the URL may be one, else text.
fn link_or_text(w: &mut XmlWriter, label: &str, url: Option<&str>) {
    match url.and_then(safe_url) {
        Some(u) => w.element("a", &[("href", u.as_str())], label),
        None => w.text(label),
    }
}

fn source(w: &mut XmlWriter, text: &Text, index: usize, volume: &Volume) {
    let meta = &text.meta;
    let id = format!("source-{}", index + 1);
    let volume_lang = &volume.meta.language;
    let lang = texts::title_language(text, volume_lang).unwrap_or(text_language(text, volume_lang));
    let title = text_label(text);
    w.start("section", &[("class", "credit"), ("aria-labelledby", &id)]);
    w.newline();
    if lang != volume.meta.language {
        w.element(
            "h3",
            &[("id", &id), ("xml:lang", lang), ("lang", lang)],
            &title,
        );
    } else {
        w.element("h3", &[("id", &id)], &title);
    }
    w.newline();
    w.start("dl", &[("class", "facts")]);
    if let Some(author) = present(&meta.author) {
        pair(w, "Author", &author);
    }
    if let Some(place) = present(&meta.published_in) {
        pair(w, "Published in", &place);
    }
    if let Some(publisher) = present(&meta.publisher) {
        pair(w, "Publisher", &publisher);
    }
    if let Some(date) = present(&meta.date) {
        pair(w, "Date", &display_date(&date));
    }
    if let Some(url) = present(&meta.url) {
        w.element("dt", &[], "Source");
        w.start("dd", &[]);
        link_or_text(w, &url, Some(&url));
        w.end();
    }
    match present(&meta.licence) {
        Some(licence) => {
            w.element("dt", &[], "Licence");
            w.start("dd", &[]);
            link_or_text(w, &licence, meta.licence_url.as_deref());
            w.end();
        }
        None if text.kind == TextKind::Editorial => {
            let rights = present(&volume.meta.rights)
                .unwrap_or_else(|| "as the rest of the edition".to_string());
            pair(w, "Licence", &rights);
        }
        None => {}
    }
    if let Some(provenance) = present(&meta.provenance) {
        pair(w, "Provenance", &provenance);
    }
    w.end();
    w.newline();
    match (text.kind, present(&meta.licence).map(|l| classify(&l))) {
        (TextKind::Editorial, _) => {
            w.element(
                "p",
                &[("class", "attribution")],
                "Written by the editors for this edition.",
            );
            w.newline();
        }
        (TextKind::Source, Some(licence @ Licence::CreativeCommons { .. })) => {
            attribution(w, text, &title, licence)
        }
        (TextKind::Source, _) => {}
    }
    w.end();
    w.newline();
}

/// The attribution a Creative Commons licence asks for: “Title” by Author, source link,
/// licence link, what the edition changed, and for ShareAlike that the adapted text is
/// shared under the same licence.
fn attribution(w: &mut XmlWriter, text: &Text, title: &str, terms: Licence) {
    let meta = &text.meta;
    let licence = present(&meta.licence).unwrap_or_default();
    w.start("p", &[("class", "attribution")]);
    w.text("“");
    link_or_text(w, title, meta.url.as_deref());
    w.text("” by ");
    w.text(&present(&meta.author).unwrap_or_else(|| "its authors".to_string()));
    if let Some(place) = present(&meta.published_in).or_else(|| present(&meta.publisher)) {
        w.text(&format!(", from {place}"));
    }
    w.text(", is licensed under ");
    link_or_text(w, &licence, meta.licence_url.as_deref());
    w.text(". This edition adapts it: the text was converted to this format, and material around it that is not part of the work (such as site navigation and page furniture) was removed");
    if !text.notes.is_empty() {
        w.text("; the numbered notes are the editors’ additions");
    }
    w.text(".");
    if terms == (Licence::CreativeCommons { share_alike: true }) {
        w.text(" The adapted text is shared under the same licence, ");
        link_or_text(w, &licence, meta.licence_url.as_deref());
        w.text(".");
    }
    w.end();
    w.newline();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn licences_are_classified() {
        assert_eq!(
            classify("CC BY-SA 4.0"),
            Licence::CreativeCommons { share_alike: true }
        );
        assert_eq!(
            classify("Creative Commons Attribution-ShareAlike 4.0 International"),
            Licence::CreativeCommons { share_alike: true }
        );
        assert_eq!(
            classify("CC BY 4.0"),
            Licence::CreativeCommons { share_alike: false }
        );
        assert_eq!(classify("All rights reserved"), Licence::Other);
    }
}
