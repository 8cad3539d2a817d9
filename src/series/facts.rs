//! The facts of one week, as typed values: everything a wire report could
//! say about it, with no words attached.
//!
//! Runs and the run a week snaps, how the net moved from the week before,
//! whether trading was roughly balanced or absent, how big the week is
//! against history, and the year-to-date total against the same weeks of
//! the year before and of every earlier year. The `prose` stage chooses
//! which of these to say and how; nothing here is English or Japanese.

use super::streak::{Side, Streak, streaks};
use super::ytd::{YearToDate, year_to_date};
use crate::model::{Amount, FlowPoint, Week};
use std::collections::BTreeMap;

/// How a week's net compares with the history before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Extreme {
    /// Nothing notable.
    None,
    /// The largest net purchase (or sale) in the data, with at least a year
    /// of data before it.
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

/// Gross trading behind a net figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Gross {
    /// Acquisitions.
    pub bought: Amount,
    /// Dispositions.
    pub sold: Amount,
}

/// How much trading lies behind a week's net figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Activity {
    /// Acquisitions and dispositions were both zero: no transactions were
    /// reported (a holiday week).
    NoTransactions,
    /// The net is under [`BALANCED_PER_10000`] of gross trading:
    /// purchases and sales roughly balanced, so the side it fell on is noise.
    RoughlyBalanced,
    /// A net purchase or sale that means something, and every week of a
    /// series published without gross figures.
    Net,
}

/// A net under this many parts in 10,000 of gross trading (acquisitions
/// plus dispositions) is "roughly balanced": 0.05%, ¥0.5 billion on every
/// ¥1 trillion traded. Foreign investors trade ¥60–90 trillion of Japanese
/// stocks a week, so their weeks under ¥30–45 billion count, while the
/// ¥81.9 billion sale of the week to 18 July 2026 (0.097%) does not.
/// Over 2005–2026 it marks 26 of 1,132 weeks of foreign investors' Japanese
/// stocks and 4 of their long-term bonds.
pub const BALANCED_PER_10000: i64 = 5;

/// How this week's net compares with the week before's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Change {
    /// The same side, larger: buying quickened, or selling deepened.
    Quickened,
    /// The same side, smaller: buying slowed, or selling eased.
    Slowed,
    /// The same figure.
    Unchanged,
    /// The other side: buying after selling, or selling after buying.
    Reversed,
    /// The week before was exactly zero.
    FromZero,
    /// This week is exactly zero.
    ToZero,
}

/// How one year-to-date total compares with another, by size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ratio {
    /// Three times as large or more.
    FarAbove,
    /// Twice to three times as large.
    MoreThanDouble,
    /// Over 10% larger.
    Above,
    /// Within 10%.
    Similar,
    /// Half to 90% as large.
    Below,
    /// A third to half as large.
    LessThanHalf,
    /// Under a third as large.
    FarBelow,
    /// One is net buying, the other net selling.
    Opposite,
    /// One of them is exactly zero.
    NoBasis,
}

impl Ratio {
    /// How `this` compares with `basis`.
    pub fn of(this: Amount, basis: Amount) -> Ratio {
        let (this, basis) = (this.0, basis.0);
        if this == 0 || basis == 0 {
            return Ratio::NoBasis;
        }
        if this.signum() != basis.signum() {
            return Ratio::Opposite;
        }
        // Compare |this| / |basis| with thresholds in tenths, on integers.
        let (this, basis) = (i128::from(this.abs()) * 10, i128::from(basis.abs()));
        match this {
            t if t >= 30 * basis => Ratio::FarAbove,
            t if t >= 20 * basis => Ratio::MoreThanDouble,
            t if t > 11 * basis => Ratio::Above,
            t if t >= 9 * basis => Ratio::Similar,
            t if t >= 5 * basis => Ratio::Below,
            // A third: 3 * |this| >= |basis|, with `this` scaled by ten.
            t if 3 * t >= 10 * basis => Ratio::LessThanHalf,
            _ => Ratio::FarBelow,
        }
    }
}

/// A year-to-date total against an earlier year's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct YtdComparison {
    /// The earlier year's total: over the same weeks, or its whole year
    /// when this week closes a year (week 53 is always compared this way,
    /// since the year before has none).
    pub against: YearToDate,
    /// How this year's total compares with it.
    pub ratio: Ratio,
}

