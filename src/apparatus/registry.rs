//! The apparatus files of the manuscript as strict serde types with spans:
//! `notes.toml` (notes and emendations), `glossary.toml` (acronyms), `names.toml`
//! (persons); `chronology.toml` has its types in `chronology::registry`, `phrases.toml`
//! in `phrases`. Parsing only;
//! the loader reads the files and hands their text in.
//!
//! Must not know: the model, how anchors are resolved.

use serde::Deserialize;
use toml::Spanned;

use crate::config::parse_toml;
use crate::diag::{Diagnostic, FileId};

/// The keys every anchored entry shares (written out in each entry, since serde's
/// `flatten` cannot be combined with `deny_unknown_fields`).
#[derive(Debug, Clone, Copy)]
pub struct AnchorKeys<'a> {
    pub text: &'a Spanned<String>,
    pub quote: &'a Spanned<String>,
    pub before: Option<&'a Spanned<String>>,
    pub after: Option<&'a Spanned<String>>,
}

/// `anchor()` for the entries that carry the anchor keys as fields of their own.
macro_rules! anchored {
    ($($entry:ty),*) => {$(
        impl $entry {
            pub fn anchor(&self) -> AnchorKeys<'_> {
                AnchorKeys {
                    text: &self.text,
                    quote: &self.quote,
                    before: self.before.as_ref(),
                    after: self.after.as_ref(),
                }
            }
        }
    )*};
}

anchored!(NoteEntry, EmendationEntry, AtAnchor);

/// `notes.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotesFile {
    #[serde(default)]
    pub note: Vec<Spanned<NoteEntry>>,
    #[serde(default)]
    pub emendation: Vec<Spanned<EmendationEntry>>,
}

/// `[[note]]`: an editorial note called at the end of its quotation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoteEntry {
    /// Implied by the file name in `notes/<slug>.toml` (see `note_files`).
    #[serde(default = "implied_text")]
    pub text: Spanned<String>,
    pub quote: Spanned<String>,
    pub before: Option<Spanned<String>>,
    pub after: Option<Spanned<String>>,
    /// Markdown.
    pub body: Spanned<String>,
}

/// `[[emendation]]`: the quoted words of a source replaced by `correct`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmendationEntry {
    #[serde(default = "implied_text")]
    pub text: Spanned<String>,
    pub quote: Spanned<String>,
    pub before: Option<Spanned<String>>,
    pub after: Option<Spanned<String>>,
    pub correct: Spanned<String>,
    /// Why: shown in the appendix of emendations.
    pub note: Option<Spanned<String>>,
}

/// A `text` key left out: an empty span, filled from the file name of a per-text note
/// file, an error in notes.toml.
fn implied_text() -> Spanned<String> {
    Spanned::new(0..0, String::new())
}

/// `glossary.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryFile {
    #[serde(default)]
    pub acronym: Vec<Spanned<AcronymEntry>>,
    /// Passages where a form is no use of any entry.
    #[serde(default)]
    pub skip: Vec<AtAnchor>,
    /// Capitalised words that are not acronyms (emphasis such as "NO"), kept out of the
    /// coverage list.
    #[serde(default)]
    pub ignore: Vec<IgnoreEntry>,
}

/// `[[ignore]]`: words the coverage list leaves out, with the reason.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IgnoreEntry {
    pub words: Vec<String>,
    pub reason: String,
}

/// `[[acronym]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AcronymEntry {
    pub short: Spanned<String>,
    /// Other forms the texts use for the same body (`PU` for `UP`).
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    /// The expansion in the original language.
    pub expansion: String,
    /// BCP 47 tag of the expansion's language.
    pub lang: Option<Spanned<String>>,
    /// English form, when the expansion is in another language.
    pub english: Option<String>,
    pub about: Option<String>,
    /// Homographs: when given, forms are looked for only in these texts (slugs).
    pub texts: Option<Vec<Spanned<String>>>,
    /// Homographs: when given, the entry takes its forms only at these quotations.
    #[serde(default)]
    pub at: Vec<AtAnchor>,
}

/// `at = [{ text = "…", quote = "…", before = "…" }]`: a passage where an entry (and no
/// other) applies.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AtAnchor {
    pub text: Spanned<String>,
    pub quote: Spanned<String>,
    pub before: Option<Spanned<String>>,
    pub after: Option<Spanned<String>>,
}

/// `names.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NamesFile {
    #[serde(default)]
    pub person: Vec<Spanned<PersonEntry>>,
    /// Passages where a variant is no mention of any person.
    #[serde(default)]
    pub skip: Vec<AtAnchor>,
    /// Capitalised sequences that are not personal names, kept out of the coverage list.
    #[serde(default)]
    pub ignore: Vec<IgnoreEntry>,
    /// Cross-references of the printed index ("Viriato, see Enríquez, Miguel") besides
    /// those generated from the variants.
    #[serde(default)]
    pub see: Vec<Spanned<SeeEntry>>,
}

/// `[[see]]`: a form a reader may look up, sent to the heading the index uses.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeeEntry {
    /// The form as printed in the index ("Allende, Andrés Pascal").
    pub from: Spanned<String>,
    /// A `name` of a `[[person]]` (the heading the reader is sent to).
    pub to: Spanned<String>,
}

/// `[[person]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonEntry {
    /// The heading as printed, surname first ("Enríquez, Miguel"); sorts by it.
    pub name: Spanned<String>,
    /// The forms the texts use.
    pub variants: Vec<Spanned<String>>,
    /// A short identification.
    pub about: Option<String>,
    /// When given, variants are looked for only in these texts (slugs).
    pub texts: Option<Vec<Spanned<String>>>,
    /// When given, the person takes its variants only at these quotations.
    #[serde(default)]
    pub at: Vec<AtAnchor>,
}

/// The registries of one manuscript, each with the file it came from (absent files give
/// empty registries).
#[derive(Debug, Default)]
pub struct Registries {
    pub notes: Option<(FileId, NotesFile)>,
    /// `notes/<slug>.toml`, in the order of the volume's texts.
    pub text_notes: Vec<(FileId, NotesFile)>,
    pub glossary: Option<(FileId, GlossaryFile)>,
    pub names: Option<(FileId, NamesFile)>,
    pub chronology: Option<(FileId, crate::apparatus::chronology::ChronologyFile)>,
    pub phrases: Option<(FileId, crate::apparatus::phrases::PhrasesFile)>,
}

/// Parses one registry file; `None` (with the diagnostic pushed) when it is malformed.
pub fn parse<T: serde::de::DeserializeOwned>(
    text: &str,
    file: FileId,
    diags: &mut Vec<Diagnostic>,
) -> Option<T> {
    match parse_toml(text, file, 0) {
        Ok(v) => Some(v),
        Err(d) => {
            diags.push(d);
            None
        }
    }
}
