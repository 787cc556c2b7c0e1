//! Fuzzing with proptest: random and adversarial input to the import recipe engine, the
//! Markdown → model path, the anchor resolver, the line breaker and the XHTML writer.
//! None may panic; each checks the invariants its callers rely on (spans inside their
//! file and on character boundaries, breaks in order, well-formed XML with no markup from
//! the input). The normal suite runs `PROPTEST_CASES` cases per target (default 64);
//! `fuzz/run.sh` runs them for a time budget. Inputs that once failed are kept below as
//! regression tests (and proptest keeps its own in `proptest-regressions/`).

mod epub_support;

use proptest::prelude::*;
use proptest::test_runner::Config;

use reader_edition::apparatus::anchor::{Passage, Query, TextIndex};
use reader_edition::apparatus::surgery::{for_each_leaf_mut, wrap_range};
use reader_edition::diag::{Diagnostic, FileId, Sources, render_all};
use reader_edition::import::{self, Corpus, ImportInput, Recipe};
use reader_edition::manuscript::markdown::{self, IdAlloc, MarkdownSource};
use reader_edition::model::text::inline_text;
use reader_edition::model::{BlockId, Inline, InlineKind, LangTag, TextKind};
use reader_edition::render::epub::{EpubOptions, write_epub};
use reader_edition::typeset::paragraph::first_fit::first_fit;
use reader_edition::typeset::paragraph::knuth_plass::{Break, Item, Params, total_fit};

fn config() -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(64);
    Config {
        cases,
        // Shrinking a failure of a large input takes long; the fuzz script wants speed.
        max_shrink_iters: 2_000,
        ..Config::default()
    }
}

/// Pieces that Markdown, HTML, XML and Unicode treat specially, with plain words
/// between them: random strings of these reach far more code than random bytes.
const TOKENS: &[&str] = &[
    "word",
    "Concepción",
    " ",
    " ",
    "\n",
    "\n\n",
    "*",
    "**",
    "_",
    "__",
    "***",
    "`",
    "``",
    "[",
    "]",
    "(",
    ")",
    "](https://example.org/a?b=1&c=<2>)",
    "](javascript:alert(1))",
    "[^a]",
    "[^a]: ",
    "[^b]",
    "[^b]: note",
    "![",
    "> ",
    ">",
    "- ",
    "* ",
    "1. ",
    "2) ",
    "# ",
    "## ",
    "###### ",
    "    ",
    "\t",
    "---",
    "***\n",
    "|",
    "|---|",
    "\\",
    "\\*",
    "&",
    "&amp;",
    "&#0;",
    "&#x1F600;",
    "&nbsp;",
    "<",
    ">",
    "<b>",
    "</b>",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "\"",
    "'",
    "“",
    "”",
    "‘",
    "’",
    "—",
    "–",
    "…",
    "...",
    "--",
    "e\u{301}",
    "ﬁ",
    "😀",
    "👩🏽‍🔬",
    "\u{202e}",
    "\u{200b}",
    "\u{ad}",
    "\u{a0}",
    "\u{0}",
    "\u{1}",
    "\u{7f}",
    "\u{85}",
    "\u{feff}",
    "\u{fffe}",
    "\r",
    "\r\n",
    "+++",
    "$x$",
    "~~",
    "<https://x.org>",
    "<javascript:x>",
    "https://x.org",
    "a\u{301}\u{302}\u{303}",
    "ǅ",
    "İ",
    "ß",
    "\u{10ffff}",
];

fn token_text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..max).prop_map(|v| v.concat())
}

/// Any string, half the time from the tokens and half from arbitrary characters.
fn any_text(max: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        token_text(max),
        prop::collection::vec(any::<char>(), 0..max).prop_map(|v| v.into_iter().collect())
    ]
}

fn parse_markdown(text: &str) -> (markdown::Parsed, Vec<Diagnostic>) {
    let mut ids = IdAlloc::default();
    let mut diags = Vec::new();
    let parsed = markdown::parse(
        MarkdownSource {
            text,
            file: FileId(0),
            offset: 0,
        },
        &mut ids,
        &mut diags,
    );
    (parsed, diags)
}

