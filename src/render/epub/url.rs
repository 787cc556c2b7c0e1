//! Which URLs become links: only `http`, `https` and `mailto`, made valid by
//! percent-encoding what a URL may not contain. Anything else is shown as text.

/// Schemes that may become links, lower case with their separator. Other schemes
/// (`javascript:`, `file:`, `data:`, relative paths) could run code, leak local files or
/// break the package, so they are rendered as text.
const LINK_SCHEMES: &[&str] = &["https://", "http://", "mailto:"];

/// A URL as it may go into an `href`: checked and percent-encoded, not yet XML-escaped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SafeUrl(String);

impl SafeUrl {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The URL as a link target, or `None` when it must be shown as text only.
pub fn safe_url(raw: &str) -> Option<SafeUrl> {
    let raw = raw.trim();
    let lower = raw.to_ascii_lowercase();
    let scheme = LINK_SCHEMES.iter().find(|s| lower.starts_with(**s))?;
    let rest = &raw[scheme.len()..];
    let (authority, tail) = if scheme.ends_with("//") {
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        (&rest[..end], &rest[end..])
    } else {
        ("", rest)
    };
    if scheme.ends_with("//") && !is_plain_authority(authority) {
        return None;
    }
    if !scheme.ends_with("//") && tail.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(raw.len() + 8);
    out.push_str(scheme);
    out.push_str(authority);
    push_encoded(&mut out, tail);
    Some(SafeUrl(out))
}

/// A host with an optional user and port, in plain ASCII: anything else (spaces,
/// brackets, markup) is not worth guessing at.
fn is_plain_authority(authority: &str) -> bool {
    !authority.is_empty()
        && authority.chars().all(|c| {
            c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ':' | '@' | '~' | '%')
        })
        && authority.chars().any(|c| c.is_ascii_alphanumeric())
}

/// Appends path, query and fragment with every byte that a URL may not contain
/// percent-encoded: non-ASCII, controls, space, `"<>\^`{|}[]`, a `%` not starting an
/// escape, and any `#` after the first.
fn push_encoded(out: &mut String, tail: &str) {
    let bytes = tail.as_bytes();
    let mut seen_hash = false;
    for (i, &b) in bytes.iter().enumerate() {
        let keep = match b {
            b'%' => {
                bytes.len() > i + 2
                    && bytes[i + 1].is_ascii_hexdigit()
                    && bytes[i + 2].is_ascii_hexdigit()
            }
            b'#' if !seen_hash => {
                seen_hash = true;
                true
            }
            b'#' => false,
            b'"' | b'<' | b'>' | b'\\' | b'^' | b'`' | b'{' | b'|' | b'}' | b'[' | b']' | b' ' => {
                false
            }
            0x21..=0x7E => true,
            _ => false,
        };
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Option<String> {
        safe_url(s).map(|u| u.0)
    }

    #[test]
    fn web_and_mail_links_pass() {
        assert_eq!(
            url("https://en.wikipedia.org/wiki/MIR_(Chile)").as_deref(),
            Some("https://en.wikipedia.org/wiki/MIR_(Chile)")
        );
        assert_eq!(
            url(" HTTP://example.org ").as_deref(),
            Some("http://example.org")
        );
        assert_eq!(
            url("mailto:editors@example.org").as_deref(),
            Some("mailto:editors@example.org")
        );
    }

    #[test]
    fn other_schemes_are_text() {
        for bad in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "data:text/html,x",
            "../x.html",
            "#n1",
            "mailto:",
            "https://",
            "https://<script>/",
            "https://a b/",
        ] {
            assert_eq!(url(bad), None, "{bad}");
        }
    }

    #[test]
    fn hostile_characters_are_encoded() {
        assert_eq!(
            url("https://example.org/a b/<script>]]>&x=\"1\"").as_deref(),
            Some("https://example.org/a%20b/%3Cscript%3E%5D%5D%3E&x=%221%22")
        );
        assert_eq!(
            url("https://es.wikipedia.org/wiki/Miguel_Enríquez#a#b").as_deref(),
            Some("https://es.wikipedia.org/wiki/Miguel_Enr%C3%ADquez#a%23b")
        );
        assert_eq!(
            url("https://example.org/100%25/50%").as_deref(),
            Some("https://example.org/100%25/50%25")
        );
    }
}
