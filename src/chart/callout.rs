//! Callouts: a label placed near the mark it is about, joined to it by a
//! leader line when it had to move away, or a numbered marker whose text
//! goes into the key under the chart when no place fits. Placing returns
//! what to draw; nothing is drawn here.

use super::canvas::{Align, Canvas, Ink, block_size};
use super::measure::{line_height, text_width};
use super::place::{NEAR_OVER_SOFT, Placer, Rect, around, beside};
use super::style::{LEADER, TEXT};
use crate::error::Error;
use plotters::style::RGBColor;

/// Distances from the mark tried for a label, nearest first.
const DISTANCES: [f64; 11] = [3.0, 6.0, 10.0, 15.0, 22.0, 30.0, 40.0, 54.0, 72.0, 96.0, 128.0];

/// A label about one point of the chart.
#[derive(Debug, Clone)]
pub struct Callout {
    /// The point it is about.
    pub anchor: (f64, f64),
    /// Ways to write it (one line, two lines), preferred first.
    pub variants: Vec<Vec<String>>,
    /// Where it may go.
    pub spot: Spot,
    /// Its colour.
    pub color: RGBColor,
    /// Whether its first line is bold (a year's name).
    pub bold_first: bool,
    /// What covering a cell of a soft mark costs it, if it may at all.
    pub soft_cost: Option<f64>,
    /// Whether it marks its point with a dot and always joins it with a
    /// leader, as an event does.
    pub pinned: bool,
    /// The mark it labels (a column), which its leader may cross.
    pub own: Option<Rect>,
}

/// Where a callout may go.
#[derive(Debug, Clone)]
pub enum Spot {
    /// Anywhere around its anchor, preferring these directions (unit
    /// steps: `(0.0, -1.0)` is above).
    Around(Vec<(f64, f64)>),
    /// Right of its anchor, slid up or down: the end of a line.
    Beside,
}

/// What writing a label in its next way (two lines) costs, in pixels of
/// distance from its mark.
const VARIANT_COST: f64 = 20.0;

/// How far an end label may slide from the level of its line's end.
const END_LABEL_REACH: f64 = 90.0;

/// Places `callout` at `px`; returns what to draw, or `None` if it fits
/// nowhere.
pub fn place_callout(placer: &mut Placer, px: u32, callout: &Callout) -> Option<Vec<Ink>> {
    // A label in two lines reads less easily than one further away: each
    // further way of writing it costs more, and is tried only if it could
    // still win.
    let mut best: Option<(f64, Rect, usize)> = None;
    for (variant, lines) in callout.variants.iter().enumerate() {
        let extra = variant as f64 * VARIANT_COST;
        if best.is_some_and(|(cost, _, _)| cost <= extra + DISTANCES[0]) {
            break;
        }
        let (width, height) = block_size(lines, px);
        let spots = match &callout.spot {
            Spot::Around(preferred) => around(callout.anchor, width, height, &DISTANCES, preferred),
            Spot::Beside => beside(callout.anchor, width, height, 6.0, END_LABEL_REACH),
        };
        let spots = spots.into_iter().map(|mut candidate| {
            candidate.cost += extra;
            candidate
        });
        let below = best.map_or(f64::INFINITY, |(cost, _, _)| cost);
        if let Some((cost, rect)) = placer.cheapest(
            spots,
            Some(callout.anchor),
            callout.own.as_ref(),
            callout.soft_cost,
            below,
        ) {
            best = Some((cost, rect, variant));
        }
    }
    let (_, rect, variant) = best?;
    placer.take(rect);
    let mut ink = vec![Ink::Text {
        lines: callout.variants[variant].clone(),
        rect,
        color: callout.color,
        align: align_towards(rect, callout.anchor),
        bold_first: callout.bold_first,
    }];
    if callout.pinned {
        ink.push(Ink::Dot { centre: callout.anchor });
        ink.extend(leader_at_least(placer, callout.anchor, rect, 0.0));
    } else {
        ink.extend(leader(placer, callout.anchor, rect));
    }
    Some(ink)
}

/// A numbered marker (a ringed figure) near `anchor`, for a label kept in
/// the key under the chart; it is placed even where nothing fits, so that
/// every key entry has its marker.
pub fn place_number(placer: &mut Placer, px: u32, anchor: (f64, f64), own: Option<&Rect>, number: usize) -> Vec<Ink> {
    let size = (text_width(&number.to_string(), px) + 6.0)
        .max(f64::from(px) + 4.0)
        .ceil();
    let preferred = [(0.0, -1.0), (1.0, -1.0), (-1.0, -1.0)];
    let near = around(anchor, size, size, &DISTANCES, &preferred);
    // A marker is small: it may go further than a label would.
    let far = around(anchor, size, size, &[160.0, 200.0, 250.0], &preferred);
    let candidates = near.into_iter().chain(far);
    let rect = placer
        .place(candidates, Some(anchor), own, NEAR_OVER_SOFT)
        .unwrap_or_else(|| {
            let rect = Rect::at(anchor.0 - size / 2.0, anchor.1 - size - 4.0, size, size);
            placer.reserve(rect);
            rect
        });
    let mut ink = vec![Ink::Number { number, rect }];
    ink.extend(leader(placer, anchor, rect));
    ink
}

/// The events marked at one point of a chart (one week's events share a
/// mark).
pub struct EventMark<'a> {
    /// The point they are about.
    pub anchor: (f64, f64),
    /// The mark they are on, which a leader may cross.
    pub own: Option<Rect>,
    /// Directions their label prefers.
    pub preferred: Vec<(f64, f64)>,
    /// The events, by date.
    pub events: Vec<&'a crate::validate::Annotation>,
}

