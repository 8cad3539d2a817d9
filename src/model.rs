//! The vocabulary every stage shares: money in oku, Sunday-to-Saturday
//! weeks, and flow series with the source cell of each figure.
//!
//! These types are made by `validate` and only read afterwards, so a later
//! stage can rely on what they promise (a `Week` starts on a Sunday, a
//! series has no gaps) without checking again. No I/O here.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use std::fmt;

/// A published amount: a whole number of its series' [`Unit`] (oku,
/// 100 million yen, for MOF's series; millions of dollars for others).
/// Kept as an integer so that every published figure survives exactly.
///
/// Validation admits no published figure beyond ±[`Amount::LIMIT`], so the
/// sums and differences later stages make (a year to date, a change on the
/// prior week, a whole history of 10⁶ weeks) stay far inside `i64`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Amount(pub i64);

impl Amount {
    /// The largest size a published figure may have, in its series' unit:
    /// 10¹² oku is 10²⁰ yen and 10¹² million dollars 10¹⁸ dollars, far above
    /// any real flow, and small enough that every sum flowsite makes, and
    /// every conversion to `f64` for a chart axis, is exact.
    pub const LIMIT: i64 = 1_000_000_000_000;

    /// `value` as a published amount, if it is within ±[`Amount::LIMIT`].
    pub fn published(value: i64) -> Option<Amount> {
        (-Amount::LIMIT..=Amount::LIMIT)
            .contains(&value)
            .then_some(Amount(value))
    }

    /// The sum, or `None` if it does not fit.
    pub fn checked_add(self, other: Amount) -> Option<Amount> {
        self.0.checked_add(other.0).map(Amount)
    }

    /// The difference, or `None` if it does not fit.
    pub fn checked_sub(self, other: Amount) -> Option<Amount> {
        self.0.checked_sub(other.0).map(Amount)
    }
}

// The operators saturate rather than wrap or panic. With every figure
// bounded by `Amount::LIMIT` no sum of fewer than nine million of them can
// reach the bounds, and if a broken invariant ever got there, a saturated
// figure would still have the right sign, where a wrapped one would flip it.
impl std::ops::Add for Amount {
    type Output = Amount;
    fn add(self, other: Amount) -> Amount {
        Amount(self.0.saturating_add(other.0))
    }
}

impl std::ops::Sub for Amount {
    type Output = Amount;
    fn sub(self, other: Amount) -> Amount {
        Amount(self.0.saturating_sub(other.0))
    }
}

/// The unit a series is published in; its figures are whole numbers of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Deserialize)]
pub enum Unit {
    /// 100 million yen (億円, oku), MOF's unit.
    #[serde(rename = "oku", alias = "100 million yen")]
    Oku,
    /// Millions of US dollars.
    #[serde(rename = "million USD", alias = "million usd", alias = "usd million")]
    MillionUsd,
}

impl Unit {
    /// Whether a `unit` column's cell names this unit.
    pub fn accepts(self, written: &str) -> bool {
        let written = written.trim().to_ascii_lowercase();
        match self {
            Unit::Oku => matches!(written.as_str(), "oku" | "100 million yen" | "億円" | "100m_yen"),
            Unit::MillionUsd => matches!(
                written.as_str(),
                "million usd" | "usd million" | "usd_million" | "million_usd"
            ),
        }
    }

    /// The suffix of download columns holding figures in this unit.
    pub fn column_suffix(self) -> &'static str {
        match self {
            Unit::Oku => "100m_yen",
            Unit::MillionUsd => "million_usd",
        }
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unit::Oku => write!(f, "oku (100 million yen)"),
            Unit::MillionUsd => write!(f, "million US dollars"),
        }
    }
}

/// A Sunday-to-Saturday week, the period of MOF's weekly statistics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Week {
    start: NaiveDate,
}

impl Week {
    /// The week starting on `start`, if `start` is a Sunday.
    pub fn starting(start: NaiveDate) -> Option<Week> {
        (start.weekday() == Weekday::Sun).then_some(Week { start })
    }

    /// The week that contains `date`.
    pub fn containing(date: NaiveDate) -> Week {
        Week {
            start: date - Days::new(u64::from(date.weekday().num_days_from_sunday())),
        }
    }

    /// The week's first day (a Sunday).
    pub fn start(self) -> NaiveDate {
        self.start
    }

    /// The week's last day (a Saturday), which keys the week in URLs.
    pub fn end(self) -> NaiveDate {
        self.start + Days::new(6)
    }

    /// The week's Monday.
    pub fn monday(self) -> NaiveDate {
        self.start + Days::new(1)
    }

