//! The PDF outline (bookmarks): nested by depth, each entry jumping to its line.

use krilla::destination::XyzDestination;
use krilla::geom::Point;
use krilla::outline::{Outline, OutlineNode};

use crate::typeset::OutlineEntry;

/// Builds the nested outline from entries in reading order.
pub fn build(entries: &[OutlineEntry]) -> Outline {
    let mut outline = Outline::new();
    for node in nest(entries) {
        outline.push_child(node);
    }
    outline
}

/// Entries deeper than the one before become its children.
fn nest(entries: &[OutlineEntry]) -> Vec<OutlineNode> {
    let mut nodes = Vec::new();
    let mut i = 0;
    while i < entries.len() {
        let entry = &entries[i];
        let end = entries[i + 1..]
            .iter()
            .position(|e| e.depth <= entry.depth)
            .map_or(entries.len(), |k| i + 1 + k);
        let dest = XyzDestination::new(entry.page, Point::from_xy(0.0, entry.y.max(0.0)));
        let mut node = OutlineNode::new(entry.title.clone(), dest);
        for child in nest(&entries[i + 1..end]) {
            node.push_child(child);
        }
        nodes.push(node);
        i = end;
    }
    nodes
}
