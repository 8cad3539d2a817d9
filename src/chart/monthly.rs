//! Monthly net purchases as diverging columns, the last 24 months.

use super::ChartSvg;
use super::svg::escape_xml;
use super::weekly::{Cadence, render_columns};
use crate::error::Error;
use crate::model::Amount;
use crate::money::{net_phrase, wire_amount};
use crate::series::MonthlyView;
use chrono::NaiveDate;

/// How many months the monthly chart shows.
pub const MONTHS_SHOWN: usize = 24;

/// Draws the last 24 months of a monthly series.
pub fn render_monthly_bars(view: &MonthlyView) -> Result<ChartSvg, Error> {
    let series = &view.series;
    let first = series.points.len().saturating_sub(MONTHS_SHOWN);
    let shown = &series.points[first..];
    let Some(latest) = shown.last() else {
        return Err(Error::Internal(format!(
            "monthly series `{}` has no months",
            series.meta.id
        )));
    };
    let month_name = |date: NaiveDate| date.format("%B %Y").to_string();
    let title = format!(
        "{}: {} months to {}",
        series.meta.title,
        shown.len(),
        month_name(latest.month.first_day())
    );
    let buying = shown.iter().filter(|p| p.net.0 > 0).count();
    let selling = shown.iter().filter(|p| p.net.0 < 0).count();
    let mut description = format!(
        "Columns show {}' monthly net purchases of {} for the {} months to {}: above the zero line net buying, below it net selling. They net bought in {buying} of these months and net sold in {selling}. In {}, they {}.",
        series.meta.actor,
        series.meta.asset,
        shown.len(),
        month_name(latest.month.first_day()),
        month_name(latest.month.first_day()),
        net_phrase(series.meta.unit, latest.net)
    );
    if let Some(top) = shown.iter().filter(|p| p.net.0 > 0).max_by_key(|p| (p.net, p.month)) {
        description.push_str(&format!(
            " The largest net purchase was {} in {}.",
            wire_amount(series.meta.unit, top.net),
            month_name(top.month.first_day())
        ));
    }
    let tooltips: Vec<String> = shown
        .iter()
        .map(|p| {
            let weeks = p.weeks.map(|w| format!(" ({w} weeks)")).unwrap_or_default();
            escape_xml(&format!(
                "{}: {}{weeks}",
                month_name(p.month.first_day()),
                net_phrase(series.meta.unit, p.net)
            ))
        })
        .collect();
    let columns: Vec<(NaiveDate, Amount)> = shown.iter().map(|p| (p.month.last_day(), p.net)).collect();
    render_columns(
        &view.source.publisher,
        series.meta.unit,
        title,
        description,
        &columns,
        &tooltips,
        Cadence::Monthly,
    )
}
