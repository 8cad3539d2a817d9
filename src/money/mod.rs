//! How published amounts are written for readers, per unit.
//!
//! Yen (MOF's oku, 100 million yen), the wire-report rule: amounts of ¥1
//! trillion (10,000 oku) or more are quoted in trillions with two decimals
//! (24,716 oku -> ¥2.47 trillion, rounded half away from zero); smaller
//! amounts in billions with one decimal, which is exact because 1 oku = ¥0.1
//! billion (3,125 oku -> ¥312.5 billion).
//!
//! US dollars (millions): $1 trillion and up with two decimals, $1 billion
//! and up with two decimals (2,468 -> $2.47 billion), smaller amounts in
//! whole millions, which is exact ($312 million).
//!
//! Negative amounts use the minus sign U+2212. Dates are written the way
//! readers write them (`12 September 2026`, `6–12 Sep 2026`), never as the
//! machine forms used in file names. Used by the chart, prose and page
//! stages; no I/O here. [`ja`] holds the Japanese edition's forms.

pub mod ja;

use crate::model::{Amount, Unit, Week};
use chrono::{Datelike, NaiveDate};

/// The minus sign readers see (U+2212), not a hyphen.
pub const MINUS: &str = "\u{2212}";

/// A magnitude of an amount: its number, and the word and abbreviation of
/// its scale ("2.47", "trillion", "tn").
struct Magnitude {
    number: String,
    word: &'static str,
    short: &'static str,
}

/// Rounds `value / divisor` to hundredths, half away from zero on the
/// absolute value, as "whole.hh".
fn hundredths(value: u64, divisor: u64) -> String {
    let scaled = (value * 100 + divisor / 2) / divisor;
    format!("{}.{:02}", scaled / 100, scaled % 100)
}

fn magnitude(unit: Unit, amount: Amount) -> Magnitude {
    let value = amount.0.unsigned_abs();
    match unit {
        Unit::Oku if value >= 10_000 => Magnitude {
            number: hundredths(value, 10_000),
            word: "trillion",
            short: "tn",
        },
        Unit::Oku => Magnitude {
            number: format!("{}.{}", value / 10, value % 10),
            word: "billion",
            short: "bn",
        },
        Unit::MillionUsd if value >= 1_000_000 => Magnitude {
            number: hundredths(value, 1_000_000),
            word: "trillion",
            short: "tn",
        },
        Unit::MillionUsd if value >= 1_000 => Magnitude {
            number: hundredths(value, 1_000),
            word: "billion",
            short: "bn",
        },
        Unit::MillionUsd => Magnitude {
            number: value.to_string(),
            word: "million",
            short: "m",
        },
    }
}

fn symbol(unit: Unit) -> &'static str {
    match unit {
        Unit::Oku => "¥",
        Unit::MillionUsd => "$",
    }
}

/// `¥2.47 trillion` or `¥312.5 billion`, for the absolute value of `amount`.
pub fn wire_amount(unit: Unit, amount: Amount) -> String {
    let magnitude = magnitude(unit, amount);
    format!("{}{} {}", symbol(unit), magnitude.number, magnitude.word)
}

/// Like [`wire_amount`] with a sign: `+¥2.47 trillion`, `−¥312.5 billion`, `¥0`.
pub fn signed_amount(unit: Unit, amount: Amount) -> String {
    match amount.0.signum() {
        0 => format!("{}0", symbol(unit)),
        1 => format!("+{}", wire_amount(unit, amount)),
        _ => format!("{MINUS}{}", wire_amount(unit, amount)),
    }
}

/// Compact form for chart annotations: `+¥2.47tn`, `−¥312.5bn`.
pub fn compact_amount(unit: Unit, amount: Amount) -> String {
    if amount.0 == 0 {
        return format!("{}0", symbol(unit));
    }
    let magnitude = magnitude(unit, amount);
    let sign = if amount.0 > 0 { "+" } else { MINUS };
    format!("{sign}{}{}{}", symbol(unit), magnitude.number, magnitude.short)
}

/// What a net amount means for the buyer, as a verb phrase:
/// `net bought ¥2.47 trillion`, `net sold ¥312.5 billion`, or
/// `neither bought nor sold on balance`.
pub fn net_phrase(unit: Unit, net: Amount) -> String {
    match net.0.signum() {
        1 => format!("net bought {}", wire_amount(unit, net)),
        -1 => format!("net sold {}", wire_amount(unit, net)),
        _ => "neither bought nor sold on balance".to_string(),
    }
}

/// A net amount as a noun phrase: `net purchases of ¥2.47 trillion`,
/// `net sales of ¥312.5 billion`, or `no net purchases`.
pub fn amount_with_direction(unit: Unit, amount: Amount) -> String {
    match amount.0.signum() {
        1 => format!("net purchases of {}", wire_amount(unit, amount)),
        -1 => format!("net sales of {}", wire_amount(unit, amount)),
        _ => "no net purchases".to_string(),
    }
}

