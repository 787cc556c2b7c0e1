//! Language tags: a checked BCP 47 tag (`es`, `es-CL`, `sr-Latn`, `es-419`) as the model
//! carries it on foreign phrases and titles, in its canonical case. The registry of the
//! IANA is not consulted: the shape is checked, which keeps `Spanish`, `es_CL` or a typo
//! such as `e` out of `xml:lang` and out of the choice of hyphenation patterns.

use std::fmt;
use std::sync::Arc;

/// A language tag of the shape BCP 47 gives it: a language code of 2 or 3 letters, then
/// optionally a script, a region, variants, extensions and a private-use part. Cheap to
/// clone (the typesetter carries it on every piece of a foreign phrase).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LangTag(Arc<str>);

impl LangTag {
    /// Checks `tag` and returns it in canonical case (`ES-cl` → `es-CL`); the error says
    /// what is wrong, in words for the editor.
    pub fn parse(tag: &str) -> Result<LangTag, String> {
        let fail = |why: String| Err(format!("`{tag}` is not a language tag: {why}"));
        if let Some(c) = tag
            .chars()
            .find(|c| !c.is_ascii_alphanumeric() && *c != '-')
        {
            return fail(format!(
                "`{c}` is no part of one (subtags are letters or digits, separated by `-`)"
            ));
        }
        let subtags: Vec<&str> = tag.split('-').collect();
        let language = subtags[0];
        if !(2..=3).contains(&language.len()) || !is_alpha(language) {
            return fail("it must begin with a language code of 2 or 3 letters".into());
        }
        let mut out = vec![language.to_ascii_lowercase()];
        // What may still follow: 0 script, 1 region, 2 variants; an extension or the
        // private-use part ends the tag.
        let mut stage = 0;
        let mut k = 1;
        while k < subtags.len() {
            let sub = subtags[k];
            let lower = sub.to_ascii_lowercase();
            if sub.is_empty() {
                return fail("it has an empty subtag (two hyphens, or one at an end)".into());
            } else if lower == "x" {
                return private_use(tag, out, &subtags[k + 1..]);
            } else if stage == 0 && sub.len() == 4 && is_alpha(sub) {
                out.push(lower[..1].to_ascii_uppercase() + &lower[1..]);
                stage = 1;
            } else if stage <= 1 && is_region(sub) {
                out.push(sub.to_ascii_uppercase());
                stage = 2;
            } else if is_variant(sub) {
                out.push(lower);
                stage = 2;
            } else if sub.len() == 1 {
                // One extension (`u-ca-gregory`): a singleton and subtags of 2 to 8;
                // a tag with several is valid BCP 47 but nothing a book needs.
                let ext = &subtags[k + 1..];
                let ends = ext.iter().position(|s| s.len() < 2).unwrap_or(ext.len());
                let (own, after) = ext.split_at(ends);
                if own.is_empty() || own.iter().any(|s| s.len() > 8) {
                    return fail(format!(
                        "the extension `{sub}` needs subtags of 2 to 8 letters or digits"
                    ));
                }
                out.push(lower);
                out.extend(own.iter().map(|s| s.to_ascii_lowercase()));
                match after.split_first() {
                    None => {}
                    Some((x, rest)) if x.eq_ignore_ascii_case("x") => {
                        return private_use(tag, out, rest);
                    }
                    Some(_) => return fail("it has more than one extension".into()),
                }
                break;
            } else {
                return fail(format!(
                    "`{sub}` is no script (4 letters), region (2 letters or 3 digits) or variant (5 to 8 letters or digits) in its place"
                ));
            }
            k += 1;
        }
        Ok(LangTag(out.join("-").into()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The language code alone (`es` of `es-CL`): what chooses hyphenation patterns.
    pub fn language(&self) -> &str {
        self.0.split('-').next().unwrap_or("")
    }
}

/// `x-…` ends a tag: one or more subtags of 1 to 8 letters or digits.
fn private_use(tag: &str, mut out: Vec<String>, rest: &[&str]) -> Result<LangTag, String> {
    if rest.is_empty() || !rest.iter().all(|s| (1..=8).contains(&s.len())) {
        return Err(format!(
            "`{tag}` is not a language tag: the private-use part `x` needs subtags of 1 to 8 letters or digits"
        ));
    }
    out.push("x".into());
    out.extend(rest.iter().map(|s| s.to_ascii_lowercase()));
    Ok(LangTag(out.join("-").into()))
}

fn is_alpha(s: &str) -> bool {
    s.chars().all(|c| c.is_ascii_alphabetic())
}

/// A region: two letters (`CL`) or three digits (`419`, Latin America).
fn is_region(s: &str) -> bool {
    (s.len() == 2 && is_alpha(s)) || (s.len() == 3 && s.chars().all(|c| c.is_ascii_digit()))
}

/// A variant: 5 to 8 letters or digits, or a digit and three more (`1996`).
fn is_variant(s: &str) -> bool {
    (5..=8).contains(&s.len()) || (s.len() == 4 && s.starts_with(|c: char| c.is_ascii_digit()))
}

impl fmt::Display for LangTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_and_canonicalises() {
        for (tag, canonical) in [
            ("es", "es"),
            ("ES-cl", "es-CL"),
            ("es-419", "es-419"),
            ("sr-latn-rs", "sr-Latn-RS"),
            ("de-CH-1996", "de-CH-1996"),
            ("sl-rozaj-biske", "sl-rozaj-biske"),
            ("en-US-u-ca-gregory", "en-US-u-ca-gregory"),
            ("es-x-chile", "es-x-chile"),
            ("arn", "arn"),
        ] {
            assert_eq!(
                LangTag::parse(tag).map(|t| t.to_string()),
                Ok(canonical.into())
            );
        }
        assert_eq!(LangTag::parse("es-CL").unwrap().language(), "es");
    }

    #[test]
    fn refuses_what_is_no_tag() {
        for bad in [
            "",
            "e",
            "Spanish",
            "es_CL",
            "es-",
            "-es",
            "es--CL",
            "es-C",
            "es-CL-Latn",
            "es-u",
            "x-private",
            "<es>",
            "es CL",
            "es-CL-u-ca-gregory-t-es",
        ] {
            assert!(LangTag::parse(bad).is_err(), "{bad} was accepted");
        }
        let why = LangTag::parse("es_CL").unwrap_err();
        assert!(why.contains("`_`"), "{why}");
    }
}
