//! A PDF preset of `edition build`: typeset on a second thread while the calling thread
//! draws each page as soon as it is finished, so a page's glyph runs live from its
//! placement to its drawing only and the drawing overlaps the typesetting. The drawing
//! is the build's critical path: the typesetting thread runs below it
//! ([`crate::priority`]). A booklet, imposed from the whole volume, is typeset first and
//! drawn after.

use std::sync::mpsc::{Receiver, sync_channel};

use crate::backmatter::BackMatter;
use crate::diag::Diagnostic;
use crate::manuscript::Manuscript;
use crate::render::pdf::{self, DrawOrder, PdfWriter};
use crate::timings;
use crate::typeset::{
    self, FontSet, Geometry, OutlineEntry, Page, PageMap, Preset, Quality, TypesetOptions,
};

/// Finished pages waiting for the drawing thread, at most: enough that the typesetting
/// never waits on the drawing in a volume of a few hundred pages (it then goes on to the
/// back matter, and the EPUB gets the body's page numbers, as soon as it can), few
/// enough that a volume of thousands of pages never waits in memory (a page holds about
/// 20 kB of glyph runs: 5 MB at most).
const PAGES_IN_FLIGHT: usize = 256;

/// What one preset gives: its quality counts, and its PDF when one was drawn.
pub struct Rendered {
    pub quality: Quality,
    pub pdf: Option<Result<Vec<u8>, Diagnostic>>,
}

/// What the typesetting sends the drawing thread.
enum ToDraw {
    /// Page `index` of the volume.
    Page(usize, Page),
    /// Every page was sent: the outline, to finish the document.
    Finish(Vec<OutlineEntry>),
}

/// What a run of the typesetter reads (its preset is in `options`).
pub struct Inputs<'a> {
    pub m: &'a Manuscript,
    pub back: &'a BackMatter,
    pub fonts: &'a FontSet,
    pub options: TypesetOptions,
}

/// Typesets `inputs.options.preset`, drawing its PDF when `draw`; `body_paginated` gets
/// the body's page map as soon as the body is paginated. `Err` holds the typesetting's
/// diagnostics.
pub fn typeset_and_draw(
    inputs: Inputs,
    draw: bool,
    body_paginated: impl FnOnce(PageMap) + Send,
) -> Result<Rendered, Vec<Diagnostic>> {
    let Inputs {
        m,
        back,
        fonts,
        options,
    } = inputs;
    let preset = options.preset;
    if preset == Preset::Booklet {
        // Imposition reorders the whole volume: it is typeset in full first.
        let paged = timings::time(format!("typeset {}", preset.name()), || {
            typeset::typeset_observed(&m.volume, Some(back), fonts, &options, body_paginated)
        })?;
        let pdf = draw.then(|| {
            timings::time(format!("pdf {}", preset.name()), || {
                pdf::write_pdf(&paged, fonts, &m.volume.meta)
            })
        });
        return Ok(Rendered {
            quality: paged.quality,
            pdf,
        });
    }
    // The closure owns the options, which hold the last reference to the warm caches:
    // they are freed as soon as the typesetting returns, while the drawing thread draws
    // the last pages, rather than after it finished (3 ms of the build's tail).
    let typeset = move |sink: &mut dyn FnMut(usize, Page)| {
        timings::time(format!("typeset {}", preset.name()), || {
            typeset::typeset_streamed(&m.volume, Some(back), fonts, &options, body_paginated, sink)
        })
    };
    if !draw {
        // Only the page map is wanted (for the EPUB): each page is dropped once placed.
        let done = typeset(&mut |_, _| {})?;
        return Ok(Rendered {
            quality: done.quality,
            pdf: None,
        });
    }
    std::thread::scope(|scope| {
        let (to_draw, received) = sync_channel::<ToDraw>(PAGES_IN_FLIGHT);
        let typesetter = scope.spawn(move || {
            crate::priority::off_critical_path();
            // The drawing may have stopped (a font krilla cannot read): the pages are
            // then dropped, and its error is what the preset gives.
            let done = typeset(&mut |i, page| {
                let _ = to_draw.send(ToDraw::Page(i, page));
            });
            if let Ok(done) = &done {
                let _ = to_draw.send(ToDraw::Finish(done.outline.clone()));
            }
            done
        });
        let geometry = Geometry::for_preset(preset);
        let pdf = timings::time(format!("pdf {}", preset.name()), || {
            draw_pages(fonts, &geometry, &m.volume.meta, received)
        });
        let done = typesetter.join().expect("typesetting does not panic");
        done.map(|done| Rendered {
            quality: done.quality,
            pdf: Some(pdf),
        })
    })
}

/// Draws the pages received until the outline comes, then finishes the document.
fn draw_pages(
    fonts: &FontSet,
    geometry: &Geometry,
    meta: &crate::model::VolumeMeta,
    received: Receiver<ToDraw>,
) -> Result<Vec<u8>, Diagnostic> {
    let mut writer = PdfWriter::new(fonts, geometry, DrawOrder::FrontLast)?;
    for message in received {
        match message {
            ToDraw::Page(index, page) => writer.draw(index, &page),
            ToDraw::Finish(outline) => return writer.finish(&outline, meta),
        }
    }
    Err(Diagnostic::new(
        crate::diag::codes::PDF_WRITE,
        "the typesetting stopped before the last page".to_string(),
    ))
}
