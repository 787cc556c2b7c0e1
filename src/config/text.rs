//! `texts/<slug>.toml` (a source text: metadata and import recipe) and the front matter
//! of `texts/<slug>.md` (an editorial text: metadata only).

use serde::Deserialize;
use toml::Spanned;

use crate::import::Recipe;
use crate::model::{LangTag, TextMeta};

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
    /// Language of the text, when it differs from the volume's (a BCP 47 tag).
    pub language: Option<Spanned<String>>,
    /// Language of the title (and short title), when it differs from the text's.
    pub title_language: Option<Spanned<String>>,
    /// Language of the subtitle, when it differs from the text's.
    pub subtitle_language: Option<Spanned<String>>,
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
            language: tag(&self.language),
            title_language: tag(&self.title_language),
            subtitle_language: tag(&self.subtitle_language),
        }
    }

    /// The language keys as written, with their names: checked when the text is read.
    pub fn language_keys(&self) -> [(&'static str, Option<&Spanned<String>>); 3] {
        [
            ("language", self.language.as_ref()),
            ("title_language", self.title_language.as_ref()),
            ("subtitle_language", self.subtitle_language.as_ref()),
        ]
    }
}

/// A language key's tag; one that is no tag is reported when the text is read (E115).
fn tag(key: &Option<Spanned<String>>) -> Option<LangTag> {
    key.as_ref().and_then(|k| LangTag::parse(k.get_ref()).ok())
}
