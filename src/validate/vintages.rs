//! Several releases of the same statistics: each must have its own version
//! date, and a later release may revise a figure but never drop a week.

use crate::error::{Location, Problems};
use crate::model::Dataset;
use std::collections::BTreeSet;

/// Checks releases sorted oldest first.
pub fn check_releases(releases: &[Dataset], problems: &mut Problems) {
    for pair in releases.windows(2) {
        let (older, newer) = (&pair[0], &pair[1]);
        if older.source.version == newer.source.version {
            problems.report(
                Location::file(newer.source.path.clone()),
                format!(
                    "it has the same version date {} as {}",
                    newer.source.version, older.source.path
                ),
                "keep one file per release; the version date tells releases apart",
            );
            continue;
        }
        // A dropped week is reported once, however many series it drops from.
        let mut dropped: BTreeSet<crate::model::Week> = BTreeSet::new();
        for old_series in &older.series {
            let Some(new_series) = newer.series.iter().find(|s| s.meta.id == old_series.meta.id) else {
                problems.report(
                    Location::file(newer.source.path.clone()),
                    format!(
                        "series `{}` of the earlier release {} is missing",
                        old_series.meta.id, older.source.path
                    ),
                    "a later release must keep every series; check the file",
                );
                continue;
            };
            let new_weeks: BTreeSet<_> = new_series.points.iter().map(|p| p.week).collect();
            dropped.extend(
                old_series
                    .points
                    .iter()
                    .map(|p| p.week)
                    .filter(|week| !new_weeks.contains(week)),
            );
        }
        for week in dropped {
            problems.report(
                Location::file(newer.source.path.clone()),
                format!(
                    "week {week} is in the earlier release {} but not in this one",
                    older.source.path
                ),
                "a later release may revise figures but not drop weeks; check that the file is complete",
            );
        }
    }
}
