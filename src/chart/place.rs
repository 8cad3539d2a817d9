//! Where labels go: a greedy placer that keeps every label inside the
//! chart, off every other label and off the marks.
//!
//! The marks (columns, lines) are rasterised once per chart onto a grid of
//! 2-pixel cells kept as bits, so that checking a candidate box against a
//! thousand line segments costs a few bit counts per row. *Hard* marks (a
//! column, the emphasised years' lines, the zero line) may never be covered;
//! *soft* ones (the grey lines of earlier years) may be, at a cost, when
//! nothing else fits. Labels are placed in order of importance, each at
//! the cheapest of its candidate boxes. No I/O here.

/// An axis-aligned box in SVG pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub left: f64,
    /// Top edge.
    pub top: f64,
    /// Right edge.
    pub right: f64,
    /// Bottom edge.
    pub bottom: f64,
}

impl Rect {
    /// The box of `width` x `height` whose top-left corner is (`left`, `top`).
    pub fn at(left: f64, top: f64, width: f64, height: f64) -> Rect {
        Rect {
            left,
            top,
            right: left + width,
            bottom: top + height,
        }
    }

    /// Its width.
    pub fn width(&self) -> f64 {
        self.right - self.left
    }

    /// Whether the two boxes come closer than `gap` to each other.
    pub fn near(&self, other: &Rect, gap: f64) -> bool {
        self.left < other.right + gap
            && other.left < self.right + gap
            && self.top < other.bottom + gap
            && other.top < self.bottom + gap
    }

    /// Whether `inner` lies wholly inside this box.
    pub fn contains(&self, inner: &Rect) -> bool {
        inner.left >= self.left && inner.right <= self.right && inner.top >= self.top && inner.bottom <= self.bottom
    }

    /// The point of the box nearest to `point`.
    pub fn nearest_point(&self, point: (f64, f64)) -> (f64, f64) {
        (
            point.0.clamp(self.left, self.right),
            point.1.clamp(self.top, self.bottom),
        )
    }

    /// Whether the segment from `a` to `b` passes through the box.
    pub fn crosses_segment(&self, a: (f64, f64), b: (f64, f64)) -> bool {
        // Liang-Barsky clipping: the segment meets the box if some part of
        // its parameter range survives all four edges.
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let mut low: f64 = 0.0;
        let mut high: f64 = 1.0;
        for (p, q) in [
            (-dx, a.0 - self.left),
            (dx, self.right - a.0),
            (-dy, a.1 - self.top),
            (dy, self.bottom - a.1),
        ] {
            if p == 0.0 {
                if q < 0.0 {
                    return false;
                }
            } else {
                let t = q / p;
                if p < 0.0 {
                    low = low.max(t);
                } else {
                    high = high.min(t);
                }
                if low > high {
                    return false;
                }
            }
        }
        true
    }
}

/// Size of a grid cell in pixels.
const CELL: f64 = 2.0;

/// Cells of one layer of marks, a column of bits per column of cells
/// (strokes fill short vertical runs, one or two words each).
#[derive(Debug, Clone)]
struct Layer {
    words: Vec<u64>,
}

/// The marks of a chart, rasterised onto 2-pixel cells: a label's box is
/// checked against them by counting set bits row by row, however many
/// line segments made them.
#[derive(Debug, Clone)]
pub struct MarkGrid {
    columns: usize,
    rows: usize,
    words_per_column: usize,
    hard: Layer,
    soft: Layer,
}

impl MarkGrid {
    /// An empty grid over a `width` x `height` chart.
    pub fn new(width: u32, height: u32) -> MarkGrid {
        let columns = (f64::from(width) / CELL).ceil() as usize + 1;
        let rows = (f64::from(height) / CELL).ceil() as usize + 1;
        let words_per_column = rows.div_ceil(64);
        let layer = || Layer {
            words: vec![0; words_per_column * columns],
        };
        MarkGrid {
            columns,
            rows,
            words_per_column,
            hard: layer(),
            soft: layer(),
        }
    }

    /// Cells from `low` to `high`, clamped to `count`: `inner` keeps only
    /// cells wholly inside, otherwise every cell touched.
    fn span(low: f64, high: f64, count: usize, inner: bool) -> (usize, usize) {
        let (first, last) = if inner {
            ((low / CELL).ceil(), (high / CELL).floor())
        } else {
            ((low / CELL).floor(), (high / CELL).ceil())
        };
        let clamp = |v: f64| (v.max(0.0) as usize).min(count);
        (clamp(first), clamp(last))
    }