/// Every span of the diagnostics lies in its file and renders.
fn check_diagnostics(sources: &Sources, diags: &[Diagnostic]) {
    for d in diags {
        for span in d.span.iter().chain(d.labels.iter().map(|l| &l.span)) {
            let len = sources.text(span.file).len();
            assert!(
                span.start <= span.end && span.end as usize <= len,
                "span {span:?} outside its file of {len} bytes: {d:?}"
            );
        }
    }
    let rendered = render_all(sources, diags);
    assert_eq!(diags.is_empty(), rendered.is_empty());
}

/// Markdown → model: no panic; every block span inside the text; every diagnostic renders.
fn markdown_to_model(text: &str) {
    let (parsed, diags) = parse_markdown(text);
    let mut sources = Sources::new();
    sources.add(
        "texts/fuzz.md",
        std::path::Path::new("texts/fuzz.md"),
        text.to_string(),
    );
    for b in parsed
        .blocks
        .iter()
        .chain(parsed.notes.iter().flat_map(|n| n.blocks.iter()))
    {
        assert!(
            b.span.end as usize <= text.len(),
            "block span {:?} beyond {}",
            b.span,
            text.len()
        );
    }
    check_diagnostics(&sources, &diags);
    // The plain text of the model never holds characters no text may hold.
    for b in &parsed.blocks {
        let plain = reader_edition::model::text::block_text(b);
        assert!(!plain.chars().any(markdown::is_never_text), "{plain:?}");
    }
}

/// The XHTML writer on a volume made of the parsed text: no panic, and when it writes an
/// EPUB, every XML file in it is well formed and holds no markup from the input.
fn xhtml_writer(text: &str) {
    // Errors (E114, E302…) stop a build, but the model is still well formed: the writer
    // must cope with it (or refuse it with a diagnostic) all the same.
    let (parsed, _) = parse_markdown(text);
    let mut volume = epub_support::volume();
    volume.texts.truncate(1);
    let t = &mut volume.texts[0];
    t.kind = TextKind::Editorial;
    t.blocks = parsed.blocks;
    t.notes = parsed.notes;
    // Foreign phrases wrapped across whatever the input made (emphasis, links, code,
    // note calls): the middle half of every paragraph and heading.
    for_each_leaf_mut(&mut t.blocks, &mut |_, inlines| wrap_middle(inlines, text));
    t.headnote = Vec::new();
    t.meta.title = text.chars().take(80).collect();
    if let Ok(bytes) = write_epub(&volume, &EpubOptions::default()) {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
        for i in 0..zip.len() {
            let mut entry = zip.by_index(i).expect("an entry");
            let name = entry.name().expect("a name").to_string();
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut entry, &mut bytes).expect("readable");
            if !(name.ends_with(".xhtml") || name.ends_with(".opf") || name.ends_with(".ncx")) {
                continue;
            }
            let xml = String::from_utf8(bytes).expect("UTF-8");
            let options = roxmltree::ParsingOptions {
                allow_dtd: true,
                ..roxmltree::ParsingOptions::default()
            };
            let doc = roxmltree::Document::parse_with_options(&xml, options)
                .unwrap_or_else(|e| panic!("{name} is not well-formed ({e}) for input {text:?}"));
            for node in doc.descendants().filter(|n| n.is_element()) {
                let tag = node.tag_name().name();
                assert!(
                    !matches!(tag, "script" | "img" | "b" | "iframe" | "svg"),
                    "<{tag}> in {name}"
                );
                for a in node.attributes() {
                    assert!(!a.name().starts_with("on"), "{} in {name}", a.name());
                    assert!(
                        !a.value().to_ascii_lowercase().contains("javascript:"),
                        "{} in {name}",
                        a.value()
                    );
                }
            }
        }
    }
}

