//! The glossary as a part of the back matter: every acronym of glossary.toml in
//! alphabetical order (Spanish collation, case ignored), with its aliases, expansion and
//! language, English form, description, every use, and the first use in each text.
//!
//! Must not know: XHTML, fonts, pages.

use super::Locator;
use crate::apparatus::GlossaryEntry;
use crate::apparatus::names::collation_order;
use crate::model::LangTag;

/// The glossary part.
#[derive(Debug, Clone)]
pub struct GlossaryPart {
    pub terms: Vec<GlossaryTerm>,
}

/// One acronym.
#[derive(Debug, Clone)]
pub struct GlossaryTerm {
    /// Position in the part: the term's stable key (ids, links).
    pub key: usize,
    pub short: String,
    pub aliases: Vec<String>,
    /// The expansion in its own language, and that language's BCP 47 tag.
    pub expansion: String,
    pub lang: Option<LangTag>,
    pub english: Option<String>,
    pub about: Option<String>,
    /// Every use in the texts, in reading order.
    pub uses: Vec<Locator>,
    /// The first use in each text, in reading order of the texts.
    pub first_uses: Vec<Locator>,
}

impl GlossaryTerm {
    /// What a reader needs at the acronym itself: "Unidad Popular (Popular Unity)", the
    /// expansion alone when no English form is given or it is the same.
    pub fn gloss(&self) -> String {
        match self.english.as_deref().map(str::trim) {
            Some(e) if !e.is_empty() && e != self.expansion.trim() => {
                format!("{} ({e})", self.expansion.trim())
            }
            _ => self.expansion.trim().to_string(),
        }
    }
}

/// The glossary of `entries`, or `None` when there are none.
pub fn part(entries: &[GlossaryEntry]) -> Option<GlossaryPart> {
    if entries.is_empty() {
        return None;
    }
    let shorts: Vec<&str> = entries.iter().map(|e| e.short.as_str()).collect();
    let terms = collation_order(&shorts)
        .into_iter()
        .enumerate()
        .map(|(key, k)| {
            let e = &entries[k];
            GlossaryTerm {
                key,
                short: e.short.clone(),
                aliases: e.aliases.clone(),
                expansion: e.expansion.clone(),
                lang: e.lang.clone(),
                english: e.english.clone(),
                about: e.about.clone(),
                uses: e.occurrences.clone(),
                first_uses: e.first_per_text().into_iter().cloned().collect(),
            }
        })
        .collect();
    Some(GlossaryPart { terms })
}
