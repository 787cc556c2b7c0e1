//! Fills glyph outlines into a coverage map with exact area anti-aliasing: curves are
//! flattened into lines; each line adds, to an accumulation buffer over the glyph's
//! bounding box, the signed area it leaves to its right in every pixel it crosses; a
//! running sum along each row then gives every pixel's covered fraction (non-zero rule
//! for the non-overlapping contours of a font). Plain arithmetic in a fixed order, so
//! the pixels are the same on every run.

use read_fonts::model::glyph::outline::PathSink;

/// Full coverage: coverage is kept in 255ths, the levels of an 8-bit image.
pub const FULL: u8 = 255;

/// An edge of a flattened outline, `y0 < y1`, in canvas pixels (y downwards).
#[derive(Debug, Clone, Copy)]
struct Edge {
    x0: f32,
    y0: f32,
    x1: f32,
    y1: f32,
    /// +1 for an edge going down in the outline's order, -1 for one going up.
    winding: i32,
}

/// Coverage of every pixel, 0 (empty) to [`FULL`] (covered).
#[derive(Debug, Clone)]
pub struct Coverage {
    pub width: usize,
    pub height: usize,
    pub values: Vec<u8>,
}

impl Coverage {
    pub fn new(width: usize, height: usize) -> Coverage {
        Coverage {
            width,
            height,
            values: vec![0; width * height],
        }
    }

    /// Covers the rectangle `x..x+w`, `y..y+h` (whole pixels) fully.
    pub fn fill_rect(&mut self, x: usize, y: usize, w: usize, h: usize) {
        for row in y..(y + h).min(self.height) {
            let line = &mut self.values[row * self.width..(row + 1) * self.width];
            for value in line.iter_mut().take((x + w).min(self.width)).skip(x) {
                *value = FULL;
            }
        }
    }

    /// Fills a closed outline given as a path.
    pub fn fill(&mut self, path: &PathBuilder) {
        let edges = &path.edges;
        if edges.is_empty() {
            return;
        }
        let fold = |f: fn(f32, f32) -> f32, start: f32, pick: fn(&Edge) -> [f32; 2]| {
            edges.iter().flat_map(pick).fold(start, f)
        };
        let left = fold(f32::min, f32::INFINITY, |e| [e.x0, e.x1]).floor();
        let right = fold(f32::max, f32::NEG_INFINITY, |e| [e.x0, e.x1]).ceil();
        let top = fold(f32::min, f32::INFINITY, |e| [e.y0, e.y0])
            .floor()
            .max(0.0);
        let bottom = fold(f32::max, f32::NEG_INFINITY, |e| [e.y1, e.y1])
            .ceil()
            .min(self.height as f32);
        if !(left.is_finite() && right.is_finite() && top < bottom) {
            return;
        }
        // One column more than the box: a line's area spills into the cell after it.
        let cols = (right - left) as usize + 2;
        let rows = (bottom - top) as usize;
        let mut acc = Accumulator {
            cells: vec![0.0; cols * rows],
            cols,
            left,
            top,
            bottom,
        };
        for e in edges {
            acc.line(e);
        }
        for row in 0..rows {
            let y = top as usize + row;
            let mut sum = 0.0f32;
            for col in 0..cols - 1 {
                sum += acc.cells[row * cols + col];
                let x = left + col as f32;
                if x < 0.0 || x >= self.width as f32 {
                    continue;
                }
                let level = (sum.abs().min(1.0) * f32::from(FULL) + 0.5) as u8;
                let value = &mut self.values[y * self.width + x as usize];
                *value = value.saturating_add(level);
            }
        }
    }
}

/// Signed areas per pixel of a glyph's bounding box, before the running sums.
struct Accumulator {
    cells: Vec<f32>,
    cols: usize,
    /// Canvas position of column 0 and row 0, and the canvas row where the box ends.
    left: f32,
    top: f32,
    bottom: f32,
}

impl Accumulator {
    /// Adds an edge: cut at every pixel row, and each row's piece at every pixel column.
    fn line(&mut self, e: &Edge) {
        let sign = e.winding as f32;
        let slope = (e.x1 - e.x0) / (e.y1 - e.y0);
        let (y_start, y_end) = (e.y0.max(self.top), e.y1.min(self.bottom));
        let mut y = y_start;
        while y < y_end {
            let row_end = (y.floor() + 1.0).min(y_end);
            let (xa, xb) = (e.x0 + (y - e.y0) * slope, e.x0 + (row_end - e.y0) * slope);
            let row = (y.floor() - self.top) as usize;
            self.row_piece(row, (xa, y), (xb, row_end), sign);
            y = row_end;
        }
    }