/// Wraps the middle half of `inlines` in a Spanish phrase: the plain text stays the same
/// and no phrase holds a note call.
fn wrap_middle(inlines: &mut Vec<Inline>, input: &str) {
    let plain = inline_text(inlines);
    let boundary = |at: usize| {
        (0..=at)
            .rev()
            .find(|&b| plain.is_char_boundary(b))
            .unwrap_or(0)
    };
    let range = boundary(plain.len() / 4)..boundary(plain.len() * 3 / 4);
    let es = LangTag::parse("es").unwrap();
    wrap_range(inlines, range, &|content| InlineKind::Lang {
        lang: es.clone(),
        content,
    });
    assert_eq!(
        inline_text(inlines),
        plain,
        "wrapping changed the text of {input:?}"
    );
    fn calls_in_phrases(list: &[Inline], inside: bool) -> bool {
        list.iter().any(|i| match &i.kind {
            InlineKind::NoteRef(_) => inside,
            InlineKind::Lang { content, .. } => calls_in_phrases(content, true),
            _ => i.children().is_some_and(|c| calls_in_phrases(c, inside)),
        })
    }
    assert!(
        !calls_in_phrases(inlines, false),
        "a note call in a phrase for {input:?}"
    );
}

/// A TOML string literal holding `s` exactly.
fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// A pattern for a recipe: a line of the raw text, a fragment of one, a regular
/// expression (some invalid) or anything.
fn pattern(lines: Vec<String>) -> impl Strategy<Value = String> {
    let some_line = prop::sample::select(if lines.is_empty() {
        vec![String::new()]
    } else {
        lines
    });
    prop_oneof![
        some_line.clone(),
        some_line.prop_map(|l| l.chars().take(5).collect()),
        prop::sample::select(vec![
            "/^a/",
            "/(x/",
            "/.*/",
            "//",
            "/[/",
            "/(?P<key>\\w+): (?P<value>.*)/",
            "/^$/",
            "/\\d+/"
        ])
        .prop_map(str::to_string),
        any_text(12),
    ]
}

fn recipe_toml(raw: String) -> impl Strategy<Value = (String, String)> {
    let lines: Vec<String> = raw
        .lines()
        .map(str::to_string)
        .filter(|l| !l.trim().is_empty())
        .collect();
    let rule_kinds = prop::sample::select(vec![
        "drop", "cut", "move", "heading", "list", "quote", "intro", "join", "break",
    ]);
    let rule = (
        rule_kinds,
        pattern(lines.clone()),
        pattern(lines.clone()),
        0u8..9,
        any::<bool>(),
    );
    (
        prop::option::of(pattern(lines.clone())),
        prop::option::of(pattern(lines)),
        any::<bool>(),
        prop::collection::vec(rule, 0..6),
    )
        .prop_map(move |(from, until, hard, rules)| {
            let mut t = String::from("source = \"sources/fuzz.txt\"\n");
            if hard {
                t.push_str("layout = \"hard-wrapped\"\n");
            }
            if let Some(f) = from {
                t.push_str(&format!("from = {}\n", toml_string(&f)));
            }
            if let Some(u) = until {
                t.push_str(&format!("until = {}\n", toml_string(&u)));
            }
            for (kind, p, q, level, flag) in rules {
                t.push_str(&format!("\n[[{kind}]]\n"));
                match kind {
                    "drop" => {
                        t.push_str(&format!("reason = \"r\"\nline = {}\n", toml_string(&p)));
                        if flag {
                            t.push_str(&format!("through = {}\n", toml_string(&q)));
                        }
                    }
                    "cut" => t.push_str(&format!("reason = \"r\"\ntext = {}\n", toml_string(&p))),
                    "move" => t.push_str(&format!(
                        "reason = \"r\"\nline = {}\n{} = {}\n",
                        toml_string(&p),
                        if flag { "after" } else { "before" },
                        toml_string(&q)
                    )),
                    "heading" => {
                        t.push_str(&format!("line = {}\nlevel = {level}\n", toml_string(&p)))
                    }
                    "join" | "break" => {
                        t.push_str(&format!("reason = \"r\"\nafter = {}\n", toml_string(&p)))
                    }
                    _ => {
                        t.push_str(&format!("line = {}\n", toml_string(&p)));
                        if flag {
                            t.push_str(&format!("through = {}\n", toml_string(&q)));
                        }
                    }
                }
            }
            (raw.clone(), t)
        })
}

