//! How the Japanese edition writes amounts and dates.
//!
//! Yen, as Japanese wire reports quote MOF's figures: exact 兆 and 億 from
//! the integer 億円 figure, never rounded (10,794 oku -> 「1兆794億円」,
//! 9,484 -> 「9484億円」, 10,000 -> 「1兆円」); digits inside a prose amount
//! are not grouped, as in 「9484億円」. Dollars published in millions are
//! exact too, in 兆/億/万 (6,769 -> 「67億6900万ドル」), and a yen figure's
//! dollar equivalent, which is an estimate, is rounded to a tenth of 億ドル
//! (「約67.7億ドル」), or to whole 万ドル below 1億ドル.
//!
//! Tables follow Japanese statistical tables: one unit per table
//! (「単位：億円」), digits grouped by thousands, no sign for a positive
//! figure and ▲ for a negative one. Dates are 「2026年5月23日」; a week is
//! 「5月17～23日」, and across a year 「2025年12月28日～26年1月3日」. No
//! I/O here.

use super::AxisScale;
use crate::model::{Amount, Unit, Week};
use chrono::{Datelike, NaiveDate};

/// The wave dash of Japanese ranges (full width, U+FF5E), as in 「17～23日」.
pub const RANGE: &str = "\u{ff5e}";

/// The mark of a negative figure in Japanese tables.
pub const TRIANGLE: &str = "\u{25b2}";

/// `value` of the smallest of `names` written with the larger 4-digit
/// groups (万, 億, 兆): `groups(10_794, &["億", "兆"])` is 「1兆794億」.
/// Zero groups are left out; zero itself is 「0」 and the smallest name.
fn in_groups(value: u64, names: &[&str]) -> String {
    let mut parts = Vec::new();
    let mut rest = value;
    for (index, name) in names.iter().enumerate() {
        // The largest name takes everything that is left.
        let group = if index + 1 == names.len() { rest } else { rest % 10_000 };
        rest /= 10_000;
        if group != 0 {
            parts.push(format!("{group}{name}"));
        }
        if rest == 0 && index + 1 < names.len() {
            break;
        }
    }
    if parts.is_empty() {
        return format!("0{}", names.first().copied().unwrap_or_default());
    }
    parts.reverse();
    parts.concat()
}

/// The size of an amount, exactly: 「1兆794億円」, 「9484億円」, 「0億円」;
/// 「67億6900万ドル」 for dollars published in millions.
pub fn amount(unit: Unit, amount: Amount) -> String {
    let value = amount.0.unsigned_abs();
    match unit {
        Unit::Oku => format!("{}円", in_groups(value, &["億", "兆"])),
        Unit::MillionUsd if value == 0 => "0ドル".to_string(),
        // A million dollars is 100万ドル.
        Unit::MillionUsd => format!("{}ドル", in_groups(value * 100, &["万", "億", "兆"])),
    }
}

/// [`amount`] with a sign: 「+1兆794億円」, 「−9484億円」, 「0億円」.
pub fn signed_amount(unit: Unit, value: Amount) -> String {
    match value.0.signum() {
        0 => amount(unit, value),
        1 => format!("+{}", amount(unit, value)),
        _ => format!("{}{}", super::MINUS, amount(unit, value)),
    }
}

/// A dollar equivalent in whole dollars, which is an estimate: 「約67.7億ドル」,
/// 「約1.25兆ドル」, 「約5200万ドル」.
pub fn approximate_dollars(dollars: i64) -> String {
    let value = dollars.unsigned_abs();
    const OKU: u64 = 100_000_000;
    const CHO: u64 = 1_000_000_000_000;
    if value >= CHO - CHO / 200 {
        let hundredths = (value * 100 + CHO / 2) / CHO;
        format!("約{}.{:02}兆ドル", hundredths / 100, hundredths % 100)
    } else if value >= OKU - OKU / 20 {
        let tenths = (value * 10 + OKU / 2) / OKU;
        format!("約{}.{}億ドル", tenths / 10, tenths % 10)
    } else {
        format!("約{}万ドル", (value + 5_000) / 10_000)
    }
}

