//! Runs of consecutive net-buying or net-selling weeks, and the run a week
//! ends.
//!
//! A week with a net of exactly zero is neither buying nor selling and ends
//! any run. Series reaching this stage have no gaps (checked in
//! `validate`), so consecutive points are consecutive weeks.

use crate::model::FlowPoint;

/// A run of at least this many weeks that a week ends is news in itself
/// ("snapping an 11-week buying streak").
pub const SNAPPED_MIN_WEEKS: usize = 3;

/// Whether a week was net buying, net selling, or neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Side {
    /// Net purchases above zero.
    Buying,
    /// Net purchases below zero.
    Selling,
    /// Exactly zero.
    Flat,
}

impl Side {
    /// The side of a net amount.
    pub fn of(net: i64) -> Side {
        match net {
            n if n > 0 => Side::Buying,
            n if n < 0 => Side::Selling,
            _ => Side::Flat,
        }
    }
}

/// The run a week ends: its side and how many consecutive weeks it lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Streak {
    /// Buying or selling (or flat, with a length of 1).
    pub side: Side,
    /// Consecutive weeks on that side, ending at this week (at least 1).
    pub weeks: usize,
}

impl Streak {
    /// The run the week with run `current` ends, given the run `prior` the
    /// week before ended: a buying or selling run that does not go on.
    pub fn ended_by(prior: Option<Streak>, current: Streak) -> Option<Streak> {
        prior.filter(|prior| prior.side != Side::Flat && prior.side != current.side)
    }

    /// Whether the run is long enough that ending it is news.
    pub fn is_long(self) -> bool {
        self.side != Side::Flat && self.weeks >= SNAPPED_MIN_WEEKS
    }
}

/// The streak ending at every week.
pub fn streaks(points: &[FlowPoint]) -> Vec<Streak> {
    let mut runs: Vec<Streak> = Vec::with_capacity(points.len());
    for point in points {
        let side = Side::of(point.net.0);
        let weeks = match runs.last() {
            Some(previous) if previous.side == side && side != Side::Flat => previous.weeks + 1,
            _ => 1,
        };
        runs.push(Streak { side, weeks });
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::series::testing::points;

    #[test]
    fn counts_runs_and_resets_on_a_flip_or_a_zero() {
        let series = points(2026, 1, 4, &[3, 4, 5, -1, -2, 0, 0, 6]);
        let runs: Vec<(Side, usize)> = streaks(&series).iter().map(|s| (s.side, s.weeks)).collect();
        assert_eq!(
            runs,
            vec![
                (Side::Buying, 1),
                (Side::Buying, 2),
                (Side::Buying, 3),
                (Side::Selling, 1),
                (Side::Selling, 2),
                (Side::Flat, 1),
                (Side::Flat, 1),
                (Side::Buying, 1),
            ]
        );
    }

    #[test]
    fn a_flip_or_a_flat_week_ends_a_run_and_long_runs_are_news() {
        let series = points(2026, 1, 4, &[3, 4, 5, -1, 0, 6, 7]);
        let runs = streaks(&series);
        let ended: Vec<Option<(Side, usize)>> = (0..runs.len())
            .map(|i| {
                let prior = i.checked_sub(1).map(|p| runs[p]);
                Streak::ended_by(prior, runs[i]).map(|s| (s.side, s.weeks))
            })
            .collect();
        assert_eq!(
            ended,
            vec![
                None,
                None,
                None,
                Some((Side::Buying, 3)),
                Some((Side::Selling, 1)),
                None,
                None
            ]
        );
        assert!(runs[2].is_long());
        assert!(!runs[1].is_long());
        assert!(
            !Streak {
                side: Side::Flat,
                weeks: 4
            }
            .is_long()
        );
    }
}
