//! Line breaking over boxes, glue and penalties (Knuth and Plass, "Breaking paragraphs
//! into lines", 1981): the total-fit algorithm with a width per line (`first_fit` has
//! the greedy last resort). Pure: knows widths, not fonts or pages.

/// An element of a paragraph for the line breaker. Widths in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Item {
    Box {
        width: f32,
    },
    Glue {
        width: f32,
        stretch: f32,
        shrink: f32,
    },
    Penalty {
        width: f32,
        cost: f32,
        flagged: bool,
    },
}

/// A penalty of this cost (or more) forbids a break; minus this forces one.
pub const INFINITE: f32 = 10_000.0;

/// Stretch of the glue that ends a paragraph: large enough that the last line is set at
/// its natural width whatever its length (TeX's `\parfillskip` of `0pt plus 1fil`).
pub const FILL: f32 = 1.0e6;

/// Tuning of one breaking pass.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    /// The largest adjustment ratio accepted (stretch used / stretch available).
    pub tolerance: f32,
    /// Added to every line's badness before squaring: prefers fewer lines (TeX's
    /// `\linepenalty`, 10).
    pub line_penalty: f32,
    /// Added when two consecutive lines end with a hyphen (TeX's
    /// `\doublehyphendemerits`, 10000).
    pub double_hyphen_demerits: f32,
    /// Added when adjacent lines differ by more than one fitness class, so a tight line
    /// does not follow a very loose one (TeX's `\adjdemerits`, 10000).
    pub adjacent_demerits: f32,
    /// Extra stretch assumed on every line in an emergency pass (TeX's
    /// `\emergencystretch`): lets a paragraph with an unbreakable long word be set loose
    /// rather than overfull.
    pub emergency_stretch: f32,
    /// At most this many consecutive lines may end with a hyphen.
    pub max_consecutive_hyphens: u8,
}

impl Default for Params {
    fn default() -> Params {
        Params {
            // Ratio 2 is badness 800: loose but acceptable on a 66-character measure.
            tolerance: 2.0,
            line_penalty: 10.0,
            double_hyphen_demerits: 10_000.0,
            adjacent_demerits: 10_000.0,
            emergency_stretch: 0.0,
            max_consecutive_hyphens: 2,
        }
    }
}

/// A chosen break: the index of the glue or penalty item where a line ends, and the
/// adjustment ratio of that line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Break {
    pub index: usize,
    pub ratio: f32,
}

#[derive(Clone, Copy)]
pub(super) struct Totals {
    pub(super) width: f64,
    pub(super) stretch: f64,
    pub(super) shrink: f64,
}

struct Node {
    position: usize,
    line: usize,
    fitness: u8,
    hyphens: u8,
    demerits: f64,
    ratio: f32,
    after: Totals,
    prev: Option<usize>,
}

/// Running sums of the items before each index.
pub(super) fn prefix_sums(items: &[Item]) -> Vec<Totals> {
    let mut sums = Vec::with_capacity(items.len() + 1);
    let mut t = Totals {
        width: 0.0,
        stretch: 0.0,
        shrink: 0.0,
    };
    sums.push(t);
    for item in items {
        match *item {
            Item::Box { width } => t.width += f64::from(width),
            Item::Glue {
                width,
                stretch,
                shrink,
            } => {
                t.width += f64::from(width);
                t.stretch += f64::from(stretch);
                t.shrink += f64::from(shrink);
            }
            Item::Penalty { .. } => {}
        }
        sums.push(t);
    }
    sums
}

/// Whether a line may end at item `i`.
pub(super) fn is_legal(items: &[Item], i: usize) -> bool {
    match items[i] {
        Item::Penalty { cost, .. } => cost < INFINITE,
        Item::Glue { .. } => i > 0 && matches!(items[i - 1], Item::Box { .. }),
        Item::Box { .. } => false,
    }
}

/// Totals at the start of the line that follows a break at `b`: glue and penalties
/// after a break are discarded up to the next box (or forced break).
pub(super) fn after_break(items: &[Item], sums: &[Totals], b: usize) -> Totals {
    let mut t = sums[b];
    for (i, item) in items.iter().enumerate().skip(b) {
        match *item {
            Item::Box { .. } => break,
            Item::Glue {
                width,
                stretch,
                shrink,
            } => {
                t.width += f64::from(width);
                t.stretch += f64::from(stretch);
                t.shrink += f64::from(shrink);
            }
            Item::Penalty { cost, .. } if cost <= -INFINITE && i > b => break,
            Item::Penalty { .. } => {}
        }
    }
    t
}

fn fitness(ratio: f32) -> u8 {
    match ratio {
        r if r < -0.5 => 0,
        r if r <= 0.5 => 1,
        r if r <= 1.0 => 2,
        _ => 3,
    }
}

