//! Weekly briefs: one page per week telling the story the data tells, and
//! the archive of briefs by year.
//!
//! The brief is about the site's first lead series (foreign investors'
//! Japanese stocks in the sample), with its charts as of that week, then the
//! other lead series and Japanese investors' purchases abroad. `prose`
//! decides and words what it says; this view lays it out. A week note
//! (`content/weeks/<last day>.md`) is added under the generated text.

use super::figure::{FigureIds, chart_figure};
use super::layout::{Links, PageMeta, page_frame};
use super::markdown::render_markdown;
use super::routes;
use super::template::Templates;
use super::{PageKey, RenderedFile, SeriesView, SiteData, html_file};
use crate::error::{Error, Problem, Problems};
use crate::model::{Direction, Week};
use crate::money::{long_date, signed_amount};
use crate::prose::{Brief, BriefParts, BriefText, SeriesWeek, write_brief};
use crate::series::Revision;
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
    let revised_prior = prior_week_revisions(data, &lead);
    Some(BriefCast {
        lead,
        others,
        abroad,
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
        };
        Some(Brief::new(
            parts,
            same_week(&self.others, facts.week),
            same_week(&self.abroad, facts.week),
        ))
    }

    /// The brief of the week at `index`, in words.
    pub fn text(&self, data: &'a SiteData<'a>, index: usize) -> Option<BriefText> {
        Some(write_brief(data.phrasebook(), &self.brief(data, index)?))
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

/// Renders every brief and the archive.
pub fn render_briefs<'a>(data: &'a SiteData<'a>, templates: &Templates) -> Result<Vec<RenderedFile>, Error> {
    let Some(cast) = brief_cast(data) else {
        return Ok(Vec::new());
    };
    let count = cast.lead.facts.len();
    let indices: Vec<usize> = (0..count).collect();
    // Briefs are independent of each other: render them on every core. A
    // week note whose expressions fail is a problem, not a failure, so that
    // every such note is reported.
    let rendered =
        crate::parallel::map_ordered(&indices, |&index| -> Result<(RenderedFile, Option<Problem>), Error> {
            let facts = &cast.lead.facts[index];
            let mut problem = None;
            let end = facts.week.end();
            let path = routes::brief(end);
            let links = Links::from_page(&path);
            let mut ids = FigureIds::default();
            let Some(text) = cast.text(data, index) else {
                return Err(Error::Internal(format!("no brief for week {}", facts.week)));
            };
            let planned = data.plan.charts(&PageKey::Brief(facts.week));
            let mut figures = Vec::new();
            for chart in planned.iter().filter(|c| c.block.is_none()) {
                figures.push(chart_figure(data, &chart.request, links, &mut ids)?);
            }
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
                        let rendered = render_markdown(&body, &charts);
                        Some((piece.title.clone(), rendered))
                    }
                    Err(found) => {
                        problem = Some(found);
                        None
                    }
                },
                None => None,
            };
            let previous = index.checked_sub(1).map(|i| cast.lead.facts[i].week.end());
            let next = (index + 1 < count).then(|| cast.lead.facts[index + 1].week.end());
            let week_table = week_table(data, facts.week, links);
            let content = html! {
                nav class="breadcrumbs" aria-label="Breadcrumbs" {
                    a href=(links.to(routes::BRIEFS)) { "Weekly briefs" } " › "
                    a href=(links.to(&routes::briefs_year(facts.week.ytd_year()))) { (facts.week.ytd_year()) }
                }
                article class="brief" {
                    header {
                        h1 { (text.headline) }
                        p class="standfirst" { (text.standfirst) }
                        p class="dateline" { time datetime=(end.format("%Y-%m-%d").to_string()) { (text.dateline) } }
                    }
                    @for paragraph in &text.body { p { (paragraph) } }
                    @for figure in &figures { (figure) }
                    @if !text.others.is_empty() {
                        h2 { (text.others_heading) }
                        @for paragraph in &text.others { p { (paragraph) } }
                    }
                    @for note in &text.notes { p class="brief-note" { (note) } }
                    @if let Some(rate) = &text.rate_line { p class="brief-rate" { (rate) } }
                    @if let Some((title, body)) = &note {
                        section class="week-note" aria-labelledby="week-note" {
                            h2 id="week-note" { (title) }
                            (PreEscaped(body))
                        }
                    }
                    (week_table)
                }
                nav class="pager" aria-label="Other weeks" {
                    @if let Some(previous) = previous {
                        a rel="prev" href=(links.to(&routes::brief(previous))) { "← Week to " (long_date(previous)) }
                    }
                    @if let Some(next) = next {
                        a rel="next" href=(links.to(&routes::brief(next))) { "Week to " (long_date(next)) " →" }
                    }
                }
            };
            let page_meta = PageMeta {
                path: &path,
                title: &text.headline,
                description: &text.standfirst,
            };
            Ok((html_file(&path, page_frame(data, &page_meta, content)), problem))
        })?;
    let mut files = Vec::with_capacity(count + 32);
    let mut problems = Problems::new();
    for (file, problem) in rendered {
        files.push(file);
        problems.extend_one(problem);
    }
    problems.into_result(())?;
    files.extend(render_archive(data, &cast));
    Ok(files)
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

