//! Fills glyph outlines into a coverage map: curves flattened into lines, then each
//! pixel row sampled on several sub-scanlines with the non-zero winding rule and exact
//! horizontal coverage. Plain arithmetic in a fixed order, so the pixels are the same
//! on every run.

use read_fonts::model::glyph::outline::PathSink;

/// Sub-scanlines per pixel row: 16 levels of vertical anti-aliasing, which is smooth
/// at cover sizes and fast enough for a few lines of large type.
const SUBSAMPLES: usize = 16;

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

/// Coverage of every pixel, 0 (empty) to 1 (covered).
#[derive(Debug, Clone)]
pub struct Coverage {
    pub width: usize,
    pub height: usize,
    pub values: Vec<f32>,
}

impl Coverage {
    pub fn new(width: usize, height: usize) -> Coverage {
        Coverage {
            width,
            height,
            values: vec![0.0; width * height],
        }
    }

    /// Covers the rectangle `x..x+w`, `y..y+h` (whole pixels) fully.
    pub fn fill_rect(&mut self, x: usize, y: usize, w: usize, h: usize) {
        for row in y..(y + h).min(self.height) {
            for col in x..(x + w).min(self.width) {
                self.values[row * self.width + col] = 1.0;
            }
        }
    }

    /// Fills a closed outline given as a path.
    pub fn fill(&mut self, path: &PathBuilder) {
        let mut edges = path.edges.clone();
        if edges.is_empty() {
            return;
        }
        // Edges by their top, so that each pixel row looks only at the few edges that
        // cross it (the active ones) rather than at every edge of the glyph.
        edges.sort_by(|a, b| a.y0.total_cmp(&b.y0));
        let top = edges[0].y0.max(0.0).floor() as usize;
        let bottom = (edges
            .iter()
            .map(|e| e.y1)
            .fold(f32::NEG_INFINITY, f32::max)
            .ceil()
            .max(0.0) as usize)
            .min(self.height);
        let mut next = 0;
        let mut active: Vec<Edge> = Vec::new();
        let mut crossings: Vec<(f32, i32)> = Vec::new();
        for row in top..bottom {
            let (row_top, row_bottom) = (row as f32, row as f32 + 1.0);
            active.retain(|e| e.y1 > row_top);
            while let Some(e) = edges.get(next).filter(|e| e.y0 < row_bottom) {
                if e.y1 > row_top {
                    active.push(*e);
                }
                next += 1;
            }
            for s in 0..SUBSAMPLES {
                let y = row as f32 + (s as f32 + 0.5) / SUBSAMPLES as f32;
                crossings.clear();
                for e in active.iter().filter(|e| e.y0 <= y && y < e.y1) {
                    let x = e.x0 + (y - e.y0) * (e.x1 - e.x0) / (e.y1 - e.y0);
                    crossings.push((x, e.winding));
                }
                crossings.sort_by(|a, b| a.0.total_cmp(&b.0));
                let mut winding = 0;
                for pair in crossings.windows(2) {
                    winding += pair[0].1;
                    if winding != 0 {
                        self.span(row, pair[0].0, pair[1].0, 1.0 / SUBSAMPLES as f32);
                    }
                }
            }
        }
    }

    /// Adds `weight` times the covered length of each pixel of `row` between `xa`
    /// and `xb`.
    fn span(&mut self, row: usize, xa: f32, xb: f32, weight: f32) {
        let xa = xa.clamp(0.0, self.width as f32);
        let xb = xb.clamp(0.0, self.width as f32);
        if xb <= xa {
            return;
        }
        let first = xa.floor() as usize;
        let last = (xb.ceil() as usize).min(self.width);
        let line = &mut self.values[row * self.width..(row + 1) * self.width];
        for (px, value) in line.iter_mut().enumerate().take(last).skip(first) {
            let covered = (xb.min(px as f32 + 1.0) - xa.max(px as f32)).max(0.0);
            *value = (*value + covered * weight).min(1.0);
        }
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
        assert!((at(4, 5) - 1.0).abs() < 1e-6);
        assert!((at(2, 5) - 0.5).abs() < 1e-6);
        assert!((at(6, 5) - 0.5).abs() < 1e-6);
        assert_eq!(at(4, 2), 0.0);
        assert_eq!(at(8, 5), 0.0);
        let total: f32 = cov.values.iter().sum();
        assert!((total - 16.0).abs() < 1e-3, "{total}");
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
        assert_eq!(cov.values[5 * 10 + 4], 0.0);
        assert!((cov.values[5 * 10 + 1] - 1.0).abs() < 1e-6);
    }
}
