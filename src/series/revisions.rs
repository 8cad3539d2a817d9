//! Revisions: figures a later release changed.

use crate::model::{Amount, CellRef, Dataset, Week};
use chrono::NaiveDate;

/// One revised figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    /// The series.
    pub series_id: crate::model::SeriesId,
    /// The week revised.
    pub week: Week,
    /// The figure in the earlier release.
    pub old: Amount,
    /// The figure in the later release.
    pub new: Amount,
    /// The earlier release's version date.
    pub from_version: NaiveDate,
    /// The later release's version date.
    pub to_version: NaiveDate,
    /// Where the new figure is in the later release.
    pub cell: CellRef,
}

impl Revision {
    /// New minus old.
    pub fn difference(&self) -> Amount {
        self.new - self.old
    }
}

/// Every net figure `newer` changed from `older`, by series (in `newer`'s
/// order) then week.
pub fn find_revisions(older: &Dataset, newer: &Dataset) -> Vec<Revision> {
    let mut revisions = Vec::new();
    for new_series in &newer.series {
        let Some(old_series) = older.series.iter().find(|s| s.meta.id == new_series.meta.id) else {
            continue;
        };
        let mut old_points = old_series.points.iter().peekable();
        for new_point in &new_series.points {
            while old_points.next_if(|p| p.week < new_point.week).is_some() {}
            if let Some(old_point) = old_points.next_if(|p| p.week == new_point.week)
                && old_point.net != new_point.net
            {
                revisions.push(Revision {
                    series_id: new_series.meta.id.clone(),
                    week: new_point.week,
                    old: old_point.net,
                    new: new_point.net,
                    from_version: older.source.version,
                    to_version: newer.source.version,
                    cell: new_point.cell.clone(),
                });
            }
        }
    }
    revisions
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Direction, FlowSeries, SeriesMeta, SourceInfo};
    use crate::series::testing::points;

    fn dataset(version: (i32, u32, u32), nets: &[i64]) -> Dataset {
        Dataset {
            source: SourceInfo {
                path: "data/mof/x.csv".to_string(),
                publisher: "P".to_string(),
                title: "T".to_string(),
                version: NaiveDate::from_ymd_opt(version.0, version.1, version.2).expect("date"),
                cadence: None,
            },
            series: vec![FlowSeries {
                meta: SeriesMeta {
                    id: crate::model::SeriesId::composed("s".to_string()),
                    asset_class: crate::model::AssetClass::Equity,
                    title: "S".to_string(),
                    actor: "A".to_string(),
                    asset: "B".to_string(),
                    published_label: "S".to_string(),
                    direction: Direction::Inward,
                    unit: crate::model::Unit::Oku,
                    breaks: Vec::new(),
                },
                points: points(2026, 1, 4, nets),
            }],
            monthly: Vec::new(),
        }
    }

    #[test]
    fn lists_changed_figures_only() {
        let older = dataset((2026, 1, 22), &[10, 20, 30]);
        let newer = dataset((2026, 1, 29), &[10, 25, 30, 40]);
        let revisions = find_revisions(&older, &newer);
        assert_eq!(revisions.len(), 1);
        assert_eq!(
            (revisions[0].old, revisions[0].new, revisions[0].difference()),
            (Amount(20), Amount(25), Amount(5))
        );
        assert_eq!(revisions[0].week.to_string(), "2026-01-11..01-17");
    }
}
