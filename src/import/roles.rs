//! Block rules: which kept lines are headings (and at what level, possibly spread over
//! several lines), list items or facts, quotations and introductory notes. A line
//! claimed by two block rules is an error; the rest is running text.

use std::ops::Range;

use regex::Regex;

use crate::diag::{Diagnostic, Span, codes};

use super::pattern::{Pattern, SpannedPattern};
use super::recipe::{BlockRule, Recipe};
use super::rules::{Ctx, Fate, Item, RuleId, RuleKind, words};

/// What a kept line is in the output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    Text,
    /// `first` is false for the further lines of a heading spread over several lines.
    Heading {
        level: u8,
        first: bool,
        separator: String,
    },
    ListItem,
    /// A `key: value` line rendered `**key:** value` (ranges in the line's text).
    Fact {
        key: Range<usize>,
        value: Range<usize>,
    },
    Quote,
    Intro,
}

/// Roles of all lines (indexed like the raw lines) and, per line, the kept byte range
/// of its text when a pattern captured part of it.
pub struct Roles {
    pub roles: Vec<Role>,
    pub keep: Vec<Option<Range<usize>>>,
    claimed_by: Vec<Option<RuleId>>,
}

/// Largest heading level the Markdown can express.
const MAX_LEVEL: u8 = 6;

pub fn assign(
    ctx: &mut Ctx,
    recipe: &Recipe,
    fates: &[Fate],
    order: &[Item],
    texts: &[String],
) -> Roles {
    let n = ctx.lines.len();
    let mut r = Roles {
        roles: vec![Role::Text; n],
        keep: vec![None; n],
        claimed_by: vec![None; n],
    };
    let seq: Vec<usize> = order
        .iter()
        .filter_map(|it| {
            if let Item::Line(i) = it {
                Some(*i)
            } else {
                None
            }
        })
        .collect();
    for rule in &recipe.heading {
        let id = ctx.add_rule(RuleKind::Heading, &rule.line.get_ref().clone());
        let Some(p) = ctx.pattern(&rule.line) else {
            continue;
        };
        ctx.rules[id.0].span = Some(p.span);
        let level = *rule.level.get_ref();
        if !(1..=MAX_LEVEL).contains(&level) {
            ctx.diags.push(
                Diagnostic::new(
                    codes::IMPORT_BAD_RULE,
                    format!("heading level {level} is not between 1 and {MAX_LEVEL}"),
                )
                .at(Span::new(ctx.recipe_file, rule.level.span())),
            );
            continue;
        }
        let span = rule
            .lines
            .as_ref()
            .map_or(1, |l| usize::from(*l.get_ref()).max(1));
        let mut hits = 0;
        for (k, &i) in seq.iter().enumerate() {
            if !p.matches_line(&texts[i]) || texts[i].is_empty() {
                continue;
            }
            hits += 1;
            let keep = p.kept_range(&texts[i]);
            let separator = rule.separator.clone().unwrap_or_else(|| " ".into());
            let role = Role::Heading {
                level,
                first: true,
                separator: separator.clone(),
            };
            claim(ctx, &mut r, i, id, role, Some(keep));
            let more = seq[k + 1..]
                .iter()
                .filter(|j| !texts[**j].is_empty())
                .take(span - 1);
            for (m, &j) in more.enumerate() {
                // The separator goes after the first line only (`Chapter 2 — The …`).
                let sep = if m == 0 {
                    separator.clone()
                } else {
                    " ".to_string()
                };
                let role = Role::Heading {
                    level,
                    first: false,
                    separator: sep,
                };
                claim(ctx, &mut r, j, id, role, None);
            }
        }
        if hits == 0 {
            ctx.unmatched(RuleKind::Heading, &p, &|i| fates[i] == Fate::Kept);
        }
    }
    block_rules(
        ctx,
        &mut r,
        &recipe.list,
        RuleKind::List,
        fates,
        &seq,
        texts,
    );
    block_rules(
        ctx,
        &mut r,
        &recipe.quote,
        RuleKind::Quote,
        fates,
        &seq,
        texts,
    );
    block_rules(
        ctx,
        &mut r,
        &recipe.intro,
        RuleKind::Intro,
        fates,
        &seq,
        texts,
    );
    r
}

