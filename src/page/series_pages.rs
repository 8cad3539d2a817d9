//! One page per series (charts, a table of recent weeks, its source) and
//! the index of all series. Each page is a plain model built first, then
//! laid out by small views.

use super::chrome::Chrome;
use super::figure::{FigureIds, chart_figure};
use super::layout::{Links, PageMeta, page_frame};
use super::routes;
use super::tables::{amount, week_cell};
use super::{Emit, PageKey, RenderedFile, SeriesView, SiteData, html_file};
use crate::error::Error;
use crate::model::{Amount, SeriesMeta, SourceInfo, Week};
use crate::series::MonthlyView;
use chrono::NaiveDate;
use maud::{Markup, html};

/// How many weeks the table of recent weeks lists.
const TABLE_WEEKS: usize = 12;

/// Renders `series/index.html` and `series/<id>/index.html` for each series.
pub fn render_series_pages(data: &SiteData<'_>, emit: &Emit<'_>) -> Result<(), Error> {
    let all = data.all_series();
    emit(render_index(data, &all))?;
    for view in &all {
        emit(render_series(data, view)?)?;
    }
    Ok(())
}

/// A line of the index: a series and its latest figure.
struct IndexEntry<'a> {
    id: &'a str,
    title: &'a str,
    /// The latest period, as a reader writes it.
    period: String,
    latest: String,
}

fn render_index(data: &SiteData<'_>, all: &[SeriesView<'_>]) -> RenderedFile {
    let chrome = data.chrome();
    let path = routes::SERIES_INDEX;
    let weekly: Vec<IndexEntry<'_>> = all
        .iter()
        .filter_map(|view| {
            let latest = view.latest()?;
            let meta = &view.series.meta;
            Some(IndexEntry {
                id: &meta.id,
                title: &meta.title,
                period: data.phrasebook().dateline(latest.week),
                latest: (chrome.signed_amount)(meta.unit, latest.net),
            })
        })
        .collect();
    let monthly: Vec<IndexEntry<'_>> = data.analysis.monthly.iter().filter_map(monthly_entry(chrome)).collect();
    let links = data.links(path);
    let content = html! {
        h1 { (chrome.series_index_title) }
        p class="standfirst" { (chrome.series_index_intro) }
        @if monthly.is_empty() {
            (index_list(&weekly, links))
        } @else {
            h2 { (chrome.weekly_series_heading) }
            (index_list(&weekly, links))
            h2 { (chrome.monthly_series_heading) }
            (index_list(&monthly, links))
        }
    };
    let meta = PageMeta::new(path, chrome.series_index_title, chrome.series_index_description);
    html_file(path, page_frame(data, &meta, content))
}

fn monthly_entry(chrome: &Chrome) -> impl Fn(&MonthlyView) -> Option<IndexEntry<'_>> + '_ {
    move |view| {
        let latest = view.series.points.last()?;
        let meta = &view.series.meta;
        Some(IndexEntry {
            id: &meta.id,
            title: &meta.title,
            period: (chrome.month_name)(latest.month.first_day()),
            latest: (chrome.signed_amount)(meta.unit, latest.net),
        })
    }
}

fn index_list(entries: &[IndexEntry<'_>], links: Links<'_>) -> Markup {
    html! {
        ul class="item-list" {
            @for entry in entries {
                li {
                    a href=(links.to(&routes::series(entry.id))) { (entry.title) }
                    p { (entry.period) ": " (amount(entry.latest.clone())) }
                }
            }
        }
    }
}

/// A series page, before layout.
struct SeriesPage<'a> {
    path: String,
    meta: &'a SeriesMeta,
    source: &'a SourceInfo,
    /// "Foreign investors net sold ¥1.52 trillion of Japanese stocks in the week to …".
    standfirst: Option<String>,
    /// The week in a few sentences.
    summary: Option<String>,
    figures: Vec<Markup>,
    recent: Vec<RecentWeek>,
    /// Whether the publisher gives gross purchases and sales.
    has_gross: bool,
    /// The first day of the data.
    start: Option<NaiveDate>,
    /// A note for each break in what the series counts.
    break_notes: Vec<String>,
}

/// A row of the table of recent weeks.
struct RecentWeek {
    week: Week,
    net: Amount,
    change: Option<Amount>,
    ytd: Option<Amount>,
    bought: Option<Amount>,
    sold: Option<Amount>,
}

