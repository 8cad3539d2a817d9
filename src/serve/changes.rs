//! What a rebuild changed, and the page that shows it
//! (`/__flowsite/changes`).
//!
//! Files are compared byte for byte between the last good site and the new
//! one; figures release by release with `series::find_revisions`, the same
//! comparison the site's revisions page makes. A desk that drops
//! Thursday's file into `data/` sees here, before publishing, which pages
//! the release changes, which weeks it adds and which figures it revises.

use super::inject;
use crate::Site;
use crate::model::{Dataset, Week};
use crate::money::{long_date, signed_amount};
use crate::page::routes;
use crate::series::{Revision, find_revisions};
use chrono::NaiveDate;
use maud::{DOCTYPE, Markup, html};

/// How a file of the site changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// New in this build.
    Added,
    /// Its bytes changed.
    Changed,
    /// No longer part of the site.
    Removed,
}

/// One file a rebuild added, changed or removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileChange {
    /// Its path inside the site.
    pub route: String,
    /// How it changed.
    pub change: Change,
}

/// What a new release of one source brought.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReleaseChange {
    /// The file the figures now come from.
    pub path: String,
    /// The version date before, and now.
    pub versions: (NaiveDate, NaiveDate),
    /// Weeks the data did not have before.
    pub new_weeks: Vec<Week>,
    /// Figures of earlier weeks that changed.
    pub revisions: Vec<Revision>,
}

/// What one rebuild did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rebuild {
    /// The project files whose change started it.
    pub trigger: Vec<String>,
    /// Whether it failed (then nothing else changed).
    pub failed: bool,
    /// Whether it was the first build (then nothing is listed as changed).
    pub first: bool,
    /// Files of the site added, changed or removed, in path order.
    pub files: Vec<FileChange>,
    /// Releases whose figures changed.
    pub releases: Vec<ReleaseChange>,
}

impl Rebuild {
    /// A rebuild that failed.
    pub fn failed(trigger: Vec<String>) -> Rebuild {
        Rebuild {
            trigger,
            failed: true,
            first: false,
            files: Vec::new(),
            releases: Vec::new(),
        }
    }

    /// The address inside the site of every file added, changed or removed,
    /// as the browser asks for it (`weeks/2026-09-12/`, `style.css`).
    pub fn served_paths(&self) -> Vec<String> {
        self.files
            .iter()
            .map(|file| routes::served_path(&file.route).to_string())
            .collect()
    }

    /// The pages (HTML files) among the files.
    pub fn pages(&self) -> impl Iterator<Item = &FileChange> {
        self.files.iter().filter(|file| file.route.ends_with(".html"))
    }

    /// How many figures were revised.
    pub fn revised(&self) -> usize {
        self.releases.iter().map(|release| release.revisions.len()).sum()
    }
}

/// Compares the site `new` with the last good one, `old`.
pub fn compare(old: Option<&Site>, new: &Site, trigger: Vec<String>) -> Rebuild {
    let Some(old) = old else {
        return Rebuild {
            trigger,
            failed: false,
            first: true,
            files: Vec::new(),
            releases: Vec::new(),
        };
    };
    let mut files = Vec::new();
    for (route, bytes) in &new.plan.files {
        match old.plan.files.get(route) {
            // A page taken from the store is the same allocation as before.
            Some(before) if std::sync::Arc::ptr_eq(before, bytes) || before == bytes => {}
            Some(_) => files.push(FileChange {
                route: route.clone(),
                change: Change::Changed,
            }),
            None => files.push(FileChange {
                route: route.clone(),
                change: Change::Added,
            }),
        }
    }
    for route in old
        .plan
        .files
        .keys()
        .filter(|route| !new.plan.files.contains_key(*route))
    {
        files.push(FileChange {
            route: route.clone(),
            change: Change::Removed,
        });
    }
    files.sort_by(|a, b| a.route.cmp(&b.route));
    let releases = new
        .datasets
        .iter()
        .filter_map(|dataset| {
            let before = old.datasets.iter().find(|earlier| same_statistics(earlier, dataset))?;
            release_change(before, dataset)
        })
        .collect();
    Rebuild {
        trigger,
        failed: false,
        first: false,
        files,
        releases,
    }
}

