//! Puts a finished PDF's pages back in reading order when they were drawn in another:
//! krilla numbers pages in the order they are drawn, and the front matter (whose contents
//! needs every other page's number) is drawn last. Its page tree and page labels are
//! arrays with one entry per page, each an object reference, so rotating them keeps the
//! file's length and every object's offset: the cross-reference table stays valid.
//! Everything else (outline, links) points at page objects, not at positions.
//!
//! Must not know: how the pages were typeset. Reads only the objects it edits, found
//! through the trailer and the cross-reference table.

use std::ops::Range;

/// Rotates the pages of `pdf` left by `by`: the page drawn at `by` becomes the first, and
/// the pages drawn before it follow the rest. Fails, leaving `pdf` as it was, on a file
/// whose page tree or page labels do not have the expected shape (one flat `/Kids`
/// array; a `/Nums` array with one entry per page, keyed 0, 1, 2…).
pub fn rotate_pages(pdf: &mut [u8], by: usize) -> Result<(), String> {
    let objects = Xref::read(pdf)?;
    let root = ref_after(objects.trailer(pdf)?, b"/Root")?;
    let catalog = objects.object(pdf, root)?;
    let tree = ref_after(&pdf[catalog.clone()], b"/Pages")?;
    let labels = ref_after(&pdf[catalog.clone()], b"/PageLabels").ok();
    let kids = array_after(pdf, objects.object(pdf, tree)?, b"/Kids")?;
    let refs = parse_refs(&pdf[kids.clone()])?;
    if by > refs.len() {
        return Err(format!("cannot rotate {} pages by {by}", refs.len()));
    }
    let mut edits = vec![(kids, join(refs.iter().cycle().skip(by).take(refs.len())))];
    if let Some(labels) = labels {
        let nums = array_after(pdf, objects.object(pdf, labels)?, b"/Nums")?;
        let tokens = parse_refs_keyed(&pdf[nums.clone()])?;
        if tokens.len() != refs.len() || tokens.iter().enumerate().any(|(i, (k, _))| *k != i) {
            return Err("the page labels are not one per page".to_string());
        }
        let rotated = tokens
            .iter()
            .map(|(_, v)| v)
            .cycle()
            .skip(by)
            .take(tokens.len());
        let mut out = Vec::with_capacity(nums.len());
        for (i, value) in rotated.enumerate() {
            if i > 0 {
                out.push(b' ');
            }
            out.extend_from_slice(i.to_string().as_bytes());
            out.push(b' ');
            out.extend_from_slice(value);
        }
        edits.push((nums, out));
    }
    for (range, bytes) in &edits {
        if bytes.len() != range.len() {
            return Err("a rotated array would change the file's length".to_string());
        }
    }
    for (range, bytes) in edits {
        pdf[range].copy_from_slice(&bytes);
    }
    Ok(())
}

/// The cross-reference table of a classic (not stream) xref section.
struct Xref {
    /// Byte offset of each object's entry's line.
    table: usize,
    size: usize,
    trailer: usize,
}

/// Bytes of one entry of the table: `oooooooooo ggggg n` and a two-byte end of line.
const XREF_ENTRY: usize = 20;

impl Xref {
    fn read(pdf: &[u8]) -> Result<Xref, String> {
        let start = rfind(pdf, b"startxref").ok_or("no startxref")?;
        let offset = number_at(pdf, skip_space(pdf, start + b"startxref".len()))?.0;
        let rest = pdf.get(offset..).ok_or("startxref points past the end")?;
        if !rest.starts_with(b"xref") {
            return Err("no classic cross-reference table at startxref".to_string());
        }
        let (first, at) = number_at(pdf, skip_space(pdf, offset + 4))?;
        let (size, at) = number_at(pdf, skip_space(pdf, at))?;
        if first != 0 {
            return Err("a cross-reference table in several sections".to_string());
        }
        let table = skip_space(pdf, at);
        let trailer = table + size * XREF_ENTRY;
        if !pdf
            .get(trailer..)
            .is_some_and(|t| t.starts_with(b"trailer"))
        {
            return Err("the cross-reference table is not followed by the trailer".to_string());
        }
        Ok(Xref {
            table,
            size,
            trailer,
        })
    }

    fn trailer<'p>(&self, pdf: &'p [u8]) -> Result<&'p [u8], String> {
        let end = find(&pdf[self.trailer..], b"startxref").ok_or("no end of trailer")?;
        Ok(&pdf[self.trailer..self.trailer + end])
    }

    /// The bytes of object `id`, from its `obj` keyword to its `endobj`.
    fn object(&self, pdf: &[u8], id: usize) -> Result<Range<usize>, String> {
        if id >= self.size {
            return Err(format!("object {id} is not in the table"));
        }
        let entry = self.table + id * XREF_ENTRY;
        let offset = number_at(pdf, entry)?.0;
        let header = format!("{id} 0 obj");
        if !pdf
            .get(offset..)
            .is_some_and(|o| o.starts_with(header.as_bytes()))
        {
            return Err(format!("object {id} is not where the table says"));
        }
        let end = find(&pdf[offset..], b"endobj").ok_or("an object without endobj")?;
        Ok(offset..offset + end)
    }
}

/// The object number of the reference after `key` (`/Pages 1 0 R`).
fn ref_after(dict: &[u8], key: &[u8]) -> Result<usize, String> {
    let at = find_key(dict, key).ok_or_else(|| {
        format!(
            "no {} where expected",
            String::from_utf8_lossy(key).trim_start_matches('/')
        )
    })?;
    Ok(number_at(dict, skip_space(dict, at + key.len()))?.0)
}

