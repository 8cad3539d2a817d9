//! MOF's weekly "International Transactions in Securities" file -> a
//! [`Dataset`] of ten net series.
//!
//! The header is found by its labels, not by line numbers, and checked (unit,
//! the two blocks, the column labels) so that a changed layout is refused
//! rather than misread. Every data row is checked: its period is a
//! Sunday-to-Saturday week following the previous one, every cell is an
//! integer within ±10¹², gross figures are not negative, and each net
//! equals acquisition − disposition (±1 for MOF's rounding, note ②). All
//! problems in the file are reported together.
//!
//! The data block runs from the header to the blank record before MOF's
//! notes, and nothing in the file is skipped: a blank row inside the data, a
//! week after the notes or a row that is neither a week nor a note is an
//! error at its line, so the last week read is always the last in the file.

use super::continuity::check_continuity;
use super::number::{LIMIT_TEXT, NumberProblem, Separators, is_plausible, parse_amount};
use super::period::parse_period;
use crate::error::{Location, Problems, quote};
use crate::load::{RawRecord, RawTable};
use crate::model::{
    Amount, AssetClass, BreakCause, Cadence, CellRef, Dataset, Direction, FlowPoint, FlowSeries, SeriesBreak, SeriesId,
    SeriesMeta, SourceInfo, Week,
};
use chrono::{Datelike, NaiveDate};

/// Fields per record: the period, then 22 values.
const FIELDS: usize = 23;
/// Values per block (assets, liabilities).
const BLOCK_WIDTH: usize = 11;
/// MOF rounds each figure separately, so a net may differ from
/// acquisition − disposition, and a total from its parts, by one oku.
const ROUNDING_TOLERANCE: i64 = 1;

/// The attribution MOF's licence asks for.
pub const PUBLISHER: &str = "Ministry of Finance, Japan";
/// MOF releases the weekly statistics every Thursday, for the weeks to the
/// Saturday before.
const CADENCE: Cadence = Cadence::Weekly(chrono::Weekday::Thu);
const TITLE: &str =
    "International Transactions in Securities (weekly, based on reports from designated major investors)";

/// Column labels of one block, as MOF prints them in English: asset class
/// (on the row above) and measure.
const CLASS_LABELS: [(usize, &str); 5] = [
    (0, "Equity and investment fund shares"),
    (3, "Long-term debt securities"),
    (6, "Subtotal"),
    (7, "Short-term debt securities"),
    (10, "Total"),
];
const MEASURE_LABELS: [&str; BLOCK_WIDTH] = [
    "Acquisition",
    "Disposition",
    "Net",
    "Acquisition",
    "Disposition",
    "Net",
    "Net",
    "Acquisition",
    "Disposition",
    "Net",
    "Net",
];
/// Human names of the eleven columns of a block, for error messages.
const COLUMN_NAMES: [&str; BLOCK_WIDTH] = [
    "equity acquisition",
    "equity disposition",
    "equity net",
    "long-term debt acquisition",
    "long-term debt disposition",
    "long-term debt net",
    "subtotal net",
    "short-term debt acquisition",
    "short-term debt disposition",
    "short-term debt net",
    "total net",
];

/// One series of a block: the id suffix, titles, and where its columns are
/// (offsets within the block of acquisition, disposition, net).
struct SeriesColumns {
    suffix: &'static str,
    asset_class: AssetClass,
    published_label: &'static str,
    inward_asset: &'static str,
    outward_asset: &'static str,
    acquisition: Option<usize>,
    disposition: Option<usize>,
    net: usize,
}

const SERIES_COLUMNS: [SeriesColumns; 5] = [
    SeriesColumns {
        suffix: "equity",
        asset_class: AssetClass::Equity,
        published_label: "Equity and investment fund shares",
        inward_asset: "Japanese stocks",
        outward_asset: "foreign stocks",
        acquisition: Some(0),
        disposition: Some(1),
        net: 2,
    },
    SeriesColumns {
        suffix: "long-term-debt",
        asset_class: AssetClass::LongTermDebt,
        published_label: "Long-term debt securities",
        inward_asset: "Japanese long-term bonds",
        outward_asset: "foreign long-term bonds",
        acquisition: Some(3),
        disposition: Some(4),
        net: 5,
    },
    SeriesColumns {
        suffix: "subtotal",
        asset_class: AssetClass::Subtotal,
        published_label: "Subtotal (equity and long-term debt)",
        inward_asset: "Japanese stocks and long-term bonds",
        outward_asset: "foreign stocks and long-term bonds",
        acquisition: None,
        disposition: None,
        net: 6,
    },
    SeriesColumns {
        suffix: "short-term-debt",
        asset_class: AssetClass::ShortTermDebt,
        published_label: "Short-term debt securities",
        inward_asset: "Japanese short-term debt",
        outward_asset: "foreign short-term debt",
        acquisition: Some(7),
        disposition: Some(8),
        net: 9,
    },
    SeriesColumns {
        suffix: "total",
        asset_class: AssetClass::Total,
        published_label: "Total",
        inward_asset: "Japanese securities",
        outward_asset: "foreign securities",
        acquisition: None,
        disposition: None,
        net: 10,
    },
];

