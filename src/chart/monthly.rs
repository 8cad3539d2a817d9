//! Monthly net purchases as diverging columns, the last 24 months.

use super::columns::{Column, ColumnChart, ColumnNews, column_marks, draw_columns, scale_for};
use super::style::Layout;
use super::svg::{MarkKind, escape_xml};
use super::{ChartSvg, render_variants};
use crate::error::Error;
use crate::model::{Amount, Month};
use crate::series::MonthlyView;

/// How many months the monthly chart shows.
pub const MONTHS_SHOWN: usize = 24;

/// Draws the last 24 months of a monthly series.
pub fn render_monthly_bars(view: &MonthlyView, words: &'static dyn super::text::ChartWords) -> Result<ChartSvg, Error> {
    let series = &view.series;
    let first = series.points.len().saturating_sub(MONTHS_SHOWN);
    let shown = &series.points[first..];
    let Some(latest) = shown.last() else {
        return Err(Error::Internal(format!(
            "monthly series `{}` has no months",
            series.meta.id
        )));
    };
    let unit = series.meta.unit;
    let months: Vec<(Month, Amount)> = shown.iter().map(|p| (p.month, p.net)).collect();
    let tooltips: Vec<String> = shown
        .iter()
        .map(|p| escape_xml(&words.month_tooltip(unit, p.month, p.net, p.weeks)))
        .collect();
    let columns: Vec<Column> = shown
        .iter()
        .map(|p| Column {
            start: p.month.first_day(),
            end: p.month.last_day(),
            net: p.net,
        })
        .collect();
    let scale = scale_for(unit, &columns);
    let news = ColumnNews {
        latest: words.latest_label(unit, latest.net),
        ..ColumnNews::default()
    };
    let chart = ColumnChart {
        unit,
        publisher: &view.source.publisher,
        columns: &columns,
        scale,
        news: &news,
        // Month columns are wide apart: a label every quarter (every half
        // year on phones) is enough.
        month_step: |layout: Layout| if layout.width < 500 { 6 } else { 3 },
        words,
    };
    let marks = column_marks();
    render_variants(
        |layout| draw_columns(&chart, layout),
        words.monthly_title(&series.meta),
        words.monthly_subtitle(&series.meta, scale, shown.len(), latest.month),
        words.monthly_description(&series.meta, &months),
        words.source_line(&view.source.publisher),
        &MarkKind {
            element: "rect",
            attributes: &marks,
        },
        &tooltips,
    )
}
