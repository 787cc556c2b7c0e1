//! The unified chronology: events of chronology.toml dated, described, anchored and
//! sorted (less precise dates after the precise ones of their period, ties in file
//! order); every mistake in an event is a coded diagnostic (golden).

mod common;

use common::*;
use reader_edition::model::text::inline_text;
use reader_edition::model::{BlockKind, InlineKind, TextId};

const EVENTS: &str = "tests/fixtures/chronology/events";

fn load(case: &str) -> reader_edition::manuscript::Manuscript {
    let loaded = reader_edition::manuscript::load(&repo().join(case));
    assert!(
        !loaded.diagnostics.has_errors(),
        "{:?}",
        loaded.diagnostics.list
    );
    loaded.manuscript.expect("loads")
}

#[test]
fn events_are_sorted_by_date_less_precise_after_precise_ties_in_file_order() {
    let m = load(EVENTS);
    let rows: Vec<(String, String)> = m
        .apparatus
        .chronology
        .iter()
        .map(|e| (e.date.words(), inline_text(&e.what)))
        .collect();
    let expected = [
        (
            "1962",
            "Same year as the meeting, exact: sorts before the circa date.",
        ),
        ("c. 1962", "The founders meet in Concepción."),
        ("12 October 1965", "The Movement is founded in Santiago."),
        (
            "4 September – 3 November 1970",
            "From the election to the inauguration.",
        ),
        ("1972", "The memoir’s author joins the cordón."),
        (
            "11 September 1973",
            "Military coup; Allende dies in La Moneda.",
        ),
        (
            "11 September 1973",
            "A second event of the same day keeps its place in the file.",
        ),
        ("1973", "The Movement at its largest."),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(d, w)| (d.to_string(), w.to_string()))
        .collect();
    assert_eq!(rows, expected);
    let years: Vec<i32> = m
        .apparatus
        .chronology
        .iter()
        .map(|e| e.date.year())
        .collect();
    assert_eq!(years, [1962, 1962, 1965, 1970, 1972, 1973, 1973, 1973]);
}

#[test]
fn references_are_the_anchored_passages_in_file_order() {
    let m = load(EVENTS);
    let coup = &m.apparatus.chronology[5];
    let quoted: Vec<(String, String)> = coup
        .refs
        .iter()
        .map(|o| {
            let text = m.text(&o.text).unwrap();
            let leaves = reader_edition::apparatus::surgery::leaf_texts(&text.blocks);
            let (_, plain) = leaves.iter().find(|(b, _)| *b == o.block).unwrap();
            (
                o.text.as_str().to_string(),
                plain[o.range.clone()].to_string(),
            )
        })
        .collect();
    assert_eq!(
        quoted,
        [
            (
                "history".into(),
                "The coup came on 11 September 1973".into()
            ),
            ("memoir".into(), "The coup of September 11".into()),
        ]
    );
    let refs: usize = m.apparatus.chronology.iter().map(|e| e.refs.len()).sum();
    assert_eq!(refs, 10);
    assert_eq!(m.apparatus.anchors_resolved, 10);
    assert!(
        m.apparatus
            .summary()
            .contains("chronology: 8 events, 10 references"),
        "{}",
        m.apparatus.summary()
    );
    // References never change the texts: no note call, no new block.
    let memoir = m.text(&TextId("memoir".into())).unwrap();
    assert!(memoir.notes.is_empty());
}

#[test]
fn description_and_note_are_markdown_with_spans_into_chronology_toml() {
    let loaded = reader_edition::manuscript::load(&repo().join(EVENTS));
    let m = loaded.manuscript.as_ref().unwrap();
    let coup = &m.apparatus.chronology[5];
    assert!(
        coup.what
            .iter()
            .any(|i| matches!(i.kind, InlineKind::Emph(_))),
        "{:?}",
        coup.what
    );
    let file = loaded
        .sources
        .files()
        .find(|(_, f)| f.name == "chronology.toml")
        .map(|(id, _)| id)
        .unwrap();
    let src = loaded.sources.text(file);
    assert_eq!(coup.span.file, file);
    // The span is the entry's `[[event]]` header.
    assert_eq!(&src[coup.span.range()], "[[event]]");
    assert!(src[coup.span.range().end..].starts_with("\ndate = \"1973-09-11\""));
    match &coup.note[0].kind {
        BlockKind::Paragraph(c) => {
            assert_eq!(inline_text(c), "The memoir gives the day without the year.");
            assert_eq!(
                &src[coup.note[0].span.range()],
                "The memoir gives the day without the year."
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(m.apparatus.chronology[0].note.is_empty());
}

#[test]
fn check_prints_the_chronology_counts() {
    let out = edition(&["check", "--manuscript", EVENTS]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("chronology: 8 events, 10 references"),
        "{stdout}"
    );
}

/// E640 (month 13, day 40, a date in words), E641 (a reversed range), E642 (the same
/// event twice), E643 (empty or not inline), E644 (no reference), E601 (a look-alike).
#[test]
fn bad_events_golden() {
    check_golden_dir("tests/fixtures/chronology/bad-events");
}

const DATED: &str = "tests/fixtures/chronology/dated";

/// Dated passages that no event references (the quote or its sentence) and no ignore
/// covers are listed by `check`, grouped by expression and counted; an imported text's
/// place is given in its raw source; an ignore that covers nothing is a warning.
#[test]
fn check_lists_dated_passages_no_event_covers() {
    let m = load(DATED);
    let listed: Vec<(String, Vec<String>)> = m
        .apparatus
        .coverage
        .dates
        .iter()
        .map(|d| {
            let texts = d
                .places
                .iter()
                .map(|p| p.text.as_str().to_string())
                .collect();
            (d.expression.clone(), texts)
        })
        .collect();
    assert_eq!(
        listed,
        [
            ("1973".to_string(), vec!["history".to_string()]),
            ("September 11".to_string(), vec!["history".to_string()]),
            ("1950".to_string(), vec!["memoir".to_string()]),
        ]
    );
    let out = edition(&["check", "--manuscript", DATED]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("chronology: 3 events, 3 references; 3 dated passages not in it"),
        "{stdout}"
    );
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(stderr.contains("sources/memoir.txt:1:15"), "{stderr}");
    let golden = repo().join(DATED).join("expected.txt");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, &stderr).unwrap();
        return;
    }
    assert_eq!(stderr, std::fs::read_to_string(&golden).unwrap());
}

/// A build is quiet about dated passages (only `check` lists them) but still warns of
/// an ignore that covers nothing.
#[test]
fn build_does_not_list_dated_passages() {
    let out_dir = std::env::temp_dir().join(format!("chronology-dated-{}", std::process::id()));
    let out = edition(&[
        "build",
        "--manuscript",
        DATED,
        "--format",
        "epub",
        "--out",
        out_dir.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("W640"), "{stderr}");
    assert!(stderr.contains("W641"), "{stderr}");
    let _ = std::fs::remove_dir_all(&out_dir);
}
