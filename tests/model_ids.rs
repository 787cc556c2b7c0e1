//! The ids of the loaded volume: the texts are parsed side by side, each numbering from
//! one, and renumbered after; the ids must be those of one pass in reading order.

mod common;

use std::collections::BTreeSet;

use reader_edition::model::walk::for_each_inline;
use reader_edition::model::{Block, BlockKind, InlineKind};

fn block_ids(blocks: &[Block], out: &mut Vec<u32>) {
    for b in blocks {
        out.push(b.id.0);
        match &b.kind {
            BlockKind::Quote(children) => block_ids(children, out),
            BlockKind::List { items, .. } => items.iter().for_each(|i| block_ids(i, out)),
            _ => {}
        }
    }
}

#[test]
fn ids_are_unique_and_in_reading_order() {
    let m = common::load_without_diagnostics("manuscript");
    let mut all_blocks = BTreeSet::new();
    let mut all_notes = BTreeSet::new();
    let mut last_body = 0;
    for text in &m.volume.texts {
        // The headnote and the body, in reading order, after the texts before.
        let mut ids = Vec::new();
        block_ids(&text.headnote, &mut ids);
        block_ids(&text.blocks, &mut ids);
        assert!(
            ids.windows(2).all(|w| w[0] < w[1]),
            "{}: block ids out of reading order",
            text.id
        );
        assert!(
            ids.first().is_none_or(|&first| first > last_body),
            "{}: its first block id is not after the texts before",
            text.id
        );
        last_body = ids.last().copied().unwrap_or(last_body);
        for note in &text.notes {
            assert!(all_notes.insert(note.id.0), "note id {} twice", note.id.0);
            block_ids(&note.blocks, &mut ids);
        }
        for id in ids {
            assert!(all_blocks.insert(id), "block id {id} twice");
        }
        // Every call names a note of its own text.
        let own: BTreeSet<u32> = text.notes.iter().map(|n| n.id.0).collect();
        for_each_inline(&text.blocks, &mut |inline| {
            if let InlineKind::NoteRef(id) = inline.kind {
                assert!(
                    own.contains(&id.0),
                    "{}: a call of {id} outside its text",
                    text.id
                );
            }
        });
    }
}
