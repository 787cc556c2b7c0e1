//! The back matter on tiny manuscripts: the index of names (Spanish collation, letter
//! groups, "see" cross-references generated and explicit, page ranges merged, the same
//! pages in PDF and EPUB), the glossary (aliases, homographs, `<abbr>` on every use, the
//! first in each text linked both ways), the appendix of emendations, the chronology's
//! year groups (a year-only event without its date), the fallback labels
//! that print page numbers replace, and the diagnostics of bad cross-references.

mod backmatter_support;
mod common;

use std::path::PathBuf;

use backmatter_support::*;
use common::*;
use reader_edition::backmatter::{BackMatter, IndexItem};
use reader_edition::manuscript::Manuscript;
use reader_edition::render::epub::{EpubOptions, PrintPages, write_epub};
use reader_edition::typeset::{FontSet, LinkTarget, TypesetOptions, typeset_with};

fn load(case: &str) -> Manuscript {
    let loaded = reader_edition::manuscript::load(&repo().join(case));
    assert!(
        !loaded.diagnostics.has_errors(),
        "{case}: {:?}",
        loaded.diagnostics.list
    );
    loaded.manuscript.expect("loads")
}

/// Builds `case` with the binary into a fresh folder; returns the folder.
fn build(case: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "reader-edition-backmatter-{}-{}",
        case.replace('/', "-"),
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    let out = edition(&["build", "-m", case, "-o", dir.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{case}: build failed\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir
}

/// One file of an EPUB as text.
fn member(epub: &std::path::Path, name: &str) -> String {
    let (_, bytes) = epub_files(epub)
        .into_iter()
        .find(|(n, _)| n.ends_with(name))
        .unwrap_or_else(|| panic!("{} has no {name}", epub.display()));
    String::from_utf8(bytes).unwrap()
}

/// An EPUB written in memory to a temporary file, for `member`.
fn epub_file(bytes: &[u8], name: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!("{name}-{}.epub", std::process::id()));
    std::fs::write(&path, bytes).unwrap();
    path
}

const INDEX: &str = "tests/fixtures/backmatter/index";
const GLOSSARY: &str = "tests/fixtures/backmatter/glossary";
const EMENDATIONS: &str = "tests/fixtures/backmatter/emendations";
const CHRONOLOGY: &str = "tests/fixtures/chronology/events";

#[test]
fn index_is_filed_with_spanish_collation_and_cross_references() {
    let m = load(INDEX);
    let back = BackMatter::new(&m.volume, &m.apparatus);
    let index = back.index.expect("an index");
    let filed: Vec<(String, Vec<String>)> = index
        .groups
        .iter()
        .map(|g| {
            let items = g
                .items
                .iter()
                .map(|i| match i {
                    IndexItem::Heading(h) => h.heading.clone(),
                    IndexItem::See(s) => {
                        let to: Vec<&str> = s.to.iter().map(|(h, _)| h.as_str()).collect();
                        format!("{} → {}", s.from, to.join("; "))
                    }
                })
                .collect();
            (g.letter.clone(), items)
        })
        .collect();
    let expected: Vec<(&str, Vec<&str>)> = vec![
        (
            "A",
            vec![
                // The surname ends at the comma: "Allende," before "Allende Gossens,".
                "Allende, Andrés Pascal → Pascal Allende, Andrés",
                "Allende, Salvador",
                "Allende Gossens, Salvador → Allende, Salvador",
            ],
        ),
        ("E", vec!["Enríquez, Miguel"]),
        // Accents only break ties; ñ is a letter of its own, after n.
        ("N", vec!["Núñez, Ana", "Nuñez, Pedro"]),
        ("Ñ", vec!["Ñuñez, José"]),
        ("P", vec!["Pascal Allende, Andrés"]),
        ("V", vec!["Viriato → Enríquez, Miguel"]),
    ];
    let expected: Vec<(String, Vec<String>)> = expected
        .into_iter()
        .map(|(l, v)| (l.to_string(), v.into_iter().map(String::from).collect()))
        .collect();
    assert_eq!(filed, expected);
}

#[test]
fn index_pages_merge_into_ranges_and_agree_between_pdf_and_epub() {
    let dir = build(INDEX);
    let pdf = pdf_index(&pdftotext_layout(&dir.join("index-a5.pdf")));
    let epub = epub_index(&member(&dir.join("index.epub"), "index.xhtml"));
    assert_eq!(
        pdf, epub,
        "the PDF's and the EPUB's index list the same pages"
    );
    let text = pdftotext(&dir.join("index-a5.pdf"));
    let line = text
        .lines()
        .find(|l| l.starts_with("Enríquez, Miguel, "))
        .expect("Enríquez in the PDF index");
    // Six paragraphs in a row mention him: they run over consecutive pages.
    assert!(line.contains("1–"), "a merged range: {line}");
    assert!(
        epub["Enríquez, Miguel"].len() >= 4,
        "one EPUB link per page: {:?}",
        epub["Enríquez, Miguel"]
    );
}

#[test]
fn locators_fall_back_to_short_titles_until_print_pages_replace_them() {
    let m = load(INDEX);
    let back = BackMatter::new(&m.volume, &m.apparatus);
    let options = EpubOptions {
        back_matter: Some(&back),
        ..EpubOptions::default()
    };
    let bytes = write_epub(&m.volume, &options).expect("builds without pages");
    let path = epub_file(&bytes, "backmatter-fallback");
    let without = epub_index(&member(&path, "index.xhtml"));
    assert_eq!(
        without["Enríquez, Miguel"],
        ["First", "Second"].map(String::from).into()
    );
    assert_eq!(without["Ñuñez, José"], ["First"].map(String::from).into());

    let fonts = FontSet::load(&repo().join("fonts")).expect("the edition's fonts");
    let paged =
        typeset_with(&m.volume, Some(&back), &fonts, &TypesetOptions::default()).expect("typesets");
    let options = EpubOptions {
        pages: Some(PrintPages {
            map: paged.page_map.clone(),
            edition: "A5".into(),
        }),
        ..options
    };
    let bytes = write_epub(&m.volume, &options).expect("builds with pages");
    let path = epub_file(&bytes, "backmatter-pages");
    let with = epub_index(&member(&path, "index.xhtml"));
    assert_eq!(
        with.keys().collect::<Vec<_>>(),
        without.keys().collect::<Vec<_>>()
    );
    for (heading, labels) in &with {
        assert!(
            labels.iter().all(|l| l.parse::<u32>().is_ok()),
            "{heading}: print pages replace the short titles: {labels:?}"
        );
    }
}

#[test]
fn glossary_marks_every_use_and_links_the_first_in_each_text_both_ways() {
    let m = load(GLOSSARY);
    let back = BackMatter::new(&m.volume, &m.apparatus);
    let options = EpubOptions {
        back_matter: Some(&back),
        ..EpubOptions::default()
    };
    let bytes = write_epub(&m.volume, &options).expect("builds");
    let path = epub_file(&bytes, "backmatter-glossary");
    let essay = member(&path, "text-01-essay.xhtml");
    let memoir = member(&path, "text-02-memoir.xhtml");
    let glossary = member(&path, "glossary.xhtml");
    let up = "title=\"Unidad Popular (Popular Unity)\"";
    // Essay: UP, PU (an alias), UP, UP; memoir: PU.
    assert_eq!(essay.matches(up).count(), 4, "{essay}");
    assert_eq!(memoir.matches(up).count(), 1);
    // Homographs: the memoir's US is the Unified Secretariat, the essay's the country.
    assert!(essay.contains("<abbr title=\"United States\""));
    assert!(memoir.contains("<abbr title=\"Unified Secretariat of the Fourth International\""));
    // An acronym inside emphasis is marked too.
    assert!(essay.contains("<em><a class=\"gloss\""), "{essay}");
    // The first use in each text, and only it, links to the entry, with an id to return to.
    let entry = glossary
        .split("<dt id=\"")
        .skip(1)
        .find(|s| s.contains("<dfn><abbr>UP</abbr>"))
        .and_then(|s| s.split('"').next())
        .expect("an entry for UP")
        .to_string();
    let to_entry = format!("href=\"glossary.xhtml#{entry}\"");
    assert_eq!(essay.matches(&to_entry).count(), 1);
    assert_eq!(memoir.matches(&to_entry).count(), 1);
    let dd = glossary
        .split("<dt id=\"")
        .find(|s| s.starts_with(&entry))
        .unwrap();
    assert!(dd.contains("(also <abbr>PU</abbr>)"));
    assert!(dd.contains("<span xml:lang=\"es\" lang=\"es\">Unidad Popular</span>"));
    let back_links: Vec<&str> = dd
        .split("href=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    assert_eq!(back_links.len(), 2, "one link back per text: {dd}");
    for link in back_links {
        let (file, id) = link.split_once('#').unwrap();
        let doc = member(&path, file);
        let at = doc.find(&format!("id=\"{id}\"")).expect("the id exists");
        assert!(
            doc[..at].ends_with(&format!("<abbr {up} ")),
            "{link} lands on the use"
        );
    }
    assert_eq!(
        link_labels(dd),
        ["Essay", "Memoir"],
        "without print pages, labelled with the texts' short titles"
    );
}

#[test]
fn glossary_in_the_pdf_gives_the_first_page_in_each_text() {
    let dir = build(GLOSSARY);
    let text = pdftotext(&dir.join("glossary-a5.pdf"));
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("UP (also PU) Unidad Popular — Popular Unity. The coalition that won the 1970 election. First use: Essay 1; Memoir 3."),
        "{flat}"
    );
    let glossary = member(&dir.join("glossary.epub"), "glossary.xhtml");
    assert!(glossary.contains(">1</a>") && glossary.contains(">3</a>"));
}

#[test]
fn emendations_are_listed_in_both_outputs() {
    let dir = build(EMENDATIONS);
    let text = pdftotext(&dir.join("emendations-a5.pdf"));
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains(
            "Memoir 1: thrille → thrilled. A letter lost in the source. Memoir 1: untill → until"
        ),
        "{flat}"
    );
    let epub = dir.join("emendations.epub");
    let doc = member(&epub, "emendations.xhtml");
    assert!(doc.contains(
        "<span class=\"printed\">thrille</span> → <span class=\"corrected\">thrilled</span>"
    ));
    assert!(doc.contains("<em>source</em>"));
    let memoir = member(&epub, "text-01-memoir.xhtml");
    assert!(
        memoir.contains("<span id=\"em1\">thrilled</span>"),
        "{memoir}"
    );
    assert!(memoir.contains("<span id=\"em2\">until</span>"));
    assert_eq!(link_labels(&doc)[..2], ["1", "1"]);
}

