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

/// A layer of marks on a grid of square cells, a column of bits per
/// column of cells (strokes fill short vertical runs, a word or two each).
#[derive(Debug, Clone)]
struct Layer {
    /// Cell size in pixels.
    cell: f64,
    columns: usize,
    rows: usize,
    words_per_column: usize,
    words: Vec<u64>,
}

impl Layer {
    fn new(width: u32, height: u32, cell: f64) -> Layer {
        let columns = (f64::from(width) / cell).ceil() as usize + 1;
        let rows = (f64::from(height) / cell).ceil() as usize + 1;
        let words_per_column = rows.div_ceil(64);
        Layer {
            cell,
            columns,
            rows,
            words_per_column,
            words: vec![0; words_per_column * columns],
        }
    }

    /// Cells from `low` to `high`, clamped to `count`: `inner` keeps only
    /// cells wholly inside, otherwise every cell touched.
    fn span(&self, low: f64, high: f64, count: usize, inner: bool) -> (usize, usize) {
        let (first, last) = if inner {
            ((low / self.cell).ceil(), (high / self.cell).floor())
        } else {
            ((low / self.cell).floor(), (high / self.cell).ceil())
        };
        let clamp = |v: f64| (v.max(0.0) as usize).min(count);
        (clamp(first), clamp(last))
    }

    /// Sets cells `top..bottom` of `column`.
    fn set_run(&mut self, column: usize, top: usize, bottom: usize) {
        if bottom <= top || column >= self.columns {
            return;
        }
        let base = column * self.words_per_column;
        let (first_word, last_word) = (top / 64, (bottom - 1) / 64);
        if first_word == last_word {
            // The usual case: a short run within one word.
            let run = bottom - top;
            let mask = if run == 64 {
                u64::MAX
            } else {
                ((1u64 << run) - 1) << (top % 64)
            };
            self.words[base + first_word] |= mask;
        } else {
            let words = &mut self.words;
            for_each_word(top, bottom, |word, mask| words[base + word] |= mask);
        }
    }

    fn fill(&mut self, rect: Rect) {
        let (x0, x1) = self.span(rect.left, rect.right, self.columns, false);
        let (y0, y1) = self.span(rect.top, rect.bottom, self.rows, false);
        for column in x0..x1 {
            self.set_run(column, y0, y1);
        }
    }

    fn stroke(&mut self, points: &[(f64, f64)], half: f64) {
        let per_cell = 1.0 / self.cell;
        let max_row = self.rows as f64;
        let max_column = self.columns as f64;
        for pair in points.windows(2) {
            // In cell units from here on: one column of cells at a time,
            // the span of the segment over it widened by half the width.
            let (a, b) = if pair[0].0 <= pair[1].0 {
                (pair[0], pair[1])
            } else {
                (pair[1], pair[0])
            };
            let (ax, ay, bx, by) = (a.0 * per_cell, a.1 * per_cell, b.0 * per_cell, b.1 * per_cell);
            let half = half * per_cell;
            let slope = if bx > ax { (by - ay) / (bx - ax) } else { 0.0 };
            // `max` and `min` rather than `clamp`: plain machine
            // instructions, and the values are never NaN.
            let to_cell = |value: f64, limit: f64| value.max(0.0).min(limit) as u32 as usize;
            let first = to_cell(ax - half, max_column);
            let last = to_cell(bx + half, max_column - 1.0) + 1;
            for column in first..last {
                let left = (column as f64).max(ax).min(bx);
                let right = (column as f64 + 1.0).max(ax).min(bx);
                let (y0, y1) = if bx > ax {
                    (ay + slope * (left - ax), ay + slope * (right - ax))
                } else {
                    (ay, by)
                };
                let top = to_cell(y0.min(y1) - half, max_row);
                let bottom = to_cell(y0.max(y1) + half, max_row - 1.0) + 1;
                self.set_run(column, top, bottom);
            }
        }
    }

    fn is_set(&self, x: f64, y: f64) -> bool {
        if x < 0.0 || y < 0.0 {
            return false;
        }
        let (column, row) = ((x / self.cell) as usize, (y / self.cell) as usize);
        column < self.columns
            && row < self.rows
            && self.words[column * self.words_per_column + row / 64] & (1 << (row % 64)) != 0
    }

    /// The words and masks covering cells `first..last` of every column
    /// (a label is a few rows tall: a word or two).
    fn row_masks(first: usize, last: usize) -> Vec<(usize, u64)> {
        let mut masks = Vec::with_capacity(4);
        for_each_word(first, last, |word, mask| masks.push((word, mask)));
        masks
    }

    /// Whether any cell wholly inside `rect` is set.
    fn any(&self, rect: &Rect) -> bool {
        let (x0, x1) = self.span(rect.left, rect.right, self.columns, true);
        let (y0, y1) = self.span(rect.top, rect.bottom, self.rows, true);
        let masks = Self::row_masks(y0, y1);
        (x0..x1).any(|column| {
            let column = &self.words[column * self.words_per_column..(column + 1) * self.words_per_column];
            masks.iter().any(|&(word, mask)| column[word] & mask != 0)
        })
    }

