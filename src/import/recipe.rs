//! The import recipe: the `[import]` table of `texts/<slug>.toml`.

use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recipe {
    /// The raw text, relative to the manuscript folder (`sources/…`).
    pub source: Spanned<String>,
}
