//! The manuscript's configuration files as typed data: `edition.toml` and the metadata
//! of `texts/<slug>.toml` and of Markdown front matter. Strict: unknown keys are errors.
//!
//! Must not know: how texts are imported or rendered.

mod date;
mod edition;
mod text;

pub use date::{MONTHS, Precision, check_date, display_date};
pub use edition::{EditionConfig, OutputConfig, is_plain_file_stem};
pub use text::TextConfig;

use serde::de::DeserializeOwned;

use crate::diag::{Diagnostic, FileId, Span, codes};

/// Parses a TOML file into `T`, turning syntax and schema errors into diagnostics that
/// point at the offending place. `offset` is where `src` starts inside the file (front
/// matter is parsed from the middle of a Markdown file).
pub fn parse_toml<T: DeserializeOwned>(
    src: &str,
    file: FileId,
    offset: usize,
) -> Result<T, Diagnostic> {
    toml::from_str::<T>(src).map_err(|e| {
        let range = e.span().unwrap_or(0..0);
        let span = Span::new(
            file,
            offset + range.start..offset + range.end.max(range.start),
        );
        let message = e.message().trim().to_string();
        let code = if is_schema_error(&message) {
            codes::TOML_SCHEMA
        } else {
            codes::TOML_SYNTAX
        };
        let d = Diagnostic::new(code, short_message(&message)).at(span);
        match schema_hint(&message) {
            Some(h) => d.hint(h),
            None => d,
        }
    })
}

/// The first line of serde's message, without the list of allowed keys (the hint shows it).
fn short_message(s: &str) -> String {
    let first = s.lines().next().unwrap_or(s);
    match first
        .strip_prefix("unknown field ")
        .and_then(|rest| rest.split(", expected").next())
    {
        Some(key) => format!("unknown key {key}"),
        None => first.to_string(),
    }
}

/// Serde's data errors (as opposed to TOML grammar errors) begin with these words.
fn is_schema_error(message: &str) -> bool {
    [
        "unknown field",
        "missing field",
        "invalid type",
        "invalid value",
        "duplicate key",
        "unknown variant",
        "invalid length",
    ]
    .iter()
    .any(|p| message.contains(p))
        // An enum given a value of the wrong type (`layout = 2`).
        || message.starts_with("wanted ")
}

/// Serde lists the allowed keys after "expected"; show them as the hint.
fn schema_hint(message: &str) -> Option<String> {
    if message.contains("unknown field") {
        let expected = message.split("expected").nth(1)?.trim();
        let expected = expected.strip_prefix("one of ").unwrap_or(expected);
        return Some(format!("the keys allowed here are {expected}"));
    }
    None
}