    /// The year the week counts in for year-to-date totals: news agencies
    /// count a Sunday..Saturday week in the year of its Monday.
    pub fn ytd_year(self) -> i32 {
        self.monday().year()
    }

    /// 1-based number of the week within its year-to-date year.
    pub fn week_of_year(self) -> u32 {
        (self.monday().ordinal0() / 7) + 1
    }

    /// The following week.
    pub fn next(self) -> Week {
        Week {
            start: self.start + Days::new(7),
        }
    }

    /// The week before.
    pub fn previous(self) -> Week {
        Week {
            start: self.start - Days::new(7),
        }
    }
}

impl fmt::Display for Week {
    /// `2026-09-06..09-12`, or `2025-12-28..2026-01-03` across a year.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let end = self.end();
        if end.year() == self.start.year() {
            // Written field by field: chrono's format strings are parsed on
            // every call, and week labels are written thousands of times.
            let start = self.start;
            write!(
                f,
                "{:04}-{:02}-{:02}..{:02}-{:02}",
                start.year(),
                start.month(),
                start.day(),
                end.month(),
                end.day()
            )
        } else {
            let start = self.start;
            write!(
                f,
                "{:04}-{:02}-{:02}..{:04}-{:02}-{:02}",
                start.year(),
                start.month(),
                start.day(),
                end.year(),
                end.month(),
                end.day()
            )
        }
    }
}

/// A calendar month, the period of monthly series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    first: NaiveDate,
}

impl Month {
    /// The month containing `date`.
    pub fn of(date: NaiveDate) -> Month {
        Month {
            first: date.with_day(1).unwrap_or(date),
        }
    }

    /// Its first day.
    pub fn first_day(self) -> NaiveDate {
        self.first
    }

    /// Its last day, which keys the month in tidy files.
    pub fn last_day(self) -> NaiveDate {
        self.next().first - Days::new(1)
    }

    /// The following month.
    pub fn next(self) -> Month {
        Month {
            first: self
                .first
                .checked_add_months(chrono::Months::new(1))
                .unwrap_or(self.first),
        }
    }
}

impl fmt::Display for Month {
    /// `2026-08`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.first.format("%Y-%m"))
    }
}

/// Where a figure came from: file, line and 1-based column.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CellRef {
    /// Path relative to the project root.
    pub path: String,
    /// 1-based line in the file.
    pub line: usize,
    /// 1-based column (CSV field number).
    pub column: usize,
}

/// Who publishes a dataset and which release of it this is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceInfo {
    /// The file, relative to the project root.
    pub path: String,
    /// The attribution every page showing the figures must carry.
    pub publisher: String,
    /// The statistic's title as published.
    pub title: String,
    /// The release's version date (MOF's "Final Update").
    pub version: NaiveDate,
    /// How often the publisher releases the statistics, if known: MOF
    /// publishes every Thursday; a tidy source may declare its day.
    pub cadence: Option<Cadence>,
}

/// How often a publisher releases new figures. It dates what readers are
/// told: when a week's figures were first published, and when the next
/// release is expected. Without one, neither is claimed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cadence {
    /// A release every week on this day, covering the weeks to the
    /// Saturday before it.
    Weekly(Weekday),
}

impl Cadence {
    /// The first release day after `date` (never `date` itself).
    pub fn next_after(self, date: NaiveDate) -> NaiveDate {
        match self {
            Cadence::Weekly(day) => {
                let ahead = (7 + day.num_days_from_monday() - date.weekday().num_days_from_monday()) % 7;
                date + Days::new(u64::from(if ahead == 0 { 7 } else { ahead }))
            }
        }
    }

    /// The release day that first publishes `week`: the first release day
    /// after the week ends.
    pub fn release_of(self, week: Week) -> NaiveDate {
        self.next_after(week.end())
    }
}

/// Which side of the balance of payments a series is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Direction {
    /// Non-residents buying Japanese securities (portfolio liabilities).
    Inward,
    /// Japanese residents buying foreign securities (portfolio assets).
    Outward,
}

/// A series' stable identifier, used in URLs, file names, chart blocks and
/// templates (`inward-equity`). Only [`SeriesId::parse`] makes one, so an id
/// is always safe as a path segment.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SeriesId(String);