    /// Adds the piece of an edge inside one pixel row, from `a` to `b` (`a.1 < b.1`).
    fn row_piece(&mut self, row: usize, a: (f32, f32), b: (f32, f32), sign: f32) {
        let (x_lo, x_hi) = (a.0.min(b.0), a.0.max(b.0));
        let first = x_lo.floor();
        let last = x_hi.floor();
        if first == last || x_hi == last {
            self.cell(row, first.min(last), (a.0 + b.0) / 2.0, (b.1 - a.1) * sign);
            return;
        }
        // Crossing columns: cut where the piece meets each vertical pixel border.
        let dy_dx = (b.1 - a.1) / (b.0 - a.0);
        let mut from = x_lo;
        let mut column = first;
        while from < x_hi {
            let to = (column + 1.0).min(x_hi);
            let dy = (to - from) * dy_dx.abs();
            self.cell(row, column, (from + to) / 2.0, dy * sign);
            from = to;
            column += 1.0;
        }
    }

    /// Adds `dy` of an edge whose middle in this cell is at canvas `x`: the cell gets
    /// the part of it to the right of the edge, the next one the rest, and the running
    /// sum carries `dy` to every pixel further right.
    fn cell(&mut self, row: usize, column: f32, x: f32, dy: f32) {
        let col = ((column - self.left).max(0.0) as usize).min(self.cols - 2);
        let inside = (x - column).clamp(0.0, 1.0);
        let at = row * self.cols + col;
        self.cells[at] += dy * (1.0 - inside);
        self.cells[at + 1] += dy * inside;
    }
}

/// Collects a glyph outline as edges, placed at `origin` (pixels; the glyph's y axis
/// points up, the canvas's down).
#[derive(Debug)]
pub struct PathBuilder {
    origin: (f32, f32),
    start: (f32, f32),
    current: (f32, f32),
    edges: Vec<Edge>,
}

impl PathBuilder {
    pub fn new(origin_x: f32, baseline_y: f32) -> PathBuilder {
        PathBuilder {
            origin: (origin_x, baseline_y),
            start: (0.0, 0.0),
            current: (0.0, 0.0),
            edges: Vec::new(),
        }
    }

    fn to_canvas(&self, x: f32, y: f32) -> (f32, f32) {
        (self.origin.0 + x, self.origin.1 - y)
    }

    fn edge(&mut self, from: (f32, f32), to: (f32, f32)) {
        if from.1 == to.1 {
            return;
        }
        let (a, b, winding) = if from.1 < to.1 {
            (from, to, 1)
        } else {
            (to, from, -1)
        };
        self.edges.push(Edge {
            x0: a.0,
            y0: a.1,
            x1: b.0,
            y1: b.1,
            winding,
        });
    }

    /// Flattens a cubic Bézier (canvas coordinates) into enough lines that the error
    /// stays well below a pixel: one per two pixels of control polygon length.
    fn cubic(&mut self, p0: (f32, f32), p1: (f32, f32), p2: (f32, f32), p3: (f32, f32)) {
        let dist =
            |a: (f32, f32), b: (f32, f32)| ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt();
        let length = dist(p0, p1) + dist(p1, p2) + dist(p2, p3);
        let steps = ((length / 2.0).ceil() as usize).clamp(1, 256);
        let mut prev = p0;
        for i in 1..=steps {
            let t = i as f32 / steps as f32;
            let u = 1.0 - t;
            let (a, b, c, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
            let p = (
                a * p0.0 + b * p1.0 + c * p2.0 + d * p3.0,
                a * p0.1 + b * p1.1 + c * p2.1 + d * p3.1,
            );
            self.edge(prev, p);
            prev = p;
        }
    }
}

impl PathSink for PathBuilder {
    fn move_to(&mut self, x: f32, y: f32) {
        self.close();
        self.start = self.to_canvas(x, y);
        self.current = self.start;
    }

    fn line_to(&mut self, x: f32, y: f32) {
        let p = self.to_canvas(x, y);
        self.edge(self.current, p);
        self.current = p;
    }

