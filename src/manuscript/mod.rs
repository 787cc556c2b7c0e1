//! Reads a manuscript folder into the model: `edition.toml`, the texts in its order
//! (imported sources and editorial Markdown), all diagnostics at once.
//!
//! Must not know: how the volume is typeset or rendered.

mod files;
mod headnote;
pub mod markdown;
mod registries;
mod sources;
mod texts;

use std::path::{Path, PathBuf};

use crate::apparatus::{self, Apparatus};
use crate::config::{EditionConfig, Precision, check_date, parse_toml};
use crate::diag::{Diagnostic, Diagnostics, Sources, Span, codes};
use crate::model::{Text, TextId, Volume, VolumeMeta};

pub use crate::import::WordCounts;
pub use files::decode;
pub use sources::ImportRecord;

/// A manuscript read without errors.
#[derive(Debug)]
pub struct Manuscript {
    pub root: PathBuf,
    pub config: EditionConfig,
    pub volume: Volume,
    /// One record per imported text, in volume order.
    pub imports: Vec<ImportRecord>,
    /// Notes, emendations, glossary and index, computed once (see `apparatus`).
    pub apparatus: Apparatus,
}

/// The result of reading a manuscript: the files read, every diagnostic, and the
/// manuscript when no error stopped it.
#[derive(Debug)]
pub struct Loaded {
    pub sources: Sources,
    pub diagnostics: Diagnostics,
    pub manuscript: Option<Manuscript>,
}

/// Reads and checks the manuscript in `root`.
pub fn load(root: &Path) -> Loaded {
    load_observed(root, WordCounts::Counted, |_| {})
}

/// [`load`], handing `parsed` the volume as soon as its texts are parsed without error,
/// before the registries are read and the apparatus is computed (which may still find
/// errors): for work that needs only the texts' words and can start then. `counts`: whether
/// the import reports count words (only `edition import` shows them).
pub fn load_observed(root: &Path, counts: WordCounts, parsed: impl FnOnce(&Volume)) -> Loaded {
    let mut sources = Sources::new();
    let mut diags = Diagnostics::new();
    let manuscript = load_into(root, &mut sources, &mut diags, counts, parsed);
    let manuscript = if diags.has_errors() { None } else { manuscript };
    Loaded {
        sources,
        diagnostics: diags,
        manuscript,
    }
}

/// `edition.toml` alone, with no diagnostics: for work that can start while the rest of
/// the manuscript is read (the EPUB cover). `None` when the file cannot be read or
/// parsed; [`load`] then says why.
pub fn read_config(root: &Path) -> Option<EditionConfig> {
    let mut sources = Sources::new();
    let origin = files::PathOrigin { span: None };
    let file = files::read_text(root, "edition.toml", origin, &mut sources).ok()?;
    parse_toml(sources.text(file.file), file.file, 0).ok()
}

fn load_into(
    root: &Path,
    sources: &mut Sources,
    diags: &mut Diagnostics,
    counts: WordCounts,
    on_parsed: impl FnOnce(&Volume),
) -> Option<Manuscript> {
    if !root.is_dir() {
        diags.push(Diagnostic::new(
            codes::MANUSCRIPT_MISSING,
            format!("no manuscript folder at `{}`", root.display()),
        ));
        return None;
    }
    let origin = files::PathOrigin { span: None };
    let edition_file = match files::read_text(root, "edition.toml", origin, sources) {
        Ok(f) => f.file,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let config: EditionConfig = match parse_toml(sources.text(edition_file), edition_file, 0) {
        Ok(c) => c,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    if let Err(message) = check_date(config.date.get_ref(), Precision::Day) {
        diags.push(
            Diagnostic::new(codes::INVALID_DATE, message)
                .at(Span::new(edition_file, config.date.span())),
        );
    }
    if let Some(name) = &config.output.name
        && !crate::config::is_plain_file_stem(name.get_ref())
    {
        diags.push(
            Diagnostic::new(
                codes::OUTPUT_NAME,
                format!(
                    "`{}` cannot name a file in the output folder",
                    name.get_ref()
                ),
            )
            .at(Span::new(edition_file, name.span())),
        );
    }
    let specs = texts::resolve_order(root, &config, edition_file, diags);
    let mut parsed = Vec::new();
    for spec in &specs {
        if let Some(t) = texts::read_text_config(root, spec, sources, diags) {
            parsed.push(t);
        }
    }
    let mut ids = markdown::IdAlloc::default();
    let (volume_texts, imports) = crate::timings::time("load: texts", || {
        sources::build_texts(root, parsed, sources, &mut ids, diags, counts)
    });
    let mut volume = Volume {
        meta: volume_meta(&config),
        texts: volume_texts,
    };
    // The apparatus: registries read and parsed always; anchored only into a volume
    // that loaded without errors (a missing text would make every anchor into it fail).
    let volume_ok = !diags.has_errors();
    if volume_ok {
        on_parsed(&volume);
    }
    let registries = crate::timings::time("load: registries", || {
        registries::read(root, sources, diags)
    });
    let mut found = Vec::new();
    let apparatus = if !volume_ok {
        Apparatus::default()
    } else {
        crate::timings::time("apparatus", || {
            apparatus::compute(&mut volume, &registries, sources, &mut ids, &mut found)
        })
    };
    diags.extend(found);
    Some(Manuscript {
        root: root.to_path_buf(),
        volume,
        config,
        imports,
        apparatus,
    })
}

/// The volume's metadata as `c` gives it.
pub fn volume_meta(c: &EditionConfig) -> VolumeMeta {
    VolumeMeta {
        title: c.title.clone(),
        subtitle: c.subtitle.clone(),
        editors: c.editors.clone(),
        language: c.language.clone(),
        identifier: c.identifier.clone(),
        date: c.date.get_ref().clone(),
        publisher: c.publisher.clone(),
        rights: c.rights.clone(),
        description: c.description.clone(),
    }
}

/// File stem of the outputs of the edition `c` configures.
pub fn output_name(c: &EditionConfig) -> String {
    c.output
        .name
        .as_ref()
        .map(|n| n.get_ref().clone())
        .unwrap_or_else(|| "edition".to_string())
}

impl Manuscript {
    /// File stem of the outputs (`out/<name>.epub`).
    pub fn output_name(&self) -> String {
        output_name(&self.config)
    }

    pub fn text(&self, id: &TextId) -> Option<&Text> {
        self.volume.text(id)
    }
}
