//! Stage 3, series: pure arithmetic on checked series.
//!
//! Weekly net, cumulative year-to-date, runs of buying or selling, change
//! from the prior week, the facts a weekly story is made of, and yen figures
//! in dollars at the release day's rate. Everything here is computed once,
//! as typed values in no language; `prose` words them and pages format them.
//! No I/O and no formatting here.

mod dollars;
mod facts;
mod monthly;
mod revisions;
mod streak;
mod ytd;

pub use dollars::{DollarRates, LOOK_BACK_DAYS, ReleaseRate, release_rates};
pub use facts::{
    Activity, BALANCED_PER_10000, Change, Extreme, Gross, RECORD_MIN_WEEKS, Ratio, WeekFacts, YtdComparison,
    YtdStanding, compute_week_facts,
};
pub use monthly::{PartialMonth, monthly_totals};
pub use revisions::{Revision, find_revisions};
pub use streak::{SNAPPED_MIN_WEEKS, Side, Streak, streaks};
pub use ytd::{YearToDate, year_lines, year_to_date};

use crate::model::{Dataset, MonthlySeries, SeriesId, SourceInfo, Week};
use crate::validate::DerivedDeclaration;
use std::collections::BTreeMap;

/// The facts of every week of every series, keyed by series id.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// Series id -> facts of each week, oldest first (same order as the
    /// series' points).
    pub facts: BTreeMap<crate::model::SeriesId, Vec<WeekFacts>>,
    /// Figures each release revised from the one before, oldest release
    /// pair first.
    pub revisions: Vec<Revision>,
    /// Monthly series: published ones, then those summed from weekly series.
    pub monthly: Vec<MonthlyView>,
    /// For each figure a later release revised: the last release that did.
    pub revised_in: BTreeMap<(SeriesId, Week), chrono::NaiveDate>,
}

/// A monthly series with its attribution.
#[derive(Debug, Clone)]
pub struct MonthlyView {
    /// The release its figures come from.
    pub source: SourceInfo,
    /// The series.
    pub series: MonthlySeries,
    /// For a derived series, the latest month left out as incomplete.
    pub partial: Option<PartialMonth>,
}

impl Analysis {
    /// The facts of a series, if it exists.
    pub fn of(&self, series_id: &str) -> Option<&[WeekFacts]> {
        self.facts.get(series_id).map(Vec::as_slice)
    }

    /// The last release that revised the figure of `week` in series `id`,
    /// if any release after its first did.
    pub fn revised(&self, id: &SeriesId, week: Week) -> Option<chrono::NaiveDate> {
        self.revised_in.get(&(id.clone(), week)).copied()
    }
}

/// Computes the facts of every week of every series, the revisions
/// between consecutive releases (`earlier` holds older releases of the
/// datasets' sources, oldest first), and the monthly series (published, and
/// those `derived` asks to sum from weekly ones).
pub fn analyse(datasets: &[Dataset], earlier: &[Dataset], derived: &[DerivedDeclaration]) -> Analysis {
    let facts = datasets
        .iter()
        .flat_map(|dataset| dataset.series.iter())
        .map(|series| (series.meta.id.clone(), compute_week_facts(&series.points)))
        .collect();
    let mut revisions = Vec::new();
    for latest in datasets {
        let mut releases: Vec<&Dataset> = earlier.iter().filter(|d| same_source(d, latest)).collect();
        releases.push(latest);
        for pair in releases.windows(2) {
            revisions.extend(find_revisions(pair[0], pair[1]));
        }
    }
    let mut monthly: Vec<MonthlyView> = datasets
        .iter()
        .flat_map(|dataset| {
            dataset.monthly.iter().map(|series| MonthlyView {
                source: dataset.source.clone(),
                series: series.clone(),
                partial: None,
            })
        })
        .collect();
    for declaration in derived {
        let found = datasets.iter().find_map(|dataset| {
            dataset
                .series
                .iter()
                .find(|s| s.meta.id == declaration.from)
                .map(|s| (dataset, s))
        });
        if let Some((dataset, weekly)) = found {
            let (series, partial) = monthly_totals(&declaration.id, declaration.title.as_deref(), weekly);
            monthly.push(MonthlyView {
                source: dataset.source.clone(),
                series,
                partial,
            });
        }
    }
    let mut revised_in = BTreeMap::new();
    for revision in &revisions {
        // Releases are compared oldest first, so the last one stays.
        revised_in.insert((revision.series_id.clone(), revision.week), revision.to_version);
    }
    Analysis {
        facts,
        revisions,
        monthly,
        revised_in,
    }
}

/// Whether two releases are of the same statistics (the same series ids).
fn same_source(a: &Dataset, b: &Dataset) -> bool {
    a.series
        .iter()
        .map(|s| &s.meta.id)
        .eq(b.series.iter().map(|s| &s.meta.id))
}

#[cfg(test)]
pub(crate) mod testing {
    //! Builds series for tests from a start week and a list of nets.
    use crate::model::{Amount, CellRef, FlowPoint, Week};
    use chrono::NaiveDate;

    /// Consecutive weeks from the Sunday `y-m-d`, with the given nets.
    pub fn points(y: i32, m: u32, d: u32, nets: &[i64]) -> Vec<FlowPoint> {
        let start = NaiveDate::from_ymd_opt(y, m, d).expect("valid date");
        let mut week = Week::starting(start).expect("a Sunday");
        nets.iter()
            .enumerate()
            .map(|(index, &net)| {
                let point = FlowPoint {
                    week,
                    net: Amount(net),
                    acquisition: None,
                    disposition: None,
                    cell: CellRef {
                        path: "t.csv".to_string(),
                        line: index + 1,
                        column: 2,
                    },
                };
                week = week.next();
                point
            })
            .collect()
    }
}
