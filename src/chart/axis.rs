//! Axes: a value axis that fits the data with round ticks, and month ticks
//! at month starts.
//!
//! Tick steps are 1, 2 or 5 times a power of ten of the unit, so every
//! label is a round number (¥2tn, never ¥2.5tn). The axis runs from just
//! below the data to just above it, snapping to a tick only when that tick
//! is close: a tick far beyond the data would leave an empty band. No I/O.

use super::measure::text_width;
use super::place::Rect;
use crate::model::{Amount, Unit};
use crate::money::AxisScale;
use chrono::{Datelike, NaiveDate};

/// A value axis: its domain, in whole units of the series, and its ticks.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueAxis {
    /// The lowest value the axis shows.
    pub low: f64,
    /// The highest value the axis shows.
    pub high: f64,
    /// Round values at which gridlines are drawn, ascending, always with 0.
    pub ticks: Vec<Amount>,
    /// The scale the labels are written in.
    pub scale: AxisScale,
}

/// Padding beyond the data, as a share of the data's span.
const PADDING: f64 = 0.04;
/// A tick this close beyond the data (as a share of the span) ends the axis.
const SNAP: f64 = 0.1;

/// The axis for values from `low` to `high` (and zero), with at most
/// `max_ticks` gridlines.
pub fn value_axis(unit: Unit, low: Amount, high: Amount, max_ticks: usize) -> ValueAxis {
    let low_value = low.0.min(0);
    let high_value = high.0.max(0);
    // An empty range (every value zero) still needs an axis.
    let (low_value, high_value) = if low_value == high_value {
        (0, 10)
    } else {
        (low_value, high_value)
    };
    // The finest round step whose axis has few enough gridlines; steps
    // far too fine are skipped before any tick is made.
    let span = (high_value - low_value) as f64;
    let (low, high, ticks) = round_steps()
        .filter(|step| span / *step as f64 <= max_ticks as f64 + 2.0)
        .map(|step| extended(low_value, high_value, step))
        .find(|(_, _, ticks)| ticks.len() <= max_ticks.max(2))
        .unwrap_or_else(|| (low_value as f64, high_value as f64, vec![Amount(0)]));
    let largest = ticks.iter().map(|t| Amount(t.0.abs())).max().unwrap_or(Amount(1));
    ValueAxis {
        low,
        high,
        ticks,
        scale: AxisScale::for_largest(unit, largest),
    }
}

/// The domain and ticks for data from `low` to `high` with ticks every
/// `step`: each end snaps to the next tick if it is close, and is padded
/// otherwise; the zero end of columns and lines is neither.
fn extended(low: i64, high: i64, step: i64) -> (f64, f64, Vec<Amount>) {
    let span = (high - low) as f64;
    let step_f = step as f64;
    let extend = |value: i64, direction: f64| -> f64 {
        if value == 0 {
            return 0.0;
        }
        let value = value as f64;
        let next_tick = (value / step_f * direction).ceil() * step_f * direction;
        if (next_tick - value).abs() <= span * SNAP {
            next_tick
        } else {
            value + direction * span * PADDING
        }
    };
    let (low, high) = (extend(low, -1.0), extend(high, 1.0));
    (low, high, ticks_within(low, high, step))
}

/// 1, 2, 5, 10, 20, 50, ... as whole units.
fn round_steps() -> impl Iterator<Item = i64> {
    (0..18u32).flat_map(|power| [1, 2, 5].map(|factor| factor * 10i64.pow(power)))
}

fn ticks_within(low: f64, high: f64, step: i64) -> Vec<Amount> {
    let first = (low / step as f64).ceil() as i64;
    let last = (high / step as f64).floor() as i64;
    (first..=last).map(|n| Amount(n * step)).collect()
}

/// A tick at a month start on a time axis.
#[derive(Debug, Clone, PartialEq)]
pub struct MonthTick {
    /// The first day of the month.
    pub month: NaiveDate,
    /// Whether it may carry a label (every `step`-th month from January).
    pub labelled: bool,
}

/// The months starting between `first` and `last` (inclusive), those
/// every `step` months counted from January labelled.
pub fn month_ticks(first: NaiveDate, last: NaiveDate, step: u32) -> Vec<MonthTick> {
    let step = step.max(1);
    let mut ticks = Vec::new();
    let mut month = NaiveDate::from_ymd_opt(first.year(), first.month(), 1);
    while let Some(start) = month.filter(|m| *m <= last) {
        if start >= first {
            ticks.push(MonthTick {
                month: start,
                labelled: (start.month() - 1) % step == 0,
            });
        }
        month = start.checked_add_months(chrono::Months::new(1));
    }
    ticks
}

/// Where a month label goes: just right of its tick, at `px`.
pub fn month_label_box(x: f64, top: f64, label: &str, px: u32) -> Rect {
    Rect::at(x.round() + 4.0, top + 5.0, text_width(label, px), f64::from(px))
}

