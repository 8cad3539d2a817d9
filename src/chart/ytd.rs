//! Cumulative year-to-date net purchases: one line per year against the
//! day of the year, the current year emphasised, last year the reference,
//! earlier years in grey with a key, and the years that ended highest and
//! lowest labelled at their ends.
//!
//! Every line starts from zero on 1 January; week n's total is drawn at the
//! end of the year's n-th week, so month ticks sit at month starts. End
//! labels are placed against the lines' pixel paths, not only each other.

use super::axis::{MonthTick, month_labels, value_axis};
use super::callout::{
    Callout, EventMark, Spot, draw_key, group_by, key_height, key_lines, leader_to, place_callout, place_events,
};
use super::canvas::{Align, Canvas, Ink, Scale, block_size};
use super::measure::{line_height, text_width};
use super::place::{MarkGrid, Placer, Rect, beside};
use super::style::{CURRENT_YEAR, EARLIER_YEARS, Layout, MUTED_TEXT, PREVIOUS_YEAR, TEXT, hex};
use super::svg::{MarkKind, escape_xml};
use super::{ChartSvg, render_empty, render_variants, text};
use crate::error::Error;
use crate::model::{Amount, FlowSeries, Unit, Week};
use crate::money::AxisScale;
use crate::series::{WeekFacts, YearToDate, year_lines};
use crate::validate::Annotation;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// Draws every year's cumulative line up to and including the week at
/// `through`.
pub fn render_ytd_lines(
    publisher: &str,
    series: &FlowSeries,
    facts: &[WeekFacts],
    through: usize,
    annotations: &[Annotation],
    words: &'static dyn super::text::ChartWords,
) -> Result<ChartSvg, Error> {
    let lines = year_lines(facts, through);
    let latest = facts
        .get(through)
        .ok_or_else(|| super::drawing_error("year-to-date chart past the end of its facts"))?;
    let meta = &series.meta;
    let unit = meta.unit;
    let title = words.ytd_title(meta);
    // One week of one year is a single point: there is no line to draw.
    let (Some(current), true) = (latest.ytd, lines.values().any(|line| line.len() > 1)) else {
        let message = words.ytd_nothing_to_show(meta, latest.week, latest.net, latest.ytd);
        return Ok(render_empty(title, message, publisher, words));
    };
    let years = Years::of(&lines, current.year);
    let largest = lines
        .values()
        .flatten()
        .map(|p| Amount(p.total.0.abs()))
        .max()
        .unwrap_or(Amount(0));
    let scale = AxisScale::for_largest(unit, largest);
    let subtitle = words.ytd_subtitle(meta, scale, current.year, years.previous, latest.week);
    let news = text::YtdNews {
        first_year: lines.keys().next().copied().unwrap_or(current.year),
        current,
        through: latest.week,
        same_point_last_year: latest.ytd_last_year,
        last_year_end: years.previous.and_then(|year| lines.get(&year)?.last().copied()),
        extremes: years.extremes(&lines),
    };
    let description = words.ytd_description(meta, &news, annotations);
    // Tooltips follow the order the lines are drawn in.
    let tooltips: Vec<String> = years
        .drawing_order()
        .filter_map(|year| {
            let last = *lines.get(&year)?.last()?;
            let to = (year == current.year).then_some(latest.week);
            Some(escape_xml(&words.year_line_tooltip(unit, last, to)))
        })
        .collect();
    let marks: Vec<String> = [CURRENT_YEAR, PREVIOUS_YEAR, EARLIER_YEARS]
        .iter()
        .map(|c| format!("stroke=\"{}\"", hex(*c)))
        .collect();
    let chart = YtdChart {
        unit,
        publisher,
        lines: &lines,
        years: &years,
        scale,
        annotations,
        words,
    };
    render_variants(
        |layout| draw(&chart, layout),
        title,
        subtitle,
        description,
        words.source_line(publisher),
        &MarkKind {
            element: "polyline",
            attributes: &marks,
        },
        &tooltips,
    )
}

/// Which years the chart shows, and how.
struct Years {
    current: i32,
    previous: Option<i32>,
    /// Earlier years, drawn in grey, oldest first.
    earlier: Vec<i32>,
}

impl Years {
    fn of(lines: &BTreeMap<i32, Vec<YearToDate>>, current: i32) -> Years {
        let previous = Some(current - 1).filter(|year| lines.contains_key(year));
        let earlier = lines
            .keys()
            .copied()
            .filter(|year| *year != current && Some(*year) != previous)
            .collect();
        Years {
            current,
            previous,
            earlier,
        }
    }

