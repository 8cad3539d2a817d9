//! Weekly net purchases as diverging columns around a zero line.

use super::axis::{TickedAxis, nice_ticks};
use super::style::{BUY, GRID, Layout, MUTED_TEXT, SELL, SOURCE_LINE_HEIGHT, TEXT, ZERO, text_style};
use super::svg::{MarkKind, escape_xml};
use super::{ChartSvg, WEEKS_SHOWN, drawing_error, render_variants};
use crate::error::Error;
use crate::model::{Amount, FlowPoint, FlowSeries, SourceInfo, Unit};
use crate::money::{AxisScale, compact_amount, long_date, net_phrase, wire_amount};
use chrono::{Datelike, NaiveDate};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// The tooltip of every week of a series ("Week 2026-09-06..09-12: net sold
/// ¥1.52 trillion"), made once: each week appears in 52 charts.
pub fn week_tooltips(series: &FlowSeries) -> Vec<String> {
    series
        .points
        .iter()
        .map(|p| escape_xml(&format!("Week {}: {}", p.week, net_phrase(series.meta.unit, p.net))))
        .collect()
}

/// Draws the 52 weeks up to and including `through`; `tooltips` are the
/// series' [`week_tooltips`].
pub fn render_weekly_bars(
    source: &SourceInfo,
    series: &FlowSeries,
    tooltips: &[String],
    through: usize,
) -> Result<ChartSvg, Error> {
    let first = (through + 1).saturating_sub(WEEKS_SHOWN);
    let shown = &series.points[first..=through];
    let latest = &shown[shown.len() - 1];
    let title = format!(
        "{}, weekly: {} weeks to {}",
        series.meta.title,
        shown.len(),
        long_date(latest.week.end())
    );
    let description = describe(series, shown);
    let titles = tooltips.get(first..=through).unwrap_or_default();
    let columns: Vec<(NaiveDate, Amount)> = shown.iter().map(|p| (p.week.end(), p.net)).collect();
    render_columns(
        &source.publisher,
        series.meta.unit,
        title,
        description,
        &columns,
        titles,
        Cadence::Weekly,
    )
}

/// How often columns come, which decides how sparsely months are labelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cadence {
    /// One column a week.
    Weekly,
    /// One column a month.
    Monthly,
}

impl Cadence {
    fn month_step(self, layout: Layout) -> u32 {
        match self {
            Cadence::Weekly => layout.month_step,
            Cadence::Monthly if layout.width < 500 => 6,
            Cadence::Monthly => 3,
        }
    }
}

/// Diverging columns, one per (period end, net), with a tooltip each.
pub fn render_columns(
    publisher: &str,
    unit: Unit,
    title: String,
    description: String,
    columns: &[(NaiveDate, Amount)],
    tooltips: &[String],
    cadence: Cadence,
) -> Result<ChartSvg, Error> {
    let marks = [format!("fill=\"{}\"", hex(BUY)), format!("fill=\"{}\"", hex(SELL))];
    let mark_kind = MarkKind {
        element: "rect",
        attributes: &marks,
    };
    render_variants(
        |layout| draw(publisher, unit, columns, layout, cadence.month_step(layout)),
        title,
        description,
        &mark_kind,
        tooltips,
    )
}

/// `#0072B2` for an RGB colour, as plotters writes it.
pub fn hex(color: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", color.0, color.1, color.2)
}

fn describe(series: &FlowSeries, shown: &[FlowPoint]) -> String {
    let latest = &shown[shown.len() - 1];
    let buying = shown.iter().filter(|p| p.net.0 > 0).count();
    let selling = shown.iter().filter(|p| p.net.0 < 0).count();
    let mut text = format!(
        "Columns show {}' weekly net purchases of {} for the {} weeks to {}: above the zero line net buying, below it net selling. They net bought in {buying} of these weeks and net sold in {selling}. In the latest week, {}, they {}.",
        series.meta.actor,
        series.meta.asset,
        shown.len(),
        long_date(latest.week.end()),
        latest.week,
        net_phrase(series.meta.unit, latest.net),
    );
    if let Some(top) = shown.iter().filter(|p| p.net.0 > 0).max_by_key(|p| (p.net, p.week)) {
        text.push_str(&format!(
            " The largest net purchase was {} in the week to {}.",
            wire_amount(series.meta.unit, top.net),
            long_date(top.week.end())
        ));
    }
    if let Some(bottom) = shown
        .iter()
        .filter(|p| p.net.0 < 0)
        .min_by_key(|p| (p.net, std::cmp::Reverse(p.week)))
    {
        text.push_str(&format!(
            " The largest net sale was {} in the week to {}.",
            wire_amount(series.meta.unit, bottom.net),
            long_date(bottom.week.end())
        ));
    }
    text
}

