//! The facts of one week, as typed values: what a wire report says about it.

use super::streak::{Side, Streak, streaks};
use super::ytd::{YearToDate, year_to_date};
use crate::model::{Amount, FlowPoint, Week};
use std::collections::BTreeMap;

/// How a week's net compares with the history before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Extreme {
    /// Nothing notable.
    None,
    /// The largest net purchase (or sale) in the data so far.
    Record,
    /// The largest net purchase (or sale) since `week`, which was at least
    /// as large (`net`).
    LargestSince {
        /// The last earlier week at least as large.
        week: Week,
        /// Its net.
        net: Amount,
    },
}

/// Everything a weekly story states about one series in one week.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeekFacts {
    /// Position of the week in the series.
    pub index: usize,
    /// The week.
    pub week: Week,
    /// Its net purchases.
    pub net: Amount,
    /// The prior week's net, if the series has one.
    pub prior: Option<Amount>,
    /// The change in net from the prior week (this week's net minus the
    /// prior week's), if the series has a prior week.
    pub change: Option<Amount>,
    /// The run this week ends.
    pub streak: Streak,
    /// The run the prior week ended, to tell an extended streak from a
    /// snapped one.
    pub prior_streak: Option<Streak>,
    /// Year-to-date total through this week; `None` when the data do not
    /// cover the year from its first week (a total over part of the year
    /// would be wrong).
    pub ytd: Option<YearToDate>,
    /// The same number of weeks of the previous year, if the data covers them.
    pub ytd_last_year: Option<YearToDate>,
    /// How large the week is against history.
    pub extreme: Extreme,
}

/// What leads the story of a week, in order of news value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Angle {
    /// The largest net purchase or sale in the data.
    Record,
    /// The largest net purchase or sale since an earlier week.
    LargestSince(Week),
    /// Buying after selling, or selling after buying (the prior run's length).
    Flip(usize),
    /// A run of at least two weeks on the same side continued.
    StreakExtended(usize),
    /// Nothing stands out: the week's figure leads.
    Plain,
}

impl WeekFacts {
    /// The angle a wire report would lead with.
    pub fn angle(&self) -> Angle {
        match self.extreme {
            Extreme::Record if self.index >= RECORD_MIN_WEEKS => return Angle::Record,
            Extreme::LargestSince { week, .. } => return Angle::LargestSince(week),
            _ => {}
        }
        if self.streak.side != Side::Flat && self.streak.weeks >= 2 {
            return Angle::StreakExtended(self.streak.weeks);
        }
        match self.prior_streak {
            Some(prior)
                if prior.side != Side::Flat && self.streak.side != Side::Flat && prior.side != self.streak.side =>
            {
                Angle::Flip(prior.weeks)
            }
            _ => Angle::Plain,
        }
    }
}

/// "A record" means little until there is a year of history behind it.
pub const RECORD_MIN_WEEKS: usize = 52;

/// A week must beat this many earlier weeks before "largest since" is worth
/// saying: beating last week's figure is not news.
const LARGEST_SINCE_MIN_WEEKS: usize = 8;

/// The facts of every week of a series, oldest first.
pub fn compute_week_facts(points: &[FlowPoint]) -> Vec<WeekFacts> {
    let runs = streaks(points);
    let ytd = year_to_date(points);
    // Same period of the previous year: the total over as many weeks.
    let by_year_week: BTreeMap<(i32, u32), YearToDate> =
        ytd.iter().flatten().map(|t| ((t.year, t.weeks), *t)).collect();
    points
        .iter()
        .enumerate()
        .map(|(index, point)| {
            let this_ytd = ytd[index];
            let prior = index.checked_sub(1).map(|i| points[i].net);
            WeekFacts {
                index,
                week: point.week,
                net: point.net,
                prior,
                change: prior.map(|prior| point.net - prior),
                streak: runs[index],
                prior_streak: index.checked_sub(1).map(|i| runs[i]),
                ytd: this_ytd,
                ytd_last_year: this_ytd.and_then(|t| by_year_week.get(&(t.year - 1, t.weeks)).copied()),
                extreme: extreme_of(points, index),
            }
        })
        .collect()
}

