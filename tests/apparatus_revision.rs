//! The revision report: a fixture manuscript is built, its source replaced by an edited
//! copy (a paragraph added and one removed, words changed, a passage moved, a quoted
//! passage rephrased) and built again. Untouched anchors stay on the same passages,
//! touched ones are reported, the counts change only where the text did, and every
//! anchor and form of the first build is accounted for.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use reader_edition::apparatus::revision::{self, Summary};

const BASE: &str = "tests/fixtures/revision/base";
const EDITED: &str = "tests/fixtures/revision/edited";

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn build(manuscript: &Path, out: &Path) -> Run {
    let o = edition(&[
        "build",
        "--format",
        "epub",
        "-m",
        manuscript.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    Run {
        code: o.status.code(),
        stdout: String::from_utf8_lossy(&o.stdout).to_string(),
        stderr: String::from_utf8_lossy(&o.stderr).to_string(),
    }
}

fn summary(out: &Path) -> (String, Summary) {
    let text = std::fs::read_to_string(out.join("revision.summary.toml")).unwrap();
    let s = revision::parse(&text).expect("a summary of this format");
    (text, s)
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("revision-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn a_revised_source_keeps_untouched_anchors_and_reports_every_change() {
    let root = temp("edit");
    let (ms, out) = (root.join("manuscript"), root.join("out"));
    copy_dir(&repo().join(BASE), &ms);

    // 1. The first build writes the summary; a second build of the same manuscript
    //    writes the same bytes and reports nothing changed.
    let first = build(&ms, &out);
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    assert!(
        first.stdout.contains("no earlier build's summary"),
        "{}",
        first.stdout
    );
    let (text1, s1) = summary(&out);
    // The file is its summary written: read back and written again it is the same bytes
    // (a rebuild takes an unchanged file for its own summary without parsing it).
    assert_eq!(revision::to_toml(&s1), text1);
    let again = build(&ms, &out);
    assert_eq!(again.code, Some(0));
    assert_eq!(summary(&out).0, text1, "the summary is deterministic");
    assert!(
        again.stdout.contains("unchanged: intro, history")
            && again.stdout.contains(&format!(
                "anchors: {} on the same passage, 0 passage(s) changed, 0 re-anchored, 0 removed, 0 added; 0 registry form(s) gone",
                s1.anchor.len()
            )),
        "{}",
        again.stdout
    );

    // 2. The edited source alone: the two anchors whose words are gone fail (E601 with
    //    the closest passage), nothing is written, the summary stays the first build's.
    let src = "sources/history.txt";
    std::fs::copy(repo().join(EDITED).join(src), ms.join(src)).unwrap();
    let failed = build(&ms, &out);
    assert_eq!(failed.code, Some(1));
    assert_eq!(
        failed.stderr.matches("error[E601]").count(),
        2,
        "{}",
        failed.stderr
    );
    assert!(
        failed.stderr.contains("“The CUT was dissolved”"),
        "{}",
        failed.stderr
    );
    assert!(
        failed
            .stderr
            .contains("“The cordones industriales grew in 1972”")
            && failed.stderr.contains("closest passage"),
        "{}",
        failed.stderr
    );
    assert!(failed.stderr.contains("nothing was written") || !failed.stderr.contains("wrote"));
    assert_eq!(summary(&out).0, text1);

    // 3. The editor re-anchors the chronology reference and removes the note on the
    //    dropped paragraph: the build succeeds and reports the revision.
    for f in ["notes.toml", "chronology.toml"] {
        std::fs::copy(repo().join(EDITED).join(f), ms.join(f)).unwrap();
    }
    let second = build(&ms, &out);
    assert_eq!(second.code, Some(0), "{}", second.stderr);
    let (_, s2) = summary(&out);
    let report = &second.stdout;

    // Untouched anchors (the moved paragraph's among them) keep their passage.
    let passage = |s: &Summary, quote: &str| {
        s.anchor
            .iter()
            .find(|a| a.quote == quote)
            .map(|a| (a.passage.clone(), a.block.clone()))
            .unwrap_or_else(|| panic!("no anchor “{quote}”"))
    };
    for quote in [
        "the MIR and the UP",
        "founded on 12 October 1965",
        "gave the UP critical support",
        "In 1970 the Popular Unity (UP) won the election",
        "On 11 September 1973 the armed forces overthrew the government",
    ] {
        assert_eq!(passage(&s1, quote).0, passage(&s2, quote).0, "{quote}");
    }
    // The moved paragraph's anchors stand in another block now, with the same words.
    let moved = "gave the UP critical support";
    assert_ne!(passage(&s1, moved).1, passage(&s2, moved).1);

    // Touched anchors are reported: a changed sentence (W650, with both readings), the
    // re-anchored reference, the removed note.
    assert_eq!(
        second.stderr.matches("warning[W650]").count(),
        1,
        "{}",
        second.stderr
    );
    assert!(
        second
            .stderr
            .contains("was: “Miguel Enríquez led the MIR from 1967.")
            && second
                .stderr
                .contains("now: “Miguel Enríquez led the MIR from 1967 until his death."),
        "{}",
        second.stderr
    );
    assert!(
        report.contains("re-anchored: chronology reference in `history` (chronology.toml:20): “The cordones industriales grew in 1972” → “The cordones industriales spread in 1972”"),
        "{report}"
    );
    assert!(
        report.contains("removed: note in `history` (was notes.toml:18): “The CUT was dissolved”"),
        "{report}"
    );
    // The acronym of the removed paragraph no longer occurs (W651, and W602 as before).
    assert!(
        second.stderr.contains("warning[W651]: “CUT” of the glossary entry “CUT” occurs in no text now; the last build found it once"),
        "{}",
        second.stderr
    );

    // Counts change only where the text did.
    let t = |s: &Summary, slug: &str| s.text.iter().find(|t| t.slug == slug).unwrap().clone();
    assert_eq!(t(&s1, "intro"), t(&s2, "intro"));
    let (h1, h2) = (t(&s1, "history"), t(&s2, "history"));
    assert_eq!((h1.notes, h2.notes), (3, 2));
    assert_eq!((h1.chronology, h2.chronology), (4, 4));
    assert_eq!((h1.index, h2.index), (h2.index, 2));
    assert_eq!(
        h1.acronyms - h2.acronyms,
        1,
        "the CUT of the removed paragraph"
    );
    assert_ne!(h1.words, h2.words);
    assert!(report.contains("unchanged: intro"), "{report}");
    assert!(
        report.contains(&format!(
            "history: words {} → {}, notes 3 → 2, index 2, acronyms {} → {}, chronology 4",
            h1.words, h2.words, h1.acronyms, h2.acronyms
        )),
        "{report}"
    );

    // Nothing is dropped without a report: every anchor of the first build is kept,
    // changed, re-anchored or removed, and every form it found is still used or reported.
    let counted = |label: &str| -> usize {
        let line = report.lines().find(|l| l.contains("anchors:")).unwrap();
        let at = line.find(label).unwrap();
        let number = line[..at].trim_end().rsplit([' ', ',']).next().unwrap();
        number.parse().unwrap()
    };
    let accounted = counted("on the same passage")
        + counted("passage(s) changed")
        + counted("re-anchored")
        + counted("removed");
    assert_eq!(accounted, s1.anchor.len(), "{report}");
    assert_eq!(counted("removed"), 1);
    assert_eq!(counted("re-anchored"), 1);
    for f in s1.form.iter().filter(|f| f.uses > 0) {
        let now = s2
            .form
            .iter()
            .find(|n| n.form == f.form && n.entry == f.entry);
        let reported = second.stderr.contains(&format!("“{}” of the", f.form));
        assert!(
            now.is_some_and(|n| n.uses > 0) || reported,
            "{} dropped silently",
            f.form
        );
    }
    let _ = std::fs::remove_dir_all(&root);
}

/// `check` compares with the summary of the last build in `--out` and writes nothing.
#[test]
fn check_reports_the_revision_without_writing() {
    let root = temp("check");
    let (ms, out) = (root.join("manuscript"), root.join("out"));
    copy_dir(&repo().join(BASE), &ms);
    assert_eq!(build(&ms, &out).code, Some(0));
    let before = summary(&out).0;
    let src = "sources/history.txt";
    std::fs::copy(repo().join(EDITED).join(src), ms.join(src)).unwrap();
    for f in ["notes.toml", "chronology.toml"] {
        std::fs::copy(repo().join(EDITED).join(f), ms.join(f)).unwrap();
    }
    let o = edition(&[
        "check",
        "-m",
        ms.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout.contains("since the last build:"), "{stdout}");
    assert!(stdout.contains("removed: note in `history`"), "{stdout}");
    assert_eq!(summary(&out).0, before, "check writes nothing");
    let _ = std::fs::remove_dir_all(&root);
}
