//! Hostile text: markup-like text, `javascript:` links, XML's forbidden characters, bidi
//! overrides, a 50,000-character line and deep nesting in sources, Markdown texts, notes,
//! emendations and metadata. None of it may become markup in the EPUB (every XML file is
//! parsed with roxmltree and searched for scripts, event handlers, images and links that
//! are not the edition's own), and nothing may crash the PDF.

mod common;
mod robust_common;

use std::path::Path;

use common::*;
use robust_common::*;

/// Characters no XML file may hold (C0 and C1 controls), a BOM and noncharacters: what a
/// copy from the web or a PDF can bring along. A raw source may hold them (the import
/// reads them as layout space); Markdown and notes written by the editors get E114.
const CONTROL_SOUP: &str = "Controls \u{1}\u{2}\u{7}\u{8}\u{b}\u{c}\u{1b}[31m red\u{1b}[0m, \u{7f} \u{85} \u{9b}, \
    a BOM \u{feff} and \u{fffe} \u{ffff} \u{fdd0}.";

/// Unicode's bidi overrides and isolates and zero-width characters: invisible, allowed.
const BIDI_SOUP: &str = "Bidi \u{202e}desrever\u{202c} \u{202d}LTR\u{202c} \u{2066}iso\u{2069} \
    \u{2067}rtl\u{2069} \u{200f}mark, zero\u{200b}width\u{200d}joiner\u{2060}.";

/// The hostile fixture copied into a temporary folder, with the generated parts added:
/// control characters in the source, bidi overrides everywhere, a 50,000-character line
/// of words and one of a single 50,000-letter word.
fn hostile_manuscript() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let ms = tmp.path().join("ms");
    copy_dir(&repo().join("tests/fixtures/hostile"), &ms);
    let words = "the movement and the coup in Concepción ";
    let long_line: String = words
        .repeat(50_000 / words.len() + 1)
        .chars()
        .take(50_000)
        .collect();
    let long_word = "x".repeat(50_000);
    append(
        &ms.join("sources/hostile.txt"),
        &format!("\n{CONTROL_SOUP}\n\n{BIDI_SOUP}\n\n{long_line}\n\n{long_word}\n"),
    );
    append(
        &ms.join("texts/editorial.md"),
        &format!("\n{BIDI_SOUP}\n\n{long_line}\n\n{long_word}\n"),
    );
    append(
        &ms.join("notes.toml"),
        &format!(
            "\n[[note]]\ntext = \"editorial\"\nquote = \"A paragraph with\"\nbody = \"{BIDI_SOUP}\"\n"
        ),
    );
    tmp
}