/// Where a year-to-date total stands against the same point of every
/// earlier year in the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum YtdStanding {
    /// Nothing worth saying.
    None,
    /// Larger (in its direction) than at this point of every earlier year,
    /// back to `first_year`, the data's first whole year.
    Record {
        /// The first year compared.
        first_year: i32,
    },
    /// The largest since `year`, when it was at least as large (`total`).
    MostSince {
        /// The last earlier year at least as large.
        year: i32,
        /// Its total at this point.
        total: Amount,
    },
}

/// Everything a weekly story could state about one series in one week.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct WeekFacts {
    /// Position of the week in the series.
    pub index: usize,
    /// The week.
    pub week: Week,
    /// Its net purchases.
    pub net: Amount,
    /// Gross purchases and sales, where the publisher gives them.
    pub gross: Option<Gross>,
    /// Whether there was trading, and whether its net means anything.
    pub activity: Activity,
    /// The prior week's net, if the series has one.
    pub prior: Option<Amount>,
    /// The prior week's activity, if the series has one.
    pub prior_activity: Option<Activity>,
    /// The change in net from the prior week (this week's net minus the
    /// prior week's), if the series has a prior week.
    pub change: Option<Amount>,
    /// How the net moved from the prior week's, in kind.
    pub movement: Option<Change>,
    /// The run this week ends.
    pub streak: Streak,
    /// The run the prior week ended.
    pub prior_streak: Option<Streak>,
    /// The buying or selling run this week ended, if any: a flip says what
    /// it flipped from, and a long one is always news.
    pub ended: Option<Streak>,
    /// How many weeks back the last earlier week on this week's side is
    /// (1 for the week before), if this week bought or sold and the data
    /// hold such a week. Counted from that week, not from the run this week
    /// ended, since weeks of no side may lie between: it is the N of "the
    /// first net buying in N weeks" (「N週ぶりの買い越し」).
    pub since_same_side: Option<usize>,
    /// Year-to-date total through this week; `None` when the data do not
    /// cover the year from its first week (a total over part of the year
    /// would be wrong).
    pub ytd: Option<YearToDate>,
    /// The same number of weeks of the previous year, if the data covers them.
    pub ytd_last_year: Option<YearToDate>,
    /// The year to date against the previous year: the same weeks, or the
    /// whole year when this week closes a year.
    pub ytd_compared: Option<YtdComparison>,
    /// The year to date against this point of every earlier year.
    pub ytd_standing: YtdStanding,
    /// How large the week is against history.
    pub extreme: Extreme,
}

/// "A record" means little until there is a year of history behind it.
pub const RECORD_MIN_WEEKS: usize = 52;

/// A week must beat this many earlier weeks before "largest since" is worth
/// saying: beating last week's figure is not news.
const LARGEST_SINCE_MIN_WEEKS: usize = 8;

/// A year-to-date record needs this many earlier years behind it, and a
/// "most since" must reach back at least this many years: "the most since
/// last year" is not news.
const STANDING_MIN_YEARS: i32 = 3;

/// Year -> cumulative total after each of its weeks (index = week of year
/// − 1), for years the data covers from their first week.
type YearLines = BTreeMap<i32, Vec<Amount>>;

