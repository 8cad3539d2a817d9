//! Stage 2, validate: raw records -> typed, checked data.
//!
//! Parse, don't validate: what leaves this stage can be trusted by every
//! later stage. Every problem in every file is collected before failing, so
//! one run tells the user everything that needs fixing. No I/O here.

mod commentary;
mod config;
mod continuity;
mod mof;
mod period;
mod release;
mod tidy;
mod vintages;

pub use commentary::{CHART_FENCE, ChartRequest, Commentary, WEEK_NOTES_FOLDER, is_chart_fence, markdown_options};
pub use config::{DerivedDeclaration, Frequency, SeriesDeclaration, SiteConfig, SourceDeclaration, SourceFormat, Unit};
pub use mof::PUBLISHER;
pub use period::{PeriodDates, parse_period};
pub use release::{CheckedSources, check_release, check_sources};

use crate::error::{Error, Location};
use crate::load::{CONFIG_FILE, LoadedProject, RawTable};
use crate::model::{Dataset, FlowSeries};
use std::collections::{BTreeMap, BTreeSet};

/// A project whose every input has been checked.
#[derive(Debug, Clone)]
pub struct ValidProject {
    /// Site settings.
    pub config: SiteConfig,
    /// The published datasets, in `site.toml` order.
    pub datasets: Vec<Dataset>,
    /// Commentary pages, newest first (ties broken by slug).
    pub commentary: Vec<Commentary>,
    /// Earlier releases of the same statistics (several files under one
    /// source), oldest first; `datasets` holds the latest of each.
    pub earlier_releases: Vec<Dataset>,
    /// Week notes (`content/weeks/*.md`), keyed by the last day of their week.
    pub week_notes: BTreeMap<chrono::NaiveDate, Commentary>,
    /// Files to copy verbatim: (path inside `static/`, bytes).
    pub static_files: Vec<(String, Vec<u8>)>,
}

impl ValidProject {
    /// Every series of every dataset, with the dataset it belongs to.
    pub fn all_series(&self) -> impl Iterator<Item = (&Dataset, &FlowSeries)> {
        self.datasets
            .iter()
            .flat_map(|dataset| dataset.series.iter().map(move |series| (dataset, series)))
    }
}

/// Every release of `source` among `tables`, oldest first, each checked and
/// each checked against the one before (a later release may revise a figure
/// but not drop a week).
fn import_releases(
    config: &SiteConfig,
    source: &SourceDeclaration,
    tables: &[&RawTable],
    problems: &mut crate::error::Problems,
) -> Vec<Dataset> {
    let mut releases: Vec<Dataset> = tables
        .iter()
        .filter_map(|table| import_table(config, source, table, problems))
        .collect();
    // Several files under one source are releases of the same statistics:
    // the latest version date wins.
    releases.sort_by(|a, b| {
        a.source
            .version
            .cmp(&b.source.version)
            .then_with(|| a.source.path.cmp(&b.source.path))
    });
    vintages::check_releases(&releases, problems);
    releases
}

/// One data file read with its source's importer.
fn import_table(
    config: &SiteConfig,
    source: &SourceDeclaration,
    table: &RawTable,
    problems: &mut crate::error::Problems,
) -> Option<Dataset> {
    match source.format {
        SourceFormat::MofWeekly => mof::import_mof_weekly(table, problems),
        SourceFormat::Tidy => tidy::import_tidy(table, source, &config.series, problems),
    }
}

/// Checks everything `load` read, leaving drafts out; returns every problem
/// found, or the typed project.
pub fn validate(project: LoadedProject) -> Result<ValidProject, Error> {
    validate_with(project, false)
}

