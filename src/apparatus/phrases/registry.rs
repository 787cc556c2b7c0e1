//! `phrases.toml` as strict serde types with spans: the foreign-language phrases and
//! titles of works the texts use, grouped by language, and the passages where a phrase
//! is no foreign phrase. Parsing only.

use serde::Deserialize;
use toml::Spanned;

use crate::apparatus::registry::AtAnchor;

/// `phrases.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhrasesFile {
    #[serde(default)]
    pub language: Vec<LanguageEntry>,
    /// Passages of the texts where a phrase is no foreign phrase (an English word
    /// spelt like a listed one).
    #[serde(default)]
    pub skip: Vec<AtAnchor>,
}

/// `[[language]]`: the phrases and titles of one language.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageEntry {
    /// BCP 47 tag (`es`, `es-CL`, `fr`).
    pub lang: Spanned<String>,
    /// Words and phrases, found in any case ("cordones industriales" finds "Cordones
    /// Industriales" too).
    #[serde(default)]
    pub phrases: Vec<Spanned<String>>,
    /// Titles of works and names of periodicals, found exactly as written.
    #[serde(default)]
    pub titles: Vec<Spanned<String>>,
}
