//! Tidy flow files -> a [`Dataset`]: one row per week and series.
//!
//! The header names the columns: `series`, the week's last day
//! (`period_end`, `week_ending` or `date`), the value (`value` or `net`),
//! and optionally `period_start` and `unit`. Every series must be declared
//! in `site.toml`, which says what it is and who publishes it. Values are
//! whole numbers in the declared unit, kept exactly as written.

use super::config::{Frequency, SeriesDeclaration, SeriesDirection, SourceDeclaration};
use super::continuity::check_continuity;
use crate::error::{Location, Problems};
use crate::load::RawTable;
use crate::model::{
    Amount, CellRef, Dataset, Direction, FlowPoint, FlowSeries, Month, MonthlyOrigin, MonthlyPoint, MonthlySeries,
    SeriesMeta, SourceInfo, Week,
};
use chrono::{Datelike, NaiveDate, Weekday};

use std::collections::{BTreeMap, BTreeSet};

const PERIOD_END_NAMES: [&str; 3] = ["period_end", "week_ending", "date"];
const VALUE_NAMES: [&str; 2] = ["value", "net"];
const COLUMNS_HELP: &str = "a tidy file has the columns series, period_end (or week_ending or date) and value (or net), and optionally period_start and unit";

/// Where each column is (0-based).
struct Columns {
    series: usize,
    period_end: usize,
    value: usize,
    period_start: Option<usize>,
    unit: Option<usize>,
}

/// A row's period: a week or a month, as its series' frequency says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RowPeriod {
    Week(Week),
    Month(Month),
}

impl RowPeriod {
    fn start(self) -> NaiveDate {
        match self {
            RowPeriod::Week(week) => week.start(),
            RowPeriod::Month(month) => month.first_day(),
        }
    }

    fn end(self) -> NaiveDate {
        match self {
            RowPeriod::Week(week) => week.end(),
            RowPeriod::Month(month) => month.last_day(),
        }
    }
}

impl std::fmt::Display for RowPeriod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RowPeriod::Week(week) => write!(f, "week {week}"),
            RowPeriod::Month(month) => write!(f, "month {month}"),
        }
    }
}

/// One row's period and value, before continuity checks.
struct TidyRow {
    line: usize,
    period: Option<RowPeriod>,
    value: Option<i64>,
}