/// The import engine: no panic; its diagnostics render; the Markdown it writes reads
/// back with no HTML, link, code or footnote reference of its own.
fn import_engine(raw: &str, recipe_src: &str) {
    let Ok(recipe) = toml::from_str::<Recipe>(recipe_src) else {
        return; // a recipe the TOML schema refuses never reaches the engine
    };
    let mut sources = Sources::new();
    let raw_file = sources.add(
        "sources/fuzz.txt",
        std::path::Path::new("sources/fuzz.txt"),
        raw.to_string(),
    );
    let recipe_file = sources.add(
        "texts/fuzz.toml",
        std::path::Path::new("texts/fuzz.toml"),
        recipe_src.to_string(),
    );
    let corpus = Corpus::new(&[raw]);
    let input = ImportInput {
        raw,
        raw_file,
        recipe: &recipe,
        recipe_file,
        corpus: &corpus,
    };
    let (imported, diags) = import::import(&input);
    check_diagnostics(&sources, &diags);
    if let Some(imported) = imported {
        use pulldown_cmark::{Event, Options, Parser, Tag};
        let options = Options::ENABLE_FOOTNOTES
            | Options::ENABLE_SMART_PUNCTUATION
            | Options::ENABLE_HEADING_ATTRIBUTES;
        for event in Parser::new_ext(&imported.markdown, options) {
            let markup = matches!(
                event,
                Event::Html(_)
                    | Event::InlineHtml(_)
                    | Event::Code(_)
                    | Event::FootnoteReference(_)
                    | Event::Start(
                        Tag::Link { .. }
                            | Tag::Image { .. }
                            | Tag::CodeBlock(_)
                            | Tag::HtmlBlock
                            | Tag::FootnoteDefinition(_)
                    )
            );
            assert!(
                !markup,
                "the import wrote markup {event:?} into\n{}\nfrom raw {raw:?}",
                imported.markdown
            );
        }
        markdown_to_model(&imported.markdown);
    }
}

/// The anchor resolver: no panic; a resolved range lies in its passage on char bounds.
fn anchor_resolver(texts: &[String], quote: &str, before: Option<&str>, after: Option<&str>) {
    let passages: Vec<Passage> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| Passage {
            block: BlockId(i as u32 + 1),
            text: t,
        })
        .collect();
    let index = TextIndex::new(&passages);
    if let Ok(r) = index.resolve(&Query {
        quote,
        before,
        after,
    }) {
        let text = &texts[r.block.0 as usize - 1];
        assert!(
            r.range.start <= r.range.end && r.range.end <= text.len(),
            "{r:?} in {text:?}"
        );
        assert!(
            text.is_char_boundary(r.range.start) && text.is_char_boundary(r.range.end),
            "{r:?} in {text:?}"
        );
    }
}

fn item() -> impl Strategy<Value = Item> {
    let w = prop_oneof![0.0f32..60.0, Just(0.0), Just(1.0e6), Just(-5.0)];
    prop_oneof![
        4 => w.clone().prop_map(|width| Item::Box { width }),
        2 => (w.clone(), 0.0f32..20.0, 0.0f32..5.0).prop_map(|(width, stretch, shrink)| Item::Glue { width, stretch, shrink }),
        1 => (w, prop_oneof![-10_000.0f32..10_000.0, Just(10_000.0), Just(-10_000.0), Just(f32::INFINITY)], any::<bool>())
            .prop_map(|(width, cost, flagged)| Item::Penalty { width, cost, flagged }),
    ]
}

fn check_breaks(items: &[Item], breaks: &[Break]) {
    let mut last = None;
    for b in breaks {
        assert!(
            b.index < items.len(),
            "break {b:?} beyond {} items",
            items.len()
        );
        assert!(
            last.is_none_or(|l| b.index > l),
            "breaks out of order: {breaks:?}"
        );
        last = Some(b.index);
    }
}

