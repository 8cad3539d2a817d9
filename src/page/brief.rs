//! Weekly briefs: one page per week telling the story the data tells, and
//! the archive of briefs by year.
//!
//! The brief is about the site's first lead series (foreign investors'
//! Japanese stocks in the sample), with its charts as of that week, then the
//! other lead series and Japanese investors' purchases abroad. `prose`
//! decides and words what it says; this view lays it out. A week note
//! (`content/weeks/<last day>.md`) is added under the generated text.

use super::chrome::Chrome;
use super::figure::{FigureIds, chart_figure};
use super::layout::{Links, PageMeta, PageTimes, iso_date, page_frame};
use super::markdown::render_markdown;
use super::release::week_page_times;
use super::routes;
use super::tables::by_unit;
use super::template::Templates;
use super::{Emit, PageKey, RenderedFile, SeriesView, SiteData, html_file};
use crate::error::{Error, Problem, Problems};
use crate::model::{Amount, Direction, SeriesId, Unit, Week};
use crate::prose::{Brief, BriefParts, BriefText, Note, SeriesWeek, write_brief};
use crate::series::{Revision, WeekFacts};
use maud::{Markup, PreEscaped, html};
use std::collections::BTreeMap;

/// The series a brief is about: the lead series first, then the others.
pub struct BriefCast<'a> {
    /// The series the brief leads with.
    pub lead: SeriesView<'a>,
    /// The other lead series.
    pub others: Vec<SeriesView<'a>>,
    /// Japanese investors' purchases abroad (stocks and long-term bonds).
    pub abroad: Vec<SeriesView<'a>>,
    /// The lead actor's short-term debt, if it is not a lead series.
    pub bills: Vec<SeriesView<'a>>,
    /// For each week that was the newest of a release, the revision that
    /// release made to the lead series' week before.
    revised_prior: BTreeMap<Week, &'a Revision>,
}

/// The series of the site's briefs, if the lead series exists.
pub fn brief_cast<'a>(data: &'a SiteData<'a>) -> Option<BriefCast<'a>> {
    let config = &data.project.config;
    let mut leads = config.lead_series.iter().filter_map(|id| data.series(id));
    let lead = leads.next()?;
    let others: Vec<SeriesView<'a>> = leads.collect();
    let abroad = data
        .all_series()
        .into_iter()
        .filter(|view| {
            let meta = &view.series.meta;
            meta.direction == Direction::Outward
                && matches!(
                    meta.asset_class,
                    crate::model::AssetClass::Equity | crate::model::AssetClass::LongTermDebt
                )
                && !config.lead_series.iter().any(|id| meta.id == *id)
        })
        .collect();
    let bills = data
        .all_series()
        .into_iter()
        .filter(|view| {
            let meta = &view.series.meta;
            meta.direction == lead.series.meta.direction
                && meta.asset_class == crate::model::AssetClass::ShortTermDebt
                && !config.lead_series.iter().any(|id| meta.id == *id)
        })
        .collect();
    let revised_prior = prior_week_revisions(data, &lead);
    Some(BriefCast {
        lead,
        others,
        abroad,
        bills,
        revised_prior,
    })
}

