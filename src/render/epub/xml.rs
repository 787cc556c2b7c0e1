//! XML escaping and a small streaming writer that keeps elements balanced. Every piece
//! of text that reaches an EPUB file goes through [`escape_text`] or [`escape_attr`].

/// Whether XML 1.0 allows `c` in a document, narrowed to what text should hold: the
/// `Char` production minus the C1 controls, the byte order mark and the noncharacters
/// (allowed but "discouraged" by XML 1.0 §2.2, and never meaningful in a book).
pub fn is_allowed_char(c: char) -> bool {
    match c {
        '\t' | '\n' => true,
        // A carriage return would be folded into a line feed by any XML parser.
        '\r' => false,
        '\u{0}'..='\u{1F}' | '\u{7F}'..='\u{9F}' => false,
        '\u{FEFF}' | '\u{FDD0}'..='\u{FDEF}' => false,
        c => (c as u32) & 0xFFFE != 0xFFFE,
    }
}

/// Appends `s` as XML character data: `&`, `<`, `>` escaped (so `]]>` cannot occur),
/// forbidden characters dropped.
pub fn push_text(out: &mut String, s: &str) {
    // Runs of characters that stay as they are are copied whole; ASCII is looked at byte
    // by byte, and only other characters are decoded.
    let bytes = s.as_bytes();
    let (mut plain, mut i) = (0, 0);
    while i < bytes.len() {
        let (len, replacement) = match bytes[i] {
            b'&' => (1, Some("&amp;")),
            b'<' => (1, Some("&lt;")),
            b'>' => (1, Some("&gt;")),
            b @ 0..0x80 => (1, (!is_allowed_char(char::from(b))).then_some("")),
            _ => {
                let c = s[i..].chars().next().unwrap_or_default();
                (c.len_utf8(), (!is_allowed_char(c)).then_some(""))
            }
        };
        if let Some(replacement) = replacement {
            out.push_str(&s[plain..i]);
            out.push_str(replacement);
            plain = i + len;
        }
        i += len;
    }
    out.push_str(&s[plain..]);
}

/// Appends `s` as the value of a double-quoted attribute: as [`push_text`], plus both
/// quotes, and tabs and line feeds as references (a parser would turn them into spaces).
pub fn push_attr(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            c => push_text(out, c.encode_utf8(&mut [0; 4])),
        }
    }
}

/// `s` escaped as character data.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_text(&mut out, s);
    out
}

/// `s` escaped as an attribute value.
pub fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_attr(&mut out, s);
    out
}

/// The XML declaration every file of the package starts with.
const DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

/// Writes one XML document. Element and attribute names are the caller's constants;
/// everything else is escaped. Elements are closed in order by [`XmlWriter::end`].
#[derive(Debug)]
pub struct XmlWriter {
    out: String,
    open: Vec<&'static str>,
}

impl XmlWriter {
    /// A document starting with the XML declaration and, when given, a doctype line.
    pub fn new(doctype: Option<&str>) -> XmlWriter {
        let mut out = String::from(DECLARATION);
        if let Some(d) = doctype {
            out.push_str(d);
            out.push('\n');
        }
        XmlWriter {
            out,
            open: Vec::new(),
        }
    }

    fn push_tag(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attrs {
            self.out.push(' ');
            self.out.push_str(key);
            self.out.push_str("=\"");
            push_attr(&mut self.out, value);
            self.out.push('"');
        }
    }

    /// Opens `<name attrs…>`.
    pub fn start(&mut self, name: &'static str, attrs: &[(&str, &str)]) {
        self.push_tag(name, attrs);
        self.out.push('>');
        self.open.push(name);
    }

    /// Closes the innermost open element.
    pub fn end(&mut self) {
        let name = self
            .open
            .pop()
            .expect("XmlWriter::end without an open element");
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
    }

    /// Writes `<name attrs…/>`.
    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.push_tag(name, attrs);
        self.out.push_str("/>");
    }

    /// Writes escaped character data.
    pub fn text(&mut self, s: &str) {
        push_text(&mut self.out, s);
    }

    /// Writes `<name attrs…>text</name>`.
    pub fn element(&mut self, name: &'static str, attrs: &[(&str, &str)], text: &str) {
        self.start(name, attrs);
        self.text(text);
        self.end();
    }

    /// A line break between block-level elements, for readable files. Never inside
    /// inline content, where it would be a space.
    pub fn newline(&mut self) {
        self.out.push('\n');
    }

    /// The finished document; every element must be closed.
    pub fn finish(mut self) -> String {
        assert!(
            self.open.is_empty(),
            "XmlWriter::finish with open elements: {:?}",
            self.open
        );
        if !self.out.ends_with('\n') {
            self.out.push('\n');
        }
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_escapes_markup_and_cdata_end() {
        assert_eq!(
            escape_text("a & b <script>]]>"),
            "a &amp; b &lt;script&gt;]]&gt;"
        );
        assert_eq!(escape_text("“Enríquez” ’s"), "“Enríquez” ’s");
    }

    #[test]
    fn attributes_escape_both_quotes_and_whitespace() {
        assert_eq!(
            escape_attr("say \"hi\" & 'bye'\t<x>\n"),
            "say &quot;hi&quot; &amp; &apos;bye&apos;&#9;&lt;x&gt;&#10;"
        );
    }

    #[test]
    fn forbidden_characters_are_dropped() {
        let hostile = "a\u{0}b\u{1}c\u{8}d\u{B}e\u{C}f\u{1F}g\u{7F}h\u{85}i\u{FEFF}j\u{FFFE}k\u{FFFF}l\u{1FFFF}m\rn";
        assert_eq!(escape_text(hostile), "abcdefghijklmn");
        assert_eq!(escape_text("tab\there\nline"), "tab\there\nline");
        assert_eq!(escape_text("astral 𝄞 ok"), "astral 𝄞 ok");
    }

    #[test]
    fn writer_balances_elements() {
        let mut w = XmlWriter::new(Some("<!DOCTYPE html>"));
        w.start("p", &[("id", "b1"), ("title", "a\"b")]);
        w.text("x < y");
        w.empty("br", &[]);
        w.element("em", &[], "&");
        w.end();
        assert_eq!(
            w.finish(),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n<p id=\"b1\" title=\"a&quot;b\">x &lt; y<br/><em>&amp;</em></p>\n"
        );
    }

    #[test]
    #[should_panic(expected = "open elements")]
    fn writer_refuses_unclosed_elements() {
        let mut w = XmlWriter::new(None);
        w.start("p", &[]);
        let _ = w.finish();
    }
}