/// Offsets within a block of the gross columns (acquisition, disposition),
/// which count purchases and sales and so are never negative.
const GROSS_OFFSETS: [usize; 6] = [0, 1, 3, 4, 7, 8];

/// A data row whose cells all parsed.
struct ParsedRow {
    line: usize,
    week: Week,
    values: [Amount; 22],
}

/// What a record after the column labels is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RowKind {
    /// Every cell empty: the separator before MOF's notes.
    Blank,
    /// Text in the first two cells only, and no period: one of MOF's notes.
    Note,
    /// Anything else: a week's figures, or something that must be read as
    /// one and reported if it cannot be.
    Week,
}

fn row_kind(record: &RawRecord) -> RowKind {
    if record.is_blank() {
        RowKind::Blank
    } else if parse_period(record.field(0)).is_err() && record.fields.iter().skip(2).all(|f| f.trim().is_empty()) {
        RowKind::Note
    } else {
        RowKind::Week
    }
}

/// The data block's rows, each with its week where the period could be read.
struct DataBlock {
    rows: Vec<ParsedRow>,
    /// Every data row's line and week, or None where its period could not be
    /// read (a row that cannot be placed in time cannot be said to leave a
    /// gap).
    timeline: Vec<(usize, Option<Week>)>,
}

/// Reads MOF's weekly file. Returns `None` (with the reasons in `problems`)
/// if anything in it is wrong.
pub fn import_mof_weekly(table: &RawTable, problems: &mut Problems) -> Option<Dataset> {
    let path = table.path.as_str();
    let records = &table.records;
    let mut found = Problems::new();

    let Some(header_index) = records.iter().position(is_period_header) else {
        problems.report(
            Location::file(path),
            "no header row with a `期間 / Period` cell",
            "this does not look like MOF's weekly week.csv; check the file or its `format` in site.toml",
        );
        return None;
    };
    let preamble = &records[..header_index];
    let version = read_version(path, preamble, &mut found);
    check_unit(path, preamble, &mut found);
    check_blocks(path, preamble, &mut found);
    let Some(data_start) = check_column_labels(path, records, header_index, &mut found) else {
        problems.extend(found);
        return None;
    };

    let DataBlock { rows, timeline } = read_data_block(path, &records[data_start..], &mut found);
    if rows.is_empty() && found.is_empty() {
        found.report(
            Location::line(path, records.get(data_start).map_or(header_index + 1, |r| r.line)),
            "the file has a header but no weeks",
            "use a release of the file that contains data",
        );
    }
    check_continuity(path, 1, &timeline, &mut found);
    if let Some(version) = version
        && let Some(last) = rows.last()
        && last.week.start() > version
    {
        found.report(
            Location::cell(path, last.line, 1),
            format!("week {} starts after the file's version date {version}", last.week),
            "check the period label and the `Final Update` date",
        );
    }

    let ok = found.is_empty();
    problems.extend(found);
    if !ok {
        return None;
    }
    let version = version?;
    Some(Dataset {
        source: SourceInfo {
            path: path.to_string(),
            publisher: PUBLISHER.to_string(),
            title: TITLE.to_string(),
            version,
            cadence: Some(CADENCE),
        },
        series: build_series(path, &rows),
        monthly: Vec::new(),
    })
}

