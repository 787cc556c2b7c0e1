//! `edition build` (and `edition` alone): reads the manuscript, renders the EPUB and the
//! PDF presets in memory, and writes them atomically only when everything succeeded.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::Args;

use crate::backmatter::BackMatter;
use crate::diag::{Diagnostic, Diagnostics, codes};
use crate::manuscript::{self, Manuscript};
use crate::model::Volume;
use crate::output::{self, OutputFile, Pending};
use crate::render::epub;
use crate::timings;
use crate::typeset::{FontSet, PageMap, Preset, Style, TypesetOptions, Warm};

use super::early::Early;
use super::paged;
use super::report::{print_diagnostics, summary};
use super::revision;
use super::{EXIT_ERRORS, EXIT_USAGE, ManuscriptArgs};

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
    /// Print the time each stage took (load, apparatus, typeset, PDF, EPUB…) on stderr.
    #[arg(long)]
    pub timings: bool,
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
            timings: false,
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
    if args.timings {
        timings::enable();
    }
    // An unknown preset is a usage error, like a misspelt flag: exit 2 before any work.
    let mut usage = Diagnostics::new();
    let presets = parse_presets(&args.preset, &mut usage);
    if usage.has_errors() {
        print_diagnostics(&crate::diag::Sources::new(), &usage);
        return EXIT_USAGE;
    }
    // krilla compresses the pages drawn on rayon's threads: off the critical path.
    crate::priority::lower_compression_pool();
    // The fonts, the EPUB's cover and the last build's summary need only `fonts/`,
    // `edition.toml` and the output folder: they are read and made on a second thread
    // while the manuscript is read (which keeps one core busy). That thread then warms
    // the typesetter's caches with the texts' words, from when the texts are parsed
    // until the apparatus is computed.
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let (parsed, received) = std::sync::mpsc::channel::<Volume>();
        let early = scope.spawn(|| Early::make(args, received, &stop));
        build(
            args,
            &presets,
            start,
            Warming {
                parsed,
                stop: &stop,
            },
            early,
        )
    })
}

/// The texts as parsed, for [`Early`] to warm the typesetter's caches with, and when it
/// must stop.
struct Warming<'a> {
    parsed: std::sync::mpsc::Sender<Volume>,
    stop: &'a AtomicBool,
}

