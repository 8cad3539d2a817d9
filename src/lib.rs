//! flowsite: a static-site generator for investment-flow statistics.
//!
//! It reads flow statistics as their publisher released them (Japan MOF's
//! weekly `week.csv`) and a newsroom's Markdown commentary, and writes a
//! static site of charts, tables and pages. The module tree is the pipeline:
//!
//! `load` (files -> raw records) -> `validate` (-> checked, typed data) ->
//! `series` (-> facts) -> `prose` (facts -> sentences) -> page plan (->
//! chart requests) -> `chart` (-> SVG) -> `page` (-> HTML) -> `output` (->
//! the site on disk, atomically).

// A panic is never the way to report bad input: no unwrap or expect outside
// tests.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod chart;
pub mod cli;
pub mod error;
pub mod load;
pub mod model;
pub mod money;
pub mod output;
pub mod page;
pub mod parallel;
pub mod prose;
pub mod report;
pub mod series;
pub mod validate;

use error::{Error, Problem};
use output::{SitePlan, WriteReport};
use std::path::Path;

/// What a successful build produced.
#[derive(Debug, Clone)]
pub struct BuildSummary {
    /// The site as written.
    pub plan: SitePlan,
    /// What writing changed on disk.
    pub written: WriteReport,
    /// What the build should know but that did not stop it (no `base_url`,
    /// weeks with no exchange rate).
    pub warnings: Vec<Problem>,
}

/// What a check found: the site as it would be written, and warnings.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The site as it would be written.
    pub plan: SitePlan,
    /// What the build should know but that did not stop it (no `base_url`,
    /// weeks with no exchange rate).
    pub warnings: Vec<Problem>,
}

/// Runs every step but writing: the site as it would be written.
pub fn check(root: &Path) -> Result<Checked, Error> {
    // Reading comes first and is the only step that touches the project.
    let loaded = load::load_project(root)?;
    // Every problem in every file is found here, before any work is done.
    let project = validate::validate(loaded)?;
    // Facts are computed once and shared by charts, prose and tables.
    let analysis = series::analyse(&project.datasets, &project.earlier_releases, &project.config.derived);
    // Dollar figures use each week's release-day rate; a week without one
    // is left in yen and warned about, never converted at a guess.
    let dollars = series::release_rates(&project.datasets, project.fx.as_ref());
    // Pages declare their charts first, in one place, so that the chart
    // stage draws exactly those and no list elsewhere must agree.
    let plan = page::plan_pages(&project);
    // Charts before pages: pages embed them.
    let charts = chart::render_charts(&project.datasets, &analysis, &plan.chart_requests())?;
    let monthly_charts = chart::render_monthly_charts(&analysis.monthly)?;
    let pages = page::render_pages(&page::SiteData {
        project: &project,
        analysis: &analysis,
        dollars: &dollars,
        plan: &plan,
        charts: &charts,
        monthly_charts: &monthly_charts,
        cache: page::PageCache::default(),
    })?;
    let plan = output::plan_site(pages, &project.static_files)?;
    Ok(Checked {
        plan,
        warnings: project.warnings.iter().cloned().chain(dollars.warnings).collect(),
    })
}

/// Builds the site at `root` into `out`; the previous `out` is replaced
/// only if the whole build succeeds.
pub fn build(root: &Path, out: &Path) -> Result<BuildSummary, Error> {
    // An output folder that would replace the project is refused before any
    // work is done.
    output::check_output_location(root, out)?;
    let Checked { plan, warnings } = check(root)?;
    let written = output::write_site(&plan, out)?;
    Ok(BuildSummary {
        plan,
        written,
        warnings,
    })
}
