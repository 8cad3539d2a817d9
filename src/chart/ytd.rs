//! Cumulative year-to-date net purchases: one line per year against the
//! week of the year, the current year emphasised and earlier years muted.

use super::axis::{TickedAxis, nice_ticks};
use super::style::{
    CURRENT_YEAR, EARLIER_YEARS, GRID, Layout, MUTED_TEXT, PREVIOUS_YEAR, SOURCE_LINE_HEIGHT, TEXT, ZERO, text_style,
};
use super::svg::{MarkKind, escape_xml};
use super::weekly::hex;
use super::{ChartSvg, drawing_error, render_variants};
use crate::error::Error;
use crate::model::{Amount, FlowSeries, SourceInfo, Unit};
use crate::money::{AxisScale, amount_with_direction, compact_amount, long_date, wire_amount};
use crate::series::{YtdPoint, ytd_lines};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::collections::BTreeMap;

/// Month labels at the middle of each quarter's first month (in weeks of
/// the year), so that "Jan" does not sit on the y axis's bottom label.
const QUARTER_WEEKS: [(f64, &str); 4] = [(3.0, "Jan"), (16.0, "Apr"), (29.0, "Jul"), (42.0, "Oct")];

/// Draws every year's cumulative line up to and including week `through`.
pub fn render_ytd_lines(
    source: &SourceInfo,
    series: &FlowSeries,
    ytd: &[YtdPoint],
    through: usize,
) -> Result<ChartSvg, Error> {
    let lines = ytd_lines(ytd, through);
    let current = ytd[through];
    let title = format!(
        "{}, cumulative for each year: to {}",
        series.meta.title,
        long_date(current.week.end())
    );
    let description = describe(series, &lines, current);
    // Lines of one point cannot be drawn as polylines; they get no tooltip
    // line (the current year's last point has its own dot).
    let drawn_years: Vec<i32> = lines
        .iter()
        .filter(|(_, points)| points.len() > 1)
        .map(|(year, _)| *year)
        .collect();
    let titles: Vec<String> = drawn_years
        .iter()
        .map(|year| {
            let last = lines[year][lines[year].len() - 1];
            escape_xml(&format!(
                "{year}: {} through week {}",
                amount_with_direction(series.meta.unit, last.cumulative),
                last.week_of_year
            ))
        })
        .collect();
    let marks: Vec<String> = [CURRENT_YEAR, PREVIOUS_YEAR, EARLIER_YEARS]
        .iter()
        .map(|c| format!("stroke=\"{}\"", hex(*c)))
        .collect();
    let mark_kind = MarkKind {
        element: "polyline",
        attributes: &marks,
    };
    render_variants(
        |layout| draw(source, series.meta.unit, &lines, &drawn_years, current, layout),
        title,
        description,
        &mark_kind,
        &titles,
    )
}

fn describe(series: &FlowSeries, lines: &BTreeMap<i32, Vec<YtdPoint>>, current: YtdPoint) -> String {
    let first_year = lines.keys().next().copied().unwrap_or(current.year);
    if !lines.contains_key(&current.year) {
        return format!(
            "Lines would show {}' cumulative net purchases of {} in each year, but the data do not cover {} from its first week, so no year-to-date total is drawn for it.",
            series.meta.actor, series.meta.asset, current.year
        );
    }
    let mut text = format!(
        "Lines show {}' cumulative net purchases of {} in each year from {first_year} to {}, by week of the year; the {} line is highlighted. Through week {} of {}, to {}, year-to-date {} stood at {}.",
        series.meta.actor,
        series.meta.asset,
        current.year,
        current.year,
        current.week_of_year,
        current.year,
        long_date(current.week.end()),
        if current.cumulative.0 >= 0 {
            "purchases"
        } else {
            "sales"
        },
        wire_amount(series.meta.unit, current.cumulative),
    );
    if let Some(previous) = lines.get(&(current.year - 1)) {
        if let Some(same) = previous.iter().find(|p| p.week_of_year == current.week_of_year) {
            text.push_str(&format!(
                " At the same point of {} the total was {}.",
                same.year,
                amount_with_direction(series.meta.unit, same.cumulative)
            ));
        }
        if let Some(end) = previous.last() {
            text.push_str(&format!(
                " {} ended with {}.",
                end.year,
                amount_with_direction(series.meta.unit, end.cumulative)
            ));
        }
    }
    text
}