    /// Set cells `rect` touches.
    fn touched(&self, rect: &Rect) -> u32 {
        let (x0, x1) = self.span(rect.left, rect.right, self.columns, false);
        let (y0, y1) = self.span(rect.top, rect.bottom, self.rows, false);
        let masks = Self::row_masks(y0, y1);
        (x0..x1)
            .map(|column| {
                let column = &self.words[column * self.words_per_column..(column + 1) * self.words_per_column];
                masks
                    .iter()
                    .map(|&(word, mask)| (column[word] & mask).count_ones())
                    .sum::<u32>()
            })
            .sum()
    }
}

/// Size of a cell of hard marks in pixels: fine, so that a label may sit
/// snug beside a column.
const HARD_CELL: f64 = 2.0;
/// Size of a cell of soft marks: coarse, because a soft mark counts in
/// every cell a label touches, so labels keep a little clear of grey lines
/// (and there are many of them to rasterise).
const SOFT_CELL: f64 = 4.0;

/// The marks of a chart, rasterised onto cells: a label's box is checked
/// against them by counting set bits column by column, however many line
/// segments made them.
#[derive(Debug, Clone)]
pub struct MarkGrid {
    hard: Layer,
    soft: Layer,
}

impl MarkGrid {
    /// An empty grid over a `width` x `height` chart.
    pub fn new(width: u32, height: u32) -> MarkGrid {
        MarkGrid {
            hard: Layer::new(width, height, HARD_CELL),
            soft: Layer::new(width, height, SOFT_CELL),
        }
    }

    /// Marks a filled box.
    pub fn fill(&mut self, rect: Rect, hard: bool) {
        if hard { &mut self.hard } else { &mut self.soft }.fill(rect);
    }

    /// Marks a line of `width` pixels through `points`, one column of
    /// cells at a time: the span of the line over each column, widened by
    /// half the line's width. (This runs for every segment of every year's
    /// line in every chart, so it works in cells directly.)
    pub fn stroke(&mut self, points: &[(f64, f64)], width: f64, hard: bool) {
        let half = (width / 2.0).max(1.0);
        if hard { &mut self.hard } else { &mut self.soft }.stroke(points, half);
    }

    /// Whether the segment from `a` to `b` passes over a hard mark more
    /// than `skip` pixels from `a` and outside `own` (a leader leaves the
    /// mark it labels first).
    fn segment_hits_hard(&self, a: (f64, f64), b: (f64, f64), skip: f64, own: Option<&Rect>) -> bool {
        let length = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
        let steps = (length / HARD_CELL).ceil() as usize;
        (0..=steps).any(|step| {
            let along = step as f64 * HARD_CELL;
            if along < skip || steps == 0 {
                return false;
            }
            let t = (along / length).min(1.0);
            let (x, y) = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
            let in_own = own.is_some_and(|own| {
                x >= own.left - 2.0 && x <= own.right + 2.0 && y >= own.top - 2.0 && y <= own.bottom + 2.0
            });
            !in_own && self.hard.is_set(x, y)
        })
    }

    /// Whether a hard mark lies wholly inside a cell of `rect` (one that
    /// only touches its edge does not count, so a label may sit right
    /// beside a column).
    fn covers_hard(&self, rect: &Rect) -> bool {
        self.hard.any(rect)
    }

    /// Soft cells `rect` touches.
    fn soft_cells(&self, rect: &Rect) -> u32 {
        self.soft.touched(rect)
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

/// Cost of a label touching one (4-pixel) cell of a soft mark, for labels
/// that should sit on grey lines only when nothing near is clear (a year's
/// name): a grey line across a label costs a move of a hundred pixels.
pub const AVOID_SOFT: Option<f64> = Some(30.0);

/// Cost of a soft cell for labels that had better stay near their mark
/// (an event): over a grey line, on a halo, rather than far away.
pub const NEAR_OVER_SOFT: Option<f64> = Some(6.0);

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
    leaders_cross_marks: bool,
}

impl Placer {
    /// A placer for labels that must stay inside `bounds`, off `marks`.
    pub fn new(bounds: Rect, marks: MarkGrid) -> Placer {
        Placer {
            bounds,
            labels: Vec::new(),
            leaders: Vec::new(),
            marks,
            leaders_cross_marks: false,
        }
    }