impl<'a> BriefCast<'a> {
    /// What the brief of the lead series' week at `index` says.
    pub fn brief(&self, data: &'a SiteData<'a>, index: usize) -> Option<Brief<'a>> {
        let facts = self.lead.facts.get(index)?;
        let lead = series_week(&self.lead, index)?;
        let parts = BriefParts {
            lead,
            publisher: &self.lead.dataset.source.publisher,
            analysis: Some(data.analysis),
            dollars: Some(data.dollars),
            prior_revision: self.revised_prior.get(&facts.week).copied(),
            released: self
                .lead
                .dataset
                .source
                .cadence
                .map(|cadence| cadence.release_of(facts.week)),
        };
        Some(
            Brief::new(
                parts,
                same_week(&self.others, facts.week),
                same_week(&self.abroad, facts.week),
            )
            .with_bills(same_week(&self.bills, facts.week)),
        )
    }

    /// The brief of the week at `index`, in words.
    pub fn text(&self, data: &'a SiteData<'a>, index: usize) -> Option<BriefText> {
        Some(write_brief(data.phrasebook(), &self.brief(data, index)?))
    }

    /// When the brief was published (its week's release day) and last
    /// modified (the last release that revised a figure it shows in `rows`
    /// or compares with).
    fn times(&self, data: &SiteData<'_>, brief: &Brief<'_>, rows: &[WeekRow<'_>]) -> PageTimes {
        let shown: Vec<&SeriesId> = rows.iter().map(|row| row.id).collect();
        let quoted = brief
            .notes
            .iter()
            .filter_map(|note| match note {
                Note::Revised(release) => Some(*release),
                Note::Reclassified(_) => None,
            })
            .max();
        let week = brief.lead.facts().week;
        let lead = &self.lead;
        week_page_times(data, &lead.series.meta.id, &lead.dataset.source, week, &shown, quoted)
    }

    /// The brief of the week at `index` in words, with its times, for the
    /// feed.
    pub fn text_and_times(&self, data: &'a SiteData<'a>, index: usize) -> Option<(BriefText, PageTimes)> {
        let brief = self.brief(data, index)?;
        let rows = week_rows(data, brief.lead.facts().week);
        Some((write_brief(data.phrasebook(), &brief), self.times(data, &brief, &rows)))
    }

    /// The headline of the brief of the week at `index`.
    pub fn headline(&self, data: &'a SiteData<'a>, index: usize) -> String {
        self.brief(data, index)
            .map(|brief| data.phrasebook().headline(&brief))
            .unwrap_or_default()
    }
}

/// The week at `index` of a series, with where its data begin.
fn series_week<'a>(view: &SeriesView<'a>, index: usize) -> Option<SeriesWeek<'a>> {
    Some(SeriesWeek {
        meta: &view.series.meta,
        facts: view.facts.get(index)?,
        first_week: view.series.points.first()?.week,
    })
}

/// Each series' `week`, for series that have it.
fn same_week<'a>(views: &[SeriesView<'a>], week: Week) -> Vec<SeriesWeek<'a>> {
    views
        .iter()
        .filter_map(|view| {
            // Facts are in week order, so the week can be found by bisection.
            let index = view.facts.binary_search_by_key(&week, |f| f.week).ok()?;
            series_week(view, index)
        })
        .collect()
}

/// A brief's page, before layout.
struct BriefPage<'a> {
    path: String,
    week: Week,
    text: BriefText,
    figures: Vec<Markup>,
    /// The week note's title and body, if there is one.
    note: Option<(String, String)>,
    /// Every series' figures of the week.
    rows: Vec<WeekRow<'a>>,
    times: PageTimes,
    previous: Option<Week>,
    next: Option<Week>,
}

/// One series' figures in a brief's table of the week.
#[derive(Clone, Copy)]
struct WeekRow<'a> {
    id: &'a SeriesId,
    title: &'a str,
    unit: Unit,
    net: Amount,
    ytd: Option<Amount>,
}

