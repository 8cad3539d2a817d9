//! Weekly net purchases as diverging columns: the 52 weeks to the week a
//! chart is drawn through, with the news the facts hold marked on them.

use super::columns::{Column, ColumnChart, ColumnNews, Run, column_marks, draw_columns, scale_for};
use super::style::Layout;
use super::svg::{MarkKind, escape_xml};
use super::text::WeeklyNews;
use super::{ChartSvg, WEEKS_SHOWN, render_variants};
use crate::error::Error;
use crate::model::{Amount, FlowSeries, Week};
use crate::series::{Extreme, RECORD_MIN_WEEKS, Side, WeekFacts};
use crate::validate::Annotation;

/// A run must be this long before it is bracketed: two weeks on the same
/// side is not yet a streak a reader needs pointed out.
const RUN_MIN_WEEKS: usize = 3;

/// The tooltip of every week of a series ("6–12 Sep 2026: net sold ¥1.52
/// trillion"), made once and escaped: each week appears in 52 charts.
pub fn week_tooltips(series: &FlowSeries, words: &dyn super::text::ChartWords) -> Vec<String> {
    series
        .points
        .iter()
        .map(|p| escape_xml(&words.week_tooltip(series.meta.unit, p.week, p.net)))
        .collect()
}

/// Draws the 52 weeks up to and including the one at `through`; `facts`
/// are the series' facts and `tooltips` its [`week_tooltips`].
pub fn render_weekly_bars(
    publisher: &str,
    series: &FlowSeries,
    facts: &[WeekFacts],
    tooltips: &[String],
    through: usize,
    annotations: &[Annotation],
    words: &'static dyn super::text::ChartWords,
) -> Result<ChartSvg, Error> {
    let first = (through + 1).saturating_sub(WEEKS_SHOWN);
    let shown = facts
        .get(first..=through)
        .ok_or_else(|| super::drawing_error("weekly chart past the end of its facts"))?;
    let unit = series.meta.unit;
    let columns: Vec<Column> = shown
        .iter()
        .map(|f| Column {
            start: f.week.start(),
            end: f.week.end(),
            net: f.net,
        })
        .collect();
    let (news, told) = weekly_news(facts, first, through, unit, annotations, words);
    let weeks: Vec<(Week, Amount)> = shown.iter().map(|f| (f.week, f.net)).collect();
    let description = words.weekly_description(&series.meta, &weeks, &told, annotations);
    let scale = scale_for(unit, &columns);
    let latest_week = shown[shown.len() - 1].week;
    let chart = ColumnChart {
        unit,
        publisher,
        columns: &columns,
        scale,
        news: &news,
        month_step: |layout: Layout| layout.month_step,
        words,
    };
    let marks = column_marks();
    render_variants(
        |layout| draw_columns(&chart, layout),
        words.weekly_title(&series.meta),
        words.weekly_subtitle(&series.meta, scale, shown.len(), latest_week),
        description,
        words.source_line(publisher),
        &MarkKind {
            element: "rect",
            attributes: &marks,
        },
        tooltips.get(first..=through).unwrap_or_default(),
    )
}

/// What the columns from `first` to `through` mark, from the facts: the
/// latest value (or its record), the standing records, the week the latest
/// is the largest since, the current run and the annotations; and the
/// same news for the text description.
fn weekly_news(
    facts: &[WeekFacts],
    first: usize,
    through: usize,
    unit: crate::model::Unit,
    annotations: &[Annotation],
    words: &dyn super::text::ChartWords,
) -> (ColumnNews, WeeklyNews) {
    let latest = &facts[through];
    let is_record = |f: &WeekFacts| f.extreme == Extreme::Record && f.index >= RECORD_MIN_WEEKS;
    let mut news = ColumnNews {
        latest: if is_record(latest) {
            words.record_label(unit, latest.net)
        } else {
            words.latest_label(unit, latest.net)
        },
        ..ColumnNews::default()
    };
    let mut told = WeeklyNews::default();
    // Each record beats every week before it, so the last record on each
    // side is the one standing at `through`.
    for buying in [false, true] {
        let standing = facts[..=through]
            .iter()
            .rev()
            .find(|f| is_record(f) && (f.net.0 > 0) == buying);
        if let Some(record) = standing.filter(|f| f.index >= first) {
            told.records.push((record.week, record.net));
            if record.index != through {
                news.labelled
                    .push((record.index - first, words.record_label(unit, record.net)));
            }
        }
    }
    if let Extreme::LargestSince { week, net } = latest.extreme {
        told.last_larger = Some((week, net));
        // Weeks are consecutive, so the earlier week's place is its distance.
        let back = (latest.week.start() - week.start()).num_weeks();
        if let Ok(back) = usize::try_from(back)
            && back <= through - first
        {
            news.labelled
                .push((through - first - back, words.last_larger_label(unit, net)));
        }
    }
    let streak = latest.streak;
    if streak.side != Side::Flat && streak.weeks >= RUN_MIN_WEEKS {
        told.streak = Some(streak);
        let start = (through + 1).saturating_sub(streak.weeks);
        news.run = Some(Run {
            first: start.max(first) - first,
            last: through - first,
            open: start < first,
            side: streak.side,
            label: words.streak_label(streak),
        });
    }
    for annotation in annotations {
        let week = Week::containing(annotation.date);
        if let Ok(offset) = facts[first..=through].binary_search_by_key(&week, |f| f.week) {
            news.annotations.push((offset, annotation.clone()));
        }
    }
    (news, told)
}
