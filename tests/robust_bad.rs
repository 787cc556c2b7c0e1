//! Bad manuscripts, one test each: every case gives its coded diagnostics (all the
//! independent ones at once, golden-compared with `expected.txt` beside the fixture),
//! exits 1 (2 for a usage error), never panics, and leaves an output folder that holds
//! an earlier build's outputs byte-identical, with no temporary file in it.
//!
//! Cases kept by other test files are listed in `OTHER_CASES` and built here too, so
//! that "nothing written" holds for every one of them.

mod common;
mod robust_common;

use common::*;
use robust_common::*;

/// A bad manuscript under tests/fixtures/bad: `edition check` gives the golden output,
/// and `edition build` fails the same way without writing.
fn bad(case: &str) {
    let dir = format!("tests/fixtures/bad/{case}");
    check_golden_dir(&dir);
    build_refused(&["--manuscript", &dir], 1);
}

#[test]
fn malformed_toml() {
    bad("toml-syntax");
}

#[test]
fn unknown_key() {
    bad("unknown-key");
}

#[test]
fn wrong_types_in_three_files_at_once() {
    bad("wrong-type");
}

#[test]
fn duplicate_and_unknown_slugs_in_the_order() {
    bad("edition-errors");
}

#[test]
fn text_defined_twice_and_text_not_in_the_order() {
    bad("text-twice");
}

#[test]
fn acronym_and_person_listed_twice() {
    bad("registry-twice");
}

#[test]
fn missing_source_and_path_outside() {
    bad("source-errors");
}

#[test]
fn unreadable_source() {
    bad("source-unreadable");
}

#[test]
fn source_not_utf8_and_empty_source() {
    bad("source-content");
}

#[test]
fn recipe_rule_that_matches_nothing() {
    bad("recipe-unmatched");
}

#[test]
fn invalid_pattern_incomplete_rule_and_conflicting_rules() {
    bad("recipe-errors");
}

#[test]
fn invalid_dates() {
    bad("invalid-dates");
}

#[test]
fn markdown_front_matter_and_footnote_errors() {
    bad("markdown-errors");
}

#[test]
fn paths_leaving_the_manuscript_absolute_and_through_symlinks() {
    bad("path-escape");
}

#[test]
fn output_name_leaving_the_output_folder() {
    bad("output-name");
}

#[test]
fn markdown_nested_too_deeply_in_a_text() {
    bad("too-deep");
}

#[test]
fn markdown_nested_too_deeply_in_a_note_body() {
    bad("too-deep-note");
}

/// Cases whose golden output another test file compares; here they must also refuse to
/// build and write nothing.
const OTHER_CASES: &[(&str, &str)] = &[
    // E601–E606: anchors with no match, several matches (E602), context, unknown text,
    // empty quotation; a note body with a footnote of its own (E608); overlapping
    // emendations.
    ("tests/fixtures/apparatus/bad-anchors", "E602"),
    // E607: one variant claimed by two persons, a glossary alias equal to another
    // entry's short form.
    ("tests/fixtures/apparatus/bad-registries", "E607"),
    ("tests/fixtures/apparatus/bad-notes-toml", "E105"),
    // E115 in phrases.toml and glossary.toml, E609 (W605 beside them).
    ("tests/fixtures/lang/bad-registry", "E609"),
    // E115 on the language keys of a text.
    ("tests/fixtures/lang/bad-tags", "E115"),
];

#[test]
fn apparatus_cases_write_nothing() {
    for (dir, code) in OTHER_CASES {
        let stderr = build_refused(&["--manuscript", dir], 1);
        assert!(stderr.contains(&format!("[{code}]")), "{dir}: {stderr}");
    }
}

#[test]
fn missing_truncated_empty_and_non_font_files() {
    let stderr = build_refused(
        &[
            "--manuscript",
            "tests/fixtures/tiny",
            "--fonts",
            "tests/fixtures/bad/fonts-broken/fonts",
        ],
        1,
    );
    golden("tests/fixtures/bad/fonts-broken/expected.txt", &stderr);
}

#[test]
fn characters_no_font_covers() {
    let stderr = build_refused(&["--manuscript", "tests/fixtures/bad/glyph-missing"], 1);
    golden("tests/fixtures/bad/glyph-missing/expected.txt", &stderr);
}

#[test]
fn unknown_preset_is_a_usage_error() {
    let stderr = build_refused(
        &["--manuscript", "tests/fixtures/tiny", "--preset", "a5,b6"],
        2,
    );
    golden("tests/fixtures/bad/preset-unknown/expected.txt", &stderr);
}

#[test]
fn misspelt_flag_is_a_usage_error() {
    build_refused(
        &["--manuscript", "tests/fixtures/tiny", "--formats", "epub"],
        2,
    );
}

