//! Published numbers -> bounded [`Amount`]s, and published dates -> dates
//! in the years flowsite can compute with.
//!
//! Every figure of every format passes through here, so that nothing later
//! (sums, chart axes, formatting) sees a value it cannot handle: a figure
//! beyond ±[`Amount::LIMIT`] is refused with its cell, never wrapped,
//! saturated or published as something else. No I/O here.

use crate::model::Amount;
use chrono::{Datelike, NaiveDate};

/// How thousands are written in a format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Separators {
    /// MOF's `"1,689 "`: commas between groups of three digits allowed.
    Commas,
    /// Machine-written data: digits only.
    None,
}

/// Why a cell is not a published amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberProblem {
    /// Not an integer written the way the format writes them.
    NotWhole,
    /// An integer, but beyond ±[`Amount::LIMIT`].
    TooLarge,
}

/// How a message names the bound.
pub const LIMIT_TEXT: &str = "±1,000,000,000,000 (10¹²)";

/// The figure in `raw` (surrounding white space ignored): an optional `-`
/// and digits, with commas between groups of three where the format has
/// them.
pub fn parse_amount(raw: &str, separators: Separators) -> Result<Amount, NumberProblem> {
    let text = raw.trim();
    let (negative, written) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    if written.is_empty() || !written.bytes().all(|b| b.is_ascii_digit() || b == b',') {
        return Err(NumberProblem::NotWhole);
    }
    if written.contains(',') && !(separators == Separators::Commas && grouped_in_threes(written)) {
        return Err(NumberProblem::NotWhole);
    }
    let digits: String = written.chars().filter(char::is_ascii_digit).collect();
    let significant = digits.trim_start_matches('0');
    // Thirteen digits hold 10¹²; counting them first means no input, however
    // long, can overflow the parse.
    if significant.len() > 13 {
        return Err(NumberProblem::TooLarge);
    }
    let magnitude: i64 = if significant.is_empty() {
        0
    } else {
        significant.parse().map_err(|_| NumberProblem::NotWhole)?
    };
    let value = if negative { -magnitude } else { magnitude };
    Amount::published(value).ok_or(NumberProblem::TooLarge)
}

/// `1,689` and `12,345,678`, not `1,,2`, `,12` or `12,34`.
fn grouped_in_threes(written: &str) -> bool {
    let mut groups = written.split(',');
    let first = groups.next().unwrap_or("");
    (1..=3).contains(&first.len()) && groups.all(|group| group.len() == 3)
}

/// The years a period may fall in. Published flow statistics start in the
/// twentieth century; the bound keeps every week's arithmetic (the next
/// week, its Monday) inside the calendar.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2999;

/// Whether `date` is in [`YEARS`].
pub fn is_plausible(date: NaiveDate) -> bool {
    YEARS.contains(&date.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_published_formats() {
        assert_eq!(parse_amount("1,689 ", Separators::Commas), Ok(Amount(1689)));
        assert_eq!(parse_amount("-2,729 ", Separators::Commas), Ok(Amount(-2729)));
        assert_eq!(parse_amount("12,345,678", Separators::Commas), Ok(Amount(12_345_678)));
        assert_eq!(parse_amount(" -2729 ", Separators::None), Ok(Amount(-2729)));
        assert_eq!(parse_amount("0", Separators::None), Ok(Amount(0)));
        assert_eq!(parse_amount("-0", Separators::None), Ok(Amount(0)));
    }

    #[test]
    fn refuses_what_is_not_a_published_integer() {
        for bad in [
            "", " ", "1.5", "abc", "1e3", ",12", "--3", "NaN", "inf", "+5", "1,,2", "12,34", "1,2345",
        ] {
            assert_eq!(
                parse_amount(bad, Separators::Commas),
                Err(NumberProblem::NotWhole),
                "{bad:?}"
            );
        }
        assert_eq!(parse_amount("1,000", Separators::None), Err(NumberProblem::NotWhole));
    }

    #[test]
    fn refuses_figures_beyond_the_bound_without_overflowing() {
        for huge in [
            "1000000000001",
            "-1000000000001",
            "9000000000000000000",
            "-9223372036854775808",
            "184467440737095517",
            "99999999999999999999999999999999999999",
            "18,446,744,073,709,551,616",
        ] {
            assert_eq!(
                parse_amount(huge, Separators::Commas),
                Err(NumberProblem::TooLarge),
                "{huge}"
            );
        }
        assert_eq!(
            parse_amount("1000000000000", Separators::None),
            Ok(Amount(Amount::LIMIT))
        );
        assert_eq!(
            parse_amount("000000000000000000000042", Separators::None),
            Ok(Amount(42))
        );
    }

    #[test]
    fn keeps_periods_inside_the_calendar_flowsite_computes_with() {
        let date = |y| NaiveDate::from_ymd_opt(y, 1, 1).expect("date");
        assert!(is_plausible(date(2005)));
        assert!(!is_plausible(date(262_000)));
        assert!(!is_plausible(date(1)));
    }
}