/// Reads every record after the column labels: weeks until the notes, then
/// notes. Whatever does not fit that shape is reported at its line rather
/// than taken for the end of the data.
fn read_data_block(path: &str, records: &[RawRecord], problems: &mut Problems) -> DataBlock {
    let mut block = DataBlock {
        rows: Vec::new(),
        timeline: Vec::new(),
    };
    // The first blank row seen since the last week, and the first note.
    let mut blank_line: Option<usize> = None;
    let mut notes_from: Option<&RawRecord> = None;
    for record in records {
        match (row_kind(record), notes_from) {
            (RowKind::Blank, None) => {
                blank_line.get_or_insert(record.line);
            }
            (RowKind::Note, None) => notes_from = Some(record),
            (RowKind::Blank | RowKind::Note, Some(_)) => {}
            (RowKind::Week, None) => {
                if let Some(blank) = blank_line.take() {
                    problems.report(
                        Location::line(path, blank),
                        format!("a blank row inside the data: the weeks go on at line {}", record.line),
                        "remove the blank row; in MOF's file only the notes after the last week follow a blank row",
                    );
                }
                let (week, row) = parse_row(path, record, problems);
                block.timeline.push((record.line, week));
                block.rows.extend(row);
            }
            (RowKind::Week, Some(note)) => problems.report_row(
                "mof-row-after-notes",
                Location::line(path, record.line),
                format!(
                    "a row of figures after the notes that end the data (line {}, `{}`)",
                    note.line,
                    quote(note.field(0).trim())
                ),
                "the weeks must run without a break from the header to the notes: move the row up into the data, or remove what ends the data early",
            ),
        }
    }
    block
}

fn is_period_header(record: &RawRecord) -> bool {
    let first = record.field(0).trim();
    first.starts_with("期間") || first.ends_with("Period")
}

/// Reads `Final Update  September  17 , 2026`, or failing that the Japanese
/// `最終更新日  令和8年9月17日`.
fn read_version(path: &str, preamble: &[RawRecord], problems: &mut Problems) -> Option<NaiveDate> {
    for record in preamble {
        for (index, field) in record.fields.iter().enumerate() {
            if let Some(rest) = field.trim().strip_prefix("Final Update") {
                let words: Vec<&str> = rest
                    .split(|c: char| c.is_whitespace() || c == ',')
                    .filter(|w| !w.is_empty())
                    .collect();
                let parsed = NaiveDate::parse_from_str(&words.join(" "), "%B %d %Y");
                return match parsed {
                    Ok(date) => Some(date),
                    Err(_) => {
                        problems.report(
                            Location::cell(path, record.line, index + 1),
                            format!("cannot read the version date `{}`", quote(field.trim())),
                            "it should read like `Final Update  September  17 , 2026`",
                        );
                        None
                    }
                };
            }
        }
    }
    for record in preamble {
        for (index, field) in record.fields.iter().enumerate() {
            if let Some(rest) = field.trim().strip_prefix("最終更新日") {
                return match parse_reiwa_date(rest.trim()) {
                    Some(date) => Some(date),
                    None => {
                        problems.report(
                            Location::cell(path, record.line, index + 1),
                            format!("cannot read the version date `{}`", quote(field.trim())),
                            "it should read like `最終更新日  令和8年9月17日`",
                        );
                        None
                    }
                };
            }
        }
    }
    problems.report(
        Location::file(path),
        "no `Final Update` version date in the header",
        "use the file as MOF publishes it; the version date decides which release is newest",
    );
    None
}

/// `令和8年9月17日` -> 2026-09-17 (Reiwa 1 = 2019).
fn parse_reiwa_date(text: &str) -> Option<NaiveDate> {
    let rest = text.strip_prefix("令和")?;
    let (year, rest) = rest.split_once('年')?;
    let (month, rest) = rest.split_once('月')?;
    let day = rest.strip_suffix('日')?;
    let year: i32 = if year == "元" { 1 } else { year.trim().parse().ok()? };
    NaiveDate::from_ymd_opt(
        year.checked_add(2018)?,
        month.trim().parse().ok()?,
        day.trim().parse().ok()?,
    )
}

fn check_unit(path: &str, preamble: &[RawRecord], problems: &mut Problems) {
    let mut seen_unit = false;
    for record in preamble {
        for (index, field) in record.fields.iter().enumerate() {
            let cell = field.split_whitespace().collect::<Vec<_>>().join(" ");
            let location = || Location::cell(path, record.line, index + 1);
            if let Some(unit) = cell.strip_prefix("Unit:") {
                seen_unit = true;
                if !unit.trim().eq_ignore_ascii_case("100 million yen") {
                    problems.report(
                        location(),
                        format!("the unit is `{}`, not 100 million yen", quote(unit.trim())),
                        "flowsite reads MOF's weekly file in 100 million yen (億円); check that this is that file",
                    );
                }
            } else if let Some(unit) = cell.strip_prefix("単位：").or_else(|| cell.strip_prefix("単位:")) {
                seen_unit = true;
                if unit.trim() != "億円" {
                    problems.report(
                        location(),
                        format!("the unit is `{}`, not 億円 (100 million yen)", quote(unit.trim())),
                        "flowsite reads MOF's weekly file in 100 million yen (億円); check that this is that file",
                    );
                }
            }
        }
    }
    if !seen_unit {
        problems.report(
            Location::file(path),
            "no `Unit: 100 million Yen` cell in the header",
            "use the file as MOF publishes it, with its unit line",
        );
    }
}