fn series_page<'a>(data: &'a SiteData<'_>, view: &SeriesView<'a>) -> Result<SeriesPage<'a>, Error> {
    let meta = &view.series.meta;
    let chrome = data.chrome();
    let path = routes::series(&meta.id);
    let links = data.links(&path);
    let mut ids = FigureIds::default();
    let mut figures = Vec::new();
    for planned in data.plan.charts(&PageKey::Series(meta.id.clone())) {
        figures.push(chart_figure(data, &planned.request, links, &mut ids)?);
    }
    let start = view.series.points.first().map(|p| p.week.start());
    let latest = view.latest();
    let recent_from = view.series.points.len().saturating_sub(TABLE_WEEKS);
    let recent = view
        .series
        .points
        .iter()
        .zip(view.facts)
        .skip(recent_from)
        .rev()
        .map(|(point, facts)| RecentWeek {
            week: point.week,
            net: point.net,
            change: facts.change,
            ytd: facts.ytd.map(|ytd| ytd.total),
            bought: point.acquisition,
            sold: point.disposition,
        })
        .collect();
    Ok(SeriesPage {
        meta,
        source: &view.dataset.source,
        standfirst: latest
            .map(|latest| data.phrasebook().net_clause(meta, latest.net) + &(chrome.in_week_to)(latest.week.end())),
        summary: latest.zip(start).map(|(latest, start)| {
            data.phrasebook()
                .week_summary(meta, latest, start)
                .join(data.chrome().sentence_gap)
        }),
        figures,
        recent,
        has_gross: view.series.points.iter().any(|p| p.acquisition.is_some()),
        start,
        break_notes: meta
            .breaks
            .iter()
            .map(|found| data.phrasebook().break_note(*found))
            .collect(),
        path,
    })
}

fn render_series(data: &SiteData<'_>, view: &SeriesView<'_>) -> Result<RenderedFile, Error> {
    let page = series_page(data, view)?;
    let chrome = data.chrome();
    let links = data.links(&page.path);
    let content = html! {
        h1 { (page.meta.title) }
        @if let Some(standfirst) = &page.standfirst { p class="standfirst" { (standfirst) } }
        @if let Some(summary) = &page.summary { p { (summary) } }
        @for figure in &page.figures { (figure) }
        (recent_weeks(&page, chrome, links))
        (about_series(&page, chrome, links))
    };
    let description = (chrome.series_description)(&page.meta.title);
    let meta = PageMeta::new(&page.path, &page.meta.title, &description);
    Ok(html_file(&page.path, page_frame(data, &meta, content)))
}

/// The table of recent weeks: the net figure first, then the year to
/// date; the change on the week and gross figures last, where a phone
/// drops them.
fn recent_weeks(page: &SeriesPage<'_>, chrome: &Chrome, links: Links<'_>) -> Markup {
    let unit = page.meta.unit;
    let cell = |value: Option<Amount>| value.map(|v| (chrome.table_amount)(unit, v)).unwrap_or_default();
    html! {
        section aria-labelledby="recent-weeks" {
            h2 id="recent-weeks" { (chrome.recent_weeks_heading) }
            table class="figures" {
                caption { ((chrome.recent_weeks_caption)(page.recent.len())) }
                thead { tr {
                    th scope="col" { (chrome.week_header) }
                    th scope="col" class="num" { ((chrome.net_header)(unit)) }
                    th scope="col" class="num" { ((chrome.ytd_header)(unit)) }
                    th scope="col" class="num minor" { ((chrome.change_header)(unit)) }
                    @if page.has_gross {
                        th scope="col" class="num minor" { ((chrome.bought_header)(unit)) }
                        th scope="col" class="num minor" { ((chrome.sold_header)(unit)) }
                    }
                } }
                tbody {
                    @for row in &page.recent {
                        tr {
                            th scope="row" { (week_cell(&(chrome.week_range)(row.week))) }
                            td class="num" { ((chrome.table_amount)(unit, row.net)) }
                            td class="num" { (cell(row.ytd)) }
                            td class="num minor" { (cell(row.change)) }
                            @if page.has_gross {
                                td class="num minor" { (cell(row.bought)) }
                                td class="num minor" { (cell(row.sold)) }
                            }
                        }
                    }
                }
            }
            @if let Some(start) = page.start {
                p class="downloads" {
                    ((chrome.every_week_since)(start)) " "
                    a href=(links.shared(&routes::series_csv(&page.meta.id))) { "CSV" } ", "
                    a href=(links.shared(&routes::series_json(&page.meta.id))) { "JSON" }
                }
            }
        }
    }
}

/// Where the series comes from, the week rule, and its breaks.
fn about_series(page: &SeriesPage<'_>, chrome: &Chrome, links: Links<'_>) -> Markup {
    html! {
        section aria-labelledby="about-series" {
            h2 id="about-series" { (chrome.about_series_heading) }
            p { ((chrome.published_as)(page.meta, page.source, chrome.long_date)) }
            @for note in &page.break_notes { p { (note) } }
            p {
                (chrome.week_rule) (chrome.sentence_gap)
                a href=(links.to(routes::METHODOLOGY)) { (chrome.more_on_method) } (chrome.full_stop)
            }
        }
    }
}
