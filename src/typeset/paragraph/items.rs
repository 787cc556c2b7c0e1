//! Stage 2 of a paragraph: shape the collected pieces word by word (through the cache)
//! and turn them into boxes, glue and penalties for the line breaker, with a parallel list
//! of what each item draws.

use std::ops::Range;

use super::collect::Piece;
use super::hyphenate::{Hyphenation, break_points};
use super::knuth_plass::{FILL, INFINITE, Item};
use super::tokens::{Segment, Token, tokenize, word_language};
use crate::model::NoteId;
use crate::typeset::fonts::Style;
use crate::typeset::shape::{Shaped, Shaper, Variant};

/// Cost of a break at a hyphenation point or an explicit hyphen: twice TeX's
/// `\hyphenpenalty` of 50, so a paragraph takes a slightly looser line rather than
/// another hyphen (measured on the volume: 554 hyphenated lines instead of 591).
const HYPHEN_COST: f32 = 100.0;
/// Cost of a break inside a long capitalised word (a name of a body, a foreign word):
/// five times a common word's, so it is taken only to spare a very loose line.
const CAPITALIZED_HYPHEN_COST: f32 = 500.0;
/// Cost of a break after a dash: as after a hyphen.
const DASH_COST: f32 = 50.0;
/// Cost of a break after a slash (long URLs): only when nothing better exists.
const SLASH_COST: f32 = 200.0;
/// Interword glue is the space of the font, stretching by a half and shrinking by a third
/// of it (the proportions of Computer Modern's and of most book typesetting).
const SPACE_STRETCH: f32 = 0.5;
const SPACE_SHRINK: f32 = 1.0 / 3.0;
/// Note calls are superior figures; without real ones, figures at this fraction of the
/// size, raised by `FAKE_SUPERIOR_RISE` of the size.
const FAKE_SUPERIOR_SCALE: f32 = 0.62;
const FAKE_SUPERIOR_RISE: f32 = 0.36;

/// Unicode superior figures: the text layer of a note call, so that extracted text reads
/// `word³` as printed and not `word3`.
const SUPERIOR_DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

/// A run of glyphs of one shaped string.
#[derive(Debug, Clone)]
pub struct Frag {
    pub shaped: std::sync::Arc<Shaped>,
    pub glyphs: Range<usize>,
    pub size: f32,
    /// Baseline shift upwards, in points.
    pub rise: f32,
    /// Byte offset of `shaped.text` in the block's plain text (`None` for generated text).
    pub offset: Option<usize>,
    /// Set on a note call: the note, and the text layer replaced by superior figures.
    pub note: Option<NoteId>,
}

impl Frag {
    pub fn width(&self) -> f32 {
        self.shaped.width(self.glyphs.clone()) * self.size
    }
}

/// What an item draws.
#[derive(Debug, Clone)]
pub enum Content {
    Frag(Frag),
    /// An interword space: drawn as the space glyph of the style, its advance justified.
    Space(Frag),
    /// A hyphen drawn only when the line breaks here.
    Hyphen(Frag),
    Nothing,
}

/// The settings of one paragraph.
#[derive(Debug, Clone)]
pub struct ParaSpec {
    pub size: f32,
    /// Width of the first-line indent (0 for none).
    pub indent: f32,
    pub hyphenation: Option<Hyphenation>,
}

/// Items and their contents, index for index, and what could not be set.
#[derive(Debug)]
pub struct Prepared {
    pub items: Vec<Item>,
    pub contents: Vec<Content>,
    /// Characters without a glyph in the face.
    pub missing: Vec<char>,
}

/// Items made per token, room for which is made at once: a word's box and a space's
/// glue are one each, and a word broken at a hyphenation point adds a penalty and a box
/// (about one word in four in this volume's prose); with room for two per token a
/// paragraph's vectors seldom grow (grown a push at a time, they took about 2% of the
/// typesetting's instructions under callgrind).
const ITEMS_PER_TOKEN: usize = 2;
/// Items besides the tokens': the indent and the three that end the paragraph.
const ITEMS_AROUND: usize = 4;