/// Renders every brief and the archive.
pub fn render_briefs<'a>(data: &'a SiteData<'a>, templates: &Templates, emit: &Emit<'_>) -> Result<(), Error> {
    let Some(cast) = brief_cast(data) else {
        return Ok(());
    };
    let count = cast.lead.facts.len();
    let indices: Vec<usize> = (0..count).collect();
    // Briefs are independent of each other: render them on every core. A
    // week note whose expressions fail is a problem, not a failure, so that
    // every such note is reported.
    let rendered = crate::parallel::map_ordered(&indices, |&index| -> Result<Option<Problem>, Error> {
        let mut problem = None;
        let files = data.reused(brief_key(data, &cast, index), || {
            let (page, found) = brief_page(data, &cast, templates, index)?;
            let meta = PageMeta {
                path: &page.path,
                title: &page.text.headline,
                description: &page.text.standfirst,
                times: Some(page.times),
            };
            let content = brief_view(&page, data);
            let keep = found.is_none();
            problem = found;
            Ok((vec![html_file(&page.path, page_frame(data, &meta, content))], keep))
        })?;
        files.into_iter().try_for_each(emit)?;
        Ok(problem)
    })?;
    let mut problems = Problems::new();
    for problem in rendered {
        problems.extend_one(problem);
    }
    problems.into_result(())?;
    // The archive lists every brief by its headline, which is written from
    // the data: it reads no commentary but its pages' cards.
    let key = data.page_key("brief archive", |digest| {
        let travel = data.travel();
        digest.add_debug(&travel.site_card());
        let years: std::collections::BTreeSet<i32> = cast.lead.facts.iter().map(|f| f.week.ytd_year()).collect();
        let paths = std::iter::once(routes::BRIEFS.to_string()).chain(years.into_iter().map(routes::briefs_year));
        for path in paths {
            digest.add_debug(&travel.card(&path));
        }
    });
    data.reused(key, || Ok((render_archive(data, &cast), true)))?
        .into_iter()
        .try_for_each(emit)
}

/// The key of the brief of the week at `index` (see [`super::reuse`]):
/// besides the data, a brief reads its week's note, its charts as planned
/// and where their images, embeds and its card live.
fn brief_key(data: &SiteData<'_>, cast: &BriefCast<'_>, index: usize) -> crate::cache::Key {
    data.page_key("brief", |digest| {
        digest.add_u128(index as u128);
        let Some(facts) = cast.lead.facts.get(index) else {
            return;
        };
        let end = facts.week.end();
        let travel = data.travel();
        let path = routes::brief(end);
        digest.add_debug(&data.project.week_notes.get(&end));
        digest.add_debug(&travel.card(&path));
        for chart in data.plan.charts(&PageKey::Brief(facts.week)) {
            let request = &chart.request;
            digest.add_debug(chart);
            digest.add_debug(&travel.home(request));
            digest.add_debug(&travel.live_embed(&request.series, Some(request.kind)));
        }
    })
}

/// The brief of the lead series' week at `index`, and the problem of its
/// week note's expressions, if they fail.
fn brief_page<'a>(
    data: &'a SiteData<'a>,
    cast: &BriefCast<'a>,
    templates: &Templates,
    index: usize,
) -> Result<(BriefPage<'a>, Option<Problem>), Error> {
    let facts = &cast.lead.facts[index];
    let week = facts.week;
    let end = week.end();
    let path = routes::brief(end);
    let links = data.links(&path);
    let mut ids = FigureIds::default();
    let Some(brief) = cast.brief(data, index) else {
        return Err(Error::Internal(format!("no brief for week {week}")));
    };
    let text = write_brief(data.phrasebook(), &brief);
    let planned = data.plan.charts(&PageKey::Brief(week));
    let mut figures = Vec::new();
    for chart in planned.iter().filter(|c| c.block.is_none()) {
        figures.push(chart_figure(data, &chart.request, links, &mut ids)?);
    }
    let mut problem = None;
    let note = match data.project.week_notes.get(&end) {
        Some(piece) => match templates.render(piece, end) {
            Ok(body) => {
                let mut charts = BTreeMap::new();
                for chart in planned {
                    if let Some(block) = &chart.block {
                        charts.insert(
                            block.clone(),
                            chart_figure(data, &chart.request, links, &mut ids)?.into_string(),
                        );
                    }
                }
                Some((piece.title.clone(), render_markdown(&body, &charts)))
            }
            Err(found) => {
                problem = Some(found);
                None
            }
        },
        None => None,
    };
    let rows = week_rows(data, week);
    let times = cast.times(data, &brief, &rows);
    let page = BriefPage {
        path,
        week,
        text,
        figures,
        note,
        rows,
        times,
        previous: index.checked_sub(1).map(|i| cast.lead.facts[i].week),
        next: cast.lead.facts.get(index + 1).map(|f| f.week),
    };
    Ok((page, problem))
}