/// The line breakers: no panic, no hang; breaks in order and inside the paragraph.
fn line_breaker(mut items: Vec<Item>, widths: &[f32]) {
    // A paragraph ends as the typesetter ends it: fill glue and a forced break.
    items.push(Item::Glue {
        width: 0.0,
        stretch: 1.0e6,
        shrink: 0.0,
    });
    items.push(Item::Penalty {
        width: 0.0,
        cost: -10_000.0,
        flagged: false,
    });
    let width = |line: usize| widths[line.min(widths.len() - 1)];
    if let Some(breaks) = total_fit(&items, &width, &Params::default()) {
        check_breaks(&items, &breaks);
    }
    let loose = Params {
        tolerance: 10.0,
        emergency_stretch: 20.0,
        ..Params::default()
    };
    if let Some(breaks) = total_fit(&items, &width, &loose) {
        check_breaks(&items, &breaks);
    }
    check_breaks(&items, &first_fit(&items, &width));
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn fuzz_markdown_to_model(text in any_text(300)) {
        markdown_to_model(&text);
    }

    #[test]
    fn fuzz_xhtml_writer(text in token_text(120)) {
        xhtml_writer(&text);
    }

    #[test]
    fn fuzz_import_engine((raw, recipe) in any_text(200).prop_flat_map(recipe_toml)) {
        import_engine(&raw, &recipe);
    }

    #[test]
    fn fuzz_anchor_resolver(
        texts in prop::collection::vec(any_text(80), 1..5),
        quote in any_text(12),
        pick in any::<prop::sample::Index>(),
        cut in (0usize..40, 0usize..40),
        before in prop::option::of(any_text(6)),
        after in prop::option::of(any_text(6)),
    ) {
        // Half the time the quotation is a piece of a passage, so that it is found.
        let text = pick.get(&texts);
        let chars: Vec<char> = text.chars().collect();
        let (a, b) = (cut.0.min(chars.len()), (cut.0 + cut.1).min(chars.len()));
        let piece: String = chars[a..b].iter().collect();
        let quote = if cut.1 % 2 == 0 { piece } else { quote };
        anchor_resolver(&texts, &quote, before.as_deref(), after.as_deref());
    }

    #[test]
    fn fuzz_line_breaker(
        items in prop::collection::vec(item(), 0..120),
        widths in prop::collection::vec(prop_oneof![1.0f32..400.0, Just(0.0), Just(-1.0)], 1..4),
    ) {
        line_breaker(items, &widths);
    }
}

// ---- Regressions: inputs that once crashed, kept as plain tests --------------------

#[test]
fn regression_deep_emphasis_and_quotes() {
    markdown_to_model(&format!("{}x{}", "*".repeat(10_000), "*".repeat(10_000)));
    markdown_to_model(&">".repeat(10_000));
    xhtml_writer(&format!("{}x{}", "_".repeat(3_000), "_".repeat(3_000)));
}

/// The import target is not vacuous: most generated recipes pass the TOML schema, and
/// some imports succeed.
#[test]
fn generated_recipes_reach_the_engine() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = any_text(200).prop_flat_map(recipe_toml);
    let (mut parsed, mut imported) = (0, 0);
    for _ in 0..200 {
        let (raw, src) = strategy.new_tree(&mut runner).unwrap().current();
        let Ok(recipe) = toml::from_str::<Recipe>(&src) else {
            continue;
        };
        parsed += 1;
        let mut sources = Sources::new();
        let raw_file = sources.add("s", std::path::Path::new("s"), raw.clone());
        let corpus = Corpus::new(&[raw.as_str()]);
        let input = ImportInput {
            raw: &raw,
            raw_file,
            recipe: &recipe,
            recipe_file: raw_file,
            corpus: &corpus,
        };
        imported += usize::from(import::import(&input).0.is_some());
    }
    assert!(parsed >= 150, "only {parsed} of 200 recipes parse");
    assert!(imported >= 10, "only {imported} of 200 imports succeed");
}
