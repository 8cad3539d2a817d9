//! Yen figures in US dollars, at the rate of the day the figures came out.
//!
//! MOF releases a week's figures on the Thursday after it, so that day's
//! rate is the one a reader of the release would have used. The ECB quotes
//! no yen-dollar rate: yen per dollar is the JPY rate divided by the USD rate
//! of the same day (both per euro). If the release day has no rate (an ECB
//! holiday, or `N/A`), the last earlier business day within five days is
//! used; failing that the week gets no dollar figure and the build warns. A
//! rate is never guessed or carried further. All arithmetic is on integers,
//! so every conversion is exact before its one rounding. No I/O here.

use crate::error::{Location, Problem};
use crate::model::{Amount, Dataset, Unit, Week};
use crate::validate::{Decimal, EuroRates};
use chrono::{Days, NaiveDate};
use std::collections::BTreeMap;

/// How far before the release day a rate may be taken from.
pub const LOOK_BACK_DAYS: u64 = 5;

/// A week's release day after its last day (a Saturday): the Thursday.
const RELEASE_AFTER_DAYS: u64 = 5;

/// Yen in one oku (100 million yen).
const YEN_PER_OKU: i128 = 100_000_000;

/// The rate a week's yen figures are converted at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReleaseRate {
    /// The day the week's figures were released.
    pub release_day: NaiveDate,
    /// The day the rate is from: the release day or up to five days before.
    pub rate_day: NaiveDate,
    /// US dollars per euro that day.
    pub usd_per_euro: Decimal,
    /// Yen per euro that day.
    pub yen_per_euro: Decimal,
    /// The line of the rate file the day is on.
    pub line: usize,
}

/// `a / b` rounded half away from zero.
fn divide_rounded(a: i128, b: i128) -> i128 {
    let (quotient, remainder) = (a / b, a % b);
    if 2 * remainder.abs() >= b.abs() {
        quotient + a.signum() * b.signum()
    } else {
        quotient
    }
}

impl ReleaseRate {
    /// Yen per dollar in hundredths, rounded half away from zero (15946 for
    /// 185.24 / 1.1617 = 159.456…).
    pub fn yen_per_dollar_hundredths(&self) -> i64 {
        self.yen_per_dollar_scaled(2)
    }

    /// Yen per dollar to `decimals` places, as an integer of that scale.
    pub fn yen_per_dollar_scaled(&self, decimals: u32) -> i64 {
        // jpy / usd = (jd / 10^js) / (ud / 10^us) = jd * 10^us / (ud * 10^js).
        let (jpy, usd) = (self.yen_per_euro, self.usd_per_euro);
        let numerator = i128::from(jpy.digits) * 10i128.pow(usd.scale + decimals);
        let denominator = i128::from(usd.digits) * 10i128.pow(jpy.scale);
        i64::try_from(divide_rounded(numerator, denominator)).unwrap_or(i64::MAX)
    }

    /// An amount in oku as whole US dollars, rounded half away from zero.
    pub fn dollars(&self, amount: Amount) -> i64 {
        // yen / (jpy / usd) = oku * 10^8 * ud * 10^js / (jd * 10^us).
        let (jpy, usd) = (self.yen_per_euro, self.usd_per_euro);
        let numerator = i128::from(amount.0) * YEN_PER_OKU * i128::from(usd.digits) * 10i128.pow(jpy.scale);
        let denominator = i128::from(jpy.digits) * 10i128.pow(usd.scale);
        i64::try_from(divide_rounded(numerator, denominator)).unwrap_or(i64::MAX)
    }
}

/// The release-day rate of every week of the site's yen series.
#[derive(Debug, Clone, Default)]
pub struct DollarRates {
    /// The rate file, relative to the project root (empty if none).
    pub path: String,
    /// Who publishes the rates.
    pub publisher: &'static str,
    /// Each week with a rate.
    pub by_week: BTreeMap<Week, ReleaseRate>,
    /// Whether the site declares a rate file at all.
    pub declared: bool,
    /// Weeks left without a dollar figure, one warning per run of weeks.
    pub warnings: Vec<Problem>,
}

impl DollarRates {
    /// The rate of `week`, if it has one.
    pub fn of(&self, week: Week) -> Option<&ReleaseRate> {
        self.by_week.get(&week)
    }
}

/// The rate each week of each yen series is converted at; weeks the file
/// cannot give a rate for are warned about in runs.
pub fn release_rates(datasets: &[Dataset], rates: Option<&EuroRates>) -> DollarRates {
    let Some(rates) = rates else {
        return DollarRates::default();
    };
    // Week -> release day. A release is never later than the file's
    // version date, which is the release day of its newest week.
    let mut weeks: BTreeMap<Week, NaiveDate> = BTreeMap::new();
    for dataset in datasets {
        for series in dataset.series.iter().filter(|s| s.meta.unit == Unit::Oku) {
            for point in &series.points {
                let release = (point.week.end() + Days::new(RELEASE_AFTER_DAYS)).min(dataset.source.version);
                weeks.entry(point.week).or_insert(release);
            }
        }
    }
    let mut found = DollarRates {
        path: rates.path.clone(),
        publisher: rates.publisher,
        by_week: BTreeMap::new(),
        declared: true,
        warnings: Vec::new(),
    };
    let mut missing: Vec<(Week, NaiveDate)> = Vec::new();
    for (week, release_day) in weeks {
        match rate_for(rates, release_day) {
            Some(rate) => {
                found.by_week.insert(week, rate);
            }
            None => missing.push((week, release_day)),
        }
    }
    found.warnings = warn_in_runs(&rates.path, &missing);
    found
}

