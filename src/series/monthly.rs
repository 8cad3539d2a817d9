//! Monthly totals summed from a weekly series.
//!
//! A week belongs to the month of its Monday, the rule year-to-date totals
//! use, so a month's total and the year's add up. Only complete months are
//! kept: a month whose weeks the data do not all cover would understate it.

use crate::model::{FlowSeries, Month, MonthlyOrigin, MonthlyPoint, MonthlySeries, SeriesId, SeriesMeta};
use chrono::{Datelike, Weekday};

/// A month the data cover only in part (weeks present, weeks in the month).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartialMonth {
    /// The month.
    pub month: Month,
    /// Weeks of it in the data.
    pub weeks_present: u32,
    /// Weeks whose Monday falls in it.
    pub weeks_in_month: u32,
}

/// The monthly series `id` summed from `weekly`, and the latest month left
/// out because the data do not cover it yet.
pub fn monthly_totals(
    id: &SeriesId,
    title: Option<&str>,
    weekly: &FlowSeries,
) -> (MonthlySeries, Option<PartialMonth>) {
    let mut points: Vec<MonthlyPoint> = Vec::new();
    let mut partial = None;
    let mut index = 0;
    while index < weekly.points.len() {
        let month = Month::of(weekly.points[index].week.monday());
        let end = weekly.points[index..]
            .iter()
            .position(|p| Month::of(p.week.monday()) != month)
            .map_or(weekly.points.len(), |offset| index + offset);
        let weeks = &weekly.points[index..end];
        let needed = mondays_in(month);
        let present = u32::try_from(weeks.len()).unwrap_or(u32::MAX);
        if present == needed {
            points.push(MonthlyPoint {
                month,
                net: weeks.iter().fold(crate::model::Amount(0), |sum, p| sum + p.net),
                cell: weeks[0].cell.clone(),
                weeks: Some(present),
            });
        } else if end == weekly.points.len() {
            partial = Some(PartialMonth {
                month,
                weeks_present: present,
                weeks_in_month: needed,
            });
        }
        index = end;
    }
    let meta = SeriesMeta {
        id: id.clone(),
        title: title.map_or_else(|| format!("{}, monthly", weekly.meta.title), str::to_string),
        ..weekly.meta.clone()
    };
    (
        MonthlySeries {
            meta,
            points,
            origin: MonthlyOrigin::DerivedFrom {
                id: weekly.meta.id.clone(),
                title: weekly.meta.title.clone(),
            },
        },
        partial,
    )
}

fn mondays_in(month: Month) -> u32 {
    let mut day = month.first_day();
    let mut count = 0;
    while Month::of(day) == month {
        if day.weekday() == Weekday::Mon {
            count += 1;
        }
        day = day.succ_opt().unwrap_or(day);
        if day == month.first_day() {
            break;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Amount, Direction};
    use crate::series::testing::points;

    fn weekly(y: i32, m: u32, d: u32, nets: &[i64]) -> FlowSeries {
        FlowSeries {
            meta: SeriesMeta {
                id: SeriesId::composed("w".to_string()),
                asset_class: crate::model::AssetClass::Equity,
                title: "W".to_string(),
                actor: "A".to_string(),
                asset: "B".to_string(),
                published_label: "W".to_string(),
                direction: Direction::Inward,
                unit: crate::model::Unit::Oku,
                breaks: Vec::new(),
            },
            points: points(y, m, d, nets),
        }
    }

    #[test]
    fn sums_complete_months_by_the_monday_rule() {
        // Weeks from 2025-12-28 (Monday 29 Dec: December) to 2026-02-14.
        let series = weekly(2025, 12, 28, &[1, 10, 20, 30, 40, 100, 200, 300]);
        let (monthly, partial) = monthly_totals(&SeriesId::composed("m".to_string()), None, &series);
        // December 2025 has 5 Mondays but only one week is in the data: left out.
        let months: Vec<(String, i64, Option<u32>)> = monthly
            .points
            .iter()
            .map(|p| (p.month.to_string(), p.net.0, p.weeks))
            .collect();
        assert_eq!(months, vec![("2026-01".to_string(), 100, Some(4))]);
        // February 2026 has 4 Mondays and 3 of its weeks are in the data.
        let partial = partial.expect("February is still open");
        assert_eq!(
            (partial.month.to_string(), partial.weeks_present, partial.weeks_in_month),
            ("2026-02".to_string(), 3, 4)
        );
        assert_eq!(monthly.meta.title, "W, monthly");
        assert_eq!(Amount(100), monthly.points[0].net);
    }

    #[test]
    fn counts_mondays() {
        let month = |y, m| Month::of(chrono::NaiveDate::from_ymd_opt(y, m, 1).expect("date"));
        assert_eq!(mondays_in(month(2026, 1)), 4);
        assert_eq!(mondays_in(month(2025, 12)), 5);
        assert_eq!(mondays_in(month(2026, 2)), 4);
    }
}
