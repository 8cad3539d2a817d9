//! How amounts in oku are written for readers.
//!
//! The wire-report rule: amounts of ¥1 trillion (10,000 oku) or more are
//! quoted in trillions with two decimals (24,716 oku -> ¥2.47 trillion,
//! rounded half away from zero); smaller amounts in billions with one
//! decimal, which is exact because 1 oku = ¥0.1 billion (3,125 oku ->
//! ¥312.5 billion). Negative amounts use the minus sign U+2212. Used by the
//! chart and page stages; no I/O here.

use crate::model::Oku;

/// 10,000 oku = ¥1 trillion.
const OKU_PER_TRILLION: i64 = 10_000;

/// The minus sign readers see (U+2212), not a hyphen.
pub const MINUS: char = '\u{2212}';

/// `¥2.47 trillion` or `¥312.5 billion`, for the absolute value of `amount`.
pub fn wire_amount(amount: Oku) -> String {
    let (whole, fraction, unit) = split_amount(amount.0.unsigned_abs());
    format!("¥{whole}.{fraction} {unit}")
}

/// Like [`wire_amount`] with a sign: `+¥2.47 trillion`, `−¥312.5 billion`, `¥0`.
pub fn signed_amount(amount: Oku) -> String {
    match amount.0.signum() {
        0 => "¥0".to_string(),
        1 => format!("+{}", wire_amount(amount)),
        _ => format!("{MINUS}{}", wire_amount(amount)),
    }
}

/// Compact form for chart annotations: `+¥2.47tn`, `−¥312.5bn`.
pub fn compact_amount(amount: Oku) -> String {
    if amount.0 == 0 {
        return "¥0".to_string();
    }
    let (whole, fraction, unit) = split_amount(amount.0.unsigned_abs());
    let short = if unit == "trillion" { "tn" } else { "bn" };
    let sign = match amount.0.signum() {
        0 => "",
        1 => "+",
        _ => "\u{2212}",
    };
    format!("{sign}¥{whole}.{fraction}{short}")
}

/// Whole part, fraction digits and unit word of an absolute amount in oku.
fn split_amount(oku: u64) -> (u64, String, &'static str) {
    let per_trillion = OKU_PER_TRILLION as u64;
    if oku >= per_trillion {
        // Hundredths of a trillion = oku / 100, rounded half up on the
        // absolute value, i.e. half away from zero.
        let hundredths = (oku + 50) / 100;
        (hundredths / 100, format!("{:02}", hundredths % 100), "trillion")
    } else {
        (oku / 10, format!("{}", oku % 10), "billion")
    }
}

/// The scale an axis is labelled in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AxisScale {
    /// ¥ billion (10 oku).
    Billions,
    /// ¥ trillion (10,000 oku).
    Trillions,
}

impl AxisScale {
    /// The scale for an axis whose largest absolute tick is `largest`.
    pub fn for_largest(largest: Oku) -> AxisScale {
        if largest.0.abs() >= OKU_PER_TRILLION {
            AxisScale::Trillions
        } else {
            AxisScale::Billions
        }
    }

    /// A tick label: `¥1.5tn`, `−¥500bn`, `0`; as few decimals as the value needs.
    pub fn tick_label(self, value: Oku) -> String {
        if value.0 == 0 {
            return "0".to_string();
        }
        let sign = if value.0 < 0 { "\u{2212}" } else { "" };
        let abs = value.0.unsigned_abs();
        let (divisor, suffix) = match self {
            AxisScale::Billions => (10u64, "bn"),
            AxisScale::Trillions => (OKU_PER_TRILLION as u64, "tn"),
        };
        let whole = abs / divisor;
        let rest = abs % divisor;
        if rest == 0 {
            return format!("{sign}¥{whole}{suffix}");
        }
        // Ticks are round numbers, so a short fraction always suffices.
        let digits = divisor.ilog10() as usize;
        let fraction = format!("{:0digits$}", rest);
        format!("{sign}¥{whole}.{}{suffix}", fraction.trim_end_matches('0'))
    }
}

/// What a net amount means for the buyer, as a verb phrase:
/// `net bought ¥2.47 trillion`, `net sold ¥312.5 billion`, or
/// `neither bought nor sold on balance`.
pub fn net_phrase(net: Oku) -> String {
    match net.0.signum() {
        1 => format!("net bought {}", wire_amount(net)),
        -1 => format!("net sold {}", wire_amount(net)),
        _ => "neither bought nor sold on balance".to_string(),
    }
}

/// A net amount as a noun phrase: `net purchases of ¥2.47 trillion`,
/// `net sales of ¥312.5 billion`, or `no net purchases`.
pub fn amount_with_direction(amount: Oku) -> String {
    match amount.0.signum() {
        1 => format!("net purchases of {}", wire_amount(amount)),
        -1 => format!("net sales of {}", wire_amount(amount)),
        _ => "no net purchases".to_string(),
    }
}

/// A date as readers write it: `12 September 2026`.
pub fn long_date(date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
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
    // Written directly: chrono's format strings are parsed on every call.
    format!("{} {} {}", date.day(), MONTHS[date.month0() as usize], date.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_amounts_as_wire_reports_do() {
        assert_eq!(wire_amount(Oku(24_716)), "¥2.47 trillion");
        assert_eq!(wire_amount(Oku(24_750)), "¥2.48 trillion");
        assert_eq!(wire_amount(Oku(-24_750)), "¥2.48 trillion");
        assert_eq!(wire_amount(Oku(10_000)), "¥1.00 trillion");
        assert_eq!(wire_amount(Oku(9_999)), "¥999.9 billion");
        assert_eq!(wire_amount(Oku(3_125)), "¥312.5 billion");
        assert_eq!(wire_amount(Oku(7)), "¥0.7 billion");
        assert_eq!(signed_amount(Oku(-15_228)), "\u{2212}¥1.52 trillion");
        assert_eq!(signed_amount(Oku(0)), "¥0");
        assert_eq!(compact_amount(Oku(1_692)), "+¥169.2bn");
    }

    #[test]
    fn labels_ticks_without_needless_decimals() {
        let tn = AxisScale::Trillions;
        assert_eq!(tn.tick_label(Oku(15_000)), "¥1.5tn");
        assert_eq!(tn.tick_label(Oku(-20_000)), "\u{2212}¥2tn");
        assert_eq!(tn.tick_label(Oku(2_500)), "¥0.25tn");
        let bn = AxisScale::Billions;
        assert_eq!(bn.tick_label(Oku(5_000)), "¥500bn");
        assert_eq!(bn.tick_label(Oku(-25)), "\u{2212}¥2.5bn");
        assert_eq!(bn.tick_label(Oku(0)), "0");
    }
}