#[test]
fn see_references_in_the_pdf_link_to_their_headings() {
    let m = load(INDEX);
    let back = BackMatter::new(&m.volume, &m.apparatus);
    let fonts = FontSet::load(&repo().join("fonts")).expect("the edition's fonts");
    let paged =
        typeset_with(&m.volume, Some(&back), &fonts, &TypesetOptions::default()).expect("typesets");
    // The text of the line on `page` whose baseline is `y`.
    let line_at = |page: usize, y: f32| -> String {
        let runs = paged.pages[page].runs.iter();
        runs.filter(|r| (r.y - y).abs() < 0.5)
            .map(|r| r.text.as_str())
            .collect()
    };
    let mut checked = Vec::new();
    for (p, page) in paged.pages.iter().enumerate() {
        for see in page.runs.iter().filter(|r| r.text == "see") {
            // The run after "see" on its line: the heading it sends the reader to.
            let target = page
                .runs
                .iter()
                .filter(|r| (r.y - see.y).abs() < 0.5 && r.x > see.x)
                .min_by(|a, b| a.x.total_cmp(&b.x))
                .expect("a heading after see");
            let link = page
                .links
                .iter()
                .find(|l| {
                    let middle = target.x + target.width() / 2.0;
                    (l.x..l.x + l.width).contains(&middle) && (l.y..l.y + l.height).contains(&see.y)
                })
                .unwrap_or_else(|| panic!("no link on {:?}", target.text));
            let LinkTarget::Internal { page: to, y } = link.target else {
                panic!("{:?} links outside the document", target.text);
            };
            // The link lands on the top of the heading's line.
            let heading = target.text.trim();
            let landed = line_at(to, y + link.height);
            assert!(
                landed.starts_with(heading),
                "{heading} → {landed:?} (from p. {p})"
            );
            checked.push(heading.to_string());
        }
    }
    checked.sort();
    assert_eq!(
        checked,
        [
            "Allende, Salvador",
            "Enríquez, Miguel",
            "Pascal Allende, Andrés"
        ]
    );
}

