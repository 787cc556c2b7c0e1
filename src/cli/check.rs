//! `edition check`: reads the manuscript and reports every diagnostic; writes nothing.

use crate::manuscript;

use super::report::{print_diagnostics, summary};
use super::{EXIT_ERRORS, ManuscriptArgs};

pub fn run(args: &ManuscriptArgs) -> u8 {
    let loaded = manuscript::load(&args.manuscript);
    print_diagnostics(&loaded.sources, &loaded.diagnostics);
    match loaded.manuscript {
        Some(m) => {
            print!("{}{}", summary(&m.volume), m.apparatus.summary());
            0
        }
        None => EXIT_ERRORS,
    }
}
