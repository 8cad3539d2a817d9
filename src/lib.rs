//! flowsite: a static-site generator for investment-flow statistics.
//!
//! It reads flow statistics as their publisher released them (Japan MOF's
//! weekly `week.csv`) and a newsroom's Markdown commentary, and writes a
//! static site of charts, tables and pages. The module tree is the pipeline:
//!
//! `load` (files -> raw records) -> `validate` (-> checked, typed data) ->
//! `series` (-> facts) -> `prose` (facts -> sentences) -> page plan (->
//! chart requests) -> `chart` (-> SVG; a chart whose history, request and
//! words are those of one the last build drew is taken from its store) ->
//! `page` (-> HTML) -> `output` (-> the site on disk, atomically).
//!
//! Around it: `cmd` (one file per command), `serve` (the preview server,
//! which calls [`render_site`] on every change), `fetch` (downloads a
//! publisher's new release into `data/`) and `report` (every line printed).

// A panic is never the way to report bad input: no unwrap or expect outside
// tests.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod cache;
pub mod chart;
pub mod cli;
pub mod cmd;
pub mod error;
#[cfg(feature = "fetch")]
pub mod fetch;
pub mod load;
pub mod model;
pub mod money;
pub mod output;
pub mod page;
pub mod parallel;
pub mod prose;
pub mod raster;
pub mod report;
pub mod series;
#[cfg(feature = "serve")]
pub mod serve;
pub mod validate;

use error::{Error, Problem};
use model::Dataset;
use output::{BuildId, BuildRecord, Fingerprint, SitePlan, Unchanged, WriteReport};
use std::path::Path;

/// What a build includes besides the published site.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Whether commentary marked `draft = true` is rendered (the preview
    /// shows drafts; a build for publishing leaves them out).
    pub drafts: bool,
}

/// The steps of a build, in the order they run, for progress reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Reading the project folder.
    Load,
    /// Checking every input.
    Validate,
    /// Computing the facts of every week.
    Analyse,
    /// Drawing the charts.
    Charts,
    /// Rendering the pages and downloads (a build writes each into the
    /// spare copy of the site as it is rendered).
    Pages,
    /// Drawing the share cards and chart images (PNG), each written as it
    /// is drawn, then putting the new site in place.
    Images,
}

impl Step {
    /// How many steps a build has (a check has one fewer: it draws no
    /// images).
    pub const COUNT: u64 = 6;

    /// What the step does, for a progress bar.
    pub fn describe(self) -> &'static str {
        match self {
            Step::Load => "reading the project",
            Step::Validate => "checking the inputs",
            Step::Analyse => "computing the facts",
            Step::Charts => "drawing the charts",
            Step::Pages => "rendering the pages",
            Step::Images => "drawing and writing the images",
        }
    }

    /// The step's place in the build, from 0.
    pub fn index(self) -> u64 {
        self as u64
    }
}

/// A site rendered in memory, with the data it was rendered from.
#[derive(Debug, Clone)]
pub struct Site {
    /// Every file of the site.
    pub plan: SitePlan,
    /// The release of each source the figures come from, in `site.toml`
    /// order; the preview compares them across rebuilds to list revisions.
    pub datasets: Vec<Dataset>,
    /// The site's name.
    pub title: String,
    /// The address the site is published at (`base_url`), if given.
    pub base_url: Option<String>,
    /// What the build should know but that did not stop it (no `base_url`,
    /// weeks with no exchange rate).
    pub warnings: Vec<Problem>,
    /// How many charts were drawn and how many were reused.
    pub charts: chart::ChartReport,
    /// The PNGs of the site, not yet drawn: a build draws them all, the
    /// preview only those a browser asks for.
    /// Their text is already checked against the bundled fonts.
    pub images: Vec<raster::ImageJob>,
}

impl Site {
    /// The image at `route`, drawn now, if the site has one there (the
    /// preview serves images from memory as browsers ask for them).
    pub fn image(&self, route: &str, store: &dyn cache::Store) -> Option<Result<Vec<u8>, Error>> {
        let at = self.images.binary_search_by(|job| job.path.as_str().cmp(route)).ok()?;
        let job = &self.images[at];
        let fonts = raster::Fonts::bundled();
        let key = job.key(fonts);
        Some(match store.get(key) {
            Ok(Some(bytes)) => Ok(bytes.to_vec()),
            Ok(None) => raster::render_png(job, fonts).and_then(|bytes| {
                store.put(key, std::sync::Arc::new(bytes.clone()))?;
                Ok(bytes)
            }),
            Err(error) => Err(error),
        })
    }
}

