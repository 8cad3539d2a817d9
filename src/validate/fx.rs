//! The European Central Bank's euro reference rates file (`[[fx]]` in
//! `site.toml`) -> [`EuroRates`], the day-by-day rates dollar figures are
//! converted with.
//!
//! The file is read exactly as the ECB publishes it (`eurofxref-hist.csv`,
//! unzipped): a header `Date,USD,JPY,…,` with a trailing comma, then one row
//! per TARGET business day, newest first, each cell the amount of a
//! currency per euro or `N/A` where there is no rate that day. Every cell is
//! checked, not only the two columns flowsite uses, because a file that is
//! wrong anywhere may be wrong where it is read; every problem is reported
//! with its line and column. `N/A` is "no rate", never zero. No I/O here.

use crate::error::{Location, Problems};
use crate::load::{RawRecord, RawTable};
use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// The attribution the ECB asks for, and the name of the rate in briefs.
pub const ECB_PUBLISHER: &str = "European Central Bank";

/// An `[[fx]]` entry as written in `site.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FxEntry {
    path: Spanned<String>,
    format: FxFormat,
}

/// How a rate file is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum FxFormat {
    /// The ECB's `eurofxref-hist.csv`, as published.
    #[serde(rename = "ecb-eurofxref")]
    EcbEuroReference,
}

/// A rate file the site converts yen figures with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FxDeclaration {
    /// Path relative to the project root.
    pub path: String,
    /// Its layout.
    pub format: FxFormat,
    /// The line of `site.toml` that declares it.
    pub line: usize,
}

impl FxDeclaration {
    /// The declaration an entry makes; `line_of` maps a byte offset of
    /// `site.toml` to its line.
    pub(super) fn from_entry(entry: FxEntry, line_of: impl Fn(usize) -> usize) -> FxDeclaration {
        FxDeclaration {
            line: line_of(entry.path.span().start),
            path: entry.path.into_inner(),
            format: entry.format,
        }
    }
}

/// A rate exactly as published: `1.1617` is 11617 × 10⁻⁴. Kept as an
/// integer and a scale so that conversions are exact arithmetic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decimal {
    /// The digits, without the decimal point.
    pub digits: i64,
    /// How many of them are decimals.
    pub scale: u32,
}

impl Decimal {
    /// `185.24` -> 18524 × 10⁻²; `None` unless it is digits with at most
    /// one decimal point, above zero.
    pub fn parse(text: &str) -> Option<Decimal> {
        // Read digit by digit: the file has some 300,000 cells, and a
        // string built per cell would cost more than the rest of the check.
        let mut digits: i64 = 0;
        let mut scale: Option<u32> = None;
        let mut seen_digit = false;
        for byte in text.bytes() {
            match byte {
                b'0'..=b'9' => {
                    digits = digits.checked_mul(10)?.checked_add(i64::from(byte - b'0'))?;
                    seen_digit = true;
                    if let Some(decimals) = scale.as_mut() {
                        *decimals += 1;
                    }
                }
                b'.' if scale.is_none() && seen_digit => scale = Some(0),
                _ => return None,
            }
        }
        let scale = scale.unwrap_or(0);
        // "5." has a point and no decimals: not a published number.
        if text.ends_with('.') || digits == 0 {
            return None;
        }
        Some(Decimal { digits, scale })
    }
}

