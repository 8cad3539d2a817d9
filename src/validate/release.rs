//! A release downloaded by `fetch` -> checked against the source's
//! importer and against the release already in `data/`.
//!
//! The download is judged by exactly the checks a build makes: the same
//! importer, and the same rule between releases (a later one may revise a
//! figure but not drop a week), so that a file `fetch` keeps is a file the
//! next build accepts. Only the data sources are looked at: a problem in a
//! commentary piece does not stop the week's release from arriving. No I/O
//! here.

use super::config::{SiteConfig, SourceDeclaration, parse_config};
use super::{import_releases, import_table, vintages};
use crate::error::{Error, Location, Problems};
use crate::load::{CONFIG_FILE, LoadedProject, RawTable};
use crate::model::Dataset;

/// The project's data sources and the releases of each now in `data/`.
#[derive(Debug, Clone)]
pub struct CheckedSources {
    /// The site's settings.
    pub config: SiteConfig,
    /// For each source (in `site.toml` order), its releases in `data/`,
    /// oldest first; empty when it has none yet.
    pub releases: Vec<Vec<Dataset>>,
}

/// Checks `site.toml` and every data file, but no commentary.
pub fn check_sources(project: &LoadedProject) -> Result<CheckedSources, Error> {
    let mut problems = Problems::new();
    let Some((config_path, config_text)) = &project.config else {
        problems.report(
            Location::file(CONFIG_FILE),
            "the project has no site.toml",
            "run flowsite in the project folder, or give it with --root",
        );
        return Err(problems.into_error());
    };
    // Only the problems of site.toml and the data files matter here.
    for problem in project.problems.iter() {
        if problem.location.path == *config_path || problem.location.path.starts_with("data/") {
            problems.push(problem.clone());
        }
    }
    let Some(config) = parse_config(config_path, config_text, &mut problems) else {
        return Err(problems.into_error());
    };
    let releases = config
        .sources
        .iter()
        .map(|source| {
            let tables: Vec<&RawTable> = project.tables.iter().filter(|t| source.covers(&t.path)).collect();
            import_releases(&config, source, &tables, &mut problems)
        })
        .collect();
    problems.into_result(CheckedSources { config, releases })
}

/// Checks the downloaded `table` as a release of `source`; when it is newer
/// than `current`, the release in `data/`, it must keep every week of it.
pub fn check_release(
    config: &SiteConfig,
    source: &SourceDeclaration,
    table: &RawTable,
    current: Option<&Dataset>,
) -> Result<Dataset, Error> {
    let mut problems = Problems::new();
    let Some(dataset) = import_table(config, source, table, &mut problems) else {
        return Err(problems.into_error());
    };
    if let Some(current) = current
        && dataset.source.version > current.source.version
    {
        vintages::check_releases(&[current.clone(), dataset.clone()], &mut problems);
    }
    problems.into_result(dataset)
}
