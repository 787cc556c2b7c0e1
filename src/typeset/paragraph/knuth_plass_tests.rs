//! Unit tests of the line breakers on synthetic paragraphs.

use super::*;

/// A paragraph of words of the given widths separated by spaces of 3 ± 1.
fn words(widths: &[f32]) -> Vec<Item> {
    let mut items = Vec::new();
    for (i, &w) in widths.iter().enumerate() {
        if i > 0 {
            items.push(Item::Glue {
                width: 3.0,
                stretch: 1.5,
                shrink: 1.0,
            });
        }
        items.push(Item::Box { width: w });
    }
    items.push(Item::Penalty {
        width: 0.0,
        cost: INFINITE,
        flagged: false,
    });
    items.push(Item::Glue {
        width: 0.0,
        stretch: FILL,
        shrink: 0.0,
    });
    items.push(Item::Penalty {
        width: 0.0,
        cost: -INFINITE,
        flagged: false,
    });
    items
}

#[test]
fn exact_fit_gives_ratio_zero() {
    // Two lines of 10 + 3 + 10 = 23 points.
    let items = words(&[10.0, 10.0, 10.0, 10.0]);
    let breaks = total_fit(&items, &|_| 23.0, &Params::default()).unwrap();
    assert_eq!(breaks.len(), 2);
    assert_eq!(breaks[0].index, 3);
    assert!(breaks[0].ratio.abs() < 1e-6);
    assert_eq!(breaks[1].index, items.len() - 1);
}

#[test]
fn total_fit_balances_where_first_fit_is_greedy() {
    // First fit fills early lines and leaves loose ones behind; total fit evens the
    // lines out, so its loosest line is no looser than first fit's.
    let items = words(&[
        8.0, 12.0, 5.0, 15.0, 9.0, 11.0, 7.0, 14.0, 6.0, 10.0, 13.0, 8.0,
    ]);
    let width = |_| 40.0;
    let greedy = super::super::first_fit::first_fit(&items, &width);
    let best = total_fit(
        &items,
        &width,
        &Params {
            tolerance: 10.0,
            ..Params::default()
        },
    )
    .unwrap();
    let worst = |b: &[Break]| {
        b[..b.len() - 1]
            .iter()
            .map(|x| x.ratio.abs())
            .fold(0.0, f32::max)
    };
    assert!(worst(&best) <= worst(&greedy));
    assert!(best.iter().all(|b| b.ratio >= -1.0));
}

#[test]
fn width_per_line_is_honoured() {
    // The first line is shorter (as beside a hanging label): two words fit there
    // exactly, three on the next.
    let items = words(&[10.0, 10.0, 10.0, 10.0, 10.0]);
    let breaks = total_fit(
        &items,
        &|l| if l == 0 { 23.0 } else { 36.0 },
        &Params::default(),
    )
    .unwrap();
    assert_eq!(breaks[0].index, 3, "two words on the short first line");
    assert_eq!(breaks.len(), 2);
}

#[test]
fn impossible_paragraph_fails_then_first_fit_overflows() {
    let items = words(&[50.0, 10.0]);
    assert!(total_fit(&items, &|_| 20.0, &Params::default()).is_none());
    let breaks = super::super::first_fit::first_fit(&items, &|_| 20.0);
    assert_eq!(breaks.len(), 2);
}

#[test]
fn hyphen_runs_are_limited() {
    // Boxes 10 wide joined by flagged penalties of width 1: only hyphen breaks exist,
    // so more than two lines in a row would need a third hyphen.
    let mut items = Vec::new();
    for i in 0..8 {
        if i > 0 {
            items.push(Item::Penalty {
                width: 1.0,
                cost: 50.0,
                flagged: true,
            });
        }
        items.push(Item::Box { width: 10.0 });
    }
    items.push(Item::Glue {
        width: 0.0,
        stretch: FILL,
        shrink: 0.0,
    });
    items.push(Item::Penalty {
        width: 0.0,
        cost: -INFINITE,
        flagged: false,
    });
    let params = Params {
        tolerance: 100.0,
        ..Params::default()
    };
    assert!(total_fit(&items, &|_| 21.0, &params).is_none());
    let relaxed = Params {
        max_consecutive_hyphens: 9,
        ..params
    };
    assert!(total_fit(&items, &|_| 21.0, &relaxed).is_some());
}

#[test]
fn emergency_stretch_rescues_a_loose_paragraph() {
    let items = words(&[10.0, 10.0]);
    // Without extra stretch the first line would be far too loose.
    assert!(total_fit(&items, &|_| 30.0, &Params::default()).is_some());
    let mut tight = words(&[10.0, 40.0]);
    tight.insert(0, Item::Box { width: 25.0 });
    let p = Params {
        tolerance: 1.0,
        ..Params::default()
    };
    assert!(total_fit(&tight, &|_| 40.0, &p).is_none());
    assert!(
        total_fit(
            &tight,
            &|_| 40.0,
            &Params {
                emergency_stretch: 20.0,
                ..p
            }
        )
        .is_some()
    );
}
