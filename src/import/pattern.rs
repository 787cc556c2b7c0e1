//! Recipe patterns: a string is either a whole line, compared after whitespace
//! normalisation, or a regular expression written between slashes (`/^Chapter \d+$/`),
//! searched in the normalised line.

use regex::Regex;
use toml::Spanned;

use crate::diag::{Diagnostic, FileId, Span, codes};

use super::lines::normalize;

/// A compiled pattern.
#[derive(Debug, Clone)]
pub enum Pattern {
    /// The whole normalised line (or, for cuts, a literal substring).
    Exact(String),
    Regex(Regex),
}

/// A pattern with the place in the recipe it came from.
#[derive(Debug, Clone)]
pub struct SpannedPattern {
    pub pattern: Pattern,
    pub source: String,
    pub span: Span,
}

impl SpannedPattern {
    /// Compiles a recipe string; an invalid regex gives an error diagnostic.
    pub fn compile(s: &Spanned<String>, file: FileId) -> Result<SpannedPattern, Box<Diagnostic>> {
        let span = Span::new(file, s.span());
        let text = s.get_ref();
        let pattern = match text.strip_prefix('/').and_then(|t| t.strip_suffix('/')) {
            Some(re) if text.len() >= 2 => match Regex::new(re) {
                Ok(r) => Pattern::Regex(r),
                Err(e) => {
                    return Err(Box::new(
                        Diagnostic::new(
                            codes::IMPORT_BAD_PATTERN,
                            format!("invalid regular expression `{re}`"),
                        )
                        .at(span)
                        .note(e.to_string()),
                    ));
                }
            },
            _ => {
                let exact = normalize(text);
                if exact.is_empty() {
                    return Err(Box::new(
                        Diagnostic::new(codes::IMPORT_BAD_PATTERN, "empty pattern").at(span),
                    ));
                }
                Pattern::Exact(exact)
            }
        };
        Ok(SpannedPattern {
            pattern,
            source: text.clone(),
            span,
        })
    }

    /// Whether the (normalised) line matches.
    pub fn matches_line(&self, line: &str) -> bool {
        match &self.pattern {
            Pattern::Exact(s) => s == line,
            Pattern::Regex(r) => r.is_match(line),
        }
    }

    /// For a matching line: the byte range of the text it keeps (capture group 1 of a
    /// regex when present and matched, else the whole line).
    pub fn kept_range(&self, line: &str) -> std::ops::Range<usize> {
        if let Pattern::Regex(r) = &self.pattern
            && let Some(c) = r.captures(line)
            && let Some(g) = c.get(1)
        {
            return g.range();
        }
        0..line.len()
    }

    /// Byte ranges of every occurrence in `line` (literal substring or regex matches;
    /// empty matches are ignored).
    pub fn find_all(&self, line: &str) -> Vec<std::ops::Range<usize>> {
        match &self.pattern {
            Pattern::Exact(s) => line
                .match_indices(s.as_str())
                .map(|(i, m)| i..i + m.len())
                .collect(),
            Pattern::Regex(r) => r
                .find_iter(line)
                .map(|m| m.range())
                .filter(|r| !r.is_empty())
                .collect(),
        }
    }

    /// Text to compare with lines when suggesting the closest one.
    pub fn literal_hint(&self) -> String {
        match &self.pattern {
            Pattern::Exact(s) => s.clone(),
            Pattern::Regex(_) => self
                .source
                .chars()
                .filter(|c| c.is_alphanumeric() || c.is_whitespace())
                .collect::<String>(),
        }
    }
}

/// The 1-based number and text of the line most similar to the pattern, for hints.
pub fn closest_line<'a>(
    pattern: &SpannedPattern,
    lines: impl Iterator<Item = (usize, &'a str)>,
) -> Option<(usize, String)> {
    let want = pattern.literal_hint().to_lowercase();
    let mut best: Option<(f64, usize, &str)> = None;
    for (i, text) in lines {
        if text.is_empty() {
            continue;
        }
        let score = strsim::normalized_levenshtein(&want, &text.to_lowercase());
        if best.is_none_or(|(s, _, _)| score > s) {
            best = Some((score, i, text));
        }
    }
    best.map(|(_, i, t)| (i + 1, t.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sp(s: &str) -> Spanned<String> {
        let v: toml::Table =
            toml::from_str(&format!("p = {}", toml::Value::String(s.into()))).unwrap();
        let _ = v;
        toml::from_str::<std::collections::BTreeMap<String, Spanned<String>>>(&format!(
            "p = {}",
            toml::Value::String(s.into())
        ))
        .unwrap()
        .remove("p")
        .unwrap()
    }

    #[test]
    fn exact_and_regex() {
        let p = SpannedPattern::compile(&sp("  Chapter   2 "), FileId(0)).unwrap();
        assert!(p.matches_line("Chapter 2"));
        let r = SpannedPattern::compile(&sp("/^== *(.*?) *==$/"), FileId(0)).unwrap();
        assert!(r.matches_line("== See also =="));
        assert_eq!(r.kept_range("== See also =="), 3..11);
        assert!(SpannedPattern::compile(&sp("/(/"), FileId(0)).is_err());
        assert!(SpannedPattern::compile(&sp("  "), FileId(0)).is_err());
    }
}