/// Every series' figure for one week, with its source cell.
fn week_table(data: &SiteData<'_>, week: crate::model::Week, links: Links) -> Markup {
    let rows: Vec<(SeriesView<'_>, usize)> = data
        .all_series()
        .into_iter()
        .filter_map(|view| {
            // Points are in week order, so the week is found by bisection.
            let index = view.series.points.binary_search_by_key(&week, |p| p.week).ok()?;
            Some((view, index))
        })
        .collect();
    html! {
        section aria-labelledby="week-figures" {
            h2 id="week-figures" { "The week's figures" }
            div class="table-scroll" tabindex="0" role="region" aria-label="Table, scrolls sideways" {
                table {
                    caption { "Net purchases in the week " (week) "; + net buying, − net selling." }
                    thead { tr { th scope="col" { "Series" } th scope="col" class="num" { "Net" } th scope="col" class="num" { "Year to date" } th scope="col" { "Source cell" } } }
                    tbody {
                        @for (view, index) in &rows {
                            @let point = &view.series.points[*index];
                            tr {
                                th scope="row" { a href=(links.to(&routes::series(&view.series.meta.id))) { (view.series.meta.title) } }
                                td class="num" { (signed_amount(view.series.meta.unit, point.net)) }
                                td class="num" { (view.facts.get(*index).and_then(|f| f.ytd).map(|y| signed_amount(view.series.meta.unit, y.total)).unwrap_or_default()) }
                                td { code { (point.cell.path) ":" (point.cell.line) ":" (point.cell.column) } }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn render_archive<'a>(data: &'a SiteData<'a>, cast: &BriefCast<'a>) -> Vec<RenderedFile> {
    let meta = &cast.lead.series.meta;
    let mut by_year: BTreeMap<i32, Vec<&crate::series::WeekFacts>> = BTreeMap::new();
    for facts in cast.lead.facts {
        by_year.entry(facts.week.ytd_year()).or_default().push(facts);
    }
    let mut files = Vec::new();
    let index_path = routes::BRIEFS;
    let links = Links::from_page(index_path);
    let latest = cast.lead.facts.last();
    let content = html! {
        h1 { "Weekly briefs" }
        p { "One brief for every week of data: what " (meta.actor.to_lowercase()) " did in " (meta.asset) ", and the rest of the week's flows. Newest year first." }
        @if let Some(latest) = latest {
            p { "Latest: " a href=(links.to(&routes::brief(latest.week.end()))) { (cast.headline(data, latest.index)) } " (week to " (long_date(latest.week.end())) ")" }
        }
        ul class="year-list" {
            @for (year, weeks) in by_year.iter().rev() {
                li { a href=(links.to(&routes::briefs_year(*year))) { (year) } " — " (weeks.len()) " weeks" }
            }
        }
    };
    let page_meta = PageMeta {
        path: index_path,
        title: "Weekly briefs",
        description: "Every weekly brief, by year.",
    };
    files.push(html_file(index_path, page_frame(data, &page_meta, content)));
    for (year, weeks) in &by_year {
        let path = routes::briefs_year(*year);
        let links = Links::from_page(&path);
        let title = format!("Weekly briefs, {year}");
        let content = html! {
            nav class="breadcrumbs" aria-label="Breadcrumbs" { a href=(links.to(routes::BRIEFS)) { "Weekly briefs" } }
            h1 { (title) }
            p { "Weeks count in the year of their Monday, as year-to-date totals do. Newest first." }
            ul class="item-list" {
                @for facts in weeks.iter().rev() {
                    li {
                        a href=(links.to(&routes::brief(facts.week.end()))) { (cast.headline(data, facts.index)) }
                        " " time datetime=(facts.week.end().format("%Y-%m-%d").to_string()) { "week to " (long_date(facts.week.end())) }
                    }
                }
            }
        };
        let description = format!("The weekly briefs of {year}.");
        let page_meta = PageMeta {
            path: &path,
            title: &title,
            description: &description,
        };
        files.push(html_file(&path, page_frame(data, &page_meta, content)));
    }
    files
}
