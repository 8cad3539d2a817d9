//! MOF period labels -> dates.
//!
//! MOF writes weeks as `2026．9．6～9．12`, with full-width separators, no zero
//! padding, a space after `～` up to 2013, a trailing space on some labels,
//! and the end year only when the week crosses a year
//! (`2025．12．28～2026．1．3`). ASCII `.` and `~` and the wave dash `〜` are
//! accepted too, as a re-typed file may use them.

use chrono::NaiveDate;

/// The first and last day a period label names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeriodDates {
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
}

/// Parses a period label; the error says what is wrong with it.
pub fn parse_period(label: &str) -> Result<PeriodDates, String> {
    let normalized: String = label
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '．' | '.' | '／' | '/' => '.',
            '～' | '〜' | '~' => '~',
            other => other,
        })
        .collect();
    let Some((left, right)) = normalized.split_once('~') else {
        return Err("it has no `～` between the first and last day".to_string());
    };
    let start_parts = numbers(left)?;
    let [year, month, day] = start_parts[..] else {
        return Err(format!("its first day `{left}` is not year．month．day"));
    };
    let start = date(year, month, day).ok_or_else(|| format!("its first day `{left}` is not a calendar date"))?;
    let end_parts = numbers(right)?;
    let end = match end_parts[..] {
        [end_year, end_month, end_day] => date(end_year, end_month, end_day)
            .ok_or_else(|| format!("its last day `{right}` is not a calendar date"))?,
        [end_month, end_day] => {
            let same_year = date(year, end_month, end_day)
                .ok_or_else(|| format!("its last day `{right}` is not a calendar date"))?;
            // A label that omits the end year but wraps into January still
            // means the following year; MOF itself writes the year there.
            if same_year < start {
                date(year + 1, end_month, end_day)
                    .ok_or_else(|| format!("its last day `{right}` is not a calendar date"))?
            } else {
                same_year
            }
        }
        _ => return Err(format!("its last day `{right}` is not month．day or year．month．day")),
    };
    Ok(PeriodDates { start, end })
}

fn numbers(part: &str) -> Result<Vec<i32>, String> {
    if part.is_empty() {
        return Err("a day is missing on one side of `～`".to_string());
    }
    part.split('.')
        .map(|piece| {
            if piece.is_empty() || !piece.chars().all(|c| c.is_ascii_digit()) || piece.len() > 4 {
                Err(format!("`{piece}` in `{part}` is not a number"))
            } else {
                piece
                    .parse::<i32>()
                    .map_err(|_| format!("`{piece}` in `{part}` is not a number"))
            }
        })
        .collect()
}

fn date(year: i32, month: i32, day: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    #[test]
    fn parses_every_format_in_the_published_file() {
        let cases = [
            ("2005．1．2～ 1．8", ymd(2005, 1, 2), ymd(2005, 1, 8)),
            ("2013．12．29～2014．1．4", ymd(2013, 12, 29), ymd(2014, 1, 4)),
            ("2017．8．13～8．19 ", ymd(2017, 8, 13), ymd(2017, 8, 19)),
            ("2025．12．28～2026．1．3", ymd(2025, 12, 28), ymd(2026, 1, 3)),
            ("2026．9．6～9．12", ymd(2026, 9, 6), ymd(2026, 9, 12)),
            ("2026.9.6~9.12", ymd(2026, 9, 6), ymd(2026, 9, 12)),
            ("2026．9．6〜9．12", ymd(2026, 9, 6), ymd(2026, 9, 12)),
            ("2025．12．28～1．3", ymd(2025, 12, 28), ymd(2026, 1, 3)),
        ];
        for (label, start, end) in cases {
            assert_eq!(parse_period(label), Ok(PeriodDates { start, end }), "{label}");
        }
    }

    #[test]
    fn rejects_broken_labels_with_a_reason() {
        assert!(parse_period("2026．9．6").expect_err("no tilde").contains("no `～`"));
        assert!(
            parse_period("2026．2．30～3．5")
                .expect_err("bad day")
                .contains("not a calendar date")
        );
        assert!(
            parse_period("2026．9．x～9．12")
                .expect_err("letter")
                .contains("not a number")
        );
        assert!(
            parse_period("2026．9～9．12")
                .expect_err("short")
                .contains("year．month．day")
        );
    }
}
