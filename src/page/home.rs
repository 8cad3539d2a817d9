//! The home page: the latest weekly brief, then the latest week of each
//! lead series with both charts, then every series and the commentary.

use super::brief::brief_cast;
use super::figure::{FigureIds, chart_figure};
use super::layout::{Links, PageMeta, page_frame};
use super::routes;
use super::{PageKey, RenderedFile, SiteData, html_file};
use crate::error::Error;
use crate::money::{long_date, signed_amount};
use maud::html;

const PATH: &str = routes::HOME;
/// How many of the newest commentary pieces the home page lists; the
/// commentary page lists them all.
const HOME_COMMENTARY: usize = 10;

/// Renders `index.html`.
pub fn render_home(data: &SiteData<'_>) -> Result<RenderedFile, Error> {
    let links = Links::from_page(PATH);
    let mut ids = FigureIds::default();
    let config = &data.project.config;
    let mut leads = Vec::new();
    for id in &config.lead_series {
        let Some(view) = data.series(id) else { continue };
        let Some(latest) = view.latest() else { continue };
        let mut figures = Vec::new();
        for planned in data
            .plan
            .charts(&PageKey::Home)
            .iter()
            .filter(|c| c.request.series == *id)
        {
            figures.push(chart_figure(data, &planned.request, links, &mut ids)?);
        }
        let Some(first_week) = view.series.points.first().map(|p| p.week) else {
            continue;
        };
        // Each lead series' own story, without the other series (the brief
        // has them) or a dollar figure (the brief gives it). The brief's own
        // lead series is already introduced by its lede above: only the
        // week before and the year to date follow here.
        let story = crate::prose::Brief::single(
            crate::prose::SeriesWeek {
                meta: &view.series.meta,
                facts: latest,
                first_week,
            },
            &view.dataset.source.publisher,
            Some(data.analysis),
        );
        let text = crate::prose::write_brief(data.phrasebook(), &story);
        let leads_the_brief = config.lead_series.first() == Some(id);
        leads.push(html! {
            section class="lead" aria-labelledby=(format!("lead-{id}")) {
                h2 id=(format!("lead-{id}")) { (data.phrasebook().net_clause(&view.series.meta, latest.net)) }
                p class="dateline" { "Week to " (long_date(latest.week.end())) }
                @if !leads_the_brief { p { (text.standfirst) } }
                @for paragraph in text.body.iter().take(1) { p { (paragraph) } }
                @for figure in &figures { (figure) }
                p { a href=(links.to(&routes::series(id))) { "All figures: " (view.series.meta.title) } }
            }
        });
    }
    let all = data.all_series();
    let latest_brief = brief_cast(data).and_then(|cast| {
        let facts = cast.lead.latest()?;
        let text = cast.text(data, facts.index)?;
        Some((routes::brief(facts.week.end()), text))
    });
    let content = html! {
        h1 { (config.title) }
        p class="standfirst" { (config.description) }
        @if let Some((path, brief)) = &latest_brief {
            section class="latest-brief" aria-labelledby="latest-brief" {
                h2 id="latest-brief" { a href=(links.to(path)) { (brief.headline) } }
                p { (brief.standfirst) }
                // The standfirst's dollar figure names its rate here too.
                @if let Some(rate) = &brief.rate_line { p class="brief-rate" { (rate) } }
                p { a href=(links.to(path)) { "Read the weekly brief" } " · " a href=(links.to(routes::BRIEFS)) { "All weekly briefs" } }
            }
        }
        @for lead in &leads { (lead) }
        section aria-labelledby="all-series" {
            h2 id="all-series" { "All series, latest week" }
            div class="table-scroll" tabindex="0" role="region" aria-label="Table, scrolls sideways" {
                table {
                    thead { tr { th scope="col" { "Series" } th scope="col" { "Week to" } th scope="col" class="num" { "Net purchases" } th scope="col" class="num" { "Year to date" } } }
                    tbody {
                        @for view in &all {
                            @if let Some(latest) = view.latest() {
                                tr {
                                    th scope="row" { a href=(links.to(&routes::series(&view.series.meta.id))) { (view.series.meta.title) } }
                                    td class="nowrap" { (latest.week.end().format("%-d %b %Y").to_string()) }
                                    td class="num" { (signed_amount(view.series.meta.unit, latest.net)) }
                                    td class="num" { (latest.ytd.map(|ytd| signed_amount(view.series.meta.unit, ytd.total)).unwrap_or_else(|| "n/a".to_string())) }
                                }
                            }
                        }
                    }
                }
            }
        }
        section aria-labelledby="commentary" {
            h2 id="commentary" { "Commentary" }
            @if data.project.commentary.is_empty() {
                p { "No commentary yet." }
            } @else {
                ul class="item-list" {
                    @for piece in data.project.commentary.iter().take(HOME_COMMENTARY) {
                        li {
                            a href=(links.to(&routes::commentary(&piece.slug))) { (piece.title) }
                            " " time datetime=(piece.date.format("%Y-%m-%d").to_string()) { (long_date(piece.date)) }
                            @if let Some(summary) = &piece.summary { p { (summary) } }
                        }
                    }
                }
                p { a href=(links.to(routes::COMMENTARY_INDEX)) { "All commentary (" (data.project.commentary.len()) ")" } }
            }
        }
    };
    let meta = PageMeta {
        path: PATH,
        title: &config.title,
        description: &config.description,
    };
    Ok(html_file(PATH, page_frame(data, &meta, content)))
}
