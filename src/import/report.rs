//! The import report: what every rule did (lines and words removed, joined, moved), how
//! blank lines and end-of-line hyphens were decided (classes, counts, examples, every
//! doubtful case), and the words the output must contain ("nothing lost").

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
use std::ops::Range;

use super::hyphen::HyphenClass;
use super::lines::split_lines;
use super::paragraphs::{BreakClass, BreakDecision, HyphenRecord};
use super::roles::kept_text;
use super::rules::{Fate, RuleId, RuleInfo, apply_cuts};

/// Examples shown per decision class (all doubtful cases are listed anyway).
const EXAMPLES: usize = 4;

/// What the import did, recorded so that it can be shown and checked against the raw text.
#[derive(Debug, Clone)]
pub struct Report {
    pub(crate) rules: Vec<RuleInfo>,
    pub(crate) fates: Vec<Fate>,
    pub(crate) cuts: BTreeMap<usize, Vec<(RuleId, Range<usize>)>>,
    pub(crate) keep: BTreeMap<usize, Range<usize>>,
    /// Kept lines in output order (after the moves).
    pub(crate) order: Vec<usize>,
    pub(crate) glued: BTreeSet<usize>,
    pub(crate) hyphens: Vec<HyphenRecord>,
    pub(crate) breaks: Vec<BreakDecision>,
    pub(crate) raw_words: usize,
    pub(crate) output_words: usize,
    /// Whether the word counts above and the rules' were made.
    pub(crate) counts: WordCounts,
}

/// Whether an import counts words for its report: how many the raw text and the output
/// have, and how many each rule removed. Counting is a third of an import; a build,
/// which shows no report, does not count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordCounts {
    Counted,
    /// The report's counts are 0 and it says they were not made.
    NotCounted,
}

impl Report {
    /// The words of `raw` that the output must contain, in output order: the raw lines
    /// minus what the rules removed, in the recorded order, with split words rejoined.
    pub fn expected_words(&self, raw: &str) -> Vec<String> {
        let lines = split_lines(raw);
        let mut text = String::new();
        let mut glue = false;
        for &i in &self.order {
            let Some(line) = lines.get(i) else { continue };
            let cut = apply_cuts(&line.text, self.cuts.get(&i).map_or(&[][..], |c| &c[..]));
            let kept = kept_text(&cut, &self.keep.get(&i).cloned());
            if kept.is_empty() {
                continue;
            }
            if !glue {
                text.push('\n');
            }
            text.push_str(&kept);
            glue = self.glued.contains(&i);
        }
        crate::model::text::normalize_words(&text)
    }

    /// Words of the raw text.
    pub fn raw_words(&self) -> usize {
        self.raw_words
    }

    /// Words removed by all rules together.
    pub fn words_removed(&self) -> usize {
        self.rules.iter().map(|r| r.words_removed).sum()
    }

    /// End-of-line splits rejoined (each turns two raw words into one).
    pub fn words_rejoined(&self) -> usize {
        self.glued.len()
    }

    /// Per rule: its kind, label and the words it removed (for the "nothing lost" test).
    pub fn removed_per_rule(&self) -> Vec<(String, usize)> {
        self.rules
            .iter()
            .filter(|r| r.words_removed > 0)
            .map(|r| (format!("{} {}", r.kind.name(), r.label), r.words_removed))
            .collect()
    }

    /// The report as printed by `edition import SLUG`.
    pub fn render(&self) -> String {
        let mut s = String::new();
        let removed: usize = self.rules.iter().map(|r| r.words_removed).sum();
        let _ = writeln!(s, "Import report");
        if self.counts == WordCounts::NotCounted {
            let _ = writeln!(s, "  (words were not counted: every count below is 0)");
        }
        let _ = writeln!(
            s,
            "  raw text: {} lines, {} words; removed by rules: {} words; split words rejoined: {} \
             (two raw words become one); output: {} words",
            self.fates.len(),
            self.raw_words,
            removed,
            self.glued.len(),
            self.output_words
        );
        let _ = writeln!(s, "\nRules (in recipe order):");
        for r in &self.rules {
            let what = match r.kind.name() {
                "move" => format!("{} lines moved", r.lines),
                "join" | "break" => format!("applied {} times", r.lines),
                _ => format!("{} lines, {} words removed", r.lines, r.words_removed),
            };
            let at = r
                .first_line
                .map_or(String::new(), |l| format!("line {}", l + 1));
            let _ = writeln!(
                s,
                "  {:<9} {:<10} {:<48} {}",
                r.kind.name(),
                at,
                clip(&r.label, 48),
                what
            );
        }
        self.render_totals(&mut s);
        self.render_breaks(&mut s);
        self.render_hyphens(&mut s);
        s
    }