    /// Marks a filled box.
    pub fn fill(&mut self, rect: Rect, hard: bool) {
        let (x0, x1) = Self::span(rect.left, rect.right, self.columns, false);
        let (y0, y1) = Self::span(rect.top, rect.bottom, self.rows, false);
        let words_per_column = self.words_per_column;
        let layer = if hard { &mut self.hard } else { &mut self.soft };
        for column in x0..x1 {
            for_each_word(y0, y1, |word, mask| {
                layer.words[column * words_per_column + word] |= mask
            });
        }
    }

    /// Marks a line of `width` pixels through `points`, one column of
    /// cells at a time: the span of the line over each column, widened by
    /// half the line's width. (This runs for every segment of every year's
    /// line in every chart, so it works in cells directly.)
    pub fn stroke(&mut self, points: &[(f64, f64)], width: f64, hard: bool) {
        let half = (width / 2.0).max(1.0);
        let (columns, rows, words_per_column) = (self.columns, self.rows, self.words_per_column);
        let layer = if hard { &mut self.hard } else { &mut self.soft };
        let cell = |value: f64| (value / CELL).max(0.0) as usize;
        for pair in points.windows(2) {
            let (a, b) = if pair[0].0 <= pair[1].0 {
                (pair[0], pair[1])
            } else {
                (pair[1], pair[0])
            };
            let dx = b.0 - a.0;
            let first = cell(a.0 - half);
            let last = (cell(b.0 + half) + 1).min(columns);
            for column in first..last {
                let left = column as f64 * CELL;
                let (y0, y1) = if dx <= 0.0 {
                    (a.1, b.1)
                } else {
                    let at = |x: f64| a.1 + (b.1 - a.1) * ((x - a.0) / dx).clamp(0.0, 1.0);
                    (at(left), at(left + CELL))
                };
                let top = cell(y0.min(y1) - half).min(rows);
                let bottom = (cell(y0.max(y1) + half) + 1).min(rows);
                let base = column * words_per_column;
                for_each_word(top, bottom, |word, mask| layer.words[base + word] |= mask);
            }
        }
    }

    /// Whether the segment from `a` to `b` passes over a hard mark more
    /// than `skip` pixels from `a` and outside `own` (a leader leaves the
    /// mark it labels first).
    fn segment_hits_hard(&self, a: (f64, f64), b: (f64, f64), skip: f64, own: Option<&Rect>) -> bool {
        let length = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
        let steps = (length / CELL).ceil() as usize;
        (0..=steps).any(|step| {
            let along = step as f64 * CELL;
            if along < skip || steps == 0 {
                return false;
            }
            let t = (along / length).min(1.0);
            let (x, y) = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
            if own.is_some_and(|own| {
                x >= own.left - 2.0 && x <= own.right + 2.0 && y >= own.top - 2.0 && y <= own.bottom + 2.0
            }) {
                return false;
            }
            let (column, row) = ((x / CELL).floor(), (y / CELL).floor());
            if column < 0.0 || row < 0.0 {
                return false;
            }
            let (column, row) = (column as usize, row as usize);
            column < self.columns
                && row < self.rows
                && self.hard.words[column * self.words_per_column + row / 64] & (1 << (row % 64)) != 0
        })
    }

    /// Cells of hard and soft marks wholly inside `rect`: a mark that only
    /// touches its edge does not count, so a label may sit right beside a
    /// column.
    fn count(&self, rect: &Rect) -> (u32, u32) {
        let (x0, x1) = Self::span(rect.left, rect.right, self.columns, true);
        let (y0, y1) = Self::span(rect.top, rect.bottom, self.rows, true);
        let (mut hard, mut soft) = (0, 0);
        for column in x0..x1 {
            let base = column * self.words_per_column;
            for_each_word(y0, y1, |word, mask| {
                hard += (self.hard.words[base + word] & mask).count_ones();
                soft += (self.soft.words[base + word] & mask).count_ones();
            });
        }
        (hard, soft)
    }
}

/// Calls `visit` with each word index and bit mask covering cells
/// `first..last` of a column.
fn for_each_word(first: usize, last: usize, mut visit: impl FnMut(usize, u64)) {
    if last <= first {
        return;
    }
    let (first_word, last_word) = (first / 64, (last - 1) / 64);
    for word in first_word..=last_word {
        let low = if word == first_word { first % 64 } else { 0 };
        let high = if word == last_word { (last - 1) % 64 + 1 } else { 64 };
        let mask = if high - low == 64 {
            u64::MAX
        } else {
            ((1u64 << (high - low)) - 1) << low
        };
        visit(word, mask);
    }
}

