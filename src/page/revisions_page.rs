//! The revisions page: every figure a release changed from the one before,
//! release by release and series by series; and the same figures with
//! their source cells as a CSV download.

use super::chrome::Chrome;
use super::layout::{Links, PageMeta, page_frame};
use super::routes;
use super::tables::{amount, week_cell};
use super::{RenderedFile, SiteData, html_file};
use crate::error::Error;
use crate::model::{SeriesId, SourceInfo, Unit};
use crate::series::Revision;
use chrono::NaiveDate;
use maud::{Markup, html};
use std::collections::BTreeMap;

/// The revisions one release made to one series.
struct SeriesRevisions<'a> {
    id: &'a SeriesId,
    title: String,
    unit: Unit,
    revisions: Vec<&'a Revision>,
}

/// The revisions one release made, against the release before it.
struct ReleaseRevisions<'a> {
    to: NaiveDate,
    from: NaiveDate,
    count: usize,
    series: Vec<SeriesRevisions<'a>>,
}

/// Renders `revisions/index.html` and `revisions/revisions.csv`.
pub fn render_revisions(data: &SiteData<'_>) -> Result<Vec<RenderedFile>, Error> {
    let chrome = data.chrome();
    let path = routes::REVISIONS;
    let links = data.links(path);
    let releases: Vec<&SourceInfo> = data
        .project
        .earlier_releases
        .iter()
        .chain(&data.project.datasets)
        .map(|dataset| &dataset.source)
        .collect();
    let by_release = releases_revised(data);
    let content = html! {
        h1 { (chrome.revisions_title) }
        p class="standfirst" { (chrome.revisions_intro) }
        h2 { (chrome.releases_heading) }
        ul class="item-list" {
            @for source in &releases { li { ((chrome.release_item)(source, chrome.long_date)) } }
        }
        @if by_release.is_empty() {
            p { (chrome.no_revisions) }
        } @else {
            p class="downloads" { a href=(links.shared(routes::REVISIONS_CSV)) { (chrome.revisions_download) } }
        }
        @for release in &by_release { (release_section(release, chrome, links)) }
    };
    let meta = PageMeta::new(path, chrome.revisions_title, chrome.revisions_description);
    Ok(vec![
        html_file(path, page_frame(data, &meta, content)),
        RenderedFile {
            path: routes::REVISIONS_CSV.to_string(),
            bytes: crate::cache::shared(revisions_csv(data)?),
        },
    ])
}

/// The revisions, newest release pair first; within one, series in the
/// order the site lists them and weeks in order.
fn releases_revised<'a>(data: &'a SiteData<'_>) -> Vec<ReleaseRevisions<'a>> {
    let mut by_release: BTreeMap<(NaiveDate, NaiveDate), Vec<&Revision>> = BTreeMap::new();
    for revision in &data.analysis.revisions {
        by_release
            .entry((revision.to_version, revision.from_version))
            .or_default()
            .push(revision);
    }
    let order: Vec<&SeriesId> = data.all_series().iter().map(|view| &view.series.meta.id).collect();
    by_release
        .into_iter()
        .rev()
        .map(|((to, from), revisions)| {
            let mut series: Vec<SeriesRevisions<'a>> = Vec::new();
            for revision in &revisions {
                match series.iter_mut().find(|one| *one.id == revision.series_id) {
                    Some(one) => one.revisions.push(revision),
                    None => {
                        let view = data.series(&revision.series_id);
                        series.push(SeriesRevisions {
                            id: &revision.series_id,
                            title: view.map_or_else(|| revision.series_id.to_string(), |v| v.series.meta.title.clone()),
                            unit: view.map_or(Unit::Oku, |v| v.series.meta.unit),
                            revisions: vec![revision],
                        });
                    }
                }
            }
            series.sort_by_key(|one| order.iter().position(|id| *id == one.id));
            ReleaseRevisions {
                to,
                from,
                count: revisions.len(),
                series,
            }
        })
        .collect()
}

fn release_section(release: &ReleaseRevisions<'_>, chrome: &Chrome, links: Links<'_>) -> Markup {
    let heading_id = format!("release-{}", super::layout::iso_date(release.to));
    html! {
        section aria-labelledby=(heading_id) {
            h2 id=(heading_id) { ((chrome.release_heading)(release.to, release.from, release.count, chrome.long_date)) }
            @for series in &release.series {
                h3 { a href=(links.to(&routes::series(series.id))) { (series.title) } }
                (series_table(series, chrome))
            }
        }
    }
}

/// One series' revised weeks: the revision next to the week, the figure
/// as it was given way on phones.
fn series_table(series: &SeriesRevisions<'_>, chrome: &Chrome) -> Markup {
    let unit = series.unit;
    html! {
        table class="figures" {
            thead { tr {
                th scope="col" { (chrome.week_header) }
                th scope="col" class="num" { ((chrome.revision_header)(unit)) }
                th scope="col" class="num" { ((chrome.now_header)(unit)) }
                th scope="col" class="num minor" { ((chrome.was_header)(unit)) }
            } }
            tbody {
                @for revision in &series.revisions {
                    tr {
                        th scope="row" { (week_cell(&(chrome.week_range)(revision.week))) }
                        td class="num" { (amount((chrome.table_amount)(unit, revision.difference()))) }
                        td class="num" { ((chrome.table_amount)(unit, revision.new)) }
                        td class="num minor" { ((chrome.table_amount)(unit, revision.old)) }
                    }
                }
            }
        }
    }
}

/// Every revised figure as published, with its unit and source cell.
fn revisions_csv(data: &SiteData<'_>) -> Result<Vec<u8>, Error> {
    let csv_error = |error: csv::Error| Error::Internal(format!("could not write CSV: {error}"));
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record([
            "release",
            "previous_release",
            "series",
            "week_start",
            "week_end",
            "unit",
            "was",
            "now",
            "difference",
            "source_file",
            "source_line",
            "source_column",
        ])
        .map_err(csv_error)?;
    for revision in &data.analysis.revisions {
        let unit = data
            .series(&revision.series_id)
            .map_or(Unit::Oku, |view| view.series.meta.unit);
        writer
            .write_record([
                super::layout::iso_date(revision.to_version),
                super::layout::iso_date(revision.from_version),
                revision.series_id.to_string(),
                super::layout::iso_date(revision.week.start()),
                super::layout::iso_date(revision.week.end()),
                unit.column_suffix().to_string(),
                revision.old.0.to_string(),
                revision.new.0.to_string(),
                revision.difference().0.to_string(),
                revision.cell.path.clone(),
                revision.cell.line.to_string(),
                revision.cell.column.to_string(),
            ])
            .map_err(csv_error)?;
    }
    writer
        .into_inner()
        .map_err(|error| Error::Internal(format!("could not write CSV: {error}")))
}
