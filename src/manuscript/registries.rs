//! Reads the apparatus files of the manuscript (`notes.toml` and the per-text
//! `notes/<slug>.toml`, `glossary.toml`, `names.toml`, `chronology.toml`, `phrases.toml`),
//! each optional,
//! and parses them with the apparatus's strict types.

use std::path::Path;

use crate::apparatus::note_files::imply_text;
use crate::apparatus::registry::{self, NotesFile, Registries};
use crate::diag::{Diagnostics, FileId, Sources};

use super::files::{PathOrigin, read_text};

pub fn read(root: &Path, sources: &mut Sources, diags: &mut Diagnostics) -> Registries {
    let mut found = Vec::new();
    let mut file = |name: &str, sources: &mut Sources| -> Option<FileId> {
        if !root.join(name).is_file() {
            return None;
        }
        match read_text(root, name, PathOrigin { span: None }, sources) {
            Ok(f) => Some(f.file),
            Err(d) => {
                diags.push(d);
                None
            }
        }
    };
    let notes = file("notes.toml", sources);
    let glossary = file("glossary.toml", sources);
    let names = file("names.toml", sources);
    let chronology = file("chronology.toml", sources);
    let phrases = file("phrases.toml", sources);
    let text_notes = text_note_files(root)
        .into_iter()
        .filter_map(|(name, slug)| Some((file(&name, sources)?, slug)))
        .collect::<Vec<_>>();
    let mut r = Registries {
        notes: notes.and_then(|f| registry::parse(sources.text(f), f, &mut found).map(|v| (f, v))),
        text_notes: Vec::new(),
        glossary: glossary
            .and_then(|f| registry::parse(sources.text(f), f, &mut found).map(|v| (f, v))),
        names: names.and_then(|f| registry::parse(sources.text(f), f, &mut found).map(|v| (f, v))),
        chronology: chronology
            .and_then(|f| registry::parse(sources.text(f), f, &mut found).map(|v| (f, v))),
        phrases: phrases
            .and_then(|f| registry::parse(sources.text(f), f, &mut found).map(|v| (f, v))),
    };
    if let Some((f, n)) = &mut r.notes {
        imply_text(n, None, *f, &mut found);
    }
    for (f, slug) in text_notes {
        if let Some(mut n) = registry::parse::<NotesFile>(sources.text(f), f, &mut found) {
            imply_text(&mut n, Some(&slug), f, &mut found);
            r.text_notes.push((f, n));
        }
    }
    diags.extend(found);
    r
}

/// The per-text note files `notes/<slug>.toml` as (path relative to the manuscript,
/// slug), sorted by name so that note ids do not depend on the directory's order.
fn text_note_files(root: &Path) -> Vec<(String, String)> {
    let Ok(entries) = std::fs::read_dir(root.join("notes")) else {
        return Vec::new();
    };
    let mut out: Vec<(String, String)> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let slug = name.strip_suffix(".toml")?.to_string();
            Some((format!("notes/{name}"), slug))
        })
        .collect();
    out.sort();
    out
}
