//! Sets the texts' vertical lists on two threads. A text's lines depend only on the text
//! (its paragraphs, headings and notes), never on the pages before it, so the texts can
//! be set side by side and paginated afterwards in volume order. Each thread has its own
//! shaping and hyphenation caches; shaping and breaking are deterministic, so the lines
//! are the same as when set one after the other.

use super::flow::{FlowItem, Missing};
use super::notes::NoteLines;
use super::{FontSet, Layout, TypesetOptions};
use crate::model::{Text, Volume, text::block_text};

/// Below this many bytes of text in all, a second thread costs more than it saves (its
/// start and its own cache misses: about a millisecond).
const PARALLEL_MIN_BYTES: usize = 20_000;

/// The set vertical list of one text.
pub struct SetText {
    pub items: Vec<FlowItem>,
    pub notes: NoteLines,
    /// Characters without a glyph, in the order met.
    pub missing: Vec<Missing>,
}

/// The texts of `volume` set, in volume order.
pub fn set_texts(volume: &Volume, fonts: &FontSet, options: &TypesetOptions) -> Vec<SetText> {
    let sizes: Vec<usize> = volume.texts.iter().map(text_size).collect();
    let (first, second) = split(&sizes);
    if sizes.iter().sum::<usize>() < PARALLEL_MIN_BYTES || second.is_empty() {
        let all: Vec<usize> = (0..volume.texts.len()).collect();
        return set_group(volume, fonts, options, &all)
            .into_iter()
            .map(|(_, set)| set)
            .collect();
    }
    let (a, b) = std::thread::scope(|scope| {
        let other = scope.spawn(|| set_group(volume, fonts, options, &second));
        let mine = set_group(volume, fonts, options, &first);
        (mine, other.join().expect("setting text does not panic"))
    });
    let mut all: Vec<(usize, SetText)> = a.into_iter().chain(b).collect();
    all.sort_by_key(|(index, _)| *index);
    all.into_iter().map(|(_, set)| set).collect()
}

/// Sets the texts `indices` with one layout state.
fn set_group(
    volume: &Volume,
    fonts: &FontSet,
    options: &TypesetOptions,
    indices: &[usize],
) -> Vec<(usize, SetText)> {
    let mut layout = Layout::new(volume, fonts, options);
    indices
        .iter()
        .map(|&index| {
            layout.current_text = Some(index);
            let (mut items, notes) = layout.text(&volume.texts[index]);
            // Every text's lines wait here until pagination: no growth slack with them.
            items.shrink_to_fit();
            let missing = std::mem::take(&mut layout.missing);
            (
                index,
                SetText {
                    items,
                    notes,
                    missing,
                },
            )
        })
        .collect()
}

/// The bytes of visible text of a text: its blocks, headnote and notes (what is set).
fn text_size(text: &Text) -> usize {
    let notes = text.notes.iter().flat_map(|n| n.blocks.iter());
    text.blocks
        .iter()
        .chain(&text.headnote)
        .chain(notes)
        .map(|b| block_text(b).len())
        .sum()
}

/// Two groups of text indices of about equal size: the largest texts first, each to the
/// group with less so far.
fn split(sizes: &[usize]) -> (Vec<usize>, Vec<usize>) {
    let mut order: Vec<usize> = (0..sizes.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(sizes[i]));
    let (mut a, mut b) = (Vec::new(), Vec::new());
    let (mut size_a, mut size_b) = (0, 0);
    for i in order {
        if size_a <= size_b {
            a.push(i);
            size_a += sizes[i];
        } else {
            b.push(i);
            size_b += sizes[i];
        }
    }
    a.sort_unstable();
    b.sort_unstable();
    (a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_balances_by_size_and_keeps_order_within_groups() {
        let (a, b) = split(&[10, 60, 5, 30, 20]);
        // 60 | 30, 20, 10 | then 5 to the first group (60 against 60).
        assert_eq!(a, vec![1, 2]);
        assert_eq!(b, vec![0, 3, 4]);
        let (a, b) = split(&[5]);
        assert_eq!((a, b), (vec![0], vec![]));
    }
}