fn draw(
    source: &SourceInfo,
    unit: Unit,
    lines: &BTreeMap<i32, Vec<YtdPoint>>,
    drawn_years: &[i32],
    current: YtdPoint,
    layout: Layout,
) -> Result<String, Error> {
    let all = lines.values().flatten();
    let low = all.clone().map(|p| p.cumulative).min().unwrap_or(Amount(0));
    let high = all.clone().map(|p| p.cumulative).max().unwrap_or(Amount(0));
    let last_week = all.map(|p| p.week_of_year).max().unwrap_or(52).max(52);
    let ticks = nice_ticks(low, high, if layout.width < 500 { 4 } else { 5 });
    let largest_tick = ticks.iter().map(|t| Amount(t.0.abs())).max().unwrap_or(Amount(0));
    let scale = AxisScale::for_largest(unit, largest_tick);
    let y_keys: Vec<f64> = ticks.iter().map(|t| t.0 as f64).collect();
    let y_range = y_keys[0]..y_keys[y_keys.len() - 1];
    let x_keys: Vec<f64> = QUARTER_WEEKS.iter().map(|(week, _)| *week).collect();

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
                TickedAxis::new(1.0, f64::from(last_week), x_keys),
                TickedAxis::new(y_range.start, y_range.end, y_keys.clone()),
            )
            .map_err(drawing_error)?;
        let y_format = |value: &f64| scale.tick_label(Amount(value.round() as i64));
        let x_format = |value: &f64| {
            QUARTER_WEEKS
                .iter()
                .find(|(week, _)| (week - value).abs() < 0.5)
                .map(|(_, label)| label.to_string())
                .unwrap_or_default()
        };
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
            .draw_series(LineSeries::new(
                [(1.0, 0.0), (f64::from(last_week), 0.0)],
                ZERO.stroke_width(2),
            ))
            .map_err(drawing_error)?;

        // Earlier years first so that the emphasised lines are drawn on top.
        let style_of = |year: i32| {
            if year == current.year {
                CURRENT_YEAR.stroke_width(3)
            } else if year == current.year - 1 {
                PREVIOUS_YEAR.stroke_width(2)
            } else {
                EARLIER_YEARS.stroke_width(1)
            }
        };
        let mut order: Vec<i32> = drawn_years.to_vec();
        order.sort_by_key(|year| (*year == current.year, *year == current.year - 1, *year));
        for year in order {
            let points = lines[&year]
                .iter()
                .map(|p| (f64::from(p.week_of_year), p.cumulative.0 as f64));
            chart
                .draw_series(LineSeries::new(points, style_of(year)))
                .map_err(drawing_error)?;
        }
        if lines.contains_key(&current.year) {
            label_line_ends(&root, &chart, lines, current, unit, layout)?;
        }

        footer
            .draw(&Text::new(
                format!("Source: {}", source.publisher),
                (6, 8),
                text_style(layout.font_px, MUTED_TEXT),
            ))
            .map_err(drawing_error)?;
        root.present().map_err(drawing_error)?;
    }
    Ok(raw)
}

/// The current year's dot and label, and the previous year's label at the
/// end of its line, nudged apart when they would overlap and kept inside
/// the plot vertically.
fn label_line_ends(
    root: &DrawingArea<SVGBackend<'_>, plotters::coord::Shift>,
    chart: &ChartContext<'_, SVGBackend<'_>, Cartesian2d<TickedAxis, TickedAxis>>,
    lines: &BTreeMap<i32, Vec<YtdPoint>>,
    current: YtdPoint,
    unit: Unit,
    layout: Layout,
) -> Result<(), Error> {
    let dot = (f64::from(current.week_of_year), current.cumulative.0 as f64);
    let y_range = chart.y_range();
    chart
        .plotting_area()
        .draw(&Circle::new(dot, 4, CURRENT_YEAR.filled()))
        .map_err(drawing_error)?;
    let (top, bottom) = (
        chart.backend_coord(&(1.0, y_range.end)).1,
        chart.backend_coord(&(1.0, y_range.start)).1,
    );
    let gap = layout.font_px as i32 + 2;
    let (current_x, current_y) = chart.backend_coord(&dot);
    let current_label = format!("{} {}", current.year, compact_amount(unit, current.cumulative));
    // plotters' own estimate of text width: 0.7 em per byte is too wide for
    // digits; 0.6 em per character is close for a sans-serif.
    let width_of = |text: &str| (text.chars().count() as f64 * f64::from(layout.font_px) * 0.6) as i32;
    let current_width = width_of(&current_label);
    // Near the right edge the label goes to the left of the dot instead.
    let (current_left, current_anchor_x, current_anchor) = if current_x + 8 + current_width > layout.width as i32 - 2 {
        (current_x - 8 - current_width, current_x - 8, HPos::Right)
    } else {
        (current_x + 8, current_x + 8, HPos::Left)
    };
    let mut labels = vec![(current_anchor_x, current_y, current_label, TEXT, current_anchor)];
    if let Some(end) = lines.get(&(current.year - 1)).and_then(|points| points.last()) {
        let (x, y) = chart.backend_coord(&(f64::from(end.week_of_year), end.cumulative.0 as f64));
        let label = (current.year - 1).to_string();
        let overlaps_horizontally = x + 6 < current_left + current_width && current_left < x + 6 + width_of(&label);
        let mut y = y;
        if (y - current_y).abs() < gap && overlaps_horizontally {
            y = if y >= current_y {
                current_y + gap
            } else {
                current_y - gap
            };
        }
        labels.push((x + 6, y, label, MUTED_TEXT, HPos::Left));
    }
    for (x, y, text, color, horizontal) in labels {
        let y = y.clamp(top + layout.font_px as i32, bottom - layout.font_px as i32);
        let anchor = Pos::new(horizontal, VPos::Center);
        root.draw(&Text::new(text, (x, y), text_style(layout.font_px, color).pos(anchor)))
            .map_err(drawing_error)?;
    }

    Ok(())
}
