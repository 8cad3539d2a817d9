//! Weekly briefs: one page per week telling the story the data tells, and
//! the archive of briefs by year.
//!
//! The brief is about the site's first lead series (foreign investors'
//! Japanese stocks in the sample), with its charts as of that week, then the
//! other lead series and Japanese investors' purchases abroad. A week note
//! (`content/weeks/<last day>.md`) is added under the generated text.

use super::figure::{FigureIds, chart_figure};
use super::layout::{Links, PageMeta, page_frame};
use super::markdown::render_markdown;
use super::prose::{brief_context, brief_secondary};
pub use super::prose::{brief_headline, brief_standfirst};
use super::routes;
use super::template::Templates;
use super::{PageKey, RenderedFile, SeriesView, SiteData, html_file};
use crate::error::{Error, Problem, Problems};
use crate::model::{Direction, Unit};
use crate::money::{amount_with_direction, long_date, signed_amount};
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
                && (meta.id.ends_with("-equity") || meta.id.ends_with("-long-term-debt"))
                && !config.lead_series.iter().any(|id| meta.id == *id)
        })
        .collect();
    Some(BriefCast { lead, others, abroad })
}

/// Renders every brief and the archive.
pub fn render_briefs(data: &SiteData<'_>, templates: &Templates) -> Result<Vec<RenderedFile>, Error> {
    let Some(cast) = brief_cast(data) else {
        return Ok(Vec::new());
    };
    let data_start = cast.lead.series.points.first().map(|p| p.week.start());
    let publisher = &cast.lead.dataset.source.publisher;
    let count = cast.lead.facts.len();
    let revised_prior = prior_week_revisions(data, &cast);
    let indices: Vec<usize> = (0..count).collect();
    // Briefs are independent of each other: render them on every core. A
    // week note whose expressions fail is a problem, not a failure, so that
    // every such note is reported.
    let rendered = crate::parallel::map_ordered(
        &indices,
        |&index| -> Result<(RenderedFile, Option<Problem>), Error> {
            let facts = &cast.lead.facts[index];
            let mut problem = None;
            let end = facts.week.end();
            let path = routes::brief(end);
            let links = Links::from_page(&path);
            let mut ids = FigureIds::default();
            let meta = &cast.lead.series.meta;
            let point = &cast.lead.series.points[index];
            let headline = brief_headline(meta, facts);
            let standfirst = brief_standfirst(meta, facts, publisher, data_start.unwrap_or(end));
            let planned = data.plan.charts(&PageKey::Brief(facts.week));
            let mut figures = Vec::new();
            for chart in planned.iter().filter(|c| c.block.is_none()) {
                figures.push(chart_figure(data, &chart.request, links, &mut ids)?);
            }
            let secondary = secondary_sentences(&cast.others, facts.week);
            let abroad = secondary_sentences(&cast.abroad, facts.week);
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
                        h1 { (headline) }
                        p class="standfirst" { (standfirst) }
                        p class="dateline" { "Week of " (facts.week.start().format("%-d %B").to_string()) " to " (long_date(end)) }
                    }
                    p {
                        (brief_context(meta.unit, facts, point.acquisition, point.disposition))
                        @if let Some(revision) = revised_prior.get(&facts.week) {
                            " " (revision_sentence(meta.unit, revision))
                        }
                    }
                    @for figure in &figures { (figure) }
                    @if !secondary.is_empty() || !abroad.is_empty() {
                        h2 { "Bonds and flows abroad" }
                        @for sentence in &secondary { p { (sentence) } }
                        @for sentence in &abroad { p { (sentence) } }
                    }
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
                title: &headline,
                description: &standfirst,
            };
            Ok((html_file(&path, page_frame(data, &page_meta, content)), problem))
        },
    )?;
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

/// One sentence per series on its figure in `week`, for series that have it.
fn secondary_sentences(views: &[SeriesView<'_>], week: crate::model::Week) -> Vec<String> {
    views
        .iter()
        .filter_map(|view| {
            // Facts are in week order, so the week can be found by bisection.
            let index = view.facts.binary_search_by_key(&week, |f| f.week).ok()?;
            Some(brief_secondary(&view.series.meta, &view.facts[index]))
        })
        .collect()
}

/// For each week that was the newest of a release: the revision that
/// release made to the lead series' week before, if any.
fn prior_week_revisions<'a>(
    data: &'a SiteData<'_>,
    cast: &BriefCast<'_>,
) -> BTreeMap<crate::model::Week, &'a Revision> {
    let lead_id = &cast.lead.series.meta.id;
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

/// "The previous week's figure was revised to ... from ...".
fn revision_sentence(unit: Unit, revision: &Revision) -> String {
    format!(
        "The previous week's figure was revised to {} from {} in the release of {}.",
        amount_with_direction(unit, revision.new),
        amount_with_direction(unit, revision.old),
        long_date(revision.to_version)
    )
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

fn render_archive(data: &SiteData<'_>, cast: &BriefCast<'_>) -> Vec<RenderedFile> {
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
            p { "Latest: " a href=(links.to(&routes::brief(latest.week.end()))) { (brief_headline(meta, latest)) } " (week to " (long_date(latest.week.end())) ")" }
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
                        a href=(links.to(&routes::brief(facts.week.end()))) { (brief_headline(meta, facts)) }
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
