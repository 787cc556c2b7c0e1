//! End-of-line hyphens of hard-wrapped text: `com-`/`rade` becomes `comrade`, while
//! `counter-`/`revolution` keeps its hyphen when the corpus spells it so elsewhere. The
//! evidence is the corpus of all raw sources, counting only words that stand in the
//! middle of a line (so that the line breaks being decided are never their own evidence).

use std::collections::BTreeMap;

use super::lines::split_lines;

/// Word forms seen mid-line in all raw sources of the manuscript, lower-cased.
#[derive(Debug, Default, Clone)]
pub struct Corpus {
    forms: BTreeMap<String, u32>,
}

impl Corpus {
    pub fn new(raw_texts: &[&str]) -> Corpus {
        // Counted in a hash map, looked up by the borrowed word (a new string only for a
        // form not seen yet), then ordered once for the prefix queries.
        let mut counts: rustc_hash::FxHashMap<String, u32> = Default::default();
        let mut lower = String::new();
        for raw in raw_texts {
            let mut prev_split = false;
            for line in split_lines(raw) {
                if line.is_blank() {
                    continue;
                }
                let tokens: Vec<&str> = line.text.split(' ').collect();
                let last = tokens.len() - 1;
                for (k, t) in tokens.iter().enumerate() {
                    let fragment = (k == 0 && prev_split) || (k == last && ends_in_split(t));
                    let w = core(t);
                    if !fragment && !w.is_empty() {
                        let form = if w.chars().any(char::is_uppercase) {
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
                prev_split = ends_in_split(tokens[last]);
            }
        }
        Corpus {
            forms: counts.into_iter().collect(),
        }
    }

    fn count(&self, form: &str) -> u32 {
        self.forms.get(form).copied().unwrap_or(0)
    }

    /// Occurrences of forms that begin with `prefix` (inflected forms: `comrades`).
    fn count_prefixed(&self, prefix: &str) -> u32 {
        self.forms
            .range(prefix.to_string()..)
            .take_while(|(k, _)| k.starts_with(prefix))
            .map(|(_, v)| *v)
            .sum()
    }
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
