//! Compiles the recipe into rules with ids and spans, and applies the line-level ones in
//! order: selection (`from`/`until`), drops, cuts and moves. Each rule records what it
//! did for the report; a rule that matches nothing is an error pointing at it.

use std::ops::Range;

use crate::diag::{Diagnostic, FileId, codes};

use super::lines::Line;
use super::pattern::{SpannedPattern, closest_line};
use super::recipe::Recipe;
use super::report::WordCounts;

/// Index of a rule in [`Rules::info`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct RuleId(pub usize);

/// The kinds of recipe rules, in the order the report lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RuleKind {
    Selection,
    Drop,
    Cut,
    Move,
    Heading,
    List,
    Quote,
    Intro,
    Join,
    Break,
}

impl RuleKind {
    pub fn name(self) -> &'static str {
        match self {
            RuleKind::Selection => "selection",
            RuleKind::Drop => "drop",
            RuleKind::Cut => "cut",
            RuleKind::Move => "move",
            RuleKind::Heading => "heading",
            RuleKind::List => "list",
            RuleKind::Quote => "quote",
            RuleKind::Intro => "intro",
            RuleKind::Join => "join",
            RuleKind::Break => "break",
        }
    }
}

/// A rule as the report shows it, with what it did.
#[derive(Debug, Clone)]
pub struct RuleInfo {
    pub kind: RuleKind,
    /// The editor's reason, or the pattern when the rule kind has no reason.
    pub label: String,
    /// Lines the rule matched (or moved, or kept out).
    pub lines: usize,
    /// Words of the raw text the rule took away.
    pub words_removed: usize,
    /// The rule's main pattern in the recipe, once compiled.
    pub span: Option<crate::diag::Span>,
    /// The first raw line (0-based) the rule applied to, for the report.
    pub first_line: Option<usize>,
}

/// What became of one raw line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fate {
    /// Outside this text's selection.
    Outside,
    Dropped(RuleId),
    Kept,
}

/// One item of the text in reading order after the moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Line(usize),
    /// A paragraph end that nothing may join across (around a moved block).
    Break,
}

/// Registers rules and collects diagnostics while the stages run.
pub struct Ctx<'a> {
    pub lines: &'a [Line],
    pub raw_file: FileId,
    pub recipe_file: FileId,
    pub rules: Vec<RuleInfo>,
    pub diags: Vec<Diagnostic>,
    /// Whether the report's word counts are made.
    pub counts: WordCounts,
}

impl<'a> Ctx<'a> {
    /// Whether the report's word counts are made.
    pub fn counting(&self) -> bool {
        self.counts == WordCounts::Counted
    }

    /// [`words`] of `s` for the report; 0 when its word counts are not made.
    pub fn words(&self, s: &str) -> usize {
        if self.counting() { words(s) } else { 0 }
    }

    pub fn add_rule(&mut self, kind: RuleKind, label: &str) -> RuleId {
        self.rules.push(RuleInfo {
            kind,
            label: label.to_string(),
            lines: 0,
            words_removed: 0,
            span: None,
            first_line: None,
        });
        RuleId(self.rules.len() - 1)
    }

    /// Records that rule `id` applied to raw line `i` (the report shows the first).
    pub fn applied(&mut self, id: RuleId, i: usize) {
        let first = &mut self.rules[id.0].first_line;
        *first = Some(first.map_or(i, |f| f.min(i)));
    }

    /// Compiles a pattern; on failure records the diagnostic and returns `None`.
    pub fn pattern(&mut self, s: &toml::Spanned<String>) -> Option<SpannedPattern> {
        match SpannedPattern::compile(s, self.recipe_file) {
            Ok(p) => Some(p),
            Err(d) => {
                self.diags.push(*d);
                None
            }
        }
    }

    /// Records that `pattern` (of a rule of `kind`) matched no eligible line.
    pub fn unmatched(
        &mut self,
        kind: RuleKind,
        pattern: &SpannedPattern,
        eligible: &dyn Fn(usize) -> bool,
    ) {
        let lines = self.lines;
        let candidates = lines
            .iter()
            .enumerate()
            .filter(|(i, _)| eligible(*i))
            .map(|(i, l)| (i, l.text.as_str()));
        let mut d = Diagnostic::new(
            codes::IMPORT_UNMATCHED,
            format!(
                "{} rule `{}` matches no line of the text",
                kind.name(),
                pattern.source
            ),
        )
        .at(pattern.span);
        if let Some((no, text)) = closest_line(pattern, candidates) {
            let line = &lines[no - 1];
            let span = crate::diag::Span::new(self.raw_file, line.start..line.start + line.raw_len);
            d = d.hint(format!("the closest line is line {no}: `{text}`"));
            d = d.label(span, "closest line");
        }
        self.diags.push(d);
    }
}