impl Prepared {
    fn with_capacity(items: usize) -> Prepared {
        Prepared {
            items: Vec::with_capacity(items),
            contents: Vec::with_capacity(items),
            missing: Vec::new(),
        }
    }

    fn push(&mut self, item: Item, content: Content) {
        self.items.push(item);
        self.contents.push(content);
    }
}

/// Builds the items of one paragraph.
pub fn prepare(pieces: &[Piece], spec: &ParaSpec, shaper: &mut Shaper) -> Prepared {
    let tokens = tokenize(pieces);
    let mut out = Prepared::with_capacity(ITEMS_PER_TOKEN * tokens.len() + ITEMS_AROUND);
    if spec.indent > 0.0 {
        out.push(Item::Box { width: spec.indent }, Content::Nothing);
    }
    let last_word = tokens.iter().rposition(|t| matches!(t, Token::Word(_)));
    for (ti, token) in tokens.iter().enumerate() {
        match token {
            Token::Word(segments) => {
                let hyphenation = if Some(ti) == last_word {
                    None
                } else {
                    spec.hyphenation.as_ref()
                };
                push_word(&mut out, segments, spec.size, hyphenation, shaper);
            }
            Token::Space(style) => {
                let space = shaper.shape(" ", *style, Variant::Normal);
                let frag = Frag {
                    glyphs: 0..space.glyphs.len(),
                    shaped: space,
                    size: spec.size,
                    rise: 0.0,
                    offset: None,
                    note: None,
                };
                let width = frag.width();
                // A line must not end in a hyphen that is punctuation ("from here- where"):
                // readers and text extraction would take it for a broken word and join the
                // two. The space after such a word does not break.
                if ti > 0
                    && matches!(&tokens[ti - 1], Token::Word(segs) if segs.last().is_some_and(|s| s.text.ends_with(['-', '\u{2010}'])))
                {
                    out.push(
                        Item::Penalty {
                            width: 0.0,
                            cost: INFINITE,
                            flagged: false,
                        },
                        Content::Nothing,
                    );
                }
                out.push(
                    Item::Glue {
                        width,
                        stretch: width * SPACE_STRETCH,
                        shrink: width * SPACE_SHRINK,
                    },
                    Content::Space(frag),
                );
            }
            Token::Call(note, number, style) => {
                push_call(&mut out, *note, *number, *style, spec.size, shaper)
            }
            Token::Break => {
                out.push(
                    Item::Glue {
                        width: 0.0,
                        stretch: FILL,
                        shrink: 0.0,
                    },
                    Content::Nothing,
                );
                out.push(
                    Item::Penalty {
                        width: 0.0,
                        cost: -INFINITE,
                        flagged: false,
                    },
                    Content::Nothing,
                );
            }
        }
    }
    out.push(
        Item::Penalty {
            width: 0.0,
            cost: INFINITE,
            flagged: false,
        },
        Content::Nothing,
    );
    out.push(
        Item::Glue {
            width: 0.0,
            stretch: FILL,
            shrink: 0.0,
        },
        Content::Nothing,
    );
    out.push(
        Item::Penalty {
            width: 0.0,
            cost: -INFINITE,
            flagged: false,
        },
        Content::Nothing,
    );
    out
}

/// Shapes and hyphenates the words of a paragraph as [`prepare`] does, into the caches
/// of `shaper` and of the hyphenation of `spec`, and builds nothing (a warm-up).
pub fn warm(pieces: &[Piece], spec: &ParaSpec, shaper: &mut Shaper) {
    let tokens = tokenize(pieces);
    let last_word = tokens.iter().rposition(|t| matches!(t, Token::Word(_)));
    for (ti, token) in tokens.iter().enumerate() {
        let Token::Word(segments) = token else {
            continue;
        };
        if let Some(h) = spec.hyphenation.as_ref().filter(|_| Some(ti) != last_word) {
            h.break_points_in(&word_text(segments), word_language(segments));
        }
        for seg in segments {
            shaper.shape(seg.text, seg.style, Variant::Normal);
        }
    }
}