/// The inside of the array after `key` in the object `object` of `pdf` (between `[`
/// and `]`).
fn array_after(pdf: &[u8], object: Range<usize>, key: &[u8]) -> Result<Range<usize>, String> {
    let dict = &pdf[object.clone()];
    let at = find_key(dict, key).ok_or("no array where expected")?;
    let open = skip_space(dict, at + key.len());
    if dict.get(open) != Some(&b'[') {
        return Err("the array is not written in place".to_string());
    }
    let close = dict[open..]
        .iter()
        .position(|&b| b == b']')
        .ok_or("an unclosed array")?;
    Ok(object.start + open + 1..object.start + open + close)
}

/// `key` as a whole name (not the start of a longer one: `/Pages` is not `/PageLabels`).
fn find_key(dict: &[u8], key: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = find(&dict[from..], key) {
        let at = from + at;
        let next = dict.get(at + key.len()).copied();
        if !next.is_some_and(|b| b.is_ascii_alphanumeric()) {
            return Some(at);
        }
        from = at + key.len();
    }
    None
}

/// The references `n g R` of an array's inside, each as its bytes; the inside must be
/// exactly those, single-spaced (so that writing them back keeps its length).
fn parse_refs(inside: &[u8]) -> Result<Vec<Vec<u8>>, String> {
    let words: Vec<&[u8]> = inside.split(|&b| b == b' ').collect();
    let mut out = Vec::new();
    for triple in words.chunks(3) {
        match triple {
            [n, g, b"R"] if is_number(n) && is_number(g) => out.push(triple.join(&b' ')),
            _ => return Err("an array that is not of single-spaced references".to_string()),
        }
    }
    Ok(out)
}

/// The `key n g R` pairs of a number tree's `/Nums` array, single-spaced.
fn parse_refs_keyed(inside: &[u8]) -> Result<Vec<(usize, Vec<u8>)>, String> {
    let words: Vec<&[u8]> = inside.split(|&b| b == b' ').collect();
    let mut out = Vec::new();
    for quad in words.chunks(4) {
        let [key, reference @ ..] = quad else {
            unreachable!("chunks are never empty")
        };
        let key = std::str::from_utf8(key).ok().and_then(|k| k.parse().ok());
        match (key, reference) {
            (Some(key), [n, g, b"R"]) if is_number(n) && is_number(g) => {
                out.push((key, reference.join(&b' ')));
            }
            _ => return Err("a /Nums array that is not of keyed references".to_string()),
        }
    }
    Ok(out)
}

fn join<'a>(items: impl Iterator<Item = &'a Vec<u8>>) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push(b' ');
        }
        out.extend_from_slice(item);
    }
    out
}

fn is_number(word: &[u8]) -> bool {
    !word.is_empty() && word.iter().all(u8::is_ascii_digit)
}

/// The decimal number starting at `at`, and the offset after it.
fn number_at(bytes: &[u8], at: usize) -> Result<(usize, usize), String> {
    let digits = bytes
        .get(at..)
        .map_or(0, |b| b.iter().take_while(|c| c.is_ascii_digit()).count());
    std::str::from_utf8(&bytes[at..at + digits])
        .ok()
        .and_then(|d| d.parse().ok())
        .map(|n| (n, at + digits))
        .ok_or_else(|| format!("no number at byte {at}"))
}

fn skip_space(bytes: &[u8], mut at: usize) -> usize {
    while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
        at += 1;
    }
    at
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PDF as krilla writes it: page tree, labels, a trailer and its table.
    fn pdf(pages: usize) -> Vec<u8> {
        let mut doc = krilla::Document::new();
        for i in 0..pages {
            let style = if i < 2 {
                krilla::page::NumberingStyle::LowerRoman
            } else {
                krilla::page::NumberingStyle::Arabic
            };
            let label = krilla::page::PageLabel::new(
                Some(style),
                None,
                std::num::NonZeroU32::new(i as u32 + 1),
            );
            let size = krilla::geom::Size::from_wh(100.0 + i as f32, 100.0).unwrap();
            let settings = krilla::page::PageSettings::new(size).with_page_label(label);
            doc.start_page_with(settings).finish();
        }
        doc.finish().unwrap()
    }

    fn kids(pdf: &[u8]) -> Vec<Vec<u8>> {
        let x = Xref::read(pdf).unwrap();
        let root = ref_after(x.trailer(pdf).unwrap(), b"/Root").unwrap();
        let cat = x.object(pdf, root).unwrap();
        let tree = ref_after(&pdf[cat], b"/Pages").unwrap();
        let kids = array_after(pdf, x.object(pdf, tree).unwrap(), b"/Kids").unwrap();
        parse_refs(&pdf[kids]).unwrap()
    }

    #[test]
    fn rotation_moves_the_last_pages_first_and_keeps_the_length() {
        let original = pdf(12);
        let mut rotated = original.clone();
        rotate_pages(&mut rotated, 9).unwrap();
        assert_eq!(rotated.len(), original.len());
        let (before, after) = (kids(&original), kids(&rotated));
        assert_eq!(after[..3], before[9..]);
        assert_eq!(after[3..], before[..9]);
        // Rotating back gives the original file.
        rotate_pages(&mut rotated, 3).unwrap();
        assert_eq!(rotated, original);
    }

    #[test]
    fn a_file_of_another_shape_is_refused_untouched() {
        let mut broken = pdf(3);
        let at = rfind(&broken, b"startxref").unwrap();
        broken.truncate(at);
        let copy = broken.clone();
        assert!(rotate_pages(&mut broken, 1).is_err());
        assert_eq!(broken, copy);
        let mut garbage = b"%PDF-1.7 nothing else".to_vec();
        assert!(rotate_pages(&mut garbage, 1).is_err());
    }
}