/// Groups `(key, annotation)` pairs, in order, into runs of equal keys.
pub fn group_by<K: PartialEq + Copy, T>(items: impl IntoIterator<Item = (K, T)>) -> Vec<(K, Vec<T>)> {
    let mut groups: Vec<(K, Vec<T>)> = Vec::new();
    for (key, item) in items {
        match groups.last_mut() {
            Some((last, group)) if *last == key => group.push(item),
            _ => groups.push((key, vec![item])),
        }
    }
    groups
}

/// Labels each mark's events (joined by semicolons) beside it, or, where
/// that does not fit, a number whose events go into the key; returns what
/// to draw and the key's entries.
pub fn place_events(
    placer: &mut Placer,
    px: u32,
    marks: &[EventMark<'_>],
    words: &dyn super::text::ChartWords,
) -> (Vec<Ink>, Vec<(usize, String)>) {
    let mut ink = Vec::new();
    let mut key: Vec<(usize, String)> = Vec::new();
    for mark in marks {
        let label = mark
            .events
            .iter()
            .map(|a| words.annotation_label(a))
            .collect::<Vec<_>>()
            .join("; ");
        let callout = Callout {
            anchor: mark.anchor,
            variants: variants(&label),
            spot: Spot::Around(mark.preferred.clone()),
            color: TEXT,
            bold_first: false,
            soft_cost: NEAR_OVER_SOFT,
            pinned: true,
            own: mark.own,
        };
        match place_callout(placer, px, &callout) {
            Some(placed) => ink.extend(placed),
            None => {
                let number = key.last().map_or(0, |(n, _)| *n) + 1;
                ink.extend(place_number(placer, px, mark.anchor, mark.own.as_ref(), number));
                key.extend(mark.events.iter().map(|a| (number, words.annotation_key(a))));
            }
        }
    }
    (ink, key)
}

/// A label in one line, or broken after its comma (or at its middle space).
pub fn variants(label: &str) -> Vec<Vec<String>> {
    let mut variants = vec![vec![label.to_string()]];
    if let Some((head, tail)) = label.split_once(", ") {
        variants.push(vec![format!("{head},"), tail.to_string()]);
    } else {
        let words: Vec<&str> = label.split(' ').collect();
        if words.len() > 1 {
            let middle = words.len().div_ceil(2);
            variants.push(vec![words[..middle].join(" "), words[middle..].join(" ")]);
        }
    }
    variants
}

/// A thin line from the mark to its label when they are apart.
pub fn leader_to(placer: &mut Placer, anchor: (f64, f64), rect: Rect) -> Option<Ink> {
    leader(placer, anchor, rect)
}

/// A thin line from the mark to its label when they are apart.
fn leader(placer: &mut Placer, anchor: (f64, f64), rect: Rect) -> Option<Ink> {
    leader_at_least(placer, anchor, rect, 7.0)
}

/// A leader from the mark to its label if they are `shortest` or more
/// apart (and always a visible one for an event).
fn leader_at_least(placer: &mut Placer, anchor: (f64, f64), rect: Rect, shortest: f64) -> Option<Ink> {
    let end = rect.nearest_point(anchor);
    let (dx, dy) = (end.0 - anchor.0, end.1 - anchor.1);
    let length = (dx * dx + dy * dy).sqrt();
    if length < shortest.max(3.0) {
        return None;
    }
    // Stop short of the text, so that the line points at it.
    let stop = (length - 2.0) / length;
    let to = (anchor.0 + dx * stop, anchor.1 + dy * stop);
    placer.reserve_leader(anchor, to);
    Some(Ink::Line {
        points: vec![anchor, to],
        color: LEADER,
    })
}

/// Text beside a mark is aligned towards it.
fn align_towards(rect: Rect, anchor: (f64, f64)) -> Align {
    if rect.right <= anchor.0 + 4.0 {
        Align::Right
    } else if rect.left >= anchor.0 - 4.0 {
        Align::Left
    } else {
        Align::Centre
    }
}

/// One line of the numbered key: the entry's number on its first line.
pub type KeyLine = (Option<usize>, String);

/// The numbered key under a chart, each entry wrapped to `width`; entries
/// sharing a number (events of one week) show it once.
pub fn key_lines(entries: &[(usize, String)], width: f64, px: u32) -> Vec<KeyLine> {
    let indent = key_indent(px);
    let mut lines = Vec::new();
    let mut previous = None;
    for (number, text) in entries {
        for (index, line) in super::canvas::wrap(text, width - indent, px).into_iter().enumerate() {
            let first = index == 0 && previous != Some(*number);
            lines.push((first.then_some(*number), line));
        }
        previous = Some(*number);
    }
    lines
}

fn key_indent(px: u32) -> f64 {
    (f64::from(px) + 10.0).ceil()
}

/// The height the key's lines take.
pub fn key_height(lines: &[KeyLine], px: u32) -> f64 {
    if lines.is_empty() {
        0.0
    } else {
        (line_height(px) + 4.0) * lines.len() as f64
    }
}

/// Draws the numbered key from `top`.
pub fn draw_key(canvas: &Canvas<'_>, lines: &[KeyLine], top: f64) -> Result<(), Error> {
    let px = canvas.font_px;
    let step = line_height(px) + 4.0;
    for (index, (number, line)) in lines.iter().enumerate() {
        let y = top + step * index as f64;
        if let Some(number) = number {
            let size = f64::from(px) + 4.0;
            canvas.ink(&Ink::Number {
                number: *number,
                rect: Rect::at(0.0, y - 2.0, size, size),
            })?;
        }
        canvas.text(line, key_indent(px), y, TEXT, Align::Left, false)?;
    }
    Ok(())
}
