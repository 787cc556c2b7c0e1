//! `edition build` (and `edition` alone): reads the manuscript, renders the EPUB and the
//! PDF presets in memory, and writes them atomically only when everything succeeded.

use std::path::PathBuf;

use clap::Args;

use crate::diag::{Diagnostic, Diagnostics, codes};
use crate::manuscript;
use crate::output::{self, OutputFile};
use crate::render::{epub, pdf};
use crate::typeset::{self, FontSet, Preset, TypesetOptions};

use super::report::{print_diagnostics, summary};
use super::{EXIT_ERRORS, ManuscriptArgs};

#[derive(Debug, Args, Clone)]
pub struct BuildArgs {
    #[command(flatten)]
    pub manuscript: ManuscriptArgs,
    /// The output folder.
    #[arg(long, short = 'o', default_value = "out")]
    pub out: PathBuf,
    /// The folder with the edition's fonts.
    #[arg(long, default_value = "fonts")]
    pub fonts: PathBuf,
    /// Formats to write, comma-separated: epub, pdf.
    #[arg(long, value_delimiter = ',', default_value = "epub,pdf")]
    pub format: Vec<Format>,
    /// PDF presets, comma-separated: a5, a4, letter, booklet, all.
    #[arg(long, value_delimiter = ',', default_value = "a5")]
    pub preset: Vec<String>,
}

impl Default for BuildArgs {
    fn default() -> BuildArgs {
        BuildArgs {
            manuscript: ManuscriptArgs {
                manuscript: PathBuf::from("manuscript"),
            },
            out: PathBuf::from("out"),
            fonts: PathBuf::from("fonts"),
            format: vec![Format::Epub, Format::Pdf],
            preset: vec!["a5".to_string()],
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Epub,
    Pdf,
}

pub fn run(args: &BuildArgs) -> u8 {
    let start = std::time::Instant::now();
    let loaded = manuscript::load(&args.manuscript.manuscript);
    let mut diags = loaded.diagnostics;
    let presets = parse_presets(&args.preset, &mut diags);
    let Some(m) = loaded.manuscript.filter(|_| !diags.has_errors()) else {
        print_diagnostics(&loaded.sources, &diags);
        return EXIT_ERRORS;
    };
    let name = m.output_name();
    let mut files = Vec::new();
    if args.format.contains(&Format::Epub) {
        match epub::write_epub(&m.volume, &epub::EpubOptions::default()) {
            Ok(bytes) => files.push(OutputFile {
                name: format!("{name}.epub"),
                bytes,
            }),
            Err(d) => diags.push(d),
        }
    }
    if args.format.contains(&Format::Pdf) && !presets.is_empty() {
        match FontSet::load(&args.fonts) {
            Ok(fonts) => {
                for preset in &presets {
                    let options = TypesetOptions {
                        preset: *preset,
                        ..TypesetOptions::default()
                    };
                    match typeset::typeset(&m.volume, &fonts, &options).and_then(|paged| {
                        pdf::write_pdf(&paged, &fonts, &m.volume.meta).map_err(|d| vec![d])
                    }) {
                        Ok(bytes) => files.push(OutputFile {
                            name: format!("{name}-{}.pdf", preset.name()),
                            bytes,
                        }),
                        Err(found) => diags.extend(found),
                    }
                }
            }
            Err(found) => diags.extend(found),
        }
    }
    if diags.has_errors() {
        print_diagnostics(&loaded.sources, &diags);
        eprintln!("nothing was written");
        return EXIT_ERRORS;
    }
    output::clean_stale_temporaries(&args.out);
    match output::write_all(&args.out, &files) {
        Ok(paths) => {
            print_diagnostics(&loaded.sources, &diags);
            print!("{}{}", summary(&m.volume), m.apparatus.summary());
            for p in paths {
                println!("wrote {}", p.display());
            }
            println!("built in {:.2} s", start.elapsed().as_secs_f64());
            0
        }
        Err(d) => {
            diags.push(d);
            print_diagnostics(&loaded.sources, &diags);
            EXIT_ERRORS
        }
    }
}

fn parse_presets(names: &[String], diags: &mut Diagnostics) -> Vec<Preset> {
    let mut out = Vec::new();
    for n in names {
        if n == "all" {
            out.extend(Preset::ALL);
            continue;
        }
        match Preset::from_name(n) {
            Some(p) => out.push(p),
            None => diags.push(Diagnostic::new(
                codes::UNKNOWN_PRESET,
                format!("there is no preset `{n}`"),
            )),
        }
    }
    out.dedup();
    out
}
