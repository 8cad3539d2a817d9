//! `{{ ... }}` expressions in commentary, evaluated against the data with
//! minijinja.
//!
//! Three functions give a series' figures for one week: `latest("id")` (the
//! newest week in the data), `week("id", "2026-09-12")` (the week ending on
//! that day), and `current("id")` (the week the piece is about: a week
//! note's own week, or the last week before a commentary's date). Each
//! returns an object whose fields are listed in [`WeekValue`]. An unknown
//! series, week or field is an error naming the file and line.

use crate::error::{Location, Problem};
use crate::model::{SeriesId, SeriesMeta};
use crate::money::{amount_with_direction, long_date, net_phrase, signed_amount, wire_amount};
use crate::page::prose::streak_description;
use crate::series::{Side, WeekFacts};
use crate::validate::Commentary;
use chrono::NaiveDate;
use minijinja::{Environment, Error as TemplateError, ErrorKind, State, UndefinedBehavior, Value};
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The figures of one series in one week, as a template sees them.
#[derive(Debug, Serialize)]
pub struct WeekValue {
    /// Series id.
    pub series: String,
    /// Series title.
    pub title: String,
    /// `2026-09-06..09-12`.
    pub week: String,
    /// Last day, `12 September 2026`.
    pub week_end: String,
    /// `¥1.52 trillion` (the size, without direction).
    pub net: String,
    /// `−¥1.52 trillion`.
    pub net_signed: String,
    /// `net sold ¥1.52 trillion`.
    pub net_phrase: String,
    /// The published figure, in the series' unit (100 million yen for MOF).
    pub net_oku: i64,
    /// `buying`, `selling` or `flat`.
    pub side: &'static str,
    /// Weeks in the current run of buying or selling.
    pub streak_weeks: usize,
    /// `third straight week of net buying`.
    pub streak: String,
    /// Change on the prior week, `+¥312.5 billion` (empty for the first week).
    pub change: String,
    /// Year to date, `¥8.21 trillion` (empty if the data do not cover the
    /// year from its first week).
    pub ytd: String,
    /// `net bought ¥8.21 trillion`.
    pub ytd_phrase: String,
    /// Year to date in the series' unit (0 if not available).
    pub ytd_oku: i64,
    /// Weeks counted in the year to date.
    pub ytd_weeks: u32,
    /// The same weeks of the previous year, `net purchases of ¥2.85
    /// trillion` (empty if not available).
    pub ytd_last_year: String,
}

/// Every series' facts, shared by the template functions.
struct TemplateData {
    series: BTreeMap<SeriesId, (SeriesMeta, Vec<WeekFacts>)>,
}

impl TemplateData {
    fn value(
        &self,
        id: &str,
        pick: impl Fn(&[WeekFacts]) -> Option<usize>,
        what: &str,
    ) -> Result<Value, TemplateError> {
        let (meta, facts) = self.series.get(id).ok_or_else(|| {
            let known: Vec<&str> = self.series.keys().map(SeriesId::as_str).collect();
            TemplateError::new(
                ErrorKind::InvalidOperation,
                format!("there is no series `{id}` (use one of: {})", known.join(", ")),
            )
        })?;
        let index = pick(facts).ok_or_else(|| {
            TemplateError::new(ErrorKind::InvalidOperation, format!("series `{id}` has no week {what}"))
        })?;
        Ok(Value::from_serialize(week_value(meta, &facts[index])))
    }
}

