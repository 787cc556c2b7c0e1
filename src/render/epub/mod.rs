//! EPUB 3 writer: XHTML, OPF, nav and NCX from the model, packaged with the zip crate.
//!
//! Stages: `xml` (escaping, balanced writer) → `xhtml` (document shell, blocks and
//! inlines) → documents (`cover`, `front`: title page and contents, `colophon`,
//! `texts`) → package documents (`outline`, `nav`, `opf`) → `ocf` (the zip). `error`
//! checks what the writer relies on; `lint` warns about notes that fail as pop-ups.
//! Nothing here reads a clock or iterates a hash map, so two builds are byte-identical.
//!
//! Spine: cover (when fonts are given), title page, colophon, contents, one document
//! per text with its notes at its foot, one per part of the back matter (`back`:
//! glossary, emendations, index of names, with the ids and acronyms they need placed in
//! the texts through `spots`). Outside the spine: nav.xhtml, toc.ncx, the
//! stylesheet and the cover image.

mod back;
mod colophon;
mod cover;
mod error;
mod fonts;
mod front;
mod lint;
mod nav;
mod ocf;
mod opf;
mod outline;
mod pages;
mod shell;
mod spots;
mod texts;
mod url;
mod xhtml;
mod xml;

use std::collections::BTreeMap;

use crate::backmatter::{BackMatter, PartKind};
use crate::diag::Diagnostic;
use crate::model::{Text, Volume};
use crate::typeset::PageFinder;

use ocf::{Compression, PackageFile};
use opf::ManifestItem;
use outline::NavEntry;

pub use cover::{CoverFonts, CoverImage, render_cover};
pub use fonts::HeadingFonts;
pub use lint::lint_notes;
pub use pages::PrintPages;
pub use xml::{escape_attr, escape_text};

/// The stylesheet's file name in the package, linked from every document.
pub const STYLESHEET_FILE: &str = "style.css";

/// The stylesheet, kept as a CSS file next to this module for readable diffs.
const STYLESHEET: &str = include_str!("style.css");

const XHTML: &str = "application/xhtml+xml";

/// File names of the fixed documents of the package.
const TITLE_PAGE_FILE: &str = "titlepage.xhtml";
const COLOPHON_FILE: &str = "colophon.xhtml";
const CONTENTS_FILE: &str = "contents.xhtml";
const NAV_FILE: &str = "nav.xhtml";
const NCX_FILE: &str = "toc.ncx";
const COVER_FILE: &str = "cover.xhtml";
const COVER_IMAGE_FILE: &str = "cover.png";

/// What the EPUB writer needs beyond the volume.
#[derive(Debug, Clone)]
pub struct EpubOptions<'a> {
    /// Levels of sections listed under each text on the contents page (0: texts only).
    pub contents_depth: usize,
    /// Levels of sections listed under each text in nav.xhtml and toc.ncx.
    pub nav_depth: usize,
    /// The fonts to set a generated cover in; `None` makes a book without a cover.
    pub cover: Option<CoverFonts>,
    /// A cover rendered beforehand by [`render_cover`] (the build renders it while the
    /// PDF is typeset); when given, it is used and `cover` is not rendered again.
    pub cover_image: Option<CoverImage>,
    /// The pagination of the printed edition, for page-break markers and the page
    /// list; `None` makes a book without print page numbers.
    pub pages: Option<PrintPages>,
    /// The edition's faces for headings (used when the reader allows publisher fonts);
    /// `None` leaves every font to the reading system.
    pub heading_fonts: Option<HeadingFonts>,
    /// The back matter (glossary, index, emendations); `None` makes a book without.
    /// Borrowed: the build makes it once for the A5 typesetting and the EPUB.
    pub back_matter: Option<&'a BackMatter>,
}

impl Default for EpubOptions<'_> {
    /// The contents page lists texts and their top-level sections, so it stays a page
    /// or two; the navigation gives every heading, as reading systems fold it.
    fn default() -> Self {
        EpubOptions {
            contents_depth: 1,
            nav_depth: 5,
            cover: None,
            cover_image: None,
            pages: None,
            heading_fonts: None,
            back_matter: None,
        }
    }
}

/// What the zip is expected to take beyond the files stored whole (faces, cover): the
/// volume's documents deflated (180 KB for this edition's 37,800 words). A larger book
/// grows the buffer from there.
const DOCUMENTS_ALLOWANCE: usize = 256 * 1024;

/// Writes `volume` as an EPUB 3 file and returns its bytes.
pub fn write_epub(volume: &Volume, options: &EpubOptions) -> Result<Vec<u8>, Diagnostic> {
    error::check_volume(volume)?;
    let stored = options
        .heading_fonts
        .as_ref()
        .map_or(0, |f| f.regular.len() + f.bold.len())
        + options.cover_image.as_ref().map_or(0, |c| c.png.len());
    let mut package = ocf::Package::new(stored + DOCUMENTS_ALLOWANCE).map_err(error::packaging)?;
    let files = package_files(volume, options, &mut package)?;
    crate::timings::time("epub zip", || {
        for f in files {
            package.add(f)?;
        }
        package.finish()
    })
    .map_err(error::packaging)
}