fn extreme_of(points: &[FlowPoint], index: usize) -> Extreme {
    let net = points[index].net;
    if net.0 == 0 || index == 0 {
        return Extreme::None;
    }
    let as_large = |other: Amount| if net.0 > 0 { other >= net } else { other <= net };
    match points[..index].iter().rev().position(|p| as_large(p.net)) {
        None => Extreme::Record,
        Some(back) if back >= LARGEST_SINCE_MIN_WEEKS => {
            let earlier = &points[index - 1 - back];
            Extreme::LargestSince {
                week: earlier.week,
                net: earlier.net,
            }
        }
        Some(_) => Extreme::None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::series::testing::points;

    #[test]
    fn same_period_last_year_uses_the_same_number_of_weeks() {
        // 2025-01-05 is the first week of 2025; 60 weeks reach into 2026.
        let nets: Vec<i64> = (0..60).map(|_| 10).collect();
        let series = points(2025, 1, 5, &nets);
        let facts = compute_week_facts(&series);
        let last = facts.last().expect("facts");
        let this_year = last.ytd.expect("2026 starts at week one");
        assert_eq!(this_year.year, 2026);
        let this_weeks = this_year.weeks;
        let previous = last.ytd_last_year.expect("2025 is complete");
        assert_eq!(previous.weeks, this_weeks);
        assert_eq!(previous.total, Amount(10 * i64::from(this_weeks)));
    }

    #[test]
    fn no_last_year_comparison_when_the_data_starts_mid_year() {
        let nets: Vec<i64> = (0..60).map(|_| 10).collect();
        let series = points(2025, 3, 2, &nets);
        let facts = compute_week_facts(&series);
        assert_eq!(facts.last().expect("facts").ytd_last_year, None);
        // 2025 itself starts in March: no year-to-date total is stated for it.
        assert_eq!(facts[0].ytd, None);
    }

    #[test]
    fn the_change_on_the_week_is_none_for_the_first_week() {
        let facts = compute_week_facts(&points(2026, 1, 4, &[10, -5, -5]));
        let changes: Vec<Option<Amount>> = facts.iter().map(|f| f.change).collect();
        assert_eq!(changes, vec![None, Some(Amount(-15)), Some(Amount(0))]);
    }

    #[test]
    fn finds_records_and_largest_since() {
        let mut nets = vec![50, 1, 2, 3, 4, 5, 6, 7, 8, 9, 40];
        nets.push(60);
        let facts = compute_week_facts(&points(2026, 1, 4, &nets));
        assert_eq!(facts[1].extreme, Extreme::None);
        match facts[10].extreme {
            Extreme::LargestSince { net, .. } => assert_eq!(net, Amount(50)),
            other => panic!("expected largest since, got {other:?}"),
        }
        assert_eq!(facts[11].extreme, Extreme::Record);
        assert_eq!(facts[11].streak.side, Side::Buying);
        assert_eq!(facts[11].streak.weeks, 12);
    }
}

#[cfg(test)]
mod angle_tests {
    use super::*;
    use crate::series::testing::points;

    fn angles(nets: &[i64]) -> Vec<Angle> {
        compute_week_facts(&points(2026, 1, 4, nets))
            .iter()
            .map(WeekFacts::angle)
            .collect()
    }

    #[test]
    fn leads_with_streaks_and_flips() {
        let found = angles(&[5, 6, -1, -2, -3, 4]);
        assert_eq!(found[1], Angle::StreakExtended(2));
        assert_eq!(found[2], Angle::Flip(2));
        assert_eq!(found[4], Angle::StreakExtended(3));
        assert_eq!(found[5], Angle::Flip(3));
    }
}
