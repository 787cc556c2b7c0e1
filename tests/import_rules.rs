//! The import engine on small fixtures: every rule kind, the diagnostics of bad recipes
//! (all reported at once, pointing at the rule), and robustness on odd input.

use reader_edition::diag::{Diagnostic, FileId};
use reader_edition::import::{Corpus, ImportInput, Imported, Recipe, import};
use reader_edition::model::text::normalize_words;

const RECIPE_FILE: FileId = FileId(1);

fn run(raw: &str, recipe_toml: &str, evidence: &[&str]) -> (Option<Imported>, Vec<Diagnostic>) {
    let recipe: Recipe = toml::from_str(recipe_toml).expect("recipe parses");
    let mut texts = vec![raw];
    texts.extend_from_slice(evidence);
    let corpus = Corpus::new(&texts);
    let input = ImportInput {
        raw,
        raw_file: FileId(0),
        recipe: &recipe,
        recipe_file: RECIPE_FILE,
        corpus: &corpus,
    };
    import(&input)
}

fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

fn codes(diags: &[Diagnostic]) -> Vec<&'static str> {
    diags.iter().map(|d| d.code.id).collect()
}

#[test]
fn hard_wrapped_fixture_gives_the_expected_markdown() {
    let raw = fixture("wrapped.txt");
    let evidence = fixture("evidence.txt");
    let (out, diags) = run(&raw, &fixture("wrapped.toml"), &[&evidence]);
    assert!(diags.is_empty(), "{diags:?}");
    let out = out.unwrap();
    let expected = "The comrade spoke of the counter-revolution and of the comrade who led it, mid-1970s. \
The end came soon, in the night.\n\n\
Second paragraph with a sidebar Vargas and more text. \\*Stars\\* and \\[brackets\\] and a \\<tag\\>.\n\n\
1\\. Not a list\n\n\
# Chapter 2 — The Title\n\n\
\\# not a heading Sidebar set apart.\n\n\
THE SIDEBAR TEXT\n";
    assert_eq!(out.markdown, expected);
    assert_eq!(
        out.report.expected_words(&raw),
        normalize_words(&out.markdown)
    );
    let report = out.report.render();
    for needle in [
        "running head",
        "1 lines, 3 words removed",
        "1 lines, 4 words removed",
        "kept: the hyphenated form occurs elsewhere: 1",
        "joined: the joined word occurs elsewhere: 1",
        "kept: a number follows: 1",
        "Var- | gas → Vargas",
        "joined: the next line starts lower-case: 1",
        "1 lines moved",
    ] {
        assert!(
            report.contains(needle),
            "report lacks {needle:?}:\n{report}"
        );
    }
}

#[test]
fn a_rule_that_matches_nothing_points_at_itself_with_the_closest_line() {
    let recipe = "source = \"s.txt\"\n[[drop]]\nreason = \"ad\"\nline = \"Join uss\"\n";
    let (out, diags) = run("Text.\n\nJoin us\n", recipe, &[]);
    assert!(out.is_none());
    assert_eq!(codes(&diags), ["E201"]);
    let d = &diags[0];
    let span = d.span.unwrap();
    assert_eq!(span.file, RECIPE_FILE);
    assert_eq!(&recipe[span.range()], "\"Join uss\"");
    assert!(
        d.hint.as_deref().unwrap().contains("line 3: `Join us`"),
        "{:?}",
        d.hint
    );
    let label = &d.labels[0];
    assert_eq!(label.span.file, FileId(0));
    assert_eq!(&"Text.\n\nJoin us\n"[label.span.range()], "Join us");
}

#[test]
fn all_recipe_errors_are_reported_at_once() {
    let recipe = r#"
source = "s.txt"
from = "nowhere"
[[drop]]
reason = "a"
line = "/(unclosed/"
[[move]]
reason = "b"
line = "Text."
before = "x"
after = "y"
[[heading]]
line = "Text."
level = 9
[[list]]
line = "/^- (.*)$/"
[[quote]]
line = "/^- /"
"#;
    let (out, diags) = run("Text.\n- item\n", recipe, &[]);
    assert!(out.is_none());
    let mut got = codes(&diags);
    got.sort();
    assert_eq!(got, ["E201", "E202", "E203", "E203", "E205"], "{diags:#?}");
}

#[test]
fn selection_that_keeps_nothing_is_an_error() {
    let recipe = "source = \"s.txt\"\nfrom = \"b\"\nuntil = \"b\"\n";
    let (out, diags) = run("a\nb\n", recipe, &[]);
    assert!(out.is_none());
    assert_eq!(codes(&diags), ["E204"]);
}

/// A small deterministic generator of awkward texts (no external crates).
fn awkward_texts() -> Vec<String> {
    let alphabet: Vec<char> =
        "ab é-–  \n\n\r\t#*_[]<>&1.)\u{FEFF}\u{0}\u{7}\u{301}\u{A0}AZ’'\\=+!$^:\"~|`{}()"
            .chars()
            .collect();
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut texts: Vec<String> = [
        "",
        "\u{FEFF}",
        "\r\n\r\n",
        "-",
        "a-",
        "a-\n",
        "a-\n\nb",
        "-\n-\n",
        "1.\n#\n>",
        "x\u{301}-\n\u{301}y",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // xorshift64: a fixed, reproducible sequence.
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..2000 {
        let len = (next() % 80) as usize;
        let s: String = (0..len)
            .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
            .collect();
        texts.push(s);
    }
    assert!(
        texts
            .iter()
            .collect::<std::collections::BTreeSet<_>>()
            .len()
            > 1500
    );
    texts
}

#[test]
fn never_panics_and_loses_nothing_on_awkward_input() {
    for layout in ["paragraph-per-line", "hard-wrapped"] {
        let recipe = format!("source = \"s.txt\"\nlayout = \"{layout}\"\n");
        for raw in awkward_texts() {
            let (out, diags) = run(&raw, &recipe, &[]);
            let Some(out) = out else {
                assert_eq!(codes(&diags), ["E204"], "{raw:?}");
                continue;
            };
            assert_eq!(
                out.report.expected_words(&raw),
                normalize_words(&out.markdown),
                "{layout} {raw:?}\n{}",
                out.markdown
            );
            let _ = out.report.render();
            assert_eq!(
                parsed_words(&out.markdown),
                normalize_words(&out.markdown),
                "{layout} {raw:?}\n{}",
                out.markdown
            );
        }
    }
}

#[test]
fn a_conflict_points_at_both_rules() {
    let recipe = "source = \"s.txt\"\n[[list]]\nline = \"/^- /\"\n[[quote]]\nline = \"- item\"\n";
    let (_, diags) = run("- item\n", recipe, &[]);
    assert_eq!(codes(&diags), ["E205"]);
    let d = &diags[0];
    assert_eq!(&recipe[d.span.unwrap().range()], "\"- item\"");
    assert_eq!(&recipe[d.labels[0].span.range()], "\"/^- /\"");
}

/// The words pulldown-cmark reads from the Markdown; panics on any construct the import
/// must never produce (HTML, code, links, footnote references, rules, tables).
fn parsed_words(markdown: &str) -> Vec<String> {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let options = Options::ENABLE_FOOTNOTES
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TABLES;
    let mut text = String::new();
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Text(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => text.push('\n'),
            Event::Start(
                Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::List(None)
                | Tag::Item
                | Tag::Strong
                | Tag::Emphasis
                | Tag::BlockQuote(_),
            ) => {}
            other => panic!("unexpected Markdown event {other:?} in {markdown:?}"),
        }
    }
    normalize_words(&text)
}