/// Every series' figures of `week`, for series that have it.
fn week_rows<'a>(data: &'a SiteData<'_>, week: Week) -> Vec<WeekRow<'a>> {
    data.all_series()
        .into_iter()
        .filter_map(|view| {
            // Facts are in week order, so the week is found by bisection.
            let index = view.facts.binary_search_by_key(&week, |f| f.week).ok()?;
            let facts = view.facts.get(index)?;
            let meta = &view.series.meta;
            Some(WeekRow {
                id: &meta.id,
                title: &meta.title,
                unit: meta.unit,
                net: facts.net,
                ytd: facts.ytd.map(|ytd| ytd.total),
            })
        })
        .collect()
}

fn brief_view(page: &BriefPage<'_>, data: &SiteData<'_>) -> Markup {
    let chrome = data.chrome();
    let links = data.links(&page.path);
    let text = &page.text;
    let year = page.week.ytd_year();
    html! {
        nav class="breadcrumbs" aria-label=(chrome.breadcrumbs_label) {
            a href=(links.to(routes::BRIEFS)) { (chrome.briefs_title) } " › "
            a href=(links.to(&routes::briefs_year(year))) { (year) }
        }
        article class="brief" {
            header {
                h1 { (text.headline) }
                p class="standfirst" { (text.standfirst) }
                p class="dateline" { (text.dateline) }
                (times_line(page.times, chrome))
            }
            @for paragraph in &text.body { p { (paragraph) } }
            @for figure in &page.figures { (figure) }
            @if !text.others.is_empty() {
                h2 { (text.others_heading) }
                @for paragraph in &text.others { p { (paragraph) } }
            }
            @for note in &text.notes { p class="brief-note" { (note) } }
            @if let Some(rate) = &text.rate_line { p class="brief-rate" { (rate) } }
            @if let Some((title, body)) = &page.note {
                section class="week-note" aria-labelledby="week-note" {
                    h2 id="week-note" { (title) }
                    // Rendered by pulldown-cmark from the newsroom's own Markdown.
                    (PreEscaped(body))
                }
            }
            (week_table(page, chrome, links))
        }
        (pager(page, data, links))
    }
}

/// "Published 17 September 2026, updated 24 September 2026", in `<time>`
/// elements a machine reads too.
fn times_line(times: PageTimes, chrome: &Chrome) -> Markup {
    html! {
        p class="published" {
            time datetime=(iso_date(times.published)) { ((chrome.published_on)(times.published)) }
            @if times.modified > times.published {
                ", " time datetime=(iso_date(times.modified)) { ((chrome.updated_on)(times.modified)) }
            }
        }
    }
}

/// The links to the weeks before and after, dated as datelines are.
fn pager(page: &BriefPage<'_>, data: &SiteData<'_>, links: Links<'_>) -> Markup {
    let book = data.phrasebook();
    html! {
        nav class="pager" aria-label=(data.chrome().other_weeks_label) {
            @if let Some(previous) = page.previous {
                a rel="prev" href=(links.to(&routes::brief(previous.end()))) { "← " (book.dateline(previous)) }
            }
            @if let Some(next) = page.next {
                a rel="next" href=(links.to(&routes::brief(next.end()))) { (book.dateline(next)) " →" }
            }
        }
    }
}

/// For each week that was the newest of a release: the revision that
/// release made to the lead series' week before, if any.
fn prior_week_revisions<'a>(data: &'a SiteData<'_>, lead: &SeriesView<'_>) -> BTreeMap<Week, &'a Revision> {
    let lead_id = &lead.series.meta.id;
    let last_week_of_release: BTreeMap<chrono::NaiveDate, crate::model::Week> = data
        .project
        .earlier_releases
        .iter()
        .chain(&data.project.datasets)
        .filter_map(|dataset| {
            let series = dataset.series.iter().find(|s| &s.meta.id == lead_id)?;
            Some((dataset.source.version, series.points.last()?.week))
        })
        .collect();
    let mut found = BTreeMap::new();
    for revision in &data.analysis.revisions {
        if &revision.series_id != lead_id {
            continue;
        }
        if let Some(newest) = last_week_of_release.get(&revision.to_version)
            && revision.week == newest.previous()
        {
            found.insert(*newest, revision);
        }
    }
    found
}

