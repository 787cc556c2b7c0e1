//! The table of contents as a tree of labelled links, shared by nav.xhtml, toc.ncx and
//! the contents page: documents, then the sections of each text by heading level.

use std::ops::Range;

use super::xhtml::{HeadingRef, text_with_langs};
use super::xml::XmlWriter;
use crate::model::LangTag;

/// One entry of the table of contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NavEntry {
    /// The visible label, never empty.
    pub label: String,
    /// Foreign phrases in the label (a section heading's): byte ranges and languages.
    pub langs: Vec<(Range<usize>, LangTag)>,
    /// A link relative to the package folder: `file.xhtml` or `file.xhtml#b12`.
    pub href: String,
    /// The label's language when it differs from the volume's (a text in Spanish).
    pub lang: Option<String>,
    pub children: Vec<NavEntry>,
}

impl NavEntry {
    pub fn leaf(label: impl Into<String>, href: impl Into<String>) -> NavEntry {
        NavEntry {
            label: label.into(),
            langs: Vec::new(),
            href: href.into(),
            lang: None,
            children: Vec::new(),
        }
    }

    /// Marks this entry and all below it as being in `lang`.
    pub fn set_lang(&mut self, lang: &str) {
        self.lang = Some(lang.to_string());
        self.children.iter_mut().for_each(|c| c.set_lang(lang));
    }

    /// The attributes of a link to this entry: `href`, and the language when marked.
    pub fn link_attrs(&self) -> Vec<(&str, &str)> {
        let mut attrs = vec![("href", self.href.as_str())];
        if let Some(lang) = &self.lang {
            attrs.push(("xml:lang", lang));
            attrs.push(("lang", lang));
        }
        attrs
    }

    /// Writes the link to this entry: `a` with its label, the foreign phrases marked.
    pub fn write_link(&self, w: &mut XmlWriter) {
        w.start("a", &self.link_attrs());
        text_with_langs(w, &self.label, &self.langs);
        w.end();
    }

    /// Depth of the tree below and including this entry.
    pub fn depth(&self) -> usize {
        1 + self.children.iter().map(NavEntry::depth).max().unwrap_or(0)
    }

    /// A copy with at most `levels` levels (1 = this entry only).
    pub fn truncated(&self, levels: usize) -> NavEntry {
        let children = if levels > 1 {
            self.children
                .iter()
                .map(|c| c.truncated(levels - 1))
                .collect()
        } else {
            Vec::new()
        };
        NavEntry {
            label: self.label.clone(),
            langs: self.langs.clone(),
            href: self.href.clone(),
            lang: self.lang.clone(),
            children,
        }
    }
}

/// Nests the headings of one document by level: each heading holds the following
/// headings of a deeper level.
pub fn nest(file: &str, headings: &[HeadingRef]) -> Vec<NavEntry> {
    let mut rest = headings;
    let mut out = Vec::new();
    while let Some((first, tail)) = rest.split_first() {
        let end = tail
            .iter()
            .position(|h| h.level <= first.level)
            .unwrap_or(tail.len());
        let mut entry = NavEntry::leaf(first.label.clone(), format!("{file}#{}", first.id));
        entry.langs = first.langs.clone();
        entry.children = nest(file, &tail[..end]);
        out.push(entry);
        rest = &tail[end..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(level: u8, label: &str) -> HeadingRef {
        HeadingRef {
            level,
            label: label.into(),
            langs: Vec::new(),
            id: format!("b{}", label.len()),
        }
    }

    #[test]
    fn headings_nest_by_level() {
        let tree = nest(
            "t.xhtml",
            &[
                h(2, "A"),
                h(3, "Aa"),
                h(4, "Aaa"),
                h(3, "Abbb"),
                h(2, "Bbbbb"),
            ],
        );
        assert_eq!(tree.len(), 2);
        assert_eq!(tree[0].children.len(), 2);
        assert_eq!(tree[0].children[0].children[0].label, "Aaa");
        assert_eq!(tree[0].children[0].children[0].href, "t.xhtml#b3");
        assert_eq!(tree[1].children, vec![]);
        assert_eq!(tree[0].depth(), 3);
        assert_eq!(tree[0].truncated(2).depth(), 2);
    }
}