fn draw(
    publisher: &str,
    unit: Unit,
    shown: &[(NaiveDate, Amount)],
    layout: Layout,
    month_step: u32,
) -> Result<String, Error> {
    let count = shown.len();
    let low = shown.iter().map(|p| p.1).min().unwrap_or(Amount(0));
    let high = shown.iter().map(|p| p.1).max().unwrap_or(Amount(0));
    let ticks = nice_ticks(low, high, if layout.width < 500 { 4 } else { 5 });
    let largest_tick = ticks.iter().map(|t| Amount(t.0.abs())).max().unwrap_or(Amount(0));
    let scale = AxisScale::for_largest(unit, largest_tick);
    let y_keys: Vec<f64> = ticks.iter().map(|t| t.0 as f64).collect();
    let y_range = y_keys[0]..y_keys[y_keys.len() - 1];
    let month_keys = month_starts(shown, month_step);

    let mut raw = String::new();
    {
        let root = SVGBackend::with_string(&mut raw, (layout.width, layout.height)).into_drawing_area();
        let (plot_area, footer) = root.split_vertically(layout.height - SOURCE_LINE_HEIGHT);
        let mut chart = ChartBuilder::on(&plot_area)
            .margin_top(12)
            .margin_left(4)
            .margin_right(layout.right_margin)
            .x_label_area_size(layout.x_label_height)
            .y_label_area_size(layout.y_label_width)
            .build_cartesian_2d(
                TickedAxis::new(0.0, count as f64, month_keys),
                TickedAxis::new(y_range.start, y_range.end, y_keys.clone()),
            )
            .map_err(drawing_error)?;
        let y_format = |value: &f64| scale.tick_label(Amount(value.round() as i64));
        let x_format = |value: &f64| month_label(shown, *value);
        chart
            .configure_mesh()
            .disable_x_mesh()
            .bold_line_style(GRID.stroke_width(1))
            .light_line_style(TRANSPARENT)
            .axis_style(GRID.stroke_width(1))
            .set_all_tick_mark_size(0)
            // A short tick moves the month labels clear of the lowest y label.
            .set_tick_mark_size(LabelAreaPosition::Bottom, 10)
            .label_style(text_style(layout.font_px, TEXT))
            .y_label_formatter(&y_format)
            .x_label_formatter(&x_format)
            .draw()
            .map_err(drawing_error)?;
        chart
            .draw_series(shown.iter().enumerate().map(|(index, (_, net))| {
                let color = if net.0 >= 0 { BUY } else { SELL };
                let x = index as f64;
                Rectangle::new([(x + 0.12, 0.0), (x + 0.88, net.0 as f64)], color.filled())
            }))
            .map_err(drawing_error)?;
        chart
            .draw_series(LineSeries::new([(0.0, 0.0), (count as f64, 0.0)], ZERO.stroke_width(2)))
            .map_err(drawing_error)?;

        // Label the latest value to the right of its column, where a
        // reader's eye ends, kept inside the plot so it is never clipped.
        let latest = shown[count - 1].1;
        let (x, y) = chart.backend_coord(&(count as f64, latest.0 as f64));
        let (top, bottom) = (
            chart.backend_coord(&(0.0, y_range.end)).1,
            chart.backend_coord(&(0.0, y_range.start)).1,
        );
        let y = y.clamp(top + layout.font_px as i32, bottom - layout.font_px as i32);
        let anchor = Pos::new(HPos::Left, VPos::Center);
        root.draw(&Text::new(
            compact_amount(unit, latest),
            (x + 6, y),
            text_style(layout.font_px, TEXT).pos(anchor),
        ))
        .map_err(drawing_error)?;

        footer
            .draw(&Text::new(
                format!("Source: {publisher}"),
                (6, 8),
                text_style(layout.font_px, MUTED_TEXT),
            ))
            .map_err(drawing_error)?;
        root.present().map_err(drawing_error)?;
    }
    Ok(raw)
}

/// Key points for the x axis: the middle of the first column of each
/// labelled month (every `step`-th month, counted from January).
fn month_starts(shown: &[(NaiveDate, Amount)], step: u32) -> Vec<f64> {
    shown
        .windows(2)
        .enumerate()
        .filter(|(_, pair)| pair[0].0.month() != pair[1].0.month())
        .map(|(index, pair)| (index + 1, pair[1].0.month()))
        .filter(|(_, month)| (month - 1) % step == 0)
        .map(|(index, _)| index as f64 + 0.5)
        .collect()
}

/// `Sep`, or the year for January, for the column at x position `value`.
fn month_label(shown: &[(NaiveDate, Amount)], value: f64) -> String {
    let index = (value.max(0.0) as usize).min(shown.len().saturating_sub(1));
    let end = shown[index].0;
    if end.month() == 1 {
        end.year().to_string()
    } else {
        end.format("%b").to_string()
    }
}
