//! The cleaned Markdown reads back, through pulldown-cmark with the options the
//! manuscript uses, as exactly the text received: same words, no HTML, links, code or
//! footnote references, headings only where the recipe put them.

mod import_common;

use import_common::{SLUGS, load};
use pulldown_cmark::{Event, Options, Parser, Tag};
use reader_edition::model::text::normalize_words;

fn options() -> Options {
    Options::ENABLE_FOOTNOTES
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TABLES
}

#[test]
fn markdown_parses_back_to_the_same_words() {
    for slug in SLUGS {
        let loaded = load(slug);
        let imported = loaded.imported.expect("imported");
        let mut text = String::new();
        let mut headings = 0;
        for event in Parser::new_ext(&imported.markdown, options()) {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::SoftBreak | Event::HardBreak | Event::End(_) => text.push('\n'),
                Event::Start(Tag::Heading { id, classes, .. }) => {
                    assert!(
                        id.is_none() && classes.is_empty(),
                        "{slug}: heading attributes"
                    );
                    headings += 1;
                }
                Event::Start(
                    Tag::Paragraph
                    | Tag::List(None)
                    | Tag::Item
                    | Tag::Strong
                    | Tag::Emphasis
                    | Tag::BlockQuote(_),
                ) => {}
                other => panic!("{slug}: unexpected Markdown event {other:?}"),
            }
        }
        let expected = imported.report.expected_words(&loaded.raw);
        assert_eq!(normalize_words(&text), expected, "{slug}");
        let heading_lines = imported
            .markdown
            .lines()
            .filter(|l| l.starts_with('#'))
            .count();
        assert_eq!(headings, heading_lines, "{slug}");
    }
}