/// What drawing the images did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImageReport {
    /// How many PNG files the site has.
    pub images: usize,
    /// How many distinct PNGs were drawn.
    pub drawn: usize,
    /// How many distinct PNGs the cache already held.
    pub reused: usize,
}

/// What a successful build did.
#[derive(Debug, Clone)]
pub enum Built {
    /// The site was rendered and written.
    Written(BuildSummary),
    /// The site in the output folder was built from the same inputs, with
    /// the same options, by the same flowsite, and is intact: nothing was
    /// rendered or written.
    Unchanged(Unchanged),
}

/// What a build that rendered and wrote the site produced.
#[derive(Debug, Clone)]
pub struct BuildSummary {
    /// How many files the site has.
    pub files: usize,
    /// How many bytes they hold.
    pub bytes: u64,
    /// What writing changed on disk.
    pub written: WriteReport,
    /// How many charts were drawn and how many an earlier build had drawn.
    pub charts: chart::ChartReport,
    /// What drawing the images did.
    pub images: ImageReport,
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

/// Runs every step but writing: the site as it would be written. `step` is
/// told as each step starts.
pub fn render_site(root: &Path, options: &Options, step: &mut dyn FnMut(Step)) -> Result<Site, Error> {
    render_site_reusing(root, options, &chart::ChartReuse::none(), &cache::NoStore, step)
}

/// [`render_site`], taking the charts `reuse` holds rather than drawing
/// them again, and the pages `pages` holds rather than rendering them
/// again (the preview keeps both between rebuilds).
pub fn render_site_reusing(
    root: &Path,
    options: &Options,
    reuse: &chart::ChartReuse<'_>,
    pages: &dyn cache::Store,
    step: &mut dyn FnMut(Step),
) -> Result<Site, Error> {
    // Reading comes first and is the only step that touches the project.
    step(Step::Load);
    let loaded = load::load_project(root)?;
    let prepared = prepare(loaded, options, reuse, pages, step)?;
    // The whole site is kept in memory: the preview serves it from there.
    let gathered = output::Gathered::default();
    let rendered = render_prepared(prepared, &|file| gathered.put(file), step)?;
    Ok(Site {
        plan: gathered.into_plan(),
        datasets: rendered.datasets,
        title: rendered.title,
        base_url: rendered.base_url,
        warnings: rendered.warnings,
        charts: rendered.charts,
        images: rendered.images,
    })
}

/// A site's own edition or its Japanese one, ready for its pages: its
/// project, facts, plan and charts.
struct EditionParts {
    project: validate::ValidProject,
    analysis: series::Analysis,
    plan: page::PagePlan,
    charts: std::collections::BTreeMap<chart::ChartRequest, chart::ChartSvg>,
    monthly_charts: std::collections::BTreeMap<model::SeriesId, chart::ChartSvg>,
}

impl EditionParts {
    /// What this edition's views read.
    fn site_data<'a>(
        &'a self,
        dollars: &'a series::DollarRates,
        edition: page::routes::Edition,
        other_slugs: Option<&'a std::collections::BTreeSet<String>>,
        reuse: page::PageReuse<'a>,
    ) -> page::SiteData<'a> {
        page::SiteData {
            project: &self.project,
            analysis: &self.analysis,
            dollars,
            plan: &self.plan,
            charts: &self.charts,
            monthly_charts: &self.monthly_charts,
            cache: page::PageCache::default(),
            edition,
            other_slugs,
            reuse,
        }
    }
}

/// Everything the pages are rendered from, once the inputs are checked
/// and the charts drawn.
struct Prepared<'s> {
    english: EditionParts,
    japanese: Option<EditionParts>,
    dollars: series::DollarRates,
    chart_report: chart::ChartReport,
    page_reuse: page::PageReuse<'s>,
}

/// A site whose pages went to where they were handed: everything of the
/// [`Site`] but its files.
struct Rendered {
    datasets: Vec<Dataset>,
    title: String,
    base_url: Option<String>,
    warnings: Vec<Problem>,
    charts: chart::ChartReport,
    images: Vec<raster::ImageJob>,
}