fn check_blocks(path: &str, preamble: &[RawRecord], problems: &mut Problems) {
    let has = |column: usize, label: &str| preamble.iter().any(|r| r.field(column).contains(label));
    for (column, label) in [
        (1, "Portfolio Investment Assets"),
        (1 + BLOCK_WIDTH, "Portfolio Investment Liabilities"),
    ] {
        if !has(column, label) {
            problems.report(
                Location::file(path),
                format!("no `{label}` block heading above column {}", column + 1),
                "MOF's layout has assets in columns 2-12 and liabilities in 13-23; check the file's layout",
            );
        }
    }
}

/// Checks the English class and measure rows below the period header and
/// returns the index of the first data record.
fn check_column_labels(
    path: &str,
    records: &[RawRecord],
    header_index: usize,
    problems: &mut Problems,
) -> Option<usize> {
    // The header is four records: Japanese and English class labels, then
    // Japanese and English measure labels. Find the English ones by content.
    let window = &records[header_index..records.len().min(header_index + 4)];
    let class_row = window.iter().find(|r| r.field(1).trim() == CLASS_LABELS[0].1);
    let measure_row = window.iter().position(|r| r.field(1).trim() == MEASURE_LABELS[0]);
    let Some(measure_offset) = measure_row else {
        problems.report(
            Location::line(path, records[header_index].line),
            "no `Acquisition, Disposition, Net` label row under the period header",
            "use the file as MOF publishes it; a changed layout cannot be read safely",
        );
        return None;
    };
    let measure = &window[measure_offset];
    for block in 0..2 {
        for (offset, expected) in MEASURE_LABELS.iter().enumerate() {
            let column = 1 + block * BLOCK_WIDTH + offset;
            let actual = measure.field(column).trim();
            if actual != *expected {
                problems.report(
                    Location::cell(path, measure.line, column + 1),
                    format!("column label `{}` where MOF's layout has `{expected}`", quote(actual)),
                    "the columns have moved; flowsite will not guess which is which",
                );
            }
        }
    }
    match class_row {
        Some(class_row) => {
            for block in 0..2 {
                for (offset, expected) in CLASS_LABELS {
                    let column = 1 + block * BLOCK_WIDTH + offset;
                    let actual = class_row.field(column).trim();
                    if actual != expected {
                        problems.report(
                            Location::cell(path, class_row.line, column + 1),
                            format!("column label `{}` where MOF's layout has `{expected}`", quote(actual)),
                            "the columns have moved; flowsite will not guess which is which",
                        );
                    }
                }
            }
        }
        None => problems.report(
            Location::line(path, records[header_index].line),
            "no `Equity and investment fund shares ...` label row under the period header",
            "use the file as MOF publishes it; a changed layout cannot be read safely",
        ),
    }
    Some(header_index + measure_offset + 1)
}

/// Describes column `index` (0-based, 1..=22) for messages.
fn column_name(index: usize) -> String {
    let block = if index <= BLOCK_WIDTH { "assets" } else { "liabilities" };
    format!("{block} {}", COLUMN_NAMES[(index - 1) % BLOCK_WIDTH])
}

