//! `[[annotations]]` in `site.toml` or a piece's front matter ->
//! [`Annotation`]s: dated events an author marks on a series' charts
//! ("BOJ raises rates").
//!
//! Two steps, because the second needs the data: [`parse_annotations`]
//! reads each entry where it is declared (a plain date, a series id, a
//! short label), and [`check_annotations`] then checks that the series is
//! a weekly series of the data and that the date falls within its weeks.
//! Every problem names the line of the entry. No I/O here.

use super::config::line_of;
use crate::error::{Location, Problems};
use crate::model::SeriesId;
use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// The longest label an annotation may have: longer text does not fit
/// beside a column on a phone, and belongs in the commentary itself.
pub const MAX_LABEL_CHARS: usize = 48;

/// One `[[annotations]]` entry as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnotationEntry {
    date: Spanned<toml::value::Datetime>,
    series: Spanned<String>,
    label: Spanned<String>,
}

/// A dated event marked on the charts of one series.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Annotation {
    /// The day of the event; it is marked on the week that contains it.
    pub date: NaiveDate,
    /// The series whose charts show it.
    pub series: SeriesId,
    /// What happened, in a few words.
    pub label: String,
    /// The line of its date, for error messages.
    pub line: usize,
    /// The line of its series, for error messages.
    pub series_line: usize,
}

/// Where a series' weeks begin and end, for checking annotation dates.
pub type Coverage = BTreeMap<SeriesId, (NaiveDate, NaiveDate)>;

/// Reads the entries of one file; `text` is the TOML they were parsed from
/// and `first_line` the file line of its first line (front matter starts
/// below its `+++`). Entries with a problem are reported and left out.
pub fn parse_annotations(
    path: &str,
    text: &str,
    first_line: usize,
    entries: Vec<AnnotationEntry>,
    problems: &mut Problems,
) -> Vec<Annotation> {
    let line_at = |offset: usize| first_line + line_of(text, offset) - 1;
    let mut annotations = Vec::with_capacity(entries.len());
    for entry in entries {
        let line = line_at(entry.date.span().start);
        let series_line = line_at(entry.series.span().start);
        let written = entry.date.get_ref();
        let date = match (written.date, written.time) {
            (Some(date), None) => {
                NaiveDate::from_ymd_opt(i32::from(date.year), u32::from(date.month), u32::from(date.day))
            }
            _ => None,
        };
        let Some(date) = date else {
            problems.report(
                Location::line(path, line_at(entry.date.span().start)),
                format!("annotation date `{written}` is not a plain date"),
                "write the day of the event without a time, e.g. `date = 2024-03-19`",
            );
            continue;
        };
        let series = match SeriesId::parse(entry.series.get_ref()) {
            Ok(series) => series,
            Err(what) => {
                problems.report(
                    Location::line(path, line_at(entry.series.span().start)),
                    format!("annotation series: {what}"),
                    "name the series by its id, e.g. `series = \"inward-equity\"`",
                );
                continue;
            }
        };
        let label = entry.label.get_ref().trim();
        let label_line = line_at(entry.label.span().start);
        if label.is_empty() {
            problems.report(
                Location::line(path, label_line),
                "the annotation's label is empty",
                "say what happened in a few words, e.g. `label = \"BOJ raises rates\"`",
            );
            continue;
        }
        let length = label.chars().count();
        if length > MAX_LABEL_CHARS {
            problems.report(
                Location::line(path, label_line),
                format!(
                    "the annotation's label is {length} characters long, more than a chart can show ({MAX_LABEL_CHARS})"
                ),
                "shorten it to a few words; say more in the text",
            );
            continue;
        }
        annotations.push(Annotation {
            date,
            series,
            label: label.to_string(),
            line,
            series_line,
        });
    }
    annotations
}