/// Every step after loading up to the pages: checking, the facts and the
/// charts of each edition.
fn prepare<'s>(
    loaded: load::LoadedProject,
    options: &Options,
    reuse: &chart::ChartReuse<'_>,
    pages: &'s dyn cache::Store,
    step: &mut dyn FnMut(Step),
) -> Result<Prepared<'s>, Error> {
    // A page that reads no commentary is the same as long as the settings
    // and the data are: its key starts from their hash, taken before
    // validation.
    let page_reuse = page::PageReuse::new(pages, reuse.build, options.drafts, &loaded.settings_and_data);
    // Every problem in every file is found here, before any work is done.
    step(Step::Validate);
    let project = validate::validate_with(loaded, options.drafts)?;
    // Facts are computed once and shared by charts, prose and tables.
    step(Step::Analyse);
    let analysis = series::analyse(&project.datasets, &project.earlier_releases, &project.config.derived);
    // Dollar figures use each week's release-day rate; a week without one
    // is left in yen and warned about, never converted at a guess.
    let dollars = series::release_rates(&project.datasets, project.fx.as_ref());
    // Pages declare their charts first, in one place, so that the chart
    // stage draws exactly those and no list elsewhere must agree.
    let plan = page::plan_pages(&project);
    // Charts before pages: pages embed them.
    step(Step::Charts);
    let (charts, mut chart_report) = chart::render_charts(
        &project.datasets,
        &analysis,
        &plan.chart_requests(),
        &chart::text::ENGLISH,
        reuse,
    )?;
    let monthly_charts = chart::render_monthly_charts(&analysis.monthly, &chart::text::ENGLISH)?;
    // The Japanese edition, if the site has one: the same facts named in
    // Japanese, its own commentary, so its own plan and charts.
    let japanese = match page::edition::japanese_project(&project) {
        Some(japanese) => {
            let analysis = page::edition::japanese_analysis(&analysis);
            let plan = page::plan_pages(&japanese);
            let (charts, report) = chart::render_charts(
                &japanese.datasets,
                &analysis,
                &plan.chart_requests(),
                &chart::text::ja::JAPANESE,
                reuse,
            )?;
            chart_report = chart_report + report;
            let monthly_charts = chart::render_monthly_charts(&analysis.monthly, &chart::text::ja::JAPANESE)?;
            Some(EditionParts {
                project: japanese,
                analysis,
                plan,
                charts,
                monthly_charts,
            })
        }
        None => None,
    };
    Ok(Prepared {
        english: EditionParts {
            project,
            analysis,
            plan,
            charts,
            monthly_charts,
        },
        japanese,
        dollars,
        chart_report,
        page_reuse,
    })
}

/// Renders every page of `prepared`, handing each file to `emit` as soon
/// as it is made, and plans the images.
fn render_prepared(
    prepared: Prepared<'_>,
    emit: &page::Emit<'_>,
    step: &mut dyn FnMut(Step),
) -> Result<Rendered, Error> {
    let Prepared {
        english: own,
        japanese,
        dollars,
        chart_report,
        page_reuse,
    } = prepared;
    let slugs = |pieces: &[validate::Commentary]| -> std::collections::BTreeSet<String> {
        pieces.iter().map(|piece| piece.slug.clone()).collect()
    };
    let english_slugs = slugs(&own.project.commentary);
    let japanese_slugs = japanese.as_ref().map(|parts| slugs(&parts.project.commentary));
    step(Step::Pages);
    let english = own.site_data(
        &dollars,
        page::routes::Edition::English,
        japanese_slugs.as_ref(),
        page_reuse,
    );
    let japanese = japanese.as_ref().map(|parts| {
        parts.site_data(
            &dollars,
            page::routes::Edition::Japanese,
            Some(&english_slugs),
            page_reuse,
        )
    });
    // The images are planned before the pages that link them, so that each
    // page can be checked against their paths as it is made; a text the
    // bundled fonts cannot draw fails here, so that `check` and the preview
    // report it too, before any image is drawn.
    let mut images = page::image_jobs(&english);
    if let Some(japanese) = &japanese {
        images.extend(page::image_jobs(japanese).into_iter().map(|mut job| {
            job.path = japanese.edition.path(&job.path);
            job
        }));
    }
    images.sort_by(|a, b| a.path.cmp(&b.path));
    raster::check_text(&images, raster::Fonts::bundled())?;
    let image_paths: Vec<&str> = images.iter().map(|job| job.path.as_str()).collect();
    let placement = output::Placement::new(&own.project.static_files, &image_paths);
    page::render_pages(&english, japanese.as_ref(), &|file| {
        if placement.admit(&file.path)? {
            emit(file)
        } else {
            Ok(())
        }
    })?;
    for file in placement.finish()? {
        emit(file)?;
    }
    let project = own.project;
    Ok(Rendered {
        datasets: project.datasets,
        title: project.config.title,
        base_url: project.config.base_url,
        warnings: project.warnings.iter().cloned().chain(dollars.warnings).collect(),
        charts: chart_report,
        images,
    })
}