/// Whether two datasets are releases of the same statistics: their first
/// series is the same (a new release may live in a new file).
fn same_statistics(a: &Dataset, b: &Dataset) -> bool {
    match (a.series.first(), b.series.first()) {
        (Some(a), Some(b)) => a.meta.id == b.meta.id,
        _ => false,
    }
}

fn release_change(before: &Dataset, now: &Dataset) -> Option<ReleaseChange> {
    let revisions = find_revisions(before, now);
    let known: std::collections::BTreeSet<Week> = before
        .series
        .first()
        .map(|series| series.points.iter().map(|point| point.week).collect())
        .unwrap_or_default();
    let new_weeks: Vec<Week> = now
        .series
        .first()
        .map(|series| {
            series
                .points
                .iter()
                .map(|point| point.week)
                .filter(|week| !known.contains(week))
                .collect()
        })
        .unwrap_or_default();
    if revisions.is_empty() && new_weeks.is_empty() && before.source.version == now.source.version {
        return None;
    }
    Some(ReleaseChange {
        path: now.source.path.clone(),
        versions: (before.source.version, now.source.version),
        new_weeks,
        revisions,
    })
}

/// The changes page. Links are absolute paths under `base_path`, so that
/// the page works at `/__flowsite/changes` and under the base path alike.
pub fn render_page(
    last: Option<&Rebuild>,
    site: Option<&Site>,
    base_path: &str,
    build: &str,
    problems: &[String],
) -> Vec<u8> {
    let unit_of = |id: &crate::model::SeriesId| {
        site.and_then(|site| {
            site.datasets
                .iter()
                .flat_map(|dataset| &dataset.series)
                .find(|series| &series.meta.id == id)
                .map(|series| series.meta.unit)
        })
        .unwrap_or(crate::model::Unit::Oku)
    };
    let body = html! {
        h1 { "Changes of the last rebuild" }
        @match last {
            None => p { "No rebuild yet: save a file of the project (site.toml, data/, content/ or static/) and this page shows what it changed." },
            Some(rebuild) => {
                @if !rebuild.trigger.is_empty() {
                    p { "Started by a change to: " @for (index, path) in rebuild.trigger.iter().enumerate() { @if index > 0 { ", " } code { (path) } } "." }
                }
                @if rebuild.failed {
                    p { strong { "The rebuild failed" } "; the preview still serves the last good site. The problems are listed at the foot of the page." }
                } @else if rebuild.first {
                    p { "This is the first build: nothing to compare with yet." }
                } @else {
                    (releases(rebuild, &unit_of))
                    (pages(rebuild, base_path))
                }
            }
        }
    };
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="color-scheme" content="light dark";
                title { "Changes | flowsite preview" }
                style { (CHANGES_STYLE) }
            }
            body { main { (body) } }
        }
    };
    inject::inject(
        page.into_string().as_bytes(),
        &inject::Live {
            build,
            page: inject::EVERY_BUILD,
            // The page is `__flowsite/changes` at the root or under the base
            // path, and the events are served at both.
            root: "../",
            problems,
        },
    )
}

