//! Tidy flow files -> a [`Dataset`]: one row per week and series.
//!
//! The header names the columns: `series`, the week's last day
//! (`period_end`, `week_ending` or `date`), the value (`value` or `net`),
//! and optionally `period_start` and `unit`. Every series must be declared
//! in `site.toml`, which says what it is and who publishes it. Values are
//! whole numbers in the declared unit, kept exactly as written.

use super::config::{Frequency, SeriesDeclaration, SeriesDirection, SourceDeclaration};
use super::continuity::check_continuity;
use super::number::{LIMIT_TEXT, NumberProblem, Separators, is_plausible, parse_amount};
use crate::error::{Location, Problems, quote};
use crate::load::{RawRecord, RawTable};
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
    fn week(self) -> Option<Week> {
        match self {
            RowPeriod::Week(week) => Some(week),
            RowPeriod::Month(_) => None,
        }
    }

    fn month(self) -> Option<Month> {
        match self {
            RowPeriod::Month(month) => Some(month),
            RowPeriod::Week(_) => None,
        }
    }

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
    value: Option<Amount>,
}

/// The rows of each series, in file order, by id.
type RowsBySeries = BTreeMap<String, Vec<TidyRow>>;

/// Reads a tidy file against the declared series. Returns the dataset, or
/// `None` (with reasons in `problems`).
pub fn import_tidy(
    table: &RawTable,
    source: &SourceDeclaration,
    declared: &[SeriesDeclaration],
    problems: &mut Problems,
) -> Option<Dataset> {
    let path = table.path.as_str();
    let mut found = Problems::new();
    let Some((header, body)) = table.records.split_first() else {
        problems.report(Location::file(path), "the file is empty", COLUMNS_HELP);
        return None;
    };
    let Some(columns) = read_header(path, header, &mut found) else {
        problems.extend(found);
        return None;
    };
    let by_id: BTreeMap<&str, &SeriesDeclaration> = declared.iter().map(|d| (d.id.as_str(), d)).collect();
    let file = TidyFile {
        path,
        columns: &columns,
        width: header.fields.len(),
        by_id: &by_id,
        version: source.version,
    };
    let rows = read_rows(&file, body, &mut found);
    check_timelines(&file, &rows, &mut found);
    let ok = found.is_empty();
    problems.extend(found);
    if !ok {
        return None;
    }
    build_dataset(&file, source, declared, &rows)
}

/// What every row of a tidy file is read against.
struct TidyFile<'a> {
    path: &'a str,
    columns: &'a Columns,
    /// Fields in the header, which every row must have.
    width: usize,
    by_id: &'a BTreeMap<&'a str, &'a SeriesDeclaration>,
    version: Option<NaiveDate>,
}

/// Every data row, by series; rows of undeclared series are reported once
/// per series.
fn read_rows(file: &TidyFile<'_>, records: &[RawRecord], problems: &mut Problems) -> RowsBySeries {
    let mut rows = RowsBySeries::new();
    let mut undeclared: BTreeSet<String> = BTreeSet::new();
    for record in records {
        if record.is_blank() {
            continue;
        }
        let id = record.field(file.columns.series).trim();
        if record.fields.len() != file.width {
            problems.report_row(
                "tidy-width",
                Location::line(file.path, record.line),
                format!(
                    "the row has {} fields, the header has {}",
                    record.fields.len(),
                    file.width
                ),
                "give every row one value per column",
            );
            // The row still occupies its week: without it, the next row
            // would be reported as a gap that is not there.
            if file.by_id.contains_key(id) {
                rows.entry(id.to_string()).or_default().push(TidyRow {
                    line: record.line,
                    period: None,
                    value: None,
                });
            }
            continue;
        }
        let Some(declaration) = file.by_id.get(id) else {
            if undeclared.insert(id.to_string()) {
                problems.report(
                    Location::cell(file.path, record.line, file.columns.series + 1),
                    format!("series `{}` is not declared in site.toml", quote(id)),
                    undeclared_hint(id, file.by_id),
                );
            }
            continue;
        };
        let row = read_row(file, record, declaration, problems);
        rows.entry(id.to_string()).or_default().push(row);
    }
    rows
}

/// The fix for rows of a series site.toml does not declare: a near miss
/// of a declared id, or how to declare it.
fn undeclared_hint(id: &str, by_id: &BTreeMap<&str, &SeriesDeclaration>) -> String {
    match crate::error::closest(id, by_id.keys().copied()) {
        Some(guess) => format!(
            "did you mean `{guess}`? the declared series are: {}",
            crate::error::name_list(by_id.keys().copied())
        ),
        None => format!("add a [[series]] entry with id = \"{}\", or remove its rows", quote(id)),
    }
}

