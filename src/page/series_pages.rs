//! One page per series (charts and a table of recent weeks) and the index
//! of all series.

use super::figure::{FigureIds, chart_figure};
use super::layout::{Links, PageMeta, page_frame};
use super::routes;
use super::{PageKey, RenderedFile, SeriesView, SiteData, html_file};
use crate::error::Error;
use crate::money::{long_date, signed_amount, wire_amount};
use crate::prose::en::{headline, week_summary};
use maud::html;

/// How many weeks the table of recent weeks lists.
const TABLE_WEEKS: usize = 12;

/// Renders `series/index.html` and `series/<id>/index.html` for each series.
pub fn render_series_pages(data: &SiteData<'_>) -> Result<Vec<RenderedFile>, Error> {
    let all = data.all_series();
    let mut files = vec![render_index(data, &all)];
    for view in &all {
        files.push(render_series(data, view)?);
    }
    Ok(files)
}

fn render_index(data: &SiteData<'_>, all: &[SeriesView<'_>]) -> RenderedFile {
    let path = routes::SERIES_INDEX;
    let links = Links::from_page(path);
    let content = html! {
        h1 { "All series" }
        p { "Weekly net purchases of securities across Japan's border, as published. Each series has its charts, its recent weeks and its data." }
        @if !data.analysis.monthly.is_empty() {
            h2 { "Weekly series" }
        }
        ul class="item-list" {
            @for view in all {
                li {
                    a href=(links.to(&routes::series(&view.series.meta.id))) { (view.series.meta.title) }
                    @if let Some(latest) = view.latest() {
                        " — week to " (long_date(latest.week.end())) ": " (signed_amount(view.series.meta.unit, latest.net))
                    }
                }
            }
        }
    };
    let monthly = html! {
        @if !data.analysis.monthly.is_empty() {
            h2 { "Monthly series" }
            ul class="item-list" {
                @for view in &data.analysis.monthly {
                    @if let Some(latest) = view.series.points.last() {
                        li {
                            a href=(links.to(&routes::series(&view.series.meta.id))) { (view.series.meta.title) }
                            " — " (latest.month.first_day().format("%B %Y").to_string()) ": " (signed_amount(view.series.meta.unit, latest.net))
                        }
                    }
                }
            }
        }
    };
    let content = html! { (content) (monthly) };
    let meta = PageMeta {
        path,
        title: "All series",
        description: "Every weekly flow series on this site, with its latest figure.",
    };
    html_file(path, page_frame(data, &meta, content))
}

fn render_series(data: &SiteData<'_>, view: &SeriesView<'_>) -> Result<RenderedFile, Error> {
    let meta_series = &view.series.meta;
    let unit = meta_series.unit;
    let path = routes::series(&meta_series.id);
    let links = Links::from_page(&path);
    let mut ids = FigureIds::default();
    let mut figures = Vec::new();
    for planned in data.plan.charts(&PageKey::Series(meta_series.id.clone())) {
        figures.push(chart_figure(data, &planned.request, links, &mut ids)?);
    }
    let start = view.series.points.first().map(|p| p.week.start());
    let recent_from = view.series.points.len().saturating_sub(TABLE_WEEKS);
    let has_gross = view.series.points.iter().any(|p| p.acquisition.is_some());
    let breaks_in_2014 = meta_series.id.ends_with("-equity") || meta_series.id.ends_with("-long-term-debt");
    let description = format!("{}: weekly figures, year-to-date totals and charts.", meta_series.title);
    let content = html! {
        h1 { (meta_series.title) }
        @if let (Some(latest), Some(start)) = (view.latest(), start) {
            p class="standfirst" { (headline(meta_series, latest)) " in the week to " (long_date(latest.week.end())) "." }
            p { (week_summary(meta_series, latest, start).join(" ")) }
        }
        @for figure in &figures { (figure) }
        section aria-labelledby="recent-weeks" {
            h2 id="recent-weeks" { "Recent weeks" }
            div class="table-scroll" tabindex="0" role="region" aria-label="Table, scrolls sideways" {
                table {
                    caption { "Last " (TABLE_WEEKS) " weeks, newest first. Net = acquisition − disposition; + net buying, − net selling." }
                    thead {
                        tr {
                            th scope="col" { "Week" }
                            @if has_gross {
                                th scope="col" class="num" { "Bought" }
                                th scope="col" class="num" { "Sold" }
                            }
                            th scope="col" class="num" { "Net" }
                            th scope="col" class="num" { "Change on week" }
                            th scope="col" class="num" { "Year to date" }
                            th scope="col" { "Source cell" }
                        }
                    }
                    tbody {
                        @for (index, point) in view.series.points.iter().enumerate().skip(recent_from).rev() {
                            tr {
                                th scope="row" class="nowrap" { time datetime=(point.week.end().format("%Y-%m-%d").to_string()) { (point.week) } }
                                @if has_gross {
                                    td class="num" { (point.acquisition.map(|v| wire_amount(unit, v)).unwrap_or_default()) }
                                    td class="num" { (point.disposition.map(|v| wire_amount(unit, v)).unwrap_or_default()) }
                                }
                                td class="num" { (signed_amount(unit, point.net)) }
                                td class="num" { (view.facts.get(index).and_then(|f| f.change).map(|v| signed_amount(unit, v)).unwrap_or_default()) }
                                td class="num" { (view.facts.get(index).and_then(|f| f.ytd).map(|ytd| signed_amount(unit, ytd.total)).unwrap_or_default()) }
                                td { code { (point.cell.path) ":" (point.cell.line) ":" (point.cell.column) } }
                            }
                        }
                    }
                }
            }
            p { a href=(links.to(&routes::series_csv(&meta_series.id))) { "Every week since " (start.map(long_date).unwrap_or_default()) " as CSV" } }
        }
        section aria-labelledby="about-series" {
            h2 id="about-series" { "About this series" }
            p {
                "Published as “" (meta_series.published_label) "” by the " (view.dataset.source.publisher) " in "
                em { (view.dataset.source.title) } ", release of " (long_date(view.dataset.source.version)) ". "
                "Weeks run Sunday to Saturday; year-to-date totals count a week in the year of its Monday, as news reports do."
            }
            @if breaks_in_2014 {
                p { "From January 2014, investment funds of the contractual type moved from long-term debt securities to equity and investment fund shares, so this series is not comparable across that month (the subtotal and total are unaffected)." }
            }
        }
    };
    let meta = PageMeta {
        path: &path,
        title: &meta_series.title,
        description: &description,
    };
    Ok(html_file(&path, page_frame(data, &meta, content)))
}
