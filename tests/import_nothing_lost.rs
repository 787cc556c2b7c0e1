//! "Nothing lost": for each source text, the words of the cleaned Markdown are exactly the
//! words of the raw text minus what the recipe's rules account for, in output order.
//! Also writes the cleaned texts and reports to /work/notes/cleaned/ when that folder's
//! parent exists, for review.

mod import_common;

use import_common::{SLUGS, load, load_counting};
use reader_edition::import::WordCounts;
use reader_edition::model::text::normalize_words;

/// A build imports without the report's word counts (it shows no report): the Markdown,
/// the diagnostics and the rest of the report are the same as with them.
#[test]
fn an_import_without_word_counts_gives_the_same_text() {
    for slug in SLUGS {
        let counted = load_counting(slug, WordCounts::Counted);
        let uncounted = load_counting(slug, WordCounts::NotCounted);
        let messages = |l: &import_common::Loaded| {
            l.diags
                .iter()
                .map(|d| format!("{} {}", d.code.id, d.message))
                .collect::<Vec<_>>()
        };
        assert_eq!(messages(&counted), messages(&uncounted), "{slug}");
        let (a, b) = (counted.imported.unwrap(), uncounted.imported.unwrap());
        assert_eq!(a.markdown, b.markdown, "{slug}");
        assert_eq!(
            a.report.expected_words(&counted.raw),
            b.report.expected_words(&uncounted.raw),
            "{slug}"
        );
        assert_eq!(
            a.report.words_rejoined(),
            b.report.words_rejoined(),
            "{slug}"
        );
        assert!(
            a.report.raw_words() > 0 && a.report.words_removed() > 0,
            "{slug}"
        );
        assert_eq!(
            (b.report.raw_words(), b.report.words_removed()),
            (0, 0),
            "{slug}"
        );
        assert!(
            b.report.render().contains("words were not counted"),
            "{slug}"
        );
        assert!(
            !a.report.render().contains("words were not counted"),
            "{slug}"
        );
    }
}

#[test]
fn every_text_keeps_every_word_its_rules_do_not_remove() {
    let mut failures = Vec::new();
    for slug in SLUGS {
        let loaded = load(slug);
        for d in &loaded.diags {
            eprintln!("{slug}: {} {}: {:?}", d.code.id, d.message, d.hint);
        }
        let imported = loaded
            .imported
            .unwrap_or_else(|| panic!("{slug}: import failed"));
        let report = &imported.report;
        let expected = report.expected_words(&loaded.raw);
        let got = normalize_words(&imported.markdown);
        println!(
            "{slug}: raw {} words, expected {} words, output {} words",
            report.raw_words(),
            expected.len(),
            got.len()
        );
        assert_eq!(
            report.raw_words() - report.words_removed() - report.words_rejoined(),
            expected.len(),
            "{slug}: the rules' counts do not add up"
        );
        println!("    rejoined {:>4}  split words", report.words_rejoined());
        for (rule, n) in report.removed_per_rule() {
            println!("    removed {n:>5}  {rule}");
        }
        if std::path::Path::new("/work/notes").is_dir() {
            let dir = std::path::Path::new("/work/notes/cleaned");
            std::fs::create_dir_all(dir).unwrap();
            std::fs::write(dir.join(format!("{slug}.md")), &imported.markdown).unwrap();
            std::fs::write(dir.join(format!("{slug}.report.txt")), report.render()).unwrap();
        }
        if expected != got {
            let at = expected
                .iter()
                .zip(&got)
                .position(|(a, b)| a != b)
                .unwrap_or(expected.len().min(got.len()));
            let lo = at.saturating_sub(5);
            failures.push(format!(
                "{slug}: first difference at word {at}: expected {:?}, got {:?}",
                &expected[lo..(at + 5).min(expected.len())],
                &got[lo..(at + 5).min(got.len())]
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
