//! Capitalised sequences that look like personal names ("Clotario Blest"), for the name
//! index's coverage list in `edition check`: heuristics over the plain text, tuned to
//! keep titles, sentence openers and the names of bodies and places out.
//!
//! Must not know: the registries' files.

use std::collections::BTreeSet;
use std::ops::Range;

use super::glossary::Uncovered;
use super::names::IndexEntry;
use crate::config::MONTHS;
use crate::model::Volume;

/// Words that start sentences or stand before names without being part of them: titles,
/// articles, days (and the months, [`MONTHS`]). Leading ones are dropped from a candidate.
const LEADING: &[&str] = &[
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "As",
    "By",
    "For",
    "From",
    "To",
    "Of",
    "And",
    "But",
    "When",
    "After",
    "Before",
    "During",
    "Since",
    "While",
    "Then",
    "This",
    "That",
    "These",
    "Comrade",
    "Comrades",
    "Compañero",
    "Dr",
    "Doctor",
    "General",
    "Colonel",
    "Commander",
    "Lieutenant",
    "Captain",
    "Admiral",
    "President",
    "Senator",
    "Minister",
    "Father",
    "Don",
    "Mr",
    "Mrs",
    "Ms",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Chapter",
    "Because",
    "Against",
    "Both",
    "Air",
    "Force",
];

/// Whether `word` is dropped from the front of a candidate: a [`LEADING`] word or a month.
fn leading(word: &str) -> bool {
    LEADING.contains(&word) || MONTHS.contains(&word)
}

/// Words that make a capitalised sequence the name of a body, place or event rather than
/// of a person.
const NOT_PERSONAL: &[&str] = &[
    "Party",
    "Movement",
    "Front",
    "Union",
    "Army",
    "Armed",
    "Forces",
    "Revolutionary",
    "Popular",
    "Unity",
    "Chile",
    "Chilean",
    "Socialist",
    "Socialism",
    "Communist",
    "Christian",
    "Democratic",
    "Democrats",
    "National",
    "International",
    "University",
    "Street",
    "Theatre",
    "Theater",
    "States",
    "United",
    "Committee",
    "Government",
    "Congress",
    "Republic",
    "Left",
    "Workers",
    "Workers’",
    "Cordones",
    "Industriales",
    "Santiago",
    "Concepción",
    "Valparaíso",
    "America",
    "American",
    "Latin",
    "Cuba",
    "Cuban",
    "Soviet",
    "War",
    "Revolution",
    "Secretariat",
    "League",
    "Federation",
    "Central",
    "Council",
    "Assembly",
    "Junta",
    "Juntas",
    "Partido",
    "Movimiento",
    "Frente",
    "Unidad",
    "Fourth",
    "Third",
    "Second",
    "First",
    "Trotskyist",
    "Marxist",
    "Leninist",
    "Stalinist",
    "Wikipedia",
    "La",
    "El",
    "Los",
    "Las",
    "Law",
    "Code",
    "Reform",
    "Spring",
    "Wall",
    "Force",
    "Area",
    "Programme",
    "Program",
    "East",
    "West",
    "North",
    "South",
    "Southern",
    "New",
    "Operation",
    "Mountains",
    "Tendency",
    "Belts",
    "Cordons",
    "Cordón",
    "Cone",
    "Commands",
    "Comandos",
    "Comunales",
    "Aires",
    "Zealand",
    "Africa",
    "May",
    "Libertad",
    "Patria",
];

/// Lower-case words allowed between the capitalised words of a name.
const PARTICLES: &[&str] = &[
    "de", "del", "la", "las", "los", "y", "van", "von", "da", "dos",
];

/// Sequences of two or more capitalised words that look like personal names.
pub fn name_candidates(s: &str) -> Vec<Range<usize>> {
    // Words: runs of letters, inner apostrophes and hyphens.
    let mut words: Vec<Range<usize>> = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        let inner = (c == '-' || c == '’' || c == '\'') && start.is_some();
        if c.is_alphabetic() || inner {
            start.get_or_insert(i);
        } else if let Some(st) = start.take() {
            let w = s[st..i].trim_end_matches(['-', '’', '\'']);
            words.push(st..st + w.len());
        }
    }
    let capitalised = |w: &str| {
        let mut cs = w.chars();
        cs.next().is_some_and(char::is_uppercase) && cs.any(char::is_lowercase)
    };
    let adjacent = |a: &Range<usize>, b: &Range<usize>| s[a.end..b.start] == *" ";
    let mut out = Vec::new();
    let mut k = 0;
    while k < words.len() {
        if !capitalised(&s[words[k].clone()]) {
            k += 1;
            continue;
        }
        let mut run = vec![k];
        let mut e = k + 1;
        while e < words.len() && adjacent(&words[e - 1], &words[e]) {
            let w = &s[words[e].clone()];
            if capitalised(w) || PARTICLES.contains(&w) {
                run.push(e);
                e += 1;
            } else {
                break;
            }
        }
        k = e;
        let strip = |w: &str| w.trim_end_matches("’s").trim_end_matches("'s").to_string();
        let mut run: Vec<usize> = run
            .into_iter()
            .skip_while(|&i| leading(&strip(&s[words[i].clone()])))
            .collect();
        while run
            .last()
            .is_some_and(|&i| PARTICLES.contains(&&s[words[i].clone()]))
        {
            run.pop();
        }
        let caps = run
            .iter()
            .filter(|&&i| capitalised(&s[words[i].clone()]))
            .count();
        let personal = run
            .iter()
            .all(|&i| !NOT_PERSONAL.contains(&strip(&s[words[i].clone()]).as_str()));
        if caps >= 2 && personal {
            let (first, last) = (words[run[0]].clone(), words[*run.last().unwrap()].clone());
            let last_word = strip(&s[last.clone()]);
            out.push(first.start..last.start + last_word.len());
        }
    }
    out
}

/// Name-like sequences no index occurrence overlaps, most frequent first.
/// `ignore`: sequences the editor declared not to be personal names.
pub fn uncovered(
    volume: &Volume,
    index: &[IndexEntry],
    ignore: &BTreeSet<String>,
) -> Vec<Uncovered> {
    let occurrences = index.iter().flat_map(|e| &e.occurrences);
    super::coverage::uncovered(volume, occurrences, ignore, name_candidates)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_like_sequences() {
        let s = "In 1967 Miguel Enríquez met Dr. Enrique Sepúlveda and Marcello Ferrada de Noli of the Socialist Party; General Augusto Pinochet’s coup. The Cordones Industriales.";
        let found: Vec<&str> = name_candidates(s).into_iter().map(|r| &s[r]).collect();
        assert_eq!(
            found,
            [
                "Miguel Enríquez",
                "Enrique Sepúlveda",
                "Marcello Ferrada de Noli",
                "Augusto Pinochet"
            ]
        );
    }
}
