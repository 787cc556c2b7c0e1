//! Foreign phrases: the phrases and titles of `phrases.toml` are marked with their
//! language wherever they stand — in texts, headings, headnotes and notes, whole words
//! only, never inside a word, never around a note call, never splitting a link — as
//! `span` with equal `xml:lang` and `lang` in the EPUB (titles on their `h1`, nav and
//! contents entries), and hyphenated with their language's patterns in the PDF. A bad
//! tag, a phrase listed twice and a phrase no text uses are reported.

mod common;

use std::collections::BTreeSet;

use common::*;

/// The namespace of `xml:lang` (roxmltree names attributes by namespace).
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// Builds the fixture book into a folder of the test's own (`name`): the tests of this
/// file run at the same time.
fn build_fixture(name: &str) -> std::path::PathBuf {
    let (dir, stderr) =
        build_fixture_into_temp("tests/fixtures/lang/book", &format!("lang-{name}"));
    assert!(
        stderr.is_empty(),
        "the fixture builds without a diagnostic: {stderr}"
    );
    dir
}

fn document(files: &[(String, Vec<u8>)], name: &str) -> String {
    let (_, bytes) = files
        .iter()
        .find(|(n, _)| n.ends_with(name))
        .unwrap_or_else(|| panic!("no {name} in the EPUB"));
    String::from_utf8(bytes.clone()).unwrap()
}

/// One marked phrase of a document: its language attributes, its text, the characters
/// right before and after it in the document's text (note calls left out), and whether
/// a note call stands inside it.
#[derive(Debug)]
struct Marked {
    xml_lang: String,
    lang: String,
    text: String,
    before: Option<char>,
    after: Option<char>,
    holds_call: bool,
}

fn is_call(n: roxmltree::Node) -> bool {
    n.ancestors()
        .any(|a| a.attribute("class") == Some("noteref"))
}

fn parse(xhtml: &str) -> roxmltree::Document<'_> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    roxmltree::Document::parse_with_options(xhtml, options).expect("well-formed")
}

fn is_phrase(n: roxmltree::Node) -> bool {
    n.has_tag_name("span") && n.attribute("lang").is_some()
}

/// The phrases marked in the body of `xhtml`, in document order.
fn marked(xhtml: &str) -> Vec<Marked> {
    let doc = parse(xhtml);
    let body = doc
        .descendants()
        .find(|n| n.has_tag_name("body"))
        .expect("body");
    // The document's text without the note calls' numbers, and where each phrase lies.
    let mut flat = String::new();
    let mut spans = Vec::new();
    for n in body.descendants() {
        if n.is_text() && !is_call(n) {
            flat.push_str(n.text().unwrap_or(""));
        }
        if is_phrase(n) {
            let text: String = n
                .descendants()
                .filter(|d| d.is_text() && !is_call(*d))
                .filter_map(|d| d.text())
                .collect();
            spans.push((n, flat.len(), text));
        }
    }
    spans
        .into_iter()
        .map(|(n, start, text)| Marked {
            xml_lang: n.attribute((XML_NS, "lang")).unwrap_or("").to_string(),
            lang: n.attribute("lang").unwrap_or("").to_string(),
            before: flat[..start].chars().next_back(),
            after: flat[start + text.len()..].chars().next(),
            holds_call: n.descendants().any(is_call),
            text,
        })
        .collect()
}

/// Every marked phrase has equal `xml:lang` and `lang` (Spanish unless it is one of
/// `others`), stands as whole words, holds no note call and no space at its edges.
fn assert_well_marked(phrases: &[Marked], others: &[(&str, &str)]) {
    for p in phrases {
        let lang = others
            .iter()
            .find(|(text, _)| *text == p.text)
            .map_or("es", |(_, lang)| lang);
        assert_eq!(
            (p.xml_lang.as_str(), p.lang.as_str()),
            (lang, lang),
            "{p:?}"
        );
        assert!(
            !p.before.is_some_and(char::is_alphanumeric),
            "inside a word: {p:?}"
        );
        assert!(
            !p.after.is_some_and(char::is_alphanumeric),
            "inside a word: {p:?}"
        );
        assert!(!p.holds_call, "a note call inside a phrase: {p:?}");
        assert_eq!(p.text.trim(), p.text, "spaces at the edges: {p:?}");
    }
}

