//! Stage 5, page: typed data and charts -> HTML pages and downloads.
//!
//! Views are plain functions returning maud `Markup`, each over a plain
//! model of its page built first; every word they show comes from the
//! edition's [`chrome::Chrome`] (and the briefs' sentences from its
//! phrasebook). Every link is relative to the page it is on, so the site
//! works opened from disk and served from any sub-path; the 404 page, which
//! a host serves at any address, links from the site's root path instead.
//! Every path comes from [`routes`]. No I/O here.

mod brief;
pub mod chrome;
mod commentary_pages;
mod downloads;
pub mod edition;
mod embed;
mod feed;
mod figure;
mod home;
pub mod images;
mod layout;
mod markdown;
mod methodology;
mod monthly_pages;
pub mod plan;
mod release;
pub mod reuse;
mod revisions_page;
pub mod routes;
mod series_pages;
mod share;
mod tables;
mod template;

pub use images::image_jobs;
pub use markdown::render_markdown;
pub use plan::{PageKey, PagePlan, plan_pages};
pub use reuse::PageReuse;
pub use template::{Templates, WeekValue};

use crate::chart::{ChartRequest, ChartSvg};
use crate::error::Error;
use crate::model::{Dataset, FlowSeries};
use crate::series::{Analysis, WeekFacts};
use crate::validate::ValidProject;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

/// Where pages expect the stylesheet.
const DEFAULT_STYLESHEET_PATH: &str = routes::STYLESHEET;
/// The stylesheet written when `static/style.css` is absent: the sample
/// site's, which the charts' dark-mode colours are made for. `flowsite
/// init` gives a new project a copy to edit.
pub const DEFAULT_STYLESHEET: &str = include_str!("../../static/style.css");
/// The icon written when `static/favicon.svg` is absent: a column chart of
/// buying and selling in the charts' colours.
pub const DEFAULT_FAVICON: &str = include_str!("../../static/favicon.svg");

/// One file of the built site, before it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedFile {
    /// Path inside the output folder, with `/`.
    pub path: String,
    /// Its bytes.
    pub bytes: crate::cache::Bytes,
}

/// What every view may read: the checked project, the facts and the charts.
pub struct SiteData<'a> {
    /// The checked project.
    pub project: &'a ValidProject,
    /// Facts of every week of every series.
    pub analysis: &'a Analysis,
    /// The release-day exchange rate of each week, for dollar figures.
    pub dollars: &'a crate::series::DollarRates,
    /// Which charts each page shows.
    pub plan: &'a PagePlan,
    /// Every chart the plan asked for, rendered.
    pub charts: &'a BTreeMap<ChartRequest, ChartSvg>,
    /// The chart of each monthly series, by id.
    pub monthly_charts: &'a BTreeMap<crate::model::SeriesId, ChartSvg>,
    /// Pieces of HTML many pages share, made on first use.
    pub cache: PageCache,
    /// The edition these pages are.
    pub edition: routes::Edition,
    /// On a site with two editions, the commentary slugs the other edition
    /// has (every other page is in both); `None` on a site with one.
    pub other_slugs: Option<&'a BTreeSet<String>>,
    /// Pages an earlier render made from the same inputs.
    pub reuse: PageReuse<'a>,
}

/// Rendered HTML shared by many pages: every week appears in the data
/// tables of 52 charts, so its table row is rendered once.
#[derive(Debug, Default)]
pub struct PageCache {
    weekly_rows: OnceLock<BTreeMap<crate::model::SeriesId, Vec<String>>>,
    travel: OnceLock<images::Travel>,
}

impl SiteData<'_> {
    /// The data-table row (`<tr>`) of every week of series `id`, in week order.
    pub fn weekly_table_rows(&self, id: &str) -> &[String] {
        let rows = self.cache.weekly_rows.get_or_init(|| {
            self.project
                .all_series()
                .map(|(_, series)| {
                    let rows = series
                        .points
                        .iter()
                        .map(|point| figure::week_row(self.chrome(), series.meta.unit, point.week, point.net))
                        .collect();
                    (series.meta.id.clone(), rows)
                })
                .collect()
        });
        rows.get(id).map_or(&[], Vec::as_slice)
    }

    /// Where every chart's images and embeds live, and every page's card.
    pub fn travel(&self) -> &images::Travel {
        self.cache.travel.get_or_init(|| images::plan_travel(self))
    }

    /// The edition's phrasebook.
    pub fn phrasebook(&self) -> &'static dyn crate::prose::Phrasebook {
        match self.edition {
            routes::Edition::English => &crate::prose::en::ENGLISH,
            routes::Edition::Japanese => &crate::prose::ja::JAPANESE,
        }
    }

    /// The words of the page chrome, in the edition's language.
    pub fn chrome(&self) -> &'static chrome::Chrome {
        match self.edition {
            routes::Edition::English => &chrome::ENGLISH,
            routes::Edition::Japanese => &chrome::JAPANESE,
        }
    }

    /// Links from the edition's page at route `path`.
    pub fn links(&self, path: &str) -> layout::Links<'static> {
        layout::Links::in_edition(self.edition, path)
    }

    /// Whether the site has another edition than this one.
    pub fn has_other_edition(&self) -> bool {
        self.other_slugs.is_some()
    }

    /// The route of the page `route`'s counterpart in the other edition, if
    /// it has one: the same route, except for a commentary piece written
    /// in one language only.
    pub fn counterpart<'r>(&self, route: &'r str) -> Option<&'r str> {
        let slugs = self.other_slugs?;
        let piece = route
            .strip_prefix("commentary/")
            .and_then(|rest| rest.strip_suffix("/index.html"));
        match piece {
            Some(slug) if !slugs.contains(slug) => None,
            _ => Some(route),
        }
    }

    /// A series with its dataset and facts, by id.
    pub fn series(&self, id: &str) -> Option<SeriesView<'_>> {
        let (dataset, series) = self.project.all_series().find(|(_, s)| s.meta.id == id)?;
        let facts = self.analysis.of(id)?;
        Some(SeriesView { dataset, series, facts })
    }

    /// Every series, foreign investors' (inward) first, then in the
    /// publisher's order.
    pub fn all_series(&self) -> Vec<SeriesView<'_>> {
        // Each series comes with its dataset: finding it again by id would
        // make this quadratic in the number of series, and every brief
        // asks (a site of 2,000 series spent two thirds of its page time
        // comparing ids). Ids are unique: `validate` refuses a second one.
        let mut views: Vec<SeriesView<'_>> = self
            .project
            .all_series()
            .filter_map(|(dataset, series)| {
                let facts = self.analysis.of(&series.meta.id)?;
                Some(SeriesView { dataset, series, facts })
            })
            .collect();
        views.sort_by_key(|view| view.series.meta.direction);
        views
    }
}