/// Parses one data row: its week (if the period is readable) and the row
/// (if everything in it is).
fn parse_row(path: &str, record: &RawRecord, problems: &mut Problems) -> (Option<Week>, Option<ParsedRow>) {
    let line = record.line;
    let label = record.field(0);
    let week = match parse_period(label) {
        Ok(dates) if !(is_plausible(dates.start) && is_plausible(dates.end)) => {
            problems.report(
                Location::cell(path, line, 1),
                format!("period `{}` is outside the years 1900 to 2999", quote(label.trim())),
                "restore the published period label",
            );
            None
        }
        Ok(dates) => {
            let week = Week::starting(dates.start);
            match week {
                Some(week) if week.end() == dates.end => Some(week),
                Some(_) => {
                    problems.report(
                        Location::cell(path, line, 1),
                        format!(
                            "period `{}` runs {} days, not 7",
                            quote(label.trim()),
                            (dates.end - dates.start).num_days() + 1
                        ),
                        "MOF's weeks run Sunday to Saturday; check the last day",
                    );
                    None
                }
                None => {
                    problems.report(
                        Location::cell(path, line, 1),
                        format!(
                            "period `{}` starts on a {}, not a Sunday",
                            quote(label.trim()),
                            dates.start.weekday()
                        ),
                        "MOF's weeks run Sunday to Saturday; check the first day",
                    );
                    None
                }
            }
        }
        Err(reason) => {
            problems.report(
                Location::cell(path, line, 1),
                format!("cannot read the period `{}`: {}", quote(label.trim()), quote(&reason)),
                "write it as MOF does, e.g. `2026．9．6～9．12`",
            );
            None
        }
    };
    let context = week.map(|w| format!("week {w}: ")).unwrap_or_default();
    if record.fields.len() != FIELDS {
        let what = if record.fields.len() < FIELDS { "only" } else { "" };
        problems.report(
            Location::line(path, line),
            format!(
                "{context}the row has {what}{}{} fields, expected {FIELDS} (the period and 22 values)",
                if what.is_empty() { "" } else { " " },
                record.fields.len()
            ),
            "restore the missing or extra cells; a short row usually means a cut-off download",
        );
        return (week, None);
    }
    let mut values = [Amount(0); 22];
    let mut cells_ok = true;
    for (index, value) in values.iter_mut().enumerate() {
        let raw = record.field(index + 1);
        let location = Location::cell(path, line, index + 2);
        // One problem per column and kind: a column that is wrong on every
        // row is reported once, with the count.
        let kind = |what: &str| format!("mof-{what}-{index}");
        match parse_amount(raw, Separators::Commas) {
            Ok(parsed) if parsed.0 < 0 && GROSS_OFFSETS.contains(&(index % BLOCK_WIDTH)) => {
                cells_ok = false;
                problems.report_row(
                    kind("negative"),
                    location,
                    format!(
                        "{context}{} is {}, but gross purchases and sales are never negative",
                        column_name(index + 1),
                        parsed.0
                    ),
                    "restore the published value; only net columns have a sign",
                );
            }
            Ok(parsed) => *value = parsed,
            Err(NumberProblem::TooLarge) => {
                cells_ok = false;
                problems.report_row(
                    kind("large"),
                    location,
                    format!(
                        "{context}{} `{}` is beyond {LIMIT_TEXT} oku, far above any real flow",
                        column_name(index + 1),
                        quote(raw.trim())
                    ),
                    "restore the published value",
                );
            }
            Err(NumberProblem::NotWhole) => {
                cells_ok = false;
                problems.report_row(
                    kind("number"),
                    location,
                    format!(
                        "{context}{} `{}` is not a whole number of 100 million yen",
                        column_name(index + 1),
                        quote(raw.trim())
                    ),
                    "MOF writes integers such as `1,689` or `-2,729`; restore the published value",
                );
            }
        }
    }
    let Some(week) = week else { return (None, None) };
    if !cells_ok {
        return (Some(week), None);
    }
    check_arithmetic(path, line, week, &values, problems);
    (Some(week), Some(ParsedRow { line, week, values }))
}

fn check_arithmetic(path: &str, line: usize, week: Week, values: &[Amount; 22], problems: &mut Problems) {
    for block in 0..2 {
        let v = |offset: usize| values[block * BLOCK_WIDTH + offset];
        // (net column offset, expected value, how it is made); checked, so
        // that no pair of cells can wrap into an agreeing total.
        let sums = [
            (2, v(0).checked_sub(v(1)), "acquisition − disposition"),
            (5, v(3).checked_sub(v(4)), "acquisition − disposition"),
            (6, v(2).checked_add(v(5)), "equity net + long-term debt net"),
            (9, v(7).checked_sub(v(8)), "acquisition − disposition"),
            (10, v(6).checked_add(v(9)), "subtotal + short-term debt net"),
        ];
        for (offset, expected, how) in sums {
            let actual = v(offset);
            let Some(expected) = expected else { continue };
            let agrees = actual
                .checked_sub(expected)
                .is_some_and(|difference| difference.0.abs() <= ROUNDING_TOLERANCE);
            if !agrees {
                let index = block * BLOCK_WIDTH + offset + 1;
                let (actual, expected) = (actual.0, expected.0);
                problems.report_row(
                    format!("mof-arithmetic-{index}"),
                    Location::cell(path, line, index + 1),
                    format!(
                        "week {week}: {} is {actual} but {how} is {expected}",
                        column_name(index)
                    ),
                    "a figure in this row was changed or mistyped; restore the published row",
                );
            }
        }
    }
}

