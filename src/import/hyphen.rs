//! End-of-line hyphens of hard-wrapped text: `com-`/`rade` becomes `comrade`, while
//! `counter-`/`revolution` keeps its hyphen when the corpus spells it so elsewhere. The
//! evidence is the corpus of all raw sources, counting only words that stand in the
//! middle of a line (so that the line breaks being decided are never their own evidence).

use super::lines::{Line, split_lines};

/// Word forms seen mid-line in all raw sources of the manuscript, lower-cased.
#[derive(Debug, Default, Clone)]
pub struct Corpus {
    /// Each form once with its count, sorted by form (binary search for a form and for
    /// the forms with a prefix).
    forms: Vec<(String, u32)>,
}

impl Corpus {
    /// The corpus of `raw_texts`.
    pub fn new(raw_texts: &[&str]) -> Corpus {
        let split: Vec<Vec<Line>> = raw_texts.iter().map(|raw| split_lines(raw)).collect();
        Corpus::from_lines(&split.iter().map(Vec::as_slice).collect::<Vec<_>>())
    }

    /// The corpus of raw texts split into lines ([`split_lines`]): each text's forms
    /// counted on its own (two threads for a large manuscript, each counting whole
    /// texts), then the counts added up: the same corpus whichever thread counted which.
    pub fn from_lines(texts: &[&[Line]]) -> Corpus {
        let size = |lines: &&[Line]| lines.iter().map(|l| l.text.len()).sum::<usize>();
        let threaded = crate::threads::worth_two(texts.iter().map(size));
        let counted =
            crate::threads::map_jobs(texts, size, threaded, || (), |_, lines| count_forms(lines));
        let mut all: Vec<(String, u32)> = counted.into_iter().flatten().collect();
        all.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut forms: Vec<(String, u32)> = Vec::with_capacity(all.len());
        for (form, n) in all {
            match forms.last_mut() {
                Some(last) if last.0 == form => last.1 += n,
                _ => forms.push((form, n)),
            }
        }
        Corpus { forms }
    }

    fn count(&self, form: &str) -> u32 {
        self.forms
            .binary_search_by(|(f, _)| f.as_str().cmp(form))
            .map_or(0, |i| self.forms[i].1)
    }

    /// Occurrences of forms that begin with `prefix` (inflected forms: `comrades`).
    fn count_prefixed(&self, prefix: &str) -> u32 {
        let from = self.forms.partition_point(|(f, _)| f.as_str() < prefix);
        self.forms[from..]
            .iter()
            .take_while(|(f, _)| f.starts_with(prefix))
            .map(|(_, n)| *n)
            .sum()
    }
}

/// The forms of one raw text's lines that stand in the middle of a line, lower-cased,
/// with their counts: counted in a hash map looked up by the borrowed word (a new string
/// only for a form not seen yet).
fn count_forms(lines: &[Line]) -> rustc_hash::FxHashMap<String, u32> {
    let mut counts: rustc_hash::FxHashMap<String, u32> = Default::default();
    let mut lower = String::new();
    let mut prev_split = false;
    for line in lines {
        if line.is_blank() {
            continue;
        }
        let mut tokens = line.text.split(' ').peekable();
        let mut first = true;
        while let Some(t) = tokens.next() {
            let is_last = tokens.peek().is_none();
            let split_here = is_last && ends_in_split(t);
            let fragment = (first && prev_split) || split_here;
            first = false;
            if is_last {
                prev_split = split_here;
            }
            let w = core(t);
            if fragment || w.is_empty() {
                continue;
            }
            let upper = if w.is_ascii() {
                w.bytes().any(|b| b.is_ascii_uppercase())
            } else {
                w.chars().any(char::is_uppercase)
            };
            let form = if upper {
                lower.clear();
                lower.extend(w.chars().flat_map(char::to_lowercase));
                lower.as_str()
            } else {
                w
            };
            match counts.get_mut(form) {
                Some(n) => *n += 1,
                None => {
                    counts.insert(form.to_string(), 1);
                }
            }
        }
    }
    counts
}

/// Whether a token ends like a word split at the line end (`com-`, not `-` or `1-`).
pub fn ends_in_split(token: &str) -> bool {
    let mut rev = token.chars().rev();
    rev.next() == Some('-') && rev.next().is_some_and(char::is_alphabetic)
}

/// A token without surrounding punctuation (inner hyphens and apostrophes stay).
fn core(token: &str) -> &str {
    token.trim_matches(|c: char| !c.is_alphanumeric())
}