/// Word count as the "nothing lost" check counts words.
pub fn words(s: &str) -> usize {
    crate::model::text::count_words(s)
}

/// `words(before) - words(after)` (none when `after` has more) for two versions of a
/// line that differ in a middle part only: only that part, widened to the nearest
/// spaces, is counted. A space is neither a letter nor a joiner, and NFC never composes
/// across it, so word counts add up across it, and the parts outside are the same in
/// both versions. (Counting whole paragraphs twice per cut was a third of the import.)
fn words_removed(before: &str, after: &str) -> usize {
    let (b, a) = (before.as_bytes(), after.as_bytes());
    let prefix = b.iter().zip(a).take_while(|(x, y)| x == y).count();
    let suffix = b[prefix..]
        .iter()
        .rev()
        .zip(a[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    // The middle starts after the last space of the common prefix and ends at the first
    // space of the common suffix: both ASCII, so both are character boundaries.
    let start = b[..prefix]
        .iter()
        .rposition(|&c| c == b' ')
        .map_or(0, |i| i + 1);
    let end_from_back = b[b.len() - suffix..]
        .iter()
        .position(|&c| c == b' ')
        .map_or(0, |i| suffix - i);
    let removed = words(&before[start..before.len() - end_from_back]);
    removed.saturating_sub(words(&after[start..after.len() - end_from_back]))
}

/// Applies `from`/`until`: the fates of all lines, `Outside` or `Kept`.
pub fn select(ctx: &mut Ctx, recipe: &Recipe) -> Vec<Fate> {
    let n = ctx.lines.len();
    let mut start = 0;
    let mut end = n;
    let id = ctx.add_rule(RuleKind::Selection, "outside this text (`from`/`until`)");
    if let Some(p) = recipe.from.as_ref().and_then(|s| ctx.pattern(s)) {
        match ctx.lines.iter().position(|l| p.matches_line(&l.text)) {
            Some(i) => start = i,
            None => ctx.unmatched(RuleKind::Selection, &p, &|_| true),
        }
    }
    if let Some(p) = recipe.until.as_ref().and_then(|s| ctx.pattern(s)) {
        match ctx
            .lines
            .iter()
            .skip(start)
            .position(|l| p.matches_line(&l.text))
        {
            Some(i) => end = start + i,
            None => ctx.unmatched(RuleKind::Selection, &p, &|i| i >= start),
        }
    }
    let fates: Vec<Fate> = (0..n)
        .map(|i| {
            if (start..end).contains(&i) {
                Fate::Kept
            } else {
                Fate::Outside
            }
        })
        .collect();
    let outside: Vec<usize> = (0..n).filter(|i| fates[*i] == Fate::Outside).collect();
    ctx.rules[id.0].lines = outside
        .iter()
        .filter(|i| !ctx.lines[**i].is_blank())
        .count();
    ctx.rules[id.0].words_removed = outside.iter().map(|i| ctx.words(&ctx.lines[*i].text)).sum();
    fates
}

/// First line at or after `from` that is kept and matches.
fn find_kept(lines: &[Line], fates: &[Fate], p: &SpannedPattern, from: usize) -> Option<usize> {
    (from..lines.len()).find(|i| fates[*i] == Fate::Kept && p.matches_line(&lines[*i].text))
}

/// Applies the drop rules in recipe order; each drops every matching kept line (or
/// block from a matching line through its `through` line).
pub fn drop_lines(ctx: &mut Ctx, recipe: &Recipe, fates: &mut [Fate]) {
    for rule in &recipe.drop {
        let id = ctx.add_rule(RuleKind::Drop, &rule.reason);
        let Some(p) = ctx.pattern(&rule.line) else {
            continue;
        };
        let through = match &rule.through {
            Some(t) => match ctx.pattern(t) {
                Some(t) => Some(t),
                None => continue,
            },
            None => None,
        };
        let mut i = 0;
        let mut matched = false;
        let mut through_matched = through.is_none();
        while let Some(first) = find_kept(ctx.lines, fates, &p, i) {
            matched = true;
            ctx.applied(id, first);
            let last = match &through {
                Some(t) => match find_kept(ctx.lines, fates, t, first) {
                    Some(l) => {
                        through_matched = true;
                        l
                    }
                    None => break,
                },
                None => first,
            };
            let block = ctx.lines[first..=last].iter().zip(&mut fates[first..=last]);
            for (line, fate) in block {
                if *fate == Fate::Kept {
                    *fate = Fate::Dropped(id);
                    let words = ctx.words(&line.text);
                    let info = &mut ctx.rules[id.0];
                    info.lines += usize::from(!line.is_blank());
                    info.words_removed += words;
                }
            }
            i = last + 1;
        }
        if !matched {
            ctx.unmatched(RuleKind::Drop, &p, &|i| fates[i] == Fate::Kept);
        } else if let (false, Some(t)) = (through_matched, &through) {
            ctx.unmatched(RuleKind::Drop, t, &|i| fates[i] == Fate::Kept);
        }
    }
}

/// Applies the cut rules: byte ranges removed from each kept line, with their rule.
pub fn cut(ctx: &mut Ctx, recipe: &Recipe, fates: &[Fate]) -> Vec<Vec<(RuleId, Range<usize>)>> {
    let mut cuts: Vec<Vec<(RuleId, Range<usize>)>> = vec![Vec::new(); ctx.lines.len()];
    for rule in &recipe.cut {
        let id = ctx.add_rule(RuleKind::Cut, &rule.reason);
        let Some(p) = ctx.pattern(&rule.text) else {
            continue;
        };
        for (i, line) in ctx.lines.iter().enumerate() {
            if fates[i] != Fate::Kept {
                continue;
            }
            let found: Vec<Range<usize>> = p
                .find_all(&line.text)
                .into_iter()
                .filter(|r| {
                    cuts[i]
                        .iter()
                        .all(|(_, c)| r.end <= c.start || r.start >= c.end)
                })
                .collect();
            if found.is_empty() {
                continue;
            }
            // The line as the earlier cuts left it, and as this rule's leave it.
            let before = ctx.counting().then(|| apply_cuts(&line.text, &cuts[i]));
            cuts[i].extend(found.into_iter().map(|r| (id, r)));
            ctx.applied(id, i);
            cuts[i].sort_by_key(|(_, r)| r.start);
            let info = &mut ctx.rules[id.0];
            info.lines += 1;
            if let Some(before) = before {
                info.words_removed += words_removed(&before, &apply_cuts(&line.text, &cuts[i]));
            }
        }
        if ctx.rules[id.0].lines == 0 {
            ctx.unmatched(RuleKind::Cut, &p, &|i| fates[i] == Fate::Kept);
        }
    }
    cuts
}

/// A line's text without its cut ranges (sorted, disjoint), whitespace normalised.
pub fn apply_cuts(text: &str, cuts: &[(RuleId, Range<usize>)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (_, r) in cuts {
        if r.start >= at && r.end <= text.len() {
            out.push_str(&text[at..r.start]);
            out.push(' ');
            at = r.end;
        }
    }
    out.push_str(&text[at.min(text.len())..]);
    super::lines::normalize(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words a cut removes, counted in the changed part only, are those counted in
    /// the whole lines, whatever stands around the cut: accents composed or not,
    /// hyphens, apostrophes, a cut inside a word, at either end or the whole line.
    #[test]
    fn words_removed_counts_as_the_whole_lines_do() {
        let cases = [
            (
                "Allende won in 1970 (p. 12) and fell",
                "Allende won in 1970 and fell",
            ),
            ("com- rade Enri\u{301}quez 12 said", "com- rade said"),
            ("foo12bar baz", "foo bar baz"),
            ("foo bar baz", "foo12bar baz"),
            ("[3] Miguel Enríquez spoke", "Miguel Enríquez spoke"),
            ("he spoke [3]", "he spoke"),
            ("the  MIR's   line", "the line"),
            ("a b c", ""),
            ("", ""),
            ("same line", "same line"),
            ("x \u{301}y z", "x z"),
            ("l'Unité Populaire 1973", "l'Unité 1973"),
            // No space before the change: the count starts at the line's start.
            ("aé ", "a "),
        ];
        for (before, after) in cases {
            assert_eq!(
                words_removed(before, after),
                words(before).saturating_sub(words(after)),
                "{before:?} -> {after:?}"
            );
        }
    }

    proptest::proptest! {
        /// Two lines that share a start and an end, each part of words, spaces, joiners,
        /// accents (composed or not), digits and brackets.
        #[test]
        fn words_removed_on_any_two_lines(
            start in "[ a\\-'é1\\[\u{301}]{0,12}",
            cut in "[ a\\-'é1\\[\u{301}]{0,8}",
            kept in "[ a\\-'é1\\[\u{301}]{0,8}",
            end in "[ a\\-'é1\\[\u{301}]{0,12}",
        ) {
            let (before, after) = (format!("{start}{cut}{end}"), format!("{start}{kept}{end}"));
            proptest::prop_assert_eq!(
                words_removed(&before, &after),
                words(&before).saturating_sub(words(&after))
            );
        }
    }
}