/// One row of a declared series: its unit, period and value checked.
fn read_row(
    file: &TidyFile<'_>,
    record: &RawRecord,
    declaration: &SeriesDeclaration,
    problems: &mut Problems,
) -> TidyRow {
    let (path, line, columns) = (file.path, record.line, file.columns);
    let id = declaration.id.as_str();
    if let Some(unit_column) = columns.unit {
        let unit = record.field(unit_column);
        if !declaration.unit.accepts(unit) {
            problems.report_row(
                "tidy-unit",
                Location::cell(path, line, unit_column + 1),
                format!(
                    "series `{id}` is in `{}` here, but site.toml declares {}",
                    quote(unit.trim()),
                    declaration.unit
                ),
                "keep one unit per series, as declared",
            );
        }
    }
    let raw_end = record.field(columns.period_end);
    let period = match declaration.frequency {
        Frequency::Weekly => read_week(path, line, raw_end, columns.period_end, problems).map(RowPeriod::Week),
        Frequency::Monthly => read_month(path, line, raw_end, columns.period_end, problems).map(RowPeriod::Month),
    };
    if let (Some(period), Some(start_column)) = (period, columns.period_start) {
        let start = record.field(start_column).trim();
        if NaiveDate::parse_from_str(start, "%Y-%m-%d").ok() != Some(period.start()) {
            problems.report_row(
                "tidy-period-start",
                Location::cell(path, line, start_column + 1),
                format!(
                    "period_start `{}` is not {}, the first day of {period}",
                    quote(start),
                    period.start()
                ),
                "weeks run Sunday to Saturday and months from the first to the last day",
            );
        }
    }
    if let (Some(period), Some(version)) = (period, file.version)
        && period.end() > version
    {
        problems.report_row(
            "tidy-after-version",
            Location::cell(path, line, columns.period_end + 1),
            format!("{period} ends after the file's version date {version}"),
            "a release cannot hold figures for later periods; check the date or the version in site.toml",
        );
    }
    let raw = record.field(columns.value);
    let value = match parse_amount(raw, Separators::None) {
        Ok(value) => Some(value),
        Err(NumberProblem::NotWhole) => {
            problems.report_row(
                "tidy-value",
                Location::cell(path, line, columns.value + 1),
                format!("value `{}` of series `{id}` is not a whole number", quote(raw.trim())),
                "write the published integer, e.g. `-2729`, without separators or decimals",
            );
            None
        }
        Err(NumberProblem::TooLarge) => {
            problems.report_row(
                "tidy-value-large",
                Location::cell(path, line, columns.value + 1),
                format!(
                    "value `{}` of series `{id}` is beyond {LIMIT_TEXT} {}, far above any real flow",
                    quote(raw.trim()),
                    declaration.unit
                ),
                "restore the published value; a figure in another unit needs its own series",
            );
            None
        }
    };
    TidyRow { line, period, value }
}

/// Each series' rows must be consecutive periods.
fn check_timelines(file: &TidyFile<'_>, rows: &RowsBySeries, problems: &mut Problems) {
    let column = file.columns.period_end + 1;
    for (id, series_rows) in rows {
        let monthly = file
            .by_id
            .get(id.as_str())
            .is_some_and(|d| d.frequency == Frequency::Monthly);
        if monthly {
            let timeline: Vec<(usize, Option<Month>)> = series_rows
                .iter()
                .map(|r| (r.line, r.period.and_then(RowPeriod::month)))
                .collect();
            check_continuity(file.path, column, &timeline, problems);
        } else {
            let timeline: Vec<(usize, Option<Week>)> = series_rows
                .iter()
                .map(|r| (r.line, r.period.and_then(RowPeriod::week)))
                .collect();
            check_continuity(file.path, column, &timeline, problems);
        }
    }
}