#[test]
fn a_year_only_event_stands_under_its_year_without_repeating_it() {
    let dir = build(CHRONOLOGY);
    let text = pdftotext(&dir.join("edition-a5.pdf"));
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let part = &flat[flat.rfind("Chronology 1962").expect("the chronology part")..];
    // "1962" heads its group; its exact-year event follows with no date of its own,
    // while the circa date and the days keep theirs.
    assert!(
        part.starts_with("Chronology 1962 Same year as the meeting"),
        "{part}"
    );
    assert!(part.contains("c. 1962 The founders meet"), "{part}");
    assert!(
        part.contains("1973 11 September 1973 Military coup"),
        "{part}"
    );
    assert!(!part.contains("1973 The Movement at its largest"), "{part}");
    assert!(part.contains("The Movement at its largest"), "{part}");
    let doc = member(&dir.join("edition.epub"), "chronology.xhtml");
    assert!(
        doc.contains("<p class=\"event\">The Movement at its largest.</p>"),
        "{doc}"
    );
    assert!(doc.contains("<p class=\"event\"><span class=\"date\">c. 1962</span> — "));
    assert_eq!(doc.matches("<span class=\"date\">").count(), 5, "{doc}");
}

#[test]
fn bad_cross_references_are_reported() {
    check_golden_dir("tests/fixtures/backmatter/bad-see");
}
