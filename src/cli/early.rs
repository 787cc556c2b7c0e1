//! What `build` does before the manuscript is read, on a thread of its own while the
//! texts load: the fonts, the EPUB's cover (it needs only `edition.toml`'s metadata and
//! the text face) and the summary the last build left (read and parsed for the revision
//! report). Each is checked against the loaded manuscript before it is used. Then, from
//! when the texts are parsed until the apparatus is computed, it warms the typesetter's
//! caches with their words.

use super::build::{BuildArgs, Format, cover_fonts};
use super::revision::{self, Earlier};
use crate::diag::Diagnostic;
use crate::manuscript;
use crate::model::Volume;
use crate::model::VolumeMeta;
use crate::render::epub;
use crate::typeset::{self, FontSet, Warm};
use std::sync::atomic::AtomicBool;
use std::sync::mpsc::Receiver;

pub struct Early {
    pub fonts: Result<FontSet, Vec<Diagnostic>>,
    /// The metadata the cover was made from, and the cover; `None` when no EPUB is
    /// wanted or `edition.toml` did not parse (the load then says why).
    pub cover: Option<(VolumeMeta, Result<epub::CoverImage, Diagnostic>)>,
    /// The outputs' file stem and the summary an earlier build left beside them.
    pub earlier: Option<(String, Earlier)>,
    /// The typesetter's caches, warmed with the texts' words ([`typeset::warm`]).
    pub warm: Option<Warm>,
}

impl Early {
    /// Loads and makes the above, then warms the typesetter's caches with the texts
    /// `parsed` sends (nothing when it sends none) until `stop` is set.
    pub fn make(args: &BuildArgs, parsed: Receiver<Volume>, stop: &AtomicBool) -> Early {
        let fonts = FontSet::load(&args.fonts);
        let config = manuscript::read_config(&args.manuscript.manuscript);
        let cover = match (&fonts, &config) {
            (Ok(f), Some(config)) if args.format.contains(&Format::Epub) => {
                let meta = manuscript::volume_meta(config);
                let cover = epub::render_cover(&meta, &cover_fonts(f));
                Some((meta, cover))
            }
            _ => None,
        };
        let earlier = config.map(|config| {
            let name = manuscript::output_name(&config);
            let path = args.out.join(revision::summary_file(&name));
            (name, Earlier::read(&path))
        });
        let warm = match (&fonts, parsed.recv()) {
            // Every build typesets the A5 edition (the EPUB takes its page numbers).
            (Ok(fonts), Ok(volume)) => Some(crate::timings::time("warm caches", || {
                typeset::warm(&volume, fonts, stop)
            })),
            _ => None,
        };
        Early {
            fonts,
            cover,
            earlier,
            warm,
        }
    }
}