    /// Rules of the same kind and reason added up (thirty caption drops make one line).
    fn render_totals(&self, s: &mut String) {
        let mut totals: BTreeMap<(super::rules::RuleKind, &str), (usize, usize, usize)> =
            BTreeMap::new();
        for r in self
            .rules
            .iter()
            .filter(|r| r.words_removed > 0 || r.kind.name() == "move")
        {
            let t = totals.entry((r.kind, r.label.as_str())).or_default();
            *t = (t.0 + 1, t.1 + r.lines, t.2 + r.words_removed);
        }
        if totals.is_empty() {
            return;
        }
        let _ = writeln!(s, "\nTotals by kind and reason:");
        for ((kind, label), (rules, lines, words)) in &totals {
            let _ = writeln!(
                s,
                "  {:<9} {:<59} {rules} rules, {lines} lines, {words} words",
                kind.name(),
                clip(label, 59)
            );
        }
    }

    fn render_breaks(&self, s: &mut String) {
        if self.breaks.is_empty() {
            return;
        }
        let _ = writeln!(s, "\nBlank lines and paragraph ends between text lines:");
        let mut classes: BTreeMap<BreakClass, Vec<&BreakDecision>> = BTreeMap::new();
        for b in &self.breaks {
            classes.entry(b.class).or_default().push(b);
        }
        for (class, list) in &classes {
            let name = match class {
                BreakClass::JoinRule(id) => format!("joined by rule `{}`", self.rules[id.0].label),
                BreakClass::BreakRule(id) => {
                    format!("paragraph end by rule `{}`", self.rules[id.0].label)
                }
                BreakClass::SplitWord => "joined: the line before ends in a split word".into(),
                BreakClass::LowerCase => "joined: the next line starts lower-case".into(),
                BreakClass::SentenceEnd => "paragraph end: the line before ends a sentence".into(),
                BreakClass::Unfinished => {
                    "joined (doubtful): the line before does not end a sentence".into()
                }
            };
            let joined = list.iter().filter(|b| b.join).count();
            let _ = writeln!(s, "  {name}: {} ({joined} joined)", list.len());
            let all = matches!(class, BreakClass::Unfinished);
            for b in list
                .iter()
                .take(if all { usize::MAX } else { EXAMPLES.min(2) })
            {
                let _ = writeln!(s, "      line {}: …{} ¶ {}…", b.line + 1, b.before, b.after);
            }
        }
    }

    fn render_hyphens(&self, s: &mut String) {
        if self.hyphens.is_empty() {
            return;
        }
        let _ = writeln!(s, "\nEnd-of-line hyphens: {}", self.hyphens.len());
        let mut classes: BTreeMap<HyphenClass, Vec<&HyphenRecord>> = BTreeMap::new();
        for h in &self.hyphens {
            classes.entry(h.decision.class).or_default().push(h);
        }
        for (class, list) in &classes {
            let _ = writeln!(s, "  {}: {}", class.describe(), list.len());
            let shown = if class.is_doubtful() {
                list.len()
            } else {
                EXAMPLES
            };
            for h in list.iter().take(shown) {
                let result = if h.decision.keep {
                    format!("{}{}", h.left, h.right)
                } else {
                    format!("{}{}", h.left.trim_end_matches('-'), h.right)
                };
                let _ = writeln!(
                    s,
                    "      line {}: {} | {} → {}",
                    h.line + 1,
                    h.left,
                    h.right,
                    result
                );
            }
        }
    }
}

fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}
