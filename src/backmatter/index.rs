//! The index of names as a part of the back matter: the headings of names.toml that the
//! texts mention, with every mention as a locator, and "see" cross-references — the
//! explicit `[[see]]` entries and those generated from variants that a reader would look
//! up elsewhere ("Allende, Andrés Pascal, see Pascal Allende, Andrés") — filed together
//! word by word with the surname ending at the comma (Chicago 16.61: "Allende, Andrés"
//! before "Allende Gossens, Salvador"), in Spanish collation, and grouped by letter.
//!
//! Must not know: XHTML, fonts, pages.

use std::cmp::Ordering;

use icu_collator::Collator;
use icu_collator::options::CollatorOptions;
use icu_locale_core::locale;

use super::Locator;
use super::letters::{Primary, filing_letter};
use crate::apparatus::{IndexEntry, SeeRef};

/// The index part.
#[derive(Debug, Clone)]
pub struct IndexPart {
    pub groups: Vec<LetterGroup>,
}

/// The items filed under one letter.
#[derive(Debug, Clone)]
pub struct LetterGroup {
    pub letter: String,
    pub items: Vec<IndexItem>,
}

#[derive(Debug, Clone)]
pub enum IndexItem {
    Heading(IndexHeading),
    See(SeeItem),
}

/// A person with the places that mention them.
#[derive(Debug, Clone)]
pub struct IndexHeading {
    /// Position among the headings, in index order: the stable key (ids, links).
    pub key: usize,
    pub heading: String,
    pub about: Option<String>,
    /// Every mention, in reading order.
    pub locators: Vec<Locator>,
}

/// "`from`, see `to`": a form sent to one or more headings (by heading and key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeeItem {
    pub from: String,
    pub to: Vec<(String, usize)>,
}

impl IndexPart {
    /// Every heading, in index order.
    pub fn headings(&self) -> impl Iterator<Item = &IndexHeading> {
        self.groups
            .iter()
            .flat_map(|g| &g.items)
            .filter_map(|i| match i {
                IndexItem::Heading(h) => Some(h),
                IndexItem::See(_) => None,
            })
    }
}

/// The index of the mentioned persons of `entries` with the cross-references `see` and
/// those of the variants; `None` when no person is mentioned.
pub fn part(entries: &[IndexEntry], see: &[SeeRef]) -> Option<IndexPart> {
    let primary = Primary::new();
    let used: Vec<&IndexEntry> = entries
        .iter()
        .filter(|e| !e.occurrences.is_empty())
        .collect();
    if used.is_empty() {
        return None;
    }
    let headings: Vec<&str> = used.iter().map(|e| e.heading.as_str()).collect();
    // (form, target heading), explicit ones first so that they win over generated ones.
    let mut refs: Vec<(String, &str)> = see
        .iter()
        .filter(|s| headings.contains(&s.to.as_str()))
        .map(|s| (s.from.clone(), s.to.as_str()))
        .collect();
    let filed = Filed::new(&primary, &headings);
    for e in &used {
        for v in &e.variants {
            if let Some(form) = generated_see(&primary, &e.heading, v, &filed) {
                refs.push((form, &e.heading));
            }
        }
    }
    let mut see: Vec<(String, Vec<&str>)> = Vec::new();
    for (form, to) in refs {
        match see.iter_mut().find(|(f, _)| primary.same(f, &form)) {
            Some((_, targets)) if !targets.contains(&to) => targets.push(to),
            Some(_) => {}
            None => see.push((form, vec![to])),
        }
    }
    // Headings and cross-references are filed together.
    let mut keys: Vec<&str> = headings.clone();
    keys.extend(see.iter().map(|(f, _)| f.as_str()));
    let order = filing_order(&primary, &keys);
    let key_of = |heading: &str| {
        order
            .iter()
            .filter(|&&k| k < headings.len())
            .position(|&k| headings[k] == heading)
            .unwrap_or(0)
    };
    let mut groups: Vec<LetterGroup> = Vec::new();
    let mut next_key = 0;
    for &k in &order {
        let (label, item) = if k < headings.len() {
            let e = used[k];
            let item = IndexItem::Heading(IndexHeading {
                key: next_key,
                heading: e.heading.clone(),
                about: e.about.clone(),
                locators: e.occurrences.clone(),
            });
            next_key += 1;
            (e.heading.as_str(), item)
        } else {
            let (from, to) = &see[k - headings.len()];
            let to = to.iter().map(|t| (t.to_string(), key_of(t))).collect();
            let item = IndexItem::See(SeeItem {
                from: from.clone(),
                to,
            });
            (from.as_str(), item)
        };
        let letter = filing_letter(label);
        match groups.last_mut() {
            Some(g) if g.letter == letter => g.items.push(item),
            _ => groups.push(LetterGroup {
                letter,
                items: vec![item],
            }),
        }
    }
    Some(IndexPart { groups })
}

/// The indices of `headings` in filing order: the part before the first comma (the
/// surname, or the whole of a heading without one) first, word by word (a space files
/// before any letter), then the rest; on base letters first (Spanish: ñ after n), then
/// with accents and case to break ties, and bytes last, so that the order is total.
fn filing_order(primary: &Primary, headings: &[&str]) -> Vec<usize> {
    let parts: Vec<(&str, &str)> = headings
        .iter()
        .map(|h| {
            h.split_once(',')
                .map_or((h.trim(), ""), |(a, b)| (a.trim(), b.trim()))
        })
        .collect();
    let full = Collator::try_new(locale!("es").into(), CollatorOptions::default()).ok();
    let ties = |a: &str, b: &str| full.as_ref().map_or(Ordering::Equal, |c| c.compare(a, b));
    let mut order: Vec<usize> = (0..headings.len()).collect();
    order.sort_by(|&a, &b| {
        let ((s, r), (t, q)) = (parts[a], parts[b]);
        primary
            .compare(s, t)
            .then_with(|| primary.compare(r, q))
            .then_with(|| ties(s, t))
            .then_with(|| ties(r, q))
            .then_with(|| headings[a].cmp(headings[b]))
    });
    order
}