/// Every series' net and year to date in the week, one table per unit.
fn week_table(page: &BriefPage<'_>, chrome: &Chrome, links: Links<'_>) -> Markup {
    let groups = by_unit(&page.rows, |row| row.unit);
    html! {
        section aria-labelledby="week-figures" {
            h2 id="week-figures" { (chrome.week_figures_heading) }
            @for (unit, rows) in &groups {
                table class="figures" {
                    caption { ((chrome.week_figures_caption)(page.week)) }
                    thead { tr {
                        th scope="col" { (chrome.series_header) }
                        th scope="col" class="num" { ((chrome.net_header)(*unit)) }
                        th scope="col" class="num" { ((chrome.ytd_header)(*unit)) }
                    } }
                    tbody {
                        @for row in rows {
                            tr {
                                th scope="row" { a href=(links.to(&routes::series(row.id))) { (row.title) } }
                                td class="num" { ((chrome.table_amount)(*unit, row.net)) }
                                td class="num" { (row.ytd.map(|ytd| (chrome.table_amount)(*unit, ytd)).unwrap_or_default()) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// How many of the newest briefs the archive's first page lists.
const LATEST_BRIEFS: usize = 12;

fn render_archive<'a>(data: &'a SiteData<'a>, cast: &BriefCast<'a>) -> Vec<RenderedFile> {
    let chrome = data.chrome();
    let mut by_year: BTreeMap<i32, Vec<&WeekFacts>> = BTreeMap::new();
    for facts in cast.lead.facts {
        by_year.entry(facts.week.ytd_year()).or_default().push(facts);
    }
    let mut files = Vec::new();
    let index_path = routes::BRIEFS;
    let links = data.links(index_path);
    let latest: Vec<&WeekFacts> = cast.lead.facts.iter().rev().take(LATEST_BRIEFS).collect();
    let content = html! {
        h1 { (chrome.briefs_title) }
        p class="standfirst" { ((chrome.archive_intro)(&cast.lead.series.meta)) }
        h2 { (chrome.latest_briefs_heading) }
        (brief_list(data, cast, &latest, links))
        h2 { (chrome.by_year_heading) }
        ul class="year-list" {
            @for (year, weeks) in by_year.iter().rev() {
                li { a href=(links.to(&routes::briefs_year(*year))) { (year) } " \u{2014} " ((chrome.year_count)(weeks.len())) }
            }
        }
    };
    let page_meta = PageMeta::new(index_path, chrome.briefs_title, chrome.briefs_description);
    files.push(html_file(index_path, page_frame(data, &page_meta, content)));
    for (year, weeks) in &by_year {
        let path = routes::briefs_year(*year);
        let links = data.links(&path);
        let title = (chrome.year_title)(*year);
        let newest_first: Vec<&WeekFacts> = weeks.iter().rev().copied().collect();
        let content = html! {
            nav class="breadcrumbs" aria-label=(chrome.breadcrumbs_label) { a href=(links.to(routes::BRIEFS)) { (chrome.briefs_title) } }
            h1 { (title) }
            p { (chrome.year_intro) }
            (brief_list(data, cast, &newest_first, links))
        };
        let description = (chrome.year_description)(*year);
        let page_meta = PageMeta::new(&path, &title, &description);
        files.push(html_file(&path, page_frame(data, &page_meta, content)));
    }
    files
}

/// Briefs as headlines, each with its week.
fn brief_list<'a>(data: &'a SiteData<'a>, cast: &BriefCast<'a>, weeks: &[&WeekFacts], links: Links<'_>) -> Markup {
    let book = data.phrasebook();
    html! {
        ul class="item-list" {
            @for facts in weeks {
                li {
                    a href=(links.to(&routes::brief(facts.week.end()))) { (cast.headline(data, facts.index)) }
                    " " time datetime=(iso_date(facts.week.end())) { (book.dateline(facts.week)) }
                }
            }
        }
    }
}
