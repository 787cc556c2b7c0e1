//! The presets on the real volume: every preset's body text runs 60–70 characters to the
//! line; the booklet's first A4 sheet carries the right A5 pages in saddle-stitch order;
//! the source line under each title gives its date in words, as the EPUB does.

mod pdf_common;

use reader_edition::model::Volume;
use reader_edition::render::pdf::write_pdf;
use reader_edition::typeset::{FontSet, Page, PagedVolume, Preset, TypesetOptions, typeset};

fn volume() -> Volume {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("manuscript");
    let loaded = reader_edition::manuscript::load(&root);
    loaded.manuscript.expect("the manuscript loads").volume
}

fn set(volume: &Volume, fonts: &FontSet, preset: Preset) -> PagedVolume {
    typeset(volume, fonts, &TypesetOptions::new(preset)).unwrap_or_else(|d| panic!("{d:?}"))
}

/// Writes the PDF of `paged` to a file of this process and returns its path.
fn write(volume: &Volume, fonts: &FontSet, paged: &PagedVolume) -> String {
    let bytes = write_pdf(paged, fonts, &volume.meta).unwrap();
    let path = std::env::temp_dir().join(format!(
        "reader-edition-presets-{}-{}.pdf",
        std::process::id(),
        paged.preset.name()
    ));
    std::fs::write(&path, bytes).unwrap();
    path.display().to_string()
}

/// Characters of every full body line (body size, filling at least 95% of the measure):
/// the runs of one baseline of one page joined, as the reader sees them.
fn full_body_lines(paged: &PagedVolume) -> Vec<usize> {
    let g = &paged.geometry;
    let mut counts = Vec::new();
    for page in &paged.pages {
        let mut lines: Vec<(f32, f32, f32, usize)> = Vec::new(); // y, left, right, chars
        for run in page.runs.iter().filter(|r| r.size == g.body.size) {
            let right = run.x + run.glyphs.iter().map(|gl| gl.advance).sum::<f32>();
            let chars = run.text.chars().count();
            match lines.iter_mut().find(|l| (l.0 - run.y).abs() < 0.01) {
                Some(l) => {
                    l.1 = l.1.min(run.x);
                    l.2 = l.2.max(right);
                    l.3 += chars;
                }
                None => lines.push((run.y, run.x, right, chars)),
            }
        }
        counts.extend(
            lines
                .iter()
                .filter(|l| l.2 - l.1 >= 0.95 * g.measure())
                .map(|l| l.3),
        );
    }
    counts
}

#[test]
fn body_lines_hold_60_to_70_characters_in_every_preset() {
    let volume = volume();
    let fonts = FontSet::load(&pdf_common::fonts_dir()).unwrap();
    for preset in [Preset::A5, Preset::A4, Preset::Letter] {
        let counts = full_body_lines(&set(&volume, &fonts, preset));
        assert!(counts.len() > 1000, "{preset:?}: {} lines", counts.len());
        let average = counts.iter().sum::<usize>() as f32 / counts.len() as f32;
        println!(
            "{:<7} {average:.1} characters per full body line ({} lines)",
            preset.name(),
            counts.len()
        );
        assert!(
            (60.0..=70.0).contains(&average),
            "{preset:?}: {average:.1} characters per line"
        );
    }
}

/// The text `pdftotext` finds on page `page` (1-based) of `path`, within `crop` (x, y,
/// width, height in points) when given.
fn page_text(path: &str, page: usize, crop: Option<[f32; 4]>) -> String {
    let n = page.to_string();
    let mut args = vec!["-f".to_string(), n.clone(), "-l".to_string(), n];
    if let Some([x, y, w, h]) = crop {
        for (flag, v) in [("-x", x), ("-y", y), ("-W", w), ("-H", h)] {
            args.push(flag.to_string());
            args.push((v.round() as i64).to_string());
        }
    }
    args.push(path.to_string());
    args.push("-".to_string());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    pdf_common::tool("pdftotext", &args).unwrap_or_default()
}

/// The words of a page's text.
fn words(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_string).collect()
}

/// What a page shows, as (text, x, y) of each run, x from the page's left edge.
fn runs(page: &Page, left: f32, width: f32) -> Vec<(String, f32, f32)> {
    page.runs
        .iter()
        .filter(|r| r.x >= left - 0.01 && r.x < left + width)
        .map(|r| (r.text.clone(), r.x - left, r.y))
        .collect()
}

