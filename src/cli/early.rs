//! What `build` does before the manuscript is read, on a thread of its own while the
//! texts load: the fonts, the EPUB's cover (it needs only `edition.toml`'s metadata and
//! the text face) and the summary the last build left (read and parsed for the revision
//! report). Each is checked against the loaded manuscript before it is used.

use super::build::{BuildArgs, Format, cover_fonts};
use super::revision::{self, Earlier};
use crate::diag::Diagnostic;
use crate::manuscript;
use crate::model::VolumeMeta;
use crate::render::epub;
use crate::typeset::FontSet;

pub struct Early {
    pub fonts: Result<FontSet, Vec<Diagnostic>>,
    /// The metadata the cover was made from, and the cover; `None` when no EPUB is
    /// wanted or `edition.toml` did not parse (the load then says why).
    pub cover: Option<(VolumeMeta, Result<epub::CoverImage, Diagnostic>)>,
    /// The outputs' file stem and the summary an earlier build left beside them.
    pub earlier: Option<(String, Earlier)>,
}

impl Early {
    pub fn make(args: &BuildArgs) -> Early {
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
        Early {
            fonts,
            cover,
            earlier,
        }
    }
}
