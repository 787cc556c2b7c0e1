//! The shell of every XHTML document: XML declaration, doctype, `html` with the
//! language as `xml:lang` and `lang`, the title, the stylesheet link, and `body` with
//! the part of the book it belongs to; and the marking of a language inside a document.

use std::ops::Range;

use super::STYLESHEET_FILE;
use super::xml::XmlWriter;
use crate::model::LangTag;

/// XHTML documents of EPUB 3 use the HTML doctype.
const DOCTYPE: &str = "<!DOCTYPE html>";

/// Which part of the book a document belongs to (`epub:type` of its `body`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Matter {
    Front,
    Body,
    Back,
}

impl Matter {
    fn epub_type(self) -> &'static str {
        match self {
            Matter::Front => "frontmatter",
            Matter::Body => "bodymatter",
            Matter::Back => "backmatter",
        }
    }
}

/// Opens an XHTML document up to and including `<body>`; close it with
/// [`finish_document`].
pub fn start_document(title: &str, lang: &str, matter: Matter) -> XmlWriter {
    start_document_with(title, None, lang, matter)
}

/// [`start_document`] for a title in another language than the document's (`title_lang`).
pub fn start_document_with(
    title: &str,
    title_lang: Option<&str>,
    lang: &str,
    matter: Matter,
) -> XmlWriter {
    let mut w = XmlWriter::new(Some(DOCTYPE));
    let [xml_lang, html_lang] = lang_attrs(lang);
    w.start(
        "html",
        &[
            ("xmlns", "http://www.w3.org/1999/xhtml"),
            ("xmlns:epub", "http://www.idpf.org/2007/ops"),
            xml_lang,
            html_lang,
        ],
    );
    w.newline();
    w.start("head", &[]);
    w.empty("meta", &[("charset", "utf-8")]);
    match title_lang {
        Some(l) => w.element("title", &lang_attrs(l), title),
        None => w.element("title", &[], title),
    }
    w.empty(
        "link",
        &[
            ("rel", "stylesheet"),
            ("type", "text/css"),
            ("href", STYLESHEET_FILE),
        ],
    );
    w.end();
    w.newline();
    w.start("body", &[("epub:type", matter.epub_type())]);
    w.newline();
    w
}

/// Closes `body` and `html` and returns the document.
pub fn finish_document(mut w: XmlWriter) -> String {
    w.end();
    w.newline();
    w.end();
    w.finish()
}

/// The attributes that mark an element's language: XHTML read as XML takes `xml:lang`,
/// as HTML `lang`; EPUB wants both, equal.
pub fn lang_attrs(lang: &str) -> [(&'static str, &str); 2] {
    [("xml:lang", lang), ("lang", lang)]
}

/// Writes `text` with its foreign phrases (`langs`, byte ranges in order) as spans
/// marked with their language.
pub fn text_with_langs(w: &mut XmlWriter, text: &str, langs: &[(Range<usize>, LangTag)]) {
    let mut at = 0;
    for (range, lang) in langs {
        let Some(phrase) = text.get(range.clone()).filter(|_| range.start >= at) else {
            continue;
        };
        w.text(&text[at..range.start]);
        w.element("span", &lang_attrs(lang.as_str()), phrase);
        at = range.end;
    }
    w.text(&text[at..]);
}
