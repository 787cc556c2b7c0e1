//! Anchors that fail: each bad manuscript under tests/fixtures/apparatus/ is checked with
//! `edition check`; its rendered diagnostics must equal `expected.txt` beside it (run with
//! UPDATE_GOLDEN=1 to rewrite them after a deliberate change), and the exit code must be 1.

mod common;

use common::*;

fn check_golden(case: &str) {
    check_golden_dir(&format!("tests/fixtures/apparatus/{case}"));
}

#[test]
fn every_anchor_failure_is_reported_and_none_attached() {
    check_golden("bad-anchors");
}

#[test]
fn a_failed_anchor_fails_the_build_and_writes_nothing() {
    let dir =
        std::env::temp_dir().join(format!("reader-edition-bad-anchor-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = edition(&[
        "build",
        "-m",
        "tests/fixtures/apparatus/bad-anchors",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!dir.exists());
}

#[test]
fn malformed_notes_toml_is_a_toml_error() {
    check_golden("bad-notes-toml");
}
