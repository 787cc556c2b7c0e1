//! The import recipe: the `[import]` table of `texts/<slug>.toml`, as written by the
//! editor. Every field that names lines is a pattern (see `pattern.rs`) kept with its
//! position in the recipe file, so that diagnostics can point at the rule.

use serde::Deserialize;
use toml::Spanned;

/// How the raw text lays out its paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Layout {
    /// Every non-blank line is one paragraph (web pages copied as text).
    #[default]
    ParagraphPerLine,
    /// Lines hard-wrapped by a PDF extraction: consecutive lines form a paragraph, blank
    /// lines are paragraph ends or page breaks, end-of-line hyphens are resolved.
    HardWrapped,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recipe {
    /// The raw text, relative to the manuscript folder (`sources/…`).
    pub source: Spanned<String>,
    #[serde(default)]
    pub layout: Layout,
    /// First line of this text in the source (inclusive); default: the first line.
    pub from: Option<Spanned<String>>,
    /// First line after this text in the source (exclusive); default: the end.
    pub until: Option<Spanned<String>>,
    #[serde(default)]
    pub drop: Vec<DropRule>,
    #[serde(default)]
    pub cut: Vec<CutRule>,
    #[serde(default, rename = "move")]
    pub moves: Vec<MoveRule>,
    #[serde(default)]
    pub heading: Vec<HeadingRule>,
    #[serde(default)]
    pub list: Vec<BlockRule>,
    #[serde(default)]
    pub quote: Vec<BlockRule>,
    #[serde(default)]
    pub intro: Vec<BlockRule>,
    /// Blank lines after a matching line are page breaks: the paragraph goes on.
    #[serde(default)]
    pub join: Vec<BreakRule>,
    /// Blank lines (or the line end) after a matching line end the paragraph.
    #[serde(default, rename = "break")]
    pub breaks: Vec<BreakRule>,
}

/// Removes whole lines: the matching line, or the block from it through `through`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DropRule {
    /// What the lines are (shown in the report): "running head", "caption"…
    pub reason: String,
    pub line: Spanned<String>,
    /// Last line of the dropped block (inclusive), searched from the matching line on.
    pub through: Option<Spanned<String>>,
}

/// Removes a substring inside lines: every match of `text` in every kept line.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CutRule {
    pub reason: String,
    /// A literal substring, or `/regex/`.
    pub text: Spanned<String>,
}

/// Moves a block of lines that the extraction put out of reading order.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MoveRule {
    pub reason: String,
    /// First line of the block.
    pub line: Spanned<String>,
    /// Last line of the block (inclusive); default: the block is the one line.
    pub through: Option<Spanned<String>>,
    /// Put the block before the first line matching this pattern…
    pub before: Option<Spanned<String>>,
    /// …or after it (exactly one of `before` and `after`).
    pub after: Option<Spanned<String>>,
    /// Whether the block stands apart (default) or continues the text it is put into.
    #[serde(default)]
    pub flow: Flow,
}

/// How a moved block meets the text around its new place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Flow {
    /// Paragraph ends before and after the block (a heading, a boxed text).
    #[default]
    Separate,
    /// The paragraph rules apply at both ends (a passage that continues a sentence).
    Continue,
}

/// Marks lines as a heading of the given level (1 = top-level section of the text).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeadingRule {
    /// A `/regex/` may capture the heading text in group 1 (the rest is markup).
    pub line: Spanned<String>,
    pub level: Spanned<u8>,
    /// Number of non-blank lines the heading is spread over (default 1).
    pub lines: Option<Spanned<u8>>,
    /// Put after the heading's first line (default a space), e.g. `" — "` after `Chapter 2`.
    pub separator: Option<String>,
}

/// Marks lines as list items, quotation or introductory note.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlockRule {
    /// For lists, a `/regex/` captures the item text in group 1, or a fact in the named
    /// groups `key` and `value` (rendered `**key:** value`).
    pub line: Spanned<String>,
    /// Last line of the block (inclusive); default: every matching line on its own.
    pub through: Option<Spanned<String>>,
}

/// Names a line after which the paragraph decision is explicit.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BreakRule {
    pub reason: String,
    pub after: Spanned<String>,
}
