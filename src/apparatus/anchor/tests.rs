//! Unit tests of the anchor resolver.

use super::*;

const P1: &str = "The MIR was founded on 12 October 1965 in Santiago.";
const P2: &str = "In 1973 the “MIR” numbered 10,000 members – or so it said… The MIR grew.";

fn index() -> TextIndex {
    TextIndex::new(&[
        Passage {
            block: BlockId(1),
            text: P1,
        },
        Passage {
            block: BlockId(2),
            text: P2,
        },
    ])
}

fn q(quote: &str) -> Query<'_> {
    Query {
        quote,
        before: None,
        after: None,
    }
}

#[test]
fn exact_once() {
    let r = index().resolve(&q("founded on 12   October 1965")).unwrap();
    assert_eq!(r.block, BlockId(1));
    assert_eq!(&P1[r.range], "founded on 12 October 1965");
}

#[test]
fn typography_insensitive() {
    let r = index()
        .resolve(&q("\"MIR\" numbered 10,000 members - or so it said..."))
        .unwrap();
    assert_eq!(r.block, BlockId(2));
    assert_eq!(
        &P2[r.range],
        "“MIR” numbered 10,000 members – or so it said…"
    );
}

#[test]
fn no_match_shows_closest_but_never_attaches() {
    match index().resolve(&q("founded on 21 October 1965")) {
        Err(Failure::NoMatch { closest }) => {
            assert_eq!(closest[0].block, BlockId(1));
            assert!(closest[0].similarity > 0.9, "{closest:?}");
            assert!(closest[0].excerpt.contains("founded on 12 October 1965"));
        }
        other => panic!("{other:?}"),
    }
    match index().resolve(&q("entirely unrelated words about fishing")) {
        Err(Failure::NoMatch { closest }) => assert!(closest.is_empty(), "{closest:?}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn several_matches_then_context_chooses() {
    match index().resolve(&q("MIR")) {
        Err(Failure::Several { places }) => assert_eq!(places.len(), 3),
        other => panic!("{other:?}"),
    }
    let r = index()
        .resolve(&Query {
            quote: "MIR",
            before: Some("or so it said… The"),
            after: None,
        })
        .unwrap();
    assert_eq!(r.block, BlockId(2));
    assert_eq!(&P2[r.range.start..], "MIR grew.");
    let r = index()
        .resolve(&Query {
            quote: "MIR",
            before: None,
            after: Some("was founded"),
        })
        .unwrap();
    assert_eq!(r.block, BlockId(1));
}

#[test]
fn context_that_fits_nowhere_names_the_key() {
    match index().resolve(&Query {
        quote: "MIR",
        before: Some("the glorious"),
        after: None,
    }) {
        Err(Failure::Context { key, places }) => {
            assert_eq!(key, Key::Before);
            assert_eq!(places.len(), 3);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn whole_words_only() {
    assert!(matches!(
        index().resolve(&q("ounded on 12")),
        Err(Failure::NoMatch { .. })
    ));
    assert!(matches!(index().resolve(&q("  ")), Err(Failure::Empty)));
}

/// Every occurrence by a plain scan, the way the index must find them.
fn scanned(t: &str, quote: &str) -> Vec<usize> {
    (0..t.len())
        .filter(|&p| t.is_char_boundary(p) && t[p..].starts_with(quote))
        .collect()
}

#[test]
fn sorted_word_starts_find_what_a_scan_finds() {
    let long = "la ".repeat(40);
    let passages = [
        "El MIR, el MIR y el Mirador: Concepción, 1965.",
        "(entre paréntesis) y “comillas”; la la la la.",
        &long,
    ];
    let passages: Vec<Passage> = passages
        .iter()
        .enumerate()
        .map(|(i, text)| Passage {
            block: BlockId(i as u32 + 1),
            text,
        })
        .collect();
    let index = TextIndex::new(&passages);
    let quotes = [
        "mir",
        "el mir",
        "mirador",
        "concepcion",
        "la la",
        "la la la la la la la la la la la la la la la la la la la la la",
        "(entre",
        "comillas",
        "1965",
        "l",
        "y",
        "zzz",
    ];
    for quote in quotes {
        let quote = fold_query(quote);
        // A quotation that opens with a word can only match at a word start.
        let starts_word = quote.chars().next().is_some_and(is_word_char);
        let candidate = |&p: &usize| {
            !starts_word
                || !index.joined[..p]
                    .chars()
                    .next_back()
                    .is_some_and(is_word_char)
        };
        let expected: Vec<usize> = scanned(&index.joined, &quote)
            .into_iter()
            .filter(candidate)
            .collect();
        let found: Vec<usize> = index
            .occurrences(&quote)
            .into_iter()
            .filter(candidate)
            .collect();
        assert_eq!(found, expected, "{quote}");
    }
}

#[test]
fn word_starts_sort_as_their_whole_keys() {
    // Keys shorter than eight bytes at the end, keys that agree past eight bytes, the
    // block separator, accents and a repeat longer than the sort prefix.
    let long = "ab ".repeat(30);
    let t = format!("ab abc ab\0abd éa éb ab abcdefghij abcdefghik abcdefgh\0{long}ab");
    let naive = {
        let mut starts = word_starts(&t);
        starts.sort_by(|&a, &b| {
            sort_key(&t, a as usize)
                .cmp(sort_key(&t, b as usize))
                .then(a.cmp(&b))
        });
        starts
    };
    assert_eq!(sorted_word_starts(&t), naive);
}
