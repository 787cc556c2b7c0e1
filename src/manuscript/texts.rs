//! The texts of the order: finds `texts/<slug>.toml` or `texts/<slug>.md` for each slug,
//! reports unknown, duplicate and unlisted texts, and parses their configuration.

use std::collections::BTreeSet;
use std::path::Path;

use crate::config::{EditionConfig, Precision, TextConfig, check_date, parse_toml};
use crate::diag::{Diagnostic, Diagnostics, FileId, Sources, Span, codes};
use crate::model::LangTag;
use crate::model::TextId;

use super::files::{PathOrigin, read_text};

/// Which kind of file defines a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextFileKind {
    /// `texts/<slug>.toml`: a source with an import recipe.
    Recipe,
    /// `texts/<slug>.md`: editorial Markdown with front matter.
    Markdown,
}

/// A slug of the order with the file that defines it.
#[derive(Debug, Clone)]
pub struct TextSpec {
    pub id: TextId,
    pub kind: TextFileKind,
    pub rel_path: String,
    pub order_span: Span,
}

/// A text whose configuration parsed.
#[derive(Debug)]
pub struct ConfiguredText {
    pub spec: TextSpec,
    pub config: TextConfig,
    pub file: FileId,
    /// Where the TOML of the configuration starts in `file` (its spans are relative).
    pub toml_offset: usize,
    /// For Markdown texts: where the body starts in `file`.
    pub body_offset: usize,
}

pub fn resolve_order(
    root: &Path,
    config: &EditionConfig,
    edition_file: FileId,
    diags: &mut Diagnostics,
) -> Vec<TextSpec> {
    let mut seen = BTreeSet::new();
    let mut specs = Vec::new();
    for entry in &config.order {
        let slug = entry.get_ref();
        let span = Span::new(edition_file, entry.span());
        if !seen.insert(slug.clone()) {
            diags.push(
                Diagnostic::new(
                    codes::DUPLICATE_TEXT,
                    format!("`{slug}` appears twice in `order`"),
                )
                .at(span),
            );
            continue;
        }
        let valid = !slug.is_empty()
            && slug
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !valid {
            diags.push(
                Diagnostic::new(
                    codes::UNKNOWN_TEXT,
                    format!("`{slug}` is not a valid text slug"),
                )
                .at(span)
                .hint(
                    "slugs use lower-case ASCII letters, digits and hyphens, like `mir-wikipedia`",
                ),
            );
            continue;
        }
        let toml = format!("texts/{slug}.toml");
        let md = format!("texts/{slug}.md");
        let (has_toml, has_md) = (root.join(&toml).is_file(), root.join(&md).is_file());
        let (kind, rel_path) = match (has_toml, has_md) {
            (true, false) => (TextFileKind::Recipe, toml),
            (false, true) => (TextFileKind::Markdown, md),
            (true, true) => {
                diags.push(
                    Diagnostic::new(
                        codes::DUPLICATE_TEXT,
                        format!("`{slug}` is defined twice, by `{toml}` and by `{md}`"),
                    )
                    .at(span)
                    .hint("keep one of the two files"),
                );
                continue;
            }
            (false, false) => {
                let hint = match closest_slug(root, slug) {
                    Some(s) => format!(
                        "did you mean `{s}`? Otherwise add texts/{slug}.toml (a source) or texts/{slug}.md (editorial text)"
                    ),
                    None => format!(
                        "add texts/{slug}.toml (a source) or texts/{slug}.md (editorial text)"
                    ),
                };
                diags.push(
                    Diagnostic::new(
                        codes::UNKNOWN_TEXT,
                        format!("no text `{slug}`: neither {toml} nor {md} exists"),
                    )
                    .at(span)
                    .hint(hint),
                );
                continue;
            }
        };
        specs.push(TextSpec {
            id: TextId(slug.clone()),
            kind,
            rel_path,
            order_span: span,
        });
    }
    for slug in text_slugs(root) {
        if !seen.contains(&slug) {
            diags.push(
                Diagnostic::new(
                    codes::TEXT_UNLISTED,
                    format!("texts/{slug} is not in `order` and will not be in the edition"),
                )
                .at(Span::new(edition_file, 0..0)),
            );
        }
    }
    specs
}

