//! `edition init DIR`: writes a new manuscript that builds as it is: `edition.toml`, an
//! editorial introduction in Markdown, and one source text with its import recipe.

use std::path::{Path, PathBuf};

use clap::Args;

use super::EXIT_ERRORS;

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create (it must not exist, or be empty).
    pub dir: PathBuf,
}

/// The files of a new manuscript, relative to its folder.
const SKELETON: &[(&str, &str)] = &[
    (
        "edition.toml",
        r#"# The edition: metadata, the order of its texts, output settings.
title = "A New Reader"
subtitle = "Texts and Notes"
editors = ["Your Name"]
language = "en"
# Fix the identifier once (for example a urn:uuid) and never change it.
identifier = "urn:uuid:00000000-0000-4000-8000-000000000000"
date = "2026-01-01"
order = ["introduction", "first-source"]

[output]
name = "reader"
"#,
    ),
    (
        "texts/introduction.md",
        r#"+++
title = "Introduction"
author = "Your Name"
+++

This reader gathers texts as they were received. The editors' own words appear only
in introductions and notes.[^how]

[^how]: Each source is kept unchanged in `sources/`; its recipe in `texts/` says how it is cleaned.
"#,
    ),
    (
        "texts/first-source.toml",
        r#"title = "The First Source"
author = "Its Author"
date = "2025"
published_in = "Where it appeared"
licence = "The licence it was published under"
provenance = "How the editors obtained it."

[import]
source = "sources/first-source.txt"

[[import.drop]]
reason = "site navigation"
line = "Home | About | Contact"
"#,
    ),
    (
        "sources/first-source.txt",
        "Home | About | Contact\n\nThe first paragraph of the source, one paragraph per line.\n\nThe second paragraph.\n",
    ),
];

pub fn run(args: &InitArgs) -> u8 {
    match init(&args.dir) {
        Ok(()) => {
            println!("created a new manuscript in {}", args.dir.display());
            println!(
                "build it with: edition build --manuscript {}",
                args.dir.display()
            );
            0
        }
        Err(message) => {
            eprintln!("error: {message}");
            EXIT_ERRORS
        }
    }
}

fn init(dir: &Path) -> Result<(), String> {
    if dir.exists() {
        let empty = std::fs::read_dir(dir)
            .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
            .next()
            .is_none();
        if !empty {
            return Err(format!(
                "{} exists and is not empty; choose a new folder",
                dir.display()
            ));
        }
    }
    for (rel, content) in SKELETON {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&path, content)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}
