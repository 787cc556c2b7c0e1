//! `edition check`: reads the manuscript and reports every diagnostic, with the coverage
//! lists of the registries and the chronology; writes nothing.

use crate::render::epub;
use crate::{apparatus, manuscript};

use super::report::{print_diagnostics, summary};
use super::{EXIT_ERRORS, ManuscriptArgs};

pub fn run(args: &ManuscriptArgs) -> u8 {
    let loaded = manuscript::load(&args.manuscript);
    let mut diags = loaded.diagnostics.clone();
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
    }
    print_diagnostics(&loaded.sources, &diags);
    match loaded.manuscript {
        Some(m) => {
            print!("{}{}", summary(&m.volume), m.apparatus.summary());
            0
        }
        None => EXIT_ERRORS,
    }
}
