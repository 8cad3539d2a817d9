//! Diverging columns around a zero line, on a time axis, with the news
//! marked: the latest column in a darker shade with its value, records and
//! the week a "largest since" compares with labelled, the current run of
//! buying or selling bracketed, and the author's annotations. Weekly and
//! monthly charts are both drawn here.

use super::axis::{MonthTick, month_labels, month_ticks, value_axis};
use super::callout::{
    Callout, EventMark, Spot, draw_key, group_by, key_height, key_lines, place_callout, place_events, variants,
};
use super::canvas::{Align, Canvas, Ink, Scale, block_size};
use super::measure::text_width;
use super::place::{AVOID_SOFT, MarkGrid, Placer, Rect};
use super::style::{BUY, LATEST_BUY, LATEST_SELL, LEADER, Layout, SELL, TEXT};
use crate::error::Error;
use crate::model::{Amount, Unit};
use crate::money::AxisScale;
use crate::series::Side;
use crate::validate::Annotation;
use chrono::NaiveDate;

/// The widest a column is drawn, in pixels.
const MAX_COLUMN_WIDTH: f64 = 28.0;

/// One column: the period it covers and its net.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// The period's first day.
    pub start: NaiveDate,
    /// The period's last day.
    pub end: NaiveDate,
    /// Net purchases.
    pub net: Amount,
}

/// A run of columns on the same side, to bracket.
#[derive(Debug, Clone)]
pub struct Run {
    /// Index of its first column shown.
    pub first: usize,
    /// Index of its last column (the latest).
    pub last: usize,
    /// Whether it began before the first column shown.
    pub open: bool,
    /// Buying or selling.
    pub side: Side,
    /// Its label: `8 weeks of buying`.
    pub label: String,
}

/// What the columns mark besides the data.
#[derive(Debug, Clone, Default)]
pub struct ColumnNews {
    /// The latest column's label (its value, or "Record sale, ...").
    pub latest: String,
    /// Other labelled columns, most important first: (index, label).
    pub labelled: Vec<(usize, String)>,
    /// The current run, if long enough to mark.
    pub run: Option<Run>,
    /// Author annotations: (index of the column, annotation), by date.
    pub annotations: Vec<(usize, Annotation)>,
}

/// Everything a column chart draws, in both layouts.
pub struct ColumnChart<'a> {
    /// The series' unit.
    pub unit: Unit,
    /// The attribution.
    pub publisher: &'a str,
    /// The columns, oldest first (never empty).
    pub columns: &'a [Column],
    /// The scale the axis is labelled in (the subtitle states it).
    pub scale: AxisScale,
    /// What to mark.
    pub news: &'a ColumnNews,
    /// Label every n-th month in a layout.
    pub month_step: fn(Layout) -> u32,
    /// The words it is drawn with.
    pub words: &'static dyn super::text::ChartWords,
}

/// Colour attributes that identify the columns, for their tooltips.
pub fn column_marks() -> Vec<String> {
    [BUY, SELL, LATEST_BUY, LATEST_SELL]
        .iter()
        .map(|c| format!("fill=\"{}\"", super::style::hex(*c)))
        .collect()
}

/// The scale both layouts label their axis in, from the largest value.
pub fn scale_for(unit: Unit, columns: &[Column]) -> AxisScale {
    let largest = columns.iter().map(|c| Amount(c.net.0.abs())).max().unwrap_or(Amount(0));
    AxisScale::for_largest(unit, largest)
}