/// The facts of every week of a series, oldest first.
pub fn compute_week_facts(points: &[FlowPoint]) -> Vec<WeekFacts> {
    let runs = streaks(points);
    let ytd = year_to_date(points);
    // Only a year seen from its first week has totals, and the series has
    // no gaps, so each year's totals follow one another from week 1.
    let mut lines: YearLines = BTreeMap::new();
    for total in ytd.iter().flatten() {
        lines.entry(total.year).or_default().push(total.total);
    }
    let activities: Vec<Activity> = points.iter().map(activity_of).collect();
    let since = since_same_side(points);
    points
        .iter()
        .enumerate()
        .map(|(index, point)| {
            let this_ytd = ytd[index];
            let (year, week_of_year) = (point.week.ytd_year(), point.week.week_of_year());
            let at_week = |year: i32, week: u32| -> Option<YearToDate> {
                let line = lines.get(&year)?;
                let total = *line.get(week as usize - 1)?;
                Some(YearToDate {
                    year,
                    weeks: week,
                    total,
                    closes_year: false,
                })
            };
            let ytd_last_year = this_ytd.and_then(|_| at_week(year - 1, week_of_year));
            let ytd_compared = this_ytd.and_then(|current| {
                let against = if current.closes_year {
                    whole_year(&lines, year - 1)?
                } else {
                    at_week(year - 1, week_of_year)?
                };
                Some(YtdComparison {
                    against,
                    ratio: Ratio::of(current.total, against.total),
                })
            });
            let prior = index.checked_sub(1).map(|i| points[i].net);
            let prior_streak = index.checked_sub(1).map(|i| runs[i]);
            WeekFacts {
                index,
                week: point.week,
                net: point.net,
                gross: point
                    .acquisition
                    .zip(point.disposition)
                    .map(|(bought, sold)| Gross { bought, sold }),
                activity: activities[index],
                prior,
                prior_activity: index.checked_sub(1).map(|i| activities[i]),
                change: prior.map(|prior| point.net - prior),
                movement: prior.map(|prior| change_of(prior, point.net)),
                streak: runs[index],
                prior_streak,
                ended: Streak::ended_by(prior_streak, runs[index]),
                since_same_side: since[index],
                ytd: this_ytd,
                ytd_last_year,
                ytd_compared,
                ytd_standing: this_ytd.map_or(YtdStanding::None, |current| standing_of(&lines, current)),
                extreme: match activities[index] {
                    Activity::Net => extreme_of(points, index),
                    Activity::NoTransactions | Activity::RoughlyBalanced => Extreme::None,
                },
            }
        })
        .collect()
}

/// For every week, how many weeks back the last week with a net on the
/// same side is (see [`WeekFacts::since_same_side`]).
fn since_same_side(points: &[FlowPoint]) -> Vec<Option<usize>> {
    let (mut last_buying, mut last_selling): (Option<usize>, Option<usize>) = (None, None);
    points
        .iter()
        .enumerate()
        .map(|(index, point)| {
            let last = match Side::of(point.net.0) {
                Side::Buying => &mut last_buying,
                Side::Selling => &mut last_selling,
                Side::Flat => return None,
            };
            let since = last.map(|earlier| index - earlier);
            *last = Some(index);
            since
        })
        .collect()
}

fn activity_of(point: &FlowPoint) -> Activity {
    match (point.acquisition, point.disposition) {
        (Some(Amount(0)), Some(Amount(0))) => Activity::NoTransactions,
        (Some(bought), Some(sold))
            if i128::from(point.net.0.abs()) * 10_000
                < i128::from(BALANCED_PER_10000) * (i128::from(bought.0) + i128::from(sold.0)) =>
        {
            Activity::RoughlyBalanced
        }
        _ => Activity::Net,
    }
}

fn change_of(prior: Amount, net: Amount) -> Change {
    let (before, now) = (prior.0, net.0);
    match (Side::of(before), Side::of(now)) {
        (_, Side::Flat) if before == 0 => Change::Unchanged,
        (_, Side::Flat) => Change::ToZero,
        (Side::Flat, _) => Change::FromZero,
        (a, b) if a != b => Change::Reversed,
        _ if now.abs() > before.abs() => Change::Quickened,
        _ if now.abs() < before.abs() => Change::Slowed,
        _ => Change::Unchanged,
    }
}

/// The whole of `year`, if the data covers it from its first week.
fn whole_year(lines: &YearLines, year: i32) -> Option<YearToDate> {
    let line = lines.get(&year)?;
    Some(YearToDate {
        year,
        weeks: u32::try_from(line.len()).ok()?,
        total: *line.last()?,
        closes_year: true,
    })
}

/// Where `current` stands against the same point of every earlier year: the
/// same week of the year, or the year's last week where a year has fewer,
/// and the whole year when `current` closes its year.
fn standing_of(lines: &YearLines, current: YearToDate) -> YtdStanding {
    let total = current.total.0;
    if total == 0 {
        return YtdStanding::None;
    }
    let at_this_point = |line: &Vec<Amount>| -> Option<Amount> {
        if current.closes_year {
            line.last().copied()
        } else {
            line.get(current.weeks as usize - 1).or(line.last()).copied()
        }
    };
    let earlier: Vec<(i32, Amount)> = lines
        .range(..current.year)
        .filter_map(|(year, line)| Some((*year, at_this_point(line)?)))
        .collect();
    let as_large = |other: Amount| if total > 0 { other.0 >= total } else { other.0 <= total };
    match earlier.iter().rev().find(|(_, other)| as_large(*other)) {
        Some(&(year, other)) if current.year - year >= STANDING_MIN_YEARS => {
            YtdStanding::MostSince { year, total: other }
        }
        Some(_) => YtdStanding::None,
        None => match earlier.first() {
            Some(&(first_year, _)) if earlier.len() >= STANDING_MIN_YEARS as usize => {
                YtdStanding::Record { first_year }
            }
            _ => YtdStanding::None,
        },
    }
}

