//! Stage 2, validate: raw records -> typed, checked data.
//!
//! Parse, don't validate: what leaves this stage can be trusted by every
//! later stage. Every problem in every file is collected before failing, so
//! one run tells the user everything that needs fixing. No I/O here.

mod annotations;
mod commentary;
mod config;
mod continuity;
mod fx;
mod lines;
mod mof;
mod number;
mod period;
mod release;
mod template_syntax;
mod tidy;
mod vintages;

pub use annotations::{Annotation, MAX_LABEL_CHARS};
pub use commentary::{
    CHART_FENCE, ChartBlockKey, ChartRequest, Commentary, UnsafeMarkdown, WEEK_NOTES_FOLDER, chart_block_key,
    is_chart_fence, markdown_options, unsafe_markdown,
};
pub use config::{DerivedDeclaration, Frequency, SeriesDeclaration, SiteConfig, SourceDeclaration, SourceFormat, Unit};
pub use fx::{DayRates, Decimal, ECB_PUBLISHER, EuroRates, FxDeclaration, FxFormat};
pub use mof::PUBLISHER;
pub use period::{PeriodDates, parse_period};
pub use release::{CheckedSources, check_release, check_sources};
pub use template_syntax::{TEMPLATE_FUNCTIONS, Tag, TagKind, names, scan_tags};

use crate::error::{Error, Location, Problem, Problems, one_of, quote};
use crate::load::{CONFIG_FILE, LoadedProject, RawDocument, RawTable};
use crate::model::{Dataset, FlowSeries, SeriesId};
use chrono::NaiveDate;
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
    /// The Japanese edition's commentary (`content/*.ja.md`), newest first.
    pub commentary_ja: Vec<Commentary>,
    /// The Japanese edition's week notes (`content/weeks/*.ja.md`).
    pub week_notes_ja: BTreeMap<chrono::NaiveDate, Commentary>,
    /// Files to copy verbatim: (path inside `static/`, bytes).
    pub static_files: Vec<(String, Vec<u8>)>,
    /// What the build should tell the user without failing (a site with
    /// no `base_url` gets no feed).
    pub warnings: Vec<Problem>,
    /// The exchange rates of the `[[fx]]` file, if the site declares one.
    pub fx: Option<EuroRates>,
}