/// Reports every annotation of `path` whose series is not a weekly series
/// of the data, or whose date is outside that series' weeks.
pub fn check_annotations(path: &str, annotations: &[Annotation], coverage: &Coverage, problems: &mut Problems) {
    for annotation in annotations {
        let Some(&(first, last)) = coverage.get(&annotation.series) else {
            problems.report(
                Location::line(path, annotation.series_line),
                format!(
                    "annotation names series `{}`, which is not a weekly series of the data",
                    annotation.series
                ),
                format!(
                    "use one of: {}",
                    coverage.keys().map(SeriesId::as_str).collect::<Vec<_>>().join(", ")
                ),
            );
            continue;
        };
        if annotation.date < first || annotation.date > last {
            problems.report(
                Location::line(path, annotation.line),
                format!(
                    "annotation date {} is outside the data of `{}`, which runs from {first} to {last}",
                    annotation.date, annotation.series
                ),
                "give the date of an event within the data, or remove the annotation",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct File {
        #[serde(default)]
        annotations: Vec<AnnotationEntry>,
    }

    fn parse(text: &str) -> (Vec<Annotation>, Vec<String>) {
        let file: File = toml::from_str(text).expect("toml");
        let mut problems = Problems::new();
        let found = parse_annotations("site.toml", text, 1, file.annotations, &mut problems);
        (found, messages(problems))
    }

    fn messages(problems: Problems) -> Vec<String> {
        match problems.into_result(()) {
            Ok(()) => Vec::new(),
            Err(crate::error::Error::Invalid(found)) => found.iter().map(ToString::to_string).collect(),
            Err(other) => vec![other.to_string()],
        }
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn reads_entries_with_their_lines() {
        let (found, problems) = parse(
            "title = \"x\"\n\n[[annotations]]\ndate = 2024-03-19\nseries = \"inward-equity\"\nlabel = \" BOJ ends negative rates \"\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].date, date(2024, 3, 19));
        assert_eq!(found[0].label, "BOJ ends negative rates");
        assert_eq!(found[0].line, 4);
    }

    #[test]
    fn reports_timestamps_bad_ids_and_long_labels_at_their_lines() {
        let (found, problems) = parse(
            "[[annotations]]\ndate = 2024-03-19T10:00:00\nseries = \"a\"\nlabel = \"x\"\n\n[[annotations]]\ndate = 2024-03-19\nseries = \"Inward\"\nlabel = \"x\"\n\n[[annotations]]\ndate = 2024-03-19\nseries = \"a\"\nlabel = \"The Bank of Japan raised its policy rate for the first time since 2007\"\n",
        );
        assert!(found.is_empty());
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(
            problems[0].starts_with("site.toml:2: annotation date"),
            "{}",
            problems[0]
        );
        assert!(
            problems[1].starts_with("site.toml:8: annotation series"),
            "{}",
            problems[1]
        );
        assert!(
            problems[2].starts_with("site.toml:14: the annotation's label is 70 characters"),
            "{}",
            problems[2]
        );
    }

    #[test]
    fn checks_series_and_dates_against_the_data() {
        let id = |text: &str| SeriesId::parse(text).expect("id");
        let coverage: Coverage = [(id("inward-equity"), (date(2005, 1, 2), date(2026, 9, 12)))]
            .into_iter()
            .collect();
        let annotation = |series: &str, day: NaiveDate, line| Annotation {
            date: day,
            series: id(series),
            label: "x".to_string(),
            line,
            series_line: line + 1,
        };
        let mut problems = Problems::new();
        let annotations = [
            annotation("inward-equity", date(2026, 9, 12), 3),
            annotation("inward-equity", date(2026, 9, 13), 7),
            annotation("inward-equities", date(2020, 1, 1), 11),
        ];
        check_annotations("site.toml", &annotations, &coverage, &mut problems);
        let problems = messages(problems);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(
            problems[0],
            "site.toml:7: annotation date 2026-09-13 is outside the data of `inward-equity`, which runs from 2005-01-02 to 2026-09-12 (give the date of an event within the data, or remove the annotation)"
        );
        assert!(
            problems[1].starts_with("site.toml:12: annotation names series `inward-equities`"),
            "{}",
            problems[1]
        );
    }
}