/// `2026-05-28` as a date; nothing else (chrono's format parser is slow
/// enough to matter over thousands of rows).
fn parse_iso_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        bytes[range].iter().try_fold(0u32, |value, &b| {
            b.is_ascii_digit().then(|| value * 10 + u32::from(b - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(i32::try_from(number(0..4)?).ok()?, number(5..7)?, number(8..10)?)
}

/// The US dollar and yen rates of one business day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayRates {
    /// US dollars per euro, if quoted that day.
    pub usd: Option<Decimal>,
    /// Yen per euro, if quoted that day.
    pub jpy: Option<Decimal>,
    /// The line of the file the day is on.
    pub line: usize,
}

/// Every business day of the rate file, by date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EuroRates {
    /// The file, relative to the project root.
    pub path: String,
    /// Who publishes the rates.
    pub publisher: &'static str,
    /// The rates of each day in the file.
    pub days: BTreeMap<NaiveDate, DayRates>,
}

/// Reads the rate file each declaration names (one at most); problems are
/// reported with their cell.
pub fn import_rates(
    declarations: &[FxDeclaration],
    tables: &[RawTable],
    config_path: &str,
    problems: &mut Problems,
) -> Option<EuroRates> {
    if let Some(extra) = declarations.get(1) {
        problems.report(
            Location::line(config_path, extra.line),
            "only one [[fx]] rate file is supported",
            "keep the entry for the ECB's eurofxref-hist.csv and remove the others",
        );
    }
    let declaration = declarations.first()?;
    let Some(table) = tables.iter().find(|t| t.path == declaration.path) else {
        if !problems.mentions(&declaration.path) {
            problems.report(
                Location::line(config_path, declaration.line),
                format!("declared rate file `{}` does not exist", declaration.path),
                "put the ECB's eurofxref-hist.csv, unzipped and unchanged, under data/ and name it here",
            );
        }
        return None;
    };
    match declaration.format {
        FxFormat::EcbEuroReference => read_ecb(table, problems),
    }
}

/// The currencies flowsite converts with.
const DOLLAR: &str = "USD";
const YEN: &str = "JPY";

fn read_ecb(table: &RawTable, problems: &mut Problems) -> Option<EuroRates> {
    let path = table.path.as_str();
    let mut found = Problems::new();
    let Some(header) = table.records.first() else {
        problems.report(
            Location::file(path),
            "the rate file is empty",
            "use the ECB's eurofxref-hist.csv as published",
        );
        return None;
    };
    let columns = read_header(path, header, &mut found);
    let mut days = BTreeMap::new();
    let mut previous: Option<NaiveDate> = None;
    for record in &table.records[1..] {
        if record.is_blank() {
            continue;
        }
        let Some(columns) = &columns else { break };
        if let Some((date, rates)) = read_row(path, record, columns, previous, &mut found) {
            previous = Some(date);
            days.insert(date, rates);
        }
    }
    if columns.is_some() && days.is_empty() && found.is_empty() {
        found.report(
            Location::line(path, header.line + 1),
            "the rate file has a header but no days",
            "use a release of eurofxref-hist.csv that contains rates",
        );
    }
    let ok = found.is_empty();
    problems.extend(found);
    ok.then(|| EuroRates {
        path: path.to_string(),
        publisher: ECB_PUBLISHER,
        days,
    })
}

/// Where the columns are: every currency's, and the two read.
struct Columns {
    /// Currency code of each field after `Date`; `None` for the empty
    /// field the trailing comma makes.
    currencies: Vec<Option<String>>,
    usd: usize,
    jpy: usize,
}

fn read_header(path: &str, header: &RawRecord, problems: &mut Problems) -> Option<Columns> {
    if header.field(0).trim_start_matches('\u{feff}') != "Date" {
        problems.report(
            Location::cell(path, header.line, 1),
            format!(
                "the first cell is `{}`, not `Date`: this is not the ECB's euro reference rates file",
                header.field(0)
            ),
            "use eurofxref-hist.csv exactly as the ECB publishes it, header line first",
        );
        return None;
    }
    let mut currencies = Vec::new();
    let mut ok = true;
    let last = header.fields.len() - 1;
    for (index, field) in header.fields.iter().enumerate().skip(1) {
        let is_code = field.len() == 3 && field.bytes().all(|b| b.is_ascii_uppercase());
        if is_code {
            currencies.push(Some(field.clone()));
        } else if field.is_empty() && index == last {
            currencies.push(None);
        } else {
            problems.report(
                Location::cell(path, header.line, index + 1),
                format!(
                    "header cell `{}` is not a currency code such as `USD`",
                    field.escape_default()
                ),
                "restore the header line as the ECB publishes it",
            );
            ok = false;
        }
    }
    let position = |code: &str| {
        currencies
            .iter()
            .position(|c| c.as_deref() == Some(code))
            .map(|i| i + 1)
    };
    let (usd, jpy) = (position(DOLLAR), position(YEN));
    for (code, at) in [(DOLLAR, usd), (YEN, jpy)] {
        if at.is_none() {
            problems.report(
                Location::line(path, header.line),
                format!("the header has no `{code}` column"),
                "yen are converted to dollars with the USD and JPY columns; use the ECB's full history file",
            );
        }
    }
    match (ok, usd, jpy) {
        (true, Some(usd), Some(jpy)) => Some(Columns { currencies, usd, jpy }),
        _ => None,
    }
}

fn read_row(
    path: &str,
    record: &RawRecord,
    columns: &Columns,
    previous: Option<NaiveDate>,
    problems: &mut Problems,
) -> Option<(NaiveDate, DayRates)> {
    let line = record.line;
    let expected = columns.currencies.len() + 1;
    if record.fields.len() != expected {
        // Point at the first missing field, or the first one too many.
        let column = record.fields.len().min(expected) + 1;
        problems.report(
            Location::cell(path, line, column),
            format!("the row has {} fields, the header {expected}", record.fields.len()),
            "restore the row as published: a date, then one cell per currency of the header",
        );
        return None;
    }
    let text = record.field(0);
    let date = parse_iso_date(text);
    let Some(date) = date else {
        problems.report(
            Location::cell(path, line, 1),
            format!("`{}` is not a date like 2026-05-28", text.escape_default()),
            "restore the published date",
        );
        return None;
    };
    let mut ok = true;
    if let Some(previous) = previous
        && date >= previous
    {
        problems.report(
            Location::cell(path, line, 1),
            format!("{date} comes after {previous} in the file, but the ECB lists each day once, newest first"),
            "restore the file as published; do not sort or merge it",
        );
        ok = false;
    }
    let mut day = DayRates {
        usd: None,
        jpy: None,
        line,
    };
    for (offset, currency) in columns.currencies.iter().enumerate() {
        let column = offset + 1;
        let cell = record.field(column);
        let Some(currency) = currency else {
            if !cell.is_empty() {
                problems.report(
                    Location::cell(path, line, column + 1),
                    format!("`{}` after the last currency", cell.escape_default()),
                    "the last field of every line is empty (the line ends with a comma); restore the row",
                );
                ok = false;
            }
            continue;
        };
        if cell == "N/A" {
            continue;
        }
        match Decimal::parse(cell) {
            Some(rate) if column == columns.usd => day.usd = Some(rate),
            Some(rate) if column == columns.jpy => day.jpy = Some(rate),
            Some(_) => {}
            None => {
                problems.report(
                    Location::cell(path, line, column + 1),
                    format!("{currency} `{}` is not a rate", cell.escape_default()),
                    "write the amount per euro as published, e.g. `1.1617`, or `N/A` for no rate that day",
                );
                ok = false;
            }
        }
    }
    ok.then_some((date, day))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::TextEncoding;

    /// The test files have no quoted cells: a line is a record.
    fn table(text: &str) -> RawTable {
        RawTable {
            path: "data/fx.csv".to_string(),
            encoding: TextEncoding::Utf8,
            records: text
                .lines()
                .enumerate()
                .map(|(index, line)| RawRecord {
                    line: index + 1,
                    fields: line.split(',').map(str::to_string).collect(),
                })
                .collect(),
        }
    }

    fn rates(text: &str) -> Result<EuroRates, Vec<String>> {
        let table = table(text);
        let mut problems = Problems::new();
        let declaration = FxDeclaration {
            path: "data/fx.csv".to_string(),
            format: FxFormat::EcbEuroReference,
            line: 9,
        };
        let found = import_rates(&[declaration], &[table], "site.toml", &mut problems);
        match problems.into_result(()) {
            Ok(()) => Ok(found.expect("rates when there are no problems")),
            Err(crate::error::Error::Invalid(list)) => Err(list.iter().map(ToString::to_string).collect()),
            Err(other) => panic!("{other}"),
        }
    }

    const HEAD: &str = "Date,USD,JPY,CYP,\n";

    #[test]
    fn reads_rates_exactly_and_na_as_no_rate() {
        let text = format!("{HEAD}2026-05-28,1.1617,185.24,N/A,\n2026-05-27,1.1598,N/A,N/A,\n");
        let found = rates(&text).expect("valid");
        let day = |d: u32| found.days[&NaiveDate::from_ymd_opt(2026, 5, d).expect("date")];
        assert_eq!(
            day(28).usd,
            Some(Decimal {
                digits: 11617,
                scale: 4
            })
        );
        assert_eq!(
            day(28).jpy,
            Some(Decimal {
                digits: 18524,
                scale: 2
            })
        );
        assert_eq!(day(27).jpy, None, "N/A is no rate, not zero");
        assert_eq!(day(27).line, 3);
    }

    #[test]
    fn reports_every_bad_cell_with_its_line_and_column() {
        let text = format!(
            "{HEAD}2026-05-29,1,1617,185.24,N/A,\n2026-05-28,1.16x,0,N/A,\n2026-5-27,1.1,160,N/A,\n2026-05-28,1.1,160,1.2,x\n"
        );
        let found = rates(&text).expect_err("malformed");
        assert_eq!(
            found,
            vec![
                "data/fx.csv:2:6: the row has 6 fields, the header 5 (restore the row as published: a date, then one cell per currency of the header)",
                "data/fx.csv:3:2: USD `1.16x` is not a rate (write the amount per euro as published, e.g. `1.1617`, or `N/A` for no rate that day)",
                "data/fx.csv:3:3: JPY `0` is not a rate (write the amount per euro as published, e.g. `1.1617`, or `N/A` for no rate that day)",
                "data/fx.csv:4:1: `2026-5-27` is not a date like 2026-05-28 (restore the published date)",
                "data/fx.csv:5:5: `x` after the last currency (the last field of every line is empty (the line ends with a comma); restore the row)",
            ]
        );
    }

    #[test]
    fn refuses_days_out_of_order_and_a_header_without_yen() {
        let text = format!("{HEAD}2026-05-27,1.1,160,N/A,\n2026-05-28,1.1,160,N/A,\n");
        let found = rates(&text).expect_err("out of order");
        assert_eq!(found.len(), 1);
        assert!(
            found[0].starts_with("data/fx.csv:3:1: 2026-05-28 comes after 2026-05-27"),
            "{found:?}"
        );
        let found = rates("Date,USD,GBP,\n2026-05-28,1.1,0.8,\n").expect_err("no JPY");
        assert_eq!(found.len(), 1);
        assert!(
            found[0].starts_with("data/fx.csv:1: the header has no `JPY` column"),
            "{found:?}"
        );
    }

    #[test]
    fn parses_published_rate_formats_only() {
        assert_eq!(Decimal::parse("136"), Some(Decimal { digits: 136, scale: 0 }));
        assert_eq!(
            Decimal::parse("20275.17"),
            Some(Decimal {
                digits: 2027517,
                scale: 2
            })
        );
        for bad in [
            "", ".5", "5.", "-1.2", "1,2", "1.2.3", "0", "0.000", "1e3", " 1.2", "N/A",
        ] {
            assert_eq!(Decimal::parse(bad), None, "{bad:?}");
        }
    }
}
