//! The greedy line breaker: fills each line as far as it goes. The last resort after
//! Knuth–Plass, and the breaker of ragged text (titles, headings). Pure, like
//! `knuth_plass`, whose items and sums it shares.

use super::knuth_plass::{Break, INFINITE, Item, Totals, after_break, is_legal, prefix_sums};

/// The last resort: fills each line as far as it goes (shrinking spaces), then breaks.
/// Always succeeds; a line may be overfull when a single box is wider than the line.
pub fn first_fit(items: &[Item], width: &dyn Fn(usize) -> f32) -> Vec<Break> {
    let sums = prefix_sums(items);
    let mut breaks = Vec::new();
    let mut after = Totals {
        width: 0.0,
        stretch: 0.0,
        shrink: 0.0,
    };
    let mut candidate: Option<(usize, f32)> = None;
    let mut b = 0;
    while b < items.len() {
        if !is_legal(items, b) {
            b += 1;
            continue;
        }
        let (pen_width, forced) = match items[b] {
            Item::Penalty { width, cost, .. } => (f64::from(width), cost <= -INFINITE),
            _ => (0.0, false),
        };
        let target = f64::from(width(breaks.len()));
        let natural = sums[b].width - after.width + pen_width;
        let shrink = sums[b].shrink - after.shrink;
        let stretch = sums[b].stretch - after.stretch;
        let ratio = if natural > target {
            if shrink > 0.0 {
                (target - natural) / shrink
            } else {
                f64::NEG_INFINITY
            }
        } else if stretch > 0.0 {
            (target - natural) / stretch
        } else {
            0.0
        };
        if ratio < -1.0 {
            // This break overflows: end the line at the last break that fitted.
            let (index, r) = candidate.take().unwrap_or((b, ratio as f32));
            breaks.push(Break { index, ratio: r });
            after = after_break(items, &sums, index);
            b = index + 1;
            continue;
        }
        if forced {
            breaks.push(Break {
                index: b,
                ratio: ratio as f32,
            });
            after = after_break(items, &sums, b);
            candidate = None;
        } else {
            candidate = Some((b, ratio as f32));
        }
        b += 1;
    }
    breaks
}