/// Runs every step but writing, leaving drafts out: the site as `build`
/// would write it.
pub fn check(root: &Path) -> Result<Checked, Error> {
    render_site(root, &Options::default(), &mut |_| {}).map(|site| Checked {
        plan: site.plan,
        warnings: site.warnings,
    })
}

/// Builds the site at `root` into `out`, leaving drafts out; the previous
/// `out` is replaced only if the whole build succeeds.
pub fn build(root: &Path, out: &Path) -> Result<Built, Error> {
    build_with(root, out, &Options::default(), &mut |_| {})
}

/// [`build`] with `options`, telling `step` as each step starts.
pub fn build_with(root: &Path, out: &Path, options: &Options, step: &mut dyn FnMut(Step)) -> Result<Built, Error> {
    build_by(root, out, options, &BuildId::current(), step)
}

/// [`build_with`] as if made by the flowsite build `build` (tests stand in
/// for a new flowsite with it).
pub fn build_by(
    root: &Path,
    out: &Path,
    options: &Options,
    build: &BuildId,
    step: &mut dyn FnMut(Step),
) -> Result<Built, Error> {
    // An output folder that would replace the project is refused before any
    // work is done.
    output::check_output_location(root, out)?;
    step(Step::Load);
    let files = load::read_project(root)?;
    // Nothing changed: the inputs, the options and flowsite are those of
    // the intact site in `out`, so rendering would give the same bytes
    // again. Decided once every input is read and hashed, before anything
    // is decoded or rendered. A refused file (a link) is reported by a full
    // build; every other problem depends on the bytes alone, and a site was
    // built from these bytes, so they have none.
    let fingerprint = Fingerprint::of(&files.digest, options, build);
    if !files.has_problems()
        && let Some(unchanged) = output::unchanged_site(out, &fingerprint)
    {
        return Ok(Built::Unchanged(unchanged));
    }
    let loaded = load::parse_project(files);
    // Charts the last build of this output drew from the same history are
    // taken from its cache rather than drawn again.
    let pack = output::ChartPack::read(out)?;
    let reuse = chart::ChartReuse {
        store: &pack,
        build: build.as_str(),
        memo: None,
    };
    let prepared = prepare(loaded, options, &reuse, &cache::NoStore, step)?;
    // The site is written into the spare as it is made, each page as it is
    // rendered, then each image as it is drawn, and let go: the site is
    // never held whole. The spare is claimed only once every input is
    // checked; bad input found from here on (a commentary's template, a
    // cache folder that is not flowsite's) drops it, and the live site is
    // never touched.
    let spare = output::Spare::open(out)?;
    let site = render_prepared(prepared, &|file| spare.put(&file.path, &file.bytes), step)?;
    // Drawing is the costly step: PNGs already drawn for this output (same
    // SVG, fonts and renderer) come from its cache.
    step(Step::Images);
    let cache = output::ImageCache::open(out)?;
    let fonts = raster::Fonts::bundled();
    let (drawn, reused) = raster::draw_each(&site.images, fonts, &cache, &|_, job, bytes| {
        spare.put(&job.path, bytes)
    })?;
    let images = ImageReport {
        images: site.images.len(),
        drawn,
        reused,
    };
    let files = spare.files();
    let bytes = spare.bytes();
    let record = BuildRecord {
        fingerprint,
        warnings: site.warnings.iter().map(ToString::to_string).collect(),
    };
    let written = spare.finish(Some(&record))?;
    cache.forget_unused()?;
    pack.save(&cache)?;
    Ok(Built::Written(BuildSummary {
        files,
        bytes,
        written,
        charts: site.charts,
        images,
        warnings: site.warnings,
    }))
}
