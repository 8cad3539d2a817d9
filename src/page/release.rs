//! When figures were published, revised and will next be released, all
//! read from the data: the releases in the project, their version dates,
//! the publisher's cadence and the revisions between releases. Never the
//! clock, so that every build of the same inputs says the same. No I/O here.

use super::SiteData;
use super::layout::PageTimes;
use crate::model::{Dataset, SeriesId, SourceInfo, Week};
use chrono::NaiveDate;

/// The day `week` of series `id` was first published: the release day the
/// publisher's cadence gives it, or, without a cadence, the version of the
/// earliest release in the project that holds it; never after that release.
pub fn first_published(data: &SiteData<'_>, id: &SeriesId, source: &SourceInfo, week: Week) -> NaiveDate {
    let earliest = releases(data)
        .filter(|dataset| holds(dataset, id, week))
        .map(|dataset| dataset.source.version)
        .min()
        .unwrap_or(source.version);
    match source.cadence {
        Some(cadence) => cadence.release_of(week).min(earliest),
        None => earliest,
    }
}

/// The times of a page about `week` showing the figures of `ids`: first
/// published with the lead series' week, modified by the last release
/// that revised any figure of that week shown (or `quoted`, the last
/// release that revised a figure the page's text compares with).
pub fn week_page_times(
    data: &SiteData<'_>,
    lead: &SeriesId,
    source: &SourceInfo,
    week: Week,
    ids: &[&SeriesId],
    quoted: Option<NaiveDate>,
) -> PageTimes {
    let published = first_published(data, lead, source, week);
    let revised = ids
        .iter()
        .filter_map(|id| data.analysis.revised(id, week))
        .chain(quoted)
        .max();
    PageTimes {
        published,
        modified: revised.map_or(published, |day| day.max(published)),
    }
}

/// The next release the cadence of `source` expects after its version,
/// or `None` if the publisher's cadence is not known: no date is claimed
/// then.
pub fn next_release(source: &SourceInfo) -> Option<NaiveDate> {
    source.cadence.map(|cadence| cadence.next_after(source.version))
}

/// Every release in the project: the older ones, then the latest of each
/// source.
fn releases<'a>(data: &'a SiteData<'_>) -> impl Iterator<Item = &'a Dataset> {
    data.project.earlier_releases.iter().chain(&data.project.datasets)
}

/// Whether `dataset` has the figure of `week` in series `id`.
fn holds(dataset: &Dataset, id: &SeriesId, week: Week) -> bool {
    dataset
        .series
        .iter()
        .find(|series| series.meta.id == *id)
        .is_some_and(|series| series.points.binary_search_by_key(&week, |point| point.week).is_ok())
}
