//! `edition.toml`: the volume's metadata, the order of its texts, output settings.

use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EditionConfig {
    pub title: String,
    pub subtitle: Option<String>,
    pub editors: Vec<String>,
    /// BCP 47 language tag of the volume, e.g. `en`.
    pub language: String,
    /// Stable identifier (`urn:uuid:…`); never generated at build time.
    pub identifier: String,
    /// Date of this edition, `YYYY-MM-DD`; also the EPUB's `dcterms:modified`.
    pub date: Spanned<String>,
    pub publisher: Option<String>,
    pub rights: Option<String>,
    /// How the edition was made, for the colophon (Markdown-free prose).
    pub description: Option<String>,
    /// Slugs of the texts in reading order.
    pub order: Vec<Spanned<String>>,
    #[serde(default)]
    pub output: OutputConfig,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct OutputConfig {
    /// File stem of the outputs: `out/<name>.epub`, `out/<name>-a5.pdf`.
    pub name: Option<Spanned<String>>,
}

/// Whether `name` can be the stem of a file in the output folder: not empty, no path
/// separator, not hidden (`.`, `..`, `.edition-*.tmp` temporaries), no control
/// character, at most 100 characters (so `<name>-booklet.pdf` fits any file system).
pub fn is_plain_file_stem(name: &str) -> bool {
    !name.is_empty()
        && name.chars().count() <= 100
        && !name.starts_with('.')
        && !name.contains(['/', '\\', ':'])
        && !name.chars().any(char::is_control)
}
