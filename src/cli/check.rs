//! `edition check`: reads the manuscript and reports every diagnostic, with the coverage
//! lists of the registries; writes nothing.

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
