//! The name index: persons of `names.toml` with their occurrences in every text
//! (leftmost-longest whole words, possessives included), sorted on the heading.
//!
//! Must not know: how the index is rendered or paginated.

use std::collections::BTreeMap;

use icu_collator::Collator;
use icu_collator::options::CollatorOptions;
use icu_locale_core::locale;

use super::occur::{self, Occurrence, RegistryEntry};
use super::registry::NamesFile;
use super::resolve::Resolver;
use super::words::MatchOptions;
use crate::diag::{Diagnostic, FileId, Span, codes};
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

/// The persons of names.toml with their occurrences, sorted by [`sort`].
pub fn compute(
    volume: &Volume,
    file: FileId,
    n: &NamesFile,
    resolver: &Resolver,
    diags: &mut Vec<Diagnostic>,
) -> Vec<IndexEntry> {
    report_repeated_headings(n, file, diags);
    let entries: Vec<RegistryEntry> = n
        .person
        .iter()
        .map(|p| {
            let p = p.get_ref();
            RegistryEntry {
                forms: p.variants.iter().collect(),
                texts: p.texts.as_deref(),
                at: &p.at,
            }
        })
        .collect();
    let matching = MatchOptions { plural_s: false };
    let found = occur::find_registry(volume, resolver, file, &entries, &n.skip, matching, diags);
    let mut out: Vec<IndexEntry> = n
        .person
        .iter()
        .zip(found)
        .map(|(p, found)| {
            let p = p.get_ref();
            IndexEntry {
                heading: p.name.get_ref().clone(),
                variants: p.variants.iter().map(|v| v.get_ref().clone()).collect(),
                about: p.about.clone(),
                occurrences: found.occurrences,
                anchored: found.anchored,
                span: Span::new(file, p.name.span()),
            }
        })
        .collect();
    sort(&mut out);
    out
}

/// Two `[[person]]` entries with one heading would print as two identical lines of the
/// index: each person is listed once, homonyms told apart by their heading.
fn report_repeated_headings(n: &NamesFile, file: FileId, diags: &mut Vec<Diagnostic>) {
    let mut first: BTreeMap<&str, Span> = BTreeMap::new();
    for p in &n.person {
        let name = &p.get_ref().name;
        let span = Span::new(file, name.span());
        match first.get(name.get_ref().as_str()) {
            Some(&earlier) => diags.push(
                Diagnostic::new(
                    codes::PERSON_TWICE,
                    format!("“{}” is listed twice in the name index", name.get_ref()),
                )
                .at(span)
                .label(earlier, "first listed here"),
            ),
            None => {
                first.insert(name.get_ref(), span);
            }
        }
    }
}

/// Sorts index entries on their headings with Spanish collation (CLDR `es`, from
/// icu_collator's compiled data): case and accents only break ties, ñ is a letter of its
/// own after n, so "Álvarez" sorts with the A's and "Ñancupil" after "Nuñez".
pub fn sort(entries: &mut [IndexEntry]) {
    let headings: Vec<&str> = entries.iter().map(|e| e.heading.as_str()).collect();
    let order = collation_order(&headings);
    let mut sorted: Vec<IndexEntry> = order.iter().map(|&k| entries[k].clone()).collect();
    entries.swap_with_slice(&mut sorted);
}

/// The indices of `words` in Spanish collation order (ties: by bytes, then position).
pub fn collation_order(words: &[&str]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..words.len()).collect();
    match Collator::try_new(locale!("es").into(), CollatorOptions::default()) {
        Ok(c) => order.sort_by(|&a, &b| c.compare(words[a], words[b]).then(words[a].cmp(words[b]))),
        // Compiled data cannot be missing; should it ever be, bytes still give an order.
        Err(_) => order.sort_by(|&a, &b| words[a].cmp(words[b])),
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spanish_collation() {
        let v = [
            "Ñuñoa, X",
            "Nuñez, A",
            "Oyarzún, C",
            "Álvarez, B",
            "Allende, Salvador",
            "Nz",
        ];
        let sorted: Vec<&str> = collation_order(&v).into_iter().map(|k| v[k]).collect();
        assert_eq!(
            sorted,
            [
                "Allende, Salvador",
                "Álvarez, B",
                "Nuñez, A",
                "Nz",
                "Ñuñoa, X",
                "Oyarzún, C"
            ]
        );
    }
}