impl ValidProject {
    /// Every series of every dataset, with the dataset it belongs to.
    pub fn all_series(&self) -> impl Iterator<Item = (&Dataset, &FlowSeries)> {
        self.datasets
            .iter()
            .flat_map(|dataset| dataset.series.iter().map(move |series| (dataset, series)))
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
    // Without site.toml nothing else can be understood.
    let Some((config_path, config_text)) = config_file(project.config, &mut problems) else {
        return Err(problems.into_error());
    };
    let config = config::parse_config(&config_path, &config_text, &mut problems);
    // The data next: every later check is about what it provides.
    let imported = match &config {
        Some(config) => import_sources(config, &config_path, &project.tables, &mut problems),
        None => Imported::default(),
    };
    let fx = config
        .as_ref()
        .and_then(|config| fx::import_rates(&config.fx, &project.tables, &config_path, &mut problems));
    let ids = series_ids(&imported.datasets, &mut problems);
    if let Some(config) = &config {
        check_declarations(config, &config_path, &ids, &mut problems);
    }
    // Series references can only be checked against data that imported; if
    // the data has problems, those are the ones to report.
    let data_ok = problems.is_empty();
    if let Some(config) = &config
        && !imported.datasets.is_empty()
    {
        check_lead_series(config, &ids.weekly, &mut problems);
    }
    let raw_html_allowed = config.as_ref().is_some_and(|config| config.allow_raw_html);
    let known = data_ok.then_some(&imported);
    let pieces = check_pieces(
        &project.documents,
        known,
        &ids.weekly,
        (raw_html_allowed, drafts),
        &mut problems,
    );
    // Annotation dates can only be checked against data that imported.
    if data_ok && let Some(config) = &config {
        check_all_annotations(config, &config_path, &imported, &pieces, &mut problems);
    }
    // A config that did not parse has left its problem behind.
    let Some(config) = config else {
        return Err(problems.into_error());
    };
    let warnings = warnings(&config, &config_path);
    problems.into_result(ValidProject {
        config,
        datasets: imported.datasets,
        commentary: pieces.commentary,
        week_notes: pieces.week_notes,
        commentary_ja: pieces.commentary_ja,
        week_notes_ja: pieces.week_notes_ja,
        earlier_releases: imported.earlier_releases,
        static_files: project.static_files,
        warnings,
        fx,
    })
}

/// `site.toml`'s path and text. A file that exists but could not be
/// decoded has been reported already, and is not also called missing.
fn config_file(config: Option<(String, String)>, problems: &mut Problems) -> Option<(String, String)> {
    if config.is_none() && !problems.mentions(CONFIG_FILE) {
        problems.report(
            Location::file(CONFIG_FILE),
            "the project has no site.toml",
            "create site.toml with a `title` and a `[[sources]]` entry; see README.md",
        );
    }
    config
}

/// The datasets the declared sources hold.
#[derive(Debug, Default)]
struct Imported {
    /// The latest release of each source, in `site.toml` order.
    datasets: Vec<Dataset>,
    /// Earlier releases, oldest first.
    earlier_releases: Vec<Dataset>,
}

impl Imported {
    /// The series `id` of the latest releases.
    fn series(&self, id: &str) -> Option<&FlowSeries> {
        self.datasets
            .iter()
            .flat_map(|dataset| &dataset.series)
            .find(|series| series.meta.id == id)
    }
}

/// Every release of `source` among `tables`, oldest first, each checked and
/// each checked against the one before (a later release may revise a figure
/// but not drop a week).
fn import_releases(
    config: &SiteConfig,
    source: &SourceDeclaration,
    tables: &[&RawTable],
    problems: &mut Problems,
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
    problems: &mut Problems,
) -> Option<Dataset> {
    match source.format {
        SourceFormat::MofWeekly => mof::import_mof_weekly(table, problems),
        SourceFormat::Tidy => tidy::import_tidy(table, source, &config.series, problems),
    }
}

/// Reads every data file against the source that declares it.
fn import_sources(config: &SiteConfig, config_path: &str, tables: &[RawTable], problems: &mut Problems) -> Imported {
    for table in tables {
        let is_rate_file = config.fx.iter().any(|fx| fx.path == table.path);
        if !is_rate_file && !config.sources.iter().any(|source| source.covers(&table.path)) {
            problems.report(
                Location::file(table.path.clone()),
                "this data file is not declared in site.toml",
                "add a `[[sources]]` entry for it (or for its folder), or move it out of data/",
            );
        }
    }
    let mut imported = Imported::default();
    for source in &config.sources {
        let covered: Vec<&RawTable> = tables.iter().filter(|t| source.covers(&t.path)).collect();
        if covered.is_empty() {
            // A file that exists but could not be decoded is already reported.
            if !problems.mentions(&source.path) {
                problems.report(
                    Location::cell(config_path, source.line, source.column),
                    format!("declared data `{}` does not exist", quote(&source.path)),
                    "put the published CSV (or a folder of its releases) at that path, or fix the path",
                );
            }
            continue;
        }
        let mut releases = import_releases(config, source, &covered, problems);
        if let Some(latest) = releases.pop() {
            imported.datasets.push(latest);
            imported.earlier_releases.extend(releases);
        }
    }
    imported
}

/// The ids the data provides, each from one dataset.
struct SeriesIds {
    /// Every series id, weekly and monthly, with the file providing it.
    owners: BTreeMap<SeriesId, String>,
    /// The weekly series, which chart blocks, the lead series and templates
    /// work on.
    weekly: BTreeSet<SeriesId>,
}

/// Every series' id, reporting any that two datasets both provide.
fn series_ids(datasets: &[Dataset], problems: &mut Problems) -> SeriesIds {
    let mut owners: BTreeMap<SeriesId, String> = BTreeMap::new();
    let mut claim = |id: &SeriesId, path: &str, fix: &str, problems: &mut Problems| {
        if let Some(first) = owners.insert(id.clone(), path.to_string()) {
            problems.report(
                Location::file(path),
                format!("series `{id}` is also provided by {first}"),
                fix,
            );
        }
    };
    for dataset in datasets {
        for series in &dataset.series {
            claim(
                &series.meta.id,
                &dataset.source.path,
                "declare each dataset once in site.toml",
                problems,
            );
        }
    }
    let weekly: BTreeSet<SeriesId> = datasets
        .iter()
        .flat_map(|dataset| dataset.series.iter().map(|series| series.meta.id.clone()))
        .collect();
    for dataset in datasets {
        for series in &dataset.monthly {
            claim(
                &series.meta.id,
                &dataset.source.path,
                "give every series its own id",
                problems,
            );
        }
    }
    SeriesIds { owners, weekly }
}

/// Declared series must have data, and derived ones a weekly series to be
/// summed from and an id of their own.
fn check_declarations(config: &SiteConfig, config_path: &str, ids: &SeriesIds, problems: &mut Problems) {
    // A declaration without data is only certain once every tidy file read.
    let tidy_read = problems.is_empty();
    for declaration in &config.series {
        if tidy_read && !ids.owners.contains_key(declaration.id.as_str()) {
            problems.report(
                Location::cell(config_path, declaration.line, declaration.column),
                format!(
                    "series `{}` is declared but no data file has rows for it",
                    declaration.id
                ),
                "add its data to a tidy file listed in [[sources]], or remove the declaration",
            );
        }
    }
    let data_read = problems.is_empty();
    for declaration in &config.derived {
        if data_read && !ids.weekly.contains(declaration.from.as_str()) {
            problems.report(
                Location::cell(config_path, declaration.line, declaration.column),
                format!(
                    "derived series `{}` is summed from `{}`, which is not a weekly series in the data",
                    declaration.id,
                    quote(&declaration.from)
                ),
                derived_hint(&declaration.from, &ids.weekly),
            );
        }
        if ids.owners.contains_key(declaration.id.as_str()) {
            problems.report(
                Location::cell(config_path, declaration.line, declaration.column),
                format!("derived series `{}` has the id of a series in the data", declaration.id),
                "give it an id of its own, e.g. by adding `-monthly`",
            );
        }
    }
}

/// "name one of: …", led by a guess at the series meant.
fn derived_hint(from: &str, weekly: &BTreeSet<SeriesId>) -> String {
    let names = weekly.iter().map(SeriesId::as_str);
    match crate::error::closest(from, names.clone()) {
        Some(guess) => format!(
            "did you mean `{guess}`? name one of: {}",
            crate::error::name_list(names)
        ),
        None => format!("name one of: {}", crate::error::name_list(names)),
    }
}

/// Every id `lead_series` names must be a weekly series of the data; each
/// problem is at the id's own place in site.toml.
fn check_lead_series(config: &SiteConfig, weekly: &BTreeSet<SeriesId>, problems: &mut Problems) {
    for (id, location) in config.lead_series.iter().zip(&config.lead_series_locations) {
        if !weekly.contains(id.as_str()) {
            problems.report(
                location.clone(),
                format!("lead_series names `{}`, which the data does not provide", quote(id)),
                one_of(id, weekly.iter().map(SeriesId::as_str)),
            );
        }
    }
}

/// The commentary, checked.
#[derive(Default)]
struct Pieces {
    /// Commentary pages, newest first (ties broken by slug).
    commentary: Vec<Commentary>,
    /// Week notes by the last day of their week.
    week_notes: BTreeMap<NaiveDate, Commentary>,
    /// The Japanese edition's commentary.
    commentary_ja: Vec<Commentary>,
    /// The Japanese edition's week notes.
    week_notes_ja: BTreeMap<NaiveDate, Commentary>,
}

/// Checks every commentary file; series, weeks and dates are checked
/// against the data when it imported (`known`).
/// Checks the events of `site.toml` and of every piece against the weeks
/// each series covers.
fn check_all_annotations(
    config: &SiteConfig,
    config_path: &str,
    imported: &Imported,
    pieces: &Pieces,
    problems: &mut Problems,
) {
    let coverage: annotations::Coverage = imported
        .datasets
        .iter()
        .flat_map(|d| &d.series)
        .filter_map(|s| {
            Some((
                s.meta.id.clone(),
                (s.points.first()?.week.start(), s.points.last()?.week.end()),
            ))
        })
        .collect();
    annotations::check_annotations(config_path, &config.annotations, &coverage, problems);
    for piece in pieces.commentary.iter().chain(pieces.week_notes.values()) {
        annotations::check_annotations(&piece.path, &piece.annotations, &coverage, problems);
    }
}

fn check_pieces(
    documents: &[RawDocument],
    known: Option<&Imported>,
    weekly: &BTreeSet<SeriesId>,
    (raw_html_allowed, drafts): (bool, bool),
    problems: &mut Problems,
) -> Pieces {
    let mut pieces = Pieces::default();
    // Slugs are unique within an edition; a Japanese piece shares its
    // English counterpart's.
    let mut slugs: BTreeMap<(bool, String), String> = BTreeMap::new();
    let week_ends: BTreeSet<NaiveDate> = known
        .into_iter()
        .flat_map(|imported| &imported.datasets)
        .flat_map(|d| d.series.iter().flat_map(|s| s.points.iter().map(|p| p.week.end())))
        .collect();
    for document in documents {
        let known_series = known.map(|_| weekly);
        let Some(piece) = commentary::check_commentary(document, known_series, raw_html_allowed, drafts, problems)
        else {
            continue;
        };
        if let Some(imported) = known {
            check_dated_within_data(&piece, imported, problems);
        }
        if let Some(week_end) = piece.week_end {
            if known.is_some() && !week_ends.contains(&week_end) {
                problems.report(
                    Location::file(piece.path.clone()),
                    format!("no week in the data ends on {week_end}"),
                    "name the note after the last day (a Saturday) of a week in the data",
                );
            }
            let notes = if piece.japanese {
                &mut pieces.week_notes_ja
            } else {
                &mut pieces.week_notes
            };
            notes.insert(week_end, piece);
            continue;
        }
        if let Some(other) = slugs.insert((piece.japanese, piece.slug.clone()), piece.path.clone()) {
            problems.report(
                Location::file(piece.path.clone()),
                format!("its URL `commentary/{}/` is also that of {other}", piece.slug),
                "rename one of the two files",
            );
        }
        if piece.japanese {
            pieces.commentary_ja.push(piece);
        } else {
            pieces.commentary.push(piece);
        }
    }
    // Newest first, as readers expect; the slug breaks ties so that the order
    // never depends on the file system.
    for list in [&mut pieces.commentary, &mut pieces.commentary_ja] {
        list.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));
    }
    pieces
}

/// A chart is drawn as of the piece's date: a piece dated before the first
/// week of a series it charts would have nothing to show.
fn check_dated_within_data(piece: &Commentary, imported: &Imported, problems: &mut Problems) {
    let as_of = piece.as_of();
    for request in &piece.charts {
        let Some(first) = imported
            .series(&request.series_id)
            .and_then(|series| series.points.first())
        else {
            continue;
        };
        let first_end = first.week.end();
        if as_of < first_end {
            problems.report(
                Location::line(piece.path.clone(), request.line),
                format!(
                    "the piece is dated {as_of}, before the first week of `{}` in the data ends ({first_end}): its chart would be empty",
                    request.series_id
                ),
                format!("date the piece on or after {first_end}, or chart a series the data covers on its date"),
            );
        }
    }
}

/// What a build tells the user without failing.
fn warnings(config: &SiteConfig, config_path: &str) -> Vec<Problem> {
    let mut warnings = Vec::new();
    if config.base_url.is_none() {
        warnings.push(Problem::new(
            Location::file(config_path),
            "no `base_url`: feed.xml and sitemap.xml are not written, and share cards and canonical links need it",
            "add `base_url = \"https://…/\"`, the address the site is published at",
        ));
    }
    warnings
}
