//! Golden diagnostics: each bad manuscript under tests/fixtures/bad/ is checked with
//! `edition check`; its rendered diagnostics must equal `expected.txt` beside it (run
//! with UPDATE_GOLDEN=1 to rewrite them after a deliberate change), and the exit code
//! must be 1. The tiny good manuscript checks and builds cleanly.

mod common;

use common::*;

fn check_golden(case: &str) {
    check_golden_dir(&format!("tests/fixtures/bad/{case}"));
}

#[test]
fn toml_syntax() {
    check_golden("toml-syntax");
}

#[test]
fn edition_errors_reported_together() {
    check_golden("edition-errors");
}

#[test]
fn unknown_key() {
    check_golden("unknown-key");
}

#[test]
fn markdown_errors_reported_together() {
    check_golden("markdown-errors");
}

#[test]
fn source_errors() {
    check_golden("source-errors");
}

#[test]
fn recipe_rule_that_matches_nothing() {
    check_golden("recipe-unmatched");
}

#[test]
fn invalid_dates() {
    check_golden("invalid-dates");
}

#[test]
fn source_not_utf8_and_empty_source() {
    check_golden("source-content");
}

#[test]
fn missing_manuscript_folder() {
    let out = edition(&["check", "--manuscript", "tests/fixtures/does-not-exist"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("E101"));
}

#[test]
fn usage_error_exits_2() {
    let out = edition(&["build", "--no-such-flag"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn failed_build_writes_nothing() {
    let dir = std::env::temp_dir().join(format!("reader-edition-failed-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = edition(&[
        "build",
        "--manuscript",
        "tests/fixtures/bad/markdown-errors",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!dir.exists(), "a failed build created the output folder");
}

#[test]
fn tiny_manuscript_builds() {
    let dir = std::env::temp_dir().join(format!("reader-edition-tiny-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = edition(&[
        "build",
        "--manuscript",
        "tests/fixtures/tiny",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir.join("edition.epub").is_file());
    assert!(dir.join("edition-a5.pdf").is_file());
    let text = pdftotext(&dir.join("edition-a5.pdf"));
    assert!(
        text.contains("Enríquez") && text.contains("Concepción") && text.contains("office"),
        "{text}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn readme_documents_every_code() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    for code in reader_edition::diag::codes::ALL {
        let row = format!(
            "| {} | {} | {} |",
            code.id,
            format!("{:?}", code.severity).to_lowercase(),
            code.title
        );
        assert!(
            readme.contains(&row),
            "README's diagnostics table lacks `{row}`"
        );
    }
}

#[test]
fn init_makes_a_manuscript_that_builds() {
    let dir = std::env::temp_dir().join(format!("reader-edition-init-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let ms = dir.join("ms");
    let out = edition(&["init", ms.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let again = edition(&["init", ms.to_str().unwrap()]);
    assert_eq!(
        again.status.code(),
        Some(1),
        "init refuses a non-empty folder"
    );
    let built = edition(&[
        "build",
        "--manuscript",
        ms.to_str().unwrap(),
        "--out",
        dir.join("out").to_str().unwrap(),
    ]);
    assert!(
        built.status.success(),
        "{}{}",
        String::from_utf8_lossy(&built.stdout),
        String::from_utf8_lossy(&built.stderr)
    );
    assert!(
        String::from_utf8_lossy(&built.stderr).is_empty(),
        "the skeleton builds without a diagnostic"
    );
    assert!(dir.join("out/reader.epub").is_file() && dir.join("out/reader-a5.pdf").is_file());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bom_and_crlf_are_accepted() {
    let dir = std::env::temp_dir().join(format!("reader-edition-crlf-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("ms/texts")).unwrap();
    for rel in ["edition.toml", "texts/intro.md"] {
        let text = std::fs::read_to_string(repo().join("tests/fixtures/tiny").join(rel)).unwrap();
        let crlf = format!("\u{FEFF}{}", text.replace('\n', "\r\n"));
        std::fs::write(dir.join("ms").join(rel), crlf).unwrap();
    }
    let out = edition(&["check", "--manuscript", dir.join("ms").to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The tiny book's coverage warnings (an unregistered name) are fine; nothing about
    // the files' encoding or the Markdown may be reported.
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.is_empty() || stderr.contains("0 error(s)"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("[E1") && !stderr.contains("[E3"),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