/// The stylesheet, with the embedded faces' rules first when there are any.
fn stylesheet(fonts: Option<&HeadingFonts>) -> String {
    match fonts {
        Some(f) => format!("{}{STYLESHEET}", f.stylesheet_rules()),
        None => STYLESHEET.to_string(),
    }
}

/// The file name of a text's document: its position and its slug, reduced to
/// characters that are safe in file names and URLs.
fn text_file(index: usize, text: &Text) -> String {
    let slug: String = text
        .id
        .as_str()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("text-{:02}-{}.xhtml", index + 1, slug.trim_matches('-'))
}

/// An XHTML document read in order (in the spine).
fn spine_item(id: &str, href: &str) -> ManifestItem {
    ManifestItem {
        id: id.to_string(),
        href: href.to_string(),
        media_type: XHTML,
        properties: None,
        in_spine: true,
    }
}

/// The landmarks of the book, in reading order: cover (when there is one), title page,
/// colophon, contents, the start of the first text, the chronology, glossary and index.
fn landmarks(
    cover_page: Option<&str>,
    first_text: Option<String>,
    back: &[back::BackDocument],
) -> Vec<nav::Landmark> {
    let mark = |epub_type, label: &str, href: &str| nav::Landmark {
        epub_type,
        label: label.to_string(),
        href: href.to_string(),
    };
    let mut marks = Vec::new();
    if let Some(href) = cover_page {
        marks.push(mark("cover", "Cover", href));
    }
    marks.push(mark("titlepage", front::TITLE_PAGE_LABEL, TITLE_PAGE_FILE));
    marks.push(mark("colophon", colophon::COLOPHON_LABEL, COLOPHON_FILE));
    marks.push(mark("toc", front::CONTENTS_LABEL, CONTENTS_FILE));
    if let Some(href) = first_text {
        marks.push(mark("bodymatter", "Start of Content", &href));
    }
    for doc in back {
        // The vocabulary has no term for a chronology: it is an appendix.
        let epub_type = match doc.kind {
            PartKind::Chronology => "appendix",
            PartKind::Glossary => "glossary",
            PartKind::Index => "index",
            PartKind::Emendations => continue,
        };
        marks.push(mark(epub_type, doc.kind.title(), &doc.file));
    }
    marks
}