    /// Grey years first, so that the emphasised lines are drawn on top.
    fn drawing_order(&self) -> impl Iterator<Item = i32> + '_ {
        self.earlier.iter().copied().chain(self.previous).chain([self.current])
    }

    /// The earlier years whose totals ended highest and lowest, if there
    /// are two of them.
    fn extremes(&self, lines: &BTreeMap<i32, Vec<YearToDate>>) -> Option<(YearToDate, YearToDate)> {
        let ends: Vec<YearToDate> = self
            .earlier
            .iter()
            .filter_map(|year| lines.get(year)?.last().copied())
            .collect();
        if ends.len() < 2 {
            return None;
        }
        // Ties go to the later year, which a reader remembers better.
        let top = ends.iter().max_by_key(|t| (t.total, t.year)).copied()?;
        let bottom = ends
            .iter()
            .min_by_key(|t| (t.total, std::cmp::Reverse(t.year)))
            .copied()?;
        Some((top, bottom))
    }
}

struct YtdChart<'a> {
    unit: Unit,
    publisher: &'a str,
    lines: &'a BTreeMap<i32, Vec<YearToDate>>,
    years: &'a Years,
    scale: AxisScale,
    annotations: &'a [Annotation],
    words: &'static dyn super::text::ChartWords,
}

/// Where week `weeks` of a year ends, in days from 1 January.
fn day_of_week_end(weeks: u32) -> f64 {
    f64::from(weeks) * 7.0 - 1.5
}

