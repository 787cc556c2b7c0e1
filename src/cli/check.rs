//! `edition check`: reads the manuscript and reports every diagnostic, with the coverage
//! lists of the registries and the chronology, and what changed since the last build;
//! writes nothing.

use std::path::PathBuf;

use clap::Args;

use crate::render::epub;
use crate::{apparatus, manuscript};

use super::report::{print_diagnostics, summary};
use super::{EXIT_ERRORS, ManuscriptArgs};

#[derive(Debug, Args, Clone)]
pub struct CheckArgs {
    #[command(flatten)]
    pub manuscript: ManuscriptArgs,
    /// The output folder whose last build's summary the check compares with.
    #[arg(long, short = 'o', default_value = "out")]
    pub out: PathBuf,
}

pub fn run(args: &CheckArgs) -> u8 {
    let loaded = manuscript::load(&args.manuscript.manuscript);
    let mut diags = loaded.diagnostics.clone();
    let mut compared = None;
    if let Some(m) = &loaded.manuscript {
        // What `build` reports about notes in e-readers' pop-ups, `check` reports too.
        diags.extend(epub::lint_notes(&m.volume));
        diags.extend(apparatus::coverage::diagnostics(
            &m.apparatus,
            &m.volume,
            &loaded.sources,
        ));
        let raw_file =
            |t: &crate::model::TextId| m.imports.iter().find(|i| &i.text == t).map(|i| i.raw_file);
        diags.extend(apparatus::chronology::uncovered::diagnostics(
            &m.apparatus.coverage.dates,
            &m.volume,
            &loaded.sources,
            &raw_file,
        ));
        let c = super::revision::compare(m, &loaded.sources, &args.out);
        if let Some(r) = &c.revision {
            diags.extend(r.diagnostics.iter().cloned());
        }
        compared = Some(c);
    }
    print_diagnostics(&loaded.sources, &diags);
    match loaded.manuscript {
        Some(m) => {
            print!("{}{}", summary(&m.volume), m.apparatus.summary());
            print!("{}", compared.map(|c| c.report()).unwrap_or_default());
            0
        }
        None => EXIT_ERRORS,
    }
}