/// The form under which a reader might look up `variant` of the person filed as
/// `heading`, when it would be filed elsewhere: a surname-only form as it is ("Viriato"),
/// a full name inverted on its last word ("Andrés Pascal Allende" → "Allende, Andrés
/// Pascal"). `None` when that form files beside the heading (same first word, ignoring
/// accents and case) or is a heading of its own.
pub fn generated_see(
    primary: &Primary,
    heading: &str,
    variant: &str,
    headings: &Filed,
) -> Option<String> {
    let words: Vec<&str> = variant.split_whitespace().collect();
    let surname = heading.split(',').next().unwrap_or(heading);
    let surname_words: Vec<&str> = surname.split_whitespace().collect();
    let in_surname = |w: &&str| surname_words.iter().any(|s| primary.same(s, w));
    let form = match words.as_slice() {
        [] => return None,
        [_] => variant.trim().to_string(),
        _ if words.iter().all(in_surname) => words.join(" "),
        [rest @ .., last] => format!("{last}, {}", rest.join(" ")),
    };
    let first_word = |s: &str| {
        s.split([',', ' '])
            .find(|w| !w.is_empty())
            .unwrap_or("")
            .to_string()
    };
    let files_beside = primary.same(&first_word(&form), &first_word(heading));
    (!files_beside && !headings.contains(primary, &form)).then_some(form)
}

/// The index's headings in filing order, searched by halves: every variant of every
/// person asks whether its inverted form is a heading, and a scan of all headings per
/// variant made that check grow with the square of the index (a tenth of the back
/// matter's time on this volume).
pub struct Filed<'a> {
    sorted: Vec<&'a str>,
}

impl<'a> Filed<'a> {
    pub fn new(primary: &Primary, headings: &[&'a str]) -> Filed<'a> {
        let mut sorted = headings.to_vec();
        sorted.sort_by(|a, b| primary.compare(a, b));
        Filed { sorted }
    }

    /// Whether `form` files as one of the headings (accents and case aside).
    pub fn contains(&self, primary: &Primary, form: &str) -> bool {
        self.sorted
            .binary_search_by(|h| primary.compare(h, form))
            .is_ok()
    }
}

impl LetterGroup {
    /// The letter in ASCII for ids and file names ("N" and "N-tilde" for Ñ).
    pub fn letter_slug(&self) -> String {
        match self.letter.as_str() {
            "Ñ" => "N-tilde".to_string(),
            "#" => "other".to_string(),
            l => {
                let ascii: String = l.chars().filter(char::is_ascii_alphanumeric).collect();
                match l.chars().next() {
                    Some(c) if ascii.is_empty() => format!("u{:04X}", c as u32),
                    _ => ascii,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_surname_ends_at_the_comma() {
        let h = [
            "Allende Gossens, Salvador",
            "Allende, Salvador",
            "Allende, Andrés",
            "Allendes, Ana",
            "Álvarez, Beatriz",
            "Allende",
            "San Martín, José",
            "Sanhueza, Luis",
            "Ñuñez, José",
            "Nuñez, Pedro",
            "Núñez, Ana",
        ];
        let filed: Vec<&str> = filing_order(&Primary::new(), &h)
            .into_iter()
            .map(|k| h[k])
            .collect();
        assert_eq!(
            filed,
            [
                "Allende",
                "Allende, Andrés",
                "Allende, Salvador",
                "Allende Gossens, Salvador",
                "Allendes, Ana",
                "Álvarez, Beatriz",
                // Accents only break ties; ñ is a letter of its own, after n.
                "Núñez, Ana",
                "Nuñez, Pedro",
                "Ñuñez, José",
                "San Martín, José",
                "Sanhueza, Luis",
            ]
        );
    }

    #[test]
    fn see_forms_of_variants() {
        let p = Primary::new();
        let h = [
            "Pascal Allende, Andrés",
            "Allende, Salvador",
            "Enríquez, Miguel",
        ];
        let filed = Filed::new(&p, &h);
        let see = |heading, v| generated_see(&p, heading, v, &filed);
        let pascal = "Pascal Allende, Andrés";
        assert_eq!(
            see(pascal, "Andrés Pascal Allende").as_deref(),
            Some("Allende, Andrés Pascal")
        );
        assert_eq!(see(pascal, "Pascal Allende"), None);
        assert_eq!(see(pascal, "Andrés Pascal"), None);
        assert_eq!(see("Allende, Salvador", "Salvador Allende"), None);
        assert_eq!(see("Enríquez, Miguel", "Miguel Enriquez"), None);
        assert_eq!(see("Enríquez, Miguel", "Enriquez"), None);
        assert_eq!(
            see("Enríquez, Miguel", "Viriato").as_deref(),
            Some("Viriato")
        );
        // A form that is a heading of its own sends nobody anywhere.
        assert_eq!(see("Allende Gossens, Salvador", "Salvador Allende"), None);
    }
}