/// The checked rows as a dataset, series in declaration order.
fn build_dataset(
    file: &TidyFile<'_>,
    source: &SourceDeclaration,
    declared: &[SeriesDeclaration],
    rows: &RowsBySeries,
) -> Option<Dataset> {
    let path = file.path;
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
            column: file.columns.value + 1,
        };
        last_end = last_end.max(series_rows.iter().filter_map(|r| r.period).map(RowPeriod::end).max());
        match declaration.frequency {
            Frequency::Weekly => series.push(FlowSeries {
                meta,
                points: series_rows
                    .iter()
                    .filter_map(|row| {
                        Some(FlowPoint {
                            week: row.period?.week()?,
                            net: row.value?,
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
                        Some(MonthlyPoint {
                            month: row.period?.month()?,
                            net: row.value?,
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
            cadence: source.cadence,
        },
        series,
        monthly,
    })
}

fn read_header(path: &str, header: &RawRecord, problems: &mut Problems) -> Option<Columns> {
    let names: Vec<String> = header.fields.iter().map(|f| f.trim().to_ascii_lowercase()).collect();
    let find = |wanted: &[&str]| names.iter().position(|n| wanted.contains(&n.as_str()));
    let mut ok = true;
    // Names seen so far, for duplicates; a set, because a broken header
    // may have tens of thousands of cells.
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    let mut unknown = 0usize;
    for (index, name) in names.iter().enumerate() {
        let known = name == "series"
            || name == "period_start"
            || name == "unit"
            || PERIOD_END_NAMES.contains(&name.as_str())
            || VALUE_NAMES.contains(&name.as_str());
        if !known {
            ok = false;
            unknown += 1;
            // The first few are named; a header of thousands of them is
            // one more problem, not thousands.
            if unknown <= crate::error::REPEAT_LIMIT {
                problems.report(
                    Location::cell(path, header.line, index + 1),
                    format!("unknown column `{}`", quote(header.fields[index].trim())),
                    COLUMNS_HELP,
                );
            }
            continue;
        }
        if !seen.insert(name) {
            ok = false;
            problems.report(
                Location::cell(path, header.line, index + 1),
                format!("column `{}` appears twice", quote(name)),
                "keep one column of each name",
            );
        }
    }
    if unknown > crate::error::REPEAT_LIMIT {
        problems.report(
            Location::line(path, header.line),
            format!(
                "{} more unknown columns in the header",
                unknown - crate::error::REPEAT_LIMIT
            ),
            COLUMNS_HELP,
        );
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
    let location = || Location::cell(path, line, column + 1);
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok().or_else(|| {
        NaiveDate::parse_from_str(&format!("{text}-01"), "%Y-%m-%d")
            .ok()
            .map(|d| Month::of(d).last_day())
    });
    let Some(date) = date.filter(|date| is_plausible(*date)) else {
        problems.report_row(
            "tidy-month-date",
            location(),
            format!(
                "period end `{}` is not a date like 2026-08-31 or a month like 2026-08 between 1900 and 2999",
                quote(text)
            ),
            "write dates as year-month-day",
        );
        return None;
    };
    let month = Month::of(date);
    if date != month.last_day() {
        problems.report_row(
            "tidy-month-end",
            location(),
            format!("period end {date} is not the last day of its month, as a monthly series needs"),
            if date.weekday() == Weekday::Sat {
                format!(
                    "give the month's last day, {}; if the series is weekly, declare it with frequency = \"weekly\"",
                    month.last_day()
                )
            } else {
                format!("give the month's last day, {}", month.last_day())
            },
        );
        return None;
    }
    Some(month)
}

fn read_week(path: &str, line: usize, raw: &str, column: usize, problems: &mut Problems) -> Option<Week> {
    let text = raw.trim();
    let location = || Location::cell(path, line, column + 1);
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
    let Some(date) = date.filter(|date| is_plausible(*date)) else {
        problems.report_row(
            "tidy-week-date",
            location(),
            if date.is_some() {
                format!("period end `{}` is outside the years 1900 to 2999", quote(text))
            } else {
                format!("period end `{}` is not a date like 2026-09-12", quote(text))
            },
            "write dates as year-month-day",
        );
        return None;
    };
    if date.weekday() == Weekday::Sun {
        // A Sunday is the first day of a week: the file keys weeks by their
        // start, and every week is one day off, not wrong.
        problems.report_row(
            "tidy-week-sunday",
            location(),
            format!("period end {date} is a Sunday, but weekly periods end on a Saturday"),
            format!(
                "a Sunday starts a week: key each week by its Saturday, six days later ({} for this row), or name this column period_start",
                date + chrono::Days::new(6)
            ),
        );
        return None;
    }
    if date.weekday() != Weekday::Sat {
        problems.report_row(
            "tidy-week-weekday",
            location(),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_sunday_keyed_weeks_with_the_saturday_to_use() {
        let mut problems = Problems::new();
        assert_eq!(read_week("f.csv", 2, "2025-01-05", 0, &mut problems), None);
        let Err(crate::error::Error::Invalid(found)) = problems.into_result(()) else {
            panic!("a Sunday is a problem")
        };
        assert!(found[0].to_string().contains("a Sunday starts a week"), "{}", found[0]);
        assert!(found[0].to_string().contains("2025-01-11"), "{}", found[0]);
    }
}
