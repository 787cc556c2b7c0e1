//! Unit tests of Markdown → model.

use super::*;
use crate::model::text::{block_text, inline_text};

fn parse_str(s: &str) -> (Parsed, Vec<Diagnostic>) {
    let mut ids = IdAlloc::default();
    let mut diags = Vec::new();
    let parsed = parse(
        MarkdownSource {
            text: s,
            file: FileId(0),
            offset: 0,
        },
        &mut ids,
        &mut diags,
    );
    (parsed, diags)
}

#[test]
fn headings_paragraphs_and_spans() {
    let src = "# Before the coup\n\nThe MIR was *founded* in 1965.\n";
    let (p, d) = parse_str(src);
    assert!(d.is_empty());
    assert_eq!(p.blocks.len(), 2);
    match &p.blocks[0].kind {
        BlockKind::Heading { level, content } => {
            assert_eq!(*level, 1);
            assert_eq!(inline_text(content), "Before the coup");
        }
        other => panic!("expected heading, got {other:?}"),
    }
    assert_eq!(block_text(&p.blocks[1]), "The MIR was founded in 1965.\n");
    let span = p.blocks[1].span;
    assert_eq!(
        &src[span.range()].trim_end(),
        &"The MIR was *founded* in 1965."
    );
    assert!(p.blocks[0].id < p.blocks[1].id);
}

#[test]
fn smart_punctuation_and_soft_breaks() {
    let (p, _) = parse_str("He said \"no\" -- and it's over...\nnext line");
    assert_eq!(
        block_text(&p.blocks[0]),
        "He said “no” – and it’s over… next line\n"
    );
}

#[test]
fn footnotes_numbered_in_call_order() {
    let src = "One[^b] two[^a] again[^b].\n\n[^a]: Note A.\n[^b]: Note B.\n";
    let (p, d) = parse_str(src);
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(p.notes.len(), 2);
    assert_eq!(p.notes[0].number, 1);
    assert_eq!(block_text(&p.notes[0].blocks[0]), "Note B.\n");
    assert_eq!(block_text(&p.notes[1].blocks[0]), "Note A.\n");
    let BlockKind::Paragraph(content) = &p.blocks[0].kind else {
        panic!()
    };
    let calls: Vec<NoteId> = content
        .iter()
        .filter_map(|i| {
            if let InlineKind::NoteRef(n) = i.kind {
                Some(n)
            } else {
                None
            }
        })
        .collect();
    assert_eq!(calls, vec![p.notes[0].id, p.notes[1].id, p.notes[0].id]);
}

#[test]
fn undefined_and_unused_footnotes_are_reported() {
    let (_, d) = parse_str("Text[^missing] here.\n\n[^spare]: Unused.\n");
    let ids: Vec<&str> = d.iter().map(|d| d.code.id).collect();
    assert!(ids.contains(&codes::UNDEFINED_FOOTNOTE.id), "{ids:?}");
    assert!(ids.contains(&codes::UNUSED_FOOTNOTE.id), "{ids:?}");
}

#[test]
fn tight_and_loose_lists_and_quotes() {
    let (p, _) =
        parse_str("- **Founder:** Miguel Enríquez\n- Foundation: 1965\n\n> quoted\n> text\n");
    let BlockKind::List { ordered, items, .. } = &p.blocks[0].kind else {
        panic!("{:?}", p.blocks[0])
    };
    assert!(!ordered);
    assert_eq!(items.len(), 2);
    assert_eq!(block_text(&items[0][0]), "Founder: Miguel Enríquez\n");
    let BlockKind::Quote(children) = &p.blocks[1].kind else {
        panic!()
    };
    assert_eq!(block_text(&children[0]), "quoted text\n");
}

#[test]
fn raw_html_stays_text() {
    let (p, _) = parse_str("a <script>alert(1)</script> b\n\n<div>block</div>\n");
    let all: String = p.blocks.iter().map(block_text).collect();
    assert!(all.contains("<script>alert(1)</script>"), "{all}");
    assert!(all.contains("<div>block</div>"), "{all}");
}

#[test]
fn text_is_nfc() {
    let (p, _) = parse_str("Concepcio\u{301}n");
    assert_eq!(block_text(&p.blocks[0]), "Concepción\n");
}

#[test]
fn deep_nesting_is_refused_not_recursed() {
    for src in [
        format!("{}deep{}", "*".repeat(10_000), "*".repeat(10_000)),
        format!("{} deep", ">".repeat(10_000)),
        (0..200)
            .map(|i| format!("{}- item\n", "  ".repeat(i)))
            .collect(),
    ] {
        let (p, d) = parse_str(&src);
        assert!(p.blocks.is_empty());
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].code.id, "E111");
    }
    // Nesting a book uses stays well within the limit.
    let (_, d) = parse_str("> - *a **b [c](https://x.org) d** e*\n>   > quote\n");
    assert!(d.is_empty(), "{d:?}");
}

#[test]
fn control_characters_are_e114_at_their_place() {
    let (p, d) = parse_str("Before\u{1}after and `co\u{7f}de`.\n");
    assert_eq!(d.len(), 2, "{d:?}");
    assert!(d.iter().all(|d| d.code.id == "E114"));
    assert_eq!(d[0].span.map(|s| s.range()), Some(6..7));
    assert_eq!(block_text(&p.blocks[0]), "Beforeafter and code.\n");
    // Tabs, bidi controls and zero-width characters are text.
    let (_, d) = parse_str("a\tb \u{202e}c\u{202c} d\u{200b}e\n");
    assert!(d.is_empty(), "{d:?}");
}