/// The least room kept between two labels, in pixels.
const LABEL_GAP: f64 = 3.0;

/// Cost of covering one cell of a soft mark: covering a grey line is
/// worth moving a label this many pixels further from its mark.
const SOFT_CELL_COST: f64 = 12.0;

/// A candidate box for a label, with what it costs to put it there.
#[derive(Debug, Clone, Copy)]
pub struct Candidate {
    /// The label's box.
    pub rect: Rect,
    /// Its cost before marks are counted: distance from the mark, and how
    /// much less natural the position is.
    pub cost: f64,
}

/// Places labels one at a time, each clear of those before it.
#[derive(Debug, Clone)]
pub struct Placer {
    bounds: Rect,
    labels: Vec<Rect>,
    leaders: Vec<((f64, f64), (f64, f64))>,
    marks: MarkGrid,
}

impl Placer {
    /// A placer for labels that must stay inside `bounds`, off `marks`.
    pub fn new(bounds: Rect, marks: MarkGrid) -> Placer {
        Placer {
            bounds,
            labels: Vec::new(),
            leaders: Vec::new(),
            marks,
        }
    }

    /// Keeps later labels off `rect` (an axis label already drawn).
    pub fn reserve(&mut self, rect: Rect) {
        self.labels.push(rect);
    }

    /// Keeps later labels off a leader line.
    pub fn reserve_leader(&mut self, from: (f64, f64), to: (f64, f64)) {
        self.leaders.push((from, to));
    }

    /// Whether `rect` is inside the chart and clear of other labels and
    /// of leader lines.
    pub fn is_free(&self, rect: &Rect) -> bool {
        self.bounds.contains(rect)
            && !self.labels.iter().any(|label| label.near(rect, LABEL_GAP))
            && !self.leaders.iter().any(|(a, b)| rect.crosses_segment(*a, *b))
    }

    /// Whether `rect` is free and covers no mark at all.
    pub fn fits(&self, rect: &Rect) -> bool {
        self.is_free(rect) && self.marks.count(rect) == (0, 0)
    }

    /// The cheapest candidate that is free and covers no hard mark (nor
    /// a soft one, unless `soft_allowed`), whose leader from `anchor` (if
    /// any) crosses no other label and no mark but `own` (the one it
    /// labels); it is then taken.
    pub fn place(
        &mut self,
        candidates: impl IntoIterator<Item = Candidate>,
        anchor: Option<(f64, f64)>,
        own: Option<&Rect>,
        soft_allowed: bool,
    ) -> Option<Rect> {
        let mut best: Option<(f64, Rect)> = None;
        for candidate in candidates {
            if best.is_some_and(|(cost, _)| candidate.cost >= cost) || !self.is_free(&candidate.rect) {
                continue;
            }
            let (hard, soft) = self.marks.count(&candidate.rect);
            if hard > 0 || (soft > 0 && !soft_allowed) {
                continue;
            }
            if let Some(anchor) = anchor {
                // A leader may not cross another label, nor a column or an
                // emphasised line on its way.
                let end = candidate.rect.nearest_point(anchor);
                if self.labels.iter().any(|label| label.crosses_segment(anchor, end))
                    || self.marks.segment_hits_hard(anchor, end, 4.0, own)
                {
                    continue;
                }
            }
            let cost = candidate.cost + f64::from(soft) * SOFT_CELL_COST;
            if best.is_none_or(|(best_cost, _)| cost < best_cost) {
                best = Some((cost, candidate.rect));
            }
        }
        let (_, rect) = best?;
        self.labels.push(rect);
        Some(rect)
    }
}

