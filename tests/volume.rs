//! The real volume, built once with the binary: validators, nothing lost, exact text.

mod common;

use common::*;
use reader_edition::model::text::normalize_words;

#[test]
fn epub_passes_both_epubchecks() {
    let built = built_volume();
    for (version, jar) in epubcheck_jars() {
        let (problems, text) = epubcheck(&jar, &built.epub);
        assert!(
            problems.is_empty(),
            "EPUBCheck {version} found {} problem(s):\n{}\n{text}",
            problems.len(),
            problems.join("\n")
        );
    }
}

#[test]
fn pdf_passes_qpdf_and_embeds_subset_fonts() {
    let built = built_volume();
    let qpdf = require_tool("qpdf", "qpdf");
    let out = std::process::Command::new(qpdf)
        .arg("--check")
        .arg(&built.pdf)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "qpdf --check failed:\n{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("No syntax or stream encoding errors found"),
        "{text}"
    );

    let pdffonts = require_tool("pdffonts", "poppler-utils");
    let out = std::process::Command::new(pdffonts)
        .arg(&built.pdf)
        .output()
        .unwrap();
    let listing = String::from_utf8_lossy(&out.stdout).to_string();
    let fonts: Vec<&str> = listing.lines().skip(2).collect();
    assert!(!fonts.is_empty(), "no fonts listed:\n{listing}");
    for line in fonts {
        let cols: Vec<&str> = line.split_whitespace().collect();
        let n = cols.len();
        assert!(n >= 5, "unexpected pdffonts line: {line}");
        // Columns from the right: object id, generation, uni, sub, emb.
        assert_eq!(cols[n - 5], "yes", "font not embedded: {line}");
        assert_eq!(cols[n - 4], "yes", "font not subset: {line}");
        assert_eq!(cols[n - 3], "yes", "font without ToUnicode map: {line}");
        assert!(
            cols[0].contains('+'),
            "subset font name without tag: {line}"
        );
    }
}

#[test]
fn pdf_text_gives_back_exact_words() {
    let text = pdftotext(&built_volume().pdf);
    for word in [
        "Enríquez",
        "Concepción",
        "Piñera",
        "“",
        "”",
        "’",
        "first",
        "office",
    ] {
        assert!(
            text.contains(word),
            "`{word}` is missing from pdftotext's output"
        );
    }
}

#[test]
fn nothing_lost_in_epub_and_pdf() {
    let built = built_volume();
    let loaded = reader_edition::manuscript::load(&repo().join("manuscript"));
    let m = loaded
        .manuscript
        .expect("the manuscript loads without errors");
    let epub_words: Vec<String> = epub_spine_text(&built.epub)
        .iter()
        .flat_map(|(_, t)| normalize_words(t))
        .collect();
    let mut heads: Vec<String> = m
        .volume
        .texts
        .iter()
        .map(|t| t.meta.short_title.clone())
        .collect();
    heads.push(m.volume.meta.title.clone());
    let pdf_words = normalize_words(&dehyphenate(&strip_page_furniture(
        &pdftotext(&built.pdf),
        &heads,
    )));
    let (mut epub_pos, mut pdf_pos) = (0, 0);
    println!(
        "{:<30} {:>9} {:>9} {:>14}",
        "text", "raw words", "expected", "found in order"
    );
    for record in &m.imports {
        let raw = loaded.sources.text(record.raw_file);
        let expected = emended(
            record.report.expected_words(raw),
            &m.apparatus.emendations,
            &record.text,
        );
        assert!(!expected.is_empty(), "{}: no expected words", record.text);
        epub_pos = find_in_order(&epub_words, &expected, epub_pos)
            .unwrap_or_else(|e| panic!("EPUB, {}: {e}", record.text));
        pdf_pos = find_in_order(&pdf_words, &expected, pdf_pos)
            .unwrap_or_else(|e| panic!("PDF, {}: {e}", record.text));
        let raw_words = normalize_words(raw).len();
        println!(
            "{:<30} {:>9} {:>9} {:>14}",
            record.text.as_str(),
            raw_words,
            expected.len(),
            "EPUB and PDF"
        );
    }
}

/// The expected words of a text with its emendations applied: each emended passage's
/// source words, found exactly once right after its recorded context, are replaced by
/// the corrected words. Strict: a passage found nowhere or twice fails the test.
fn emended(
    mut words: Vec<String>,
    emendations: &[reader_edition::apparatus::Emendation],
    text: &reader_edition::model::TextId,
) -> Vec<String> {
    for em in emendations.iter().filter(|e| &e.text == text) {
        let original = normalize_words(&em.original);
        let corrected = normalize_words(&em.corrected);
        let context = normalize_words(&em.context_before);
        let at: Vec<usize> = (context.len()..=words.len().saturating_sub(original.len()))
            .filter(|&p| {
                words[p..p + original.len()] == original[..]
                    && words[p - context.len()..p] == context[..]
            })
            .collect();
        assert_eq!(
            at.len(),
            1,
            "{text}: emendation «{}» → «{}» after «{}» found {} times in the expected words",
            em.original,
            em.corrected,
            em.context_before,
            at.len()
        );
        words.splice(at[0]..at[0] + original.len(), corrected);
    }
    words
}

#[test]
fn emendations_are_applied_and_recorded() {
    let loaded = reader_edition::manuscript::load(&repo().join("manuscript"));
    let m = loaded.manuscript.expect("the manuscript loads");
    let em = m
        .apparatus
        .emendations
        .iter()
        .find(|e| e.original == "thrille")
        .expect("the memoir's «thrille» is emended");
    assert_eq!(em.corrected, "thrilled");
    let text = m.text(&em.text).unwrap();
    let block = reader_edition::apparatus::surgery::leaf_texts(&text.blocks)
        .into_iter()
        .find(|(b, _)| *b == em.block)
        .unwrap()
        .1;
    assert_eq!(&block[em.range.clone()], "thrilled");
    assert!(block.contains("I was initially thrilled that"), "{block}");
    let epub = epub_spine_text(&built_volume().epub);
    // The texts read the corrected word; only the appendix of emendations shows the
    // printed reading.
    let all: String = epub
        .iter()
        .filter(|(name, _)| name.starts_with("text-"))
        .map(|(_, t)| t.as_str())
        .collect();
    assert!(all.contains("initially thrilled that") && !all.contains("thrille "));
    let appendix = epub.iter().find(|(name, _)| name.contains("emendations"));
    assert!(appendix.is_some_and(|(_, t)| t.contains("thrille")));
}

#[test]
fn builds_are_byte_identical() {
    let first = built_volume();
    let dir =
        std::env::temp_dir().join(format!("reader-edition-test-again-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = edition(&["build", "--out", dir.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for name in ["mir-reader.epub", "mir-reader-a5.pdf"] {
        let a = std::fs::read(first.dir.join(name)).unwrap();
        let b = std::fs::read(dir.join(name)).unwrap();
        assert!(a == b, "{name} differs between two builds");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