/// [`validate`], keeping commentary marked `draft = true` when `drafts` is
/// set. A draft left out is not checked beyond its front matter, so that a
/// piece still being written never stops a build for publishing.
pub fn validate_with(project: LoadedProject, drafts: bool) -> Result<ValidProject, Error> {
    let mut problems = project.problems;
    let Some((config_path, config_text)) = project.config else {
        problems.report(
            Location::file(CONFIG_FILE),
            "the project has no site.toml",
            "create site.toml with a `title` and a `[[sources]]` entry; see README.md",
        );
        return Err(problems.into_error());
    };
    let config = config::parse_config(&config_path, &config_text, &mut problems);

    let mut datasets = Vec::new();
    let mut earlier_releases = Vec::new();
    if let Some(config) = &config {
        for table in &project.tables {
            if !config.sources.iter().any(|source| source.covers(&table.path)) {
                problems.report(
                    Location::file(table.path.clone()),
                    "this data file is not declared in site.toml",
                    "add a `[[sources]]` entry for it (or for its folder), or move it out of data/",
                );
            }
        }
        for source in &config.sources {
            let tables: Vec<&RawTable> = project.tables.iter().filter(|t| source.covers(&t.path)).collect();
            if tables.is_empty() {
                // A file that exists but could not be decoded is already reported.
                if problems.mentions(&source.path) {
                    continue;
                }
                problems.report(
                    Location::line(config_path.clone(), source.line),
                    format!("declared data `{}` does not exist", source.path),
                    "put the published CSV (or a folder of its releases) at that path, or fix the path",
                );
                continue;
            }
            let mut releases = import_releases(config, source, &tables, &mut problems);
            if let Some(latest) = releases.pop() {
                datasets.push(latest);
                earlier_releases.extend(releases);
            }
        }
    }

    let mut owners: BTreeMap<crate::model::SeriesId, String> = BTreeMap::new();
    for dataset in &datasets {
        for series in &dataset.series {
            if let Some(first) = owners.insert(series.meta.id.clone(), dataset.source.path.clone()) {
                problems.report(
                    Location::file(dataset.source.path.clone()),
                    format!("series `{}` is also provided by {first}", series.meta.id),
                    "declare each dataset once in site.toml",
                );
            }
        }
    }
    let weekly_ids: BTreeSet<crate::model::SeriesId> = owners.keys().cloned().collect();
    for dataset in &datasets {
        for series in &dataset.monthly {
            if let Some(first) = owners.insert(series.meta.id.clone(), dataset.source.path.clone()) {
                problems.report(
                    Location::file(dataset.source.path.clone()),
                    format!("series `{}` is also provided by {first}", series.meta.id),
                    "give every series its own id",
                );
            }
        }
    }
    if let Some(config) = &config {
        let tidy_read = problems.is_empty();
        for declaration in &config.series {
            if tidy_read && !owners.contains_key(declaration.id.as_str()) {
                problems.report(
                    Location::line(config_path.clone(), declaration.line),
                    format!(
                        "series `{}` is declared but no data file has rows for it",
                        declaration.id
                    ),
                    "add its data to a tidy file listed in [[sources]], or remove the declaration",
                );
            }
        }
    }
    if let Some(config) = &config {
        let data_read = problems.is_empty();
        for declaration in &config.derived {
            if data_read && !weekly_ids.contains(declaration.from.as_str()) {
                problems.report(
                    Location::line(config_path.clone(), declaration.line),
                    format!(
                        "derived series `{}` is summed from `{}`, which is not a weekly series in the data",
                        declaration.id, declaration.from
                    ),
                    format!(
                        "name one of: {}",
                        weekly_ids
                            .iter()
                            .map(crate::model::SeriesId::as_str)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
            }
            if owners.contains_key(declaration.id.as_str()) {
                problems.report(
                    Location::line(config_path.clone(), declaration.line),
                    format!("derived series `{}` has the id of a series in the data", declaration.id),
                    "give it an id of its own, e.g. by adding `-monthly`",
                );
            }
        }
    }
    // Chart blocks, lead series and templates work on weekly series.
    let known_series = weekly_ids;
    // Series references can only be checked against data that imported; if
    // the data has problems, those are the ones to report.
    let data_ok = problems.is_empty();
    if let Some(config) = &config
        && !datasets.is_empty()
    {
        for id in &config.lead_series {
            if !known_series.contains(id.as_str()) {
                problems.report(
                    Location::line(config_path.clone(), config.lead_series_line),
                    format!("lead_series names `{id}`, which the data does not provide"),
                    "use the id of a series, e.g. `inward-equity`",
                );
            }
        }
    }

    let mut commentary = Vec::new();
    let mut week_notes = BTreeMap::new();
    let mut slugs: BTreeMap<String, String> = BTreeMap::new();
    let week_ends: BTreeSet<chrono::NaiveDate> = datasets
        .iter()
        .flat_map(|d| d.series.iter().flat_map(|s| s.points.iter().map(|p| p.week.end())))
        .collect();
    for document in &project.documents {
        let known = data_ok.then_some(&known_series);
        if let Some(piece) = commentary::check_commentary(document, known, drafts, &mut problems) {
            if let Some(week_end) = piece.week_end {
                if data_ok && !week_ends.contains(&week_end) {
                    problems.report(
                        Location::file(piece.path.clone()),
                        format!("no week in the data ends on {week_end}"),
                        "name the note after the last day (a Saturday) of a week in the data",
                    );
                }
                week_notes.insert(week_end, piece);
                continue;
            }
            if let Some(other) = slugs.insert(piece.slug.clone(), piece.path.clone()) {
                problems.report(
                    Location::file(piece.path.clone()),
                    format!("its URL `commentary/{}/` is also that of {other}", piece.slug),
                    "rename one of the two files",
                );
            }
            commentary.push(piece);
        }
    }
    // Newest first, as readers expect; the slug breaks ties so that the order
    // never depends on the file system.
    commentary.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));

    // A config that did not parse has left its problem behind.
    let Some(config) = config else {
        return Err(problems.into_error());
    };
    problems.into_result(ValidProject {
        config,
        datasets,
        commentary,
        week_notes,
        earlier_releases,
        static_files: project.static_files,
    })
}
