//! Move rules: blocks of lines that the PDF extraction put out of reading order (a
//! title block printed after its page, a sidebar in the middle of a sentence) are taken
//! out and put back before or after a named line. Moves run in recipe order.

use crate::diag::{Diagnostic, codes};

use super::recipe::{Flow, Recipe};
use super::rules::{Ctx, Fate, Item, RuleKind};

/// The kept lines in reading order after the moves, with hard paragraph ends around
/// every moved block.
pub fn apply_moves(ctx: &mut Ctx, recipe: &Recipe, fates: &[Fate]) -> Vec<Item> {
    let mut order: Vec<Item> = (0..ctx.lines.len())
        .filter(|i| fates[*i] == Fate::Kept)
        .map(Item::Line)
        .collect();
    for rule in &recipe.moves {
        let id = ctx.add_rule(RuleKind::Move, &rule.reason);
        let Some(first) = ctx.pattern(&rule.line) else {
            continue;
        };
        let through = match &rule.through {
            Some(t) => match ctx.pattern(t) {
                Some(t) => Some(t),
                None => continue,
            },
            None => None,
        };
        let (dest, after) = match (&rule.before, &rule.after) {
            (Some(b), None) => (b, false),
            (None, Some(a)) => (a, true),
            _ => {
                ctx.diags.push(
                    Diagnostic::new(
                        codes::IMPORT_BAD_RULE,
                        "a move rule needs exactly one of `before` and `after`",
                    )
                    .at(crate::diag::Span::new(ctx.recipe_file, rule.line.span())),
                );
                continue;
            }
        };
        let Some(dest) = ctx.pattern(dest) else {
            continue;
        };
        let lines = ctx.lines;
        let text_of = |item: &Item| match item {
            Item::Line(i) => Some(lines[*i].text.as_str()),
            Item::Break => None,
        };
        let is_kept = |i: usize| fates[i] == Fate::Kept;
        let Some(start) = order
            .iter()
            .position(|it| text_of(it).is_some_and(|t| first.matches_line(t)))
        else {
            ctx.unmatched(RuleKind::Move, &first, &is_kept);
            continue;
        };
        let end = match &through {
            Some(t) => match order[start..]
                .iter()
                .position(|it| text_of(it).is_some_and(|x| t.matches_line(x)))
            {
                Some(k) => start + k,
                None => {
                    ctx.unmatched(RuleKind::Move, t, &is_kept);
                    continue;
                }
            },
            None => start,
        };
        let block: Vec<Item> = order.drain(start..=end).collect();
        let Some(target) = order
            .iter()
            .position(|it| text_of(it).is_some_and(|t| dest.matches_line(t)))
        else {
            ctx.unmatched(RuleKind::Move, &dest, &is_kept);
            // Put the block back where it was: a failed rule changes nothing.
            order.splice(start..start, block);
            continue;
        };
        let at = if after { target + 1 } else { target };
        let moved = block
            .iter()
            .filter(|it| text_of(it).is_some_and(|t| !t.is_empty()))
            .count();
        if let Some(Item::Line(i)) = block.first() {
            ctx.applied(id, *i);
        }
        let separate = rule.flow == Flow::Separate;
        let mut insert: Vec<Item> = separate.then_some(Item::Break).into_iter().collect();
        insert.extend(block);
        insert.extend(separate.then_some(Item::Break));
        order.splice(at..at, insert);
        ctx.rules[id.0].lines = moved;
    }
    order
}
