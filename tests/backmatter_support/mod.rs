//! Reading the index of names back from both outputs: from the PDF's text layer
//! (`pdftotext -layout`) and from the EPUB's index document, as heading → pages.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};

/// Index headings with the pages they list, ranges expanded ("4–6" is 4, 5, 6).
pub type Locators = BTreeMap<String, BTreeSet<String>>;

/// A line of figures, commas and dashes: locators continued from the line above.
fn only_locators(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '–' | ' '))
}

/// Pages of "12, 45–47" as labels.
fn expand(list: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for item in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        match item.split_once('–') {
            Some((a, b)) => {
                let (a, b): (u32, u32) = (a.parse().unwrap(), b.parse().unwrap());
                assert!(a < b, "a range runs forward: {item}");
                out.extend((a..=b).map(|p| p.to_string()));
            }
            None => {
                out.insert(item.to_string());
            }
        }
    }
    out
}

/// The index of the PDF's text (`pdftotext -layout`): from the part's title to the end,
/// each entry a line at the left margin ("Heading, 12, 45–47") with the lines of
/// locators that continue it; running heads and folios (far indented) are skipped.
pub fn pdf_index(text: &str) -> Locators {
    let start = text
        .lines()
        .position(|l| l.trim() == "Index of Names")
        .expect("the PDF has an index whose opening page is titled “Index of Names”");
    let mut out = Locators::new();
    let mut current: Option<(String, String)> = None;
    let mut flush = |c: &mut Option<(String, String)>, out: &mut Locators| {
        if let Some((heading, list)) = c.take() {
            out.insert(heading, expand(&list));
        }
    };
    for line in text.lines().skip(start + 1) {
        let indent = line.len() - line.trim_start().len();
        let body = line.trim();
        if body.is_empty() || indent > 10 {
            continue;
        }
        if indent > 0 {
            if let Some((_, list)) = current.as_mut().filter(|_| only_locators(body)) {
                list.push(' ');
                list.push_str(body);
            }
            continue;
        }
        flush(&mut current, &mut out);
        if body.contains(", see ") {
            continue;
        }
        // "Pascal Allende, Andrés, 4, 10": the locators start at the first ", <digit>".
        let cut = body
            .char_indices()
            .find(|(i, _)| {
                body[*i..].starts_with(", ")
                    && body[i + 2..].starts_with(|c: char| c.is_ascii_digit())
            })
            .map(|(i, _)| i);
        if let Some(i) = cut {
            current = Some((body[..i].to_string(), body[i + 2..].to_string()));
        }
    }
    flush(&mut current, &mut out);
    out
}

/// The index of the EPUB's index document: each heading's entry (`li id="name-…"`) and
/// the labels of its links.
pub fn epub_index(xhtml: &str) -> Locators {
    let mut out = Locators::new();
    for entry in xhtml.split("<li id=\"name-").skip(1) {
        let entry = &entry[..entry.find("</li>").expect("entries close")];
        let heading = between(entry, "<span class=\"name\">", "</span>").expect("a heading");
        let labels: BTreeSet<String> = link_labels(entry).into_iter().collect();
        out.insert(decode(heading), labels);
    }
    out
}

/// The labels of every link of an EPUB document, in order.
pub fn link_labels(xhtml: &str) -> Vec<String> {
    xhtml
        .split("<a ")
        .skip(1)
        .filter_map(|s| between(s, ">", "</a>"))
        .map(decode)
        .collect()
}

pub fn between<'a>(s: &'a str, from: &str, to: &str) -> Option<&'a str> {
    let i = s.find(from)? + from.len();
    let j = s[i..].find(to)? + i;
    Some(&s[i..j])
}

fn decode(s: &str) -> String {
    s.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
}

/// The text of a PDF with its layout kept (`pdftotext -layout`): indents show which
/// lines continue an entry.
pub fn pdftotext_layout(pdf: &std::path::Path) -> String {
    crate::common::require_tool("pdftotext", "poppler-utils");
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(out.status.success(), "pdftotext failed");
    String::from_utf8(out.stdout).expect("pdftotext gives UTF-8")
}
