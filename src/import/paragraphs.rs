//! Builds the blocks of the text from its kept lines in reading order: paragraphs (one
//! per line, or rejoined from hard-wrapped lines across page breaks), headings, list
//! items, facts, quotations and introductory notes. Every join across a blank line and
//! every end-of-line hyphen is decided by a named rule and recorded.

use super::hyphen::{Corpus, Decision, decide, ends_in_split};
use super::lines::Line;
use super::pattern::SpannedPattern;
use super::recipe::Layout;
use super::roles::{Role, Roles, kept_text};
use super::rules::{Item, RuleId};

/// One block of the output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Heading { level: u8, text: String },
    Paragraph(String),
    ListItem(String),
    Fact { key: String, value: String },
    Quote(String),
    Intro(String),
}

/// Why a blank line between two text lines was read as a page break or a paragraph end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum BreakClass {
    /// A `join` rule names the line before the blank.
    JoinRule(RuleId),
    /// A `break` rule names the line before.
    BreakRule(RuleId),
    /// The line before ends in a split word: join.
    SplitWord,
    /// The next line starts lower-case: join.
    LowerCase,
    /// The line before ends a sentence: paragraph end.
    SentenceEnd,
    /// The line before does not end a sentence, the next starts with a capital or other
    /// character: join (listed in the report, as the doubtful class).
    Unfinished,
}

/// A recorded decision at a blank line (or at a `break` rule).
#[derive(Debug, Clone)]
pub struct BreakDecision {
    /// The line before the break.
    pub line: usize,
    pub class: BreakClass,
    pub join: bool,
    pub before: String,
    pub after: String,
}

/// A recorded end-of-line hyphen decision.
#[derive(Debug, Clone)]
pub struct HyphenRecord {
    pub line: usize,
    pub left: String,
    pub right: String,
    pub decision: Decision,
}

/// The join and break rules, compiled.
pub struct BreakRules {
    pub join: Vec<(RuleId, SpannedPattern)>,
    pub breaks: Vec<(RuleId, SpannedPattern)>,
}

/// Everything the paragraph stage needs.
pub struct Input<'a> {
    pub lines: &'a [Line],
    pub texts: &'a [String],
    pub roles: &'a Roles,
    pub order: &'a [Item],
    pub layout: Layout,
    pub rules: &'a BreakRules,
    pub corpus: &'a Corpus,
}

/// The blocks and the decisions taken on the way.
#[derive(Debug, Default)]
pub struct Output {
    pub blocks: Vec<Block>,
    pub breaks: Vec<BreakDecision>,
    pub hyphens: Vec<HyphenRecord>,
    /// Lines whose end is glued to the next line without a space (hyphen splits).
    pub glued: Vec<usize>,
}

/// Open paragraph: its text and last line.
struct Open {
    text: String,
    last: usize,
}

pub fn build(input: &Input) -> Output {
    let mut out = Output::default();
    let mut open: Option<Open> = None;
    let mut gap = false;
    for item in input.order {
        let i = match item {
            Item::Break => {
                flush(&mut out, &mut open);
                gap = false;
                continue;
            }
            Item::Line(i) => *i,
        };
        let text = kept_text(&input.texts[i], &input.roles.keep[i]);
        if text.is_empty() {
            gap |= input.lines[i].is_blank();
            continue;
        }
        match &input.roles.roles[i] {
            Role::Text => match open.take() {
                None => open = Some(Open { text, last: i }),
                Some(mut o) => {
                    if continues(input, &mut out, &o, i, &text, gap) {
                        join_line(input, &mut out, &mut o, i, &text);
                        open = Some(o);
                    } else {
                        open = Some(o);
                        flush(&mut out, &mut open);
                        open = Some(Open { text, last: i });
                    }
                }
            },
            Role::Heading {
                level,
                first,
                separator,
            } => {
                flush(&mut out, &mut open);
                match (first, out.blocks.last_mut()) {
                    (false, Some(Block::Heading { text: t, .. })) => {
                        t.push_str(separator);
                        t.push_str(&text);
                    }
                    _ => out.blocks.push(Block::Heading {
                        level: *level,
                        text,
                    }),
                }
            }
            role => {
                flush(&mut out, &mut open);
                out.blocks.push(match role {
                    Role::ListItem => Block::ListItem(text),
                    Role::Fact { key, value } => Block::Fact {
                        key: text.get(key.clone()).unwrap_or_default().to_string(),
                        value: text.get(value.clone()).unwrap_or_default().to_string(),
                    },
                    Role::Quote => Block::Quote(text),
                    _ => Block::Intro(text),
                });
            }
        }
        gap = false;
    }
    flush(&mut out, &mut open);
    out
}

