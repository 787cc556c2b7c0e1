//! The glossary of acronyms: entries of `glossary.toml` with their occurrences in every
//! text, in alphabetical order; and its coverage: acronym-like words no entry covers,
//! entries no text uses.
//!
//! Must not know: how the glossary is rendered.

use std::collections::BTreeSet;
use std::ops::Range;

use super::occur::{self, Occurrence, RegistryEntry};
use super::registry::GlossaryFile;
use super::resolve::Resolver;
use super::words::MatchOptions;
use crate::diag::{Diagnostic, FileId, Span, codes};
use crate::model::{LangTag, TextId, Volume};

/// One acronym of the glossary with everything the outputs need.
#[derive(Debug, Clone)]
pub struct GlossaryEntry {
    pub short: String,
    pub aliases: Vec<String>,
    /// Expansion in the original language.
    pub expansion: String,
    /// Language of the expansion.
    pub lang: Option<LangTag>,
    pub english: Option<String>,
    pub about: Option<String>,
    /// Every use in the texts, in reading order.
    pub occurrences: Vec<Occurrence>,
    /// How many `at` anchors of the entry resolved.
    pub anchored: usize,
    /// The `short` key in glossary.toml.
    pub span: Span,
}

impl GlossaryEntry {
    /// The first use in each text, in reading order (the EPUB links these).
    pub fn first_per_text(&self) -> Vec<&Occurrence> {
        let mut seen = BTreeSet::new();
        self.occurrences
            .iter()
            .filter(|o| seen.insert(o.text.clone()))
            .collect()
    }
}

/// A word that looks like an entry of a registry but is in none.
#[derive(Debug, Clone)]
pub struct Uncovered {
    pub word: String,
    pub count: usize,
    /// The texts it occurs in, in reading order.
    pub texts: Vec<TextId>,
    /// Its first occurrence.
    pub first: Occurrence,
}

/// The entries of glossary.toml with their occurrences, sorted by short form
/// (case-insensitively, then as written).
pub fn compute(
    volume: &Volume,
    file: FileId,
    g: &GlossaryFile,
    resolver: &Resolver,
    diags: &mut Vec<Diagnostic>,
) -> Vec<GlossaryEntry> {
    let entries: Vec<RegistryEntry> = g
        .acronym
        .iter()
        .map(|a| {
            let a = a.get_ref();
            RegistryEntry {
                forms: std::iter::once(&a.short).chain(&a.aliases).collect(),
                texts: a.texts.as_deref(),
                at: &a.at,
            }
        })
        .collect();
    let matching = MatchOptions { plural_s: true };
    let found = occur::find_registry(volume, resolver, file, &entries, &g.skip, matching, diags);
    let mut out: Vec<GlossaryEntry> = g
        .acronym
        .iter()
        .zip(found)
        .map(|(a, found)| {
            let a = a.get_ref();
            GlossaryEntry {
                short: a.short.get_ref().clone(),
                aliases: a.aliases.iter().map(|s| s.get_ref().clone()).collect(),
                expansion: a.expansion.clone(),
                lang: a.lang.as_ref().and_then(|l| lang_tag(l, file, diags)),
                english: a.english.clone(),
                about: a.about.clone(),
                occurrences: found.occurrences,
                anchored: found.anchored,
                span: Span::new(file, a.short.span()),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        a.short
            .to_lowercase()
            .cmp(&b.short.to_lowercase())
            .then(a.short.cmp(&b.short))
    });
    out
}

/// The language tag of a `lang` key, or `None` with E115 when it is no tag.
pub fn lang_tag(
    key: &toml::Spanned<String>,
    file: FileId,
    diags: &mut Vec<Diagnostic>,
) -> Option<LangTag> {
    LangTag::parse(key.get_ref())
        .map_err(|message| {
            let message = format!("`lang`: {message}");
            diags.push(Diagnostic::new(codes::LANG_TAG, message).at(Span::new(file, key.span())));
        })
        .ok()
}

/// Acronym-like words (two or more capitals, optionally digits and inner hyphens, maybe a
/// plural `s`) that no glossary occurrence covers, most frequent first.
/// `ignore`: words the editor declared not to be acronyms.
pub fn uncovered(
    volume: &Volume,
    glossary: &[GlossaryEntry],
    ignore: &BTreeSet<String>,
) -> Vec<Uncovered> {
    let occurrences = glossary.iter().flat_map(|e| &e.occurrences);
    super::coverage::uncovered(volume, occurrences, ignore, acronym_words)
}

/// The acronym-like words of `s`: byte ranges without a plural `s`.
pub fn acronym_words(s: &str) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let at = |k: usize| chars.get(k).map(|(_, c)| *c);
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k].1;
        let starts = c.is_uppercase() && !(k > 0 && chars[k - 1].1.is_alphanumeric());
        if !starts {
            k += 1;
            continue;
        }
        let mut e = k;
        let mut capitals = 0;
        loop {
            match at(e) {
                Some(c) if c.is_uppercase() => capitals += 1,
                Some(c) if c.is_ascii_digit() => {}
                Some('-') if at(e + 1).is_some_and(|n| n.is_uppercase() || n.is_ascii_digit()) => {}
                _ => break,
            }
            e += 1;
        }
        // A lower-case letter right after: a plural `s` ends the word, anything else
        // makes it an ordinary capitalised word ("McCarthy", "USec").
        let next = at(e);
        let plural = next == Some('s') && !at(e + 1).is_some_and(char::is_alphanumeric);
        let mixed = next.is_some_and(char::is_alphanumeric) && !plural;
        let word: String = chars[k..e].iter().map(|(_, c)| *c).collect();
        if capitals >= 2 && !mixed && !is_roman_numeral(&word) {
            let end = chars.get(e).map_or(s.len(), |(i, _)| *i);
            out.push(chars[k].0..end);
        }
        k = e.max(k + 1);
    }
    out
}

/// "II", "XX", "VIII": numerals in names of wars, congresses and centuries, not acronyms.
/// Only I, V and X count: the numerals the texts use stay below XL, while "CL", "CD" and
/// "LM" are the initials of bodies (Communist League, Christian Democrats, Lucha Marxista).
fn is_roman_numeral(w: &str) -> bool {
    w.chars().all(|c| "IVX".contains(c))
}

#[cfg(test)]
mod tests {
    use super::acronym_words;

    #[test]
    fn acronym_like_words() {
        let s = "The MIR's JAPs, POI-CI, G7 and World War II; McCarthy, A, Chile, FTAA-2.";
        let found: Vec<&str> = acronym_words(s).into_iter().map(|r| &s[r]).collect();
        assert_eq!(found, ["MIR", "JAP", "POI-CI", "FTAA-2"]);
        let s = "The CL, the CD and LM; the XXI century, the IV International.";
        let found: Vec<&str> = acronym_words(s).into_iter().map(|r| &s[r]).collect();
        assert_eq!(found, ["CL", "CD", "LM"]);
    }
}
