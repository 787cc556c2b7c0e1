//! Tests of the model edits at plain-text offsets: note calls inserted, words replaced,
//! ranges wrapped in foreign phrases.

use super::*;
use crate::diag::FileId;
use crate::model::{LangTag, NoteId};

fn t(s: &str) -> Inline {
    Inline {
        span: Span::new(FileId(0), 0..0),
        kind: InlineKind::Text(s.to_string()),
    }
}

fn call(n: u32) -> Inline {
    Inline {
        span: Span::new(FileId(0), 0..0),
        kind: InlineKind::NoteRef(NoteId(n)),
    }
}

fn shape(inlines: &[Inline]) -> String {
    inlines
        .iter()
        .map(|i| match &i.kind {
            InlineKind::Text(s) => format!("[{s}]"),
            InlineKind::NoteRef(n) => format!("^{n}"),
            InlineKind::Emph(c) => format!("*{}*", shape(c)),
            InlineKind::Link { content, .. } => format!("<{}>", shape(content)),
            InlineKind::Lang { content, .. } => format!("{{{}}}", shape(content)),
            _ => "?".into(),
        })
        .collect()
}

#[test]
fn inserts_inside_a_run_and_after_emphasis() {
    let mut v = vec![t("founded on 12 October 1965. At its")];
    assert!(insert_at(
        &mut v,
        "founded on 12 October 1965".len(),
        call(1)
    ));
    assert_eq!(shape(&v), "[founded on 12 October 1965]^n1[. At its]");
    let emph = Inline {
        span: Span::new(FileId(0), 0..0),
        kind: InlineKind::Emph(vec![t("mediagua")]),
    };
    let mut v = vec![t("a little "), emph, t(" we put up")];
    assert!(insert_at(&mut v, "a little mediagua".len(), call(2)));
    assert_eq!(shape(&v), "[a little ]*[mediagua]*^n2[ we put up]");
    assert!(!insert_at(&mut v, 999, call(3)));
}

#[test]
fn replaces_inside_one_run_only() {
    let mut v = vec![t("I was thrille by it")];
    replace_range(&mut v, 6..13, "thrilled").unwrap();
    assert_eq!(shape(&v), "[I was thrilled by it]");
    let emph = Inline {
        span: Span::new(FileId(0), 0..0),
        kind: InlineKind::Emph(vec![t("b")]),
    };
    let mut v = vec![t("a "), emph, t(" c")];
    assert_eq!(
        replace_range(&mut v, 0..3, "x"),
        Err(ReplaceError::CrossesFormatting)
    );
}

fn es(content: Vec<Inline>) -> InlineKind {
    InlineKind::Lang {
        lang: LangTag::parse("es").unwrap(),
        content,
    }
}

fn link(content: Vec<Inline>) -> Inline {
    Inline {
        span: Span::new(FileId(0), 0..0),
        kind: InlineKind::Link {
            url: "https://example.org".into(),
            content,
        },
    }
}

#[test]
fn wraps_inside_a_run_and_around_emphasis() {
    let mut v = vec![t("the cordones industriales grew")];
    assert_eq!(wrap_range(&mut v, 4..25, &es), 1);
    assert_eq!(shape(&v), "[the ]{[cordones industriales]}[ grew]");
    let emph = Inline {
        span: Span::new(FileId(0), 0..0),
        kind: InlineKind::Emph(vec![t("mediagua")]),
    };
    let mut v = vec![t("a little "), emph, t(" we put up")];
    assert_eq!(wrap_range(&mut v, 9..17, &es), 1);
    assert_eq!(shape(&v), "[a little ]{*[mediagua]*}[ we put up]");
    // The plain text, and so every offset of the apparatus, is unchanged.
    assert_eq!(inline_text(&v), "a little mediagua we put up");
}

#[test]
fn never_wraps_a_note_call_nor_across_a_link_edge() {
    let mut v = vec![t("Poder"), call(1), t(" Popular now")];
    assert_eq!(wrap_range(&mut v, 0..13, &es), 2);
    assert_eq!(shape(&v), "{[Poder]}^n1[ ]{[Popular]}[ now]");
    // A phrase that begins before a link and ends inside it: the link stays whole.
    let mut v = vec![t("the Unidad "), link(vec![t("Popular pact")])];
    assert_eq!(wrap_range(&mut v, 4..18, &es), 2);
    assert_eq!(shape(&v), "[the ]{[Unidad]}[ ]<{[Popular]}[ pact]>");
    // Inside one link: wrapped inside it.
    let mut v = vec![link(vec![t("El Rebelde")]), t(", a paper")];
    assert_eq!(wrap_range(&mut v, 0..10, &es), 1);
    assert_eq!(shape(&v), "{<[El Rebelde]>}[, a paper]");
}
