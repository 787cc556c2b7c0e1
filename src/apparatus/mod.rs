//! The editorial apparatus, computed once from the model and the registries: emendations
//! applied, editorial notes placed and numbered, glossary and name-index occurrences found.
//! Everything is located by ids (text, block, byte range of the block's plain text, note
//! id), never by pages, so both outputs can render it.
//!
//! Must not know: files on disk (the loader hands in their text), fonts, pages, XHTML.

pub mod anchor;
pub mod emend;
pub mod fold;
pub mod glossary;
pub mod notes;
pub mod occur;
pub mod registry;
pub mod resolve;
pub mod surgery;
pub mod words;

use crate::diag::{Diagnostic, Sources};
use crate::manuscript::markdown::IdAlloc;
use crate::model::Volume;

pub use emend::Emendation;
pub use notes::PlacedNote;
pub use registry::Registries;
pub use resolve::Anchor;

/// The computed apparatus of a volume.
#[derive(Debug, Clone, Default)]
pub struct Apparatus {
    /// The notes of notes.toml, in reading order (Markdown footnotes are only in the model).
    pub notes: Vec<PlacedNote>,
    /// Applied emendations, in reading order: the appendix lists them.
    pub emendations: Vec<Emendation>,
    /// Anchors resolved (notes and emendations).
    pub anchors_resolved: usize,
}

impl Apparatus {
    /// The apparatus's line of the printed summary.
    pub fn summary(&self) -> String {
        format!(
            "  apparatus: {} editorial notes, {} emendations, {} anchors resolved\n",
            self.notes.len(),
            self.emendations.len(),
            self.anchors_resolved
        )
    }
}

/// Computes the apparatus and applies it to `volume`: emendations first (anchored in the
/// text as received), then notes (anchored in the emended text), then the numbering.
pub fn compute(
    volume: &mut Volume,
    registries: &Registries,
    sources: &Sources,
    ids: &mut IdAlloc,
    diags: &mut Vec<Diagnostic>,
) -> Apparatus {
    let mut app = Apparatus::default();
    if let Some((file, notes_file)) = &registries.notes {
        let resolver = resolve::Resolver::new(volume);
        app.emendations = emend::apply(volume, &resolver, *file, &notes_file.emendation, diags);
        let resolver = resolve::Resolver::new(volume);
        app.notes = notes::place(
            volume,
            &resolver,
            *file,
            sources.text(*file),
            &notes_file.note,
            ids,
            diags,
        );
    }
    notes::renumber(volume);
    app.anchors_resolved = app.notes.len() + app.emendations.len();
    app
}
