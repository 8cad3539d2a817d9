//! Cumulative year-to-date totals, computed once for every week.
//!
//! A Sunday..Saturday week counts in the year of its Monday, as wire
//! reports count it, so the week 2025-12-28..2026-01-03 ends 2025. A year
//! the data do not cover from its first week has no total: a sum over part
//! of a year would claim more than it knows. Facts, charts and tables all
//! read the totals made here.

use super::facts::WeekFacts;
use crate::model::{Amount, FlowPoint};
use std::collections::BTreeMap;

/// A year-to-date total over a number of weeks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct YearToDate {
    /// The year.
    pub year: i32,
    /// How many weeks of the year it covers (the week's number in its year).
    pub weeks: u32,
    /// Their summed net.
    pub total: Amount,
    /// Whether the week is the year's last, so the total is the whole year's.
    pub closes_year: bool,
}

/// The year-to-date total after every week, in the points' order; `None`
/// for the weeks of a year the data do not cover from its first week.
pub fn year_to_date(points: &[FlowPoint]) -> Vec<Option<YearToDate>> {
    let mut totals = Vec::with_capacity(points.len());
    // The year being summed, and whether its first week is in the data.
    let mut year: Option<(i32, bool)> = None;
    let mut running = Amount(0);
    for point in points {
        let this_year = point.week.ytd_year();
        let weeks = point.week.week_of_year();
        let complete = match year {
            Some((current, complete)) if current == this_year => complete,
            _ => {
                running = Amount(0);
                weeks == 1
            }
        };
        year = Some((this_year, complete));
        running = running + point.net;
        totals.push(complete.then_some(YearToDate {
            year: this_year,
            weeks,
            total: running,
            closes_year: point.week.next().ytd_year() != this_year,
        }));
    }
    totals
}

/// Each year's totals week by week, using the weeks up to and including
/// the one at `through`; years without totals are left out.
pub fn year_lines(facts: &[WeekFacts], through: usize) -> BTreeMap<i32, Vec<YearToDate>> {
    let mut lines: BTreeMap<i32, Vec<YearToDate>> = BTreeMap::new();
    // Weeks of a year are consecutive: gather each year, then file it.
    let mut year: Vec<YearToDate> = Vec::with_capacity(53);
    for ytd in facts.iter().take(through + 1).filter_map(|f| f.ytd) {
        if let Some(last) = year.last().map(|last| last.year).filter(|last| *last != ytd.year) {
            lines.insert(last, std::mem::replace(&mut year, Vec::with_capacity(53)));
        }
        year.push(ytd);
    }
    if let Some(first) = year.first() {
        lines.insert(first.year, year);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::series::compute_week_facts;
    use crate::series::testing::points;

    #[test]
    fn resets_at_the_week_whose_monday_is_in_the_new_year() {
        // 2024-12-29 (Monday 12-30: 2024, week 53 of a year whose data start
        // late), 2025-01-05 (week 1 of 2025), 2025-01-12.
        let series = points(2024, 12, 29, &[5, 7, 100]);
        let seen: Vec<Option<(i32, u32, i64)>> = year_to_date(&series)
            .iter()
            .map(|t| t.map(|t| (t.year, t.weeks, t.total.0)))
            .collect();
        assert_eq!(seen, vec![None, Some((2025, 1, 7)), Some((2025, 2, 107))]);
    }

    #[test]
    fn lines_stop_at_the_requested_week_and_skip_partial_years() {
        let series = points(2025, 12, 21, &[5, 7, 100, 1]);
        let lines = year_lines(&compute_week_facts(&series), 2);
        // 2025 starts at week 51 in this data: no line for it.
        assert_eq!(lines.keys().copied().collect::<Vec<_>>(), vec![2026]);
        assert_eq!(lines[&2026].len(), 1);
        assert_eq!(lines[&2026][0].total, Amount(100));
    }
}