#[test]
fn output_folder_that_is_a_file() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("out");
    std::fs::write(&file, b"a file, not a folder").unwrap();
    let out = edition(&[
        "build",
        "--manuscript",
        "tests/fixtures/tiny",
        "--out",
        file.to_str().unwrap(),
    ]);
    let stderr = refused(&out, 1);
    assert_eq!(std::fs::read(&file).unwrap(), b"a file, not a folder");
    let stderr = stderr.replace(tmp.path().to_str().unwrap(), "<tmp>");
    golden("tests/fixtures/bad/output-file/expected.txt", &stderr);
}

#[test]
fn output_folder_inside_a_file() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("f"), b"x").unwrap();
    let inside = tmp.path().join("f/out");
    let out = edition(&[
        "build",
        "--manuscript",
        "tests/fixtures/tiny",
        "--out",
        inside.to_str().unwrap(),
    ]);
    let stderr = refused(&out, 1);
    assert!(stderr.contains("[E501]"), "{stderr}");
}

#[test]
fn full_disk_by_fault_injection() {
    let stderr = build_refused_with_env(
        &["--manuscript", "tests/fixtures/tiny"],
        1,
        &[("EDITION_TEST_WRITE_FAULT", "disk-full")],
    );
    golden("tests/fixtures/bad/disk-full/expected.txt", &stderr);
}

#[test]
fn read_only_output_by_fault_injection() {
    let stderr = build_refused_with_env(
        &["--manuscript", "tests/fixtures/tiny"],
        1,
        &[("EDITION_TEST_WRITE_FAULT", "read-only")],
    );
    golden("tests/fixtures/bad/read-only/expected.txt", &stderr);
}

#[test]
fn control_characters_and_noncharacters_in_markdown() {
    bad("never-text");
}

#[test]
fn missing_manuscript_folder() {
    let stderr = build_refused(&["--manuscript", "tests/fixtures/bad/no-such-folder"], 1);
    golden(
        "tests/fixtures/bad/manuscript-missing/expected.txt",
        &stderr,
    );
}

#[test]
fn metadata_the_epub_cannot_carry() {
    let stderr = build_refused(&["--manuscript", "tests/fixtures/bad/epub-metadata"], 1);
    golden("tests/fixtures/bad/epub-metadata/expected.txt", &stderr);
}

/// Warnings only: `check` reports them and exits 0, and `build` writes the outputs.
#[test]
fn note_wording_that_fails_in_a_pop_up() {
    let dir = "tests/fixtures/bad/note-popups";
    let out = edition(&["check", "--manuscript", dir]);
    let stderr = refused(&out, 0);
    golden(&format!("{dir}/expected.txt"), &stderr);
    assert!(
        stderr.contains("[W511]") && stderr.contains("[W512]"),
        "{stderr}"
    );
}

/// Codes no manuscript can reach: each guards an invariant of the tool itself (a bug if
/// it ever shows) and is tested where the invariant lives, when it can be.
const INTERNAL_CODES: &[(&str, &str)] = &[
    (
        "E404",
        "krilla refused a document the typesetter made; no input reaches it",
    ),
    (
        "E512",
        "tests/epub_errors.rs: mismatched_notes_are_e512 (a hand-made model)",
    ),
    (
        "E513",
        "tests/epub_errors.rs: duplicate_ids_are_e513 (a hand-made model)",
    ),
    (
        "E514",
        "the zip writer failed on an in-memory buffer; no input reaches it",
    ),
    (
        "E515",
        "tests/epub_cover.rs (the fonts are checked by E401/E402 before the cover)",
    ),
];

/// Codes that only a second build can give (they compare with the summary the first
/// build left in the output folder), so no single `edition check` of a fixture shows
/// them: each is asserted, rendered, by the test named here.
const TWO_BUILDS: &[(&str, &str)] = &[
    (
        "W650",
        "tests/apparatus_revision.rs: an edited source changes an anchored sentence",
    ),
    (
        "W651",
        "tests/apparatus_revision.rs: a removed paragraph takes the last use of an acronym",
    ),
];

fn golden_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let path = e.path();
        if e.file_type().unwrap().is_dir() {
            golden_files(&path, out);
        } else if path.file_name().is_some_and(|n| n == "expected.txt") {
            out.push(path);
        }
    }
}

/// The catalogue is covered: every code of `src/diag/codes.rs` appears, rendered with its
/// file, line, column, caret and hint, in some golden `expected.txt` under tests/.
#[test]
fn every_code_has_a_golden_fixture() {
    let mut files = Vec::new();
    golden_files(&repo().join("tests"), &mut files);
    let goldens: String = files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    let missing: Vec<&str> = reader_edition::diag::codes::ALL
        .iter()
        .map(|c| c.id)
        .filter(|id| !INTERNAL_CODES.iter().any(|(i, _)| i == id))
        .filter(|id| !TWO_BUILDS.iter().any(|(i, _)| i == id))
        .filter(|id| !goldens.contains(&format!("[{id}]:")))
        .collect();
    assert!(
        missing.is_empty(),
        "codes without a golden fixture under tests/: {missing:?}"
    );
}
