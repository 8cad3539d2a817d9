//! The revisions page: every figure a release changed from the one before.

use super::layout::{Links, PageMeta, page_frame};
use super::routes;
use super::{RenderedFile, SiteData, html_file};
use crate::money::{long_date, signed_amount};
use crate::series::Revision;
use maud::html;
use std::collections::BTreeMap;

/// Renders `revisions/index.html`.
pub fn render_revisions(data: &SiteData<'_>) -> RenderedFile {
    let links = Links::from_page(routes::REVISIONS);
    // Newest release pair first; within it, series and week order as found.
    let mut by_release: BTreeMap<(chrono::NaiveDate, chrono::NaiveDate), Vec<&Revision>> = BTreeMap::new();
    for revision in &data.analysis.revisions {
        by_release
            .entry((revision.to_version, revision.from_version))
            .or_default()
            .push(revision);
    }
    let releases: Vec<(String, chrono::NaiveDate)> = data
        .project
        .earlier_releases
        .iter()
        .chain(&data.project.datasets)
        .map(|d| (d.source.path.clone(), d.source.version))
        .collect();
    let unit_of = |id: &str| data.series(id).map_or(crate::model::Unit::Oku, |v| v.series.meta.unit);
    let title_of = |id: &str| {
        data.series(id)
            .map(|v| v.series.meta.title.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let content = html! {
        h1 { "Revisions" }
        p {
            "Each release of the statistics replaces the whole file and may revise earlier weeks without flagging them. "
            "flowsite compares every release in the project with the one before it and lists every net figure that changed, as published and as readers see it."
        }
        h2 { "Releases in the project" }
        ul class="item-list" {
            @for (path, version) in &releases {
                li { code { (path) } " — version of " (long_date(*version)) }
            }
        }
        @if by_release.is_empty() {
            p { "No figure has been revised: the project holds one release of each dataset, or later releases changed nothing." }
        }
        @for ((to, from), revisions) in by_release.iter().rev() {
            @let heading_id = format!("release-{}", to.format("%Y-%m-%d"));
            section aria-labelledby=(heading_id) {
                h2 id=(heading_id) { "Release of " (long_date(*to)) " against " (long_date(*from)) ": " (revisions.len()) " figures revised" }
                div class="table-scroll" tabindex="0" role="region" aria-labelledby=(heading_id) {
                    table {
                        thead { tr {
                            th scope="col" { "Series" } th scope="col" { "Week" }
                            th scope="col" class="num" { "Was" } th scope="col" class="num" { "Now" }
                            th scope="col" class="num" { "Difference" } th scope="col" class="num" { "Difference as published" }
                            th scope="col" { "Source cell" }
                        } }
                        tbody {
                            @for revision in revisions {
                                tr {
                                    th scope="row" { a href=(links.to(&routes::series(&revision.series_id))) { (title_of(&revision.series_id)) } }
                                    td class="nowrap" { (revision.week) }
                                    td class="num" { (signed_amount(unit_of(&revision.series_id), revision.old)) }
                                    td class="num" { (signed_amount(unit_of(&revision.series_id), revision.new)) }
                                    td class="num" { (signed_amount(unit_of(&revision.series_id), revision.difference())) }
                                    td class="num" { (format!("{:+}", revision.difference().0)) }
                                    td { code { (revision.cell.path) ":" (revision.cell.line) ":" (revision.cell.column) } }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    let meta = PageMeta {
        path: routes::REVISIONS,
        title: "Revisions",
        description: "Every published figure a later release revised.",
    };
    html_file(routes::REVISIONS, page_frame(data, &meta, content))
}
