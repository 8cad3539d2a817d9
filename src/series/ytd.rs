//! Cumulative year-to-date totals.
//!
//! A Sunday..Saturday week counts in the year of its Monday, as wire
//! reports count it, so the week 2025-12-28..2026-01-03 ends 2025.

use crate::model::{Amount, FlowPoint, Week};
use std::collections::BTreeMap;

/// The year-to-date total after one week.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YtdPoint {
    /// The week.
    pub week: Week,
    /// The year it counts in.
    pub year: i32,
    /// 1-based week number within that year.
    pub week_of_year: u32,
    /// Sum of the net of every week of that year up to and including this one.
    pub cumulative: Amount,
}

/// The year-to-date total after every week.
pub fn year_to_date(points: &[FlowPoint]) -> Vec<YtdPoint> {
    let mut totals = Vec::with_capacity(points.len());
    let mut year = None;
    let mut running = Amount(0);
    for point in points {
        let this_year = point.week.ytd_year();
        if year != Some(this_year) {
            year = Some(this_year);
            running = Amount(0);
        }
        running = running + point.net;
        totals.push(YtdPoint {
            week: point.week,
            year: this_year,
            week_of_year: point.week.week_of_year(),
            cumulative: running,
        });
    }
    totals
}

/// Year-to-date lines per year, using weeks up to and including `through`.
/// Years the data do not cover from their first week are left out: their
/// line would start from zero part-way through the year and mislead.
pub fn ytd_lines(ytd: &[YtdPoint], through: usize) -> BTreeMap<i32, Vec<YtdPoint>> {
    let mut lines: BTreeMap<i32, Vec<YtdPoint>> = BTreeMap::new();
    for point in ytd.iter().take(through + 1) {
        lines.entry(point.year).or_default().push(*point);
    }
    lines.retain(|_, points| points.first().is_some_and(|p| p.week_of_year == 1));
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::series::testing::points;

    #[test]
    fn resets_at_the_week_whose_monday_is_in_the_new_year() {
        // 2025-12-21, 2025-12-28 (Monday 12-29: still 2025), 2026-01-04.
        let series = points(2025, 12, 21, &[5, 7, 100]);
        let ytd = year_to_date(&series);
        let seen: Vec<(i32, u32, i64)> = ytd.iter().map(|p| (p.year, p.week_of_year, p.cumulative.0)).collect();
        assert_eq!(seen, vec![(2025, 51, 5), (2025, 52, 12), (2026, 1, 100)]);
    }

    #[test]
    fn lines_stop_at_the_requested_week_and_skip_partial_years() {
        let series = points(2025, 12, 21, &[5, 7, 100, 1]);
        let lines = ytd_lines(&year_to_date(&series), 2);
        // 2025 starts at week 51 in this data: no line for it.
        assert_eq!(lines.keys().copied().collect::<Vec<_>>(), vec![2026]);
        assert_eq!(lines[&2026].len(), 1);
    }
}
