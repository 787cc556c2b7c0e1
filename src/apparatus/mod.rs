//! The editorial apparatus, computed once from the model and the registries: emendations
//! applied, editorial notes placed and numbered, glossary and name-index occurrences found,
//! the chronology's events dated and anchored.
//! Everything is located by ids (text, block, byte range of the block's plain text, note
//! id), never by pages, so both outputs can render it.
//!
//! Must not know: files on disk (the loader hands in their text), fonts, pages, XHTML.

pub mod anchor;
pub mod chronology;
pub mod coverage;
pub mod emend;
pub mod fold;
pub mod glossary;
pub mod namelike;
pub mod names;
pub mod note_files;
pub mod notes;
pub mod occur;
pub mod phrases;
pub mod registry;
pub mod resolve;
pub mod revision;
pub mod see;
pub mod surgery;
pub mod words;

use std::collections::BTreeSet;

use crate::diag::{Diagnostic, Sources, Span, codes};
use crate::manuscript::markdown::IdAlloc;
use crate::model::{TextId, Volume};

pub use chronology::{Event, EventDate};
pub use emend::Emendation;
pub use glossary::{GlossaryEntry, Uncovered};
pub use names::IndexEntry;
pub use notes::PlacedNote;
pub use occur::Occurrence;
pub use registry::Registries;
pub use resolve::Anchor;
pub use see::SeeRef;

/// The computed apparatus of a volume.
#[derive(Debug, Clone, Default)]
pub struct Apparatus {
    /// The notes of notes.toml, in reading order (Markdown footnotes are only in the model).
    pub notes: Vec<PlacedNote>,
    /// Applied emendations, in reading order: the appendix lists them.
    pub emendations: Vec<Emendation>,
    /// The glossary of acronyms, alphabetical, each entry with its occurrences.
    pub glossary: Vec<GlossaryEntry>,
    /// The name index, sorted on the headings, each with its occurrences.
    pub index: Vec<IndexEntry>,
    /// The unified chronology, in date order, each event with its references.
    pub chronology: Vec<Event>,
    /// The foreign phrases and titles of phrases.toml, each with its uses (they are
    /// marked in the model as `InlineKind::Lang`).
    pub phrases: Vec<phrases::Phrase>,
    /// The explicit cross-references of the name index (`[[see]]`), checked.
    pub see: Vec<SeeRef>,
    /// What the registries do not cover (listed by `edition check`).
    pub coverage: Coverage,
    /// Anchors resolved (notes and emendations).
    pub anchors_resolved: usize,
    /// Every anchor resolved, in the order they were (for the revision report).
    pub resolutions: Vec<resolve::Resolution>,
}

/// Words of the texts that look like registry entries but are in no registry.
#[derive(Debug, Clone, Default)]
pub struct Coverage {
    /// Acronym-like words no glossary entry covers.
    pub acronyms: Vec<Uncovered>,
    /// Capitalised sequences that look like personal names and are not in the index.
    pub names: Vec<Uncovered>,
    /// Dated passages no chronology event references and no `[[ignore]]` covers.
    pub dates: Vec<chronology::UncoveredDate>,
}

impl Apparatus {
    /// Anchors of glossary and index entries that resolved (each claims a passage).
    fn registry_anchors(&self) -> usize {
        let g = self.glossary.iter().map(|e| e.anchored);
        let n = self.index.iter().map(|e| e.anchored);
        g.chain(n).sum()
    }

