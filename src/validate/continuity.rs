//! Rows of one series must follow each other period by period: no gaps,
//! duplicates or reversals. Works for weeks and months alike.

use crate::error::{Location, Problems};
use crate::model::{Month, Week};
use std::fmt::Display;

/// A period that has a successor: a week or a month.
pub trait Period: Copy + Ord + Display {
    /// The word for one period in messages.
    const NOUN: &'static str;
    /// The following period.
    fn following(self) -> Self;
}

impl Period for Week {
    const NOUN: &'static str = "week";
    fn following(self) -> Self {
        self.next()
    }
}

impl Period for Month {
    const NOUN: &'static str = "month";
    fn following(self) -> Self {
        self.next()
    }
}

/// Checks that consecutive rows of one series are consecutive periods.
/// `timeline` holds each row's line and period, or `None` where the period
/// could not be read (such a row breaks the chain instead of being called a
/// gap); `period_column` is the 1-based column of the period, for messages.
pub fn check_continuity<P: Period>(
    path: &str,
    period_column: usize,
    timeline: &[(usize, Option<P>)],
    problems: &mut Problems,
) {
    let noun = P::NOUN;
    // Rows out of order make every gap between them meaningless: report the
    // order (and duplicates) alone until the rows are sorted.
    let out_of_order = timeline.windows(2).any(|pair| match (pair[0].1, pair[1].1) {
        (Some(a), Some(b)) => b < a,
        _ => false,
    });
    for pair in timeline.windows(2) {
        let ((previous_line, Some(previous)), (line, Some(period))) = (pair[0], pair[1]) else {
            continue;
        };
        let expected = previous.following();
        let location = Location::cell(path, line, period_column);
        if period == expected {
            continue;
        }
        if period == previous {
            problems.report(
                location,
                format!("{noun} {period} appears twice (also on line {previous_line})"),
                "remove the duplicate row",
            );
        } else if period < previous {
            problems.report(
                location,
                format!(
                    "{noun} {period} comes after {noun} {previous} (line {previous_line}): {noun}s are out of order"
                ),
                "keep the rows oldest first",
            );
        } else if !out_of_order {
            let mut missing = vec![expected];
            while let Some(&last) = missing.last() {
                let next = last.following();
                if next >= period || missing.len() > 10_000 {
                    break;
                }
                missing.push(next);
            }
            let what = match missing.as_slice() {
                [only] => format!("{noun} {only} is missing"),
                [first, .., last] => format!("{} {noun}s are missing, {first} to {last}", missing.len()),
                [] => continue,
            };
            problems.report(
                location,
                format!("gap before {noun} {period}: {what}"),
                "restore the missing rows from the published file",
            );
        }
    }
}