    /// The same placer, whose leaders may cross marks: on a chart of
    /// lines a leader crossing a line is read as a leader.
    pub fn with_leaders_crossing_marks(self) -> Placer {
        Placer {
            leaders_cross_marks: true,
            ..self
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
        self.is_free(rect) && !self.marks.covers_hard(rect) && self.marks.soft_cells(rect) == 0
    }

    /// The cheapest candidate that is free, covers no hard mark (nor a
    /// soft one, unless `soft_cost` says what each cell of one costs) and
    /// whose leader from `anchor` (if any) crosses no other label and no
    /// hard mark but `own` (the one it labels; on a chart of lines, leaders
    /// may cross lines). The box found is taken.
    pub fn place(
        &mut self,
        candidates: impl IntoIterator<Item = Candidate>,
        anchor: Option<(f64, f64)>,
        own: Option<&Rect>,
        soft_cost: Option<f64>,
    ) -> Option<Rect> {
        let (_, rect) = self.cheapest(candidates, anchor, own, soft_cost, f64::INFINITY)?;
        self.take(rect);
        Some(rect)
    }

    /// Takes `rect`: later labels keep off it.
    pub fn take(&mut self, rect: Rect) {
        self.labels.push(rect);
    }

    /// The cost and box of the candidate [`Placer::place`] would take, if
    /// one costs less than `below`; nothing is taken.
    pub fn cheapest(
        &self,
        candidates: impl IntoIterator<Item = Candidate>,
        anchor: Option<(f64, f64)>,
        own: Option<&Rect>,
        soft_cost: Option<f64>,
        below: f64,
    ) -> Option<(f64, Rect)> {
        // In order of cost, so that the search stops as soon as no
        // candidate left can be cheaper than the best found. Sorting small
        // keys (quarter pixels, then the order given, which also breaks
        // ties) is much cheaper than sorting the candidates.
        let candidates: Vec<Candidate> = candidates.into_iter().collect();
        let mut order: Vec<(u32, u32)> = candidates
            .iter()
            .enumerate()
            .map(|(index, c)| ((c.cost.max(0.0) * 4.0) as u32, index as u32))
            .collect();
        order.sort_unstable();
        let mut best: Option<(f64, Rect)> = None;
        for candidate in order.iter().map(|&(_, index)| candidates[index as usize]) {
            if candidate.cost >= best.map_or(below, |(cost, _)| cost) {
                break;
            }
            if !self.is_free(&candidate.rect) || self.marks.covers_hard(&candidate.rect) {
                continue;
            }
            let soft = self.marks.soft_cells(&candidate.rect);
            let cost = match soft_cost {
                _ if soft == 0 => candidate.cost,
                Some(per_cell) => candidate.cost + f64::from(soft) * per_cell,
                None => continue,
            };
            if cost >= best.map_or(below, |(best, _)| best) {
                continue;
            }
            if let Some(anchor) = anchor {
                // A leader may not cross another label, nor a column or an
                // emphasised line on its way.
                let end = candidate.rect.nearest_point(anchor);
                if self.labels.iter().any(|label| label.crosses_segment(anchor, end))
                    || (!self.leaders_cross_marks && self.marks.segment_hits_hard(anchor, end, 4.0, own))
                {
                    continue;
                }
            }
            best = Some((cost, candidate.rect));
        }
        best
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
    let mut candidates = Vec::with_capacity(distances.len() * 12);
    for &distance in distances {
        for (dx, dy) in DIRECTIONS {
            let penalty = if preferred.contains(&(dx, dy)) { 0.0 } else { 24.0 };
            // The box's edge nearest the anchor sits `distance` away; above
            // or below, the box may also slide so that it is centred on the
            // anchor or aligned with either of its sides.
            let top = match dy {
                d if d > 0.0 => anchor.1 + distance,
                d if d < 0.0 => anchor.1 - distance - height,
                _ => anchor.1 - height / 2.0,
            };
            let (lefts, count) = match dx {
                d if d > 0.0 => ([anchor.0 + distance, 0.0, 0.0], 1),
                d if d < 0.0 => ([anchor.0 - distance - width, 0.0, 0.0], 1),
                _ => ([anchor.0 - width / 2.0, anchor.0 - 2.0, anchor.0 - width + 2.0], 3),
            };
            for (slide, left) in lefts.iter().take(count).enumerate() {
                candidates.push(Candidate {
                    rect: Rect::at(left.round(), top.round(), width, height),
                    cost: distance + penalty + slide as f64 * 2.0,
                });
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
            .place(candidates, Some((100.0, 50.0)), Some(&column), None)
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
        assert!(placer.place(candidates(), None, None, None).is_none());
        assert!(placer.place(candidates(), None, None, AVOID_SOFT).is_some());
    }

    #[test]
    fn segments_cross_boxes_they_pass_through() {
        let rect = Rect::at(10.0, 10.0, 10.0, 10.0);
        assert!(rect.crosses_segment((0.0, 15.0), (30.0, 15.0)));
        assert!(!rect.crosses_segment((0.0, 0.0), (30.0, 5.0)));
        assert!(rect.crosses_segment((12.0, 12.0), (13.0, 13.0)));
    }
}
