//! Typed ids of the model. They are stable for a given manuscript: assigned in reading
//! order, never from addresses, hashes or clocks, so outputs are byte-identical.

use std::fmt;

/// A text's slug (`mir-wikipedia`), as in `texts/<slug>.toml` and the order.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TextId(pub String);

impl TextId {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for TextId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A block of the volume: numbered in reading order across the whole volume; shown as
/// `b12` (it is the XHTML id of the block and the key of the page map).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BlockId(pub u32);

impl fmt::Display for BlockId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "b{}", self.0)
    }
}

/// A note of the volume: numbered in reading order across the whole volume; shown as
/// `n7`. Its printed number is per text (`Note::number`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NoteId(pub u32);

impl fmt::Display for NoteId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "n{}", self.0)
    }
}