fn same(a: &[(String, f32, f32)], b: &[(String, f32, f32)]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x.0 == y.0 && (x.1 - y.1).abs() < 0.01 && (x.2 - y.2).abs() < 0.01)
}

#[test]
fn the_booklet_is_in_saddle_stitch_order() {
    let volume = volume();
    let fonts = FontSet::load(&pdf_common::fonts_dir()).unwrap();
    let a5 = set(&volume, &fonts, Preset::A5);
    let booklet = set(&volume, &fonts, Preset::Booklet);
    let pages = a5.pages.len();
    // Blank pages pad the book to whole sheets (four pages each), two sides per sheet.
    let padded = pages.div_ceil(4) * 4;
    assert_eq!(booklet.pages.len(), padded / 2, "{pages} A5 pages");
    let width = a5.geometry.page_width;
    let margin = booklet.geometry.page_width / 2.0 - width;
    let half =
        |side: usize, slot: usize| runs(&booklet.pages[side], margin + slot as f32 * width, width);
    let page = |i: usize| {
        a5.pages
            .get(i)
            .map_or_else(Vec::new, |p| runs(p, 0.0, width))
    };
    // Signature by signature: some size of 4 to 40 pages (in fours) whose sheets, folded
    // and nested, give the next pages in order: the front of sheet k carries the
    // signature's pages n − 1 − 2k (left) and 2k (right), its back 2k + 1 and n − 2 − 2k.
    let (mut side, mut first, mut sizes) = (0, 0, Vec::new());
    while first < padded {
        let fits = |n: usize| {
            first + n <= padded
                && (0..n / 4).all(|k| {
                    let (front, back) = (side + 2 * k, side + 2 * k + 1);
                    same(&half(front, 0), &page(first + n - 1 - 2 * k))
                        && same(&half(front, 1), &page(first + 2 * k))
                        && same(&half(back, 0), &page(first + 2 * k + 1))
                        && same(&half(back, 1), &page(first + n - 2 - 2 * k))
                })
        };
        let n = (4..=40)
            .rev()
            .step_by(4)
            .find(|&n| fits(n))
            .unwrap_or_else(|| {
                panic!("no signature of 4 to 40 pages starts at page {}", first + 1)
            });
        sizes.push(n);
        side += n / 2;
        first += n;
    }
    println!("{pages} A5 pages in signatures of {sizes:?}");
    assert_eq!(side, booklet.pages.len());

    // The printed first sheet, as pdftotext reads its halves: the first page on the
    // right of the front, the second on the left of the back.
    let a5_path = write(&volume, &fonts, &a5);
    let booklet_path = write(&volume, &fonts, &booklet);
    let height = booklet.geometry.page_height;
    let printed = |side: usize, slot: usize| {
        let x = margin + slot as f32 * width;
        words(&page_text(
            &booklet_path,
            side + 1,
            Some([x, 0.0, width, height]),
        ))
    };
    let a5_page = |index: usize| words(&page_text(&a5_path, index + 1, None));
    assert!(!a5_page(0).is_empty());
    assert_eq!(printed(0, 1), a5_page(0), "page 1 opens the first sheet");
    assert_eq!(
        printed(1, 0),
        a5_page(1),
        "page 2 on the back of the first sheet"
    );
    let n = sizes[0];
    assert_eq!(
        printed(0, 0),
        a5_page(n - 1),
        "page {n} closes the first signature"
    );
    assert_eq!(printed(1, 1), a5_page(n - 2));
}

#[test]
fn source_lines_give_dates_in_words() {
    let volume = volume();
    let fonts = FontSet::load(&pdf_common::fonts_dir()).unwrap();
    let paged = set(&volume, &fonts, Preset::A5);
    let text: String = paged
        .pages
        .iter()
        .flat_map(|p| p.runs.iter())
        .map(|r| r.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let mut dated = 0;
    for t in &volume.texts {
        let Some(date) = &t.meta.date else { continue };
        let spelled = reader_edition::config::display_date(date);
        assert!(text.contains(&spelled), "{}: no «{spelled}»", t.id);
        if date.len() == 10 {
            assert!(!text.contains(date.as_str()), "{}: {date} printed", t.id);
            dated += 1;
        }
    }
    assert!(dated >= 2, "only {dated} texts dated to the day");
}