impl SeriesId {
    /// The id `text`, if it is lowercase letters, digits, `-` and `_`,
    /// starting with a letter or digit; otherwise what is wrong with it.
    pub fn parse(text: &str) -> Result<SeriesId, String> {
        let mut chars = text.chars();
        match chars.next() {
            None => return Err("a series id cannot be empty".to_string()),
            Some(first) if !(first.is_ascii_lowercase() || first.is_ascii_digit()) => {
                return Err(format!(
                    "series id `{}` must start with a lowercase letter or a digit",
                    text.escape_default()
                ));
            }
            Some(_) => {}
        }
        if let Some(bad) = chars.find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-' || *c == '_')) {
            return Err(format!(
                "series id `{}` contains `{}`: ids may hold only lowercase letters, digits, `-` and `_`",
                text.escape_default(),
                bad.escape_default()
            ));
        }
        Ok(SeriesId(text.to_string()))
    }

    /// An id flowsite composes itself from its own constants (MOF's series
    /// names), which are valid by construction; checked in a unit test.
    pub(crate) fn composed(text: String) -> SeriesId {
        debug_assert!(SeriesId::parse(&text).is_ok(), "{text}");
        SeriesId(text)
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for SeriesId {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for SeriesId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SeriesId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<str> for SeriesId {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for SeriesId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for SeriesId {
    fn eq(&self, other: &String) -> bool {
        &self.0 == other
    }
}

impl serde::Serialize for SeriesId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

/// What kind of security a series counts, which decides what a brief
/// says about it (a paragraph on flows abroad covers stocks and long-term
/// bonds) and which notes apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AssetClass {
    /// Equity and investment fund shares.
    Equity,
    /// Bonds and notes with an original maturity over one year.
    LongTermDebt,
    /// Bills and notes of a year or less.
    ShortTermDebt,
    /// Equity and long-term debt together.
    Subtotal,
    /// Every security the statistics cover.
    Total,
    /// Anything else (a publisher's own aggregate).
    Other,
}

/// What a series is, in words a reader understands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesMeta {
    /// Stable identifier, used in URLs and chart blocks (`inward-equity`).
    pub id: SeriesId,
    /// Full title: "Foreign investors' net purchases of Japanese stocks".
    pub title: String,
    /// Who buys: "Foreign investors".
    pub actor: String,
    /// What they buy: "Japanese stocks".
    pub asset: String,
    /// The asset class as the publisher labels it.
    pub published_label: String,
    /// Which block of the statistics the series is in.
    pub direction: Direction,
    /// The kind of security it counts.
    pub asset_class: AssetClass,
    /// The unit its figures are published in.
    pub unit: Unit,
    /// Where the series' definition changed, oldest first: figures on the
    /// two sides of a break are not comparable.
    pub breaks: Vec<SeriesBreak>,
}

/// A change in what a series counts, from a day on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeriesBreak {
    /// The first day counted under the new definition: a week ending on or
    /// after it is on the new side.
    pub from: NaiveDate,
    /// What changed.
    pub cause: BreakCause,
}

impl SeriesBreak {
    /// Whether comparing the week `earlier` with the week `later` reaches
    /// across this break.
    pub fn separates(&self, earlier: Week, later: Week) -> bool {
        earlier.end() < self.from && later.end() >= self.from
    }
}

/// Why a series' definition changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BreakCause {
    /// Contractual-type (open-end) investment trusts, counted until then as
    /// long-term debt securities, are counted as equity and investment fund
    /// shares (MOF's note 1, January 2014).
    InvestmentTrustsToEquity,
}

/// One week's figures of a series.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FlowPoint {
    /// The week.
    pub week: Week,
    /// Net purchases: + net buying, − net selling.
    pub net: Amount,
    /// Gross purchases, where the publisher gives them.
    pub acquisition: Option<Amount>,
    /// Gross sales, where the publisher gives them.
    pub disposition: Option<Amount>,
    /// The source cell of `net`.
    pub cell: CellRef,
}

/// A weekly series with no gaps, oldest week first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowSeries {
    /// What the series is.
    pub meta: SeriesMeta,
    /// Consecutive weeks, oldest first, never empty.
    pub points: Vec<FlowPoint>,
}

/// One month's figure of a monthly series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthlyPoint {
    /// The month.
    pub month: Month,
    /// Net purchases: + net buying, − net selling.
    pub net: Amount,
    /// Where the figure comes from: its source cell, or for a series
    /// derived by flowsite, the first of the weeks summed.
    pub cell: CellRef,
    /// For a derived series, how many weeks were summed.
    pub weeks: Option<u32>,
}

/// How a monthly series came to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MonthlyOrigin {
    /// Published as monthly figures.
    Published,
    /// Summed by flowsite from a weekly series (its id and title), each
    /// month holding the weeks whose Monday falls in it.
    DerivedFrom {
        /// The weekly series' id.
        id: SeriesId,
        /// Its title.
        title: String,
    },
}

/// A monthly series with no gaps, oldest month first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthlySeries {
    /// What the series is.
    pub meta: SeriesMeta,
    /// Consecutive months, oldest first, never empty.
    pub points: Vec<MonthlyPoint>,
    /// Published, or derived from a weekly series.
    pub origin: MonthlyOrigin,
}

