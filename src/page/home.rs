//! The home page: the latest week for the lead series, with both charts,
//! then every series and the commentary.

use super::brief::{brief_cast, brief_headline, brief_standfirst};
use super::figure::{FigureIds, chart_figure};
use super::layout::{Links, PageMeta, page_frame};
use super::prose::{headline, week_summary};
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
        let start = view
            .series
            .points
            .first()
            .map(|p| p.week.start())
            .unwrap_or(latest.week.start());
        leads.push(html! {
            section class="lead" aria-labelledby=(format!("lead-{id}")) {
                h2 id=(format!("lead-{id}")) { (headline(&view.series.meta, latest)) }
                p class="dateline" { "Week to " (long_date(latest.week.end())) }
                p { (week_summary(&view.series.meta, latest, start).join(" ")) }
                @for figure in &figures { (figure) }
                p { a href=(links.to(&routes::series(id))) { "All figures: " (view.series.meta.title) } }
            }
        });
    }
    let all = data.all_series();
    let latest_brief = brief_cast(data).and_then(|cast| {
        let facts = cast.lead.latest()?;
        let start = cast.lead.series.points.first()?.week.start();
        Some((
            routes::brief(facts.week.end()),
            brief_headline(&cast.lead.series.meta, facts),
            brief_standfirst(
                &cast.lead.series.meta,
                facts,
                &cast.lead.dataset.source.publisher,
                start,
            ),
        ))
    });
    let content = html! {
        h1 { (config.title) }
        p class="standfirst" { (config.description) }
        @if let Some((path, headline, standfirst)) = &latest_brief {
            section class="latest-brief" aria-labelledby="latest-brief" {
                h2 id="latest-brief" { a href=(links.to(path)) { (headline) } }
                p { (standfirst) }
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