/// How one end-of-line hyphen was decided; the report groups decisions by class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum HyphenClass {
    /// The joined word occurs elsewhere, the hyphenated form does not: join.
    JoinedElsewhere,
    /// The hyphenated form occurs elsewhere, the joined word does not: keep.
    HyphenatedElsewhere,
    /// Only inflected forms (same beginning) occur, joined: join.
    JoinedVariantElsewhere,
    /// Only inflected forms occur, hyphenated: keep.
    HyphenatedVariantElsewhere,
    /// Both forms occur: the more frequent wins (ties join); listed as doubtful.
    Conflicting,
    /// A digit follows (`mid-`/`1950s`): a compound, keep.
    BeforeDigit,
    /// No evidence, lower-case continuation: the usual syllable break, join; listed.
    FallbackJoin,
    /// No evidence, capital continuation (`anti-`/`Fascist`): keep; listed.
    FallbackKeep,
}

impl HyphenClass {
    pub fn describe(self) -> &'static str {
        match self {
            HyphenClass::JoinedElsewhere => "joined: the joined word occurs elsewhere",
            HyphenClass::HyphenatedElsewhere => "kept: the hyphenated form occurs elsewhere",
            HyphenClass::JoinedVariantElsewhere => {
                "joined: forms of the joined word occur elsewhere"
            }
            HyphenClass::HyphenatedVariantElsewhere => {
                "kept: forms of the hyphenated word occur elsewhere"
            }
            HyphenClass::Conflicting => {
                "doubtful: both forms occur elsewhere, the more frequent chosen"
            }
            HyphenClass::BeforeDigit => "kept: a number follows",
            HyphenClass::FallbackJoin => {
                "unresolved, joined by the fallback rule (lower-case continuation)"
            }
            HyphenClass::FallbackKeep => {
                "unresolved, kept by the fallback rule (capital continuation)"
            }
        }
    }

    /// Whether the class is listed case by case in the report.
    pub fn is_doubtful(self) -> bool {
        matches!(
            self,
            HyphenClass::Conflicting | HyphenClass::FallbackJoin | HyphenClass::FallbackKeep
        )
    }
}

/// A decision: keep the hyphen or not, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    pub class: HyphenClass,
    pub keep: bool,
}

/// Decides the split of `left` (the last token of a line, ending in `-`) and `right` (the
/// first token of the next line).
pub fn decide(corpus: &Corpus, left: &str, right: &str) -> Decision {
    let l = core(left).to_lowercase();
    let r = core(right).to_lowercase();
    let d = |class, keep| Decision { class, keep };
    if r.chars().next().is_none_or(|c| !c.is_alphabetic()) {
        return d(HyphenClass::BeforeDigit, true);
    }
    let joined = format!("{l}{r}");
    let hyphenated = format!("{l}-{r}");
    let (j, h) = (corpus.count(&joined), corpus.count(&hyphenated));
    match (j, h) {
        (0, 0) => {}
        (_, 0) => return d(HyphenClass::JoinedElsewhere, false),
        (0, _) => return d(HyphenClass::HyphenatedElsewhere, true),
        _ => return d(HyphenClass::Conflicting, h > j),
    }
    let (j, h) = (
        corpus.count_prefixed(&joined),
        corpus.count_prefixed(&hyphenated),
    );
    match (j, h) {
        (0, 0) => {}
        (_, 0) => return d(HyphenClass::JoinedVariantElsewhere, false),
        (0, _) => return d(HyphenClass::HyphenatedVariantElsewhere, true),
        _ => return d(HyphenClass::Conflicting, h > j),
    }
    if core(right).chars().next().is_some_and(char::is_uppercase) {
        d(HyphenClass::FallbackKeep, true)
    } else {
        d(HyphenClass::FallbackJoin, false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decides_from_evidence() {
        let c = Corpus::new(&[
            "our comrade said the counter-revolution came com-\nrade x",
            "comrades and anti-imperialism",
        ]);
        assert_eq!(
            decide(&c, "com-", "rade").class,
            HyphenClass::JoinedElsewhere
        );
        assert!(decide(&c, "counter-", "revolution,").keep);
        assert_eq!(decide(&c, "mid-", "1950s").class, HyphenClass::BeforeDigit);
        assert_eq!(
            decide(&c, "“anti-im-", "perialism”").class,
            HyphenClass::JoinedElsewhere
        );
        assert_eq!(decide(&c, "Indíge-", "na").class, HyphenClass::FallbackJoin);
        assert_eq!(
            decide(&c, "Pro-", "Chinese").class,
            HyphenClass::FallbackKeep
        );
        // The split itself is no evidence.
        assert_eq!(c.count("com"), 0);
        assert_eq!(c.count("rade"), 0);
    }
}