fn week_value(meta: &SeriesMeta, facts: &WeekFacts) -> WeekValue {
    WeekValue {
        series: meta.id.to_string(),
        title: meta.title.clone(),
        week: facts.week.to_string(),
        week_end: long_date(facts.week.end()),
        net: wire_amount(meta.unit, facts.net),
        net_signed: signed_amount(meta.unit, facts.net),
        net_phrase: net_phrase(meta.unit, facts.net),
        net_oku: facts.net.0,
        side: match facts.streak.side {
            Side::Buying => "buying",
            Side::Selling => "selling",
            Side::Flat => "flat",
        },
        streak_weeks: facts.streak.weeks,
        streak: streak_description(facts.streak),
        change: facts
            .change
            .map(|change| signed_amount(meta.unit, change))
            .unwrap_or_default(),
        ytd: facts
            .ytd
            .map(|ytd| wire_amount(meta.unit, ytd.total))
            .unwrap_or_default(),
        ytd_phrase: facts
            .ytd
            .map(|ytd| net_phrase(meta.unit, ytd.total))
            .unwrap_or_default(),
        ytd_oku: facts.ytd.map_or(0, |ytd| ytd.total.0),
        ytd_weeks: facts.ytd.map_or(0, |ytd| ytd.weeks),
        ytd_last_year: facts
            .ytd_last_year
            .map(|last| amount_with_direction(meta.unit, last.total))
            .unwrap_or_default(),
    }
}

/// Evaluates expressions in commentary bodies.
pub struct Templates {
    environment: Environment<'static>,
}

impl Templates {
    /// Templates over every series' facts.
    pub fn new(series: impl Iterator<Item = (SeriesMeta, Vec<WeekFacts>)>) -> Templates {
        let data = Arc::new(TemplateData {
            series: series.map(|(meta, facts)| (meta.id.clone(), (meta, facts))).collect(),
        });
        let mut environment = Environment::new();
        environment.set_undefined_behavior(UndefinedBehavior::Strict);
        // Commentary is Markdown, not HTML: maud and pulldown-cmark escape it.
        environment.set_auto_escape_callback(|_| minijinja::AutoEscape::None);
        let latest = Arc::clone(&data);
        environment.add_function("latest", move |id: String| {
            latest.value(&id, |facts| facts.len().checked_sub(1), "at all")
        });
        let by_week = Arc::clone(&data);
        environment.add_function("week", move |id: String, date: String| {
            let day = NaiveDate::parse_from_str(&date, "%Y-%m-%d").map_err(|_| {
                TemplateError::new(
                    ErrorKind::InvalidOperation,
                    format!("`{date}` is not a date like 2026-09-12"),
                )
            })?;
            by_week.value(
                &id,
                |facts| facts.iter().position(|f| f.week.end() == day || f.week.start() == day),
                &format!("starting or ending on {date}"),
            )
        });
        let current = Arc::clone(&data);
        environment.add_function("current", move |state: &State, id: String| {
            let as_of = state.lookup("as_of").and_then(|value| {
                value
                    .as_str()
                    .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
            });
            let Some(as_of) = as_of else {
                return Err(TemplateError::new(ErrorKind::InvalidOperation, "no current week here"));
            };
            current.value(
                &id,
                |facts| facts.iter().rposition(|f| f.week.end() <= as_of),
                &format!("ending on or before {as_of}"),
            )
        });
        Templates { environment }
    }

    /// The body of `piece` with its expressions evaluated as of the week
    /// ending `as_of`.
    pub fn render(&self, piece: &Commentary, as_of: NaiveDate) -> Result<String, Problem> {
        if !piece.body.contains("{{") && !piece.body.contains("{%") {
            return Ok(piece.body.clone());
        }
        let context = minijinja::context! { as_of => as_of.format("%Y-%m-%d").to_string() };
        self.environment.render_str(&piece.body, context).map_err(|error| {
            let line = piece.body_line + error.line().unwrap_or(1) - 1;
            let quoted = error
                .range()
                .and_then(|range| piece.body.get(range))
                .map(|text| format!("`{}` ", text.trim()))
                .unwrap_or_default();
            let detail = match error.kind() {
                ErrorKind::UndefinedError => format!("{quoted}names a series field or function that does not exist"),
                _ => error.detail().map_or_else(|| error.kind().to_string(), str::to_string),
            };
            Problem::new(
                Location::line(piece.path.clone(), line),
                format!("cannot evaluate an expression: {detail}"),
                "use latest(\"id\"), week(\"id\", \"2026-09-12\") or current(\"id\") and a field such as .net_phrase or .ytd; see README",
            )
        })
    }
}
