//! Nice tick values for money axes, in whole oku.
//!
//! Steps are 1, 2, 2.5 or 5 times a power of ten, so that every tick label
//! is a round number of yen billions or trillions.

use crate::model::Amount;

/// Ticks from a round value at or below `low` to one at or above `high`,
/// about `target` of them, always including zero.
pub fn nice_ticks(low: Amount, high: Amount, target: u32) -> Vec<Amount> {
    let low = low.0.min(0);
    let high = high.0.max(0);
    // An empty range (every value zero) still needs an axis.
    let span = (high - low).max(10);
    let step = nice_step(span, target.max(2));
    let first = low.div_euclid(step) * step;
    let last = -((-high).div_euclid(step) * step);
    let mut ticks = Vec::new();
    let mut tick = first;
    while tick <= last {
        ticks.push(Amount(tick));
        tick += step;
    }
    if ticks.len() < 2 {
        ticks.push(Amount(last + step));
    }
    ticks
}

fn nice_step(span: i64, target: u32) -> i64 {
    let rough = span as f64 / f64::from(target);
    let magnitude = 10f64.powi(rough.log10().floor() as i32);
    let normalized = rough / magnitude;
    let factor = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .find(|&f| normalized <= f)
        .unwrap_or(10.0);
    ((factor * magnitude).round() as i64).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(ticks: &[Amount]) -> Vec<i64> {
        ticks.iter().map(|t| t.0).collect()
    }

    #[test]
    fn covers_the_range_with_round_steps_through_zero() {
        assert_eq!(
            values(&nice_ticks(Amount(-15_228), Amount(22_362), 5)),
            vec![-20_000, -10_000, 0, 10_000, 20_000, 30_000]
        );
        assert_eq!(
            values(&nice_ticks(Amount(120), Amount(870), 5)),
            vec![0, 200, 400, 600, 800, 1_000]
        );
    }

    #[test]
    fn all_negative_and_all_zero_ranges_still_get_an_axis() {
        assert_eq!(
            values(&nice_ticks(Amount(-870), Amount(-120), 5)),
            vec![-1_000, -800, -600, -400, -200, 0]
        );
        let zero = nice_ticks(Amount(0), Amount(0), 5);
        assert!(zero.len() >= 2 && zero.contains(&Amount(0)), "{zero:?}");
    }
}

/// A linear axis whose labelled positions are exactly the given ticks.
///
/// plotters' own f64 axis picks its label positions itself, and its
/// key-point wrapper loses the label formatter; this keeps both under our
/// control so labels are always the round values chosen above.
#[derive(Debug, Clone)]
pub struct TickedAxis {
    start: f64,
    end: f64,
    ticks: Vec<f64>,
}

impl TickedAxis {
    /// An axis from `start` to `end` with labels at `ticks`.
    pub fn new(start: f64, end: f64, ticks: Vec<f64>) -> Self {
        TickedAxis { start, end, ticks }
    }
}

impl plotters::coord::ranged1d::Ranged for TickedAxis {
    type FormatOption = plotters::coord::ranged1d::DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        if self.end == self.start {
            return (limit.0 + limit.1) / 2;
        }
        let fraction = (value - self.start) / (self.end - self.start);
        limit.0 + (fraction * f64::from(limit.1 - limit.0)).round() as i32
    }

    fn key_points<Hint: plotters::coord::ranged1d::KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        // Light (minor) grid lines are clutter on a small chart.
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.clone()
        }
    }

    fn range(&self) -> std::ops::Range<f64> {
        self.start..self.end
    }
}