/// The scale an axis is labelled in: the unit's number per scale step and
/// its abbreviation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AxisScale {
    unit: Unit,
    divisor: u64,
    suffix: &'static str,
}

impl AxisScale {
    /// The scale for an axis of `unit` whose largest absolute tick is `largest`.
    pub fn for_largest(unit: Unit, largest: Amount) -> AxisScale {
        let value = largest.0.unsigned_abs();
        let (divisor, suffix) = match unit {
            Unit::Oku if value >= 10_000 => (10_000, "tn"),
            Unit::Oku => (10, "bn"),
            Unit::MillionUsd if value >= 1_000_000 => (1_000_000, "tn"),
            Unit::MillionUsd if value >= 1_000 => (1_000, "bn"),
            Unit::MillionUsd => (1, "m"),
        };
        AxisScale { unit, divisor, suffix }
    }

    /// A tick label: `¥1.5tn`, `−¥500bn`, `0`; as few decimals as the value needs.
    pub fn tick_label(self, value: Amount) -> String {
        if value.0 == 0 {
            return "0".to_string();
        }
        let number = self.number(Amount(value.0.abs()));
        let sign = if value.0 < 0 { MINUS } else { "" };
        format!("{sign}{}{number}{}", symbol(self.unit), self.suffix)
    }

    /// A value as a bare number of the scale: `1.5`, `−500`, `0`, for
    /// axes whose unit is stated once.
    pub fn number(self, value: Amount) -> String {
        let sign = if value.0 < 0 { MINUS } else { "" };
        let abs = value.0.unsigned_abs();
        let whole = grouped(abs / self.divisor);
        let rest = abs % self.divisor;
        if rest == 0 {
            return format!("{sign}{whole}");
        }
        // Ticks are round numbers, so a short fraction always suffices.
        let digits = self.divisor.ilog10() as usize;
        let fraction = format!("{:0digits$}", rest);
        format!("{sign}{whole}.{}", fraction.trim_end_matches('0'))
    }

    /// The scale in words, for a chart's subtitle: `¥ trillion`, `$ million`.
    pub fn unit_words(self) -> String {
        let word = match self.suffix {
            "tn" => "trillion",
            "bn" => "billion",
            _ => "million",
        };
        format!("{} {word}", symbol(self.unit))
    }
}

/// The unit of a table column of amounts: `¥bn` for yen (MOF's oku are
/// exact in billions with one decimal), `$m` for dollars.
pub fn table_unit(unit: Unit) -> &'static str {
    match unit {
        Unit::Oku => "¥bn",
        Unit::MillionUsd => "$m",
    }
}

/// An amount in its column's [`table_unit`], signed and grouped by
/// thousands: `−1,522.8`, `+713.3`, `0`.
pub fn table_amount(unit: Unit, amount: Amount) -> String {
    let abs = amount.0.unsigned_abs();
    let (whole, fraction) = match unit {
        Unit::Oku => (abs / 10, Some(abs % 10)),
        Unit::MillionUsd => (abs, None),
    };
    let mut number = grouped(whole);
    if let Some(fraction) = fraction {
        number.push_str(&format!(".{fraction}"));
    }
    match amount.0.signum() {
        0 => "0".to_string(),
        1 => format!("+{number}"),
        _ => format!("{MINUS}{number}"),
    }
}

/// `1234567` as `1,234,567`.
fn grouped(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// Month names as readers write them.
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A month's name as readers write it: `September`.
pub fn month_name(date: NaiveDate) -> &'static str {
    MONTHS[date.month0() as usize]
}

/// A date as readers write it: `12 September 2026`.
pub fn long_date(date: NaiveDate) -> String {
    // Written directly: chrono's format strings are parsed on every call.
    format!("{} {} {}", date.day(), month_name(date), date.year())
}

/// A month's short name, as charts and tables write it: `Sep`.
pub fn month_abbreviation(date: NaiveDate) -> &'static str {
    // Three letters for every month, as the FT and Reuters write them in charts.
    &MONTHS[date.month0() as usize][..3]
}

/// A date in short form: `12 Sep 2026`.
pub fn short_date(date: NaiveDate) -> String {
    format!("{} {} {}", date.day(), month_abbreviation(date), date.year())
}

/// A day and month without the year: `27 Jun`.
pub fn day_month(date: NaiveDate) -> String {
    format!("{} {}", date.day(), month_abbreviation(date))
}

/// A month and year: `Jun 2025`.
pub fn month_year(date: NaiveDate) -> String {
    format!("{} {}", month_abbreviation(date), date.year())
}