/// The files of the EPUB: the texts' documents go into `package` as they are made (the
/// bulk of a large book), the rest is returned, in order, to follow them.
fn package_files(
    volume: &Volume,
    options: &EpubOptions,
    package: &mut ocf::Package,
) -> Result<Vec<PackageFile>, Diagnostic> {
    let meta = &volume.meta;
    let lang = meta.language.as_str();
    // Each document of the spine, with its XHTML unless it is in `package` already.
    let mut spine: Vec<(ManifestItem, Option<String>)> = Vec::new();
    let cover_png = match (&options.cover_image, &options.cover) {
        (Some(image), _) => Some(image.png.clone()),
        (None, Some(fonts)) => Some(render_cover(meta, fonts)?.png),
        (None, None) => None,
    };
    if cover_png.is_some() {
        let page = cover::cover_page(meta, COVER_IMAGE_FILE);
        spine.push((spine_item("cover", COVER_FILE), Some(page)));
    }
    spine.push((
        spine_item("titlepage", TITLE_PAGE_FILE),
        Some(front::title_page(meta)),
    ));
    spine.push((
        spine_item("colophon", COLOPHON_FILE),
        Some(colophon::colophon(volume)),
    ));

    let mut toc = vec![NavEntry::leaf(colophon::COLOPHON_LABEL, COLOPHON_FILE)];
    let mut lines = Vec::new();
    let mut text_docs = Vec::new();
    let mut languages: Vec<String> = Vec::new();
    let mut page_list = Vec::new();
    let files: BTreeMap<_, _> = volume
        .texts
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.clone(), text_file(i, t)))
        .collect();
    let back = match options.back_matter {
        Some(b) => {
            let locate = back::Locate {
                back: b,
                files: &files,
                pages: options.pages.as_ref().map(|p| PageFinder::new(&p.map)),
            };
            back::documents(b, &locate, lang)?
        }
        None => back::BackDocuments::default(),
    };
    let mut spots = back.spots;
    let mut marks_by_text = match &options.pages {
        Some(p) => pages::PageMarks::by_text(&p.map),
        None => BTreeMap::new(),
    };
    for (i, text) in volume.texts.iter().enumerate() {
        let file = text_file(i, text);
        let marks = marks_by_text.remove(&text.id).unwrap_or_default();
        let text_spots = spots.split_off(&text.blocks);
        let doc = texts::text_document(text, &file, lang, marks, text_spots)?;
        page_list.extend(doc.pages.iter().map(|label| {
            NavEntry::leaf(label.clone(), format!("{file}#{}", pages::page_id(label)))
        }));
        let text_lang = texts::text_language(text, lang).to_string();
        let mut entry = NavEntry::leaf(doc.label.clone(), file.clone());
        entry.children = doc.sections.clone();
        if text_lang != lang {
            entry.set_lang(&text_lang);
        }
        // A title in its own language marks its entry, not the sections below it.
        let title_lang = texts::title_language(text, lang).unwrap_or(&text_lang);
        entry.lang = (title_lang != lang).then(|| title_lang.to_string());
        toc.push(entry.truncated(options.nav_depth + 1));
        lines.push(front::ContentsLine {
            entry,
            author: text.meta.author.clone(),
        });
        if !languages.contains(&text_lang) {
            languages.push(text_lang);
        }
        package
            .add(PackageFile {
                path: file.clone(),
                bytes: doc.xhtml.into(),
                compression: Compression::Deflate,
            })
            .map_err(error::packaging)?;
        text_docs.push((spine_item(&format!("text-{:02}", i + 1), &file), None));
    }
    for doc in &back.documents {
        toc.push(doc.nav.clone());
        lines.push(front::ContentsLine {
            entry: doc.nav.clone(),
            author: None,
        });
    }
    spine.push((
        spine_item("contents", CONTENTS_FILE),
        Some(front::contents_page(meta, &lines, options.contents_depth)),
    ));
    let first_text = text_docs.first().map(|(item, _)| item.href.clone());
    spine.extend(text_docs);
    let landmarks = landmarks(
        cover_png.as_ref().map(|_| COVER_FILE),
        first_text,
        &back.documents,
    );
    let has_index = back.documents.iter().any(|d| d.kind == PartKind::Index);
    spine.extend(
        back.documents
            .into_iter()
            .map(|d| (spine_item(d.kind.slug(), &d.file), Some(d.xhtml))),
    );
    let title = front::volume_title(meta);
    let nav_xhtml = nav::nav_document(meta, &toc, &landmarks, &page_list, front::CONTENTS_LABEL);
    let ncx = nav::ncx_document(meta, &title, &toc, &page_list);

    let mut items = vec![
        ManifestItem {
            properties: Some("nav"),
            in_spine: false,
            ..spine_item("nav", NAV_FILE)
        },
        ManifestItem {
            id: "ncx".into(),
            href: NCX_FILE.into(),
            media_type: "application/x-dtbncx+xml",
            properties: None,
            in_spine: false,
        },
        ManifestItem {
            id: "style".into(),
            href: STYLESHEET_FILE.into(),
            media_type: "text/css",
            properties: None,
            in_spine: false,
        },
    ];
    if let Some(fonts) = &options.heading_fonts {
        items.extend(fonts.manifest_items());
    }
    if cover_png.is_some() {
        items.push(ManifestItem {
            id: "cover-image".into(),
            href: COVER_IMAGE_FILE.into(),
            media_type: "image/png",
            properties: Some("cover-image"),
            in_spine: false,
        });
    }
    items.extend(spine.iter().map(|(item, _)| item.clone()));
    let pagination = options
        .pages
        .as_ref()
        .filter(|_| !page_list.is_empty())
        .map(|p| p.edition.as_str());
    let features: &[&str] = if has_index { &["index"] } else { &[] };
    let opf = opf::package_document(volume, &items, &languages, pagination, features);

    let opf_name = ocf::OPF_PATH
        .strip_prefix(ocf::PACKAGE_DIR)
        .unwrap_or(ocf::OPF_PATH)
        .trim_start_matches('/');
    let mut files = vec![
        PackageFile {
            path: opf_name.to_string(),
            bytes: opf.into(),
            compression: Compression::Deflate,
        },
        PackageFile {
            path: NAV_FILE.into(),
            bytes: nav_xhtml.into(),
            compression: Compression::Deflate,
        },
        PackageFile {
            path: NCX_FILE.into(),
            bytes: ncx.into(),
            compression: Compression::Deflate,
        },
        PackageFile {
            path: STYLESHEET_FILE.into(),
            bytes: stylesheet(options.heading_fonts.as_ref()).into(),
            compression: Compression::Deflate,
        },
    ];
    if let Some(fonts) = &options.heading_fonts {
        files.extend(fonts.package_files());
        files.push(PackageFile {
            path: fonts::APPLE_DISPLAY_OPTIONS_PATH.into(),
            bytes: fonts::apple_display_options().into(),
            compression: Compression::Deflate,
        });
    }
    if let Some(png) = cover_png {
        // PNG data is compressed already; deflating it again gains nothing.
        files.push(PackageFile {
            path: COVER_IMAGE_FILE.into(),
            bytes: png.into(),
            compression: Compression::Store,
        });
    }
    files.extend(spine.into_iter().filter_map(|(item, xhtml)| {
        Some(PackageFile {
            path: item.href,
            bytes: xhtml?.into(),
            compression: Compression::Deflate,
        })
    }));
    Ok(files)
}