/// Breaks `items` into lines of `width(line)` points by total fit. The items must end
/// with a forced break. Returns `None` when no set of breaks keeps every line within the
/// tolerance (the caller tries again with other parameters).
pub fn total_fit(
    items: &[Item],
    width: &dyn Fn(usize) -> f32,
    params: &Params,
) -> Option<Vec<Break>> {
    let sums = prefix_sums(items);
    let start = Totals {
        width: 0.0,
        stretch: 0.0,
        shrink: 0.0,
    };
    let mut nodes = vec![Node {
        position: 0,
        line: 0,
        fitness: 1,
        hyphens: 0,
        demerits: 0.0,
        ratio: 0.0,
        after: start,
        prev: None,
    }];
    let mut active: Vec<usize> = vec![0];
    // The active nodes that stay active past a breakpoint, built beside `active` and
    // swapped with it: two buffers for the whole paragraph, none per breakpoint.
    let mut keep: Vec<usize> = Vec::new();
    for b in 0..items.len() {
        if !is_legal(items, b) {
            continue;
        }
        let (pen_width, cost, flagged) = match items[b] {
            Item::Penalty {
                width,
                cost,
                flagged,
            } => (f64::from(width), f64::from(cost), flagged),
            _ => (0.0, 0.0, false),
        };
        let forced = cost <= -f64::from(INFINITE);
        // Best candidate per (fitness class, hyphen run length).
        let mut best: [[Option<(f64, usize, f32)>; 4]; 4] = Default::default();
        keep.clear();
        for &a in &active {
            let node = &nodes[a];
            let natural = sums[b].width - node.after.width + pen_width;
            let target = f64::from(width(node.line));
            let ratio = if natural < target {
                let stretch =
                    sums[b].stretch - node.after.stretch + f64::from(params.emergency_stretch);
                if stretch > 0.0 {
                    (target - natural) / stretch
                } else {
                    f64::INFINITY
                }
            } else if natural > target {
                let shrink = sums[b].shrink - node.after.shrink;
                if shrink > 0.0 {
                    (target - natural) / shrink
                } else {
                    f64::NEG_INFINITY
                }
            } else {
                0.0
            };
            if ratio >= -1.0 && !forced {
                keep.push(a);
            }
            if ratio < -1.0 || ratio > f64::from(params.tolerance) {
                continue;
            }
            let hyphens = if flagged { node.hyphens + 1 } else { 0 };
            if hyphens > params.max_consecutive_hyphens {
                continue;
            }
            let badness = 100.0 * ratio.abs().powi(3);
            let mut demerits = (f64::from(params.line_penalty) + badness).powi(2);
            if cost >= 0.0 {
                demerits += cost * cost;
            } else if !forced {
                demerits -= cost * cost;
            }
            if flagged && node.hyphens > 0 {
                demerits += f64::from(params.double_hyphen_demerits);
            }
            let fit = fitness(ratio as f32);
            if fit.abs_diff(node.fitness) > 1 {
                demerits += f64::from(params.adjacent_demerits);
            }
            let total = node.demerits + demerits;
            let slot = &mut best[fit as usize][hyphens.min(3) as usize];
            if slot.is_none_or(|(d, _, _)| total < d) {
                *slot = Some((total, a, ratio as f32));
            }
        }
        std::mem::swap(&mut active, &mut keep);
        let after = after_break(items, &sums, b);
        for (fit, row) in best.iter().enumerate() {
            for (hyphens, cand) in row.iter().enumerate() {
                if let Some((demerits, prev, ratio)) = *cand {
                    nodes.push(Node {
                        position: b,
                        line: nodes[prev].line + 1,
                        fitness: fit as u8,
                        hyphens: hyphens as u8,
                        demerits,
                        ratio,
                        after,
                        prev: Some(prev),
                    });
                    active.push(nodes.len() - 1);
                }
            }
        }
        if active.is_empty() {
            return None;
        }
    }
    let last = items.len().checked_sub(1)?;
    let best = active
        .iter()
        .copied()
        .filter(|&a| nodes[a].position == last)
        .min_by(|&a, &b| nodes[a].demerits.total_cmp(&nodes[b].demerits))?;
    let mut breaks = Vec::new();
    let mut cur = Some(best);
    while let Some(n) = cur {
        if nodes[n].prev.is_some() {
            breaks.push(Break {
                index: nodes[n].position,
                ratio: nodes[n].ratio,
            });
        }
        cur = nodes[n].prev;
    }
    breaks.reverse();
    Some(breaks)
}

#[cfg(test)]
#[path = "knuth_plass_tests.rs"]
mod tests;