/// Days from 1 January to the first of each month (a common year).
const MONTH_STARTS: [u32; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

fn draw(chart: &YtdChart<'_>, layout: Layout) -> Result<String, Error> {
    let px = layout.font_px;
    let lines = chart.lines;
    let all = lines.values().flatten();
    let low = all.clone().map(|p| p.total).min().unwrap_or(Amount(0));
    let high = all.clone().map(|p| p.total).max().unwrap_or(Amount(0));
    let last_day = all.map(|p| day_of_week_end(p.weeks)).fold(365.0, f64::max);
    let axis = value_axis(chart.unit, low, high, layout.max_ticks);
    let unit_tick = axis.ticks.iter().rev().find(|t| t.0 != 0).copied();
    let gutter = axis
        .ticks
        .iter()
        .map(|t| text_width(&chart.words.y_tick(chart.scale, *t, Some(*t) == unit_tick), px))
        .fold(0.0, f64::max)
        .ceil()
        + 8.0;
    // End labels need their widest value beside the plot.
    let end_width = lines
        .values()
        .filter_map(|line| line.last())
        .flat_map(|end| chart.words.year_end_label(chart.unit, *end))
        .map(|label| text_width(&label, px))
        .fold(0.0, f64::max);
    let right_margin = (end_width + 10.0).ceil().max(f64::from(layout.right_margin));

    let key_text = match (chart.years.earlier.first(), chart.years.earlier.last()) {
        (Some(first), Some(last)) => Some(chart.words.grey_lines_key(*first, *last)),
        _ => None,
    };
    let key_row = if key_text.is_some() { line_height(px) + 8.0 } else { 0.0 };
    let top = key_row + f64::from(px) + 8.0;
    let plot_bottom = top + f64::from(layout.plot_height);
    let plot_left = gutter;
    let plot_right = f64::from(layout.width) - right_margin;
    let x = Scale {
        from_value: 0.0,
        to_value: last_day,
        from_px: plot_left,
        to_px: plot_right,
    };
    let y = Scale {
        from_value: axis.low,
        to_value: axis.high,
        from_px: plot_bottom,
        to_px: top,
    };
    let zero_y = y.px(0.0).round();
    let path = |line: &[YearToDate]| -> Vec<(f64, f64)> {
        std::iter::once((plot_left, zero_y))
            .chain(
                line.iter()
                    .map(|p| (x.px(day_of_week_end(p.weeks)).round(), y.px(p.total.0 as f64).round())),
            )
            .collect()
    };
    let paths: BTreeMap<i32, Vec<(f64, f64)>> = lines.iter().map(|(year, line)| (*year, path(line))).collect();

    let mut marks = MarkGrid::new(layout.width, (plot_bottom + 40.0) as u32);
    marks.stroke(&[(plot_left, zero_y), (plot_right, zero_y)], 2.0, true);
    for (year, points) in &paths {
        let (width, hard) = if *year == chart.years.current {
            (5.0, true)
        } else if Some(*year) == chart.years.previous {
            (4.0, true)
        } else {
            (2.0, false)
        };
        marks.stroke(points, width, hard);
    }
    let bounds = Rect {
        left: 0.0,
        top: key_row,
        right: f64::from(layout.width),
        bottom: plot_bottom,
    };
    let mut placer = Placer::new(bounds, marks).with_leaders_crossing_marks();
    for tick in &axis.ticks {
        let label = chart.words.y_tick(chart.scale, *tick, Some(*tick) == unit_tick);
        let line_y = y.px(tick.0 as f64).round();
        placer.reserve(Rect::at(
            0.0,
            line_y - 3.0 - f64::from(px),
            text_width(&label, px),
            f64::from(px),
        ));
    }
    let (ink, key_entries) = place_labels(&mut placer, px, chart, &paths, x, y, f64::from(layout.width));
    let key = key_lines(&key_entries, f64::from(layout.width), px);
    let axis_bottom = plot_bottom + 4.0 + f64::from(px) + 8.0;
    let key_top = axis_bottom + 4.0;
    let source_top = key_top + key_height(&key, px) + 4.0;
    let height = (source_top + f64::from(px) + 6.0).ceil() as u32;

    let mut drawing = String::new();
    {
        let canvas = Canvas::new(&mut drawing, layout.width, height, px);
        if let Some(key_text) = &key_text {
            // Ascenders (the `l` of "line") and Japanese glyphs, whose ink
            // reaches nearly the top of the em, rise above the top a label
            // is anchored at, so the key sits a little below the viewBox's edge.
            let key_y = 4.0;
            let middle = (key_y + f64::from(px) / 2.0 + 1.0).round();
            canvas.fill(Rect::at(0.0, middle - 1.0, 18.0, 2.0), EARLIER_YEARS)?;
            canvas.text(key_text, 24.0, key_y, MUTED_TEXT, Align::Left, false)?;
        }
        canvas.value_grid(&axis.ticks, chart.scale, y, plot_right, chart.words)?;
        canvas.zero_line(plot_left, plot_right, zero_y)?;
        for year in chart.years.drawing_order() {
            let Some(points) = paths.get(&year) else { continue };
            let (color, width) = if year == chart.years.current {
                (CURRENT_YEAR, 3)
            } else if Some(year) == chart.years.previous {
                (PREVIOUS_YEAR, 2)
            } else {
                (EARLIER_YEARS, 1)
            };
            canvas.line(points, color, width)?;
        }
        if let Some(end) = paths.get(&chart.years.current).and_then(|p| p.last()) {
            canvas.dot(*end, 4, CURRENT_YEAR)?;
        }
        let step = if layout.width < 500 { 3 } else { 1 };
        let placed: Vec<(f64, MonthTick)> = MONTH_STARTS
            .iter()
            .enumerate()
            .filter_map(|(index, day)| {
                let month = NaiveDate::from_ymd_opt(2001, index as u32 + 1, 1)?;
                Some((
                    x.px(f64::from(*day)),
                    MonthTick {
                        month,
                        labelled: index % step == 0,
                    },
                ))
            })
            .collect();
        // Months of no year in particular: no year on any label.
        let labels = month_labels(&placed, plot_bottom, false, px, f64::from(layout.width), chart.words);
        let ticks: Vec<(f64, Option<String>)> = placed.iter().map(|(x, _)| *x).zip(labels).collect();
        canvas.month_axis(&ticks, plot_bottom, plot_left, plot_right)?;
        for item in &ink {
            canvas.ink(item)?;
        }
        draw_key(&canvas, &key, key_top)?;
        canvas.source(&chart.words.source_line(chart.publisher), source_top)?;
        canvas.finish()?;
    }
    Ok(drawing)
}

/// Places the end labels (current year, last year, then the earlier years
/// that ended highest and lowest) and the annotations on the current and
/// last year's lines; returns what to draw and the numbered key entries.
fn place_labels(
    placer: &mut Placer,
    px: u32,
    chart: &YtdChart<'_>,
    paths: &BTreeMap<i32, Vec<(f64, f64)>>,
    x: Scale,
    y: Scale,
    chart_width: f64,
) -> (Vec<Ink>, Vec<(usize, String)>) {
    let mut ink = Vec::new();
    let end_label = |year: i32, color, spot: Spot, soft_cost: Option<f64>| -> Option<Callout> {
        let end = *chart.lines.get(&year)?.last()?;
        let anchor = *paths.get(&year)?.last()?;
        let [name, value] = chart.words.year_end_label(chart.unit, end);
        Some(Callout {
            anchor,
            variants: vec![vec![name.clone(), value.clone()], vec![format!("{name} {value}")]],
            spot,
            color,
            bold_first: true,
            soft_cost,
            pinned: false,
            own: Some(around_point(anchor)),
        })
    };
    let current = end_label(
        chart.years.current,
        CURRENT_YEAR,
        // Ahead of the line, or above or below its end; never back over
        // the line's own past, nor over any other line.
        Spot::Around(vec![(1.0, 0.0), (1.0, -1.0), (1.0, 1.0), (0.0, -1.0), (0.0, 1.0)]),
        None,
    );
    let mut ends: Vec<Callout> = current.into_iter().collect();
    let extremes = chart.years.extremes(chart.lines);
    let others = chart.years.previous.into_iter().map(|year| (year, TEXT)).chain(
        extremes
            .into_iter()
            .flat_map(|(top, bottom)| [(top.year, MUTED_TEXT), (bottom.year, MUTED_TEXT)]),
    );
    for (year, color) in others {
        ends.extend(end_label(year, color, Spot::Beside, None));
    }
    for (index, callout) in ends.iter().enumerate() {
        match place_callout(placer, px, callout) {
            Some(placed) => ink.extend(placed),
            // The current year's label must be drawn: where nothing near
            // its dot is clear of the lines, it goes beside the plot, where
            // the other years' ends are named, with a leader; only where
            // even that is full is it forced beside its dot.
            None if index == 0 => ink.extend(
                in_margin(placer, px, callout, x.to_px).unwrap_or_else(|| forced(placer, px, callout, chart_width)),
            ),
            None => {}
        }
    }
    // Events in the same week share one mark.
    let placed: Vec<((i32, u32), &Annotation)> = chart
        .annotations
        .iter()
        .map(|a| {
            let week = Week::containing(a.date);
            ((week.ytd_year(), week.week_of_year()), a)
        })
        .collect();
    let marks: Vec<EventMark<'_>> = group_by(placed)
        .into_iter()
        .filter_map(|((year, _), events)| {
            let anchor = point_on(chart.lines.get(&year), events.first()?.date, x, y)?;
            Some(EventMark {
                anchor,
                own: Some(around_point(anchor)),
                preferred: vec![(0.0, -1.0), (0.0, 1.0)],
                events,
            })
        })
        .collect();
    let (events_ink, key) = place_events(placer, px, &marks, chart.words);
    ink.extend(events_ink);
    (ink, key)
}

/// The few pixels around a point on a line: a leader leaving the point
/// crosses its own line there.
fn around_point(point: (f64, f64)) -> Rect {
    Rect {
        left: point.0 - 6.0,
        top: point.1 - 6.0,
        right: point.0 + 6.0,
        bottom: point.1 + 6.0,
    }
}

/// The current year's label right of the plot (which ends at `plot_right`),
/// joined to its dot by a leader.
fn in_margin(placer: &mut Placer, px: u32, callout: &Callout, plot_right: f64) -> Option<Vec<Ink>> {
    let beside_plot = (plot_right, callout.anchor.1);
    for lines in &callout.variants {
        let (width, height) = block_size(lines, px);
        let candidates = beside(beside_plot, width, height, 6.0, 200.0);
        if let Some((_, rect)) = placer.cheapest(
            candidates,
            Some(callout.anchor),
            callout.own.as_ref(),
            None,
            f64::INFINITY,
        ) {
            placer.take(rect);
            let mut ink = vec![Ink::Text {
                lines: lines.clone(),
                rect,
                color: callout.color,
                align: Align::Left,
                bold_first: callout.bold_first,
            }];
            ink.extend(leader_to(placer, callout.anchor, rect));
            return Some(ink);
        }
    }
    None
}

/// The current year's label beside its dot, when no place is free.
fn forced(placer: &mut Placer, px: u32, callout: &Callout, chart_width: f64) -> Vec<Ink> {
    let lines = callout.variants[0].clone();
    let (width, height) = block_size(&lines, px);
    // Beside the dot, on whichever side the chart has room for it.
    let left = if callout.anchor.0 + 6.0 + width <= chart_width {
        callout.anchor.0 + 6.0
    } else {
        callout.anchor.0 - 6.0 - width
    };
    let rect = Rect::at(left.round(), (callout.anchor.1 - height / 2.0).round(), width, height);
    placer.reserve(rect);
    vec![Ink::Text {
        lines,
        rect,
        color: callout.color,
        align: Align::Left,
        bold_first: callout.bold_first,
    }]
}

/// Where the line of a year passes the week containing `date`.
fn point_on(line: Option<&Vec<YearToDate>>, date: NaiveDate, x: Scale, y: Scale) -> Option<(f64, f64)> {
    let weeks = Week::containing(date).week_of_year();
    let point = line?.iter().find(|p| p.weeks == weeks)?;
    Some((
        x.px(day_of_week_end(point.weeks)).round(),
        y.px(point.total.0 as f64).round(),
    ))
}