#[test]
fn fixture_marks_phrases_in_texts_headings_headnotes_and_notes() {
    let dir = build_fixture("phrases");
    let files = epub_files(&dir.join("edition.epub"));
    let intro = document(&files, "text-01-intro.xhtml");
    let phrases = marked(&intro);
    assert_well_marked(&phrases, &[]);
    let texts: Vec<&str> = phrases.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            // Any case; "subcordones", "cordonesque" and "Cordonesian" are no phrase,
            // a possessive follows one.
            "Cordones Industriales",
            "cordones industriales",
            "cordones",
            // A heading.
            "Poder Popular",
            // The cook's English "pan" is skipped by its anchor; the link stays whole.
            "pobladores",
            "pan",
            "El Rebelde",
            "Punto Final",
            "El Pueblo",
            "comandos comunales",
            // A note call inside the phrase: marked on both sides of it.
            "Poder",
            "Popular",
            // The notes: notes.toml's, then the Markdown footnote.
            "pobladores",
            "Poder Popular",
            "Poder Popular",
            "pobladores",
        ]
    );
    assert!(
        intro.contains(r#"<a href="https://example.org/rebelde"><span xml:lang="es" lang="es">El Rebelde</span> every week</a>"#),
        "the link is whole, the title inside it:\n{intro}"
    );
    // No word is split or joined by the spans.
    let plain = xhtml_text(&intro);
    for words in [
        "The Cordones Industriales of 1972",
        "the cook reached for a pan of water",
        "stood beside the comandos comunales.",
    ] {
        assert!(plain.contains(words), "{words} in:\n{plain}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn fixture_marks_a_title_in_its_language_wherever_it_is_shown() {
    let dir = build_fixture("titles");
    let files = epub_files(&dir.join("edition.epub"));
    let speech = document(&files, "text-02-speech.xhtml");
    for tag in [
        r#"<title xml:lang="es" lang="es">¡Adelante con toda la fuerza de la historia!</title>"#,
        r#"<h1 id="title" xml:lang="es" lang="es">"#,
        r#"<p class="subtitle" xml:lang="es" lang="es">Discurso en el Teatro Caupolicán</p>"#,
    ] {
        assert!(speech.contains(tag), "{tag} in:\n{speech}");
    }
    // The headnote's phrases, then the text's.
    let phrases = marked(&speech);
    assert_well_marked(&phrases, &[]);
    let texts: Vec<&str> = phrases.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "cordones industriales",
            "pobladores",
            "El Rebelde",
            "Cordones Industriales",
            "campamentos",
            "pobladores",
            "Poder Popular"
        ]
    );
    let nav = document(&files, "nav.xhtml");
    let contents = document(&files, "contents.xhtml");
    for doc in [&nav, &contents] {
        assert!(
            doc.contains(r#"<a href="text-02-speech.xhtml" xml:lang="es" lang="es">¡Adelante"#),
            "the title's entry:\n{doc}"
        );
        assert!(
            doc.contains(
                r#">The years of the <span xml:lang="es" lang="es">Poder Popular</span></a>"#
            ),
            "the heading's entry:\n{doc}"
        );
    }
    // A text in Spanish: its phrases need no mark (and count as uses: no W605 for
    // "campamento", which stands only there).
    let cancion = document(&files, "text-03-cancion.xhtml");
    assert!(cancion.contains(r#"xml:lang="es" lang="es">"#), "{cancion}");
    assert!(marked(&cancion).is_empty(), "{cancion}");
    let colophon = document(&files, "colophon.xhtml");
    assert!(
        colophon.contains(r#"xml:lang="es" lang="es">¡Adelante"#),
        "{colophon}"
    );
    for (version, jar) in epubcheck_jars() {
        let (problems, text) = epubcheck(&jar, &dir.join("edition.epub"));
        assert!(problems.is_empty(), "EPUBCheck {version}:\n{text}");
    }
    // The PDF gives the phrases back as the words they are.
    let pdf = pdftotext(&dir.join("edition-a5.pdf"));
    let pdf = pdf.split_whitespace().collect::<Vec<_>>().join(" ");
    for words in [
        "The Cordones Industriales of 1972",
        "pobladores asked for pan",
    ] {
        assert!(pdf.contains(words), "{words} in:\n{pdf}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_tags_repeated_and_unused_phrases_are_reported() {
    // E115 in phrases.toml and glossary.toml, E609, W605.
    check_golden_dir("tests/fixtures/lang/bad-registry");
    // E115 on the language keys of a text.
    check_golden_dir("tests/fixtures/lang/bad-tags");
}

#[test]
fn volume_marks_its_spanish_phrases() {
    let files = epub_files(&built_volume().epub);
    let mut all = Vec::new();
    for (name, bytes) in files.iter().filter(|(n, _)| n.contains("text-")) {
        let doc = String::from_utf8_lossy(bytes);
        let phrases = marked(&doc);
        assert_well_marked(&phrases, &[("Cuore", "it")]);
        all.extend(phrases.into_iter().map(|p| (name.clone(), p.text)));
    }
    for (file, phrase) in [
        ("text-07-chile-50-years.xhtml", "Cordones Industriales"),
        (
            "text-06-ramiro-mendez-memoir.xhtml",
            "Cordones Industriales",
        ),
        ("text-04-allende-chile-essay.xhtml", "Unidad Popular"),
        ("text-07-chile-50-years.xhtml", "Patria y Libertad"),
        ("text-02-mir-wikipedia.xhtml", "El Rebelde"),
        (
            "text-03-mir-about-com.xhtml",
            "Movimiento de Izquierda Revolucionaria",
        ),
        ("text-01-about-this-edition.xhtml", "pobladores"),
    ] {
        assert!(
            all.iter().any(|(f, p)| f.ends_with(file) && p == phrase),
            "“{phrase}” is not marked in {file}"
        );
    }
    assert!(all.len() > 250, "{} phrases marked", all.len());
}

/// The words that stand only inside Spanish phrases of the volume's EPUB.
fn spanish_only_words(files: &[(String, Vec<u8>)]) -> BTreeSet<String> {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let (mut inside, mut outside) = (BTreeSet::new(), BTreeSet::new());
    for (_, bytes) in files.iter().filter(|(n, _)| n.ends_with(".xhtml")) {
        let xhtml = String::from_utf8_lossy(bytes);
        for n in parse(&xhtml).descendants().filter(|n| n.is_text()) {
            let set = match n.ancestors().any(is_phrase) {
                true => &mut inside,
                false => &mut outside,
            };
            set.extend(words(n.text().unwrap_or("")));
        }
    }
    inside.difference(&outside).cloned().collect()
}

#[test]
fn volume_pdf_hyphenates_spanish_phrases_with_spanish_patterns() {
    let built = built_volume();
    let spanish = spanish_only_words(&epub_files(&built.epub));
    require_tool("pdftotext", "poppler-utils");
    let out = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8", "-bbox"])
        .arg(&built.pdf)
        .arg("-")
        .output()
        .unwrap();
    let html = String::from_utf8_lossy(&out.stdout);
    let words: Vec<&str> = html
        .split("<word ")
        .skip(1)
        .filter_map(|w| w.split_once('>').and_then(|(_, r)| r.split_once("</word>")))
        .map(|(w, _)| w)
        .collect();
    // The break points the typesetter allows: 2 letters before, 3 after (its margins).
    let points = |word: &str, lang| -> Vec<usize> {
        let syllables: Vec<&str> = hypher::hyphenate_bounded(word, lang, 2, 3).collect();
        let mut at = 0;
        syllables[..syllables.len() - 1]
            .iter()
            .map(|s| {
                at += s.len();
                at
            })
            .collect()
    };
    let (mut checked, mut not_english) = (0, 0);
    for pair in words.windows(2) {
        let Some(head) = pair[0].strip_suffix('-') else {
            continue;
        };
        let tail: String = pair[1].chars().take_while(|c| c.is_alphabetic()).collect();
        let word = format!("{head}{tail}");
        if head.is_empty() || !head.chars().all(char::is_alphabetic) || !spanish.contains(&word) {
            continue;
        }
        let spanish_points = points(&word, hypher::Lang::Spanish);
        assert!(
            spanish_points.contains(&head.len()),
            "“{head}-{tail}” is no Spanish hyphenation point (Spanish: {spanish_points:?})"
        );
        checked += 1;
        not_english += usize::from(!points(&word, hypher::Lang::English).contains(&head.len()));
    }
    assert!(checked >= 3, "only {checked} Spanish words hyphenated");
    assert!(
        not_english >= 1,
        "every Spanish break is an English one too: the patterns were not switched"
    );
}