fn releases(rebuild: &Rebuild, unit_of: &dyn Fn(&crate::model::SeriesId) -> crate::model::Unit) -> Markup {
    html! {
        h2 { "Figures" }
        @if rebuild.releases.is_empty() {
            p { "No figure changed." }
        }
        @for release in &rebuild.releases {
            section {
                h3 { code { (release.path) } ", version of " (long_date(release.versions.1))
                    @if release.versions.0 != release.versions.1 { " (was " (long_date(release.versions.0)) ")" } }
                @if release.new_weeks.is_empty() {
                    p { "No new week." }
                } @else {
                    p { (release.new_weeks.len()) " new " (if release.new_weeks.len() == 1 { "week" } else { "weeks" }) ": "
                        @for (index, week) in release.new_weeks.iter().enumerate() { @if index > 0 { ", " } (week) } "." }
                }
                @if release.revisions.is_empty() {
                    p { "No figure of an earlier week was revised." }
                } @else {
                    p { (release.revisions.len()) " figures of earlier weeks revised:" }
                    table {
                        thead { tr { th { "Series" } th { "Week" } th class="num" { "Was" } th class="num" { "Now" } th class="num" { "Difference" } th { "Source cell" } } }
                        tbody {
                            @for revision in &release.revisions {
                                @let unit = unit_of(&revision.series_id);
                                tr {
                                    td { code { (revision.series_id) } }
                                    td class="nowrap" { (revision.week) }
                                    td class="num" { (signed_amount(unit, revision.old)) }
                                    td class="num" { (signed_amount(unit, revision.new)) }
                                    td class="num" { (signed_amount(unit, revision.difference())) }
                                    td { code { (revision.cell.path) ":" (revision.cell.line) ":" (revision.cell.column) } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn pages(rebuild: &Rebuild, base_path: &str) -> Markup {
    let pages: Vec<&FileChange> = rebuild.pages().collect();
    let others = rebuild.files.len() - pages.len();
    html! {
        h2 { "Pages" }
        @if pages.is_empty() {
            p { "No page changed." }
        } @else {
            details open[pages.len() <= OPEN_LIST] {
            summary { (pages.len()) " " (if pages.len() == 1 { "page" } else { "pages" }) " changed"
                @if pages.len() > OPEN_LIST && rebuild.releases.iter().any(|release| release.versions.0 != release.versions.1) {
                    " (every page names the release its figures come from, so a new release changes them all)"
                } }
            ul {
                @for page in &pages {
                    @let served = routes::served_path(&page.route);
                    li {
                        @if page.change == Change::Removed {
                            code { (served) } " (removed)"
                        } @else {
                            a href={ (base_path) (served) } { code { @if served.is_empty() { "/" } @else { (served) } } }
                            @if page.change == Change::Added { " (new)" }
                        }
                    }
                }
            }
            }
        }
        @if others > 0 {
            details open[others <= OPEN_LIST / 4] {
                summary { "And " (others) " other " (if others == 1 { "file" } else { "files" }) " (downloads, feeds, stylesheets)" }
                p {
                    @for (index, file) in rebuild.files.iter().filter(|file| !file.route.ends_with(".html")).enumerate() {
                        @if index > 0 { ", " } code { (file.route) }
                    }
                    "."
                }
            }
        }
    }
}

/// Lists of changed pages longer than this start folded.
const OPEN_LIST: usize = 40;

const CHANGES_STYLE: &str = "body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem 1.5rem 8rem}\
table{border-collapse:collapse}th,td{padding:.2rem .6rem;border-bottom:1px solid #8884;text-align:left}\
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}summary{cursor:pointer}.nowrap{white-space:nowrap}";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::SitePlan;

    fn site(files: &[(&str, &str)]) -> Site {
        Site {
            plan: SitePlan {
                files: files
                    .iter()
                    .map(|(path, bytes)| (path.to_string(), std::sync::Arc::new(bytes.as_bytes().to_vec())))
                    .collect(),
            },
            datasets: Vec::new(),
            title: "T".to_string(),
            base_url: None,
            warnings: Vec::new(),
            charts: crate::chart::ChartReport::default(),
            images: Vec::new(),
        }
    }

    #[test]
    fn lists_added_changed_and_removed_files_as_the_browser_asks_for_them() {
        let old = site(&[("index.html", "a"), ("style.css", "s"), ("old/index.html", "o")]);
        let new = site(&[("index.html", "b"), ("style.css", "s"), ("new/index.html", "n")]);
        let rebuild = compare(Some(&old), &new, vec!["content/x.md".to_string()]);
        assert_eq!(rebuild.served_paths(), vec!["", "new/", "old/"]);
        assert_eq!(rebuild.files[1].change, Change::Added);
        assert_eq!(rebuild.files[2].change, Change::Removed);
        let page = String::from_utf8(render_page(Some(&rebuild), Some(&new), "/flows/", "b1", &[])).expect("UTF-8");
        assert!(page.contains("href=\"/flows/new/\""), "{page}");
        assert!(page.contains("<code>old/</code> (removed)"), "{page}");
    }
}