/// Reads the manuscript, renders and writes; `early` is the thread of the fonts, the
/// cover and the last summary ([`Early`]).
fn build(
    args: &BuildArgs,
    presets: &[Preset],
    start: std::time::Instant,
    warming: Warming,
    early: std::thread::ScopedJoinHandle<'_, Early>,
) -> u8 {
    let Warming { parsed, stop } = warming;
    // The sender goes with the callback, so the early thread stops waiting for the texts
    // once the manuscript is loaded, whether they were sent or not.
    let loaded = timings::time("load (with apparatus)", || {
        // No import report is shown: its word counts are not made.
        let counts = manuscript::WordCounts::NotCounted;
        manuscript::load_observed(&args.manuscript.manuscript, counts, move |volume| {
            // The early thread may be gone (fonts missing): nothing to warm then.
            let _ = parsed.send(volume.clone());
        })
    });
    stop.store(true, Ordering::Relaxed);
    let mut diags = loaded.diagnostics;
    let Some(mut m) = loaded.manuscript.filter(|_| !diags.has_errors()) else {
        print_diagnostics(&loaded.sources, &diags);
        return EXIT_ERRORS;
    };
    // The import reports serve `check` and `import` only (fifty volumes' reports are
    // 12 MB).
    m.imports = Vec::new();
    let m = m;
    // Note wording that fails in e-readers' pop-ups is reported whatever the format.
    diags.extend(epub::lint_notes(&m.volume));
    // Temporary files a killed build left are removed before this build stages its own
    // (some outputs are staged as soon as they are made: `Pending::early`).
    output::clean_stale_temporaries(&args.out);
    // The summary of this build, compared with the last one's and written beside it, is
    // made on a second thread while the outputs are rendered: it reads only the model.
    let ((mut files, quality_lines), (compared, summary_file, counts)) =
        std::thread::scope(|scope| {
            let early = early
                .join()
                .expect("loading fonts and the cover does not panic");
            let earlier = early
                .earlier
                .filter(|(name, _)| *name == m.output_name())
                .map(|(_, earlier)| earlier);
            let compared = scope.spawn(|| {
                crate::priority::off_critical_path();
                timings::time("revision summary", || {
                    let mut compared = match earlier {
                        Some(earlier) => revision::compare_with(&m, &loaded.sources, earlier),
                        None => revision::compare(&m, &loaded.sources, &args.out),
                    };
                    let file = Pending::early(&args.out, compared.file(&m));
                    // The printed counts of words and notes too: they read only the model.
                    (compared, file, summary(&m.volume))
                })
            });
            // A cover made from metadata that changed since (the file was edited during the
            // build) is made again from what was loaded.
            let cover = early
                .cover
                .filter(|(meta, _)| *meta == m.volume.meta)
                .map(|(_, cover)| cover);
            let warm = early.warm.map(Arc::new);
            let rendered = match early.fonts {
                Ok(fonts) => render(&m, &fonts, args, presets, cover, warm, &mut diags),
                Err(found) => {
                    diags.extend(found);
                    (Vec::new(), Vec::new())
                }
            };
            let compared = compared
                .join()
                .expect("the revision summary does not panic");
            (rendered, compared)
        });
    if diags.has_errors() {
        print_diagnostics(&loaded.sources, &diags);
        eprintln!("nothing was written");
        return EXIT_ERRORS;
    }
    if let Some(r) = &compared.revision {
        diags.extend(r.diagnostics.iter().cloned());
    }
    files.push(summary_file);
    match timings::time("write", || output::write_all(&args.out, files)) {
        Ok(paths) => {
            if args.timings {
                eprint!("{}", timings::report(&timings::take()));
            }
            print_diagnostics(&loaded.sources, &diags);
            print!("{counts}{}", m.apparatus.summary());
            print!("{}", compared.report());
            for line in &quality_lines {
                println!("{line}");
            }
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

/// Renders every requested output in memory. The A5 reference edition is typeset once:
/// the page map of its body gives the EPUB its print page numbers, and it is the A5 PDF.
fn render(
    m: &Manuscript,
    fonts: &FontSet,
    args: &BuildArgs,
    presets: &[Preset],
    cover: Option<Result<epub::CoverImage, Diagnostic>>,
    warm: Option<Arc<Warm>>,
    diags: &mut Diagnostics,
) -> (Vec<Pending>, Vec<String>) {
    let name = m.output_name();
    // The back matter (parts made from the apparatus) serves every preset and the EPUB.
    let back = BackMatter::new(&m.volume, &m.apparatus);
    let want_epub = args.format.contains(&Format::Epub);
    let want_pdf = args.format.contains(&Format::Pdf);
    let (mut files, mut quality_lines) = (Vec::new(), Vec::new());
    // The EPUB needs of the A5 edition only its body's page numbers: its thread waits
    // for them (making the cover meanwhile when it was not made while the manuscript
    // loaded: its metadata changed since) and writes the EPUB beside the rest of the
    // typesetting and the PDFs. The two share nothing but read-only data.
    let epub = std::thread::scope(|scope| {
        let (body_map, body_map_received) = std::sync::mpsc::channel::<PageMap>();
        let back = &back;
        let epub_name = format!("{name}.epub");
        let epub = want_epub.then(|| {
            scope.spawn(move || {
                crate::priority::off_critical_path();
                let cover = cover
                    .unwrap_or_else(|| epub::render_cover(&m.volume.meta, &cover_fonts(fonts)));
                // None when the A5 edition could not be paginated.
                let pages = body_map_received.recv().ok();
                let (epub, cover_failed) = match cover {
                    Ok(image) => (write_epub(m, back, fonts, pages, Some(image)), None),
                    Err(d) => (write_epub(m, back, fonts, pages, None), Some(d)),
                };
                // Staged here, while the PDF is still drawn: its writing and syncing
                // leave the build's tail, and its bytes are freed.
                let epub = epub.map(|bytes| {
                    let file = OutputFile {
                        name: epub_name,
                        bytes,
                    };
                    Pending::early(&args.out, file)
                });
                (epub, cover_failed)
            })
        });
        // The A5 edition is typeset for the EPUB's page numbers even when its PDF is not
        // asked for; then its pages are dropped as they are placed.
        let reference_pdf = want_pdf && presets.contains(&Preset::A5);
        let mut runs: Vec<Preset> = Vec::new();
        if want_epub || reference_pdf {
            runs.push(Preset::A5);
        }
        runs.extend(
            presets
                .iter()
                .copied()
                .filter(|&p| want_pdf && p != Preset::A5),
        );
        let mut body_map = Some(body_map);
        // Each PDF with its quality line, reported in the order the presets were asked.
        let mut pdfs = Vec::new();
        let last = runs.len().saturating_sub(1);
        let mut warm = warm;
        for (k, preset) in runs.into_iter().enumerate() {
            let inputs = paged::Inputs {
                m,
                back,
                fonts,
                options: TypesetOptions {
                    preset,
                    keep_whole: keep_whole(m),
                    // The last run takes the caches: they go with its layouts.
                    warm: if k == last { warm.take() } else { warm.clone() },
                    ..TypesetOptions::default()
                },
            };
            let draw = want_pdf && presets.contains(&preset);
            let to_epub = if preset == Preset::A5 {
                body_map.take()
            } else {
                None
            };
            let rendered = paged::typeset_and_draw(inputs, draw, |map| {
                // The EPUB's thread may be gone (no EPUB asked for): nothing to tell.
                if let Some(to_epub) = to_epub {
                    let _ = to_epub.send(map);
                }
            });
            let rendered = match rendered {
                Ok(rendered) => rendered,
                Err(found) => {
                    diags.extend(found);
                    continue;
                }
            };
            match rendered.pdf {
                Some(Ok(bytes)) => {
                    let line = format!("  {:<7} {}", preset.name(), rendered.quality.summary());
                    let file = OutputFile {
                        name: format!("{name}-{}.pdf", preset.name()),
                        bytes,
                    };
                    let asked = presets.iter().position(|&p| p == preset);
                    pdfs.push((asked, line, file));
                }
                Some(Err(d)) => diags.push(d),
                None => {}
            }
        }
        // No A5 run (no EPUB, no A5 PDF): the EPUB's thread, if any, hears nothing.
        drop(body_map);
        pdfs.sort_by_key(|(asked, _, _)| *asked);
        for (_, line, file) in pdfs {
            quality_lines.push(line);
            files.push(Pending::Bytes(file));
        }
        epub.map(|handle| handle.join().expect("the EPUB writer does not panic"))
    });
    if let Some((epub, cover_failed)) = epub {
        diags.extend(cover_failed);
        match epub {
            Ok(pending) => files.insert(0, pending),
            Err(d) => diags.push(d),
        }
    }
    (files, quality_lines)
}

/// Words the typesetter never hyphenates: every word of the name index's variants and
/// the glossary's short forms and aliases (a split name or acronym reads badly and is
/// missed by a search of the PDF).
fn keep_whole(m: &Manuscript) -> BTreeSet<String> {
    let names = m.apparatus.index.iter().flat_map(|e| e.variants.iter());
    let acronyms = m
        .apparatus
        .glossary
        .iter()
        .flat_map(|e| std::iter::once(&e.short).chain(e.aliases.iter()));
    names
        .chain(acronyms)
        .flat_map(|form| form.split_whitespace())
        .map(str::to_string)
        .collect()
}

/// The EPUB, with print page numbers from the A5 edition's body when it was paginated.
fn write_epub(
    m: &Manuscript,
    back: &BackMatter,
    fonts: &FontSet,
    body_map: Option<PageMap>,
    cover: Option<epub::CoverImage>,
) -> Result<Vec<u8>, Diagnostic> {
    let pages = body_map.map(|map| epub::PrintPages {
        map,
        edition: print_edition(m),
    });
    let options = epub::EpubOptions {
        cover_image: cover,
        pages,
        heading_fonts: Some(epub::HeadingFonts {
            regular: fonts.face(Style::Regular).data.clone(),
            bold: fonts.face(Style::Bold).data.clone(),
        }),
        back_matter: Some(back),
        ..epub::EpubOptions::default()
    };
    timings::time("epub (all)", || epub::write_epub(&m.volume, &options))
}

/// How the EPUB's `dc:source` names the printed edition its page numbers follow.
fn print_edition(m: &Manuscript) -> String {
    format!(
        "{} — A5 print edition ({})",
        m.volume.meta.title, m.volume.meta.identifier
    )
}

/// The cover is set in the text face: bold title, italic subtitle, regular names.
pub(super) fn cover_fonts(fonts: &FontSet) -> epub::CoverFonts {
    let bytes = |style: Style| fonts.face(style).data.clone();
    epub::CoverFonts {
        title: bytes(Style::Bold),
        subtitle: bytes(Style::Italic),
        names: bytes(Style::Regular),
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