fn flush(out: &mut Output, open: &mut Option<Open>) {
    if let Some(o) = open.take() {
        out.blocks.push(Block::Paragraph(o.text));
    }
}

/// Whether line `next` continues the open paragraph; records decisions at blank lines.
fn continues(
    input: &Input,
    out: &mut Output,
    o: &Open,
    next: usize,
    text: &str,
    gap: bool,
) -> bool {
    let prev_line = &input.lines[o.last].text;
    let mut record = |class, join| {
        out.breaks.push(BreakDecision {
            line: o.last,
            class,
            join,
            before: tail(&o.text),
            after: head(text),
        });
        join
    };
    if let Some((id, _)) = input
        .rules
        .breaks
        .iter()
        .find(|(_, p)| p.matches_line(prev_line))
    {
        return record(BreakClass::BreakRule(*id), false);
    }
    if input.layout == Layout::ParagraphPerLine {
        return false;
    }
    if !gap {
        return true;
    }
    let _ = next;
    if let Some((id, _)) = input
        .rules
        .join
        .iter()
        .find(|(_, p)| p.matches_line(prev_line))
    {
        return record(BreakClass::JoinRule(*id), true);
    }
    if is_split(input, o) {
        return record(BreakClass::SplitWord, true);
    }
    if text.chars().next().is_some_and(char::is_lowercase) {
        return record(BreakClass::LowerCase, true);
    }
    if ends_sentence(&o.text) {
        return record(BreakClass::SentenceEnd, false);
    }
    record(BreakClass::Unfinished, true)
}

fn is_split(input: &Input, o: &Open) -> bool {
    input.layout == Layout::HardWrapped
        && !input.lines[o.last].space_after
        && o.text.rsplit(' ').next().is_some_and(ends_in_split)
}

/// Appends line `i` to the open paragraph, resolving an end-of-line hyphen.
fn join_line(input: &Input, out: &mut Output, o: &mut Open, i: usize, text: &str) {
    let right = text.split(' ').next().unwrap_or_default();
    let starts_word = right.chars().next().is_some_and(char::is_alphanumeric);
    if is_split(input, o) && starts_word {
        let left = o.text.rsplit(' ').next().unwrap_or_default().to_string();
        let decision = decide(input.corpus, &left, right);
        if !decision.keep {
            o.text.pop();
        }
        out.hyphens.push(HyphenRecord {
            line: o.last,
            left,
            right: right.to_string(),
            decision,
        });
        out.glued.push(o.last);
    } else {
        o.text.push(' ');
    }
    o.text.push_str(text);
    o.last = i;
}

/// Whether a text ends a sentence: `.`, `!`, `?`, `:` or `…`, possibly followed by
/// closing quotes or brackets.
pub fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(['”', '’', '"', '\'', ')', ']', '»']);
    t.ends_with(['.', '!', '?', ':', '…'])
}

/// Last words of a paragraph so far, for examples in the report.
fn tail(s: &str) -> String {
    let words: Vec<&str> = s.split(' ').collect();
    words[words.len().saturating_sub(4)..].join(" ")
}

fn head(s: &str) -> String {
    s.split(' ').take(4).collect::<Vec<_>>().join(" ")
}