    /// The apparatus's line of the printed summary.
    pub fn summary(&self) -> String {
        let uses: usize = self.glossary.iter().map(|e| e.occurrences.len()).sum();
        let mentions: usize = self.index.iter().map(|e| e.occurrences.len()).sum();
        format!(
            "  apparatus: {} editorial notes, {} emendations, {} anchors resolved\n  glossary: {} entries, {} uses; {} acronym-like words not in it\n  name index: {} headings, {} occurrences; {} name-like sequences not in it\n  chronology: {} events, {} references; {} dated passages not in it\n  foreign phrases: {} phrases and titles, {} uses marked\n",
            self.notes.len(),
            self.emendations.len(),
            self.anchors_resolved,
            self.glossary.len(),
            uses,
            self.coverage.acronyms.len(),
            self.index.len(),
            mentions,
            self.coverage.names.len(),
            self.chronology.len(),
            chronology::reference_count(&self.chronology),
            self.coverage
                .dates
                .iter()
                .map(|d| d.places.len())
                .sum::<usize>(),
            self.phrases.len(),
            self.phrases.iter().map(|p| p.uses).sum::<usize>(),
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
    // notes.toml, then the per-text files: all emendations first, then all notes.
    let note_files: Vec<&(crate::diag::FileId, registry::NotesFile)> = registries
        .notes
        .iter()
        .chain(&registries.text_notes)
        .collect();
    // Each emendation file is anchored in the text as the files before it left it; notes
    // are anchored in the emended text (placing a call changes no words, so the index
    // stays valid through the notes and the registries).
    let mut resolver = crate::timings::time("apparatus: index", || resolve::Resolver::new(volume));
    for (file, notes_file) in &note_files {
        let mut applied = emend::apply(volume, &resolver, *file, &notes_file.emendation, diags);
        let src = sources.text(*file);
        let entries = &notes_file.emendation;
        emend::parse_notes(&mut applied, entries, src, *file, ids, diags);
        let changed: BTreeSet<TextId> = applied.iter().map(|e| e.text.clone()).collect();
        resolver.refresh(volume, &changed);
        app.emendations.extend(applied);
        app.resolutions.extend(resolver.take_log());
    }
    app.emendations.sort_by_key(|e| (e.block, e.range.start));
    for (file, notes_file) in &note_files {
        let src = sources.text(*file);
        let placed = notes::place(volume, &resolver, *file, src, &notes_file.note, ids, diags);
        app.notes.extend(placed);
        app.resolutions.extend(resolver.take_log());
    }
    app.notes
        .sort_by_key(|n| (n.anchor.block, n.anchor.range.end));
    notes::renumber(volume);
    // The glossary and the name index on this thread, the chronology on a second: all
    // three only read the volume. Each side keeps its own diagnostics and resolution
    // log, joined in the order of the sequential build (glossary, names, chronology).
    let shared: &Volume = volume;
    let (lookups, (dated, dated_diags, dated_log)) = std::thread::scope(|scope| {
        let fork = resolver.fork();
        let ids = &mut *ids;
        let dated = scope.spawn(move || {
            let mut found = Vec::new();
            let dated = dated(shared, registries, sources, &fork, ids, &mut found);
            (dated, found, fork.take_log())
        });
        let lookups = lookups(shared, registries, &resolver, diags);
        let dated = dated.join().expect("the chronology does not panic");
        (lookups, dated)
    });
    diags.extend(dated_diags);
    app.resolutions.extend(resolver.take_log());
    app.resolutions.extend(dated_log);
    app.glossary = lookups.glossary;
    app.index = lookups.index;
    app.see = lookups.see;
    app.coverage.acronyms = lookups.acronyms;
    app.coverage.names = lookups.names;
    app.chronology = dated.events;
    app.coverage.dates = dated.uncovered;
    let ignores = dated.ignores;
    // Last, once the notes are placed and the chronology read: the foreign phrases are
    // marked wherever they stand (wrapping inlines, no offset moves).
    let mut phrase_skips = 0;
    if let Some((file, p)) = &registries.phrases {
        let editorial = phrases::Editorial {
            events: &mut app.chronology,
            emendations: &mut app.emendations,
        };
        let marked = crate::timings::time("apparatus: phrases", || {
            phrases::compute(volume, editorial, *file, p, &resolver, diags)
        });
        app.phrases = marked.phrases;
        phrase_skips = marked.skips;
    }
    app.resolutions.extend(resolver.take_log());
    // Any anchor that failed is an error, and an apparatus with errors is never used.
    let skips = registries
        .glossary
        .iter()
        .map(|(_, g)| g.skip.len())
        .chain(registries.names.iter().map(|(_, n)| n.skip.len()))
        .sum::<usize>();
    app.anchors_resolved = app.notes.len()
        + app.emendations.len()
        + app.registry_anchors()
        + skips
        + chronology::reference_count(&app.chronology)
        + ignores.passages.len()
        + phrase_skips;
    app
}

/// The glossary and the name index, with the words of the texts each does not cover.
#[derive(Default)]
struct Lookups {
    glossary: Vec<GlossaryEntry>,
    acronyms: Vec<Uncovered>,
    index: Vec<IndexEntry>,
    see: Vec<SeeRef>,
    names: Vec<Uncovered>,
}

fn lookups(
    volume: &Volume,
    registries: &Registries,
    resolver: &resolve::Resolver,
    diags: &mut Vec<Diagnostic>,
) -> Lookups {
    let mut out = Lookups::default();
    if let Some((file, g)) = &registries.glossary {
        out.glossary = crate::timings::time("apparatus: glossary", || {
            glossary::compute(volume, *file, g, resolver, diags)
        });
        for e in out.glossary.iter().filter(|e| e.occurrences.is_empty()) {
            diags.push(unused(codes::GLOSSARY_UNUSED, &e.short, e.span));
        }
    }
    let ignore = registries
        .glossary
        .iter()
        .flat_map(|(_, g)| &g.ignore)
        .flat_map(|i| i.words.iter().cloned())
        .collect();
    out.acronyms = crate::timings::time("apparatus: acronym coverage", || {
        glossary::uncovered(volume, &out.glossary, &ignore)
    });
    if let Some((file, n)) = &registries.names {
        out.index = crate::timings::time("apparatus: names", || {
            names::compute(volume, *file, n, resolver, diags)
        });
        for e in out.index.iter().filter(|e| e.occurrences.is_empty()) {
            diags.push(unused(codes::PERSON_UNUSED, &e.heading, e.span));
        }
        out.see = see::check(&out.index, *file, &n.see, diags);
    }
    let ignore = registries
        .names
        .iter()
        .flat_map(|(_, n)| &n.ignore)
        .flat_map(|i| i.words.iter().cloned())
        .collect();
    out.names = crate::timings::time("apparatus: name coverage", || {
        namelike::uncovered(volume, &out.index, &ignore)
    });
    out
}

/// The chronology's events, its `[[ignore]]` entries and the dated passages it lacks.
#[derive(Default)]
struct Dated {
    events: Vec<Event>,
    ignores: chronology::uncovered::Ignores,
    uncovered: Vec<chronology::UncoveredDate>,
}

fn dated(
    volume: &Volume,
    registries: &Registries,
    sources: &Sources,
    resolver: &resolve::Resolver,
    ids: &mut IdAlloc,
    diags: &mut Vec<Diagnostic>,
) -> Dated {
    let Some((file, c)) = &registries.chronology else {
        return Dated::default();
    };
    let cx = chronology::Context {
        file: *file,
        src: sources.text(*file),
        resolver,
    };
    let events = crate::timings::time("apparatus: chronology", || {
        chronology::compute(&cx, c, ids, diags)
    });
    let ignores = chronology::uncovered::read_ignores(&cx, c, diags);
    // Only a manuscript that keeps a chronology hears of the dates it lacks.
    let uncovered = crate::timings::time("apparatus: date coverage", || {
        chronology::uncovered::uncovered(volume, &events, &ignores, diags)
    });
    Dated {
        events,
        ignores,
        uncovered,
    }
}

fn unused(code: crate::diag::Code, entry: &str, span: Span) -> Diagnostic {
    Diagnostic::new(code, format!("“{entry}” occurs in no text")).at(span)
}