/// Reads a tidy file against the declared series. Returns the dataset and
/// the ids it provides, or `None` (with reasons in `problems`).
pub fn import_tidy(
    table: &RawTable,
    source: &SourceDeclaration,
    declared: &[SeriesDeclaration],
    problems: &mut Problems,
) -> Option<Dataset> {
    let path = table.path.as_str();
    let mut found = Problems::new();
    let Some(header) = table.records.first() else {
        problems.report(Location::file(path), "the file is empty", COLUMNS_HELP);
        return None;
    };
    let Some(columns) = read_header(path, header, &mut found) else {
        problems.extend(found);
        return None;
    };
    let by_id: BTreeMap<&str, &SeriesDeclaration> = declared.iter().map(|d| (d.id.as_str(), d)).collect();
    let mut rows: BTreeMap<String, Vec<TidyRow>> = BTreeMap::new();
    let mut undeclared: BTreeSet<String> = BTreeSet::new();
    for record in &table.records[1..] {
        if record.is_blank() {
            continue;
        }
        let line = record.line;
        let id = record.field(columns.series).trim();
        if record.fields.len() != header.fields.len() {
            found.report(
                Location::line(path, line),
                format!(
                    "the row has {} fields, the header has {}",
                    record.fields.len(),
                    header.fields.len()
                ),
                "give every row one value per column",
            );
            // The row still occupies its week: without it, the next row
            // would be reported as a gap that is not there.
            if by_id.contains_key(id) {
                rows.entry(id.to_string()).or_default().push(TidyRow {
                    line,
                    period: None,
                    value: None,
                });
            }
            continue;
        }
        let Some(declaration) = by_id.get(id) else {
            if undeclared.insert(id.to_string()) {
                found.report(
                    Location::cell(path, line, columns.series + 1),
                    format!("series `{id}` is not declared in site.toml"),
                    format!("add a [[series]] entry with id = \"{id}\", or remove its rows"),
                );
            }
            continue;
        };
        if let Some(unit_column) = columns.unit {
            let unit = record.field(unit_column);
            if !declaration.unit.accepts(unit) {
                found.report(
                    Location::cell(path, line, unit_column + 1),
                    format!(
                        "series `{id}` is in `{}` here, but site.toml declares {}",
                        unit.trim(),
                        declaration.unit
                    ),
                    "keep one unit per series, as declared",
                );
            }
        }
        let raw_end = record.field(columns.period_end);
        let period = match declaration.frequency {
            Frequency::Weekly => read_week(path, line, raw_end, columns.period_end, &mut found).map(RowPeriod::Week),
            Frequency::Monthly => read_month(path, line, raw_end, columns.period_end, &mut found).map(RowPeriod::Month),
        };
        if let (Some(period), Some(start_column)) = (period, columns.period_start) {
            let start = record.field(start_column).trim();
            if NaiveDate::parse_from_str(start, "%Y-%m-%d").ok() != Some(period.start()) {
                found.report(
                    Location::cell(path, line, start_column + 1),
                    format!(
                        "period_start `{start}` is not {}, the first day of {period}",
                        period.start()
                    ),
                    "weeks run Sunday to Saturday and months from the first to the last day",
                );
            }
        }
        if let (Some(period), Some(version)) = (period, source.version)
            && period.end() > version
        {
            found.report(
                Location::cell(path, line, columns.period_end + 1),
                format!("{period} ends after the file's version date {version}"),
                "a release cannot hold figures for later periods; check the date or the version in site.toml",
            );
        }
        let raw = record.field(columns.value);
        let value = parse_whole_number(raw);
        if value.is_none() {
            found.report(
                Location::cell(path, line, columns.value + 1),
                format!("value `{}` of series `{id}` is not a whole number", raw.trim()),
                "write the published integer, e.g. `-2729`, without separators or decimals",
            );
        }
        rows.entry(id.to_string())
            .or_default()
            .push(TidyRow { line, period, value });
    }
    for (id, series_rows) in &rows {
        let monthly = by_id
            .get(id.as_str())
            .is_some_and(|d| d.frequency == Frequency::Monthly);
        if monthly {
            let timeline: Vec<(usize, Option<Month>)> = series_rows
                .iter()
                .map(|r| {
                    (
                        r.line,
                        r.period
                            .and_then(|p| if let RowPeriod::Month(m) = p { Some(m) } else { None }),
                    )
                })
                .collect();
            check_continuity(path, columns.period_end + 1, &timeline, &mut found);
        } else {
            let timeline: Vec<(usize, Option<Week>)> = series_rows
                .iter()
                .map(|r| {
                    (
                        r.line,
                        r.period
                            .and_then(|p| if let RowPeriod::Week(w) = p { Some(w) } else { None }),
                    )
                })
                .collect();
            check_continuity(path, columns.period_end + 1, &timeline, &mut found);
        }
    }
    let ok = found.is_empty();
    problems.extend(found);
    if !ok {
        return None;
    }
    let mut series = Vec::new();
    let mut monthly = Vec::new();
    let mut publishers = BTreeSet::new();
    let mut last_end = None;
    for declaration in declared {
        let Some(series_rows) = rows.get(declaration.id.as_str()) else {
            continue;
        };
        publishers.insert(declaration.publisher.clone());
        let meta = SeriesMeta {
            id: declaration.id.clone(),
            title: declaration.title.clone(),
            actor: declaration.actor.clone(),
            asset: declaration.asset.clone(),
            published_label: declaration.title.clone(),
            direction: match declaration.direction {
                SeriesDirection::Inward => Direction::Inward,
                SeriesDirection::Outward => Direction::Outward,
            },
            asset_class: declaration.asset_class,
            unit: declaration.unit,
            breaks: Vec::new(),
        };
        let cell = |line: usize| CellRef {
            path: path.to_string(),
            line,
            column: columns.value + 1,
        };
        last_end = last_end.max(series_rows.iter().filter_map(|r| r.period).map(RowPeriod::end).max());
        match declaration.frequency {
            Frequency::Weekly => series.push(FlowSeries {
                meta,
                points: series_rows
                    .iter()
                    .filter_map(|row| {
                        let RowPeriod::Week(week) = row.period? else {
                            return None;
                        };
                        Some(FlowPoint {
                            week,
                            net: Amount(row.value?),
                            acquisition: None,
                            disposition: None,
                            cell: cell(row.line),
                        })
                    })
                    .collect(),
            }),
            Frequency::Monthly => monthly.push(MonthlySeries {
                meta,
                points: series_rows
                    .iter()
                    .filter_map(|row| {
                        let RowPeriod::Month(month) = row.period? else {
                            return None;
                        };
                        Some(MonthlyPoint {
                            month,
                            net: Amount(row.value?),
                            cell: cell(row.line),
                            weeks: None,
                        })
                    })
                    .collect(),
                origin: MonthlyOrigin::Published,
            }),
        }
    }
    Some(Dataset {
        source: SourceInfo {
            path: path.to_string(),
            publisher: publishers.into_iter().collect::<Vec<_>>().join("; "),
            title: source.title.clone().unwrap_or_else(|| "Weekly flows".to_string()),
            version: source.version.or(last_end)?,
        },
        series,
        monthly,
    })
}