fn block_rules(
    ctx: &mut Ctx,
    r: &mut Roles,
    rules: &[BlockRule],
    kind: RuleKind,
    fates: &[Fate],
    seq: &[usize],
    texts: &[String],
) {
    for rule in rules {
        let id = ctx.add_rule(kind, &rule.line.get_ref().clone());
        let Some(p) = ctx.pattern(&rule.line) else {
            continue;
        };
        ctx.rules[id.0].span = Some(p.span);
        let through = match &rule.through {
            Some(t) => match ctx.pattern(t) {
                Some(t) => Some(t),
                None => continue,
            },
            None => None,
        };
        let mut hits = 0;
        let mut k = 0;
        while k < seq.len() {
            let i = seq[k];
            if texts[i].is_empty() || !p.matches_line(&texts[i]) {
                k += 1;
                continue;
            }
            hits += 1;
            let last = match &through {
                Some(t) => match seq[k..].iter().position(|j| t.matches_line(&texts[*j])) {
                    Some(off) => k + off,
                    None => {
                        ctx.unmatched(kind, t, &|i| fates[i] == Fate::Kept);
                        break;
                    }
                },
                None => k,
            };
            for &j in &seq[k..=last] {
                if texts[j].is_empty() {
                    continue;
                }
                let (role, keep) = block_role(kind, &p, &texts[j]);
                claim(ctx, r, j, id, role, keep);
            }
            k = last + 1;
        }
        if hits == 0 {
            ctx.unmatched(kind, &p, &|i| fates[i] == Fate::Kept);
        }
    }
}

/// The role of one line of a block rule and the part of its text that is kept.
fn block_role(kind: RuleKind, p: &SpannedPattern, text: &str) -> (Role, Option<Range<usize>>) {
    match kind {
        RuleKind::List => match &p.pattern {
            Pattern::Regex(re) => list_role(re, p, text),
            Pattern::Exact(_) => (Role::ListItem, None),
        },
        RuleKind::Quote => (Role::Quote, None),
        _ => (Role::Intro, None),
    }
}

fn list_role(re: &Regex, p: &SpannedPattern, text: &str) -> (Role, Option<Range<usize>>) {
    if let Some(c) = re.captures(text)
        && let (Some(k), Some(v)) = (c.name("key"), c.name("value"))
    {
        let (k, v) = (k.range(), v.range());
        let start = k.start;
        let key = 0..k.end - start;
        let value = v.start - start..v.end - start;
        return (Role::Fact { key, value }, Some(start..v.end));
    }
    (Role::ListItem, Some(p.kept_range(text)))
}

/// Gives line `i` its role; a second claim by another rule is a conflict.
fn claim(
    ctx: &mut Ctx,
    r: &mut Roles,
    i: usize,
    id: RuleId,
    role: Role,
    keep: Option<Range<usize>>,
) {
    if let Some(prev) = r.claimed_by[i] {
        if prev != id {
            let line = &ctx.lines[i];
            ctx.diags.push(
                Diagnostic::new(
                    codes::IMPORT_CONFLICT,
                    format!(
                        "line {} `{}` is claimed by two rules ({} and {})",
                        i + 1,
                        line.text,
                        ctx.rules[prev.0].label,
                        ctx.rules[id.0].label
                    ),
                )
                .at_opt(ctx.rules[id.0].span)
                .hint("make one of the patterns more specific"),
            );
            if let (Some(last), Some(first)) = (ctx.diags.last_mut(), ctx.rules[prev.0].span) {
                last.labels.push(crate::diag::Label {
                    span: first,
                    message: "first claimed here".into(),
                });
            }
        }
        return;
    }
    r.claimed_by[i] = Some(id);
    ctx.rules[id.0].lines += 1;
    ctx.applied(id, i);
    r.roles[i] = role;
    r.keep[i] = keep;
}

/// The text a line contributes: its cut text restricted to the kept range.
pub fn kept_text(text: &str, keep: &Option<Range<usize>>) -> String {
    match keep {
        Some(k)
            if k.end <= text.len()
                && text.is_char_boundary(k.start)
                && text.is_char_boundary(k.end) =>
        {
            text[k.clone()].to_string()
        }
        _ => text.to_string(),
    }
}

/// Adds the words each block rule left out (heading markup with words, list markers…).
pub fn count_removed(ctx: &mut Ctx, r: &Roles, texts: &[String]) {
    if !ctx.counting() {
        return;
    }
    for (i, keep) in r.keep.iter().enumerate() {
        if let (Some(_), Some(id)) = (keep, r.claimed_by[i]) {
            let removed = words(&texts[i]).saturating_sub(words(&kept_text(&texts[i], keep)));
            ctx.rules[id.0].words_removed += removed;
        }
    }
}