/// The rate of `release_day`, or of the last earlier day within
/// [`LOOK_BACK_DAYS`] that has both a dollar and a yen rate.
fn rate_for(rates: &EuroRates, release_day: NaiveDate) -> Option<ReleaseRate> {
    let earliest = release_day - Days::new(LOOK_BACK_DAYS);
    rates
        .days
        .range(earliest..=release_day)
        .rev()
        .find_map(|(day, quoted)| match (quoted.usd, quoted.jpy) {
            (Some(usd_per_euro), Some(yen_per_euro)) => Some(ReleaseRate {
                release_day,
                rate_day: *day,
                usd_per_euro,
                yen_per_euro,
                line: quoted.line,
            }),
            _ => None,
        })
}

/// One warning per run of consecutive weeks without a rate.
fn warn_in_runs(path: &str, missing: &[(Week, NaiveDate)]) -> Vec<Problem> {
    let mut runs: Vec<Vec<(Week, NaiveDate)>> = Vec::new();
    for &entry in missing {
        match runs.last_mut() {
            Some(run) if run.last().is_some_and(|(week, _)| week.next() == entry.0) => run.push(entry),
            _ => runs.push(vec![entry]),
        }
    }
    runs.iter()
        .filter_map(|run| {
            let (first, first_release) = run.first()?;
            let (last, last_release) = run.last()?;
            let message = if run.len() == 1 {
                format!(
                    "no dollar and yen rates for {first_release} or the {LOOK_BACK_DAYS} days before, the release day of the week {first}: its figures are not converted to dollars"
                )
            } else {
                format!(
                    "no dollar and yen rates on the release days {first_release} to {last_release} or the {LOOK_BACK_DAYS} days before each, for the {} weeks {first} to {last}: their figures are not converted to dollars",
                    run.len()
                )
            };
            Some(Problem::new(
                Location::file(path),
                message,
                "use a release of the rate file that covers these days, or leave the briefs without dollar figures",
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::DayRates;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    fn rates(days: &[(NaiveDate, Option<&str>, Option<&str>)]) -> EuroRates {
        EuroRates {
            path: "data/fx.csv".to_string(),
            publisher: "ECB",
            days: days
                .iter()
                .enumerate()
                .map(|(line, &(day, usd, jpy))| {
                    let rate = |text: Option<&str>| text.and_then(Decimal::parse);
                    (
                        day,
                        DayRates {
                            usd: rate(usd),
                            jpy: rate(jpy),
                            line: line + 2,
                        },
                    )
                })
                .collect(),
        }
    }

    #[test]
    fn the_seed_week_reads_six_point_seven_seven_billion_dollars() {
        let file = rates(&[(date(2026, 5, 28), Some("1.1617"), Some("185.24"))]);
        let rate = rate_for(&file, date(2026, 5, 28)).expect("rate");
        assert_eq!(rate.yen_per_dollar_hundredths(), 15946);
        // ¥1,079.4 billion (10,794 oku) / 159.456… = $6,769,349,… .
        let dollars = rate.dollars(Amount(10_794));
        assert_eq!((dollars + 5_000_000) / 10_000_000, 677, "$6.77 billion");
        assert_eq!(rate.dollars(Amount(-10_794)), -dollars);
    }

    #[test]
    fn takes_the_last_earlier_day_within_five_days_and_never_guesses() {
        let file = rates(&[
            (date(2026, 4, 1), Some("1.1"), Some("160")),
            (date(2026, 4, 2), Some("1.1"), None),
        ]);
        // Good Friday 3 April has no row; 2 April has no yen rate.
        let rate = rate_for(&file, date(2026, 4, 3)).expect("1 April is within five days");
        assert_eq!(rate.rate_day, date(2026, 4, 1));
        assert_eq!(
            rate_for(&file, date(2026, 4, 6)),
            Some(ReleaseRate {
                release_day: date(2026, 4, 6),
                ..rate
            })
        );
        assert_eq!(rate_for(&file, date(2026, 4, 7)), None, "six days back is too far");
        assert_eq!(rate_for(&file, date(2026, 3, 31)), None, "a later rate is never used");
    }

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(divide_rounded(5, 2), 3);
        assert_eq!(divide_rounded(-5, 2), -3);
        assert_eq!(divide_rounded(4, 3), 1);
        assert_eq!(divide_rounded(-4, 3), -1);
    }

    #[test]
    fn warns_once_per_run_of_weeks_without_a_rate() {
        let week = |d: u32| Week::starting(date(2026, 3, d)).expect("sunday");
        let missing = [
            (week(1), date(2026, 3, 12)),
            (week(8), date(2026, 3, 19)),
            (week(22), date(2026, 4, 2)),
        ];
        let warnings = warn_in_runs("data/fx.csv", &missing);
        assert_eq!(warnings.len(), 2);
        assert!(
            warnings[0]
                .message
                .contains("the 2 weeks 2026-03-01..03-07 to 2026-03-08..03-14"),
            "{}",
            warnings[0]
        );
        assert!(
            warnings[1]
                .message
                .contains("the release day of the week 2026-03-22..03-28"),
            "{}",
            warnings[1]
        );
    }
}
