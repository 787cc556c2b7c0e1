//! `texts/<slug>.toml` (a source text: metadata and import recipe) and the front matter
//! of `texts/<slug>.md` (an editorial text: metadata only).

use serde::Deserialize;
use toml::Spanned;

use crate::import::Recipe;
use crate::model::TextMeta;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextConfig {
    pub title: String,
    pub short_title: Option<String>,
    pub subtitle: Option<String>,
    pub author: Option<String>,
    pub publisher: Option<String>,
    pub date: Option<Spanned<String>>,
    pub published_in: Option<String>,
    pub url: Option<String>,
    pub licence: Option<String>,
    pub licence_url: Option<String>,
    pub provenance: Option<String>,
    pub language: Option<String>,
    /// The editors' headnote (Markdown), set under the text's title: who wrote the text,
    /// when and where, its viewpoint, and what the edition did to it.
    pub headnote: Option<Spanned<String>>,
    /// The import recipe; required for `.toml` texts, refused in Markdown front matter.
    pub import: Option<Spanned<Recipe>>,
}

impl TextConfig {
    pub fn meta(&self) -> TextMeta {
        TextMeta {
            title: self.title.clone(),
            short_title: self
                .short_title
                .clone()
                .unwrap_or_else(|| self.title.clone()),
            subtitle: self.subtitle.clone(),
            author: self.author.clone(),
            publisher: self.publisher.clone(),
            date: self.date.as_ref().map(|d| d.get_ref().clone()),
            published_in: self.published_in.clone(),
            url: self.url.clone(),
            licence: self.licence.clone(),
            licence_url: self.licence_url.clone(),
            provenance: self.provenance.clone(),
            language: self.language.clone(),
        }
    }
}
