//! Spots: places in the texts that the back matter points at or marks, by block and byte
//! range of the block's plain text (the offsets of the page marks): an id for a link to
//! land on, and for an acronym its `<abbr>` with the expansion, maybe linked to the
//! glossary. `xhtml` writes them as it writes the text.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::model::{Block, BlockId, BlockKind};

/// An acronym as written in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Abbr {
    /// The expansion (and English form) shown by `title`.
    pub title: String,
    /// The glossary entry, for the first use in a text.
    pub href: Option<String>,
}

/// One place in a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spot {
    pub range: Range<usize>,
    /// Ids links land on (the first one on the element around the words, when there is
    /// one; any other as an empty `span` before them).
    pub ids: Vec<String>,
    pub abbr: Option<Abbr>,
}

/// The spots of a text (or a volume), by block, each list in order and non-overlapping.
#[derive(Debug, Clone, Default)]
pub struct Spots {
    by_block: BTreeMap<BlockId, Vec<Spot>>,
}

impl Spots {
    /// Adds a spot; one that overlaps a spot already there gives that spot its ids (so
    /// every link still lands) and is otherwise dropped.
    pub fn add(&mut self, block: BlockId, spot: Spot) {
        let list = self.by_block.entry(block).or_default();
        if let Some(other) = list
            .iter_mut()
            .find(|o| o.range.start < spot.range.end && spot.range.start < o.range.end)
        {
            other.ids.extend(spot.ids);
            if other.abbr.is_none() && other.range == spot.range {
                other.abbr = spot.abbr;
            }
            return;
        }
        let at = list.partition_point(|o| o.range.start < spot.range.start);
        list.insert(at, spot);
    }

    /// Adds `id` to the spot at `range` (made when there is none).
    pub fn add_id(&mut self, block: BlockId, range: Range<usize>, id: String) {
        self.add(
            block,
            Spot {
                range,
                ids: vec![id],
                abbr: None,
            },
        );
    }

    /// Removes and returns the spots of `block`, in order.
    pub fn take(&mut self, block: BlockId) -> Vec<Spot> {
        self.by_block.remove(&block).unwrap_or_default()
    }

    /// Splits off the spots of `blocks` and the blocks inside them (those of one text).
    pub fn split_off(&mut self, blocks: &[Block]) -> Spots {
        let mut out = Spots::default();
        for b in blocks {
            if let Some(list) = self.by_block.remove(&b.id) {
                out.by_block.insert(b.id, list);
            }
            let inner = match &b.kind {
                BlockKind::Quote(children) => self.split_off(children),
                BlockKind::List { items, .. } => {
                    let mut all = Spots::default();
                    for item in items {
                        all.by_block.extend(self.split_off(item).by_block);
                    }
                    all
                }
                _ => Spots::default(),
            };
            out.by_block.extend(inner.by_block);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_spots_keep_every_id() {
        let mut s = Spots::default();
        let abbr = Abbr {
            title: "Unidad Popular".into(),
            href: None,
        };
        s.add(
            BlockId(1),
            Spot {
                range: 10..12,
                ids: vec![],
                abbr: Some(abbr.clone()),
            },
        );
        s.add_id(BlockId(1), 10..12, "x1".into());
        s.add_id(BlockId(1), 0..3, "x2".into());
        let list = s.take(BlockId(1));
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].ids, ["x2"]);
        assert_eq!(list[1].ids, ["x1"]);
        assert_eq!(list[1].abbr, Some(abbr));
    }
}