fn extreme_of(points: &[FlowPoint], index: usize) -> Extreme {
    let net = points[index].net;
    if net.0 == 0 || index == 0 {
        return Extreme::None;
    }
    let as_large = |other: Amount| if net.0 > 0 { other >= net } else { other <= net };
    match points[..index].iter().rev().position(|p| as_large(p.net)) {
        None if index >= RECORD_MIN_WEEKS => Extreme::Record,
        None => Extreme::None,
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
    fn weeks_since_the_same_side_count_from_the_last_such_week() {
        // Buy, sell, sell, zero, buy: the last purchase was four weeks back,
        // though the selling run the week ends lasted two.
        let facts = compute_week_facts(&points(2026, 1, 4, &[5, -1, -2, 0, 3, 4]));
        let since: Vec<Option<usize>> = facts.iter().map(|f| f.since_same_side).collect();
        assert_eq!(since, [None, None, Some(1), None, Some(4), Some(1)]);
    }

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
        assert_eq!(last.ytd_compared.map(|c| c.ratio), Some(Ratio::Similar));
    }

    #[test]
    fn no_last_year_comparison_when_the_data_starts_mid_year() {
        let nets: Vec<i64> = (0..60).map(|_| 10).collect();
        let series = points(2025, 3, 2, &nets);
        let facts = compute_week_facts(&series);
        assert_eq!(facts.last().expect("facts").ytd_last_year, None);
        assert_eq!(facts.last().expect("facts").ytd_compared, None);
        // 2025 itself starts in March: no year-to-date total is stated for it.
        assert_eq!(facts[0].ytd, None);
    }

    #[test]
    fn the_last_week_of_a_year_and_week_53_compare_with_the_whole_year_before() {
        // 2023 has 52 weeks (2023-01-01..2023-12-30); 2024 has 53, the last
        // being 2024-12-29..2025-01-04.
        let nets: Vec<i64> = (0..105).map(|_| 10).collect();
        let facts = compute_week_facts(&points(2023, 1, 1, &nets));
        let last_of_2023 = &facts[51];
        assert_eq!(last_of_2023.week.to_string(), "2023-12-24..12-30");
        assert!(last_of_2023.ytd.expect("2023").closes_year);
        let week_53 = &facts[104];
        assert_eq!(week_53.week.to_string(), "2024-12-29..2025-01-04");
        let ytd = week_53.ytd.expect("2024");
        assert_eq!((ytd.year, ytd.weeks, ytd.closes_year), (2024, 53, true));
        assert_eq!(week_53.ytd_last_year, None, "2023 has no week 53");
        let compared = week_53.ytd_compared.expect("the whole of 2023");
        assert_eq!((compared.against.year, compared.against.weeks), (2023, 52));
        assert_eq!(compared.against.total, Amount(520));
        // 530 against 520: within 10%.
        assert_eq!(compared.ratio, Ratio::Similar);
        assert!(!facts[103].ytd.expect("2024").closes_year);
    }

    #[test]
    fn ranks_the_year_to_date_against_every_earlier_year() {
        // Five years from 2021: weekly nets of 10, 30, 20, 5, then 25 in 2025.
        let mut nets = Vec::new();
        for (year, net) in [(2021, 10), (2022, 30), (2023, 20), (2024, 5), (2025, 25)] {
            let weeks = if year == 2024 { 53 } else { 52 };
            nets.extend(std::iter::repeat_n(net, weeks));
        }
        let facts = compute_week_facts(&points(2021, 1, 3, &nets));
        let in_2025 = facts.iter().find(|f| f.week.ytd_year() == 2025).expect("2025");
        // 25 beats 2024 and 2023 but not 2022's 30.
        assert_eq!(
            in_2025.ytd_standing,
            YtdStanding::MostSince {
                year: 2022,
                total: Amount(30)
            }
        );
        let in_2024 = facts.iter().find(|f| f.week.ytd_year() == 2024).expect("2024");
        assert_eq!(in_2024.ytd_standing, YtdStanding::None, "5 is not news");
        let in_2023 = facts.iter().find(|f| f.week.ytd_year() == 2023).expect("2023");
        assert_eq!(in_2023.ytd_standing, YtdStanding::None, "only two earlier years");
        let mut more = nets.clone();
        more.extend(std::iter::repeat_n(40, 3));
        let facts = compute_week_facts(&points(2021, 1, 3, &more));
        let last = facts.last().expect("2026");
        assert_eq!(last.ytd_standing, YtdStanding::Record { first_year: 2021 });
    }

    #[test]
    fn the_change_on_the_week_is_none_for_the_first_week() {
        let facts = compute_week_facts(&points(2026, 1, 4, &[10, -5, -5]));
        let changes: Vec<Option<Amount>> = facts.iter().map(|f| f.change).collect();
        assert_eq!(changes, vec![None, Some(Amount(-15)), Some(Amount(0))]);
    }

    #[test]
    fn finds_records_and_largest_since() {
        let mut nets = vec![50];
        nets.extend(std::iter::repeat_n(1, 60));
        nets.push(40);
        nets.push(60);
        let facts = compute_week_facts(&points(2026, 1, 4, &nets));
        assert_eq!(facts[1].extreme, Extreme::None);
        match facts[61].extreme {
            Extreme::LargestSince { net, .. } => assert_eq!(net, Amount(50)),
            other => panic!("expected largest since, got {other:?}"),
        }
        assert_eq!(facts[62].extreme, Extreme::Record);
        assert_eq!(facts[62].streak.side, Side::Buying);
        assert_eq!(facts[62].streak.weeks, 63);
        // Without a year of history a new high is not called a record.
        let early = compute_week_facts(&points(2026, 1, 4, &[1, 2, 3]));
        assert_eq!(early[2].extreme, Extreme::None);
    }

    #[test]
    fn tells_how_the_net_moved() {
        let facts = compute_week_facts(&points(2026, 1, 4, &[10, 20, 5, -5, -9, -9, 0, 4]));
        let changes: Vec<Option<Change>> = facts.iter().map(|f| f.movement).collect();
        assert_eq!(
            changes,
            vec![
                None,
                Some(Change::Quickened),
                Some(Change::Slowed),
                Some(Change::Reversed),
                Some(Change::Quickened),
                Some(Change::Unchanged),
                Some(Change::ToZero),
                Some(Change::FromZero),
            ]
        );
        assert_eq!(
            facts[3].ended,
            Some(Streak {
                side: Side::Buying,
                weeks: 3
            })
        );
    }

    #[test]
    fn ratios_in_words_follow_the_sizes() {
        let ratio = |a: i64, b: i64| Ratio::of(Amount(a), Amount(b));
        assert_eq!(ratio(117_000, 7_161), Ratio::FarAbove);
        assert_eq!(ratio(25, 10), Ratio::MoreThanDouble);
        assert_eq!(ratio(-12, -10), Ratio::Above);
        assert_eq!(ratio(105, 100), Ratio::Similar);
        assert_eq!(ratio(60, 100), Ratio::Below);
        assert_eq!(ratio(40, 100), Ratio::LessThanHalf);
        assert_eq!(ratio(20, 100), Ratio::FarBelow);
        assert_eq!(ratio(20, -100), Ratio::Opposite);
        assert_eq!(ratio(0, 100), Ratio::NoBasis);
    }

    #[test]
    fn tells_no_transactions_from_roughly_balanced_weeks() {
        let mut series = points(2026, 1, 4, &[0, -6, 61, 59]);
        let gross = [(0, 0), (60_000, 60_006), (60_000, 59_939), (60_000, 59_941)];
        for (point, (bought, sold)) in series.iter_mut().zip(gross) {
            point.acquisition = Some(Amount(bought));
            point.disposition = Some(Amount(sold));
        }
        let facts = compute_week_facts(&series);
        let activity: Vec<Activity> = facts.iter().map(|f| f.activity).collect();
        // 61 of 119,939 traded is 0.051%, just over the threshold; 59 of
        // 119,941 is 0.049%, just under.
        assert_eq!(
            activity,
            vec![
                Activity::NoTransactions,
                Activity::RoughlyBalanced,
                Activity::Net,
                Activity::RoughlyBalanced
            ]
        );
        // Without gross figures every week is a net figure.
        let plain = compute_week_facts(&points(2026, 1, 4, &[0, 1]));
        assert!(plain.iter().all(|f| f.activity == Activity::Net));
    }
}