/// `s` as the inside of a TOML basic string: control characters as `\uXXXX` escapes.
fn toml_escaped(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() {
                format!("\\u{:04X}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn append(path: &Path, text: &str) {
    let mut s = std::fs::read_to_string(path).unwrap();
    s.push_str(text);
    std::fs::write(path, s).unwrap();
}

/// Elements that could run code, load something or take input: never in the edition.
const FORBIDDEN_ELEMENTS: &[&str] = &[
    "script", "iframe", "object", "embed", "form", "input", "button", "textarea", "select", "svg",
    "math", "video", "audio", "source", "style", "base", "frame", "frameset", "applet", "b", "i",
];

/// Whether a link or resource address is the edition's own (a file of the package) or
/// an ordinary web or mail address.
fn is_safe_address(value: &str) -> bool {
    let v = value.trim();
    let lower = v.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:")
    {
        return true;
    }
    // A relative reference to a file of the package: no scheme before the first `/`.
    let head = v.split(['/', '?', '#']).next().unwrap_or("");
    !head.contains(':')
}

/// Parses every XML file of the EPUB and returns its problems.
fn markup_problems(epub: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    for (name, bytes) in epub_files(epub) {
        let options = roxmltree::ParsingOptions {
            allow_dtd: true,
            ..roxmltree::ParsingOptions::default()
        };
        let is_xml = [".xhtml", ".opf", ".ncx", ".xml"]
            .iter()
            .any(|e| name.ends_with(e));
        if !is_xml {
            continue;
        }
        let text = match std::str::from_utf8(&bytes) {
            Ok(t) => t,
            Err(e) => {
                problems.push(format!("{name}: not UTF-8: {e}"));
                continue;
            }
        };
        let doc = match roxmltree::Document::parse_with_options(text, options) {
            Ok(d) => d,
            Err(e) => {
                problems.push(format!("{name}: not well-formed XML: {e}"));
                continue;
            }
        };
        let xhtml = name.ends_with(".xhtml");
        for node in doc.descendants().filter(|n| n.is_element()) {
            let tag = node.tag_name().name();
            if xhtml && FORBIDDEN_ELEMENTS.contains(&tag) {
                problems.push(format!("{name}: a <{tag}> element"));
            }
            if tag == "img"
                && !(name.ends_with("cover.xhtml") && node.attribute("src") == Some("cover.png"))
            {
                problems.push(format!(
                    "{name}: an <img> that is not the cover: {:?}",
                    node.attribute("src")
                ));
            }
            for a in node.attributes() {
                let an = a.name().to_ascii_lowercase();
                if an.starts_with("on") {
                    problems.push(format!("{name}: an event handler {an}={:?}", a.value()));
                }
                if matches!(
                    an.as_str(),
                    "href" | "src" | "xlink:href" | "action" | "formaction"
                ) && !is_safe_address(a.value())
                {
                    problems.push(format!("{name}: an unsafe address {an}={:?}", a.value()));
                }
                if a.value().to_ascii_lowercase().contains("javascript:") {
                    problems.push(format!(
                        "{name}: `javascript:` in an attribute: {an}={:?}",
                        a.value()
                    ));
                }
            }
            for t in node.children().filter(|n| n.is_text()) {
                if let Some(c) = t.text().unwrap_or("").chars().find(|c| {
                    (c.is_control() && *c != '\n' && *c != '\t')
                        || matches!(*c, '\u{feff}' | '\u{fffe}' | '\u{ffff}' | '\u{fdd0}')
                }) {
                    problems.push(format!("{name}: U+{:04X} in the text", c as u32));
                }
            }
        }
    }
    problems
}

#[test]
fn hostile_text_never_becomes_markup() {
    let ms = hostile_manuscript();
    let out = ms.path().join("out");
    let run = edition(&[
        "build",
        "--manuscript",
        ms.path().join("ms").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        run.status.success(),
        "the hostile manuscript builds:\n{stderr}"
    );
    let epub = out.join("edition.epub");
    let problems = markup_problems(&epub);
    assert!(
        problems.is_empty(),
        "markup from the manuscript reached the EPUB:\n{}",
        problems.join("\n")
    );

    // The hostile words are there, as the text they are.
    let texts = epub_spine_text(&epub);
    let all: String = texts
        .iter()
        .map(|(_, t)| t.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    for shown in [
        "<script>alert(9)</script>",
        "<img src=x onerror=alert(10)>",
        "& ampersand",
        "a ]]> end",
        "<script>alert(26)</script>",
        "javascript:alert(28)",
        "<script>alert(35)</script>",
    ] {
        assert!(
            all.contains(shown),
            "`{shown}` is not shown as text in the EPUB"
        );
    }
    // The links that were safe stay links, the rest are text.
    let editorial = epub_files(&epub)
        .into_iter()
        .find(|(n, _)| n.ends_with("editorial.xhtml"))
        .map(|(_, b)| String::from_utf8(b).unwrap())
        .expect("the editorial text's document");
    assert!(
        editorial.contains("href=\"https://example.org/"),
        "the good link is a link"
    );

    // The PDF was written and reads back with the hostile words as text.
    let text = pdftotext(&out.join("edition-a5.pdf"));
    assert!(
        text.contains("alert(9)"),
        "the PDF shows the script as text"
    );
    assert!(
        text.contains("desrever"),
        "bidi overrides do not swallow the words"
    );
}

#[test]
fn ten_thousand_nested_emphasis_markers_are_refused_not_a_crash() {
    for (file, text) in [
        (
            "texts/editorial.md",
            format!("\n{}deep{}\n", "*".repeat(10_000), "*".repeat(10_000)),
        ),
        (
            "texts/editorial.md",
            format!("\n{} deep\n", ">".repeat(10_000)),
        ),
        (
            "texts/editorial.md",
            format!("\n{}deep{}\n", "_".repeat(10_000), "_".repeat(10_000)),
        ),
        (
            "texts/editorial.md",
            (0..2_000)
                .map(|i| format!("{}- item\n", " ".repeat(2 * i)))
                .collect(),
        ),
    ] {
        let ms = hostile_manuscript();
        append(&ms.path().join("ms").join(file), &text);
        let m = ms.path().join("ms");
        let stderr = build_refused(&["--manuscript", m.to_str().unwrap()], 1);
        assert!(stderr.contains("[E111]"), "{stderr}");
    }
}

#[test]
fn ten_thousand_nested_emphasis_markers_in_a_note_body() {
    let ms = hostile_manuscript();
    append(
        &ms.path().join("ms/notes.toml"),
        &format!(
            "\n[[note]]\ntext = \"editorial\"\nquote = \"an & ampersand\"\nbody = \"{}deep{}\"\n",
            "*".repeat(10_000),
            "*".repeat(10_000)
        ),
    );
    let m = ms.path().join("ms");
    let stderr = build_refused(&["--manuscript", m.to_str().unwrap()], 1);
    assert!(stderr.contains("[E111]"), "{stderr}");
}

#[test]
fn control_characters_in_markdown_text_are_e114() {
    let ms = hostile_manuscript();
    let m = ms.path().join("ms");
    append(
        &m.join("texts/editorial.md"),
        &format!("\n{CONTROL_SOUP}\n"),
    );
    let stderr = build_refused(&["--manuscript", m.to_str().unwrap()], 1);
    assert!(
        stderr.contains("error[E114]") && stderr.contains("texts/editorial.md:"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("[E403]"),
        "control characters are reported where they stand, not as missing glyphs:\n{stderr}"
    );
}

#[test]
fn control_characters_in_a_note_body_are_e114() {
    let ms = hostile_manuscript();
    let m = ms.path().join("ms");
    append(
        &m.join("notes.toml"),
        &format!(
            "\n[[note]]\ntext = \"editorial\"\nquote = \"an & ampersand\"\nbody = \"{}\"\n",
            toml_escaped(CONTROL_SOUP)
        ),
    );
    let stderr = build_refused(&["--manuscript", m.to_str().unwrap()], 1);
    assert!(
        stderr.contains("error[E114]") && stderr.contains("notes.toml:"),
        "{stderr}"
    );
}

#[test]
fn ten_thousand_nested_link_brackets_build() {
    let ms = hostile_manuscript();
    let m = ms.path().join("ms");
    append(
        &m.join("texts/editorial.md"),
        &format!(
            "\n{}x{}\n",
            "[".repeat(10_000),
            "](https://x.org)".repeat(10_000)
        ),
    );
    let out = edition(&[
        "build",
        "--manuscript",
        m.to_str().unwrap(),
        "--out",
        ms.path().join("out").to_str().unwrap(),
    ]);
    let stderr = refused(&out, 0);
    assert!(
        markup_problems(&ms.path().join("out/edition.epub")).is_empty(),
        "{stderr}"
    );
}