/// A series together with its dataset and facts.
#[derive(Clone, Copy)]
pub struct SeriesView<'a> {
    /// The dataset it comes from (for attribution).
    pub dataset: &'a Dataset,
    /// The series.
    pub series: &'a FlowSeries,
    /// The facts of each of its weeks.
    pub facts: &'a [WeekFacts],
}

impl SeriesView<'_> {
    /// The facts of the latest week.
    pub fn latest(&self) -> Option<&WeekFacts> {
        self.facts.last()
    }
}

/// Where rendered files go as they are made, from every core: a build
/// writes each into the spare copy of the site and lets it go, so that the
/// site is never held whole; `check` and the preview gather them.
pub type Emit<'a> = dyn Fn(RenderedFile) -> Result<(), Error> + Sync + 'a;

/// Renders every page and download of the site, handing each file to
/// `emit`: the English edition's, then the Japanese edition's
/// (`japanese`), if the site has one.
pub fn render_pages(data: &SiteData<'_>, japanese: Option<&SiteData<'_>>, emit: &Emit<'_>) -> Result<(), Error> {
    // The sitemap lists every page but the embeds, which are for iframes,
    // not for search engines: their paths are noted as they go by.
    let listed = std::sync::Mutex::new(Vec::new());
    let note = |file: RenderedFile| -> Result<(), Error> {
        if file.path.ends_with(".html") && !file.path.contains("/embed/") {
            listed
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .push(file.path.clone());
        }
        emit(file)
    };
    let japanese_note = |file: RenderedFile| -> Result<(), Error> {
        // Its pages, embeds and their oEmbed files are its own; it links
        // the English edition's downloads.
        match japanese {
            Some(japanese) if file.path.ends_with(".html") || file.path.ends_with("oembed.json") => {
                note(RenderedFile {
                    path: japanese.edition.path(&file.path),
                    bytes: file.bytes,
                })
            }
            _ => Ok(()),
        }
    };
    // The editions share nothing they write: each is made on its own core
    // (and each spreads its briefs and embeds over every core).
    let (english, japanese_pages) = crate::parallel::both(
        || render_edition(data, &note),
        || {
            japanese
                .map(|japanese| render_edition(japanese, &japanese_note))
                .transpose()
        },
    );
    english?;
    japanese_pages?;
    let mut html_paths = listed.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    html_paths.sort();
    for file in feed::render_discovery(data, &html_paths) {
        emit(file)?;
    }
    if let Some(japanese) = japanese {
        for file in feed::render_edition_discovery(japanese) {
            emit(file)?;
        }
    }
    // Every page links style.css and favicon.svg: a project without its own
    // gets flowsite's.
    for (path, default) in [
        (DEFAULT_STYLESHEET_PATH, DEFAULT_STYLESHEET),
        (routes::FAVICON, DEFAULT_FAVICON),
    ] {
        if !data.project.static_files.iter().any(|(own, _)| own == path) {
            emit(RenderedFile {
                path: path.to_string(),
                bytes: std::sync::Arc::new(default.as_bytes().to_vec()),
            })?;
        }
    }
    Ok(())
}

/// Every page of one edition, and the downloads, at their routes, each
/// handed to `emit` as soon as it is made.
fn render_edition(data: &SiteData<'_>, emit: &Emit<'_>) -> Result<(), Error> {
    let templates = Templates::new(
        data.all_series()
            .into_iter()
            .map(|view| (view.series.meta.clone(), view.facts.to_vec())),
        data.edition,
    );
    let emit_all = |files: Vec<RenderedFile>| files.into_iter().try_for_each(emit);
    emit(home::render_home(data)?)?;
    series_pages::render_series_pages(data, emit)?;
    commentary_pages::render_commentary_pages(data, &templates, emit)?;
    brief::render_briefs(data, &templates, emit)?;
    emit_all(monthly_pages::render_monthly_pages(data)?)?;
    emit_all(revisions_page::render_revisions(data)?)?;
    emit(methodology::render_methodology(data))?;
    // The Japanese edition links the English edition's downloads: they hold
    // the same figures, and their columns are names for programs.
    if data.edition == routes::Edition::English {
        downloads::render_downloads(data, emit)?;
    }
    embed::render_embeds(data, emit)
}

/// A file from a page path and its markup.
fn html_file(path: &str, markup: maud::Markup) -> RenderedFile {
    RenderedFile {
        path: path.to_string(),
        bytes: crate::cache::shared(markup.into_string().into_bytes()),
    }
}