/// The unit a table states once above its figures: 「億円」, 「百万ドル」.
pub fn table_unit(unit: Unit) -> &'static str {
    match unit {
        Unit::Oku => "億円",
        Unit::MillionUsd => "百万ドル",
    }
}

/// An amount in its table's [`table_unit`], grouped by thousands, ▲ for
/// a negative: 「10,794」, 「▲9,484」, 「0」.
pub fn table_amount(_unit: Unit, amount: Amount) -> String {
    let number = super::grouped(amount.0.unsigned_abs());
    if amount.0 < 0 {
        format!("{TRIANGLE}{number}")
    } else {
        number
    }
}

/// A chart tick: 「2兆円」, 「−2兆円」, 「1.5兆円」, 「5000億円」, 「0」;
/// 「15億ドル」, 「−200万ドル」 on a dollar axis.
pub fn tick_label(scale: AxisScale, value: Amount) -> String {
    if value.0 == 0 {
        return "0".to_string();
    }
    let sign = if value.0 < 0 { super::MINUS } else { "" };
    let abs = value.0.unsigned_abs();
    let number = match scale.unit {
        // A tick under 1兆円 reads as 億円 (「5000億円」, not 「0.5兆円」).
        Unit::Oku if abs < 10_000 => format!("{abs}億円"),
        Unit::Oku => format!("{}兆円", decimal(abs, 10_000)),
        Unit::MillionUsd if abs < 100 => format!("{}万ドル", abs * 100),
        Unit::MillionUsd if abs < 1_000_000 => format!("{}億ドル", decimal(abs, 100)),
        Unit::MillionUsd => format!("{}兆ドル", decimal(abs, 1_000_000)),
    };
    format!("{sign}{number}")
}

/// The unit of a chart's axis, for its subtitle: 「兆円」, 「億円」, 「億ドル」.
pub fn axis_unit(scale: AxisScale) -> &'static str {
    match (scale.unit, scale.divisor) {
        (Unit::Oku, 10_000) => "兆円",
        (Unit::Oku, _) => "億円",
        (Unit::MillionUsd, 1_000_000) => "兆ドル",
        (Unit::MillionUsd, 1_000) => "億ドル",
        (Unit::MillionUsd, _) => "万ドル",
    }
}

/// `value / divisor` with as few decimals as it needs: 「1.5」, 「2」, 「0.25」.
fn decimal(value: u64, divisor: u64) -> String {
    let whole = value / divisor;
    let rest = value % divisor;
    if rest == 0 {
        return whole.to_string();
    }
    let digits = divisor.ilog10() as usize;
    let fraction = format!("{rest:0digits$}");
    format!("{whole}.{}", fraction.trim_end_matches('0'))
}

/// 「2026年5月23日」.
pub fn date(date: NaiveDate) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

/// 「5月23日」.
pub fn month_day(date: NaiveDate) -> String {
    format!("{}月{}日", date.month(), date.day())
}

/// 「2026年8月」.
pub fn month(date: NaiveDate) -> String {
    format!("{}年{}月", date.year(), date.month())
}

/// A week inside a sentence, the year left to the context: 「5月17～23日」,
/// 「4月26日～5月2日」, and across a year both years, the second as two
/// digits, as wire reports write it: 「2025年12月28日～26年1月3日」.
pub fn week_in_text(week: Week) -> String {
    let (start, end) = (week.start(), week.end());
    if start.year() != end.year() {
        format!(
            "{}{RANGE}{:02}年{}月{}日",
            date(start),
            end.year() % 100,
            end.month(),
            end.day()
        )
    } else if start.month() != end.month() {
        format!("{}{RANGE}{}", month_day(start), month_day(end))
    } else {
        format!("{}月{}{RANGE}{}日", start.month(), start.day(), end.day())
    }
}

