//! `edition import SLUG`: prints the cleaned Markdown of one source text, then its import
//! report, so an editor can review what the recipe did.

use clap::Args;

use crate::manuscript;

use super::report::print_diagnostics;
use super::{EXIT_ERRORS, ManuscriptArgs};

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The text's slug, as in texts/<slug>.toml.
    pub slug: String,
    #[command(flatten)]
    pub manuscript: ManuscriptArgs,
    /// What to print.
    #[arg(long, value_enum, default_value = "both")]
    pub print: Part,
}

/// The parts of `edition import`'s output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Part {
    /// The cleaned Markdown, then the report.
    Both,
    /// Only the cleaned Markdown (for export to other tools).
    Markdown,
    /// Only the import report.
    Report,
}

pub fn run(args: &ImportArgs) -> u8 {
    let loaded = manuscript::load(&args.manuscript.manuscript);
    print_diagnostics(&loaded.sources, &loaded.diagnostics);
    let Some(m) = loaded.manuscript else {
        return EXIT_ERRORS;
    };
    let Some(record) = m.imports.iter().find(|r| r.text.as_str() == args.slug) else {
        let known: Vec<&str> = m.imports.iter().map(|r| r.text.as_str()).collect();
        eprintln!(
            "error: `{}` is not an imported source text; the source texts are: {}",
            args.slug,
            known.join(", ")
        );
        return EXIT_ERRORS;
    };
    if args.print != Part::Report {
        print!("{}", loaded.sources.text(record.markdown_file));
    }
    if args.print == Part::Both {
        println!();
    }
    if args.print != Part::Markdown {
        println!("<!-- import report: {} -->", args.slug);
        print!("{}", record.report.render());
    }
    0
}