/// The text of a word of `segments`, borrowed when it is one segment.
fn word_text<'a>(segments: &[Segment<'a>]) -> std::borrow::Cow<'a, str> {
    match segments {
        [one] => one.text.into(),
        _ => segments.iter().map(|s| s.text).collect::<String>().into(),
    }
}

fn push_word(
    out: &mut Prepared,
    segments: &[Segment],
    size: f32,
    hyph: Option<&Hyphenation>,
    shaper: &mut Shaper,
) {
    let word = word_text(segments);
    let points = match hyph {
        Some(h) => h.break_points_in(&word, word_language(segments)),
        None => break_points(&word, None).into(),
    };
    let mut seg_start = 0;
    for seg in segments {
        let shaped = shaper.shape(seg.text, seg.style, Variant::Normal);
        out.missing.extend(shaped.missing.iter().copied());
        let mut from = 0;
        for point in points
            .iter()
            .filter(|p| p.at > seg_start && p.at < seg_start + seg.text.len())
        {
            let local = (point.at - seg_start) as u32;
            // Cut only where a glyph starts exactly there (never inside a ligature).
            let Some(cut) = shaped.glyphs.iter().position(|g| g.cluster == local) else {
                continue;
            };
            if cut <= from {
                continue;
            }
            let frag = Frag {
                shaped: shaped.clone(),
                glyphs: from..cut,
                size,
                rise: 0.0,
                offset: Some(seg.offset),
                note: None,
            };
            out.push(
                Item::Box {
                    width: frag.width(),
                },
                Content::Frag(frag),
            );
            if point.hyphen {
                let hyphen = shaper.shape("-", seg.style, Variant::Normal);
                let frag = Frag {
                    shaped: hyphen,
                    glyphs: 0..1,
                    size,
                    rise: 0.0,
                    offset: None,
                    note: None,
                };
                out.push(
                    Item::Penalty {
                        width: frag.width(),
                        cost: if point.capitalized {
                            CAPITALIZED_HYPHEN_COST
                        } else {
                            HYPHEN_COST
                        },
                        flagged: true,
                    },
                    Content::Hyphen(frag),
                );
            } else {
                let cost = match word[..point.at].chars().next_back() {
                    Some('/') => SLASH_COST,
                    Some('-') => HYPHEN_COST,
                    _ => DASH_COST,
                };
                let flagged = word[..point.at].ends_with('-');
                out.push(
                    Item::Penalty {
                        width: 0.0,
                        cost,
                        flagged,
                    },
                    Content::Nothing,
                );
            }
            from = cut;
        }
        let frag = Frag {
            shaped: shaped.clone(),
            glyphs: from..shaped.glyphs.len(),
            size,
            rise: 0.0,
            offset: Some(seg.offset),
            note: None,
        };
        out.push(
            Item::Box {
                width: frag.width(),
            },
            Content::Frag(frag),
        );
        seg_start += seg.text.len();
    }
}

fn push_call(
    out: &mut Prepared,
    note: NoteId,
    number: u32,
    style: Style,
    size: f32,
    shaper: &mut Shaper,
) {
    let digits = number.to_string();
    let real = shaper.has_real(style, Variant::Superior);
    let shaped = shaper.shape(&digits, style, Variant::Superior);
    let (size, rise) = if real {
        (size, 0.0)
    } else {
        (size * FAKE_SUPERIOR_SCALE, size * FAKE_SUPERIOR_RISE)
    };
    let frag = Frag {
        glyphs: 0..shaped.glyphs.len(),
        shaped,
        size,
        rise,
        offset: None,
        note: Some(note),
    };
    out.push(
        Item::Box {
            width: frag.width(),
        },
        Content::Frag(frag),
    );
}

/// The text layer of a note call's glyphs: superior figures.
pub fn superior_text(digits: &str) -> String {
    digits
        .chars()
        .map(|c| c.to_digit(10).map_or(c, |d| SUPERIOR_DIGITS[d as usize]))
        .collect()
}