/// A week with its year, as datelines and tables give it: 「2026年5月17～23日」,
/// 「2025年12月28日～26年1月3日」.
pub fn week_range(week: Week) -> String {
    let (start, end) = (week.start(), week.end());
    if start.year() != end.year() {
        week_in_text(week)
    } else {
        format!("{}年{}", start.year(), week_in_text(week))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const YEN: Unit = Unit::Oku;
    const USD: Unit = Unit::MillionUsd;

    #[test]
    fn writes_yen_exactly_in_cho_and_oku() {
        for (oku, expected) in [
            (0, "0億円"),
            (1, "1億円"),
            (12, "12億円"),
            (9_484, "9484億円"),
            (9_999, "9999億円"),
            (10_000, "1兆円"),
            (10_794, "1兆794億円"),
            (123_456, "12兆3456億円"),
            (-10_794, "1兆794億円"),
            (-1, "1億円"),
            (117_019, "11兆7019億円"),
        ] {
            assert_eq!(amount(YEN, Amount(oku)), expected, "{oku}");
        }
        assert_eq!(signed_amount(YEN, Amount(-123_456)), "\u{2212}12兆3456億円");
        assert_eq!(signed_amount(YEN, Amount(-9_999)), "\u{2212}9999億円");
        assert_eq!(signed_amount(YEN, Amount(10_000)), "+1兆円");
        assert_eq!(signed_amount(YEN, Amount(0)), "0億円");
    }

    #[test]
    fn writes_published_dollars_exactly_and_conversions_about() {
        assert_eq!(amount(USD, Amount(6_769)), "67億6900万ドル");
        assert_eq!(amount(USD, Amount(100)), "1億ドル");
        assert_eq!(amount(USD, Amount(52)), "5200万ドル");
        assert_eq!(amount(USD, Amount(1_250_000)), "1兆2500億ドル");
        assert_eq!(amount(USD, Amount(0)), "0ドル");
        assert_eq!(approximate_dollars(6_769_349_000), "約67.7億ドル");
        assert_eq!(approximate_dollars(-312_400_000), "約3.1億ドル");
        assert_eq!(approximate_dollars(99_990_000), "約1.0億ドル");
        assert_eq!(approximate_dollars(52_345_678), "約5235万ドル");
        assert_eq!(approximate_dollars(1_250_000_000_000), "約1.25兆ドル");
    }

    #[test]
    fn tables_mark_negatives_with_a_triangle() {
        assert_eq!(table_amount(YEN, Amount(-9_484)), "\u{25b2}9,484");
        assert_eq!(table_amount(YEN, Amount(10_794)), "10,794");
        assert_eq!(table_amount(YEN, Amount(0)), "0");
        assert_eq!((table_unit(YEN), table_unit(USD)), ("億円", "百万ドル"));
    }

    #[test]
    fn ticks_are_cho_en_or_oku_en() {
        let tn = AxisScale::for_largest(YEN, Amount(20_000));
        assert_eq!(tick_label(tn, Amount(20_000)), "2兆円");
        assert_eq!(tick_label(tn, Amount(-20_000)), "\u{2212}2兆円");
        assert_eq!(tick_label(tn, Amount(15_000)), "1.5兆円");
        assert_eq!(tick_label(tn, Amount(5_000)), "5000億円");
        assert_eq!(tick_label(tn, Amount(0)), "0");
        assert_eq!(axis_unit(tn), "兆円");
        let usd = AxisScale::for_largest(USD, Amount(3_000));
        assert_eq!(tick_label(usd, Amount(1_500)), "15億ドル");
        assert_eq!(tick_label(usd, Amount(-2)), "\u{2212}200万ドル");
    }

    #[test]
    fn writes_weeks_as_wire_reports_do() {
        let week = |y, m, d| Week::starting(NaiveDate::from_ymd_opt(y, m, d).expect("date")).expect("a Sunday");
        assert_eq!(week_in_text(week(2026, 5, 17)), "5月17～23日");
        assert_eq!(week_in_text(week(2026, 4, 26)), "4月26日～5月2日");
        assert_eq!(week_in_text(week(2025, 12, 28)), "2025年12月28日～26年1月3日");
        assert_eq!(week_range(week(2026, 5, 17)), "2026年5月17～23日");
        assert_eq!(week_range(week(2025, 12, 28)), "2025年12月28日～26年1月3日");
        let day = NaiveDate::from_ymd_opt(2026, 9, 17).expect("date");
        assert_eq!(
            (date(day), month_day(day), month(day)),
            (
                "2026年9月17日".to_string(),
                "9月17日".to_string(),
                "2026年9月".to_string()
            )
        );
    }
}