/// Draws the chart in one layout.
pub fn draw_columns(chart: &ColumnChart<'_>, layout: Layout) -> Result<String, Error> {
    let px = layout.font_px;
    let columns = chart.columns;
    let (Some(first), Some(last)) = (columns.first(), columns.last()) else {
        return Err(super::drawing_error("a column chart without columns"));
    };
    let low = columns.iter().map(|c| c.net).min().unwrap_or(Amount(0));
    let high = columns.iter().map(|c| c.net).max().unwrap_or(Amount(0));
    let axis = value_axis(chart.unit, low, high, layout.max_ticks);
    // Each gridline's label as drawn: the top non-zero one names the unit.
    let unit_tick = axis.ticks.iter().rev().find(|t| t.0 != 0).copied();
    let labels: Vec<String> = axis
        .ticks
        .iter()
        .map(|t| chart.words.y_tick(chart.scale, *t, Some(*t) == unit_tick))
        .collect();
    let gutter = labels.iter().map(|l| text_width(l, px)).fold(0.0, f64::max).ceil() + 8.0;

    let top = f64::from(px) + 8.0;
    let plot_bottom = top + f64::from(layout.plot_height);
    let plot_left = gutter;
    // The latest value goes right of its column: room for it in two lines.
    let latest_width = variants(&chart.news.latest)
        .last()
        .map(|lines| block_size(lines, px).0)
        .unwrap_or(0.0);
    let right_margin = (latest_width + 8.0).max(f64::from(layout.right_margin)).ceil();
    let plot_right = f64::from(layout.width) - right_margin;
    let x = Scale {
        from_value: 0.0,
        to_value: days(first.start, last.end) + 1.0,
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
    // Column edges in whole pixels, so that gaps are even.
    let boxes: Vec<Rect> = columns
        .iter()
        .map(|c| {
            let left = x.px(days(first.start, c.start));
            let right = x.px(days(first.start, c.end) + 1.0);
            // A gap of an eighth between columns; a few columns on a wide
            // plot stay column-shaped rather than filling it.
            let inset = ((right - left) * 0.12)
                .max(0.5)
                .max((right - left - MAX_COLUMN_WIDTH) / 2.0);
            let value_y = y.px(c.net.0 as f64).round();
            Rect {
                left: (left + inset).round(),
                right: (right - inset).round().max((left + inset).round() + 1.0),
                top: value_y.min(zero_y),
                bottom: value_y.max(zero_y),
            }
        })
        .collect();

    // The key of annotations that did not fit is known only after placing
    // them, and the SVG's height depends on it: place first, draw after.
    let mut marks = MarkGrid::new(layout.width, (plot_bottom + 40.0) as u32);
    for rect in &boxes {
        marks.fill(inflate(*rect, 1.0), true);
    }
    marks.stroke(&[(plot_left, zero_y), (plot_right, zero_y)], 2.0, true);
    let bounds = Rect {
        left: 0.0,
        top: 0.0,
        right: f64::from(layout.width),
        bottom: plot_bottom,
    };
    let mut placer = Placer::new(bounds, marks);
    let tick_boxes: Vec<Rect> = axis
        .ticks
        .iter()
        .zip(&labels)
        .map(|(tick, label)| {
            let line_y = y.px(tick.0 as f64).round();
            Rect::at(0.0, line_y - 3.0 - f64::from(px), text_width(label, px), f64::from(px))
        })
        .collect();
    for rect in &tick_boxes {
        placer.reserve(*rect);
    }

    let (ink, key_entries) = place_news(&mut placer, px, chart, &boxes, zero_y);
    let key = key_lines(&key_entries, f64::from(layout.width), px);
    let axis_bottom = plot_bottom + 4.0 + f64::from(px) + 8.0;
    let key_top = axis_bottom + 4.0;
    let source_top = key_top + key_height(&key, px) + 4.0;
    let height = (source_top + f64::from(px) + 6.0).ceil() as u32;

    let mut drawing = String::new();
    {
        let canvas = Canvas::new(&mut drawing, layout.width, height, px);
        canvas.value_grid(&axis.ticks, chart.scale, y, plot_right, chart.words)?;
        for (index, (column, rect)) in columns.iter().zip(&boxes).enumerate() {
            let latest = index + 1 == columns.len();
            let color = match (column.net.0 >= 0, latest) {
                (true, false) => BUY,
                (false, false) => SELL,
                (true, true) => LATEST_BUY,
                (false, true) => LATEST_SELL,
            };
            canvas.fill(*rect, color)?;
        }
        canvas.zero_line(plot_left, plot_right, zero_y)?;
        let step = (chart.month_step)(layout);
        let placed: Vec<(f64, MonthTick)> = month_ticks(first.start, last.end, step)
            .into_iter()
            .map(|tick| (x.px(days(first.start, tick.month)), tick))
            .collect();
        let labels = month_labels(&placed, plot_bottom, true, px, f64::from(layout.width), chart.words);
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

/// Places the latest label, the run's bracket, the labelled columns and
/// the annotations, in that order of importance; returns what to draw and
/// the key entries of annotations that became numbers.
fn place_news(
    placer: &mut Placer,
    px: u32,
    chart: &ColumnChart<'_>,
    boxes: &[Rect],
    zero_y: f64,
) -> (Vec<Ink>, Vec<(usize, String)>) {
    let news = chart.news;
    let mut ink = Vec::new();
    let tip = |index: usize| -> ((f64, f64), bool) {
        let rect = boxes[index];
        let buying = chart.columns[index].net.0 >= 0;
        let centre = ((rect.left + rect.right) / 2.0).round();
        if chart.columns[index].net.0 == 0 {
            ((centre, zero_y), true)
        } else if buying {
            ((centre, rect.top), true)
        } else {
            ((centre, rect.bottom), false)
        }
    };
    let latest = boxes.len() - 1;
    let (tip_point, buying) = tip(latest);
    // The latest value sits right of its column, level with its end.
    let anchor = (boxes[latest].right, tip_point.1);
    let latest_callout = Callout {
        anchor,
        variants: variants(&news.latest),
        spot: Spot::Around(if buying {
            vec![(1.0, 0.0), (1.0, -1.0), (0.0, -1.0)]
        } else {
            vec![(1.0, 0.0), (1.0, 1.0), (0.0, 1.0)]
        }),
        color: TEXT,
        bold_first: false,
        soft_cost: AVOID_SOFT,
        pinned: false,
        own: Some(boxes[latest]),
    };
    match place_callout(placer, px, &latest_callout) {
        Some(placed) => ink.extend(placed),
        None => {
            // The latest value is the news: it is drawn even if it must
            // touch something, right of the column.
            let lines = variants(&news.latest).pop().unwrap_or_default();
            let (width, height) = block_size(&lines, px);
            let top = (anchor.1 - height / 2.0)
                .round()
                .clamp(0.0, (zero_y.max(anchor.1) - height).max(0.0));
            let rect = Rect::at(anchor.0 + 3.0, top, width, height);
            placer.reserve(rect);
            ink.push(Ink::Text {
                lines,
                rect,
                color: TEXT,
                align: Align::Left,
                bold_first: false,
            });
        }
    }
    if let Some(run) = &news.run {
        ink.extend(place_bracket(placer, px, run, boxes).unwrap_or_default());
    }
    for (index, label) in &news.labelled {
        let (anchor, buying) = tip(*index);
        let callout = Callout {
            anchor,
            variants: variants(label),
            spot: Spot::Around(vertical(buying)),
            color: TEXT,
            bold_first: false,
            soft_cost: AVOID_SOFT,
            pinned: false,
            own: Some(boxes[*index]),
        };
        ink.extend(place_callout(placer, px, &callout).unwrap_or_default());
    }
    // Events in the same week share one mark.
    let marks: Vec<EventMark<'_>> = group_by(news.annotations.iter().map(|(index, a)| (*index, a)))
        .into_iter()
        .map(|(index, events)| {
            let (anchor, buying) = tip(index);
            EventMark {
                anchor,
                own: Some(boxes[index]),
                preferred: vertical(buying),
                events,
            }
        })
        .collect();
    let (events_ink, key) = place_events(placer, px, &marks, chart.words);
    ink.extend(events_ink);
    (ink, key)
}

fn vertical(buying: bool) -> Vec<(f64, f64)> {
    if buying {
        vec![(0.0, -1.0), (1.0, -1.0), (-1.0, -1.0)]
    } else {
        vec![(0.0, 1.0), (1.0, 1.0), (-1.0, 1.0)]
    }
}

/// The bracket over (buying) or under (selling) the run's columns, with
/// its label, as close to the columns as it fits; where the far side has
/// no room (a record column reaching the top), it goes on the zero side.
fn place_bracket(placer: &mut Placer, px: u32, run: &Run, boxes: &[Rect]) -> Option<Vec<Ink>> {
    let span = boxes.get(run.first..=run.last)?;
    let (left, right) = (span.first()?.left, span.last()?.right);
    let buying = run.side != Side::Selling;
    let lines = vec![run.label.clone()];
    let (width, height) = block_size(&lines, px);
    let centre = (left + right) / 2.0;
    for above in [buying, !buying] {
        let edge = if above {
            span.iter().map(|r| r.top).fold(f64::INFINITY, f64::min)
        } else {
            span.iter().map(|r| r.bottom).fold(f64::NEG_INFINITY, f64::max)
        };
        let tick = if above { 4.0 } else { -4.0 };
        for step in 0..40 {
            let offset = 5.0 + f64::from(step) * 4.0;
            // The bracket line, and the label beyond it.
            let line_y = (if above { edge - offset } else { edge + offset }).round();
            let label_top = if above { line_y - 3.0 - height } else { line_y + 3.0 };
            let bracket = Rect {
                left,
                right,
                top: line_y.min(line_y + tick),
                bottom: line_y.max(line_y + tick),
            };
            for label_left in [centre - width / 2.0, right - width, left] {
                let label = Rect::at(label_left.round(), label_top.round(), width, height);
                if !placer.fits(&label) || !placer.fits(&bracket) {
                    continue;
                }
                let mut points = Vec::with_capacity(4);
                if !run.open {
                    points.push((left, line_y + tick));
                }
                points.extend([(left, line_y), (right, line_y), (right, line_y + tick)]);
                placer.reserve(label);
                placer.reserve(bracket);
                return Some(vec![
                    Ink::Line { points, color: LEADER },
                    Ink::Text {
                        lines,
                        rect: label,
                        color: TEXT,
                        align: Align::Left,
                        bold_first: false,
                    },
                ]);
            }
        }
    }
    None
}

fn inflate(rect: Rect, by: f64) -> Rect {
    Rect {
        left: rect.left - by,
        top: rect.top - by,
        right: rect.right + by,
        bottom: rect.bottom + by,
    }
}

/// Days from `from` to `to`, as a position on the time axis.
fn days(from: NaiveDate, to: NaiveDate) -> f64 {
    (to - from).num_days() as f64
}