    fn quad_to(&mut self, cx0: f32, cy0: f32, x: f32, y: f32) {
        // A quadratic as the cubic with the same curve.
        let p0 = self.current;
        let c = self.to_canvas(cx0, cy0);
        let p = self.to_canvas(x, y);
        let c1 = (
            p0.0 + 2.0 / 3.0 * (c.0 - p0.0),
            p0.1 + 2.0 / 3.0 * (c.1 - p0.1),
        );
        let c2 = (p.0 + 2.0 / 3.0 * (c.0 - p.0), p.1 + 2.0 / 3.0 * (c.1 - p.1));
        self.cubic(p0, c1, c2, p);
        self.current = p;
    }

    fn curve_to(&mut self, cx0: f32, cy0: f32, cx1: f32, cy1: f32, x: f32, y: f32) {
        let (c1, c2, p) = (
            self.to_canvas(cx0, cy0),
            self.to_canvas(cx1, cy1),
            self.to_canvas(x, y),
        );
        self.cubic(self.current, c1, c2, p);
        self.current = p;
    }

    fn close(&mut self) {
        if self.current != self.start {
            self.edge(self.current, self.start);
            self.current = self.start;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_square_is_covered_exactly() {
        let mut path = PathBuilder::new(0.0, 10.0);
        path.move_to(2.5, 2.0);
        path.line_to(6.5, 2.0);
        path.line_to(6.5, 6.0);
        path.line_to(2.5, 6.0);
        path.close();
        let mut cov = Coverage::new(10, 10);
        cov.fill(&path);
        let at = |x: usize, y: usize| cov.values[y * 10 + x];
        // Canvas rows 4..8 are the square's y 2..6; columns 2.5..6.5.
        assert_eq!(at(4, 5), FULL);
        assert_eq!(at(2, 5), 128, "half a pixel, rounded");
        assert_eq!(at(6, 5), 128);
        assert_eq!(at(4, 2), 0);
        assert_eq!(at(8, 5), 0);
        let total: u32 = cov.values.iter().map(|&v| u32::from(v)).sum();
        assert_eq!(
            total,
            4 * (3 * 255 + 2 * 128),
            "four rows of 3 full and 2 half pixels"
        );
    }

    #[test]
    fn slanted_edges_cover_their_exact_area() {
        // A right triangle with legs of 8.4 pixels at a fractional position: its area,
        // 35.28 pixels, spread over cut pixels along the hypotenuse.
        let mut path = PathBuilder::new(0.3, 10.0);
        path.move_to(0.0, 0.6);
        path.line_to(8.4, 0.6);
        path.line_to(0.0, 9.0);
        path.close();
        let mut cov = Coverage::new(10, 10);
        cov.fill(&path);
        let total: f32 = cov.values.iter().map(|&v| f32::from(v) / 255.0).sum();
        assert!((total - 35.28).abs() < 0.1, "{total}");
        // Along the hypotenuse pixels are partly covered, on both sides full or empty.
        assert!(cov.values.iter().any(|&v| v > 0 && v < FULL));
        assert_eq!(cov.values[8 * 10 + 1], FULL, "inside the right angle");
        assert_eq!(cov.values[9 * 10 + 1], 102, "the bottom row is 0.4 covered");
        assert_eq!(cov.values[2 * 10 + 8], 0, "beyond the hypotenuse");
    }

    #[test]
    fn a_hole_stays_empty_under_the_non_zero_rule() {
        let mut path = PathBuilder::new(0.0, 10.0);
        // Outer square clockwise on the canvas, inner one the other way round.
        for (x, y) in [(0.0, 0.0), (8.0, 0.0), (8.0, 8.0), (0.0, 8.0)] {
            if (x, y) == (0.0, 0.0) {
                path.move_to(x, y)
            } else {
                path.line_to(x, y)
            }
        }
        path.close();
        for (x, y) in [(2.0, 2.0), (2.0, 6.0), (6.0, 6.0), (6.0, 2.0)] {
            if (x, y) == (2.0, 2.0) {
                path.move_to(x, y)
            } else {
                path.line_to(x, y)
            }
        }
        path.close();
        let mut cov = Coverage::new(10, 10);
        cov.fill(&path);
        assert_eq!(cov.values[5 * 10 + 4], 0);
        assert_eq!(cov.values[5 * 10 + 1], FULL);
    }
}