/// The label of each tick at pixel position `x` under an axis whose top
/// is `top`: `Jun 2025` for the first label shown and for January (when
/// `with_year`), `Jul` otherwise. Labels that would collide give way, an
/// earlier one to a January, and none passes `right_limit`.
pub fn month_labels(
    ticks: &[(f64, MonthTick)],
    top: f64,
    with_year: bool,
    px: u32,
    right_limit: f64,
    words: &dyn super::text::ChartWords,
) -> Vec<Option<String>> {
    let text =
        |month: NaiveDate, first: bool| words.month_tick(month, super::text::tick_has_year(month, first, with_year));
    // Shown so far: (tick index, its box).
    let mut shown: Vec<(usize, Rect)> = Vec::new();
    for (index, (x, tick)) in ticks.iter().enumerate() {
        if !tick.labelled {
            continue;
        }
        let january = tick.month.month() == 1;
        loop {
            let label = text(tick.month, shown.is_empty());
            let rect = month_label_box(*x, top, &label, px);
            if rect.right > right_limit {
                break;
            }
            match shown.last() {
                Some((last, last_rect)) if last_rect.near(&rect, 6.0) => {
                    // A January names its year: it wins over the month before.
                    if january && ticks[*last].1.month.month() != 1 {
                        shown.pop();
                        continue;
                    }
                    break;
                }
                _ => {
                    shown.push((index, rect));
                    break;
                }
            }
        }
    }
    let mut labels = vec![None; ticks.len()];
    for (position, (index, _)) in shown.iter().enumerate() {
        labels[*index] = Some(text(ticks[*index].1.month, position == 0));
    }
    labels
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(axis: &ValueAxis) -> Vec<i64> {
        axis.ticks.iter().map(|t| t.0).collect()
    }

    #[test]
    fn ticks_are_round_and_the_axis_hugs_the_data() {
        let axis = value_axis(Unit::Oku, Amount(-44_517), Amount(39_400), 6);
        assert_eq!(values(&axis), vec![-40_000, -20_000, 0, 20_000, 40_000]);
        // -44,517 is far from -60,000: padded instead; 39,400 snaps to 40,000.
        assert!(axis.low < -44_517.0 && axis.low > -50_000.0, "{axis:?}");
        assert_eq!(axis.high, 40_000.0);
        let narrow = value_axis(Unit::Oku, Amount(-44_517), Amount(39_400), 3);
        assert_eq!(values(&narrow), vec![-50_000, 0]);
        let small = value_axis(Unit::Oku, Amount(120), Amount(870), 5);
        assert_eq!(values(&small), vec![0, 200, 400, 600, 800]);
        assert_eq!(small.low, 0.0);
    }

    #[test]
    fn every_step_is_one_two_or_five_times_a_power_of_ten() {
        for (low, high, most) in [(-15_228, 22_362, 5), (-3, 81_234, 4), (-999_999, 1, 6), (0, 25_000, 5)] {
            let axis = value_axis(Unit::Oku, Amount(low), Amount(high), most);
            assert!(axis.ticks.len() >= 2 && axis.ticks.len() <= most, "{axis:?}");
            let step = axis.ticks[1].0 - axis.ticks[0].0;
            let mut leading = step;
            while leading % 10 == 0 {
                leading /= 10;
            }
            assert!([1, 2, 5].contains(&leading), "step {step} in {axis:?}");
            assert!(axis.ticks.contains(&Amount(0)));
            let data_span = (high.max(0) - low.min(0)) as f64;
            assert!(data_span / (axis.high - axis.low) >= 0.8, "{axis:?}");
        }
    }

    #[test]
    fn all_negative_and_all_zero_ranges_still_get_an_axis() {
        let negative = value_axis(Unit::Oku, Amount(-870), Amount(-120), 5);
        assert_eq!(values(&negative), vec![-800, -600, -400, -200, 0]);
        assert_eq!(negative.high, 0.0);
        let zero = value_axis(Unit::Oku, Amount(0), Amount(0), 5);
        assert!(zero.ticks.len() >= 2 && zero.ticks.contains(&Amount(0)), "{zero:?}");
    }

    #[test]
    fn months_start_ticks_and_the_first_and_january_carry_the_year() {
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("date");
        let ticks = month_ticks(date(2025, 5, 12), date(2026, 2, 20), 3);
        assert_eq!(ticks.len(), 9);
        assert_eq!(ticks[0].month, date(2025, 6, 1));
        let labelled: Vec<bool> = ticks.iter().map(|t| t.labelled).collect();
        assert_eq!(
            labelled,
            vec![false, true, false, false, true, false, false, true, false]
        );
        // Wide apart: every labelled month shows, the first and January
        // with the year.
        let placed: Vec<(f64, MonthTick)> = ticks
            .iter()
            .enumerate()
            .map(|(i, t)| (i as f64 * 60.0, t.clone()))
            .collect();
        let labels = month_labels(&placed, 0.0, true, 12, 1_000.0, &crate::chart::text::ENGLISH);
        assert_eq!(labels[1].as_deref(), Some("Jul 2025"));
        assert_eq!(labels[4].as_deref(), Some("Oct"));
        assert_eq!(labels[7].as_deref(), Some("Jan 2026"));
        // Crowded: January wins over the month before it, and the year
        // moves to whichever label comes first.
        let at = [0.0, 10.0, 20.0, 30.0, 100.0, 105.0, 110.0, 115.0, 200.0];
        let crowded: Vec<(f64, MonthTick)> = at.iter().copied().zip(ticks.iter().cloned()).collect();
        let labels = month_labels(&crowded, 0.0, true, 12, 1_000.0, &crate::chart::text::ENGLISH);
        assert_eq!(labels[7].as_deref(), Some("Jan 2026"), "{labels:?}");
        assert_eq!(
            labels.iter().flatten().next().map(String::as_str),
            Some("Jul 2025"),
            "{labels:?}"
        );
        assert_eq!(labels[4], None, "{labels:?}");
    }
}
