//! The name index: persons of `names.toml` with their occurrences in every text
//! (leftmost-longest whole words, possessives included), sorted on the heading.
//!
//! Must not know: how the index is rendered or paginated.

use unicode_normalization::UnicodeNormalization;

use super::occur::{self, EntryForms, Occurrence, Search, resolve_all};
use super::registry::NamesFile;
use super::resolve::{Anchor, Resolver};
use super::words::MatchOptions;
use crate::diag::{Diagnostic, FileId, Span};
use crate::model::Volume;

/// One heading of the name index.
#[derive(Debug, Clone)]
pub struct IndexEntry {
    /// As printed, surname first: "Pascal Allende, Andrés".
    pub heading: String,
    pub variants: Vec<String>,
    pub about: Option<String>,
    /// Every mention, in reading order.
    pub occurrences: Vec<Occurrence>,
    /// How many `at` anchors of the entry resolved.
    pub anchored: usize,
    /// The `name` key in names.toml.
    pub span: Span,
}

/// The persons of names.toml with their occurrences, sorted by [`sort_key`].
pub fn compute(
    volume: &Volume,
    file: FileId,
    n: &NamesFile,
    resolver: &Resolver,
    diags: &mut Vec<Diagnostic>,
) -> Vec<IndexEntry> {
    let forms: Vec<Vec<&toml::Spanned<String>>> = n
        .person
        .iter()
        .map(|p| p.get_ref().variants.iter().collect())
        .collect();
    let at: Vec<Vec<Anchor>> = n
        .person
        .iter()
        .map(|e| {
            resolve_all(
                e.get_ref().at.iter().map(|a| a.anchor()),
                resolver,
                file,
                diags,
            )
        })
        .collect();
    let entries: Vec<EntryForms> = n
        .person
        .iter()
        .zip(&forms)
        .zip(&at)
        .map(|((p, f), at)| EntryForms {
            forms: f,
            texts: p.get_ref().texts.as_deref(),
            at,
        })
        .collect();
    let skip = resolve_all(n.skip.iter().map(|a| a.anchor()), resolver, file, diags);
    let search = Search {
        matching: MatchOptions { plural_s: false },
        skip: &skip,
    };
    let found = occur::find(volume, &entries, search, file, diags);
    let mut out: Vec<IndexEntry> = n
        .person
        .iter()
        .zip(found)
        .zip(&at)
        .map(|((p, occurrences), at)| {
            let p = p.get_ref();
            IndexEntry {
                heading: p.name.get_ref().clone(),
                variants: p.variants.iter().map(|v| v.get_ref().clone()).collect(),
                about: p.about.clone(),
                occurrences,
                anchored: at.len(),
                span: Span::new(file, p.name.span()),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        sort_key(&a.heading)
            .cmp(&sort_key(&b.heading))
            .then(a.heading.cmp(&b.heading))
    });
    out
}

/// A sort key close to Spanish collation: case and accents ignored (compared only to
/// break ties), ñ a letter of its own after n. To be replaced by icu_collator (locale
/// `es`) when the index is rendered.
pub fn sort_key(heading: &str) -> String {
    let mut key = String::new();
    for c in heading.nfc().flat_map(char::to_lowercase) {
        if c == 'ñ' {
            // After every n-word ("nz…") and before o.
            key.push('n');
            key.push('\u{10FFFF}');
            continue;
        }
        key.extend(
            c.to_string()
                .nfd()
                .filter(|d| d.is_alphanumeric() || *d == ' ' || *d == ','),
        );
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spanish_like_order() {
        let mut v = vec![
            "Ñuñoa, X",
            "Nuñez, A",
            "Álvarez, B",
            "Allende, Salvador",
            "Oyarzún, C",
        ];
        v.sort_by_key(|h| sort_key(h));
        assert_eq!(
            v,
            [
                "Allende, Salvador",
                "Álvarez, B",
                "Nuñez, A",
                "Ñuñoa, X",
                "Oyarzún, C"
            ]
        );
    }
}