fn read_header(path: &str, header: &crate::load::RawRecord, problems: &mut Problems) -> Option<Columns> {
    let names: Vec<String> = header.fields.iter().map(|f| f.trim().to_ascii_lowercase()).collect();
    let find = |wanted: &[&str]| names.iter().position(|n| wanted.contains(&n.as_str()));
    let mut ok = true;
    for (index, name) in names.iter().enumerate() {
        let known = name == "series"
            || name == "period_start"
            || name == "unit"
            || PERIOD_END_NAMES.contains(&name.as_str())
            || VALUE_NAMES.contains(&name.as_str());
        if !known {
            ok = false;
            problems.report(
                Location::cell(path, header.line, index + 1),
                format!("unknown column `{}`", header.fields[index].trim()),
                COLUMNS_HELP,
            );
        }
        if names[..index].contains(name) {
            ok = false;
            problems.report(
                Location::cell(path, header.line, index + 1),
                format!("column `{name}` appears twice"),
                "keep one column of each name",
            );
        }
    }
    let mut required = |what: &str, wanted: &[&str]| {
        let position = find(wanted);
        if position.is_none() {
            problems.report(
                Location::line(path, header.line),
                format!("no `{what}` column in the header"),
                COLUMNS_HELP,
            );
        }
        position
    };
    let series = required("series", &["series"]);
    let period_end = required("period_end", &PERIOD_END_NAMES);
    let value = required("value", &VALUE_NAMES);
    let columns = Columns {
        series: series?,
        period_end: period_end?,
        value: value?,
        period_start: find(&["period_start"]),
        unit: find(&["unit"]),
    };
    ok.then_some(columns)
}

/// A month from its last day (`2026-08-31`) or from `2026-08`.
fn read_month(path: &str, line: usize, raw: &str, column: usize, problems: &mut Problems) -> Option<Month> {
    let text = raw.trim();
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok().or_else(|| {
        NaiveDate::parse_from_str(&format!("{text}-01"), "%Y-%m-%d")
            .ok()
            .map(|d| Month::of(d).last_day())
    });
    let Some(date) = date else {
        problems.report(
            Location::cell(path, line, column + 1),
            format!("period end `{text}` is not a date like 2026-08-31 or a month like 2026-08"),
            "write dates as year-month-day",
        );
        return None;
    };
    let month = Month::of(date);
    if date != month.last_day() {
        problems.report(
            Location::cell(path, line, column + 1),
            format!("period end {date} is not the last day of its month, as a monthly series needs"),
            format!("give the month's last day, {}", month.last_day()),
        );
        return None;
    }
    Some(month)
}

fn read_week(path: &str, line: usize, raw: &str, column: usize, problems: &mut Problems) -> Option<Week> {
    let text = raw.trim();
    let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") else {
        problems.report(
            Location::cell(path, line, column + 1),
            format!("period end `{text}` is not a date like 2026-09-12"),
            "write dates as year-month-day",
        );
        return None;
    };
    if date.weekday() != Weekday::Sat {
        problems.report(
            Location::cell(path, line, column + 1),
            format!(
                "period end {date} is a {}, but weekly periods end on a Saturday",
                date.format("%A")
            ),
            "weekly series run Sunday to Saturday; give the Saturday that ends the week",
        );
        return None;
    }
    Week::starting(date - chrono::Days::new(6))
}

/// An integer as machine-written data has it: optional `-`, digits only.
fn parse_whole_number(raw: &str) -> Option<i64> {
    let text = raw.trim();
    let digits = text.strip_prefix('-').unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_only_plain_integers() {
        assert_eq!(parse_whole_number(" -2729 "), Some(-2729));
        for bad in ["", "1.5", "1,000", "NaN", "inf", "1e3", "--1", "+"] {
            assert_eq!(parse_whole_number(bad), None, "{bad}");
        }
    }
}