/// Note 1 of the file: from January 2014, contractual-type investment
/// trusts are counted as equity and investment fund shares instead of
/// long-term debt securities. Subtotal and total count both, so only the
/// equity and long-term debt series break.
fn breaks_of(class: AssetClass) -> Vec<SeriesBreak> {
    match (class, NaiveDate::from_ymd_opt(2014, 1, 1)) {
        (AssetClass::Equity | AssetClass::LongTermDebt, Some(from)) => vec![SeriesBreak {
            from,
            cause: BreakCause::InvestmentTrustsToEquity,
        }],
        _ => Vec::new(),
    }
}

fn build_series(path: &str, rows: &[ParsedRow]) -> Vec<FlowSeries> {
    let mut series = Vec::new();
    for (block, direction) in [(0, Direction::Outward), (1, Direction::Inward)] {
        for columns in &SERIES_COLUMNS {
            let base = block * BLOCK_WIDTH;
            let (prefix, actor, asset) = match direction {
                Direction::Inward => ("inward", "Foreign investors", columns.inward_asset),
                Direction::Outward => ("outward", "Japanese investors", columns.outward_asset),
            };
            let points = rows
                .iter()
                .map(|row| FlowPoint {
                    week: row.week,
                    net: row.values[base + columns.net],
                    acquisition: columns.acquisition.map(|offset| row.values[base + offset]),
                    disposition: columns.disposition.map(|offset| row.values[base + offset]),
                    cell: CellRef {
                        path: path.to_string(),
                        line: row.line,
                        column: base + columns.net + 2,
                    },
                })
                .collect();
            series.push(FlowSeries {
                meta: SeriesMeta {
                    id: SeriesId::composed(format!("{prefix}-{}", columns.suffix)),
                    title: format!("{actor}' net purchases of {asset}"),
                    actor: actor.to_string(),
                    asset: asset.to_string(),
                    published_label: columns.published_label.to_string(),
                    direction,
                    asset_class: columns.asset_class,
                    unit: crate::model::Unit::Oku,
                    breaks: breaks_of(columns.asset_class),
                },
                points,
            });
        }
    }
    series
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_equity_and_long_term_debt_break_in_january_2014() {
        let from = NaiveDate::from_ymd_opt(2014, 1, 1);
        assert_eq!(breaks_of(AssetClass::Equity).first().map(|b| b.from), from);
        assert_eq!(breaks_of(AssetClass::LongTermDebt).first().map(|b| b.from), from);
        for unaffected in [AssetClass::Subtotal, AssetClass::ShortTermDebt, AssetClass::Total] {
            assert!(breaks_of(unaffected).is_empty(), "{unaffected:?}");
        }
    }

    #[test]
    fn reads_reiwa_version_dates() {
        let expected = NaiveDate::from_ymd_opt(2026, 9, 17);
        assert_eq!(parse_reiwa_date("令和8年9月17日"), expected);
        assert_eq!(parse_reiwa_date("令和元年5月1日"), NaiveDate::from_ymd_opt(2019, 5, 1));
        assert_eq!(parse_reiwa_date("令和2147483647年1月1日"), None);
    }

    fn record(line: usize, fields: &[&str]) -> RawRecord {
        RawRecord {
            line,
            fields: fields.iter().map(|f| f.to_string()).collect(),
        }
    }

    #[test]
    fn tells_weeks_notes_and_blank_rows_apart() {
        assert_eq!(row_kind(&record(1, &["", "", ""])), RowKind::Blank);
        assert_eq!(
            row_kind(&record(1, &["（備考）", "①平成26年1月より", ""])),
            RowKind::Note
        );
        assert_eq!(
            row_kind(&record(1, &["   (Note 2)", "Totals may not add.", ""])),
            RowKind::Note
        );
        assert_eq!(row_kind(&record(1, &["2026．9．6～9．12", "", ""])), RowKind::Week);
        assert_eq!(row_kind(&record(1, &["", "", "5"])), RowKind::Week);
    }
}
