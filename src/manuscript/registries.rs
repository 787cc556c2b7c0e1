//! Reads the apparatus files of the manuscript (`notes.toml`, `glossary.toml`,
//! `names.toml`, `chronology.toml`), each optional, and parses them with the apparatus's
//! strict types.

use std::path::Path;

use crate::apparatus::registry::{self, Registries};
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
    let r = Registries {
        notes: notes.and_then(|f| registry::parse(sources.text(f), f, &mut found).map(|v| (f, v))),
        glossary: glossary
            .and_then(|f| registry::parse(sources.text(f), f, &mut found).map(|v| (f, v))),
        names: names.and_then(|f| registry::parse(sources.text(f), f, &mut found).map(|v| (f, v))),
        chronology: chronology
            .and_then(|f| registry::parse(sources.text(f), f, &mut found).map(|v| (f, v))),
    };
    diags.extend(found);
    r
}