/// Candidate boxes of `width` x `height` around `anchor`, at each of the
/// `distances`, in eight directions; `preferred` directions (as unit
/// vectors, e.g. `(0.0, -1.0)` for above) cost less.
pub fn around(
    anchor: (f64, f64),
    width: f64,
    height: f64,
    distances: &[f64],
    preferred: &[(f64, f64)],
) -> Vec<Candidate> {
    const DIRECTIONS: [(f64, f64); 8] = [
        (1.0, 0.0),
        (1.0, -1.0),
        (0.0, -1.0),
        (-1.0, -1.0),
        (-1.0, 0.0),
        (-1.0, 1.0),
        (0.0, 1.0),
        (1.0, 1.0),
    ];
    let mut candidates = Vec::with_capacity(distances.len() * 8 * 3);
    for &distance in distances {
        for (dx, dy) in DIRECTIONS {
            let penalty = if preferred.contains(&(dx, dy)) { 0.0 } else { 12.0 };
            // The box's edge nearest the anchor sits `distance` away; along
            // an axis, the box may also slide so that it is centred or
            // aligned with the anchor's side.
            let lefts: Vec<f64> = match dx {
                d if d > 0.0 => vec![anchor.0 + distance],
                d if d < 0.0 => vec![anchor.0 - distance - width],
                _ => vec![anchor.0 - width / 2.0, anchor.0 - 2.0, anchor.0 - width + 2.0],
            };
            let tops: Vec<f64> = match dy {
                d if d > 0.0 => vec![anchor.1 + distance],
                d if d < 0.0 => vec![anchor.1 - distance - height],
                _ => vec![anchor.1 - height / 2.0],
            };
            for (slide, &left) in lefts.iter().enumerate() {
                for &top in &tops {
                    candidates.push(Candidate {
                        rect: Rect::at(left.round(), top.round(), width, height),
                        cost: distance + penalty + slide as f64 * 2.0,
                    });
                }
            }
        }
    }
    candidates
}

/// Candidate boxes of `width` x `height` right of `anchor` (a line's end),
/// `gap` away, slid up or down by up to `reach` pixels: end labels stack
/// beside the lines they name.
pub fn beside(anchor: (f64, f64), width: f64, height: f64, gap: f64, reach: f64) -> Vec<Candidate> {
    let steps = (reach / 2.0).ceil() as i32;
    (-steps..=steps)
        .map(|step| {
            let shift = f64::from(step) * 2.0;
            Candidate {
                rect: Rect::at(
                    (anchor.0 + gap).round(),
                    (anchor.1 - height / 2.0 + shift).round(),
                    width,
                    height,
                ),
                cost: shift.abs(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bounds() -> Rect {
        Rect::at(0.0, 0.0, 200.0, 100.0)
    }

    #[test]
    fn a_label_avoids_hard_marks_and_other_labels() {
        let mut marks = MarkGrid::new(200, 100);
        // A column under the anchor, from y = 50 down to 100.
        marks.fill(Rect::at(90.0, 50.0, 20.0, 50.0), true);
        let mut placer = Placer::new(bounds(), marks);
        placer.reserve(Rect::at(80.0, 20.0, 40.0, 20.0));
        let candidates = around((100.0, 50.0), 30.0, 12.0, &[4.0, 10.0, 20.0, 40.0], &[(0.0, -1.0)]);
        let column = Rect::at(90.0, 50.0, 20.0, 50.0);
        let rect = placer
            .place(candidates, Some((100.0, 50.0)), Some(&column), false)
            .expect("a place");
        assert!(!rect.near(&Rect::at(80.0, 20.0, 40.0, 20.0), 2.0), "{rect:?}");
        assert!(
            rect.bottom <= 50.0 || rect.left >= 110.0 || rect.right <= 90.0,
            "{rect:?}"
        );
        assert!(bounds().contains(&rect));
    }

    #[test]
    fn soft_marks_are_covered_only_when_allowed() {
        let mut marks = MarkGrid::new(200, 100);
        marks.stroke(&[(0.0, 0.0), (200.0, 100.0)], 1.0, false);
        marks.stroke(&[(0.0, 100.0), (200.0, 0.0)], 1.0, false);
        let candidates = || {
            vec![Candidate {
                rect: Rect::at(90.0, 44.0, 20.0, 12.0),
                cost: 0.0,
            }]
        };
        let mut placer = Placer::new(bounds(), marks);
        assert!(placer.place(candidates(), None, None, false).is_none());
        assert!(placer.place(candidates(), None, None, true).is_some());
    }

    #[test]
    fn segments_cross_boxes_they_pass_through() {
        let rect = Rect::at(10.0, 10.0, 10.0, 10.0);
        assert!(rect.crosses_segment((0.0, 15.0), (30.0, 15.0)));
        assert!(!rect.crosses_segment((0.0, 0.0), (30.0, 5.0)));
        assert!(rect.crosses_segment((12.0, 12.0), (13.0, 13.0)));
    }
}
