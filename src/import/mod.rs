//! Import: turns one raw source text into clean Markdown by its recipe, deterministically,
//! and reports every removal, join and move.
//!
//! Stages: `lines` (split, normalise whitespace) → `rules` (selection, drops, cuts) →
//! `moves` (reading order) → `roles` (headings, lists, quotations, introductions) →
//! `paragraphs` (rejoin lines, page breaks, hyphens from the `hyphen` corpus) →
//! `markdown` (escape and write); `report` records it all.

mod hyphen;
mod lines;
mod markdown;
mod moves;
mod paragraphs;
mod pattern;
mod recipe;
mod report;
mod roles;
mod rules;

use std::collections::{BTreeMap, BTreeSet};

use crate::diag::{Diagnostic, FileId, Span, codes};

pub use hyphen::Corpus;
pub use lines::{Line, split_lines};
pub use recipe::{Layout, Recipe};
pub use report::{Report, WordCounts};

use paragraphs::{BreakClass, BreakRules};
use rules::{Ctx, Fate, Item, RuleKind};

/// What `import` needs: the raw text, its recipe and the corpus of all raw sources.
pub struct ImportInput<'a> {
    /// The raw source text (already checked to be UTF-8).
    pub raw: &'a str,
    pub raw_file: FileId,
    pub recipe: &'a Recipe,
    /// Spans of `toml::Spanned` fields in the recipe are byte offsets into this file.
    pub recipe_file: FileId,
    pub corpus: &'a Corpus,
}

/// The cleaned Markdown and the report of how it was obtained.
#[derive(Debug, Clone)]
pub struct Imported {
    pub markdown: String,
    pub report: Report,
}

/// Imports one text. `None` when an error occurred; all diagnostics are returned at once.
pub fn import(input: &ImportInput) -> (Option<Imported>, Vec<Diagnostic>) {
    import_lines(input, &lines::split_lines(input.raw))
}

/// [`import`] of a raw text already split into `lines` ([`split_lines`] of `input.raw`:
/// the manuscript splits each source once, for the corpus and its import).
pub fn import_lines(input: &ImportInput, lines: &[Line]) -> (Option<Imported>, Vec<Diagnostic>) {
    import_lines_counting(input, lines, WordCounts::Counted)
}

/// [`import_lines`], with the report's word counts made or not (`counts`): the Markdown,
/// the diagnostics and the rest of the report are the same either way. A build, which
/// shows no import report, skips them: they were a third of the import.
pub fn import_lines_counting(
    input: &ImportInput,
    lines: &[Line],
    counts: WordCounts,
) -> (Option<Imported>, Vec<Diagnostic>) {
    let recipe = input.recipe;
    let mut ctx = Ctx {
        lines,
        raw_file: input.raw_file,
        recipe_file: input.recipe_file,
        rules: Vec::new(),
        diags: Vec::new(),
        counts,
    };
    let mut fates = rules::select(&mut ctx, recipe);
    rules::drop_lines(&mut ctx, recipe, &mut fates);
    let cuts = rules::cut(&mut ctx, recipe, &fates);
    let texts: Vec<String> = lines
        .iter()
        .zip(&cuts)
        .map(|(l, c)| rules::apply_cuts(&l.text, c))
        .collect();
    let order = moves::apply_moves(&mut ctx, recipe, &fates);
    let roles = roles::assign(&mut ctx, recipe, &fates, &order, &texts);
    roles::count_removed(&mut ctx, &roles, &texts);
    let break_rules = compile_break_rules(&mut ctx, recipe, &fates);
    if !fates.contains(&Fate::Kept)
        || texts
            .iter()
            .zip(&fates)
            .all(|(t, f)| *f != Fate::Kept || t.is_empty())
    {
        let span = Span::new(input.recipe_file, recipe.source.span());
        ctx.diags.push(
            Diagnostic::new(
                codes::IMPORT_EMPTY,
                "the recipe leaves no text of this source",
            )
            .at(span),
        );
    }
    if ctx.diags.iter().any(Diagnostic::is_error) {
        return (None, ctx.diags);
    }
    let built = paragraphs::build(&paragraphs::Input {
        lines,
        texts: &texts,
        roles: &roles,
        order: &order,
        layout: recipe.layout,
        rules: &break_rules,
        corpus: input.corpus,
    });
    for b in &built.breaks {
        if let BreakClass::JoinRule(id) | BreakClass::BreakRule(id) = b.class {
            ctx.rules[id.0].lines += 1;
        }
    }
    let markdown = markdown::render(&built.blocks);
    let report = Report {
        raw_words: ctx.words(input.raw),
        output_words: ctx.words(&markdown),
        counts,
        fates,
        cuts: cuts
            .into_iter()
            .enumerate()
            .filter(|(_, c)| !c.is_empty())
            .collect::<BTreeMap<_, _>>(),
        keep: roles
            .keep
            .iter()
            .enumerate()
            .filter_map(|(i, k)| k.clone().map(|k| (i, k)))
            .collect(),
        order: order
            .iter()
            .filter_map(|it| {
                if let Item::Line(i) = it {
                    Some(*i)
                } else {
                    None
                }
            })
            .collect(),
        glued: built.glued.iter().copied().collect::<BTreeSet<_>>(),
        hyphens: built.hyphens,
        breaks: built.breaks,
        rules: ctx.rules,
    };
    (Some(Imported { markdown, report }), ctx.diags)
}

/// Compiles the `join` and `break` rules; each must name a kept line.
fn compile_break_rules(ctx: &mut Ctx, recipe: &Recipe, fates: &[Fate]) -> BreakRules {
    let mut out = BreakRules {
        join: Vec::new(),
        breaks: Vec::new(),
    };
    for (kind, list) in [
        (RuleKind::Join, &recipe.join),
        (RuleKind::Break, &recipe.breaks),
    ] {
        for rule in list {
            let id = ctx.add_rule(kind, &rule.reason);
            let Some(p) = ctx.pattern(&rule.after) else {
                continue;
            };
            let found = ctx
                .lines
                .iter()
                .enumerate()
                .position(|(i, l)| fates[i] == Fate::Kept && p.matches_line(&l.text));
            let Some(first) = found else {
                ctx.unmatched(kind, &p, &|i| fates[i] == Fate::Kept);
                continue;
            };
            ctx.applied(id, first);
            match kind {
                RuleKind::Join => out.join.push((id, p)),
                _ => out.breaks.push((id, p)),
            }
        }
    }
    out
}