/// Slugs of all `texts/*.toml` and `texts/*.md`, sorted.
fn text_slugs(root: &Path) -> BTreeSet<String> {
    let Ok(dir) = std::fs::read_dir(root.join("texts")) else {
        return BTreeSet::new();
    };
    dir.filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            name.strip_suffix(".toml")
                .or_else(|| name.strip_suffix(".md"))
                .map(str::to_string)
        })
        .collect()
}

fn closest_slug(root: &Path, slug: &str) -> Option<String> {
    text_slugs(root)
        .into_iter()
        .map(|s| (strsim::normalized_levenshtein(&s, slug), s))
        .filter(|(score, _)| *score > 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, s)| s)
}

pub fn read_text_config(
    root: &Path,
    spec: &TextSpec,
    sources: &mut Sources,
    diags: &mut Diagnostics,
) -> Option<ConfiguredText> {
    let origin = PathOrigin {
        span: Some(spec.order_span),
    };
    let file = match read_text(root, &spec.rel_path, origin, sources) {
        Ok(f) => f.file,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let text = sources.text(file).to_string();
    let (toml_src, toml_offset, body_offset) = match spec.kind {
        TextFileKind::Recipe => (text.as_str(), 0, 0),
        TextFileKind::Markdown => match split_front_matter(&text) {
            Some(parts) => parts,
            None => {
                diags.push(
                    Diagnostic::new(
                        codes::FRONT_MATTER,
                        format!("{} has no `+++` front matter", spec.rel_path),
                    )
                    .at(Span::new(file, 0..0)),
                );
                return None;
            }
        },
    };
    let config: TextConfig = match parse_toml(toml_src, file, toml_offset) {
        Ok(c) => c,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    if let Some(date) = &config.date
        && let Err(message) = check_date(date.get_ref(), Precision::Any)
    {
        let span = date.span();
        diags.push(Diagnostic::new(codes::INVALID_DATE, message).at(Span::new(
            file,
            toml_offset + span.start..toml_offset + span.end,
        )));
    }
    for (key, value) in config.language_keys() {
        if let Some(value) = value
            && let Err(message) = LangTag::parse(value.get_ref())
        {
            let span = value.span();
            diags.push(
                Diagnostic::new(codes::LANG_TAG, format!("`{key}`: {message}")).at(Span::new(
                    file,
                    toml_offset + span.start..toml_offset + span.end,
                )),
            );
        }
    }
    match (spec.kind, &config.import) {
        (TextFileKind::Recipe, None) => {
            diags.push(
                Diagnostic::new(
                    codes::TOML_SCHEMA,
                    format!("{} has no `[import]` recipe", spec.rel_path),
                )
                .at(Span::new(file, 0..0))
                .hint("add an `[import]` table with at least `source = \"sources/<file>.txt\"`"),
            );
            return None;
        }
        (TextFileKind::Markdown, Some(recipe)) => {
            diags.push(
                Diagnostic::new(codes::TOML_SCHEMA, "an `[import]` recipe belongs in a texts/<slug>.toml file, not in Markdown front matter")
                    .at(Span::new(file, toml_offset + recipe.span().start..toml_offset + recipe.span().end)),
            );
            return None;
        }
        _ => {}
    }
    Some(ConfiguredText {
        spec: spec.clone(),
        config,
        file,
        toml_offset,
        body_offset,
    })
}

/// Splits `+++\n<toml>\n+++\n<body>`: returns the TOML, its offset and the body's offset.
fn split_front_matter(text: &str) -> Option<(&str, usize, usize)> {
    let rest = text.strip_prefix("+++\n")?;
    let start = 4;
    let end = if rest.starts_with("+++\n") || rest == "+++" {
        0
    } else {
        rest.find("\n+++\n")
            .map(|i| i + 1)
            .or_else(|| rest.strip_suffix("\n+++").map(|r| r.len() + 1))?
    };
    let toml = &rest[..end];
    let body_offset = (start + end + 4).min(text.len());
    Some((toml, start, body_offset))
}

#[cfg(test)]
mod tests {
    use super::split_front_matter;

    #[test]
    fn front_matter() {
        let t = "+++\ntitle = \"A\"\n+++\nBody\n";
        let (toml, off, body) = split_front_matter(t).unwrap();
        assert_eq!(toml, "title = \"A\"\n");
        assert_eq!(off, 4);
        assert_eq!(&t[body..], "Body\n");
        assert!(split_front_matter("no front matter").is_none());
        assert_eq!(split_front_matter("+++\n+++\n").map(|p| p.0), Some(""));
    }
}