/// A week as readers write a date range: `6–12 Sep 2026` within a month,
/// `27 Sep – 3 Oct 2026` across months and `28 Dec 2025 – 3 Jan 2026`
/// across years. The en dash is spaced only when a side has spaces in it,
/// as style guides write ranges.
pub fn week_range(week: Week) -> String {
    let (start, end) = (week.start(), week.end());
    if start.year() != end.year() {
        format!("{} \u{2013} {}", short_date(start), short_date(end))
    } else if start.month() != end.month() {
        format!("{} \u{2013} {}", day_month(start), short_date(end))
    } else {
        format!("{}\u{2013}{}", start.day(), short_date(end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const YEN: Unit = Unit::Oku;
    const USD: Unit = Unit::MillionUsd;

    #[test]
    fn quotes_yen_as_wire_reports_do() {
        assert_eq!(wire_amount(YEN, Amount(24_716)), "¥2.47 trillion");
        assert_eq!(wire_amount(YEN, Amount(24_750)), "¥2.48 trillion");
        assert_eq!(wire_amount(YEN, Amount(-24_750)), "¥2.48 trillion");
        assert_eq!(wire_amount(YEN, Amount(10_000)), "¥1.00 trillion");
        assert_eq!(wire_amount(YEN, Amount(9_999)), "¥999.9 billion");
        assert_eq!(wire_amount(YEN, Amount(3_125)), "¥312.5 billion");
        assert_eq!(wire_amount(YEN, Amount(7)), "¥0.7 billion");
        assert_eq!(signed_amount(YEN, Amount(-15_228)), "\u{2212}¥1.52 trillion");
        assert_eq!(signed_amount(YEN, Amount(0)), "¥0");
        assert_eq!(compact_amount(YEN, Amount(1_692)), "+¥169.2bn");
    }

    #[test]
    fn quotes_dollars_in_millions_billions_and_trillions() {
        assert_eq!(wire_amount(USD, Amount(312)), "$312 million");
        assert_eq!(wire_amount(USD, Amount(2_468)), "$2.47 billion");
        assert_eq!(wire_amount(USD, Amount(1_250_000)), "$1.25 trillion");
        assert_eq!(signed_amount(USD, Amount(-999)), "\u{2212}$999 million");
        assert_eq!(compact_amount(USD, Amount(2_468)), "+$2.47bn");
        assert_eq!(net_phrase(USD, Amount(-45)), "net sold $45 million");
    }

    #[test]
    fn writes_table_amounts_in_one_unit_per_column() {
        assert_eq!(table_amount(YEN, Amount(-15_228)), "\u{2212}1,522.8");
        assert_eq!(table_amount(YEN, Amount(7_133)), "+713.3");
        assert_eq!(table_amount(YEN, Amount(1_234_567)), "+123,456.7");
        assert_eq!(table_amount(USD, Amount(-2_468)), "\u{2212}2,468");
        assert_eq!(table_amount(USD, Amount(0)), "0");
        assert_eq!((table_unit(YEN), table_unit(USD)), ("¥bn", "$m"));
    }

    #[test]
    fn writes_weeks_as_human_date_ranges() {
        let week = |y, m, d| Week::starting(NaiveDate::from_ymd_opt(y, m, d).expect("date")).expect("a Sunday");
        assert_eq!(week_range(week(2026, 9, 6)), "6\u{2013}12 Sep 2026");
        assert_eq!(week_range(week(2026, 9, 27)), "27 Sep \u{2013} 3 Oct 2026");
        assert_eq!(week_range(week(2025, 12, 28)), "28 Dec 2025 \u{2013} 3 Jan 2026");
        let date = NaiveDate::from_ymd_opt(2025, 6, 1).expect("date");
        assert_eq!(
            (short_date(date), day_month(date), month_year(date)),
            ("1 Jun 2025".to_string(), "1 Jun".to_string(), "Jun 2025".to_string())
        );
        assert_eq!(long_date(date), "1 June 2025");
    }

    #[test]
    fn labels_ticks_without_needless_decimals() {
        let tn = AxisScale::for_largest(YEN, Amount(20_000));
        assert_eq!(tn.tick_label(Amount(15_000)), "¥1.5tn");
        assert_eq!(tn.tick_label(Amount(-20_000)), "\u{2212}¥2tn");
        assert_eq!(tn.tick_label(Amount(2_500)), "¥0.25tn");
        let bn = AxisScale::for_largest(YEN, Amount(5_000));
        assert_eq!(bn.tick_label(Amount(5_000)), "¥500bn");
        assert_eq!(bn.tick_label(Amount(-25)), "\u{2212}¥2.5bn");
        assert_eq!(bn.tick_label(Amount(0)), "0");
        assert_eq!(tn.number(Amount(-20_000)), "\u{2212}2");
        assert_eq!(tn.number(Amount(5_000)), "0.5");
        assert_eq!(
            AxisScale::for_largest(YEN, Amount(9_000)).number(Amount(10_000)),
            "1,000"
        );
        assert_eq!(tn.unit_words(), "¥ trillion");
        let usd = AxisScale::for_largest(USD, Amount(3_000));
        assert_eq!(usd.unit_words(), "$ billion");
        assert_eq!(usd.tick_label(Amount(1_500)), "$1.5bn");
        assert_eq!(
            AxisScale::for_largest(USD, Amount(800)).tick_label(Amount(-200)),
            "\u{2212}$200m"
        );
    }
}