/// One published file's series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dataset {
    /// Who published it, and which version.
    pub source: SourceInfo,
    /// Its weekly series, in the publisher's column order.
    pub series: Vec<FlowSeries>,
    /// Its monthly series (tidy files), in declaration order.
    pub monthly: Vec<MonthlySeries>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    #[test]
    fn week_counts_in_the_year_of_its_monday() {
        let crossing = Week::starting(date(2025, 12, 28)).expect("sunday");
        assert_eq!(crossing.ytd_year(), 2025);
        let new_year = Week::starting(date(2023, 1, 1)).expect("sunday");
        assert_eq!((new_year.ytd_year(), new_year.week_of_year()), (2023, 1));
        let late = Week::starting(date(2017, 12, 31)).expect("sunday");
        assert_eq!((late.ytd_year(), late.week_of_year()), (2018, 1));
    }

    #[test]
    fn series_ids_are_safe_path_segments() {
        assert_eq!(
            SeriesId::parse("inward-equity").map(|id| id.to_string()),
            Ok("inward-equity".to_string())
        );
        assert!(SeriesId::parse("kr_bonds2").is_ok());
        for bad in ["", ".", "..", "a//b", "x?y#z", "%2e%2e", "-a", "_a", "A", "a b", "é"] {
            assert!(SeriesId::parse(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn amounts_beyond_the_limit_are_not_published_figures() {
        assert_eq!(Amount::published(Amount::LIMIT), Some(Amount(Amount::LIMIT)));
        assert_eq!(Amount::published(-Amount::LIMIT), Some(Amount(-Amount::LIMIT)));
        for beyond in [
            Amount::LIMIT + 1,
            -Amount::LIMIT - 1,
            i64::MAX,
            i64::MIN,
            184_467_440_737_095_517,
        ] {
            assert_eq!(Amount::published(beyond), None, "{beyond}");
        }
    }

    #[test]
    fn amount_arithmetic_never_wraps() {
        assert_eq!(Amount(i64::MAX).checked_add(Amount(1)), None);
        assert_eq!(Amount(i64::MIN).checked_sub(Amount(1)), None);
        assert_eq!(Amount(5).checked_sub(Amount(7)), Some(Amount(-2)));
        assert_eq!(Amount(i64::MAX) + Amount(1), Amount(i64::MAX));
        assert_eq!(Amount(i64::MIN) - Amount(1), Amount(i64::MIN));
    }

    #[test]
    fn finds_the_week_containing_a_day() {
        let week = Week::containing(date(2026, 1, 1));
        assert_eq!(week.start(), date(2025, 12, 28));
        assert_eq!(Week::containing(date(2025, 12, 28)), week);
        assert_eq!(Week::containing(date(2026, 1, 3)), week);
    }

    #[test]
    fn a_weekly_cadence_releases_on_the_next_such_day() {
        let thursdays = Cadence::Weekly(Weekday::Thu);
        // Thursday 17 September 2026: the next release is a week later.
        assert_eq!(thursdays.next_after(date(2026, 9, 17)), date(2026, 9, 24));
        assert_eq!(thursdays.next_after(date(2026, 9, 16)), date(2026, 9, 17));
        assert_eq!(thursdays.next_after(date(2026, 9, 18)), date(2026, 9, 24));
        let week = Week::starting(date(2026, 9, 6)).expect("sunday");
        assert_eq!(thursdays.release_of(week), date(2026, 9, 17));
        // A Saturday release day publishes a week only a week after it ends.
        assert_eq!(Cadence::Weekly(Weekday::Sat).release_of(week), date(2026, 9, 19));
    }

    #[test]
    fn only_sundays_start_weeks() {
        assert!(Week::starting(date(2026, 9, 7)).is_none());
    }

    #[test]
    fn displays_year_crossing_weeks_with_both_years() {
        let crossing = Week::starting(date(2025, 12, 28)).expect("sunday");
        assert_eq!(crossing.to_string(), "2025-12-28..2026-01-03");
        let plain = Week::starting(date(2026, 9, 6)).expect("sunday");
        assert_eq!(plain.to_string(), "2026-09-06..09-12");
    }
}

/// The two kinds of chart flowsite draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChartKind {
    /// Weekly net purchases as diverging columns, last 52 weeks.
    Weekly,
    /// Cumulative year-to-date lines, one per year.
    Ytd,
}

impl ChartKind {
    /// The name used in chart blocks and file names.
    pub fn name(self) -> &'static str {
        match self {
            ChartKind::Weekly => "weekly",
            ChartKind::Ytd => "ytd",
        }
    }
}
