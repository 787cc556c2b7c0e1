//! Writes the blocks as Markdown for pulldown-cmark (footnotes, smart punctuation and
//! heading attributes enabled downstream), escaping every character that Markdown would
//! interpret, so that the text comes out as received. Escapes are backslashes only: they
//! never add a word to the text.

use super::paragraphs::Block;

/// Characters escaped wherever they stand: emphasis, code, links and footnotes, raw
/// HTML and autolinks, entities, strikethrough, heading attributes and closing `#`s,
/// escapes themselves.
const ALWAYS: &[char] = &[
    '\\', '*', '_', '`', '[', ']', '<', '>', '&', '~', '{', '}', '|', '#',
];

/// Characters escaped at the start of a line: headings, list bullets, setext and
/// thematic-break lines.
const AT_START: &[char] = &['#', '-', '+', '='];

/// Escapes one line of text for a paragraph, heading or list item.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (k, c) in text.char_indices() {
        if ALWAYS.contains(&c) || (k == 0 && AT_START.contains(&c)) {
            out.push('\\');
        }
        out.push(c);
    }
    escape_ordered_marker(out)
}

/// `1. Education` or `2) x` at the start would open an ordered list: escape the `.`/`)`.
fn escape_ordered_marker(s: String) -> String {
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    // CommonMark list markers have at most nine digits.
    if digits == 0 || digits > 9 {
        return s;
    }
    let rest = &s[digits..];
    let mut chars = rest.chars();
    let marker = chars.next();
    let after = chars.next();
    if matches!(marker, Some('.') | Some(')')) && after.is_none_or(|c| c == ' ') {
        return format!("{}\\{}", &s[..digits], rest);
    }
    s
}

/// The Markdown of a text: blocks separated by blank lines, list items and quotation
/// paragraphs grouped.
pub fn render(blocks: &[Block]) -> String {
    let mut out = String::new();
    let mut prev: Option<&Block> = None;
    for b in blocks {
        let same_group = matches!(
            (prev, b),
            (
                Some(Block::ListItem(_) | Block::Fact { .. }),
                Block::ListItem(_) | Block::Fact { .. }
            ) | (Some(Block::Quote(_)), Block::Quote(_))
        );
        if prev.is_some() {
            out.push_str(match (same_group, b) {
                (true, Block::Quote(_)) => "\n>\n",
                (true, _) => "\n",
                (false, _) => "\n\n",
            });
        }
        match b {
            Block::Heading { level, text } => {
                out.push_str(&"#".repeat(usize::from(*level)));
                out.push(' ');
                out.push_str(&escape(text));
            }
            Block::Paragraph(t) => out.push_str(&escape(t)),
            Block::ListItem(t) => {
                out.push_str("- ");
                out.push_str(&escape(t));
            }
            Block::Fact { key, value } => {
                out.push_str("- **");
                out.push_str(&escape(key));
                out.push_str(":** ");
                out.push_str(&escape(value));
            }
            Block::Quote(t) => {
                out.push_str("> ");
                out.push_str(&escape(t));
            }
            Block::Intro(t) => {
                out.push('*');
                out.push_str(&escape(t));
                out.push('*');
            }
        }
        prev = Some(b);
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markdown_syntax() {
        assert_eq!(escape("1. Education"), "1\\. Education");
        assert_eq!(
            escape("# not a heading *x* [y] <z> a_b"),
            "\\# not a heading \\*x\\* \\[y\\] \\<z\\> a\\_b"
        );
        assert_eq!(escape("- - -"), "\\- - -");
        assert_eq!(escape("1965. Year"), "1965\\. Year");
        assert_eq!(escape("12 October"), "12 October");
    }

    #[test]
    fn groups_lists_and_quotes() {
        let md = render(&[
            Block::Heading {
                level: 1,
                text: "A".into(),
            },
            Block::Fact {
                key: "K".into(),
                value: "v".into(),
            },
            Block::ListItem("i".into()),
            Block::Quote("q1".into()),
            Block::Quote("q2".into()),
            Block::Intro("n".into()),
        ]);
        assert_eq!(md, "# A\n\n- **K:** v\n- i\n\n> q1\n>\n> q2\n\n*n*\n");
    }
}
