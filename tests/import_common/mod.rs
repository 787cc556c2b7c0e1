//! Shared helpers of the import tests: load a text's recipe and raw source from the
//! repository's `manuscript/`, with the corpus of all its raw sources.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use reader_edition::config::{TextConfig, parse_toml};
use reader_edition::diag::{Diagnostic, FileId};
use reader_edition::import::{
    Corpus, ImportInput, Imported, WordCounts, import_lines_counting, split_lines,
};

/// The six source texts of the edition.
pub const SLUGS: &[&str] = &[
    "mir-wikipedia",
    "mir-about-com",
    "allende-chile-essay",
    "enriquez-caupolican-speech",
    "ramiro-mendez-memoir",
    "chile-50-years",
];

pub fn manuscript() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("manuscript")
}

/// All raw sources of the manuscript, sorted by file name.
pub fn all_sources() -> Vec<String> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(manuscript().join("sources"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

/// One text loaded and imported: its raw text, the result and the diagnostics.
pub struct Loaded {
    pub raw: String,
    pub config: TextConfig,
    pub imported: Option<Imported>,
    pub diags: Vec<Diagnostic>,
}

pub fn load(slug: &str) -> Loaded {
    load_counting(slug, WordCounts::Counted)
}

/// [`load`], the report's word counts made or not.
pub fn load_counting(slug: &str, counts: WordCounts) -> Loaded {
    let toml_text =
        std::fs::read_to_string(manuscript().join(format!("texts/{slug}.toml"))).unwrap();
    let config: TextConfig =
        parse_toml(&toml_text, FileId(1), 0).unwrap_or_else(|d| panic!("{slug}: {}", d.message));
    let recipe = config.import.as_ref().expect("an [import] table").get_ref();
    let raw = std::fs::read_to_string(manuscript().join(recipe.source.get_ref())).unwrap();
    let sources = all_sources();
    let refs: Vec<&str> = sources.iter().map(String::as_str).collect();
    let corpus = Corpus::new(&refs);
    let input = ImportInput {
        raw: &raw,
        raw_file: FileId(0),
        recipe,
        recipe_file: FileId(1),
        corpus: &corpus,
    };
    let (imported, diags) = import_lines_counting(&input, &split_lines(&raw), counts);
    Loaded {
        raw,
        config,
        imported,
        diags,
    }
}
